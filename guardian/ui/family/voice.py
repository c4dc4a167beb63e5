"""The voice: whether it can be heard (or why not), speed, loudness, reading aloud, a test."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from guardian.core.preferences import RATE_RANGE, Preferences
from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.live_settings import AUTO_READ, SPEECH_RATE, SPEECH_VOLUME
from guardian.ui.widgets import label

RATE_STEP = 20
VOLUME_STEP = 0.1
VOLUME_RANGE = (0.2, 1.0)


class VoiceSettingsScreen(FamilyScreen):
    """Slower/faster, quieter/louder, read-aloud on or off, and "test the voice".

    Every change goes through the live settings (``ctx.settings``), which apply it to the
    speaker and save it; the page shows and says what changed when the settings report it.

    Args:
        ctx: the shared app context.
    """

    title_key = "voice.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.saved: Preferences | None = None
        speaker = ctx.speaker
        if speaker.available:
            status = ctx.t("voice.status_ok")
        else:
            # The speech program's own words stay in the log (电脑体检 shows them on request).
            known = speaker.unavailable_reason
            reason = ctx.t("voice.cannot_play" if known else "voice.no_reason")
            status = ctx.t("voice.status_off", reason=reason)
        self.status = label(status, "heading")
        self.body.addWidget(self.status)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.rate_label = label("", "heading")
        self.slower = self.button("voice.slower", None, action=lambda: self.change_rate(-1))
        self.faster = self.button("voice.faster", None, action=lambda: self.change_rate(1))
        grid.addWidget(self.rate_label, 0, 0)
        grid.addWidget(self.slower, 0, 1)
        grid.addWidget(self.faster, 0, 2)
        self.volume_label = label("", "heading")
        self.quieter = self.button("voice.quieter", None, action=lambda: self.change_volume(-1))
        self.louder = self.button("voice.louder", None, action=lambda: self.change_volume(1))
        grid.addWidget(self.volume_label, 1, 0)
        grid.addWidget(self.quieter, 1, 1)
        grid.addWidget(self.louder, 1, 2)
        self.auto_label = label("", "heading")
        self.auto_button = self.button("voice.auto_off", None, action=self.toggle_auto_read)
        grid.addWidget(self.auto_label, 2, 0)
        grid.addWidget(self.auto_button, 2, 1, 1, 2)
        self.body.addLayout(grid)
        self.body.addStretch(1)
        self.test_button = self.button(
            "voice.test", "speaker", role="primary", action=self.test_voice
        )
        self.action_row.addWidget(self.test_button)
        self._update()
        ctx.settings.changed.connect(self._setting_changed)
        ctx.settings.saved.connect(self._saved)
        ctx.settings.save_failed.connect(self._save_failed)

    def spoken_text(self) -> str:
        """The title and whether the voice can be heard."""
        return self.ctx.sentences(self.title(), self.status.text())

    def rate(self) -> int:
        """The person's speed for the current language, in words per minute."""
        return self.ctx.settings.rate_for(self.ctx.lang)

    def change_rate(self, direction: int) -> None:
        """Speak slower (-1) or faster (+1), within the allowed range."""
        low, high = RATE_RANGE
        self.ctx.settings.set_speech_rate(max(low, min(high, self.rate() + direction * RATE_STEP)))

    def change_volume(self, direction: int) -> None:
        """Speak quieter (-1) or louder (+1), within the allowed range."""
        low, high = VOLUME_RANGE
        volume = self.ctx.settings.speech_volume + direction * VOLUME_STEP
        self.ctx.settings.set_speech_volume(round(max(low, min(high, volume)), 2))

    def toggle_auto_read(self) -> None:
        """Turn reading each screen aloud on or off."""
        self.ctx.settings.set_auto_read(not self.ctx.auto_read)

    def test_voice(self) -> None:
        """Say a sentence at the chosen speed and loudness."""
        self.ctx.say(self.ctx.t("voice.test_sentence"))

    def _setting_changed(self, name: str) -> None:
        # Shown and read at the new speed and loudness, before the settings save it.
        if self.closed:
            return
        ctx = self.ctx
        if name == SPEECH_RATE:
            text = ctx.t("voice.rate_now", rate=self.rate())
        elif name == SPEECH_VOLUME:
            text = ctx.t("voice.volume_now", percent=round(ctx.settings.speech_volume * 100))
        elif name == AUTO_READ:
            text = ctx.t("voice.auto_on_now" if ctx.auto_read else "voice.auto_off_now")
        else:
            return
        self._update()
        self.show_message(text)

    def _saved(self, prefs: Preferences) -> None:
        self.saved = prefs

    def _save_failed(self) -> None:
        if not self.closed:
            self.show_message(self.ctx.t("family.save_failed"))

    def _update(self) -> None:
        ctx = self.ctx
        low, high = RATE_RANGE
        rate = self.rate()
        self.rate_label.setText(ctx.t("voice.rate", rate=rate))
        self.slower.setEnabled(rate > low)
        self.faster.setEnabled(rate < high)
        volume = ctx.settings.speech_volume
        self.volume_label.setText(ctx.t("voice.volume", percent=round(volume * 100)))
        self.quieter.setEnabled(volume > VOLUME_RANGE[0] + 1e-6)
        self.louder.setEnabled(volume < VOLUME_RANGE[1] - 1e-6)
        self.auto_label.setText(ctx.t("voice.auto_is_on" if ctx.auto_read else "voice.auto_is_off"))
        key = "voice.auto_off" if ctx.auto_read else "voice.auto_on"
        self.auto_button.text_widget.setText(ctx.t(key))
        self.auto_button.setAccessibleName(ctx.t(key))
