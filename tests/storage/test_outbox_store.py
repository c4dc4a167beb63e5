from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from guardian.core.contacts import Contact, validate_contact
from guardian.storage import migrations
from guardian.storage.checks import CheckStore
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import CHANNEL_REMOVED, OutboxStore
from tests.clock import FakeClock

from .conftest import full_record

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)


def add_contact(db: Database, name: str, *keys: str) -> Contact:
    result = validate_contact(
        {
            "name": name,
            "phone": "13812345678",
            "channels": [{"kind": "wecom", "fields": {"key": key}} for key in keys],
        }
    )
    assert result.contact is not None
    return ContactStore(db).add(result.contact)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def outbox(db: Database, clock: FakeClock) -> OutboxStore:
    return OutboxStore(db, clock)


def test_enqueue_keeps_no_token(db: Database, outbox: OutboxStore) -> None:
    saved = add_contact(db, "小红", "tok-secret-1")
    channel_id = saved.channels[0].id or 0
    message_id = outbox.enqueue(channel_id, "标题", "正文", event="test")
    message = outbox.get(message_id)
    assert message is not None
    assert (message.status, message.attempts, message.channel_kind) == ("queued", 0, "wecom")
    assert message.contact_name == "小红" and message.created_at == T0
    row_text = str(db.execute("SELECT * FROM outbox").fetchall())
    assert "tok-secret-1" not in row_text
    destination = outbox.destination(message)
    assert destination is not None
    assert destination.url == "wecombot://tok-secret-1"
    assert destination.secrets == ("tok-secret-1",)


def test_enqueue_refuses_unknown_channel_and_event(db: Database, outbox: OutboxStore) -> None:
    with pytest.raises(ValueError, match="channel"):
        outbox.enqueue(42, "t", "b", event="test")
    saved = add_contact(db, "A", "k1")
    with pytest.raises(ValueError, match="event"):
        outbox.enqueue(saved.channels[0].id or 0, "t", "b", event="party")


def test_enqueue_for_contacts_refuses_an_unknown_event_even_with_no_channel(
    outbox: OutboxStore,
) -> None:
    with pytest.raises(ValueError, match="event"):
        outbox.enqueue_for_contacts("t", "b", event="party")


def test_enqueue_for_contacts(db: Database, outbox: OutboxStore) -> None:
    assert outbox.enqueue_for_contacts("t", "b", event="high_verdict") == []
    a = add_contact(db, "A", "k1", "k2")
    add_contact(db, "B", "k3")
    add_contact(db, "C")
    check_id = CheckStore(db).save(full_record())
    ids = outbox.enqueue_for_contacts("t", "b", event="high_verdict", check_id=check_id)
    assert len(ids) == 3
    assert [m.id for m in outbox.for_check(check_id)] == ids
    only_a = outbox.enqueue_for_contacts("t", "b", event="test", contact_id=a.id)
    assert len(only_a) == 2
    CheckStore(db).delete(check_id)
    message = outbox.get(ids[0])
    assert message is not None and message.check_id is None  # the alert stays


def test_claim_deliver_and_never_again(db: Database, outbox: OutboxStore, clock: FakeClock) -> None:
    channel_id = add_contact(db, "A", "k1").channels[0].id or 0
    message_id = outbox.enqueue(channel_id, "t", "b", event="test")
    due = outbox.next_due()
    assert due is not None and due.id == message_id
    assert outbox.claim(message_id)
    assert not outbox.claim(message_id)
    assert outbox.next_due() is None
    outbox.mark_delivered(message_id)
    outbox.mark_retry(message_id, "late error", 0)  # ignored: delivered stays delivered
    outbox.recover_interrupted()
    outbox.retry_now()
    message = outbox.get(message_id)
    assert message is not None
    assert (message.status, message.attempts, message.delivered_at) == ("delivered", 1, T0)
    assert message.last_error is None
    assert outbox.next_due() is None and outbox.pending() == []


