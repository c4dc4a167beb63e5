"""One yes / no / not-sure question a screen, with its pictogram, progress and a speaker button.

Shown again (after "back"), the question marks the answer given to it before.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from guardian.core.content import Signal as RedSignal
from guardian.core.risk import Answer
from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, label, mark_chosen, plain_label, svg_pixmap

# (answer, catalog key, pictogram, keyboard key)
ANSWERS = (
    (Answer.YES, "question.yes", "answer_yes", Qt.Key.Key_1),
    (Answer.NO, "question.no", "answer_no", Qt.Key.Key_2),
    (Answer.UNSURE, "question.unsure", "answer_unsure", Qt.Key.Key_3),
)


class QuestionStep(QWidget):
    """Shows one question; keys 1, 2 and 3 answer it; the speaker button beside it reads it.

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
        # "Question 2 of 7", and beside it "you chose: yes" when the question is shown again
        # with the answer given before (on the same line: the question keeps its height).
        top = QHBoxLayout()
        top.setSpacing(32)
        self.progress = label("", "soft", wrap=False)
        top.addWidget(self.progress)
        self.chosen = label("", "heading")
        self.chosen.setVisible(False)
        top.addWidget(self.chosen, 1)
        layout.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(28)
        # The question's pictogram, and under it "listen again": beside the question itself,
        # far from "home" in the header, and taking no room from the question's words.
        side = QVBoxLayout()
        side.setSpacing(4)
        side.addStretch(1)
        self.picture = plain_label()
        # Smaller at the largest sizes, where the question's words need the height.
        picture_px = round(theme.tile_icon_px * (1.5 if theme.roomy else 1.0))
        self.picture.setFixedSize(picture_px, picture_px)
        side.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        self.replay_button = BigButton(
            ctx.t("nav.replay"),
            "speaker",
            role=None,
            # A little smaller at the largest sizes, where the question needs the height.
            icon_px=theme.button_icon_px if theme.roomy else round(theme.button_icon_px * 0.8),
            vertical=True,
            description=ctx.t("question.replay_description"),
            lines=2,
        )
        self._picture_px = picture_px
        policy = self.replay_button.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)  # as tall as its words need
        self.replay_button.setSizePolicy(policy)
        self.replay_button.clicked.connect(self.replay)
        side.addWidget(self.replay_button)
        side.addStretch(1)  # the pictogram and the button together, in the middle
        row.addLayout(side)
        self.question = label("", "headline")
        row.addWidget(self.question, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(row, 1)
        self.previous: Answer | None = None
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

    def show_question(
        self, signal: RedSignal, number: int, total: int, previous: Answer | None = None
    ) -> None:
        """Show ``signal``'s question as question ``number`` of ``total``.

        ``previous`` is the answer given to it before (the question is shown again): its button
        is marked and the words "you chose: ..." say it.
        """
        self.signal = signal
        self.progress.setText(self.ctx.t("question.progress", number=number, total=total))
        self.question.setText(self.ctx.pick(signal.question) if signal.question else "")
        self.picture.setPixmap(svg_pixmap(signal.icon, self.picture.width()))
        self._mark(previous)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark(self, previous: Answer | None) -> None:
        """Mark the button of the answer given before (or none) and say which it was."""
        if previous == self.previous:
            return  # already so: restyling a button costs a moment
        self.previous = previous
        for answer, button in self.buttons.items():
            mark_chosen(button, answer == previous, self.ctx.theme)
        if previous is None:
            self.chosen.setText("")
            self.chosen.setVisible(False)
            return
        words = next(self.ctx.t(key) for answer, key, _, _ in ANSWERS if answer == previous)
        self.chosen.setText(self.ctx.t("question.chosen", answer=words))
        self.chosen.setVisible(True)

    def spoken_text(self) -> str:
        """The fuller spoken form of the question, the answer given before, then how to answer."""
        if self.signal is None or self.signal.spoken is None:
            return ""
        return self.ctx.sentences(
            self.progress.text(),
            self.ctx.pick(self.signal.spoken),
            self.chosen.text() if self.previous is not None else "",
            self.ctx.t("question.how"),
        )

    def replay(self) -> None:
        """Read the question aloud again (the speaker button beside it)."""
        self.ctx.say(self.spoken_text())

    def showEvent(self, event: QShowEvent) -> None:
        """Size the speaker button by the words' size now (the text size may have changed)."""
        # Its words on two lines at most (never cut), and no wider: the question keeps the room.
        width = max(self._picture_px + 24, _two_line_width(self.replay_button))
        if self.replay_button.width() != width or self.replay_button.minimumWidth() != width:
            self.replay_button.setFixedWidth(width)
        super().showEvent(event)

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


def _two_line_width(button: BigButton) -> int:
    """The narrowest width at which ``button``'s words take at most two lines.

    English breaks between words ("Listen / again"); Chinese, without spaces, stays on one
    line ("再听一遍" is one word).
    """
    button.ensurePolished()
    words = button.text_widget
    words.ensurePolished()
    if " " not in button.label().strip():
        return button.sizeHint().width() + 4
    one_line = words.heightForWidth(100_000)
    low, high = words.minimumSizeHint().width(), max(words.sizeHint().width(), 1)
    while low < high:
        middle = (low + high) // 2
        if words.heightForWidth(middle) <= 2 * one_line:
            high = middle
        else:
            low = middle + 1
    around = button.sizeHint().width() - words.sizeHint().width()
    return low + around + 4
