"""A layout that keeps its items in a list and places them by hand.

The base of the keypad's layout and of the number step's layout.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class ItemListLayout(QLayout):
    """Holds the widgets given to it, in order; a subclass places them in ``setGeometry``.

    The items are the layout's own (Qt's ``addItem``/``count``/``itemAt``/``takeAt``), and the
    layout takes all the room it is given.

    Args:
        parent: the widget the layout lays out.
        widgets: its widgets, in order.
    """

    def __init__(self, parent: QWidget, widgets: list[QWidget]) -> None:
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self._items: list[QLayoutItem] = []
        for widget in widgets:
            self.addChildWidget(widget)
            self._items.append(QWidgetItem(widget))

    def addItem(self, item: QLayoutItem) -> None:
        """Add ``item`` at the end (the widgets are normally given to the constructor)."""
        self._items.append(item)

    def count(self) -> int:
        """How many items the layout holds."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """The item at ``index``, or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Remove the item at ``index`` (only when the layout is thrown away)."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        """The items take all the room they are given."""
        return Qt.Orientation.Horizontal | Qt.Orientation.Vertical
