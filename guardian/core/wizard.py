"""The suspicious-call check as a plain state machine, driven by the wizard screen.

First the person picks who the caller said they were; then the questions for that caller type
come one at a time. A "yes" to a decisive question stops the questions at once (the verdict is
already clear); a family member reviewing later may go on with the rest. "Back" steps to the
previous question, and from the first question back to the caller choice.

When the person typed the caller's number, the number answers the questions about it ("did
your phone show 110?"): they are not asked.
"""

from __future__ import annotations

from collections.abc import Iterable

from guardian.core.content import CallerType, Content, Severity, Signal
from guardian.core.risk import Answer, Assessment, assess

NUMBER_QUESTIONS: tuple[str, ...] = ("caller_id_110",)
"""Questions about the caller's number: the number checker answers them when it is known."""


class Wizard:
    """The state of one suspicious-call check.

    Args:
        content: the signal catalog and question flow.
        caller_number: the number the call came from, if the person typed it.
        number_signals: signal ids found by checking that number; they count as source
            "number" in the verdict.
        warning_line: the number is the real anti-fraud line or the official warning number
            (``NumberResult.warning_line``).

    Raises:
        UnknownIdError: a number signal is not in the catalog.
    """

    def __init__(
        self,
        content: Content,
        *,
        caller_number: str | None = None,
        number_signals: Iterable[str] = (),
        warning_line: bool = False,
    ) -> None:
        self._content = content
        self._caller_number = caller_number
        self._warning_line = warning_line
        self._number_signals = tuple(dict.fromkeys(number_signals))
        for signal_id in self._number_signals:
            content.signal(signal_id)
        self._caller: CallerType | None = None
        self._questions: tuple[Signal, ...] = ()
        # Questions before this position count as answered on the current pass.
        self._index = 0
        # Every answer given on this path, kept when stepping back so it can be shown again.
        self._given: dict[str, Answer] = {}
        self._stopped_early = False
        self._reviewing = False
        # Signals noticed on the computer while the check runs (e.g. a remote-control program).
        self._noticed: dict[str, str] = {}

    @property
    def caller_number(self) -> str | None:
        """The number the call came from, if known."""
        return self._caller_number

    def notice(self, signal_id: str, source: str) -> None:
        """Count ``signal_id``, found outside the questions (``source`` "apps", "text"...).

        Raises:
            UnknownIdError: the signal is not in the catalog.
        """
        self._content.signal(signal_id)
        self._noticed[signal_id] = source

    @property
    def noticed(self) -> dict[str, str]:
        """Signals found outside the questions, by id, with their source."""
        return dict(self._noticed)

    @property
    def warning_line(self) -> bool:
        """Whether the number is the real anti-fraud line or the official warning number."""
        return self._warning_line

    @property
    def number_signals(self) -> tuple[str, ...]:
        """Signal ids found by checking the caller's number."""
        return self._number_signals

    @property
    def caller(self) -> CallerType | None:
        """The caller type chosen, or None while the caller choice is showing."""
        return self._caller

    @property
    def questions(self) -> tuple[Signal, ...]:
        """The questions of the chosen path, in order (empty before a caller is chosen)."""
        return self._questions

    @property
    def index(self) -> int:
        """The 0-based position of the current question (equal to ``total`` when all are done)."""
        return self._index

    @property
    def total(self) -> int:
        """How many questions the chosen path has."""
        return len(self._questions)

    @property
    def finished(self) -> bool:
        """Whether the verdict is due: every question answered, or stopped early."""
        return self._caller is not None and (self._stopped_early or self._index >= self.total)

    @property
    def stopped_early(self) -> bool:
        """Whether a "yes" to a decisive question ended the questions before the last one."""
        return self._stopped_early

    @property
    def current(self) -> Signal | None:
        """The question waiting for an answer, or None (caller choice showing, or finished)."""
        if self._caller is None or self.finished:
            return None
        return self._questions[self._index]

    @property
    def answers(self) -> dict[str, Answer]:
        """The answers that count: those up to the current question, by signal id."""
        return {
            signal.id: self._given[signal.id]
            for signal in self._questions[: self._index]
            if signal.id in self._given
        }

    def previous_answer(self, signal_id: str) -> Answer | None:
        """Return the answer last given to ``signal_id`` on this path (to show it again)."""
        return self._given.get(signal_id)

    def choose_caller(self, caller_id: str) -> None:
        """Choose who the caller said they were and start that path at its first question.

        Answers already given to questions that are also on the new path are kept, so they
        can be shown again. With the caller's number known, questions about it are left out.

        Raises:
            UnknownIdError: no caller type has that id.
        """
        caller = self._content.caller(caller_id)
        questions = self._content.questions_for(caller_id)
        if self._caller_number:
            questions = tuple(q for q in questions if q.id not in NUMBER_QUESTIONS)
        ids = {signal.id for signal in questions}
        self._given = {sid: answer for sid, answer in self._given.items() if sid in ids}
        self._caller = caller
        self._questions = questions
        self._index = 0
        self._stopped_early = False
        self._reviewing = False

    def answer(self, answer: Answer) -> None:
        """Answer the current question and move on.

        A "yes" to a decisive question stops the questions at once, unless the rest is being
        reviewed after :meth:`continue_answering`.

        Raises:
            RuntimeError: no question is waiting for an answer.
            ValueError: ``answer`` is not yes, no or unsure.
        """
        signal = self.current
        if signal is None:
            raise RuntimeError("no question is waiting for an answer")
        given = Answer(answer)
        self._given[signal.id] = given
        self._index += 1
        if (
            given is Answer.YES
            and signal.severity is Severity.DECISIVE
            and not self._reviewing
            and self._index < self.total
        ):
            self._stopped_early = True

    def back(self) -> bool:
        """Step back once.

        After an early stop this returns to the question that stopped it; otherwise to the
        previous question, or from the first question to the caller choice.

        Returns:
            False when there is nothing to go back to (the caller choice is showing).
        """
        if self._caller is None:
            return False
        if self._stopped_early:
            self._stopped_early = False
            self._index -= 1
            return True
        if self._index > 0:
            self._index -= 1
            return True
        self._caller = None
        self._questions = ()
        self._reviewing = False
        return True

    def continue_answering(self) -> bool:
        """After an early stop, go on with the remaining questions (a family member reviewing).

        Later decisive answers no longer stop the questions.

        Returns:
            True when there are questions left to answer.
        """
        if self._stopped_early:
            self._stopped_early = False
            self._reviewing = True
        return self.current is not None

    def progress(self) -> tuple[int, int]:
        """Return (question number counted from 1, total) for "question 3 of 7".

        Before a caller is chosen it is (0, 0); once finished, the number of the last question
        answered.
        """
        if self._caller is None:
            return (0, 0)
        if self.finished:
            return (self._index, self.total)
        return (self._index + 1, self.total)

    def assessment(self) -> Assessment:
        """Return the verdict for what is known so far.

        The counted answers, the chosen caller type's implied signals and the number signals
        (source "number") all count, and so does the number being the anti-fraud line.
        """
        return assess(
            self._content,
            self.answers,
            caller=self._caller.id if self._caller is not None else None,
            extra=[(signal_id, "number") for signal_id in self._number_signals]
            + list(self._noticed.items()),
            warning_line=self._warning_line,
        )
