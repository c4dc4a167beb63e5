"""Who did the caller say they were? Picture choices, one press each.

The most common callers are on the first page, with a "someone else" picture that opens the
second page: every caller is one or two presses away. The second page has its own heading and
ends with a "none of these" picture, which leads where "I don't know" on the first page does.
The pictures stand in rows of three; when
the rows do not all fit the window (the largest text in a small window), the rows that do not fit
go to a next page with a big "下一页", never behind a scroll bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from guardian.core.i18n import Text
from guardian.ui.context import AppContext
from guardian.ui.paged_column import PagedColumn
from guardian.ui.widgets import BigButton, label, longest_word_px, mark_chosen

COLUMNS = 3
GAP_PX = 16

WORD_JOINER = "\u2060"
"""Joins two characters so that a line never breaks between them (shown as nothing)."""
_CHINESE = re.compile(r"[\u3400-\u9fff]")
_DONE = object()
"""What a finished run of building pieces gives."""
_BREAK_AFTER = "、，或的"
"""In a Chinese caption, a line may break only after these (检察院 is never split)."""


def keep_words_together(text: str) -> str:
    """Return ``text`` for display, with Chinese lines breaking only after 、, 或 or 的."""
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
        in_pieces: build only the question now; the pictures are built by :meth:`build_piece`
            a small piece at a time (or all at once by :meth:`finish_building`) before the
            step is shown.

    Signals:
        chosen(str): the id of the caller type pressed.
        page_changed(int): the person pressed "someone else"; the page now showing (2).
    """

    chosen = Signal(str)
    page_changed = Signal(int)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, in_pieces: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        flow = ctx.content.wizard
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 20, 36, 24)
        layout.setSpacing(20)
        self.prompt = label(ctx.pick(flow.caller_question), "title")
        layout.addWidget(self.prompt)
        self.buttons: dict[str, BigButton] = {}
        #: The caller chosen before and marked (after 返回), or None.
        self.marked: str | None = None
        self.more_button: BigButton | None = None
        #: The last picture on page 2, for a caller who fits none of them, or None.
        self.none_button: BigButton | None = None
        #: The caller chosen last and the page it was chosen on, or None.
        self.chosen_on: tuple[str, int] | None = None
        self._longest: tuple[tuple[str, int], float] | None = None
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.columns: list[PagedColumn] = []
        self._pieces: Iterator[None] | None = self._plan()
        if not in_pieces:
            self.finish_building()

    # -- building, at once or a piece at a time ------------------------------------------------

    @property
    def complete(self) -> bool:
        """Whether every picture is built, placed in its row and styled."""
        return self._pieces is None

    def build_piece(self) -> bool:
        """Build the next small piece (a page's frame, or one row of pictures); True when done.

        A step made with ``in_pieces=True`` is built this way a piece at a time, each in its
        own turn of the event loop, so the window never stops for long while it is built.
        """
        if self._pieces is not None and next(self._pieces, _DONE) is _DONE:
            self._pieces = None
        return self._pieces is None

    def finish_building(self) -> None:
        """Build every piece not built yet, at once."""
        while not self.build_piece():
            pass

    def _plan(self) -> Iterator[None]:
        """Build the pages of pictures, pausing (``yield``) after each small piece.

        Every widget is made inside its final parent, so nothing is styled twice.
        """
        flow = self.ctx.content.wizard
        first: list[str | None] = [caller.id for caller in flow.on_page(1)]
        if flow.more is not None:
            first.append(None)  # "someone else", which opens the second page
        second: list[str | None] = [caller.id for caller in flow.on_page(2)]
        if second:
            second.append("")  # none of these: the caller's path of "I don't know"
        for entries in (first, second) if second else (first,):
            column = PagedColumn(self.ctx, spacing=GAP_PX, reader=self.spoken_text)
            self.pages.addWidget(column)
            self.columns.append(column)
            yield
            for start in range(0, len(entries), COLUMNS):
                row = QWidget(column)
                line = QHBoxLayout(row)
                line.setContentsMargins(0, 0, 0, 0)
                line.setSpacing(GAP_PX)
                for entry in entries[start : start + COLUMNS]:
                    self._add_tile(line, entry)
                for _ in range(COLUMNS - line.count()):
                    line.addWidget(QWidget(row), 1)  # a short last row keeps the pictures' width
                column.add(row)
                row.ensurePolished()  # the style sheet's work, a row at a time
                yield
        self.ensurePolished()

    def _add_tile(self, line: QHBoxLayout, caller_id: str | None) -> None:
        """Add the picture of ``caller_id`` to the row ``line``.

        None is "someone else" (it opens page 2); "" is "none of these" (the last on page 2).
        """
        row = line.parentWidget()
        more = self.ctx.content.wizard.more
        if caller_id == "" and more is not None:
            icon = self.ctx.content.caller(more.none_caller).icon
            self.none_button = self._tile(more.none_label, icon, more.none_spoken, row)
            self.none_button.clicked.connect(lambda: self._press(more.none_caller, 2))
            line.addWidget(self.none_button, 1)
            return
        if caller_id is None:
            assert more is not None
            self.more_button = self._tile(more.label, more.icon, more.spoken, row)
            self.more_button.clicked.connect(self._more_pressed)
            line.addWidget(self.more_button, 1)
            return
        caller = self.ctx.content.caller(caller_id)
        button = self._tile(caller.label, caller.icon, caller.spoken, row)
        button.clicked.connect(lambda _=False, c=caller.id, p=caller.page: self._press(c, p))
        self.buttons[caller.id] = button
        line.addWidget(button, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the pictures to the new width (before the rows are shared out into pages)."""
        super().resizeEvent(event)
        self._fit_pictures()

    def _fit_pictures(self) -> None:
        """The largest pictures beside which the longest word of every caption fits its tile.

        A word wider than its place would be cut off ("Custome"): the pictures give way first.
        """
        extra = [tile for tile in (self.more_button, self.none_button) if tile is not None]
        tiles = [*self.buttons.values(), *extra]
        if not tiles or self.width() <= 0 or not self.complete:
            return
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        inner = self.width() - (margins.left() + margins.right() if margins else 0)
        tile_width = (inner - GAP_PX * (COLUMNS - 1)) // COLUMNS
        longest = self._longest_word_px(tiles)
        theme = self.ctx.theme
        sizes = (theme.choice_icon_px, theme.button_icon_px, round(theme.body_pt * 1.2))
        chosen = next(
            (px for px in sizes if tiles[0].words_width(tile_width, px) >= longest), sizes[-1]
        )
        for tile in tiles:
            tile.set_icon_px(chosen)
        for column in self.columns:
            column.refresh()

    def _longest_word_px(self, tiles: list[BigButton]) -> float:
        """The width of the longest word of the captions, measured once per language and size."""
        key = (self.ctx.lang, self.ctx.text_step)
        known = self._longest
        if known is None or known[0] != key:
            known = (key, max(longest_word_px(tile.text_widget) for tile in tiles))
            self._longest = known
        return known[1]

    def _tile(self, text: Text, icon: str, spoken: Text, parent: QWidget | None) -> BigButton:
        words = self.ctx.pick(text)
        button = BigButton(
            words,
            icon,
            role="choice",
            icon_px=self.ctx.theme.choice_icon_px,
            description=self.ctx.pick(spoken),
            parent=parent,
        )
        button.text_widget.setText(keep_words_together(words))
        return button

    @property
    def page(self) -> int:
        """The page showing: 1, or 2 after "someone else"."""
        return self.pages.currentIndex() + 1

    def show_page(self, page: int) -> None:
        """Show ``page`` (1 or 2) from its first row, under its heading.

        The keyboard's next Tab goes to the page's first picture.
        """
        self.pages.setCurrentIndex(max(0, min(page, self.pages.count()) - 1))
        flow = self.ctx.content.wizard
        heading = flow.more.page_question if self.page == 2 and flow.more else flow.caller_question
        self.prompt.setText(self.ctx.pick(heading))
        self.columns[self.pages.currentIndex()].show_page(0)
        if self.isVisible():
            self.setFocus()

    def chosen_page(self, caller_id: str, page: int) -> int:
        """The page to go back to for ``caller_id``, whose own page is ``page``.

        It is 2 when that caller was chosen by "none of these" on page 2.
        """
        return self.chosen_on[1] if self.chosen_on == (caller_id, 2) else page

    def mark(self, caller_id: str | None) -> None:
        """Mark the picture chosen before (after 返回), or none; its part of the page shows.

        The page showing stays as it is: call :meth:`show_page` first. On page 2, the caller
        of "none of these" marks that picture.
        """
        self.marked = caller_id
        chosen = self._picture_of(caller_id)
        for button in [*self.buttons.values(), *([self.none_button] if self.none_button else [])]:
            mark_chosen(button, button is chosen, self.ctx.theme)
        column = self.columns[self.pages.currentIndex()]
        row = chosen.parentWidget() if chosen is not None else None
        page = column.page_of(row) if row is not None else None
        if page is not None:
            column.show_page(page)

    def _picture_of(self, caller_id: str | None) -> BigButton | None:
        """The picture showing ``caller_id`` on the page showing, or None."""
        more = self.ctx.content.wizard.more
        if self.page == 2 and more is not None and caller_id == more.none_caller:
            return self.none_button
        return self.buttons.get(caller_id or "")

    def _press(self, caller_id: str, page: int) -> None:
        self.chosen_on = (caller_id, page)
        self.chosen.emit(caller_id)

    def _more_pressed(self) -> None:
        self.show_page(2)
        self.page_changed.emit(2)

    def spoken_text(self) -> str:
        """The question, then each choice showing (the rows on the part of the page shown)."""
        flow = self.ctx.content.wizard
        if self.page == 2 and flow.more is not None:
            intro = self.ctx.pick(flow.more.page_spoken)
        else:
            intro = self.ctx.pick(flow.caller_spoken)
        rows = self.columns[self.pages.currentIndex()].page_blocks()
        choices = [button.label() for row in rows for button in row.findChildren(BigButton)]
        marked = self._picture_of(self.marked) if self.marked else None
        before = self.ctx.t("question.chosen", answer=marked.label()) if marked else ""
        return self.ctx.sentences(intro, *choices, before)
