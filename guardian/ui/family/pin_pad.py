"""A big keypad for the family PIN: dots instead of digits, a message line, one "OK" button."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from guardian.core.pin import PIN_MAX_DIGITS
from guardian.ui.context import AppContext
from guardian.ui.keypad import CLEAR, Keypad, keys_in_order
from guardian.ui.widgets import BigButton, label

PIN_KEYS = keys_in_order(CLEAR)


class PinPad(QWidget):
    """Asks for a PIN on a big keypad (or the keyboard) and hands it over on "OK".

    Args:
        ctx: the shared app context.

    Signals:
        submitted(str): the digits typed when "OK" (or Enter) was pressed.
    """

    submitted = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        theme = ctx.theme
        roomy = theme.roomy
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(36)

        left = QVBoxLayout()
        left.setSpacing(16)
        self.prompt = label("", "title")
        left.addWidget(self.prompt)
        self.hint = label("", "soft")
        left.addWidget(self.hint)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(PIN_MAX_DIGITS)
        self.field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]*"), self))
        self.field.setAccessibleName(ctx.t("pin.field"))
        self.field.setAccessibleDescription(ctx.t("pin.field_description"))
        font = self.field.font()
        font.setPointSize(theme.title_pt + 8)
        font.setBold(True)
        self.field.setFont(font)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.returnPressed.connect(self.submit)
        self.field.textChanged.connect(self._update_ok)
        left.addWidget(self.field)
        self.message = label("", "banner")
        self.message.setVisible(False)
        left.addWidget(self.message)
        left.addStretch(1)
        self.ok_button = BigButton(
            ctx.t("pin.ok"),
            "answer_yes",
            role="primary",
            icon_px=theme.button_icon_px,
            description=ctx.t("pin.ok_description"),
        )
        self.ok_button.clicked.connect(self.submit)
        left.addWidget(self.ok_button)
        layout.addLayout(left, 3 if roomy else 1)

        self.keypad = Keypad(
            ctx,
            self.field,
            max_length=PIN_MAX_DIGITS,
            delete=(ctx.t("pin.delete"), ctx.t("pin.delete_description")),
            clear=(ctx.t("pin.clear"), ctx.t("pin.clear_description")),
            # At the largest sizes the pictogram alone fits; the words stay for screen readers.
            delete_words_shown=roomy,
        )
        self.keys = self.keypad.keys
        layout.addWidget(self.keypad, 2 if roomy else 1)
        self._update_ok()

    def set_prompt(self, prompt: str, hint: str = "") -> None:
        """Show what to type, and a help line under it."""
        self.prompt.setText(prompt)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def show_message(self, text: str) -> None:
        """Show ``text`` under the field until the next message (empty hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def message_text(self) -> str:
        """The message shown under the field, or empty."""
        return self.message.text() if not self.message.isHidden() else ""

    def pin(self) -> str:
        """The digits typed so far."""
        return self.field.text()

    def press(self, key: str) -> None:
        """Type one digit (nothing happens while the pad is locked)."""
        self.keypad.press(key)

    def type_pin(self, digits: str) -> None:
        """Type ``digits`` one by one, as the keypad would."""
        for digit in digits:
            self.press(digit)

    def clear(self) -> None:
        """Empty the field."""
        self.keypad.clear()

    def submit(self) -> None:
        """Hand over the digits (nothing happens while the pad is locked or empty)."""
        if self.field.isEnabled() and self.pin():
            self.submitted.emit(self.pin())

    def set_locked(self, locked: bool) -> None:
        """Stop (or allow again) typing, while too many wrong tries lock the PIN."""
        self.field.setEnabled(not locked)
        self.keypad.set_keys_enabled(not locked)
        self._update_ok()

    def show_keys(self, shown: bool) -> None:
        """Show (or hide, while the PIN is locked) the field, the keys and "OK"."""
        self.field.setVisible(shown)
        self.ok_button.setVisible(shown)
        self.keypad.setVisible(shown)

    def focus_field(self) -> None:
        """Put the keyboard focus in the PIN field."""
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.field.isEnabled() and bool(self.field.text()))
