"""A hotline's card: the number in huge grouped digits, what to tell them, read aloud.

Where the computer can dial (see :mod:`guardian.ui.phone`), the call starts as the card opens
and the card says which program is calling. Where nothing can dial, it says, in order, to hang
up on the caller first (the caller may still be on the line of the phone to use), then to pick
up the phone and dial the number shown huge. What does not fit goes to the next page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from guardian.core.content import HotlineKind
from guardian.core.number_display import group_digits
from guardian.ui.context import AppContext
from guardian.ui.paged_column import PagedColumn
from guardian.ui.phone import UrlOpener, can_dial, dial, dialling_words
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, icon_label, label

HOTLINE_ICONS = {"110": "police", "96110": "hotline_96110"}


class HotlineScreen(Screen):
    """Shows a fixed number (110, 96110, a bank...) to dial, and what to tell them.

    Args:
        ctx: the shared app context.
        hotline_id: the id of the hotline in the content.
        verify: the person calls to check what a caller or a message said ("is it true?"),
            not to report a fraud.
        opener: opens the ``tel:`` address (see :func:`guardian.ui.phone.default_opener`).
    """

    def __init__(
        self,
        ctx: AppContext,
        hotline_id: str,
        parent: QWidget | None = None,
        *,
        verify: bool = False,
        opener: UrlOpener | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.hotline = ctx.content.hotline(hotline_id)
        self.verify = verify
        self.opener = opener
        self.can_dial = can_dial(ctx)
        self.dialled: list[str] = []
        number = self.hotline.number
        theme = ctx.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 20, 40, 20)
        self.pages = PagedColumn(ctx, spacing=20)
        outer.addWidget(self.pages)
        pages = self.pages

        # Where nothing can dial: first hang up, then dial on the phone.
        self.hang_up_first = label(ctx.t("phone.hang_up_first"), "title")
        self.dial_yourself = label(ctx.t("phone.dial_number", number=number), "title")
        # Where the computer dials: what it is doing, and what to do when it did not connect.
        self.calling = label("", "title")
        self.not_through = label(ctx.t("phone.not_through"))
        self.again_button = BigButton(
            ctx.t("phone.call_again"),
            "call",
            role="primary",
            icon_px=theme.button_icon_px,
            description=ctx.t("phone.call_again_description"),
        )
        self.again_button.clicked.connect(self.dial)

        # The number goes with the line above it: never on a page of its own.
        number_block = QWidget()
        column = QVBoxLayout(number_block)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.calling)
        column.addWidget(self.dial_yourself)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        icon_px = theme.tile_icon_px if theme.roomy else round(theme.tile_icon_px * 0.75)
        row.addWidget(icon_label(HOTLINE_ICONS.get(number, "call"), icon_px))
        self.number_label = label(group_digits(number), "number")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label.setAccessibleName(number)
        if not theme.roomy:  # two thirds of the largest, so the steps fit above it
            points = theme.title_pt * 2
            self.number_label.setStyleSheet(f"font-size: {points}pt; font-weight: bold;")
        row.addWidget(self.number_label, 1)
        row.addSpacing(icon_px)  # the number stands in the middle of the page
        column.addLayout(row)

        lines = [] if verify else [ctx.pick(line) for line in self.hotline.what_to_say]
        if not lines and self.hotline.kind == HotlineKind.BANK and not verify:
            lines = [ctx.t("hotline.bank_line1"), ctx.t("hotline.bank_line2")]
        if not lines:
            lines = [ctx.t("verify.line1"), ctx.t("verify.line2")]
        self.lines = lines
        self.then_say = label(ctx.t("hotline.then_say"), "heading")
        self.what_to_say = [label(f"• {line}") for line in lines]

        self.calling.setVisible(False)
        self.dial_yourself.setVisible(not self.can_dial)
        pages.add(self.hang_up_first, shown=not self.can_dial)
        pages.add(number_block)
        pages.add(self.not_through, shown=self.can_dial)
        pages.add(self.again_button, shown=self.can_dial)
        pages.add(self.then_say, keep_with_next=True)
        for line in self.what_to_say:
            pages.add(line)
        self._started = False
        self.call_started = False

    def title(self) -> str:
        """The hotline's name."""
        return self.ctx.pick(self.hotline.name)

    def entered(self) -> None:
        """Where the computer can dial, the call starts the first time the card shows."""
        if self.can_dial and not self._started:
            self._started = True
            self.dial()

    def dial(self) -> None:
        """Start the call; where nothing took it, say to hang up and dial on the phone."""
        ctx = self.ctx
        number = self.hotline.number
        self.dialled.append(number)
        started = dial(ctx, number, self.opener)
        self.call_started = started
        if started:
            self.calling.setText(dialling_words(ctx, number))
        else:
            self.can_dial = False  # nothing took it: dial on the phone
        self.calling.setVisible(started)
        self.dial_yourself.setVisible(not started)
        for block, shown in (
            (self.not_through, started),
            (self.again_button, started),
            (self.hang_up_first, not started),
        ):
            self.pages.set_shown(block, shown)
        self.pages.relayout()

    def spoken_text(self) -> str:
        """The name; calling, or hang up then dial; the number digit by digit; what to say."""
        ctx = self.ctx
        if self.call_started:
            steps = [self.calling.text(), self.not_through.text()]
        else:
            steps = [self.hang_up_first.text(), self.dial_yourself.text()]
        return ctx.sentences(
            self.title(),
            *steps,
            ctx.t("hotline.say_digits", digits=self.hotline.number),
            self.then_say.text(),
            *self.lines,
        )