def test_retry_waits_and_keeps_channel_order(
    db: Database, outbox: OutboxStore, clock: FakeClock
) -> None:
    a = add_contact(db, "A", "k1").channels[0].id or 0
    b = add_contact(db, "B", "k2").channels[0].id or 0
    first = outbox.enqueue(a, "t1", "b", event="test")
    second = outbox.enqueue(a, "t2", "b", event="test")
    other = outbox.enqueue(b, "t3", "b", event="test")
    assert outbox.claim(first)
    outbox.mark_retry(first, "refused", 10)
    # The second message for channel a waits behind the first; channel b is not held up.
    due = outbox.next_due()
    assert due is not None and due.id == other
    assert outbox.claim(other)
    outbox.mark_delivered(other)
    assert outbox.next_due() is None
    assert outbox.next_attempt_at() == T0 + timedelta(seconds=10)
    clock.now += timedelta(seconds=10)
    due = outbox.next_due()
    assert due is not None and due.id == first and due.last_error == "refused"
    assert outbox.claim(first)
    outbox.mark_delivered(first)
    due = outbox.next_due()
    assert due is not None and due.id == second


def test_interrupted_send_is_queued_again_after_restart(db_path: Path) -> None:
    db = open_database(db_path)
    channel_id = add_contact(db, "A", "k1").channels[0].id or 0
    store = OutboxStore(db)
    message_id = store.enqueue(channel_id, "t", "b", event="test")
    assert store.claim(message_id)
    db.close()  # the program stops while sending
    db = open_database(db_path)
    store = OutboxStore(db)
    assert store.recover_interrupted() == [message_id]
    due = store.next_due()
    assert due is not None and due.id == message_id and due.attempts == 1
    db.close()


def test_a_removed_channel_still_gets_what_was_queued_before(
    db: Database, outbox: OutboxStore
) -> None:
    saved = add_contact(db, "A", "k1")
    channel_id = saved.channels[0].id or 0
    message_id = outbox.enqueue(channel_id, "settings changed", "b", event="settings_changed")
    ContactStore(db).delete(saved.id or 0)
    with pytest.raises(ValueError):
        outbox.enqueue(channel_id, "later", "b", event="test")
    assert outbox.enqueue_for_contacts("later", "b", event="test") == []
    due = outbox.next_due()
    assert due is not None and due.id == message_id and due.contact_name == "A"
    destination = outbox.destination(due)
    assert destination is not None and destination.url == "wecombot://k1"
    assert outbox.claim(message_id)
    outbox.mark_delivered(message_id)
    # Nothing waits for it any more: the channel and its token are gone.
    assert db.execute("SELECT COUNT(*) FROM alert_channels").fetchone()[0] == 0
    message = outbox.get(message_id)
    assert message is not None and message.channel_id is None and message.status == "delivered"


def test_a_channel_removed_with_nothing_waiting_is_deleted_at_once(
    db: Database, outbox: OutboxStore
) -> None:
    saved = add_contact(db, "A", "k1", "k2")
    saved.channels = saved.channels[:1]
    ContactStore(db).update(saved)
    assert db.execute("SELECT COUNT(*) FROM alert_channels").fetchone()[0] == 1


def test_a_message_keeps_the_address_its_channel_had_when_it_was_queued(
    db: Database, outbox: OutboxStore
) -> None:
    saved = add_contact(db, "A", "family-key")
    channel_id = saved.channels[0].id or 0
    before = outbox.enqueue(channel_id, "before", "b", event="high_verdict")
    saved.channels[0].fields = {"key": "other-key"}
    assert ContactStore(db).update(saved).channels[0].id == channel_id  # the id is kept
    after = outbox.enqueue(channel_id, "after", "b", event="high_verdict")
    urls = {}
    for message_id in (before, after):
        message = outbox.get(message_id)
        assert message is not None and message.channel_id == channel_id
        destination = outbox.destination(message)
        assert destination is not None
        urls[message.title] = (destination.url, destination.secrets)
    assert urls == {
        "before": ("wecombot://family-key", ("family-key",)),
        "after": ("wecombot://other-key", ("other-key",)),
    }
    # The two addresses do not wait for each other.
    assert outbox.claim(before)
    outbox.mark_retry(before, "refused", 60)
    due = outbox.next_due()
    assert due is not None and due.id == after
    # Once nothing waits for an address, it is deleted with its token.
    outbox.mark_failed(before, "refused", "refused")
    stored = str(db.execute("SELECT * FROM alert_destinations").fetchall())
    assert "family-key" not in stored and "other-key" in stored


