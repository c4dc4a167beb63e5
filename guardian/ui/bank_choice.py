"""Call my bank: the bank the family chose, or the bank hotlines to pick from, a page at a time.

The banks come a few to a page (fewer at the larger text sizes), with a big "next page" and
"previous page", so the list never hides behind a scroll bar. A bank not in the list: the
number on the back of the person's own card, said on every page and shown on the last.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from guardian.core.content import HotlineKind
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label


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
        # The person's own bank (chosen by the family) comes first.
        own = ctx.bank_hotline
        banks.sort(key=lambda bank: bank.id != own)
        theme = ctx.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 12, 36, 14)
        outer.setSpacing(12)
        self.prompt = ctx.t("bank.verify_prompt" if verify else "bank.prompt")
        self.prompt_label = label(self.prompt, "title" if theme.roomy else "heading")
        outer.addWidget(self.prompt_label)
        zh = ctx.lang == "zh"
        # Each bank on one line at the larger text sizes: fewer to a page, in body-size words
        # (English names are long: one to a row).
        columns = (3 if zh else 2) if theme.roomy else (2 if zh else 1)
        rows = 3 if theme.roomy else 2
        role = "tile" if theme.roomy else None
        per_page = columns * rows
        self.pages = QStackedWidget()
        self.buttons: dict[str, BigButton] = {}
        self.page_of: dict[str, int] = {}
        for start in range(0, len(banks), per_page):
            page = QWidget()
            grid = QGridLayout(page)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(14)
            for index, bank in enumerate(banks[start : start + per_page]):
                name = ctx.pick(bank.name)
                if zh:
                    text = f"{name}\n{bank.number}" if theme.roomy else f"{name}  {bank.number}"
                else:
                    text = name
                button = BigButton(text, None, role=role, description=bank.number)
                button.setAccessibleName(f"{name} {bank.number}")
                button.clicked.connect(
                    lambda _=False, b=bank.id: ctx.navigator().open(
                        "hotline_card", hotline_id=b, verify=verify
                    )
                )
                grid.addWidget(button, index // columns, index % columns)
                self.buttons[bank.id] = button
                self.page_of[bank.id] = self.pages.count()
            for row in range(rows):
                grid.setRowStretch(row, 1)
            for column in range(columns):
                grid.setColumnStretch(column, 1)
            self.pages.addWidget(page)
        # Any other bank: the number on the back of the person's own card, on a last page of
        # its own (and said on every page). The verify prompt says it first.
        self.card_back = label(ctx.t("bank.card_back"), "title" if theme.roomy else "heading")
        if not verify:
            last = QWidget()
            last_layout = QVBoxLayout(last)
            last_layout.setContentsMargins(0, 0, 0, 0)
            last_layout.addWidget(self.card_back)
            # Not even the card at hand: the police first, they can stop a payment too.
            self.dont_know = BigButton(
                ctx.t("bank.dont_know"),
                "police",
                role="danger",
                icon_px=theme.button_icon_px,
                description=ctx.t("bank.dont_know_description"),
            )
            self.dont_know.clicked.connect(lambda: ctx.navigator().open("call_police"))
            last_layout.addWidget(self.dont_know)
            last_layout.addStretch(1)
            self.pages.addWidget(last)
        outer.addWidget(self.pages, 1)
        turn = QHBoxLayout()
        turn.setSpacing(24)
        px = theme.button_icon_px
        self.previous_page = BigButton(ctx.t("bank.previous_page"), "back", role=None, icon_px=px)
        self.next_page = BigButton(ctx.t("bank.next_page"), "next", role="tile", icon_px=px)
        for button in (self.previous_page, self.next_page):
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
        self.previous_page.clicked.connect(lambda: self.show_page(self.pages.currentIndex() - 1))
        self.next_page.clicked.connect(lambda: self.show_page(self.pages.currentIndex() + 1))
        self.page_label = label("", "heading")
        turn.addWidget(self.previous_page, 1)
        turn.addWidget(self.page_label, 1)
        turn.addWidget(self.next_page, 1)
        outer.addLayout(turn)
        self.show_page(0, say=False)

    def show_page(self, index: int, *, say: bool = True) -> None:
        """Show page ``index`` of the banks (clamped to the pages there are)."""
        index = max(0, min(self.pages.count() - 1, index))
        self.pages.setCurrentIndex(index)
        total = self.pages.count()
        self.page_label.setText(self.ctx.t("bank.page", number=index + 1, total=total))
        self.previous_page.setVisible(index > 0)
        self.next_page.setVisible(index + 1 < total)
        if say:
            self.ctx.say(self.spoken_text())

    def shown_banks(self) -> list[str]:
        """The ids of the banks on the page shown."""
        return [bank for bank, page in self.page_of.items() if page == self.pages.currentIndex()]

    def spoken_text(self) -> str:
        """The prompt, the banks on the page, what to do when the bank is not in the list."""
        ctx = self.ctx
        joiner = "、" if ctx.lang == "zh" else ", "
        names = joiner.join(ctx.pick(ctx.content.hotline(b).name) for b in self.shown_banks())
        more = ctx.t("bank.more_pages") if self.next_page.isVisibleTo(self) else ""
        card_back = "" if self.verify else ctx.t("bank.card_back")
        dont_know = "" if self.verify else ctx.t("bank.dont_know")
        return ctx.sentences(self.prompt, self.page_label.text(), names, more, card_back, dont_know)
