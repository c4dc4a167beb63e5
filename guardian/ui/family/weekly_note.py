"""The weekly note to the family in the app: the schedule that sends it, and its switch.

:class:`WeeklyNotes` is the app's one sender of the note (``ctx.services.weekly_notes``): it
looks at the schedule when the app starts, whenever a channel delivers a message while the note
is not on yet (it comes on by default once one has), and then at the note's time (at least
every :data:`LOOK_EVERY_MS`, since a computer that slept wakes its timers late). Every look runs
on the disk worker; the note goes through the outbox like every alert.

:class:`WeeklyNotePanel` is the switch on the family's alert settings: what the note contains,
whether it is on, and when the next one goes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from guardian.services import weekly_note
from guardian.services.family_changes import words_for
from guardian.services.weekly_note import NoteCheck
from guardian.ui.context import AppContext
from guardian.ui.family.common import wake_outbox
from guardian.ui.widgets import BigButton, label

log = logging.getLogger(__name__)

LOOK_EVERY_MS = 60 * 60 * 1000
"""The longest the schedule waits between two looks."""

RunJob = Callable[..., None]
"""Runs a disk job with (job, on_done, on_error), like :meth:`FamilyScreen.run`."""


class WeeklyNotes(QObject):
    """Sends the weekly note when its time comes (see the module notes).

    Args:
        ctx: the shared app context: its ``disk`` reads and writes, its clock says the time,
            its language and ``person_name`` make the words, its speaker says whether
            reading aloud works, and ``services.outbox`` (when running) sends.

    Signals:
        changed(object): a look or a switch gave the schedule as it now stands
            (:class:`~guardian.services.weekly_note.NoteCheck`).
    """

    changed = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.last: NoteCheck | None = None
        self.looking = False
        self.timer = QTimer(self)
        self.timer.setObjectName("WeeklyNotes.timer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.look)
        outbox = ctx.services.outbox
        if outbox is not None:
            outbox.delivered.connect(self._delivered)

    def look(self) -> None:
        """Look at the schedule now on the disk worker, and send the note if it is due."""
        disk = self.ctx.disk
        if self.looking or not disk.accepting_jobs:
            return
        ctx = self.ctx
        job = weekly_note.send_if_due(
            ctx.now(),
            words=words_for(ctx.catalog, ctx.lang),
            person_name=ctx.person_name,
            speech_works=bool(ctx.speaker.available),
        )
        self.looking = True
        disk.submit(job, on_done=self._looked, on_error=self._failed)

    def turn(
        self,
        on: bool,
        on_done: Callable[[NoteCheck], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Turn the note on or off (the family's choice), then look at the schedule again."""
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            return
        now = self.ctx.now()

        def done(result: NoteCheck) -> None:
            self.last = result
            self.changed.emit(result)
            if on_done is not None:
                on_done(result)
            self.look()

        def failed(error: Exception) -> None:
            log.error("the weekly note could not be turned %s: %s", "on" if on else "off", error)
            if on_error is not None:
                on_error(error)

        disk.submit(weekly_note.set_enabled(on, now), on_done=done, on_error=failed)

    def stop(self) -> None:
        """Look no more (the app is closing)."""
        self.timer.stop()

    def _delivered(self, *_: object) -> None:
        # A first delivery turns the note on by default: record its weekday and hour now.
        if self.last is None or not self.last.schedule.enabled:
            self.look()

    def _looked(self, result: NoteCheck) -> None:
        self.looking = False
        self.last = result
        if result.queued:
            log.info("the weekly note is queued: %s", list(result.queued))
            wake_outbox(self.ctx)
        self._wait_for(result.next_due)
        self.changed.emit(result)

    def _failed(self, error: Exception) -> None:
        self.looking = False
        log.error("the weekly note could not be looked at, trying again later: %s", error)
        self._wait_for(None)

    def _wait_for(self, due: datetime | None) -> None:
        wait = LOOK_EVERY_MS
        if due is not None:
            seconds = (due - self.ctx.now()).total_seconds()
            wait = max(1000, min(LOOK_EVERY_MS, int(seconds * 1000) + 1000))
        self.timer.start(wait)


