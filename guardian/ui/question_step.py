"""One yes / no / not-sure question a screen, with its pictogram and progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from guardian.core.content import Signal as RedSignal
from guardian.core.risk import Answer
from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, label, plain_label, svg_pixmap

# (answer, catalog key, pictogram, keyboard key)
ANSWERS = (
    (Answer.YES, "question.yes", "answer_yes", Qt.Key.Key_1),
    (Answer.NO, "question.no", "answer_no", Qt.Key.Key_2),
    (Answer.UNSURE, "question.unsure", "answer_unsure", Qt.Key.Key_3),
)


class QuestionStep(QWidget):
    """Shows one question; keys 1, 2 and 3 answer it.

    Args:
        ctx: the shared app context.

    Signals:
        answered(str): the answer given ("yes", "no" or "unsure").
        back_requested: Backspace was pressed.
    """

    answered = Signal(str)
    back_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        theme = ctx.theme
        self.signal: RedSignal | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 16, 36, 24)
        layout.setSpacing(20)
        self.progress = label("", "soft")
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.setSpacing(28)
        self.picture = plain_label()
        picture_px = round(theme.tile_icon_px * 1.5)
        self.picture.setFixedSize(picture_px, picture_px)
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        self.question = label("", "headline")
        row.addWidget(self.question, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(row, 1)
        answers = QHBoxLayout()
        answers.setSpacing(24)
        self.buttons: dict[Answer, BigButton] = {}
        for answer, key, icon, _ in ANSWERS:
            button = BigButton(
                ctx.t(key),
                icon,
                role="answer",
                icon_px=theme.tile_icon_px // 2 + 16,
                vertical=True,
                description=ctx.t(f"{key}_description"),
                lines=1,
            )
            button.clicked.connect(lambda _=False, a=answer: self.answered.emit(a.value))
            answers.addWidget(button)
            self.buttons[answer] = button
        layout.addLayout(answers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_question(self, signal: RedSignal, number: int, total: int) -> None:
        """Show ``signal``'s question as question ``number`` of ``total``."""
        self.signal = signal
        self.progress.setText(self.ctx.t("question.progress", number=number, total=total))
        self.question.setText(self.ctx.pick(signal.question) if signal.question else "")
        self.picture.setPixmap(svg_pixmap(signal.icon, self.picture.width()))
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def spoken_text(self) -> str:
        """The fuller spoken form of the question, then how to answer."""
        if self.signal is None or self.signal.spoken is None:
            return ""
        return self.ctx.sentences(
            self.progress.text(), self.ctx.pick(self.signal.spoken), self.ctx.t("question.how")
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys 1, 2 and 3 answer yes, no and not sure; Backspace goes back."""
        if event.key() == Qt.Key.Key_Backspace:
            self.back_requested.emit()
            return
        for answer, _, _, key in ANSWERS:
            if event.key() == key:
                self.answered.emit(answer.value)
                return
        super().keyPressEvent(event)
