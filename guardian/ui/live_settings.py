"""The one owner of the person's live preferences: it holds them, applies them and saves them.

Language, text size, reading aloud, the voice's speed and loudness, the person's bank and how
the family calls the person live here and nowhere else. Each change goes through a typed setter,
which applies it (the speed and loudness to the speaker), says so once with :attr:`changed`
(the name of what changed) and saves every preference through the job runner, as one job of
:func:`guardian.services.settings.save_preferences`. No screen gathers the preferences to save.

The demo speaks slower for a room: :meth:`LiveSettings.hold_speech_rate` lends the speaker
another speed without making it the person's preference, and
:meth:`LiveSettings.release_speech_rate` gives the person's speed back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, Signal

from guardian.core.i18n import LANGS, Lang
from guardian.core.preferences import RATE_RANGE, Preferences
from guardian.services.jobs import JobRunner, NothingSaved
from guardian.speech.speaker import Speaker
from guardian.ui.theme import clamp_step

log = logging.getLogger(__name__)

LANG: Final = "lang"
TEXT_STEP: Final = "text_step"
AUTO_READ: Final = "auto_read"
SPEECH_RATE: Final = "speech_rate"
SPEECH_VOLUME: Final = "speech_volume"
BANK_HOTLINE: Final = "bank_hotline"
#: The names :attr:`LiveSettings.changed` carries, one for each setter.
NAMES: Final = (LANG, TEXT_STEP, AUTO_READ, SPEECH_RATE, SPEECH_VOLUME, BANK_HOTLINE)


class LiveSettings(QObject):
    """The person's preferences as the app uses them now, with a signal when one changes.

    Built from the stored preferences; the speech speed and loudness among them are applied to
    ``speaker`` at once. The voice engine is not held here: it is chosen outside the screens,
    and each save keeps the stored one.

    Args:
        speaker: reads text aloud; it gets the speed and loudness.
        preferences: the starting values (the defaults when omitted).
        disk: runs the saving jobs; omitted, nothing is saved
            (:class:`~guardian.services.jobs.NothingSaved`).
        follow_speaker: take the speed and loudness from ``speaker`` as they are (nothing
            changes in it) instead of those of ``preferences``: for a context built without
            stored preferences (a screen on its own, the demo's presenter).
        parent: the Qt parent.

    Attributes:
        disk: the runner each save goes to (the context keeps it the same as its own).

    Signals:
        changed(str): one preference changed; the argument is its name, one of :data:`NAMES`.
        saved(object): a save finished; the argument is the
            :class:`~guardian.core.preferences.Preferences` as stored.
        save_failed(): a save did not reach the disk (the reason is in the log).
    """

    changed = Signal(str)
    saved = Signal(object)
    save_failed = Signal()

    def __init__(
        self,
        speaker: Speaker,
        preferences: Preferences | None = None,
        *,
        disk: JobRunner | None = None,
        follow_speaker: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        prefs = preferences if preferences is not None else Preferences()
        self.disk: JobRunner = disk if disk is not None else NothingSaved()
        self._speaker = speaker
        self._lang: Lang = prefs.lang
        self._text_step = clamp_step(prefs.text_step)
        self._auto_read = prefs.auto_read
        self._bank_hotline = prefs.bank_hotline or None
        self._person_name = prefs.person_name
        self._held_rate: int | None = None
        self._holding = False
        if follow_speaker:
            self._speech_rate = speaker.rate
            self._speech_volume = speaker.volume
        else:
            self._speech_rate = _rate_in_range(prefs.speech_rate)
            self._speech_volume = _volume_in_range(prefs.speech_volume)
            speaker.set_rate(self._speech_rate)
            speaker.set_volume(self._speech_volume)

    # -- reading -----------------------------------------------------------------------------

    @property
    def lang(self) -> Lang:
        """The language of the screens and the voice."""
        return self._lang

    @property
    def text_step(self) -> int:
        """The text-size step."""
        return self._text_step

    @property
    def auto_read(self) -> bool:
        """Whether each screen is read aloud when it opens."""
        return self._auto_read

    @property
    def speech_rate(self) -> int | None:
        """The person's speed in words per minute (None: each language's own default)."""
        return self._speech_rate

    def rate_for(self, lang: Lang | None = None) -> int:
        """The person's speed for ``lang`` (the current language when omitted)."""
        if self._speech_rate is not None:
            return self._speech_rate
        return Speaker.DEFAULT_RATE[lang or self._lang]

    @property
    def speech_volume(self) -> float:
        """The loudness, from 0.0 to 1.0."""
        return self._speech_volume

    @property
    def bank_hotline(self) -> str | None:
        """The hotline id of the person's own bank (None: not chosen)."""
        return self._bank_hotline

    @property
    def person_name(self) -> str:
        """How the family calls the person in alerts (empty: neutral words)."""
        return self._person_name

    def preferences(self) -> Preferences:
        """Everything held here as preferences (the voice engine left at its default)."""
        return Preferences(
            lang=self._lang,
            text_step=self._text_step,
            auto_read=self._auto_read,
            speech_rate=self._speech_rate,
            speech_volume=round(self._speech_volume, 2),
            bank_hotline=self._bank_hotline,
            person_name=self._person_name,
        )

    # -- changing ----------------------------------------------------------------------------

    def set_lang(self, lang: Lang) -> None:
        """Switch the language of the screens and the voice."""
        if lang not in LANGS:
            raise ValueError(f"unknown language: {lang!r}")
        if lang != self._lang:
            self._lang = lang
            self._changed(LANG)

    def set_text_step(self, step: int) -> None:
        """Change the text size (clamped to the available steps)."""
        step = clamp_step(step)
        if step != self._text_step:
            self._text_step = step
            self._changed(TEXT_STEP)

    def set_auto_read(self, on: bool) -> None:
        """Turn reading each screen aloud on or off."""
        on = bool(on)
        if on != self._auto_read:
            self._auto_read = on
            self._changed(AUTO_READ)

    def set_speech_rate(self, rate: int | None) -> None:
        """Make ``rate`` the person's speed (kept within the allowed range; None: default)."""
        rate = _rate_in_range(rate)
        if rate != self._speech_rate:
            self._speech_rate = rate
            if not self._holding:
                self._speaker.set_rate(rate)
            self._changed(SPEECH_RATE)

    def set_speech_volume(self, volume: float) -> None:
        """Make ``volume`` the loudness (0.0 to 1.0, to two decimals)."""
        volume = _volume_in_range(volume)
        if volume != self._speech_volume:
            self._speech_volume = volume
            self._speaker.set_volume(volume)
            self._changed(SPEECH_VOLUME)

    def set_bank_hotline(self, bank: str | None) -> None:
        """Make ``bank`` (a hotline id) the person's bank; None or empty: no bank."""
        bank = bank or None
        if bank != self._bank_hotline:
            self._bank_hotline = bank
            self._changed(BANK_HOTLINE)

    # -- a speed lent for a while --------------------------------------------------------------

    def hold_speech_rate(self, rate: int) -> None:
        """Let the speaker speak at ``rate`` until :meth:`release_speech_rate`.

        The person's speed stays what it was: it is not changed, announced or saved.
        """
        self._holding = True
        self._held_rate = rate
        self._speaker.set_rate(rate)

    def release_speech_rate(self) -> None:
        """Give the speaker the person's own speed back (nothing happens when none is lent)."""
        if self._holding:
            self._holding = False
            self._held_rate = None
            self._speaker.set_rate(self._speech_rate)

    @property
    def held_rate(self) -> int | None:
        """The speed lent by :meth:`hold_speech_rate`, or None when the person's own is used."""
        return self._held_rate

    # -- saving ------------------------------------------------------------------------------

    def save(
        self,
        on_done: Callable[[Preferences], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> bool:
        """Save every preference now through the job runner; False when nothing can be saved.

        Each setter saves by itself; this is for a screen that wants the answer. The stored
        voice engine is kept (see :func:`guardian.services.settings.save_preferences`), so a
        save made just after another one never brings an older value back.
        """
        disk = self.disk
        if not disk.accepting_jobs:
            return False
        # Loaded here and not with this module: the first paint does not wait for the database
        # code.
        from guardian.services.settings import save_preferences

        def done(stored: Preferences) -> None:
            self.saved.emit(stored)
            if on_done is not None:
                on_done(stored)

        def failed(error: Exception) -> None:
            log.error("the preferences were not saved: %s", error)
            self.save_failed.emit()
            if on_error is not None:
                on_error(error)

        disk.submit(save_preferences(self.preferences()), on_done=done, on_error=failed)
        return True

    def _changed(self, name: str) -> None:
        self.changed.emit(name)
        self.save()


def _rate_in_range(rate: int | None) -> int | None:
    if rate is None:
        return None
    low, high = RATE_RANGE
    return max(low, min(high, int(rate)))


def _volume_in_range(volume: float) -> float:
    return round(max(0.0, min(1.0, float(volume))), 2)
