"""The family settings, opened with the PIN: one big button for each thing the family sets up."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label

log = logging.getLogger(__name__)

# (name, catalog key, pictogram) of each button, in reading order.
HUB_ITEMS: tuple[tuple[str, str, str | None], ...] = (
    ("contacts", "family.contacts", "family"),
    ("channels", "family.channels", "alert"),
    ("voice", "family.voice", "speaker"),
    ("display", "family.display", "language"),
    ("bank", "family.bank", "bank"),
    ("history", "family.history", "history"),
    ("outbox", "family.outbox", "outbox"),
    ("pin", "family.change_pin", "settings_lock"),
    ("data", "family.data", None),
    ("doctor", "family.doctor", "computer_check"),
    ("autostart", "family.autostart", "power"),
    ("demo", "family.demo", "demo"),
)


class FamilySettingsScreen(FamilyScreen):
    """The settings hub: one big button for each thing the family sets up.

    Contacts, alert channels, voice, text size and language, the bank, the history, the
    alerts sent, the PIN, where the data lives, and demo mode for community talks.

    Args:
        ctx: the shared app context.
    """

    title_key = "family.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.body.addWidget(label(ctx.t("family.hub_intro"), "soft"))
        from guardian.ui.family.setup import SetupChecklist

        self.checklist = SetupChecklist(self)  # what the first set-up still misses, if anything
        self.body.addWidget(self.checklist)
        grid = QGridLayout()
        grid.setSpacing(16)
        roomy = ctx.theme.roomy
        columns = 3 if roomy else 2
        self.buttons: dict[str, BigButton] = {}
        openers: dict[str, Callable[[], None]] = {
            "contacts": lambda: self._show(self._contacts(False)),
            "channels": lambda: self._show(self._contacts(True)),
            "voice": lambda: self._show(self._voice()),
            "display": lambda: self._show(self._display()),
            "bank": lambda: self._show(self._bank()),
            "history": lambda: ctx.navigator().open("history"),
            "outbox": lambda: self._show(self._outbox()),
            "pin": lambda: self._show(self._pin()),
            "data": lambda: self._show(self._data()),
            "doctor": lambda: self._show(self._doctor()),
            "autostart": self.toggle_autostart,
            # Demo mode opens here (or by ``guardian --demo``), not on the older person's home.
            "demo": lambda: ctx.navigator().open("demo"),
        }
        for index, (name, key, icon) in enumerate(HUB_ITEMS):
            button = BigButton(
                ctx.t(key),
                icon,
                role="tile",
                icon_px=round(ctx.theme.tile_icon_px * 0.8) if roomy else ctx.theme.button_icon_px,
                vertical=roomy,
                lines=1 if roomy else 0,
                description=ctx.t(f"{key}_description"),
            )
            button.clicked.connect(lambda _=False, o=openers[name]: o())
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[name] = button
        self.body.addLayout(grid, 1)
        self.autostart_message = label("", "banner")
        self.autostart_message.setVisible(False)
        self.body.addWidget(self.autostart_message)
        self._show_autostart()

    def spoken_text(self) -> str:
        """The title and what the page is for."""
        return self.ctx.sentences(self.title(), self.ctx.t("family.hub_intro"))

    def _show_autostart(self) -> None:
        from guardian.desktop import autostart_enabled

        key = "family.autostart_on" if autostart_enabled() else "family.autostart_off"
        button = self.buttons["autostart"]
        button.text_widget.setText(self.ctx.t(key))
        button.setAccessibleName(self.ctx.t(key))

    def toggle_autostart(self) -> None:
        """Switch "open Guardian when the computer starts" on or off, and say which."""
        from guardian.desktop import autostart_enabled, set_autostart

        try:
            set_autostart(not autostart_enabled(), lang=self.ctx.lang)
        except OSError as error:
            # The system's own words go to the log; the family reads what to do.
            log.warning("start-up could not be changed: %s", error)
            self.autostart_message.setText(self.ctx.t("family.autostart_failed"))
            self.autostart_message.setVisible(True)
        else:
            self.autostart_message.setVisible(False)
        self._show_autostart()
        self.checklist.refresh()  # "还差 N 项" counts start-up too
        self.ctx.say(self.buttons["autostart"].text_widget.text())

    def _show(self, screen: Screen) -> None:
        self.ctx.navigator().show_screen(screen)

    def _contacts(self, channels: bool) -> Screen:
        from guardian.ui.family.contacts import ContactListScreen

        return ContactListScreen(self.ctx, for_channels=channels)

    def _voice(self) -> Screen:
        from guardian.ui.family.voice import VoiceSettingsScreen

        return VoiceSettingsScreen(self.ctx)

    def _display(self) -> Screen:
        from guardian.ui.family.display import DisplaySettingsScreen

        return DisplaySettingsScreen(self.ctx)

    def _bank(self) -> Screen:
        from guardian.ui.family.bank import BankSettingScreen

        return BankSettingScreen(self.ctx)

    def _outbox(self) -> Screen:
        from guardian.ui.family.outbox_status import OutboxStatusScreen

        return OutboxStatusScreen(self.ctx)

    def _pin(self) -> Screen:
        from guardian.ui.family.pin import PinScreen

        return PinScreen(self.ctx, change=True)

    def _doctor(self) -> Screen:
        from guardian.ui.family.doctor_screen import DoctorScreen

        return DoctorScreen(self.ctx)

    def _data(self) -> Screen:
        from guardian.ui.family.data_folder import DataFolderScreen

        return DataFolderScreen(self.ctx)
