"""Alerts for the family queued in the outbox of a real SQLite file: one message per channel,
several alerts in one transaction, and nothing half-written when one of them fails."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TypeVar

from sqlite_utils import Database

from guardian.core.contacts import Contact, validate_contact
from guardian.core.records import CheckRecord
from guardian.services.alerts import queue_alerts, queue_test_alert
from guardian.services.jobs import RunAtOnce
from guardian.storage.checks import CheckStore
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxMessage, OutboxStore
from tests.services import run
from tests.words import words_in

T = TypeVar("T")

WHEN = datetime(2026, 5, 1, 9, 30, tzinfo=timezone.utc)


@dataclass
class Alert:
    event: str
    title: str
    body: str
    check_id: Callable[[], int | None] = lambda: None


def add(db: Database, name: str, phone: str, *urls: str) -> Contact:
    channels = [{"kind": "json", "fields": {"url": url}} for url in urls]
    result = validate_contact({"name": name, "phone": phone, "channels": channels})
    assert result.contact is not None, result.errors
    return ContactStore(db).add(result.contact)


def outbox(db: Database) -> list[OutboxMessage]:
    return list(reversed(OutboxStore(db).recent(100)))


def saved_check(db: Database) -> int:
    return CheckStore(db).save(
        CheckRecord(kind="call", started_at=WHEN, updated_at=WHEN, lang="zh")
    )


def test_each_alert_goes_to_every_channel_linked_to_its_check(db: Database) -> None:
    add(db, "小红", "13812345678", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b")
    add(db, "小明", "13998765432", "http://127.0.0.1:9/c")
    check_id = saved_check(db)
    ids = run(
        db,
        queue_alerts(
            [
                Alert("high_verdict", "risk", "a risky call", lambda: check_id),
                Alert("called_family", "calling", "calling you"),
            ]
        ),
    )
    stored = outbox(db)
    assert [len(i) for i in ids] == [3, 3]
    assert [m.id for m in stored] == ids[0] + ids[1]
    assert [(m.event, m.check_id) for m in stored[:3]] == [("high_verdict", check_id)] * 3
    assert [(m.event, m.check_id) for m in stored[3:]] == [("called_family", None)] * 3
    assert {m.contact_name for m in stored} == {"小红", "小明"}


def test_a_check_deleted_meanwhile_is_not_linked(db: Database) -> None:
    add(db, "小红", "13812345678", "http://127.0.0.1:9/a")
    check_id = saved_check(db)
    CheckStore(db).delete(check_id)
    [[message_id]] = run(db, queue_alerts([Alert("money_sent", "t", "b", lambda: check_id)]))
    assert OutboxStore(db).get(message_id).check_id is None  # type: ignore[union-attr]


def test_with_no_channel_nothing_is_queued(db: Database) -> None:
    add(db, "小红", "13812345678")
    assert run(db, queue_alerts([Alert("called_family", "t", "b")])) == [[]]
    assert outbox(db) == []


def test_one_alert_that_cannot_be_written_leaves_none_of_the_batch(db: Database) -> None:
    add(db, "小红", "13812345678", "http://127.0.0.1:9/a")
    errors: list[Exception] = []
    RunAtOnce(db).submit(
        queue_alerts([Alert("called_family", "t", "b"), Alert("no_such_event", "t", "b")]),
        on_error=errors.append,
    )
    assert [type(e) for e in errors] == [ValueError]
    assert outbox(db) == []


def test_a_full_disk_leaves_nothing_half_written(db: Database) -> None:
    add(db, "小红", "13812345678", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b")
    db.execute(
        "CREATE TEMP TRIGGER second_full BEFORE INSERT ON outbox "
        "WHEN (SELECT COUNT(*) FROM outbox) >= 1 "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    errors: list[Exception] = []
    RunAtOnce(db).submit(queue_alerts([Alert("called_family", "t", "b")]), on_error=errors.append)
    assert len(errors) == 1 and "full" in str(errors[0])
    assert outbox(db) == []


def test_a_test_alert_goes_only_to_the_channels_of_its_contact(db: Database) -> None:
    add(db, "小红", "13812345678", "http://127.0.0.1:9/a")
    tested = add(db, "小明", "13998765432", "http://127.0.0.1:9/b", "http://127.0.0.1:9/c")
    assert tested.id is not None
    ids = run(db, queue_test_alert(tested.id, words_in("en"), WHEN))
    stored = outbox(db)
    assert [m.id for m in stored] == ids and len(ids) == 2
    assert {(m.contact_name, m.event) for m in stored} == {("小明", "test")}
    assert stored[0].title and stored[0].title == stored[1].title
