"""A hotline's card: the number in huge grouped digits, what to tell them, read aloud."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from guardian.core.content import HotlineKind
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import icon_label, label, page_layout, scrolling

HOTLINE_ICONS = {"110": "police", "96110": "hotline_96110"}


def group_digits(number: str) -> str:
    """Group a number for reading: 13812345678 -> 138 1234 5678; short numbers stay whole."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return digits


class HotlineScreen(Screen):
    """Shows a fixed number (110, 96110, a bank...) to dial, and what to tell them.

    Args:
        ctx: the shared app context.
        hotline_id: the id of the hotline in the content.
        verify: the person calls to check what a caller or a message said ("is it true?"),
            not to report a fraud.
    """

    def __init__(
        self,
        ctx: AppContext,
        hotline_id: str,
        parent: QWidget | None = None,
        *,
        verify: bool = False,
    ) -> None:
        super().__init__(ctx, parent)
        self.hotline = ctx.content.hotline(hotline_id)
        self.verify = verify
        body = QWidget()
        layout = page_layout(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))
        layout.addWidget(
            icon_label(HOTLINE_ICONS.get(self.hotline.number, "call"), ctx.theme.tile_icon_px),
            0,
            Qt.AlignmentFlag.AlignHCenter,
        )
        layout.addWidget(label(ctx.t("hotline.dial_on_phone"), "title"))
        self.number_label = label(group_digits(self.hotline.number), "number")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label.setAccessibleName(self.hotline.number)
        layout.addWidget(self.number_label)
        lines = [] if verify else [ctx.pick(line) for line in self.hotline.what_to_say]
        if not lines and self.hotline.kind == HotlineKind.BANK and not verify:
            lines = [ctx.t("hotline.bank_line1"), ctx.t("hotline.bank_line2")]
        if not lines:
            lines = [ctx.t("verify.line1"), ctx.t("verify.line2")]
        self.lines = lines
        self.what_to_say = [label(f"• {line}") for line in lines]
        for line in self.what_to_say:
            layout.addWidget(line)
        layout.addStretch(1)

    def title(self) -> str:
        """The hotline's name."""
        return self.ctx.pick(self.hotline.name)

    def spoken_text(self) -> str:
        """The name, the number digit by digit, and what to tell them."""
        ctx = self.ctx
        return ctx.sentences(
            self.title(),
            ctx.t("hotline.dial_on_phone"),
            ctx.t("hotline.say_digits", digits=self.hotline.number),
            *self.lines,
        )
