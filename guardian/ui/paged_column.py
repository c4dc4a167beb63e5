"""Pages instead of scroll bars: blocks shown top to bottom, what does not fit on the next page.

A thin grey scroll bar is invisible to most older people, and what sits below the fold is
never read. A :class:`PagedColumn` lays its blocks out one under the other; when they do not
all fit the height it has, it fills a page, puts the rest on the following pages, and shows a
big "下一页" button (and "上一页" from the second page on). The new page is read aloud.

Example::

    column = PagedColumn(ctx)
    column.add(label("..."))
    column.add(heading, keep_with_next=True)
    layout.addWidget(column, 1)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from guardian.ui.context import AppContext
from guardian.ui.widgets import BUTTON_PART, BigButton, label

GAP_PX = 16
FRAME_PX = 2 * (20 + 6) + 4  # a big button's padding and widest border, both sides; and a little


def block_height(block: QWidget, width: int) -> int:
    """The height ``block`` needs at ``width`` (words wrap), never less than its least height.

    A block whose words wrap is measured at that width; any other by its preferred height.
    Never less than the least height Qt itself would give it.
    """
    block.ensurePolished()  # the style sheet sets the sizes of the block and all inside it
    inner = block.layout()
    if inner is not None:
        inner.invalidate()  # measured afresh: a block not shown yet keeps sizes from before
    height = block.heightForWidth(width) if block.hasHeightForWidth() else -1
    if height < 0:
        height = block.sizeHint().height()
    return max(height, block.minimumSizeHint().height(), block.minimumHeight())


def one_line_width(button: BigButton) -> int:
    """The width ``button`` needs to show its words on one line."""
    button.ensurePolished()
    words = button.text_widget.fontMetrics().horizontalAdvance(button.label())
    layout = button.layout()
    room = layout.sizeHint().width() - button.text_widget.sizeHint().width() if layout else 0
    return max(button.minimumWidth(), words + room + FRAME_PX)


class PagedColumn(QWidget):
    """Blocks one under the other, a page at a time, with "下一页" when they do not all fit.

    The column takes the height its parent gives it and never asks for more: its blocks are
    placed by hand, so what shows on a page never makes the window taller or adds a scroll bar.

    Args:
        ctx: the shared app context (words of the page buttons, reading a new page aloud).
        spacing: the gap between blocks, in pixels.
        reader: gives the words read aloud when a new page shows (by default the words of the
            page that are not on buttons; a page of picture buttons reads its choices).

    Signals:
        page_changed(int): another page is shown (counted from 0).
    """

    page_changed = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        spacing: int = GAP_PX,
        reader: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spacing = spacing
        self._reader = reader
        self.blocks: list[QWidget] = []
        self._keep: set[int] = set()
        self._wanted: dict[int, bool] = {}
        self._pages: list[list[QWidget]] = [[]]
        # Blocks added while the column is hidden are shared out into pages when next needed.
        self._stale = False
        self.index = 0
        px = ctx.theme.button_icon_px
        self.previous_button = BigButton(
            ctx.t("paging.previous"),
            "back",
            role="tile",
            icon_px=px,
            description=ctx.t("paging.previous_description"),
            parent=self,
        )
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button = BigButton(
            ctx.t("paging.next"),
            "next",
            role="tile",
            icon_px=px,
            description=ctx.t("paging.next_description"),
            parent=self,
        )
        self.next_button.clicked.connect(self.next_page)
        self.where = label("", "heading", wrap=False)
        self.where.setParent(self)
        for widget in (self.previous_button, self.next_button, self.where):
            widget.hide()

    # -- blocks --------------------------------------------------------------------------------

    def add(self, block: QWidget, *, keep_with_next: bool = False, shown: bool = True) -> None:
        """Add ``block`` below the others.

        Args:
            block: the widget.
            keep_with_next: never the last block of a page (a heading stays with what follows).
            shown: whether it is part of the column now (see :meth:`set_shown`).
        """
        block.setParent(self)
        self.blocks.append(block)
        if keep_with_next:
            self._keep.add(id(block))
        self._wanted[id(block)] = shown
        block.setVisible(False)
        self.refresh()

    def insert_first(self, block: QWidget, *, shown: bool = True) -> None:
        """Add ``block`` above all the others (a notice that heads the first page)."""
        self.add(block, shown=shown)
        self.blocks.insert(0, self.blocks.pop())
        self.refresh()

    def set_shown(self, block: QWidget, shown: bool) -> None:
        """Make ``block`` part of the column, or not (a notice that appears later)."""
        if self._wanted.get(id(block)) != shown:
            self._wanted[id(block)] = shown
            self.refresh()

    def is_shown(self, block: QWidget) -> bool:
        """Whether ``block`` is part of the column (on whichever page)."""
        return self._wanted.get(id(block), False)

    def refresh(self) -> None:
        """Share the blocks out again: now if the column shows, else when next needed.

        Call it when the blocks' sizes changed (a picture or the words on them).
        """
        if self.isVisible():
            self.relayout()
        else:
            self._stale = True

    def _fresh_pages(self) -> list[list[QWidget]]:
        """The pages, shared out again first if blocks changed since."""
        if self._stale:
            self.relayout()
        return self._pages

    # -- pages ---------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        """How many pages the blocks take at the present size."""
        return len(self._fresh_pages())

    def page_of(self, block: QWidget) -> int | None:
        """The page ``block`` is on, or None when it is not part of the column."""
        for number, page in enumerate(self._fresh_pages()):
            if block in page:
                return number
        return None

    def page_blocks(self, index: int | None = None) -> list[QWidget]:
        """The blocks on page ``index`` (the one shown when omitted)."""
        pages = self._fresh_pages()
        return list(pages[self.index if index is None else index])

    def show_page(self, index: int) -> None:
        """Show page ``index`` (limited to the pages there are)."""
        index = max(0, min(index, len(self._fresh_pages()) - 1))
        changed = index != self.index
        self.index = index
        self._place()
        if changed:
            self.page_changed.emit(index)

    def next_page(self) -> None:
        """Show the next page and read it aloud."""
        if self.index + 1 < len(self._fresh_pages()):
            self.show_page(self.index + 1)
            self.ctx.say(self._reader() if self._reader is not None else self.page_text())

    def previous_page(self) -> None:
        """Show the page before and read it aloud."""
        if self.index > 0:
            self.show_page(self.index - 1)
            self.ctx.say(self._reader() if self._reader is not None else self.page_text())

    def page_text(self, index: int | None = None) -> str:
        """The words of a page, for reading aloud (the words on buttons are left out)."""
        parts: list[str] = []
        for block in self.page_blocks(index):
            labels = [block] if isinstance(block, QLabel) else block.findChildren(QLabel)
            for widget in labels:
                if widget.property(BUTTON_PART) is None and widget.text():
                    parts.append(widget.text())
        return self.ctx.sentences(*parts)

    # -- layout --------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        """A moderate size: the column takes what its parent gives it."""
        return QSize(640, 480)

    def minimumSizeHint(self) -> QSize:
        """Room for one row of page buttons; everything else goes to other pages."""
        return QSize(200, self._nav_height(400))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Share the blocks out again for the new size (when shown: see :meth:`showEvent`)."""
        super().resizeEvent(event)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Share the blocks out once the style sheet has set every size."""
        super().showEvent(event)
        self.relayout()

    def relayout(self) -> None:
        """Share the shown blocks out into pages for the present size, and place them."""
        self._stale = False
        width, height = self.width(), self.height()
        wanted = [b for b in self.blocks if self._wanted.get(id(b), False)]
        heights = [block_height(b, width) for b in wanted]
        total = sum(heights) + self.spacing * max(0, len(wanted) - 1)
        if total <= height or not wanted:
            pages = [wanted]
        else:
            room = height - self._nav_height(width) - self.spacing
            pages = self._share(wanted, heights, room)
        keep = self.page_blocks()[0] if self._pages and self._pages[self.index] else None
        self._pages = pages
        # Stay on the page that shows the block that was first on the page before.
        found = self.page_of(keep) if keep is not None else None
        self.index = found if found is not None else min(self.index, len(pages) - 1)
        self._place()

    def _share(self, blocks: list[QWidget], heights: list[int], room: int) -> list[list[QWidget]]:
        pages: list[list[QWidget]] = []
        page: list[QWidget] = []
        used = 0
        for number, (block, height) in enumerate(zip(blocks, heights, strict=True)):
            need = height + (self.spacing if page else 0)
            if id(block) in self._keep and number + 1 < len(blocks):
                together = height + self.spacing + heights[number + 1]
                if together <= room:  # a heading goes with what follows when a page holds both
                    need += self.spacing + heights[number + 1]
            if page and used + need > room:
                pages.append(page)
                page, used = [], 0
            used += height + (self.spacing if page else 0)
            page.append(block)
        if page:
            pages.append(page)
        return pages or [[]]

    def _nav_widths(self, width: int) -> tuple[int, int]:
        """The widths of "上一页" and "下一页": each on one line where both fit so, else halves."""
        half = max(1, (width - self.spacing) // 2)
        previous = one_line_width(self.previous_button)
        following = one_line_width(self.next_button)
        if max(previous, following) <= half or previous + following + self.spacing > width:
            return half, half
        return previous, width - previous - self.spacing

    def _nav_height(self, width: int) -> int:
        previous, following = self._nav_widths(width)
        return max(
            block_height(self.next_button, following),
            block_height(self.previous_button, previous),
        )

    def _place(self) -> None:
        width, height = self.width(), self.height()
        shown = set(map(id, self._pages[self.index])) if self._pages else set()
        several = len(self._pages) > 1
        nav = self._nav_height(width) if several else 0
        bottom = height - (nav + self.spacing if several else 0)
        y = 0
        for block in self.blocks:
            if id(block) not in shown:
                block.setVisible(False)
                continue
            block_h = min(block_height(block, width), max(0, bottom - y))
            block.setGeometry(0, y, width, block_h)
            block.setVisible(True)
            y += block_h + self.spacing
        first, last = self.index == 0, self.index + 1 >= len(self._pages)
        self.previous_button.setVisible(several and not first)
        self.next_button.setVisible(several and not last)
        self.where.setVisible(False)
        if not several:
            return
        previous, following = self._nav_widths(width)
        top = height - nav
        self.previous_button.setGeometry(0, top, previous, nav)
        self.next_button.setGeometry(width - following, top, following, nav)
        self.where.setText(self.ctx.t("paging.where", page=self.index + 1, pages=len(self._pages)))
        # "Page 2 of 3" where a page button leaves room for it.
        left = 0 if first else previous + self.spacing
        right = width if last else width - following - self.spacing
        self.where.setGeometry(left, top, max(0, right - left), nav)
        self.where.setVisible(self.where.sizeHint().width() <= right - left)