def test_messages_to_the_same_address_share_it_and_keep_their_order(
    db: Database, outbox: OutboxStore
) -> None:
    a = add_contact(db, "A", "same-key").channels[0].id or 0
    b = add_contact(db, "B", "same-key").channels[0].id or 0
    first = outbox.enqueue(a, "t1", "b", event="test")
    second = outbox.enqueue(b, "t2", "b", event="test")
    assert db.execute("SELECT COUNT(*) FROM alert_destinations").fetchone()[0] == 1
    assert outbox.claim(first)
    outbox.mark_retry(first, "down", 60)
    assert outbox.next_due() is None  # the second waits behind the first
    outbox.mark_failed(first, "down", "gave_up")
    due = outbox.next_due()
    assert due is not None and due.id == second


def test_a_deleted_channel_row_does_not_stop_what_was_queued(
    db: Database, outbox: OutboxStore
) -> None:
    saved = add_contact(db, "A", "k1")
    message_id = outbox.enqueue(saved.channels[0].id or 0, "t", "b", event="test")
    db.execute("DELETE FROM alert_channels")  # e.g. an older backup was restored
    assert outbox.fail_orphans() == []
    due = outbox.next_due()
    assert due is not None and due.id == message_id and due.channel_id is None
    destination = outbox.destination(due)
    assert destination is not None and destination.url == "wecombot://k1"


def test_messages_without_an_address_fail(db: Database, outbox: OutboxStore) -> None:
    saved = add_contact(db, "A", "k1")
    message_id = outbox.enqueue(saved.channels[0].id or 0, "t", "b", event="test")
    db.execute("DELETE FROM alert_destinations")  # left so by an older Guardian
    assert outbox.next_due() is None
    assert outbox.fail_orphans() == [message_id]
    message = outbox.get(message_id)
    assert message is not None
    assert (message.status, message.last_error, message.contact_name, message.failure) == (
        "failed",
        CHANNEL_REMOVED,
        "A",
        "removed",
    )
    assert outbox.recent()[0].id == message_id


def test_refusals_are_counted_and_a_failure_has_a_known_reason(
    db: Database, outbox: OutboxStore
) -> None:
    message_id = outbox.enqueue(
        add_contact(db, "A", "k1").channels[0].id or 0, "t", "b", event="test"
    )
    assert outbox.claim(message_id)
    outbox.mark_retry(message_id, "error=404", 0, refused=True)
    assert outbox.claim(message_id)
    outbox.mark_retry(message_id, "error=503", 0)
    message = outbox.get(message_id)
    assert message is not None and (message.refusals, message.attempts) == (1, 2)
    with pytest.raises(ValueError, match="failure"):
        outbox.mark_failed(message_id, "x", "bored")  # type: ignore[arg-type]


def test_waiting_messages_from_an_older_schema_keep_their_channels_address(
    tmp_path: Path,
) -> None:
    path = tmp_path / "guardian.db"
    older = Migrations(migrations.MIGRATION_SET)
    for step in (
        migrations.m001_checks_and_settings,
        migrations.m002_contacts_and_alert_channels,
        migrations.m003_outbox,
    ):
        older(name=step.__name__)(step)
    db = Database(path)
    older.apply(db)
    db.execute(
        "INSERT INTO contacts (id, name, phone_e164, phone_display, position, created_at, "
        "updated_at) VALUES (1, 'A', '+8613812345678', '138 1234 5678', 0, 'x', 'x')"
    )
    db.execute(
        "INSERT INTO alert_channels (id, contact_id, position, kind, fields_json) "
        """VALUES (7, 1, 0, 'wecom', '{"key": "k1"}')"""
    )
    for status in ("queued", "sending", "delivered"):
        db.execute(
            "INSERT INTO outbox (created_at, event, channel_id, title, body, status, "
            "next_attempt_at) VALUES (?, 'test', 7, 't', 'b', ?, ?)",
            [T0.isoformat(), status, T0.isoformat()],
        )
    db.conn.commit()
    db.close()
    db = open_database(path)
    try:
        store = OutboxStore(db)
        queued, sending, delivered = (store.get(n) for n in (1, 2, 3))
        assert queued is not None and sending is not None and delivered is not None
        assert queued.destination_id is not None
        assert queued.destination_id == sending.destination_id
        assert delivered.destination_id is None
        destination = store.destination(queued)
        assert destination is not None and destination.url == "wecombot://k1"
    finally:
        db.close()
