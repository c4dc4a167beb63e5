"""The weekly note's jobs: the schedule read, turned on and off, and the note queued when due."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TypeVar

import pytest
from sqlite_utils import Database

from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.services.jobs import RunAtOnce
from guardian.services.weekly_note import NoteCheck, note_state, send_if_due, set_enabled
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxStore
from guardian.storage.weekly_note import load_schedule
from tests.services import run
from tests.words import words_in

T = TypeVar("T")

CST = timezone(timedelta(hours=8))
FIRST_ON = datetime(2024, 5, 1, 15, 0, tzinfo=CST)  # a Wednesday, 15:00
HOOK = ChannelConfig("json", {"url": "http://127.0.0.1:9/hook"})


@pytest.fixture
def db(db: Database) -> Database:
    """The database with one family member who has an alert channel."""
    phone = parse_phone("13812345678").phone
    assert phone is not None
    ContactStore(db).add(Contact("Lina", phone, "daughter", channels=[HOOK]))
    return db


def look(db: Database, now: datetime) -> NoteCheck:
    return run(db, send_if_due(now, words=words_in("en"), person_name="Mum", speech_works=True))


def notes(db: Database) -> list[str]:
    return [m.event for m in OutboxStore(db).pending() if m.event == "weekly_note"]


def test_never_turned_on_and_nothing_delivered_the_note_is_off(db: Database) -> None:
    state = run(db, note_state(FIRST_ON))
    assert not state.schedule.enabled
    assert state.next_due is None
    assert look(db, FIRST_ON + timedelta(days=30)).queued == ()
    assert notes(db) == []


def test_turned_on_it_goes_a_week_later_once_and_is_recorded_as_sent(db: Database) -> None:
    turned = run(db, set_enabled(True, FIRST_ON))
    assert turned.schedule.enabled
    assert turned.next_due == FIRST_ON + timedelta(weeks=1)
    assert load_schedule(db).enabled
    # Reading the state changes nothing.
    assert run(db, note_state(FIRST_ON + timedelta(days=1))).next_due == turned.next_due
    assert look(db, FIRST_ON + timedelta(days=6)).queued == ()
    due = FIRST_ON + timedelta(weeks=1, minutes=5)
    sent = look(db, due)
    assert len(sent.queued) == 1
    assert notes(db) == ["weekly_note"]
    assert sent.next_due == FIRST_ON + timedelta(weeks=2)
    assert look(db, due + timedelta(minutes=1)).queued == ()  # never twice
    assert notes(db) == ["weekly_note"]


def test_turned_off_no_note_goes(db: Database) -> None:
    run(db, set_enabled(True, FIRST_ON))
    off = run(db, set_enabled(False, FIRST_ON + timedelta(days=1)))
    assert not off.schedule.enabled and off.next_due is None
    assert look(db, FIRST_ON + timedelta(weeks=3)).queued == ()
    assert notes(db) == []


def test_a_note_that_could_not_be_queued_is_not_recorded_as_sent(db: Database) -> None:
    run(db, set_enabled(True, FIRST_ON))
    before = load_schedule(db)
    db.execute(
        "CREATE TRIGGER full_disk BEFORE INSERT ON outbox "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    errors: list[Exception] = []
    job = send_if_due(
        FIRST_ON + timedelta(weeks=1, minutes=5),
        words=words_in("en"),
        person_name="",
        speech_works=True,
    )
    RunAtOnce(db).submit(job, on_error=errors.append)
    assert errors and "disk full" in str(errors[0])
    assert load_schedule(db) == before
    db.execute("DROP TRIGGER full_disk")
    assert len(look(db, FIRST_ON + timedelta(weeks=1, minutes=6)).queued) == 1
