"""The family settings, opened with the PIN: one big button for each thing the family sets up."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QGridLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.family.setup_checklist import SetupChecklist
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

# The route each button opens ("autostart" switches in place). Demo mode opens here (or by
# ``guardian --demo``), not on the older person's home.
HUB_ROUTES: dict[str, str] = {
    "contacts": "family_contacts",
    "channels": "family_channels",
    "voice": "family_voice",
    "display": "family_display",
    "bank": "family_bank",
    "history": "history",
    "outbox": "family_outbox",
    "pin": "family_change_pin",
    "data": "family_data",
    "doctor": "family_doctor",
    "demo": "demo",
}


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
        self.checklist = SetupChecklist(self)  # what the first set-up still misses, if anything
        self.body.addWidget(self.checklist)
        grid = QGridLayout()
        grid.setSpacing(16)
        roomy = ctx.theme.roomy
        columns = 3 if roomy else 2
        self.buttons: dict[str, BigButton] = {}
        openers: dict[str, Callable[[], None]] = {"autostart": self.toggle_autostart}
        for name, route in HUB_ROUTES.items():
            openers[name] = partial(self.open_route, route)
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

    def open_route(self, route: str) -> None:
        """Open one page of the settings by its route name."""
        self.ctx.navigator().open(route)

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
