"""A small "详细信息" (details) button that shows the exact technical words below it.

A family screen says what went wrong in a plain sentence. The exact words (an error from the
system or from a library) matter only to someone who knows computers, perhaps helping on the
phone: they stay hidden until "详细信息" is pressed, and are then shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, label


class TechnicalDetails(QWidget):
    """The "详细信息" button and, once pressed, the technical words under it.

    With no words set the whole widget takes no room.

    Args:
        ctx: the shared app context (the words on the button).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.button = BigButton(
            ctx.t("family.details"),
            None,
            role=None,
            description=ctx.t("family.details_description"),
        )
        self.button.clicked.connect(self.toggle)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.text = label("", "soft")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setVisible(False)
        layout.addWidget(self.text)
        self.setVisible(False)

    def set_details(self, text: str) -> None:
        """Keep ``text`` behind the button (hidden again); an empty text hides the widget."""
        self.text.setText(text)
        self.text.setVisible(False)
        self._show_button_words()
        self.setVisible(bool(text))

    def details(self) -> str:
        """The technical words kept behind the button."""
        return self.text.text()

    def toggle(self) -> None:
        """Show the technical words, or hide them again."""
        self.text.setVisible(self.text.isHidden())
        self._show_button_words()

    def _show_button_words(self) -> None:
        key = "family.details" if self.text.isHidden() else "family.details_hide"
        self.button.text_widget.setText(self.ctx.t(key))
        self.button.setAccessibleName(self.ctx.t(key))
