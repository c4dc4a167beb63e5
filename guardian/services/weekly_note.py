"""The weekly note to the family: look at its schedule, send it when due, turn it on or off.

Each function returns a job for the app's job runner; the rules (when the note is due, that it
is queued and recorded as sent in one transaction) are in :mod:`guardian.storage.weekly_note`.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from guardian.core.field_error import Words
from guardian.services.jobs import Job
from guardian.storage import weekly_note
from guardian.storage.weekly_note import NoteCheck

__all__ = ["NoteCheck", "note_state", "send_if_due", "set_enabled"]


def note_state(now: datetime) -> Job[NoteCheck]:
    """A job that reads the schedule and when the next note goes, changing nothing."""

    def read(db: Database) -> NoteCheck:
        return weekly_note.note_state(db, now)

    return read


def send_if_due(
    now: datetime, *, words: Words, person_name: str, speech_works: bool
) -> Job[NoteCheck]:
    """A job that queues the note for every alert channel if its time has come.

    Args:
        now: the current local time (timezone-aware).
        words: the catalog's sentences in the language of the note (the family's).
        person_name: how the family calls the person.
        speech_works: whether the computer can read aloud now (the note says so).
    """

    def look(db: Database) -> NoteCheck:
        return weekly_note.send_if_due(
            db, now, words=words, person_name=person_name, speech_works=speech_works
        )

    return look


def set_enabled(on: bool, now: datetime) -> Job[NoteCheck]:
    """A job that records the family's choice to turn the note on or off at ``now``."""

    def turn(db: Database) -> NoteCheck:
        return weekly_note.set_enabled(db, on, now)

    return turn
