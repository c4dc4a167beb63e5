"""Call them yourself and ask: the public numbers to check what a caller or a message said.

Only numbers from the hotlines file are offered (``hotlines.toml``), never one the caller gave
or a message holds. One number opens its card at once (read aloud digit by digit); several
open a list of them; the person's own bank is the one the family chose, else the number on the
back of their card.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from guardian.core.content import VerifyTarget
from guardian.core.verify import with_own_bank
from guardian.ui.bank_choice import BankChoiceScreen
from guardian.ui.context import AppContext
from guardian.ui.hotline import HotlineScreen
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, scrolling

OWN_BANK = "own_bank"
"""The key of the "your bank" button in :attr:`VerifyScreen.buttons`."""


def resolved(ctx: AppContext, target: VerifyTarget | None) -> VerifyTarget | None:
    """``target`` with the bank the family chose in it, when it asks for the person's bank."""
    return with_own_bank(ctx.content, target, ctx.bank_hotline)


def verify_words(ctx: AppContext, target: VerifyTarget) -> str:
    """The words "call {name} yourself and ask", for ``target``."""
    return ctx.t("verify.button", name=ctx.pick(target.name))


def verify_button(ctx: AppContext, target: VerifyTarget) -> BigButton:
    """The one large button "call {name} yourself and ask" (the caller connects its press)."""
    return BigButton(
        verify_words(ctx, target),
        "call",
        role="tile",
        icon_px=ctx.theme.button_icon_px,
        description=ctx.t("verify.button_description"),
    )


def verify_screen(ctx: AppContext, target: VerifyTarget) -> Screen:
    """The screen for ``target``: one number's card, the banks, or the list of numbers."""
    target = resolved(ctx, target) or target
    if target.single is not None:
        return HotlineScreen(ctx, target.single, verify=True)
    if target.own_bank and not target.hotlines and not target.notes:
        return BankChoiceScreen(ctx, verify=True)
    return VerifyScreen(ctx, target)


class VerifyScreen(Screen):
    """The public numbers to call to check a story, each a big button that opens its card.

    Args:
        ctx: the shared app context.
        target: whom to call (the person's own bank already put in by :func:`resolved`).
    """

    title_key = "verify.title"

    def __init__(
        self, ctx: AppContext, target: VerifyTarget, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.target = target
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(36, 20, 36, 24)
        layout.setSpacing(18)
        layout.addWidget(label(ctx.t("verify.prompt"), "title"))
        self.notes = [ctx.pick(note) for note in target.notes]
        for note in self.notes:
            layout.addWidget(label(f"• {note}"))
        self.buttons: dict[str, BigButton] = {}
        px = ctx.theme.button_icon_px
        if target.own_bank:
            button = BigButton(ctx.t("verify.own_bank"), "call", role="tile", icon_px=px)
            button.clicked.connect(
                lambda: ctx.navigator().show_screen(BankChoiceScreen(ctx, verify=True))
            )
            layout.addWidget(button)
            self.buttons[OWN_BANK] = button
        for hotline_id in target.hotlines:
            hotline = ctx.content.hotline(hotline_id)
            words = ctx.t("verify.entry", name=ctx.pick(hotline.name), number=hotline.number)
            button = BigButton(words, "call", role="tile", icon_px=px, description=hotline.number)
            button.clicked.connect(
                lambda _=False, h=hotline_id: ctx.navigator().show_screen(
                    HotlineScreen(ctx, h, verify=True)
                )
            )
            layout.addWidget(button)
            self.buttons[hotline_id] = button
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))

    def spoken_text(self) -> str:
        """The prompt, the notes, and each name with its number (read digit by digit)."""
        ctx = self.ctx
        entries = [ctx.t("verify.own_bank")] if self.target.own_bank else []
        for hotline_id in self.target.hotlines:
            hotline = ctx.content.hotline(hotline_id)
            entries.append(
                ctx.t("verify.entry", name=ctx.pick(hotline.name), number=hotline.number)
            )
        return ctx.sentences(ctx.t("verify.prompt"), *self.notes, *entries)