def weekly_notes(ctx: AppContext) -> WeeklyNotes:
    """The app's one :class:`WeeklyNotes` (made the first time it is needed).

    It is kept as ``ctx.services.weekly_notes``.
    """
    notes = ctx.services.weekly_notes
    if notes is None:
        notes = WeeklyNotes(ctx)
        ctx.services = replace(ctx.services, weekly_notes=notes)
    return notes


def start_weekly_notes(ctx: AppContext) -> WeeklyNotes:
    """Start the weekly note's schedule (called once the outbox runs): one look now."""
    notes = weekly_notes(ctx)
    notes.look()
    return notes


def when_words(ctx: AppContext, when: datetime) -> str:
    """A time as the switch shows it: the date, the weekday and the hour, in local time."""
    local = when.astimezone(ctx.now().tzinfo)
    return ctx.t(
        "weekly_note.when",
        month=ctx.t(f"weekly_note.month_{local.month}"),
        day=local.day,
        weekday=ctx.t(f"weekly_note.weekday_{local.weekday()}"),
        time=local.strftime("%H:%M"),
    )


class WeeklyNotePanel(QFrame):
    """The weekly note's switch: what the note contains, on or off, and when the next one goes.

    Args:
        ctx: the shared app context.
        run: runs a disk job for the screen that holds the panel and drops late answers
            (:meth:`~guardian.ui.family.common.FamilyScreen.run`).
    """

    def __init__(self, ctx: AppContext, run: RunJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._run = run
        self.state: NoteCheck | None = None
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        self.heading = label(ctx.t("weekly_note.title"), "heading")
        self.contains = label(ctx.t("weekly_note.contains"), "soft")
        self.status = label("", "heading")
        self.switch = BigButton(
            ctx.t("weekly_note.turn_off"),
            "alert",
            role=None,
            icon_px=ctx.theme.button_icon_px,
        )
        self.switch.setEnabled(False)  # until the state is read
        self.switch.clicked.connect(lambda _=False: self.toggle())
        layout.addWidget(self.heading)
        layout.addWidget(self.contains)
        layout.addWidget(self.status)
        layout.addWidget(self.switch)
        notes = ctx.services.weekly_notes
        if notes is not None:
            notes.changed.connect(self._show)  # let go of when the panel is deleted
        self.reload()

    def spoken_text(self) -> str:
        """What the note is, and whether it is on."""
        return self.ctx.sentences(self.heading.text(), self.status.text())

    def reload(self) -> None:
        """Read the schedule again."""
        self._run(weekly_note.note_state(self.ctx.now()), self._show)

    def is_on(self) -> bool:
        """Whether the note is on (as last read)."""
        return self.state is not None and self.state.schedule.enabled

    def toggle(self) -> None:
        """Turn the note off when it is on, else on; then say how it now stands."""
        if self.state is None:
            return
        on = not self.state.schedule.enabled
        self.switch.setEnabled(False)
        self._run(
            weekly_note.set_enabled(on, self.ctx.now()),
            lambda result: self._turned(on, result),
            self._not_turned,
        )

    def _turned(self, on: bool, result: NoteCheck) -> None:
        self._show(result)
        notes = self.ctx.services.weekly_notes
        if notes is not None:
            notes.look()  # the schedule's timer follows the new choice
        key = "weekly_note.turned_on" if on else "weekly_note.turned_off"
        self.ctx.say(self.ctx.sentences(self.ctx.t(key), self.status.text()))

    def _not_turned(self, error: Exception) -> None:
        self.ctx.say(self.ctx.t("family.save_failed"))
        self.reload()  # shows how it stands, and lets the switch be pressed again

    def _show(self, result: Any) -> None:
        if not isinstance(result, NoteCheck):
            return
        self.state = result
        ctx = self.ctx
        schedule = result.schedule
        if schedule.enabled:
            due = result.next_due
            if due is None or due <= ctx.now():
                text = ctx.t("weekly_note.on_now")
            else:
                text = ctx.t("weekly_note.on_next", when=when_words(ctx, due))
        elif schedule.chosen is None:
            text = ctx.t("weekly_note.off_no_channel")
        else:
            text = ctx.t("weekly_note.off")
        self.status.setText(text)
        key = "weekly_note.turn_off" if schedule.enabled else "weekly_note.turn_on"
        self.switch.text_widget.setText(ctx.t(key))
        self.switch.setAccessibleName(ctx.t(key))
        self.switch.setEnabled(True)
