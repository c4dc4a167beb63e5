"""Layouts that rearrange themselves when long words or large text no longer fit in a row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem

#: What moves to a second row when the title would be squeezed beside the other widgets.
TITLE_BELOW = "title"
TRAILING_BELOW = "trailing"

# Wider than any screen: the width at which a title takes one line.
_UNBOUNDED_PX = 100_000


class _Placed:
    """Where one item goes in a row (a plain class: it is defined while the window starts)."""

    __slots__ = ("height", "item", "width", "x")

    def __init__(self, item: QLayoutItem, x: int, width: int, height: int) -> None:
        self.item = item
        self.x = x
        self.width = width
        self.height = height


class TitleRowLayout(QLayout):
    """Widgets before and after a title that wraps; a second row when the title is squeezed.

    Laid out in one row while the title fits on ``title_lines`` lines between the other widgets
    (their words are wrapped, widest first, to make room when ``squeeze`` is set, onto no more
    extra lines than the title may take). When it does
    not fit, either the title goes on its own row under the widgets (``below="title"``, as in a
    header) or the trailing widgets go on a row under the title (``below="trailing"``, as a
    button under the text of a card). Widgets that still do not fit flow onto more rows. Each
    row is as tall as its tallest widget at the width it gets (height for width).

    Args:
        parent: the widget to lay out, or None.
        title_lines: the most lines the title may take in one row with the other widgets.
        below: TITLE_BELOW or TRAILING_BELOW: what moves to a second row.
        squeeze: whether the other widgets' words may wrap to keep a single row.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        title_lines: int = 2,
        below: str = TITLE_BELOW,
        squeeze: bool = True,
    ) -> None:
        super().__init__(parent)
        if below not in (TITLE_BELOW, TRAILING_BELOW):
            raise ValueError(f"below must be {TITLE_BELOW!r} or {TRAILING_BELOW!r}")
        self.title_lines = max(1, title_lines)
        self.below = below
        self.squeeze = squeeze
        self._leading: list[QLayoutItem] = []
        self._title: QLayoutItem | None = None
        self._trailing: list[QLayoutItem] = []
        self._cache: dict[int, tuple[list[list[_Placed]], int]] = {}
        # Each widget's sizes, asked for many times while planning: (widget item, width) -> px.
        self._sizes: dict[tuple[int, int], int] = {}
        self._stacked = False

    # -- filling ---------------------------------------------------------------------------

    def add_leading(self, widget: QWidget) -> None:
        """Add ``widget`` before the title."""
        self._leading.append(self._adopt(widget))

    def set_title(self, widget: QWidget) -> None:
        """Make ``widget`` (usually a word-wrapping label) the title."""
        if self._title is not None:
            raise ValueError("the layout already has a title")
        self._title = self._adopt(widget)

    def add_trailing(self, widget: QWidget) -> None:
        """Add ``widget`` after the title."""
        self._trailing.append(self._adopt(widget))

    def _adopt(self, widget: QWidget) -> QLayoutItem:
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self.invalidate()
        return item

    def is_stacked(self) -> bool:
        """Whether the widgets were last placed on more than one row."""
        return self._stacked

    # -- QLayout -----------------------------------------------------------------------------

    def _items(self) -> list[QLayoutItem]:
        title = [self._title] if self._title is not None else []
        return [*self._leading, *title, *self._trailing]

    def addItem(self, item: QLayoutItem) -> None:
        """Add ``item`` after the title (Qt's way in; prefer the named methods)."""
        self._trailing.append(item)
        self.invalidate()

    def count(self) -> int:
        """How many items the layout holds."""
        return len(self._items())

    def itemAt(self, index: int) -> QLayoutItem | None:
        """The item at ``index``, or None."""
        items = self._items()
        return items[index] if 0 <= index < len(items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Remove the item at ``index`` and return it."""
        item = self.itemAt(index)
        if item is None:
            return None
        if item is self._title:
            self._title = None
        elif item in self._leading:
            self._leading.remove(item)
        else:
            self._trailing.remove(item)
        self.invalidate()
        return item

    def invalidate(self) -> None:
        """Forget the rows worked out for each width, and the sizes of the widgets."""
        self._cache.clear()
        self._sizes.clear()
        super().invalidate()

    def hasHeightForWidth(self) -> bool:
        """Rows are as tall as the wrapped words need."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The height needed at ``width`` (margins included)."""
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        return self._plan(inner)[1] + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        """Everything in one row on one line."""
        margins = self.contentsMargins()
        visible = [item for item in self._items() if not item.isEmpty()]
        width = sum(self._hint_width(item) for item in visible)
        width += self.spacing() * max(0, len(visible) - 1) + margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        """As narrow as the widest single widget; the height comes from height for width."""
        margins = self.contentsMargins()
        visible = [item for item in self._items() if not item.isEmpty()]
        width = max((self._min_width(item) for item in visible), default=0)
        height = max((item.minimumSize().height() for item in visible), default=0)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def setGeometry(self, rect: QRect) -> None:
        """Place every widget, row by row."""
        super().setGeometry(rect)
        inner = self.contentsRect()
        rows, _ = self._plan(inner.width())
        self._stacked = len(rows) > 1
        y = inner.y()
        for row in rows:
            height = max(placed.height for placed in row)
            for placed in row:
                top = y + (height - placed.height) // 2
                placed.item.setGeometry(
                    QRect(inner.x() + placed.x, top, placed.width, placed.height)
                )
            y += height + self.spacing()

    # -- planning ----------------------------------------------------------------------------

    def _plan(self, width: int) -> tuple[list[list[_Placed]], int]:
        """The rows at ``width`` (inside the margins) and their total height."""
        if width not in self._cache:
            if len(self._cache) > 16:
                self._cache.clear()  # a window being resized: keep only recent widths
            rows = self._rows(max(0, width))
            rows = [row for row in rows if row]
            height = sum(max(p.height for p in row) for row in rows)
            height += self.spacing() * max(0, len(rows) - 1)
            self._cache[width] = (rows, height)
        return self._cache[width]

    def _rows(self, width: int) -> list[list[_Placed]]:
        gap = self.spacing()
        leading = [item for item in self._leading if not item.isEmpty()]
        trailing = [item for item in self._trailing if not item.isEmpty()]
        others = leading + trailing
        title = self._title if self._title is not None and not self._title.isEmpty() else None
        if title is None:
            return self._flow(leading, trailing, width)
        room = width - gap * len(others)
        need = self._title_width(title, room)
        if need is not None:
            widths = self._fit(others, room - need, squeeze=self.squeeze)
            if widths is not None and self._wraps_little(others, widths, title):
                title_width = room - sum(widths)
                row: list[_Placed] = []
                x = 0
                for item, item_width in zip(leading, widths, strict=False):
                    row.append(self._placed(item, x, item_width))
                    x += item_width + gap
                row.append(self._placed(title, x, title_width))
                x += title_width + gap
                for item, item_width in zip(trailing, widths[len(leading) :], strict=True):
                    row.append(self._placed(item, x, item_width))
                    x += item_width + gap
                return [row]
        if self.below == TITLE_BELOW:
            return [*self._flow(leading, trailing, width), [self._placed(title, 0, width)]]
        # The trailing widgets go on rows under the title, lined up with it.
        indent = sum(self._hint_width(item) + gap for item in leading)
        if width - indent < self._min_width(title):
            # No room beside the leading widgets either: each part on its own rows.
            return [
                *self._flow(leading, [], width),
                [self._placed(title, 0, width)],
                *self._flow(trailing, [], width),
            ]
        first_row: list[_Placed] = []
        x = 0
        for item in leading:
            first_row.append(self._placed(item, x, self._hint_width(item)))
            x += self._hint_width(item) + gap
        first_row.append(self._placed(title, indent, width - indent))
        rest = self._flow(trailing, [], width - indent)
        for row in rest:
            for placed in row:
                placed.x += indent
        return [first_row, *rest]

    def _flow(
        self, start: list[QLayoutItem], end: list[QLayoutItem], width: int
    ) -> list[list[_Placed]]:
        """``start`` at the left and ``end`` at the right of one row, or more rows if needed."""
        gap = self.spacing()
        items = start + end
        if not items:
            return []
        widths = self._fit(items, width - gap * (len(items) - 1))
        if widths is not None:
            row = []
            x = 0
            for item, item_width in zip(start, widths, strict=False):
                row.append(self._placed(item, x, item_width))
                x += item_width + gap
            x = width - sum(widths[len(start) :]) - gap * max(0, len(end) - 1)
            for item, item_width in zip(end, widths[len(start) :], strict=True):
                row.append(self._placed(item, x, item_width))
                x += item_width + gap
            return [row]
        # Not even the narrowest fit on one row: as many as fit on each row, left to right.
        rows: list[list[_Placed]] = []
        line: list[QLayoutItem] = []
        for item in items:
            used = sum(self._min_width(i) for i in line) + gap * len(line)
            if line and used + self._min_width(item) > width:
                rows.append(self._line(line, width))
                line = []
            line.append(item)
        rows.append(self._line(line, width))
        return rows

    def _line(self, items: list[QLayoutItem], width: int) -> list[_Placed]:
        gap = self.spacing()
        room = width - gap * (len(items) - 1)
        widths = self._fit(items, room) or [min(self._min_width(i), width) for i in items]
        row = []
        x = 0
        for item, item_width in zip(items, widths, strict=True):
            row.append(self._placed(item, x, item_width))
            x += item_width + gap
        return row

    def _fit(
        self, items: list[QLayoutItem], room: int, *, squeeze: bool = True
    ) -> list[int] | None:
        """Widths for ``items`` within ``room``: their natural widths, else the widest wrapped.

        Returns None when they do not fit (with their words wrapped, when ``squeeze`` is set).
        """
        hints = [self._hint_width(item) for item in items]
        if sum(hints) <= room:
            return hints
        least = [self._min_width(item) for item in items]
        if not squeeze or sum(least) > room:
            return None
        # Lower a common ceiling until the widths fit: the widest widgets give way first.
        low, high = 0, max(hints)
        while low < high:
            ceiling = (low + high + 1) // 2
            if sum(max(m, min(h, ceiling)) for m, h in zip(least, hints, strict=True)) <= room:
                low = ceiling
            else:
                high = ceiling - 1
        return [max(m, min(h, low)) for m, h in zip(least, hints, strict=True)]

    def _wraps_little(
        self, items: list[QLayoutItem], widths: list[int], title: QLayoutItem
    ) -> bool:
        """Whether words wrapped to make room add no more lines than the title may take."""
        extra = (self.title_lines - 1) * self._height(title, _UNBOUNDED_PX)
        for item, width in zip(items, widths, strict=True):
            hint = self._hint_width(item)
            if width < hint and self._height(item, width) > self._height(item, hint) + extra:
                return False
        return True

    def _title_width(self, title: QLayoutItem, room: int) -> int | None:
        """The narrowest width at which the title takes at most ``title_lines`` lines."""
        least = self._min_width(title)
        if least > room:
            return None
        one_line = self._height(title, _UNBOUNDED_PX)
        allowed = one_line * self.title_lines
        if self._height(title, room) > allowed:
            return None
        low, high = least, room
        while low < high:
            middle = (low + high) // 2
            if self._height(title, middle) <= allowed:
                high = middle
            else:
                low = middle + 1
        return low

    def _placed(self, item: QLayoutItem, x: int, width: int) -> _Placed:
        return _Placed(item, x, width, self._height(item, width))

    def _hint_width(self, item: QLayoutItem) -> int:
        return self._remembered(
            item, -1, lambda: max(item.sizeHint().width(), self._min_width(item))
        )

    def _min_width(self, item: QLayoutItem) -> int:
        return self._remembered(item, -2, lambda: _least_width(item))

    def _height(self, item: QLayoutItem, width: int) -> int:
        return self._remembered(item, width, lambda: _needed_height(item, width))

    def _remembered(self, item: QLayoutItem, key: int, work: Callable[[], int]) -> int:
        slot = (id(item), key)
        if slot not in self._sizes:
            self._sizes[slot] = work()
        return self._sizes[slot]


def _least_width(item: QLayoutItem) -> int:
    """The narrowest ``item`` may be: its longest word, or its one line when it cannot wrap.

    Qt's own minimum of a widget is its style sheet's min-width when that is set, even when
    the words need more.
    """
    widget = item.widget()
    if widget is None:
        return item.minimumSize().width()
    policy = widget.sizePolicy().horizontalPolicy().value
    shrinks = policy & QSizePolicy.PolicyFlag.ShrinkFlag.value
    least = widget.minimumSizeHint() if shrinks else widget.sizeHint()
    return max(least.width(), widget.minimumWidth())


def _needed_height(item: QLayoutItem, width: int) -> int:
    """The height ``item`` needs at ``width``.

    Asks the widget itself: Qt's own answer for a widget with a layout (a big button) is
    its inner layout's, without the style sheet's padding and border.
    """
    widget = item.widget()
    if widget is not None:
        wraps = widget.hasHeightForWidth()
        height = widget.heightForWidth(width) if wraps else -1
    else:
        height = item.heightForWidth(width) if item.hasHeightForWidth() else -1
    if height < 0:
        height = item.sizeHint().height()
    if widget is not None:
        return min(max(height, widget.minimumHeight()), widget.maximumHeight())
    return min(max(height, item.minimumSize().height()), item.maximumSize().height())
