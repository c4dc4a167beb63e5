"""The caller's number, typed on a big on-screen keypad or the keyboard; always skippable."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, group_as_typed, key_button, label, scrolling

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "0", "delete")
MAX_LENGTH = 24
_ALLOWED = re.compile(r"[^0-9+]")

# The prompt's column and the keypad share the row's width 3 : 2, this far apart.
LEFT_SHARE, PAD_SHARE = 3, 2
COLUMN_GAP = 36
SPACING = 20
KEY_SPACING = 12

# How the step is arranged (see _StepLayout), in order of preference.
HINT_BESIDE, PROMPT_ACROSS, HINT_BELOW = "hint beside", "prompt across", "hint below"
ARRANGEMENTS = (HINT_BESIDE, PROMPT_ACROSS, HINT_BELOW)


def clean_number(raw: str) -> str:
    """Return ``raw`` with everything but digits and a plus sign removed."""
    return _ALLOWED.sub("", raw)


class NumberEntryStep(QWidget):
    """Asks for the number that called; "skip" when it is not known.

    The prompt, hint, field and buttons sit in a column beside the keypad while that fits the
    height; when the words are long or large the prompt goes across the top, or else the hint
    goes across the bottom (the step scrolls if even that is too tall), so the prompt, the
    field, the buttons and the keys stay in view.

    Args:
        ctx: the shared app context.
        number: a number to start with (when going back to this step).

    Signals:
        submitted(str): the person confirmed a number (digits and plus sign only).
        skipped: the person chose to skip the number.
    """

    submitted = Signal(str)
    skipped = Signal()

    def __init__(self, ctx: AppContext, number: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        theme = ctx.theme
        self.prompt = label(ctx.t("number.prompt"), "title")
        self.hint = label(ctx.t("number.hint"), "soft")
        self.field = QLineEdit(number)
        self.field.setMaxLength(MAX_LENGTH)
        self.field.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9+\-\s()]*"), self.field)
        )
        self.field.setProperty("role", "number")
        self.field.setAccessibleName(ctx.t("number.field"))
        self.field.setAccessibleDescription(ctx.t("number.hint"))
        self.field.setPlaceholderText(ctx.t("number.placeholder"))
        self.field.returnPressed.connect(self._submit)
        self.field.textChanged.connect(self._update_next)
        group_as_typed(self.field)
        self.skip_button = BigButton(
            ctx.t("number.skip"),
            "skip",
            role="tile",
            icon_px=theme.button_icon_px,
            description=ctx.t("number.skip_description"),
        )
        self.skip_button.clicked.connect(self.skipped)
        self.next_button = BigButton(
            ctx.t("number.next"),
            "next",
            role="primary",
            icon_px=theme.button_icon_px,
            description=ctx.t("number.next_description"),
        )
        self.next_button.clicked.connect(self._submit)

        self.keys: dict[str, QPushButton] = {}
        for key in KEYS:
            button: QPushButton
            if key == "delete":
                button = BigButton(
                    ctx.t("number.delete"),
                    "delete_digit",
                    role=None,  # ordinary-size words: "Delete" must fit a key
                    icon_px=theme.button_icon_px,
                    vertical=True,
                    description=ctx.t("number.delete_description"),
                )
                button.clicked.connect(self.field.backspace)
            else:
                button = key_button(key)
                button.clicked.connect(lambda _=False, k=key: self._press(k))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.keys[key] = button

        body = QWidget()
        self.step_layout = _StepLayout(
            body,
            self.prompt,
            self.hint,
            self.field,
            (self.skip_button, self.next_button),
            [self.keys[key] for key in KEYS],
        )
        self.step_layout.setContentsMargins(36, 24, 36, 24)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))
        self._update_next()

    @property
    def arrangement(self) -> str:
        """How the step is arranged for its size: HINT_BESIDE, PROMPT_ACROSS or HINT_BELOW."""
        return self.step_layout.arrangement

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Arrange the step for its new size."""
        super().resizeEvent(event)
        self.step_layout.arrange_for(self.size())

    def number(self) -> str:
        """The number typed so far, digits and plus sign only."""
        return clean_number(self.field.text())

    def focus_field(self) -> None:
        """Put the keyboard focus in the number field."""
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _press(self, key: str) -> None:
        if len(self.field.text()) < MAX_LENGTH:
            self.field.insert(key)
        self.focus_field()

    def _update_next(self) -> None:
        self.next_button.setEnabled(bool(self.number()))

    def _submit(self) -> None:
        number = self.number()
        if number:
            self.submitted.emit(number)


