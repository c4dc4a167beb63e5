"""The set-up's jobs: its state read and stored, the test message queued and its reports read."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TypeVar

from sqlite_utils import Database

from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.core.setup_state import SETUP_KEY, SetupState
from guardian.services.family_setup import (
    read_setup,
    read_state,
    read_test_reports,
    save_state,
    send_test,
)
from guardian.services.jobs import RunAtOnce
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxStore
from guardian.storage.pin_state import PinStore
from guardian.storage.settings import SettingsStore
from tests.services import run
from tests.words import words_in

T = TypeVar("T")

HOOK = ChannelConfig("json", {"url": "http://127.0.0.1:9/hook"})
NTFY = ChannelConfig("ntfy", {"topic": "grandma-alerts-7x9q"})
WHEN = datetime(2024, 5, 1, 15, 0, tzinfo=timezone(timedelta(hours=8)))


def add(db: Database, name: str, number: str, *channels: ChannelConfig) -> Contact:
    phone = parse_phone(number).phone
    assert phone is not None
    return ContactStore(db).add(Contact(name, phone, "daughter", channels=list(channels)))


def test_an_empty_database_is_a_fresh_set_up(db: Database) -> None:
    snapshot = run(db, read_setup)
    assert snapshot.state == SetupState()
    assert not snapshot.has_pin and snapshot.contacts == []
    assert snapshot.primary is None and not snapshot.has_channel


def test_what_is_stored_shows_in_the_snapshot(db: Database) -> None:
    PinStore(db).set_pin("2468")
    first = add(db, "Lina", "13900139000")
    add(db, "Qiang", "13800138000", HOOK)
    snapshot = run(db, read_setup)
    assert snapshot.has_pin and snapshot.has_channel
    assert snapshot.primary is not None and snapshot.primary.id == first.id


def test_the_state_is_stored_and_read_back(db: Database) -> None:
    state = SetupState().start().skip("bank").confirm("alerts")
    assert run(db, save_state(state)) == state
    assert run(db, read_state) == state
    assert run(db, read_setup).state == state


def test_a_state_that_cannot_be_stored_leaves_the_old_one(db: Database) -> None:
    old = SetupState().start()
    run(db, save_state(old))
    db.execute(
        "CREATE TRIGGER full_disk BEFORE UPDATE ON settings "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    errors: list[Exception] = []
    RunAtOnce(db).submit(save_state(old.skip("pin")), on_error=errors.append)
    assert errors and "disk full" in str(errors[0])
    assert SetupState.from_mapping(SettingsStore(db).get(SETUP_KEY)) == old


def test_the_test_message_goes_to_every_channel_of_that_family_member_only(
    db: Database,
) -> None:
    lina = add(db, "Lina", "13900139000", HOOK, NTFY)
    add(db, "Qiang", "13800138000", HOOK)
    assert lina.id is not None
    queued = run(db, send_test(lina.id, person_name="Mum", when=WHEN, words=words_in("en")))
    assert sorted(queued.values()) == ["json", "ntfy"]
    pending = OutboxStore(db).pending()
    assert sorted(m.id for m in pending) == sorted(queued)
    assert {m.event for m in pending} == {"test"}
    assert all("Mum" in m.title + m.body for m in pending)


def test_a_test_that_cannot_be_queued_leaves_nothing(db: Database) -> None:
    lina = add(db, "Lina", "13900139000", HOOK, NTFY)
    assert lina.id is not None
    # The second message fails: the first must not stay behind on its own.
    db.execute(
        "CREATE TRIGGER second_fails BEFORE INSERT ON outbox "
        "WHEN (SELECT COUNT(*) FROM outbox) >= 1 "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    errors: list[Exception] = []
    job = send_test(lina.id, person_name="", when=WHEN, words=words_in("en"))
    RunAtOnce(db).submit(job, on_error=errors.append)
    assert errors and "disk full" in str(errors[0])
    assert OutboxStore(db).pending() == []


def test_the_reports_say_what_was_delivered_and_what_failed(db: Database) -> None:
    lina = add(db, "Lina", "13900139000", HOOK, NTFY, ChannelConfig("ntfy", {"topic": "t2x"}))
    assert lina.id is not None
    queued = list(run(db, send_test(lina.id, person_name="", when=WHEN, words=words_in("en"))))
    delivered, failed, waiting = queued
    store = OutboxStore(db)
    store.claim(delivered)
    store.mark_delivered(delivered)
    store.claim(failed)
    store.mark_retry(failed, "connection refused", 30)
    reports = run(db, read_test_reports([*queued, 9999]))
    assert reports == {delivered: "", failed: "connection refused"}
    assert waiting not in reports
