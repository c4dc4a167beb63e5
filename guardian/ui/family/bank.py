"""The person's own bank: its hotline is then one press away in "I already sent money"."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from guardian.core.content import Hotline, HotlineKind
from guardian.core.preferences import Preferences
from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.live_settings import BANK_HOTLINE
from guardian.ui.widgets import BigButton, label

NO_BANK = ""


class BankSettingScreen(FamilyScreen):
    """Every bank hotline as a big button, and "not set"; a press saves the choice.

    The choice goes to the live settings (``ctx.settings.set_bank_hotline``), which save it
    once; the page shows the new choice when the settings say it changed, and a message when
    the save fails.

    Args:
        ctx: the shared app context (the choice is kept in its settings' ``bank_hotline``).

    Attributes:
        saved: the preferences as last stored since the page opened (None: none yet).
    """

    title_key = "family.bank_title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.saved: Preferences | None = None
        self.banks: list[Hotline] = [
            h for h in ctx.content.hotlines.values() if h.kind == HotlineKind.BANK
        ]
        self.body.addWidget(label(ctx.t("family.bank_prompt"), "heading"))
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = 3 if ctx.lang == "zh" and ctx.theme.roomy else 2
        self.buttons: dict[str, BigButton] = {}
        for index, bank in enumerate([None, *self.banks]):
            bank_id = bank.id if bank is not None else NO_BANK
            button = BigButton(self._name(bank_id), None, role=None)
            button.clicked.connect(lambda _=False, b=bank_id: self.choose(b))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[bank_id] = button
        self.body.addLayout(grid)
        self.body.addStretch(1)
        self._update()
        ctx.settings.changed.connect(self._setting_changed)
        ctx.settings.saved.connect(self._saved)
        ctx.settings.save_failed.connect(self._failed)

    def spoken_text(self) -> str:
        """The title, the question and the current choice."""
        ctx = self.ctx
        return ctx.sentences(self.title(), ctx.t("family.bank_prompt"), self._current_words())

    def chosen(self) -> str:
        """The hotline id of the chosen bank, or empty when none is set."""
        bank = self.ctx.bank_hotline
        return bank if bank is not None and bank in self.buttons else NO_BANK

    def choose(self, bank_id: str) -> None:
        """Make ``bank_id`` the person's bank (empty: none); the settings apply and save it.

        The same bank again changes nothing and saves nothing: the page says the choice again.
        """
        settings = self.ctx.settings
        bank = bank_id or None
        if bank == settings.bank_hotline:
            self._show_choice()
        else:
            settings.set_bank_hotline(bank)  # shown through _setting_changed, then saved

    def _setting_changed(self, name: str) -> None:
        # Shown and read before the settings save it, so a failed save's message comes last.
        if name == BANK_HOTLINE and not self.closed:
            self._show_choice()

    def _show_choice(self) -> None:
        self._update()
        self.show_message(self._current_words())

    def _saved(self, prefs: Preferences) -> None:
        self.saved = prefs

    def _failed(self) -> None:
        if not self.closed:
            self.show_message(self.ctx.t("family.save_failed"))

    def _name(self, bank_id: str) -> str:
        if not bank_id:
            return self.ctx.t("family.bank_none")
        bank = self.ctx.content.hotlines[bank_id]
        return self.ctx.t("family.bank_entry", name=self.ctx.pick(bank.name), number=bank.number)

    def _current_words(self) -> str:
        chosen = self.chosen()
        if not chosen:
            return self.ctx.t("family.bank_is_none")
        return self.ctx.t("family.bank_is", bank=self._name(chosen))

    def _update(self) -> None:
        chosen = self.chosen()
        for bank_id, button in self.buttons.items():
            text = self._name(bank_id)
            if bank_id == chosen:
                text = self.ctx.t("family.chosen", name=text)
            button.text_widget.setText(text)
            button.setAccessibleName(text)
