"""Who did the caller say they were? Picture choices, one press each.

The most common callers are on the first page, with a "someone else" picture that opens the
second page: every caller is one or two presses away, and nine large pictures fit on a page at
the largest text size without scrolling.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QStackedWidget, QVBoxLayout, QWidget

from guardian.core.i18n import Text
from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, label, scrolling

COLUMNS = 3

WORD_JOINER = "\u2060"
"""Joins two characters so that a line never breaks between them (shown as nothing)."""
_CHINESE = re.compile(r"[\u3400-\u9fff]")
_BREAK_AFTER = "、，或"
"""In a Chinese caption, a line may break only after these (检察院 is never split)."""


def keep_words_together(text: str) -> str:
    """Return ``text`` for display, with Chinese lines breaking only after 、 or 或."""
    parts: list[str] = []
    previous = ""
    for char in text:
        if _CHINESE.match(char) and _CHINESE.match(previous) and previous not in _BREAK_AFTER:
            parts.append(WORD_JOINER)
        parts.append(char)
        previous = char
    return "".join(parts)


class CallerChoiceStep(QWidget):
    """The picture choices of caller types from the wizard content, on one or two pages.

    Args:
        ctx: the shared app context.

    Signals:
        chosen(str): the id of the caller type pressed.
        page_changed(int): the person pressed "someone else"; the page now showing (2).
    """

    chosen = Signal(str)
    page_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        flow = ctx.content.wizard
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 20, 36, 24)
        layout.setSpacing(20)
        self.prompt = label(ctx.pick(flow.caller_question), "title")
        layout.addWidget(self.prompt)
        self.buttons: dict[str, BigButton] = {}
        self.more_button: BigButton | None = None
        self.pages = QStackedWidget()
        first = [self._caller_button(caller.id) for caller in flow.on_page(1)]
        if flow.more is not None:
            self.more_button = self._tile(flow.more.label, flow.more.icon, flow.more.spoken)
            self.more_button.clicked.connect(self._more_pressed)
            first.append(self.more_button)
        self._grids = [self._grid(first)]
        second = [self._caller_button(caller.id) for caller in flow.on_page(2)]
        if second:
            self._grids.append(self._grid(second))
        for grid in self._grids:
            self.pages.addWidget(scrolling(grid))
        layout.addWidget(self.pages, 1)

    def _tile(self, text: Text, icon: str, spoken: Text) -> BigButton:
        words = self.ctx.pick(text)
        button = BigButton(
            words,
            icon,
            role="choice",
            icon_px=self.ctx.theme.choice_icon_px,
            description=self.ctx.pick(spoken),
        )
        button.text_widget.setText(keep_words_together(words))
        return button

    def _caller_button(self, caller_id: str) -> BigButton:
        caller = self.ctx.content.caller(caller_id)
        button = self._tile(caller.label, caller.icon, caller.spoken)
        button.clicked.connect(lambda _=False, c=caller.id: self.chosen.emit(c))
        self.buttons[caller.id] = button
        return button

    @staticmethod
    def _grid(buttons: list[BigButton]) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(16)
        for index, button in enumerate(buttons):
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        return page

    @property
    def page(self) -> int:
        """The page showing: 1, or 2 after "someone else"."""
        return self.pages.currentIndex() + 1

    def show_page(self, page: int) -> None:
        """Show ``page`` (1 or 2); the keyboard's next Tab goes to its first picture."""
        self.pages.setCurrentIndex(max(0, min(page, self.pages.count()) - 1))
        if self.isVisible():
            self.setFocus()

    def _more_pressed(self) -> None:
        self.show_page(2)
        self.page_changed.emit(2)

    def spoken_text(self) -> str:
        """The question, then each choice on the page showing."""
        flow = self.ctx.content.wizard
        if self.page == 2 and flow.more is not None:
            intro = self.ctx.pick(flow.more.page_spoken)
            choices = [self.ctx.pick(caller.label) for caller in flow.on_page(2)]
        else:
            intro = self.ctx.pick(flow.caller_spoken)
            choices = [self.ctx.pick(caller.label) for caller in flow.on_page(1)]
            if flow.more is not None:
                choices.append(self.ctx.pick(flow.more.label))
        return self.ctx.sentences(intro, *choices)
