"""Call them yourself and ask: the public numbers to check what a caller or a message said.

Only numbers from the hotlines file are offered (``hotlines.toml``), never one the caller gave
or a message holds. One number opens its card at once (read aloud digit by digit); several
open a list of them; the person's own bank is the one the family chose, else the number on the
back of their card.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from guardian.core.content import VerifyTarget
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, scrolling

OWN_BANK = "own_bank"
"""The key of the "your bank" button in :attr:`VerifyScreen.buttons`."""


class VerifyScreen(Screen):
    """The public numbers to call to check a story, each a big button that opens its card.

    Args:
        ctx: the shared app context.
        target: whom to call (the person's own bank already put in by
            :func:`guardian.ui.verify_widgets.resolved`).
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
            button.clicked.connect(lambda: ctx.navigator().open("bank_choice", verify=True))
            layout.addWidget(button)
            self.buttons[OWN_BANK] = button
        for hotline_id in target.hotlines:
            hotline = ctx.content.hotline(hotline_id)
            words = ctx.t("verify.entry", name=ctx.pick(hotline.name), number=hotline.number)
            button = BigButton(words, "call", role="tile", icon_px=px, description=hotline.number)
            button.clicked.connect(
                lambda _=False, h=hotline_id: ctx.navigator().open(
                    "hotline_card", hotline_id=h, verify=True
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
