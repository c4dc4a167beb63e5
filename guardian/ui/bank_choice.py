"""Call my bank: the bank the family chose, or a list of bank hotlines to pick from."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from guardian.core.content import HotlineKind
from guardian.ui.context import AppContext
from guardian.ui.hotline import HotlineScreen
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, scrolling


class BankChoiceScreen(Screen):
    """Every bank hotline as a big button; pressing one shows its number card.

    Args:
        ctx: the shared app context.
    """

    title_key = "bank.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        banks = [h for h in ctx.content.hotlines.values() if h.kind == HotlineKind.BANK]
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(36, 20, 36, 24)
        layout.setSpacing(18)
        layout.addWidget(label(ctx.t("bank.prompt"), "title"))
        grid = QGridLayout()
        grid.setSpacing(14)
        columns = 3 if ctx.lang == "zh" and ctx.theme.roomy else 2
        self.buttons: dict[str, BigButton] = {}
        for index, bank in enumerate(banks):
            text = (
                f"{ctx.pick(bank.name)}  {bank.number}" if ctx.lang == "zh" else ctx.pick(bank.name)
            )
            button = BigButton(text, None, role="tile", description=bank.number)
            button.clicked.connect(
                lambda _=False, b=bank.id: ctx.navigator().show_screen(HotlineScreen(ctx, b))
            )
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[bank.id] = button
        layout.addLayout(grid)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))

    def spoken_text(self) -> str:
        """The prompt."""
        return self.ctx.t("bank.prompt")
