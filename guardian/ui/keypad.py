"""The big on-screen keypad: twelve keys in four rows of three, typing into a field.

The caller's number (:mod:`guardian.ui.number_entry`) and the family PIN
(:mod:`guardian.ui.family.pin_pad`) use the same keypad: 1 to 9, a corner key ("+" for a
number, "clear" for a PIN), 0 and "delete". The keyboard types into the field as well; the keys
never take the focus from it (they are reached with Tab).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from guardian.ui.context import AppContext
from guardian.ui.item_list_layout import ItemListLayout
from guardian.ui.widgets import BigButton, key_button

DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")
PLUS, CLEAR, DELETE = "+", "clear", "delete"

KEY_SPACING = 12
"""The room between two keys, across and down."""

COLUMNS = 3


def keys_in_order(corner: str) -> tuple[str, ...]:
    """The keys row by row: 1 to 9, then ``corner`` (PLUS or CLEAR), 0 and DELETE."""
    return (*DIGITS, corner, "0", DELETE)


class Keypad(QWidget):
    """Twelve big keys that type into ``field``: 1-9, "+" or "clear", 0 and "delete".

    Args:
        ctx: the shared app context (its theme sizes the delete key's pictogram).
        field: the field the keys type into.
        max_length: no key types past this many characters.
        delete: the delete key's words and what pressing it does (read aloud).
        clear: the clear key's words and what pressing it does; without it the corner key
            types a plus sign.
        delete_words_shown: whether the delete key shows its words beside the pictogram (they
            are read aloud either way); at the largest text sizes the pictogram alone fits.

    Attributes:
        keys: every key by name ("0" to "9", PLUS or CLEAR, DELETE).
    """

    def __init__(
        self,
        ctx: AppContext,
        field: QLineEdit,
        *,
        max_length: int,
        delete: tuple[str, str],
        clear: tuple[str, str] | None = None,
        delete_words_shown: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.max_length = max_length
        self.order = keys_in_order(CLEAR if clear is not None else PLUS)
        self.keys: dict[str, QPushButton] = {}
        for key in self.order:
            button: QPushButton
            if key == DELETE:
                words, description = delete
                button = BigButton(
                    words if delete_words_shown else "",
                    "delete_digit",
                    role=None,  # ordinary-size words: "Delete" must fit a key
                    icon_px=ctx.theme.button_icon_px,
                    vertical=True,
                    description=description,
                )
                button.setAccessibleName(words)
                button.text_widget.setVisible(delete_words_shown)
                button.clicked.connect(self.delete)
            elif key == CLEAR and clear is not None:
                words, description = clear
                button = BigButton(words, None, role=None, description=description)
                button.clicked.connect(self.clear)
            else:
                button = key_button(key)
                button.clicked.connect(lambda _=False, k=key: self.press(k))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.keys[key] = button
        self.key_layout = _KeyLayout(self, [self.keys[key] for key in self.order])
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def press(self, key: str) -> None:
        """Type ``key`` into the field (not past the longest allowed, nor while it is disabled)."""
        field = self.field
        if field.isEnabled() and len(field.text()) < self.max_length:
            field.insert(key)
        self.focus_field()

    def delete(self) -> None:
        """Take back the character before the cursor."""
        self.field.backspace()
        self.focus_field()

    def clear(self) -> None:
        """Empty the field."""
        self.field.clear()
        self.focus_field()

    def focus_field(self) -> None:
        """Put the keyboard focus back in the field."""
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_keys_enabled(self, enabled: bool) -> None:
        """Allow (or stop) pressing every key."""
        for button in self.keys.values():
            button.setEnabled(enabled)

    def least_width(self) -> int:
        """The narrowest the keypad can be without cutting the words of a key."""
        return self.key_layout.least_width()

    def least_height(self, width: int) -> int:
        """The least height the keys need when the keypad is ``width`` wide."""
        return self.key_layout.least_height(width)


class _KeyLayout(ItemListLayout):
    """Three keys a row; every row as tall as its keys need, and the rest shared out.

    Placed by hand: Qt's grid squeezes every row alike when the height is short, which cuts
    the words of the delete key; here every row gets at least what its keys need.
    """

    def __init__(self, parent: QWidget, keys: list[QPushButton]) -> None:
        # Row heights by key width, until the keys' words or style change (see invalidate).
        self._heights: dict[int, list[int]] = {}
        super().__init__(parent, list(keys))
        self._keys = keys

    def invalidate(self) -> None:
        """Forget the row heights worked out so far; Qt calls this when a key changes."""
        self._heights.clear()
        super().invalidate()

    # -- QLayout -----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        """Every key at its comfortable size."""
        hints = [key.sizeHint() for key in self._keys]
        rows = len(self._rows_of(self._keys))
        width = COLUMNS * max(h.width() for h in hints) + (COLUMNS - 1) * KEY_SPACING
        height = rows * max(h.height() for h in hints) + (rows - 1) * KEY_SPACING
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        """As narrow as the widest key's words, as short as the keys need at that width."""
        width = self.least_width()
        return QSize(width, self.least_height(width))

    def setGeometry(self, rect: QRect) -> None:
        """Place the keys in ``rect``, rows as tall as their keys need and the rest shared."""
        super().setGeometry(rect)
        key_width = (rect.width() - (COLUMNS - 1) * KEY_SPACING) // COLUMNS
        rows = self._row_heights(key_width)
        room = rect.height() - KEY_SPACING * (len(rows) - 1)
        if room // len(rows) >= max(rows):
            rows = [room // len(rows)] * len(rows)  # room enough for keys all the same height
        extra = max(0, room - sum(rows))
        y = rect.y()
        for least, keys in zip(rows, self._rows_of(self._keys), strict=True):
            height = least + extra // len(rows)
            for column, key in enumerate(keys):
                x = rect.x() + column * (key_width + KEY_SPACING)
                key.setGeometry(QRect(x, y, key_width, height))
            y += height + KEY_SPACING

    # -- sizes -------------------------------------------------------------------------------

    def least_width(self) -> int:
        """Three of the widest key side by side."""
        widest = max(least_width(key) for key in self._keys)
        return COLUMNS * widest + (COLUMNS - 1) * KEY_SPACING

    def least_height(self, width: int) -> int:
        """The rows' least heights and the room between them, ``width`` wide."""
        rows = self._row_heights((width - (COLUMNS - 1) * KEY_SPACING) // COLUMNS)
        return sum(rows) + KEY_SPACING * (len(rows) - 1)

    def _row_heights(self, key_width: int) -> list[int]:
        heights = self._heights.get(key_width)
        if heights is None:
            heights = self._heights[key_width] = [
                max(least_height(key, key_width) for key in keys)
                for keys in self._rows_of(self._keys)
            ]
        return heights

    @staticmethod
    def _rows_of(keys: list[QPushButton]) -> list[list[QPushButton]]:
        return [keys[index : index + COLUMNS] for index in range(0, len(keys), COLUMNS)]


def least_width(widget: QWidget) -> int:
    """The narrowest ``widget`` can be without cutting a word (a big button: its inner words)."""
    widget.ensurePolished()  # the style sheet sets the size of the words
    inner = widget.layout()
    least = inner.totalMinimumSize() if inner is not None else widget.minimumSizeHint()
    return max(least.width(), widget.minimumWidth())


def least_height(widget: QWidget, width: int) -> int:
    """The least height ``widget`` needs at ``width`` (a big button: its inner words and icon)."""
    widget.ensurePolished()
    inner = widget.layout()
    if inner is not None:
        wraps = inner.hasHeightForWidth()
        height = inner.totalHeightForWidth(width) if wraps else inner.totalSizeHint().height()
    elif widget.hasHeightForWidth():
        height = widget.heightForWidth(width)
    else:
        height = widget.minimumSizeHint().height()
    return max(height, widget.minimumHeight())