class _StepLayout(QLayout):
    """The prompt's column beside the keypad, arranged to fit the height.

    Arrangements, the first that fits the height is used: everything in the column beside the
    keypad (HINT_BESIDE); the prompt across the top, the rest in the column (PROMPT_ACROSS);
    the hint across the bottom, under the keypad and the buttons (HINT_BELOW, which scrolls when
    even that is too tall, with the keys and buttons still in view).

    Placed by hand: Qt's boxes squeeze every part alike when the height is short, which cuts
    the words of a label; here every part gets at least what its words need, and what is left
    goes to the field, the keys and the room above the buttons.
    """

    def __init__(
        self,
        parent: QWidget,
        prompt: QWidget,
        hint: QWidget,
        field: QWidget,
        buttons: tuple[BigButton, BigButton],
        keys: list[QPushButton],
    ) -> None:
        super().__init__(parent)
        self.arrangement = HINT_BESIDE
        self._prompt, self._hint, self._field = prompt, hint, field
        self._buttons = buttons
        self._keys = keys
        self._items: list[QLayoutItem] = []
        # Sizes asked for again and again while Qt lays out, until something changes.
        self._sizes: dict[tuple[str, int], int] = {}
        for widget in (prompt, hint, field, *buttons, *keys):
            self.addChildWidget(widget)
            self._items.append(QWidgetItem(widget))

    def arrange_for(self, size: QSize) -> None:
        """Use the first arrangement whose least height fits ``size`` (else HINT_BELOW)."""
        chosen = next(
            (
                arrangement
                for arrangement in ARRANGEMENTS
                if self.height_for(size.width(), arrangement) <= size.height()
            ),
            HINT_BELOW,
        )
        if chosen != self.arrangement:
            self.arrangement = chosen
            self.invalidate()

    # -- QLayout -----------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Forget the sizes worked out so far (words, text size or style changed)."""
        self._sizes.clear()
        super().invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        """Not used: the step's parts are given to the constructor."""
        self._items.append(item)

    def count(self) -> int:
        """How many parts the layout holds."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """The part at ``index``, or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Remove the part at ``index`` (only when the layout is thrown away)."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        """The step takes all the room it is given."""
        return Qt.Orientation.Horizontal | Qt.Orientation.Vertical

    def hasHeightForWidth(self) -> bool:
        """The words wrap, so the height depends on the width."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The least height at ``width`` in the current arrangement."""
        return self.height_for(width, self.arrangement)

    def sizeHint(self) -> QSize:
        """A comfortable size: the keypad at twice its least width beside the column."""
        margins = self.contentsMargins()
        width = 2 * self._least_pad_width() + COLUMN_GAP + margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        """As narrow as the longest word beside the narrowest keypad."""
        margins = self.contentsMargins()
        left = max(_least_width(widget) for widget in (self._prompt, self._hint, self._field))
        left = max(left, sum(_least_width(button) for button in self._buttons) + SPACING)
        width = left + COLUMN_GAP + self._least_pad_width()
        return QSize(width + margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        """Place the parts in the current arrangement."""
        super().setGeometry(rect)
        inner = self.contentsRect()
        left, pad = self._columns(inner.width())
        x, top, bottom = inner.x(), inner.y(), inner.y() + inner.height()
        column: list[QWidget] = [self._prompt, self._hint]
        if self.arrangement == PROMPT_ACROSS:
            height = _least_height(self._prompt, inner.width())
            self._prompt.setGeometry(QRect(x, top, inner.width(), height))
            top += height + SPACING
            column = [self._hint]
        elif self.arrangement == HINT_BELOW:
            height = _least_height(self._hint, inner.width())
            bottom -= height
            self._hint.setGeometry(QRect(x, bottom, inner.width(), height))
            bottom -= SPACING
            column = [self._prompt]
        y = top
        for widget in column:
            height = _least_height(widget, left)
            widget.setGeometry(QRect(x, y, left, height))
            y += height + SPACING
        buttons = self._buttons_height(left)
        # The field takes its natural height when there is room, else shrinks to its least.
        room = bottom - buttons - SPACING - y
        field = max(_least_height(self._field, left), min(self._field.sizeHint().height(), room))
        self._field.setGeometry(QRect(x, y, left, field))
        button_width = (left - SPACING) // 2
        for index, button in enumerate(self._buttons):
            button_x = x + index * (button_width + SPACING)
            button.setGeometry(QRect(button_x, bottom - buttons, button_width, buttons))
        self._place_keys(QRect(x + left + COLUMN_GAP, top, pad, bottom - top))

    def _place_keys(self, rect: QRect) -> None:
        """Three keys a row; every row as tall as its keys need, and the rest shared out."""
        key_width = (rect.width() - 2 * KEY_SPACING) // 3
        rows = self._key_rows(key_width)
        room = rect.height() - KEY_SPACING * (len(rows) - 1)
        if room // len(rows) >= max(rows):
            rows = [room // len(rows)] * len(rows)  # room enough for keys all the same height
        extra = max(0, room - sum(rows))
        y = rect.y()
        for number, least in enumerate(rows):
            height = least + extra // len(rows)
            for column, key in enumerate(self._keys[3 * number : 3 * number + 3]):
                x = rect.x() + column * (key_width + KEY_SPACING)
                key.setGeometry(QRect(x, y, key_width, height))
            y += height + KEY_SPACING

    # -- sizes -------------------------------------------------------------------------------

    def height_for(self, width: int, arrangement: str) -> int:
        """The least height at ``width`` in ``arrangement``."""
        key = (arrangement, width)
        if key not in self._sizes:
            self._sizes[key] = self._height_for(width, arrangement)
        return self._sizes[key]

    def _height_for(self, width: int, arrangement: str) -> int:
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        left, pad = self._columns(inner)
        across = 0
        column = [self._prompt, self._hint, self._field]
        if arrangement == PROMPT_ACROSS:
            across = _least_height(self._prompt, inner) + SPACING
            column.remove(self._prompt)
        elif arrangement == HINT_BELOW:
            across = SPACING + _least_height(self._hint, inner)
            column.remove(self._hint)
        left_height = sum(_least_height(widget, left) + SPACING for widget in column)
        left_height += self._buttons_height(left)
        rows = self._key_rows((pad - 2 * KEY_SPACING) // 3)
        row = max(left_height, sum(rows) + KEY_SPACING * (len(rows) - 1))
        return row + across + margins.top() + margins.bottom()

    def _columns(self, width: int) -> tuple[int, int]:
        """The widths of the prompt's column and of the keypad (never narrower than its words)."""
        row = max(0, width - COLUMN_GAP)
        pad = max(row * PAD_SHARE // (LEFT_SHARE + PAD_SHARE), self._least_pad_width())
        return row - pad, pad

    def _least_pad_width(self) -> int:
        key = ("pad", 0)
        if key not in self._sizes:
            widest = max(_least_width(button) for button in self._keys)
            self._sizes[key] = 3 * widest + 2 * KEY_SPACING
        return self._sizes[key]

    def _key_rows(self, key_width: int) -> list[int]:
        keys = self._keys
        return [
            max(_least_height(key, key_width) for key in keys[index : index + 3])
            for index in range(0, len(keys), 3)
        ]

    def _buttons_height(self, left: int) -> int:
        width = (left - SPACING) // 2
        return max(_least_height(button, width) for button in self._buttons)


def _least_width(widget: QWidget) -> int:
    """The narrowest ``widget`` can be without cutting a word (a big button: its inner words)."""
    widget.ensurePolished()  # the style sheet sets the size of the words
    inner = widget.layout()
    least = inner.totalMinimumSize() if inner is not None else widget.minimumSizeHint()
    return max(least.width(), widget.minimumWidth())


def _least_height(widget: QWidget, width: int) -> int:
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
