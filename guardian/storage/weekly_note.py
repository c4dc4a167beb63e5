"""The weekly note to the family, on disk: its schedule, the week's figures, and sending it.

The schedule is kept in the ``settings`` table under :data:`SETTINGS_KEY`. A note is queued in
the outbox (like every alert, so it is retried until it arrives and its tokens never leave the
channel) in the same transaction that records it as sent: a restart never sends it twice, and
never skips it.

Use these functions on the thread that opened the database (in the app: inside a
:class:`~guardian.storage.worker.DiskWorker` job).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from guardian.core.field_error import Words
from guardian.core.weekly_note import (
    WEEK,
    HighCheck,
    NoteSchedule,
    WeekFigures,
    compose_weekly_note,
)
from guardian.storage.database import write_transaction
from guardian.storage.outbox import OutboxStore
from guardian.storage.settings import SettingsStore

SETTINGS_KEY = "weekly_note"
"""Where the schedule is kept in the ``settings`` table."""

EVENT = "weekly_note"
"""The outbox event of the note."""


@dataclass(frozen=True)
class NoteCheck:
    """What one look at the schedule did.

    Attributes:
        schedule: the schedule as it now stands.
        next_due: when the next note goes, or ``None`` while the note is off.
        queued: the ids of the outbox messages queued now (empty: no note went).
    """

    schedule: NoteSchedule
    next_due: datetime | None
    queued: tuple[int, ...] = ()


def _row_time(value: datetime) -> str:
    # The text every stored time is written as (UTC, one fixed width: text order is time order).
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def ever_delivered(db: Database) -> bool:
    """Whether any alert channel has delivered a message (test messages included)."""
    row = db.execute("SELECT 1 FROM outbox WHERE status = 'delivered' LIMIT 1").fetchone()
    return row is not None


def load_schedule(db: Database) -> NoteSchedule:
    """The stored schedule (never set: off until a channel has delivered, then on)."""
    return NoteSchedule.from_mapping(
        SettingsStore(db).get(SETTINGS_KEY), ever_delivered=ever_delivered(db)
    )


def _save(db: Database, schedule: NoteSchedule) -> None:
    SettingsStore(db).set(SETTINGS_KEY, schedule.to_mapping())


def note_state(db: Database, now: datetime) -> NoteCheck:
    """The schedule and when the next note goes, without changing anything (for a screen)."""
    schedule = load_schedule(db)
    if schedule.enabled:
        schedule = schedule.started(now)
    return NoteCheck(schedule, schedule.next_due(now))


def set_enabled(db: Database, on: bool, now: datetime) -> NoteCheck:
    """Record that the family turned the weekly note on or off at ``now``."""
    with write_transaction(db):
        schedule = load_schedule(db).turned(on, now)
        _save(db, schedule)
    return NoteCheck(schedule, schedule.next_due(now))


def week_figures(db: Database, now: datetime, *, speech_works: bool) -> WeekFigures:
    """The figures of the seven days before ``now``: checks, high ones, alerts.

    Args:
        db: the open database.
        now: the end of the week (timezone-aware).
        speech_works: whether the computer can read aloud now.
    """
    start, end = _row_time(now - WEEK), _row_time(now)
    checks = int(
        db.execute(
            "SELECT COUNT(*) FROM checks WHERE started_at >= ? AND started_at < ?", [start, end]
        ).fetchone()[0]
    )
    high = tuple(
        HighCheck(datetime.fromisoformat(str(started)), str(kind))
        for started, kind in db.execute(
            "SELECT started_at, kind FROM checks WHERE started_at >= ? AND started_at < ? "
            "AND level = 'high' ORDER BY started_at, id",
            [start, end],
        ).fetchall()
    )
    counts = dict(
        db.execute(
            "SELECT status, COUNT(*) FROM outbox WHERE created_at >= ? AND created_at < ? "
            "AND event != ? GROUP BY status",
            [start, end, EVENT],
        ).fetchall()
    )
    waiting_in_vain = int(
        db.execute(
            "SELECT COUNT(*) FROM outbox WHERE created_at >= ? AND created_at < ? "
            "AND event != ? AND status IN ('queued', 'sending') AND attempts > 0",
            [start, end, EVENT],
        ).fetchone()[0]
    )
    return WeekFigures(
        checks=checks,
        high=high,
        speech_works=speech_works,
        delivered=int(counts.get("delivered", 0)),
        failed=int(counts.get("failed", 0)),
        waiting=waiting_in_vain,
    )


def send_if_due(
    db: Database,
    now: datetime,
    *,
    words: Words,
    person_name: str,
    speech_works: bool,
) -> NoteCheck:
    """Queue the weekly note for every alert channel if its time has come; say what is next.

    The first look after the note came on (by default, once a channel delivered) only records
    its weekday and hour. When the note is due (its weekly time has passed, also while the
    computer was off), one note is queued with the figures of the last seven days, and the
    schedule records it, in one transaction.

    Args:
        db: the open database.
        now: the current local time (timezone-aware); the note shows times in its zone.
        words: the catalog's sentences in the language of the note (bound to it: this runs on
            the disk thread).
        person_name: how the family calls the person.
        speech_works: whether the computer can read aloud now.
    """
    with write_transaction(db):
        stored = load_schedule(db)
        if not stored.enabled:
            return NoteCheck(stored, None)
        schedule = stored.started(now)
        queued: tuple[int, ...] = ()
        if schedule.is_due(now):
            figures = week_figures(db, now, speech_works=speech_works)
            title, body = compose_weekly_note(
                figures, words=words, person_name=person_name, when=now
            )
            outbox = OutboxStore(db, clock=lambda: now)
            queued = tuple(outbox.enqueue_for_contacts(title, body, event=EVENT))
            schedule = schedule.sent(now)
        if schedule != stored:
            _save(db, schedule)
    return NoteCheck(schedule, schedule.next_due(now), queued)
