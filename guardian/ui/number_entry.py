"""The caller's number, typed on a big on-screen keypad or the keyboard; always skippable."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from guardian.core.number_display import phone_digits
from guardian.ui.context import AppContext
from guardian.ui.item_list_layout import ItemListLayout
from guardian.ui.keypad import PLUS, Keypad, keys_in_order, least_height, least_width
from guardian.ui.widgets import BigButton, group_as_typed, label, scrolling

KEYS = keys_in_order(PLUS)
MAX_LENGTH = 24

# The prompt's column and the keypad share the row's width 3 : 2, this far apart.
LEFT_SHARE, PAD_SHARE = 3, 2
COLUMN_GAP = 36
SPACING = 20

# How the step is arranged (see _StepLayout), in order of preference.
HINT_BESIDE, PROMPT_ACROSS, HINT_BELOW = "hint beside", "prompt across", "hint below"
ARRANGEMENTS = (HINT_BESIDE, PROMPT_ACROSS, HINT_BELOW)


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

        self.keypad = Keypad(
            ctx,
            self.field,
            max_length=MAX_LENGTH,
            delete=(ctx.t("number.delete"), ctx.t("number.delete_description")),
        )
        self.keys = self.keypad.keys

        body = QWidget()
        self.step_layout = _StepLayout(
            body,
            self.prompt,
            self.hint,
            self.field,
            (self.skip_button, self.next_button),
            self.keypad,
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
        return phone_digits(self.field.text())

    def focus_field(self) -> None:
        """Put the keyboard focus in the number field."""
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_next(self) -> None:
        self.next_button.setEnabled(bool(self.number()))

    def _submit(self) -> None:
        number = self.number()
        if number:
            self.submitted.emit(number)


class _StepLayout(ItemListLayout):
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
        keypad: Keypad,
    ) -> None:
        # Sizes asked for again and again while Qt lays out, until something changes.
        self._sizes: dict[tuple[str, int], int] = {}
        super().__init__(parent, [prompt, hint, field, *buttons, keypad])
        self.arrangement = HINT_BESIDE
        self._prompt, self._hint, self._field = prompt, hint, field
        self._buttons = buttons
        self._keypad = keypad

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
        left = max(least_width(widget) for widget in (self._prompt, self._hint, self._field))
        left = max(left, sum(least_width(button) for button in self._buttons) + SPACING)
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
            height = least_height(self._prompt, inner.width())
            self._prompt.setGeometry(QRect(x, top, inner.width(), height))
            top += height + SPACING
            column = [self._hint]
        elif self.arrangement == HINT_BELOW:
            height = least_height(self._hint, inner.width())
            bottom -= height
            self._hint.setGeometry(QRect(x, bottom, inner.width(), height))
            bottom -= SPACING
            column = [self._prompt]
        y = top
        for widget in column:
            height = least_height(widget, left)
            widget.setGeometry(QRect(x, y, left, height))
            y += height + SPACING
        buttons = self._buttons_height(left)
        # The field takes its natural height when there is room, else shrinks to its least.
        room = bottom - buttons - SPACING - y
        field = max(least_height(self._field, left), min(self._field.sizeHint().height(), room))
        self._field.setGeometry(QRect(x, y, left, field))
        button_width = (left - SPACING) // 2
        for index, button in enumerate(self._buttons):
            button_x = x + index * (button_width + SPACING)
            button.setGeometry(QRect(button_x, bottom - buttons, button_width, buttons))
        self._keypad.setGeometry(QRect(x + left + COLUMN_GAP, top, pad, bottom - top))

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
            across = least_height(self._prompt, inner) + SPACING
            column.remove(self._prompt)
        elif arrangement == HINT_BELOW:
            across = SPACING + least_height(self._hint, inner)
            column.remove(self._hint)
        left_height = sum(least_height(widget, left) + SPACING for widget in column)
        left_height += self._buttons_height(left)
        row = max(left_height, self._keypad.least_height(pad))
        return row + across + margins.top() + margins.bottom()

    def _columns(self, width: int) -> tuple[int, int]:
        """The widths of the prompt's column and of the keypad (never narrower than its words)."""
        row = max(0, width - COLUMN_GAP)
        pad = max(row * PAD_SHARE // (LEFT_SHARE + PAD_SHARE), self._least_pad_width())
        return row - pad, pad

    def _least_pad_width(self) -> int:
        key = ("pad", 0)
        if key not in self._sizes:
            self._sizes[key] = self._keypad.least_width()
        return self._sizes[key]

    def _buttons_height(self, left: int) -> int:
        width = (left - SPACING) // 2
        return max(least_height(button, width) for button in self._buttons)
