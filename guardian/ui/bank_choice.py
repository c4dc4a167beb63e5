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

    A bank not in the list: the number on the back of the person's own card.

    Args:
        ctx: the shared app context.
        verify: the person calls to check what a caller or a message said: the number on the
            back of the card comes first, and the card says what to ask.
    """

    title_key = "bank.title"

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, verify: bool = False
    ) -> None:
        super().__init__(ctx, parent)
        self.verify = verify
        banks = [h for h in ctx.content.hotlines.values() if h.kind == HotlineKind.BANK]
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(36, 20, 36, 24)
        layout.setSpacing(18)
        self.prompt = ctx.t("bank.verify_prompt" if verify else "bank.prompt")
        layout.addWidget(label(self.prompt, "title"))
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
                lambda _=False, b=bank.id: ctx.navigator().show_screen(
                    HotlineScreen(ctx, b, verify=verify)
                )
            )
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[bank.id] = button
        layout.addLayout(grid)
        # Any other bank: the number on the back of the person's own card.
        self.card_back = label(ctx.t("bank.card_back"), "heading")
        self.card_back.setVisible(not verify)  # the verify prompt says it first
        layout.addWidget(self.card_back)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))

    def spoken_text(self) -> str:
        """The prompt, and what to do when the bank is not in the list."""
        if self.verify:
            return self.prompt
        return self.ctx.sentences(self.prompt, self.ctx.t("bank.card_back"))
