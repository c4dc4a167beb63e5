"""The suspicious-call check: number, who they said they were, questions, verdict.

The check is saved as it goes (each answer), and the finished record is written before the
verdict shows. Saving happens on the disk worker; the window never waits for the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from guardian.core.number_check import check_number
from guardian.core.records import ANSWERS, CheckRecord
from guardian.core.remote_apps import Found
from guardian.core.risk import Answer, Assessment, Level
from guardian.core.wizard import Wizard
from guardian.services import history
from guardian.ui.caller_choice import CallerChoiceStep
from guardian.ui.context import AppContext
from guardian.ui.family_alerts import queue_family_alert
from guardian.ui.number_entry import NumberEntryStep
from guardian.ui.question_step import QuestionStep
from guardian.ui.remote_alert import RemoteAppAlert
from guardian.ui.screen import Screen
from guardian.ui.turns import next_turn, one_a_turn
from guardian.ui.verdict import VerdictView
from guardian.ui.widgets import svg_pixmap

log = logging.getLogger(__name__)

SAVE_RETRY_MS = 30_000
AHEAD_AFTER_MS = 50
"""When work done ahead begins after a page shows (the caller's pictures after the check opens,
the questions' pictures after the first question): after the page has been drawn, so the
drawing and the first piece never make one long wait together."""


class _SavedId:
    """The history number of the check being saved; only the disk worker's thread changes it."""

    id: int | None = None


class CheckCallScreen(Screen):
    """Runs one suspicious-call check from the caller's number to the verdict.

    Args:
        ctx: the shared app context (its ``disk`` saves the check when present).
        begin: start the check at once; a screen built ahead (``routes.prepare_check``) is
            started by :meth:`begin` when it opens.
        number_step: the number step, already built for this context (None: built here).
    """

    title_key = "check.title"
    starts_check = True

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        begin: bool = True,
        number_step: NumberEntryStep | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.steps = QStackedWidget()
        layout.addWidget(self.steps)
        self.number = ""
        self.wizard: Wizard | None = None
        self.verdict: VerdictView | None = None
        self.saved = _SavedId()
        self.remote_apps_running = False
        # After a failed save, the check is saved again on its own every half minute.
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(SAVE_RETRY_MS)
        self.retry_timer.timeout.connect(lambda: self._save())
        # The high-verdict alert: True once it is in the outbox (the family will be told);
        # waiting while it is being written; not_told after a failed write, until it is written.
        self.family_alerted = False
        self.family_alert_waiting = False
        self.family_not_told = False
        self.closed = False
        self.save_problem: str | None = None
        self.record = CheckRecord(
            kind="call", started_at=self._now(), updated_at=self._now(), lang=ctx.lang
        )
        # The first step may come built (a check screen built ahead makes it in a turn of its own).
        self.number_step = number_step if number_step is not None else NumberEntryStep(ctx)
        self.number_step.submitted.connect(self._number_given)
        self.number_step.skipped.connect(lambda: self._number_given(""))
        self.steps.addWidget(self.number_step)
        self.steps.setCurrentWidget(self.number_step)
        # The other steps are built when first needed, so opening the check stays quick. The
        # caller's pictures are built a piece at a time while the number is being typed (see
        # begin), so pressing 下一步 does not wait for them.
        self._caller_step: CallerChoiceStep | None = None
        self._question_step: QuestionStep | None = None
        self.remote_apps = RemoteAppAlert(ctx, self._remote_apps_found, parent=self)
        if begin:
            self.begin()

    def _now(self) -> datetime:
        """The current moment in UTC, by the context's clock (what the history stores)."""
        return self.ctx.now().astimezone(timezone.utc)

    def begin(self) -> None:
        """Start the check: the time it began, and the watch for remote-control programs."""
        now = self._now()
        self.record = CheckRecord(kind="call", started_at=now, updated_at=now, lang=self.ctx.lang)
        self.remote_apps.start()
        QTimer.singleShot(AHEAD_AFTER_MS, self, self._build_caller_piece)

    @property
    def caller_step(self) -> CallerChoiceStep:
        """The picture choices of who the caller claimed to be (finished now if need be)."""
        step = self._caller_step_begun()
        step.finish_building()
        return step

    @property
    def caller_step_built(self) -> bool:
        """Whether the caller's pictures are all built (ahead of the press that shows them)."""
        return self._caller_step is not None and self._caller_step.complete

    def _caller_step_begun(self) -> CallerChoiceStep:
        """The caller step, begun if not yet: its pictures may still be being built."""
        if self._caller_step is None:
            # Made inside the stack of steps, so adding it there moves and restyles nothing.
            step = CallerChoiceStep(self.ctx, self.steps, in_pieces=True)
            step.chosen.connect(self._caller_chosen)
            step.page_changed.connect(lambda _: self._show(step))
            self.steps.addWidget(step)
            self._caller_step = step
        return self._caller_step

    def _build_caller_piece(self) -> None:
        """Build one piece of the caller step, then the next in the event loop's next turn.

        Each piece is small (a page's frame, or one row of pictures), so a key pressed
        meanwhile is answered at once.
        """
        if self.closed or self.caller_step_built:
            return
        if not self._caller_step_begun().build_piece():
            next_turn(self, self._build_caller_piece)

    @property
    def question_step(self) -> QuestionStep:
        """The yes / no / not-sure question page."""
        if self._question_step is None:
            self._question_step = QuestionStep(self.ctx)
            self._question_step.answered.connect(self._answered)
            self._question_step.back_requested.connect(lambda: self.ctx.navigator().back())
            self.steps.addWidget(self._question_step)
        return self._question_step

    # -- what the header and the speaker ask ----------------------------------------------

    def spoken_text(self) -> str:
        """What the visible step reads aloud."""
        step = self.steps.currentWidget()
        if step is self.number_step:
            return self.ctx.sentences(self.ctx.t("number.prompt"), self.ctx.t("number.hint"))
        if isinstance(step, (CallerChoiceStep, QuestionStep, VerdictView)):
            return step.spoken_text()
        return self.title()

    def entered(self) -> None:
        """Start with the keyboard in the number field."""
        if self.steps.currentWidget() is self.number_step:
            self.number_step.focus_field()

    def closing(self) -> None:
        """Stop watching for remote-control programs; one last save if the last one failed."""
        self.closed = True
        self.remote_apps.stop()
        self.retry_timer.stop()
        if self.save_problem is not None:
            self._save()

    def offer_to_resume(self, offer: Callable[[CheckRecord], None]) -> None:
        """Left by "home" before the verdict: offer the check once every save of it is done.

        The offer comes after the saves queued so far, so it carries the check's history
        number and going on with it continues the same entry in the history.
        """
        if self.wizard is None or self.wizard.finished or self.verdict is not None:
            return
        record = self.snapshot()
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            offer(record)
            return

        def known(check_id: int | None) -> None:
            record.id = check_id
            offer(record)

        disk.submit(history.known_number(self.saved), on_done=known)

    def _remote_apps_found(self, found: list[Found]) -> None:
        """A remote-control program is running: a strong signal in this check's verdict."""
        self.remote_apps_running = True
        if self.wizard is not None:
            self.wizard.notice("remote_app_running", "apps")
            self._save()

    def handle_back(self) -> bool:
        """Step back inside the check; from the number step, close the check."""
        step = self.steps.currentWidget()
        if step is self.number_step:
            return False
        if step is self.caller_step:
            if self.caller_step.page > 1:
                self.caller_step.show_page(1)
                self._show(self.caller_step)
            else:
                self._show(self.number_step)
            return True
        assert self.wizard is not None
        caller = self.wizard.caller
        self.wizard.back()
        if self.wizard.caller is None:
            # Back to the page of pictures the caller was chosen on.
            step = self.caller_step
            step.show_page(step.chosen_page(caller.id, caller.page) if caller is not None else 1)
            step.mark(caller.id if caller is not None else None)
            self._show(step)
        else:
            self._show_question()
        self._save()
        return True

    # -- steps ------------------------------------------------------------------------------

    def _show(self, step: QWidget) -> None:
        self.steps.setCurrentWidget(step)
        self.header_changed.emit()
        if self.ctx.auto_read:
            self.ctx.say(self.spoken_text())

    def _number_given(self, number: str) -> None:
        self.number = number
        self.wizard = self._new_wizard(number)
        if self.remote_apps_running:
            self.wizard.notice("remote_app_running", "apps")
        self.record.caller_number = number or None
        self._save()
        self.caller_step.show_page(1)
        self.caller_step.mark(None)
        self._show(self.caller_step)

    def _new_wizard(self, number: str) -> Wizard:
        """A check for a call from ``number`` ("" when unknown): the number counts in it."""
        found = check_number(number, self.ctx.content) if number else None
        return Wizard(
            self.ctx.content,
            caller_number=number or None,
            number_signals=found.signals if found is not None else (),
            warning_line=found is not None and found.warning_line,
        )

    def resume(self, record: CheckRecord) -> None:
        """Go on with a check that was interrupted (the app closed or the power went off).

        The number, the caller and the answers saved so far are given again, in order; the
        check then shows the next question (or the verdict, if every question was answered).
        """
        self.record = record
        self.saved.id = record.id
        number = record.caller_number or ""
        self.number = number
        self.wizard = self._new_wizard(number)
        callers = {caller.id for caller in self.ctx.content.wizard.callers}
        if record.caller_type not in callers:
            self._show(self.caller_step)
            return
        self.wizard.choose_caller(record.caller_type)
        for signal_id, answer in record.answers.items():
            current = self.wizard.current
            if current is None or current.id != signal_id or answer not in ANSWERS:
                break
            self.wizard.answer(Answer(answer))
        if self.wizard.finished:
            self._finish()
        else:
            self._show_question()

    def _caller_chosen(self, caller_id: str) -> None:
        assert self.wizard is not None
        self.wizard.choose_caller(caller_id)
        # The questions may end in an alert to the family: its code loads while they are read.
        outbox = self.ctx.services.outbox
        if outbox is not None:
            outbox.prepare_delivery()
        self._save()
        self._show_question()
        QTimer.singleShot(AHEAD_AFTER_MS, self, self._draw_pictures_ahead)

    def _draw_pictures_ahead(self) -> None:
        """Draw the pictures of the questions still to come, one in each turn of the event loop.

        Each is drawn once and kept (``svg_pixmap``), so a question shows without drawing its
        picture first. Begun after the first question has been drawn.
        """
        wizard = self.wizard
        if wizard is None or self.closed:
            return
        width = self.question_step.picture.width()
        icons = [question.icon for question in wizard.questions[wizard.index + 1 :]]
        one_a_turn(
            self,
            [partial(svg_pixmap, icon, width) for icon in icons],
            going_on=lambda: not self.closed,
        )

    def _show_question(self) -> None:
        assert self.wizard is not None
        current = self.wizard.current
        if current is None:
            self._finish()
            return
        number, total = self.wizard.progress()
        # Shown again (after "back"), the question marks the answer given to it before.
        previous = self.wizard.previous_answer(current.id)
        self.question_step.show_question(current, number, total, previous)
        self._show(self.question_step)

    def _answered(self, answer: str) -> None:
        if self.wizard is None or self.wizard.current is None:
            return  # a press that arrives while the verdict is being saved
        self.wizard.answer(Answer(answer))
        if self.wizard.finished:
            self._finish()
        else:
            self._save()
            self._show_question()

    def _finish(self) -> None:
        """Save the finished check, then show the verdict (also if saving failed)."""
        assert self.wizard is not None
        assessment = self.wizard.assessment()
        stopped_early = self.wizard.stopped_early
        self._save(
            on_saved=lambda _: self._show_verdict(assessment, stopped_early),
            on_failed=lambda _: self._show_verdict(assessment, stopped_early),
        )

    def _show_verdict(self, assessment: Assessment, stopped_early: bool) -> None:
        """Build the verdict, draw it once where nobody sees it, then show it.

        Three turns of the event loop: its many large words take a while to draw the first
        time, and the window should not wait for the building and that drawing at once.
        """
        caller = self.wizard.caller if self.wizard is not None else None
        verdict = VerdictView(
            self.ctx,
            assessment,
            stopped_early=stopped_early,
            caller=caller.id if caller is not None else None,
        )
        verdict.action.connect(self._verdict_action)
        if (
            assessment.level == Level.HIGH
            and not self.family_alerted
            and not self.family_alert_waiting
        ):
            self.family_alert_waiting = True
            saved = self.saved
            queue_family_alert(
                self.ctx,
                "high_verdict",
                level=assessment.level.value,
                signal_ids=assessment.signal_ids,
                caller_number=self.number or None,
                check_id=lambda: saved.id,  # read on the disk thread, as the check is saved
                on_queued=self._family_alert_queued,
                on_not_queued=self._family_not_told,
            )
        self.steps.addWidget(verdict)  # a hidden page of the steps until it is shown
        verdict.resize(self.steps.size())

        one_a_turn(
            self,
            [verdict.grab, lambda: self._put_up_verdict(verdict)],
            going_on=lambda: not self.closed,
        )

    def _put_up_verdict(self, verdict: VerdictView) -> None:
        """Show ``verdict`` in place of any earlier one, with the problems known by now."""
        if self.verdict is not None:
            self.steps.removeWidget(self.verdict)
            self.verdict.deleteLater()
        self.verdict = verdict
        if self.save_problem:
            verdict.show_save_problem(self.save_problem)  # read aloud with the verdict
        if self.family_not_told:
            verdict.show_family_problem(self.ctx.t("alert.not_told"))
        self._show(verdict)

    def _family_alert_queued(self, ids: list[int]) -> None:
        self.family_alerted = True
        self.family_alert_waiting = False
        self.family_not_told = False
        if ids and not self.closed:
            self.record.actions.append({"action": "alert_queued", "at": self._now().isoformat()})
            self._save()

    def _family_not_told(self) -> None:
        """The alert could not be written yet (it is written again on its own): say so."""
        self.family_not_told = True
        verdict = self.verdict
        if self.closed or verdict is None:
            return
        verdict.show_family_problem(self.ctx.t("alert.not_told"))
        if self.ctx.auto_read and self.steps.currentWidget() is verdict and self._is_current():
            self.ctx.say(self.spoken_text())

    def _is_current(self) -> bool:
        current = getattr(self.ctx.nav, "current_screen", None)
        return callable(current) and current() is self

    def _verdict_action(self, action: str) -> None:
        self.record.actions.append({"action": action, "at": self._now().isoformat()})
        self._save()
        nav = self.ctx.navigator()
        if action == "continue":
            assert self.wizard is not None
            self.wizard.continue_answering()
            self._show_question()
        elif action == "home":
            nav.home()
        else:
            nav.open(action, **(self.verdict.route_arguments(action) if self.verdict else {}))

    # -- saving -------------------------------------------------------------------------------

    def snapshot(self) -> CheckRecord:
        """The check as it stands now, ready to save."""
        record = self.record
        wizard = self.wizard
        if wizard is not None:
            record.caller_type = wizard.caller.id if wizard.caller else None
            record.answers = {key: value.value for key, value in wizard.answers.items()}
            record.stopped_early = wizard.stopped_early
            if wizard.finished:
                assessment = wizard.assessment()
                record.level = assessment.level.value
                record.signals = list(assessment.signal_ids)
                record.status = "finished"
            else:
                record.level = None
                record.signals = []
                record.status = "in_progress"
        record.updated_at = self._now()
        return replace(
            record,
            answers=dict(record.answers),
            signals=list(record.signals),
            actions=[dict(a) for a in record.actions],
        )

    def _save(
        self,
        on_saved: Callable[[int | None], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue the check for saving; ``on_saved`` runs once it is on disk."""
        snapshot = self.snapshot()
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            if on_saved:
                on_saved(None)
            return

        def done(check_id: int) -> None:
            self.record.id = check_id
            self.save_problem = None
            self.retry_timer.stop()
            if on_saved:
                on_saved(check_id)

        def failed(error: Exception) -> None:
            log.error("saving the check failed: %s", error)
            self.save_problem = self.ctx.t("check.not_saved")
            if not self.retry_timer.isActive():
                self.retry_timer.start()
            if on_failed:
                on_failed(error)

        disk.submit(history.save_numbered(snapshot, self.saved), on_done=done, on_error=failed)
