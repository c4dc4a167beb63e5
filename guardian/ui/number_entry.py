"""The caller's number, typed on a big on-screen keypad or the keyboard; always skippable."""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, label

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "0", "delete")
MAX_LENGTH = 24
_ALLOWED = re.compile(r"[^0-9+]")


def clean_number(raw: str) -> str:
    """Return ``raw`` with everything but digits and a plus sign removed."""
    return _ALLOWED.sub("", raw)


class NumberEntryStep(QWidget):
    """Asks for the number that called; "skip" when it is not known.

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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 24)
        layout.setSpacing(36)

        left = QVBoxLayout()
        left.setSpacing(20)
        self.prompt = label(ctx.t("number.prompt"), "title")
        left.addWidget(self.prompt)
        left.addWidget(label(ctx.t("number.hint"), "soft"))
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
        left.addWidget(self.field)
        left.addStretch(1)
        actions = QHBoxLayout()
        actions.setSpacing(20)
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
        actions.addWidget(self.skip_button)
        actions.addWidget(self.next_button)
        left.addLayout(actions)
        layout.addLayout(left, 3)

        pad = QGridLayout()
        pad.setSpacing(12)
        self.keys: dict[str, BigButton] = {}
        for index, key in enumerate(KEYS):
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
                button = BigButton(key, None, role="key", description=key)
                button.clicked.connect(lambda _=False, k=key: self._press(k))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            pad.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        layout.addLayout(pad, 2)
        self._update_next()

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
