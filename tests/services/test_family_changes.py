"""The anti-tamper rule on a real SQLite file: a change and its alert are stored together or
not at all, and the alert goes to the channels as they were before the change."""

from __future__ import annotations

from typing import TypeVar

import pytest
from sqlite_utils import Database

from guardian.assets import load_catalog
from guardian.core.contacts import ChannelConfig, Contact, parse_phone, validate_contact
from guardian.core.field_error import Words
from guardian.services import family_changes
from guardian.services.family_changes import Guarded, words_for
from guardian.services.jobs import Job, RunAtOnce
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxMessage, OutboxStore
from tests.services import run

T = TypeVar("T")

OLD_URL = "http://127.0.0.1:9/old-family-address"
NEW_URL = "http://127.0.0.1:9/someone-else"


@pytest.fixture(scope="module")
def words() -> Words:
    return words_for(load_catalog(), "zh")


def run_failing(db: Database, job: Job[object]) -> Exception:
    errors: list[Exception] = []
    RunAtOnce(db).submit(job, on_error=errors.append)
    assert len(errors) == 1, "the job was expected to fail"
    return errors[0]


def contact(name: str, phone: str, url: str | None = None) -> Contact:
    channels = [{"kind": "json", "fields": {"url": url}}] if url else []
    result = validate_contact({"name": name, "phone": phone, "channels": channels})
    assert result.contact is not None, result.errors
    return result.contact


def add(db: Database, name: str, phone: str, url: str | None = None) -> Contact:
    return ContactStore(db).add(contact(name, phone, url))


def outbox(db: Database) -> list[OutboxMessage]:
    return list(reversed(OutboxStore(db).recent(100)))


def address(db: Database, message: OutboxMessage) -> str:
    destination = OutboxStore(db).destination(message)
    assert destination is not None
    return destination.url


def test_the_first_contact_is_saved_without_an_alert_when_no_channel_was_set_up(
    db: Database, words: Words
) -> None:
    new = contact("小红", "13812345678", OLD_URL)
    guarded = run(db, family_changes.save_contact(new, new=True, words=words))
    assert guarded.alerts == []
    assert guarded.changes  # what changed is still described
    assert [c.name for c in ContactStore(db).list()] == ["小红"]
    assert guarded.result.id is not None and guarded.result.channels[0].id is not None
    assert outbox(db) == []


def test_an_edit_is_told_first_to_the_old_address(db: Database, words: Words) -> None:
    stored = add(db, "小红", "13812345678", OLD_URL)
    phone = parse_phone("13998765432").phone
    assert phone is not None and stored.channels[0].id is not None
    edited = Contact(
        name=stored.name,
        phone=phone,
        channels=[ChannelConfig("json", {"url": NEW_URL}, stored.channels[0].id)],
        id=stored.id,
    )
    guarded: Guarded[Contact] = run(db, family_changes.save_contact(edited, new=False, words=words))
    [message] = outbox(db)
    assert guarded.alerts == [message.id]
    assert message.event == "settings_changed"
    assert "138 1234 5678" in message.body and "139 9876 5432" in message.body
    assert "old-family-address" in address(db, message)
    assert "someone-else" not in address(db, message)
    assert ContactStore(db).list()[0].channels[0].fields["url"] == NEW_URL


def test_saving_a_contact_unchanged_tells_no_one(db: Database, words: Words) -> None:
    stored = add(db, "小红", "13812345678", OLD_URL)
    guarded = run(db, family_changes.save_contact(stored, new=False, words=words))
    assert guarded.alerts == [] and guarded.changes == []
    assert outbox(db) == []


def test_a_deleted_contact_is_warned_at_its_own_channels(db: Database, words: Words) -> None:
    first = add(db, "小红", "13812345678", OLD_URL)
    add(db, "小明", "13998765432")
    assert first.id is not None
    guarded = run(db, family_changes.delete_contact(first.id, words=words))
    [message] = outbox(db)
    assert guarded.alerts == [message.id]
    assert message.contact_name == "小红" and "old-family-address" in address(db, message)
    assert [c.name for c in ContactStore(db).list()] == ["小明"]


def test_a_new_order_and_a_new_primary_are_told(db: Database, words: Words) -> None:
    first = add(db, "小红", "13812345678", OLD_URL)
    second = add(db, "小明", "13998765432")
    assert first.id is not None and second.id is not None
    ids = [second.id, first.id]
    moved = run(db, family_changes.reorder_contacts(ids, words=words))
    assert len(moved.alerts) == 1 and "小明、小红" in moved.changes[0]
    assert [c.id for c in ContactStore(db).list()] == ids
    primary = run(db, family_changes.make_primary(second.id, "小明", words=words))
    assert len(primary.alerts) == 1
    assert next(c for c in ContactStore(db).list() if c.primary).id == second.id
    again = run(db, family_changes.make_primary(second.id, "小明", words=words))
    assert again.alerts == [] and again.changes == []
    assert len(outbox(db)) == 2


def test_a_change_that_fails_leaves_no_alert_behind(db: Database, words: Words) -> None:
    first = add(db, "小红", "13812345678", OLD_URL)
    second = add(db, "小明", "13998765432")
    assert first.id is not None and second.id is not None
    error = run_failing(db, family_changes.reorder_contacts([second.id, second.id], words=words))
    assert isinstance(error, ValueError)
    assert outbox(db) == []
    assert [c.id for c in ContactStore(db).list()] == [first.id, second.id]
    error = run_failing(db, family_changes.make_primary(999, "?", words=words))
    assert isinstance(error, ValueError)
    assert outbox(db) == []


def test_a_change_whose_alert_cannot_be_stored_is_not_made(db: Database, words: Words) -> None:
    stored = add(db, "小红", "13812345678", OLD_URL)
    assert stored.id is not None
    db.execute(
        "CREATE TEMP TRIGGER outbox_full BEFORE INSERT ON outbox "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    error = run_failing(db, family_changes.delete_contact(stored.id, words=words))
    assert "full" in str(error)
    assert [c.name for c in ContactStore(db).list()] == ["小红"]
    assert outbox(db) == []
