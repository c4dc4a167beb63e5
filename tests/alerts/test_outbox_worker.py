from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from guardian.alerts.delivery import DeliveryResult, deliver
from guardian.alerts.outbox_worker import OutboxWorker, send_test_alert
from guardian.assets import load_catalog
from guardian.core.alert_message import compose_alert
from guardian.core.contacts import ChannelConfig, Contact, parse_phone, validate_contact
from guardian.services.family_changes import contact_changes, guarded_change, words_for
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import CHANNEL_REMOVED, OutboxMessage, OutboxStore
from guardian.storage.worker import DiskWorker
from tests.words import words_in

from .conftest import Mail, Webhook

FAST = (0.05, 0.1, 0.2)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "guardian.db"


@pytest.fixture
def make_worker(db_path: Path) -> Iterator[Callable[..., OutboxWorker]]:
    made: list[OutboxWorker] = []

    def make(**kwargs: object) -> OutboxWorker:
        kwargs.setdefault("backoff", FAST)
        kwargs.setdefault("timeout", 3.0)
        kwargs.setdefault("poll_seconds", 0.5)
        worker = OutboxWorker(db_path, **kwargs)  # type: ignore[arg-type]
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.shutdown()
        assert not worker.is_running()


def with_db(db_path: Path, job: Callable[[Database], object]) -> object:
    db = open_database(db_path)
    try:
        return job(db)
    finally:
        db.close()


def add_contact(db_path: Path, channels: list[dict[str, object]], name: str = "小红") -> Contact:
    result = validate_contact({"name": name, "phone": "13812345678", "channels": channels})
    assert result.contact is not None, result.errors
    saved = with_db(db_path, lambda db: ContactStore(db).add(result.contact))  # type: ignore[arg-type]
    assert isinstance(saved, Contact)
    return saved


def enqueue(db_path: Path, contact: Contact, title: str = "t", body: str = "b") -> int:
    channel_id = contact.channels[0].id or 0
    message_id = with_db(
        db_path, lambda db: OutboxStore(db).enqueue(channel_id, title, body, event="high_verdict")
    )
    assert isinstance(message_id, int)
    return message_id


def message(db_path: Path, message_id: int) -> OutboxMessage:
    found = with_db(db_path, lambda db: OutboxStore(db).get(message_id))
    assert isinstance(found, OutboxMessage)
    return found


def test_queued_alert_is_delivered_once(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    worker = make_worker()
    message_id = enqueue(db_path, contact, "【防骗守护】妈妈可能遇到诈骗", "请尽快给TA打电话")
    with qtbot.waitSignal(worker.delivered, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [message_id]
    stored = message(db_path, message_id)
    assert (stored.status, stored.attempts, stored.last_error) == ("delivered", 1, None)
    assert [post["title"] for post in webhook.received()] == ["【防骗守护】妈妈可能遇到诈骗"]
    worker.retry_now()
    qtbot.wait(300)
    assert len(webhook.received()) == 1


def test_server_down_then_back_is_delivered_exactly_once(
    db_path: Path,
    down_webhook: Webhook,
    make_worker: Callable[..., OutboxWorker],
    qtbot: QtBot,
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": down_webhook.url}}])
    message_id = enqueue(db_path, contact)
    worker = make_worker()
    failures: list[tuple[int, str]] = []
    worker.failed.connect(lambda mid, error: failures.append((mid, error)))
    qtbot.waitUntil(lambda: len(failures) >= 2, timeout=10_000)
    stored = message(db_path, message_id)
    assert stored.status == "queued" and stored.attempts >= 2
    assert stored.last_error
    for text in [stored.last_error or "", *(error for _, error in failures)]:
        assert "tok-abc-12345" not in text and "sekrit-value-999" not in text
    down_webhook.start()
    with qtbot.waitSignal(worker.delivered, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [message_id]
    qtbot.wait(500)  # give a second delivery every chance to happen
    assert len(down_webhook.received()) == 1
    assert message(db_path, message_id).status == "delivered"


def test_error_answer_keeps_the_message_queued_with_a_redacted_error(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    webhook.status = 500
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    message_id = enqueue(db_path, contact)
    worker = make_worker(backoff=(60.0,))
    with qtbot.waitSignal(worker.failed, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args[0] == message_id
    stored = message(db_path, message_id)
    assert stored.status == "queued" and stored.attempts == 1
    assert "500" in (stored.last_error or "")
    assert "tok-abc-12345" not in (stored.last_error or "")
    assert stored.next_attempt_at > stored.last_attempt_at  # type: ignore[operator]
    webhook.status = 200
    with qtbot.waitSignal(worker.delivered, timeout=10_000):
        worker.retry_now()  # "try again" does not wait for the 60 s backoff
    assert len(webhook.received()) == 1


def test_nothing_is_lost_across_a_worker_restart(
    db_path: Path,
    down_webhook: Webhook,
    make_worker: Callable[..., OutboxWorker],
    qtbot: QtBot,
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": down_webhook.url}}])
    first = make_worker(backoff=(60.0,))
    message_id = enqueue(db_path, contact)
    with qtbot.waitSignal(first.failed, timeout=10_000):
        first.wake()
    first.shutdown()
    assert message(db_path, message_id).status == "queued"
    down_webhook.start()
    second = make_worker()
    with qtbot.waitSignal(second.delivered, timeout=10_000) as blocker:
        second.retry_now()
    assert blocker.args == [message_id]
    assert len(down_webhook.received()) == 1


def test_a_message_interrupted_while_sending_is_sent_after_restart(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    message_id = enqueue(db_path, contact)
    assert with_db(db_path, lambda db: OutboxStore(db).claim(message_id))  # then a crash
    worker = make_worker()
    with qtbot.waitSignal(worker.delivered, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [message_id]
    assert message(db_path, message_id).attempts == 2


def test_shutdown_during_a_slow_send_finishes_it(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    started = threading.Event()

    def slow_sender(
        url: str, title: str, body: str, timeout: float, secrets: tuple[str, ...]
    ) -> DeliveryResult:
        started.set()
        threading.Event().wait(0.3)
        return deliver(url, title, body, timeout, secrets)

    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    worker = make_worker(sender=slow_sender)
    message_id = enqueue(db_path, contact)
    worker.wake()
    assert started.wait(10)
    worker.shutdown()
    assert message(db_path, message_id).status == "delivered"
    assert len(webhook.received()) == 1


def test_each_channel_in_order_and_a_down_one_does_not_hold_up_others(
    db_path: Path,
    webhook: Webhook,
    down_webhook: Webhook,
    make_worker: Callable[..., OutboxWorker],
    qtbot: QtBot,
) -> None:
    down = add_contact(db_path, [{"kind": "json", "fields": {"url": down_webhook.url}}], "A")
    up = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}], "B")
    stuck = enqueue(db_path, down, "stuck")
    ids = [enqueue(db_path, up, f"m{n}") for n in range(3)]
    worker = make_worker(backoff=(60.0,))
    delivered: list[int] = []
    worker.delivered.connect(delivered.append)
    worker.wake()
    qtbot.waitUntil(lambda: len(delivered) == 3, timeout=10_000)
    assert delivered == ids
    assert [post["title"] for post in webhook.received()] == ["m0", "m1", "m2"]
    assert message(db_path, stuck).status == "queued"


def test_alert_queued_before_a_channel_is_removed_still_reaches_it(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    message_id = enqueue(db_path, contact, "settings changed")
    with_db(db_path, lambda db: ContactStore(db).delete(contact.id or 0))
    worker = make_worker()
    with qtbot.waitSignal(worker.delivered, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [message_id]
    assert [post["title"] for post in webhook.received()] == ["settings changed"]


def test_alert_whose_channel_row_is_gone_still_goes_where_it_was_queued(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    message_id = enqueue(db_path, contact, "queued before")
    with_db(db_path, lambda db: db.execute("DELETE FROM alert_channels"))
    worker = make_worker()
    with qtbot.waitSignal(worker.delivered, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [message_id]
    assert [post["title"] for post in webhook.received()] == ["queued before"]
    # Delivered: nothing waits for the address any more, so it is gone with its tokens.
    assert (
        with_db(db_path, lambda db: db.execute("SELECT * FROM alert_destinations").fetchall()) == []
    )


def test_alert_without_an_address_is_never_sent(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    """Only an alert left by an older Guardian whose channel was deleted has no address."""
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    message_id = enqueue(db_path, contact)
    with_db(db_path, lambda db: db.execute("UPDATE outbox SET destination_id = NULL"))
    worker = make_worker()
    with qtbot.waitSignal(worker.failed, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [message_id, CHANNEL_REMOVED]
    stored = message(db_path, message_id)
    assert (stored.status, stored.failure) == ("failed", "removed")
    assert webhook.received() == []


def edit_contact(db_path: Path, contact: Contact, url: str, phone: str) -> list[int]:
    """Point the contact's channel at ``url`` and change its phone, as the contact form does."""
    parsed = parse_phone(phone).phone
    assert parsed is not None and contact.channels[0].id is not None
    edited = Contact(
        name=contact.name,
        phone=parsed,
        channels=[ChannelConfig("json", {"url": url}, contact.channels[0].id)],
        id=contact.id,
    )
    words = words_for(load_catalog(), "zh")

    def describe(before: list[Contact]) -> list[str]:
        stored = next(c for c in before if c.id == contact.id)
        return contact_changes(stored, edited, words)

    guarded = with_db(
        db_path,
        lambda db: guarded_change(db, describe, lambda store: store.update(edited), words),
    )
    return guarded.alerts  # type: ignore[attr-defined, no-any-return]


def test_an_edited_channel_gets_the_warning_and_what_was_queued_at_its_old_address(
    db_path: Path,
    webhook: Webhook,
    down_webhook: Webhook,
    make_worker: Callable[..., OutboxWorker],
    qtbot: QtBot,
) -> None:
    family, other = webhook, down_webhook
    other.start()
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": family.url}}])
    verdict = enqueue(db_path, contact, "verdict before the edit")
    [warning] = edit_contact(db_path, contact, other.url, "13998765432")
    after = with_db(
        db_path, lambda db: OutboxStore(db).enqueue_for_contacts("after", "b", event="test")
    )
    # Everything queued before the edit keeps the channel's id, and its old address.
    assert {message(db_path, m).channel_id for m in [verdict, warning, *after]} == {
        contact.channels[0].id
    }
    worker = make_worker()
    delivered: list[int] = []
    worker.delivered.connect(delivered.append)
    worker.wake()
    qtbot.waitUntil(lambda: len(delivered) == 3, timeout=10_000)
    titles = [post["title"] for post in family.received()]
    assert titles[0] == "verdict before the edit" and len(titles) == 2
    text = family.received()[1]["message"]
    assert "138 1234 5678" in text and "139 9876 5432" in text
    assert [post["title"] for post in other.received()] == ["after"]
    assert "138 1234 5678" not in str(other.received())


def test_a_message_refused_for_good_fails_and_lets_the_next_one_through(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    webhook.status_for = lambda post: 400 if post["title"] == "refused" else 200
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    refused = enqueue(db_path, contact, "refused")
    later = enqueue(db_path, contact, "later")
    worker = make_worker(backoff=(0.05,))
    with qtbot.waitSignal(worker.delivered, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [later]
    stored = message(db_path, refused)
    assert (stored.status, stored.failure, stored.attempts, stored.refusals) == (
        "failed",
        "refused",
        3,
        3,
    )
    assert "400" in (stored.last_error or "")
    assert "tok-abc-12345" not in (stored.last_error or "")
    assert [post["title"] for post in webhook.received()] == ["later"]


def test_a_passing_error_answer_is_not_a_refusal(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    webhook.status = 503
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    message_id = enqueue(db_path, contact)
    worker = make_worker(backoff=(0.05,))
    failures: list[int] = []
    worker.failed.connect(lambda message_id, error: failures.append(message_id))
    worker.wake()
    qtbot.waitUntil(lambda: len(failures) >= 4, timeout=10_000)
    stored = message(db_path, message_id)
    assert stored.status in ("queued", "sending") and stored.refusals == 0


def test_a_message_that_never_arrives_is_given_up_after_its_tries_and_time(
    db_path: Path,
    down_webhook: Webhook,
    make_worker: Callable[..., OutboxWorker],
    qtbot: QtBot,
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": down_webhook.url}}])
    hopeless = enqueue(db_path, contact, "hopeless")
    worker = make_worker(backoff=(0.05,), give_up_tries=2, give_up_after=timedelta(0))
    failures: list[int] = []
    worker.failed.connect(lambda message_id, error: failures.append(message_id))
    worker.wake()
    qtbot.waitUntil(lambda: message(db_path, hopeless).status == "failed", timeout=10_000)
    stored = message(db_path, hopeless)
    assert (stored.failure, stored.attempts, stored.refusals) == ("gave_up", 2, 0)
    down_webhook.start()
    later = enqueue(db_path, contact, "later")
    with qtbot.waitSignal(worker.delivered, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [later]
    assert [post["title"] for post in down_webhook.received()] == ["later"]


def test_a_young_message_is_not_given_up_after_many_tries(
    db_path: Path,
    down_webhook: Webhook,
    make_worker: Callable[..., OutboxWorker],
    qtbot: QtBot,
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": down_webhook.url}}])
    message_id = enqueue(db_path, contact)
    worker = make_worker(backoff=(0.05,), give_up_tries=2, give_up_after=timedelta(days=3))
    failures: list[int] = []
    worker.failed.connect(lambda message_id, error: failures.append(message_id))
    worker.wake()
    qtbot.waitUntil(lambda: len(failures) >= 4, timeout=10_000)
    assert message(db_path, message_id).status in ("queued", "sending")


def plain_text(mail: Message) -> str:
    """The words of an e-mail: its text/plain part, decoded."""
    for part in mail.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("the e-mail has no plain-text part")


def test_send_test_alert_by_email_through_the_outbox(
    db_path: Path, smtp_server: Mail, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    email = {
        "host": "127.0.0.1",
        "port": smtp_server.port,
        "security": "none",
        "from": "guardian@example.com",
        "to": "daughter@example.com",
    }
    contact = add_contact(db_path, [{"kind": "email", "fields": email}])
    disk = DiskWorker(db_path)
    try:
        worker = make_worker()
        queued: list[list[int]] = []
        when = datetime(2026, 9, 30, 8, 5).astimezone()
        with qtbot.waitSignal(worker.delivered, timeout=10_000):
            send_test_alert(
                contact,
                disk,
                worker,
                person_name="妈妈",
                words=words_in("zh"),
                when=when,
                on_queued=queued.append,
            )
        assert len(queued) == 1 and len(queued[0]) == 1
        (envelope,) = smtp_server.received()
        assert envelope.rcpt_tos == ["daughter@example.com"]
        mail = message_from_bytes(envelope.original_content or b"")
        title, body = compose_alert("test", person_name="妈妈", when=when, words=words_in("zh"))
        assert title == "【防骗守护】测试通知"
        assert str(make_header(decode_header(mail["Subject"]))) == title
        assert plain_text(mail).strip() == body
    finally:
        disk.shutdown()
    unsaved = validate_contact({"name": "x", "phone": "110"}).contact
    assert unsaved is not None
    with pytest.raises(ValueError):
        send_test_alert(unsaved, disk, worker, person_name="x", words=words_in("en"))


def test_signals_arrive_on_the_gui_thread(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    gui = threading.get_ident()
    seen: list[int] = []
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    worker = make_worker()
    worker.delivered.connect(lambda _id: seen.append(threading.get_ident()))
    enqueue(db_path, contact)
    worker.wake()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == [gui]


def test_bad_backoff_is_refused(db_path: Path) -> None:
    with pytest.raises(ValueError):
        OutboxWorker(db_path, backoff=())


def test_the_delivery_code_is_loaded_ahead_on_the_workers_thread_once_a_channel_is_set_up(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    loaded: list[int] = []
    worker = make_worker(prepare=lambda: loaded.append(threading.get_ident()), poll_seconds=30)
    worker.prepare_delivery()
    qtbot.wait(200)
    assert loaded == [], "no alert channel: nothing could be sent, nothing is loaded"
    add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    worker.prepare_delivery()  # as a check does once the caller is chosen
    qtbot.waitUntil(lambda: bool(loaded), timeout=5_000)
    assert loaded[0] != threading.get_ident()


def test_a_failure_to_load_ahead_does_not_stop_delivery(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    def broken() -> None:
        raise ImportError("no delivery code here")

    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    worker = make_worker(prepare=broken)
    worker.prepare_delivery()
    enqueue(db_path, contact, body="still sent")
    worker.wake()
    qtbot.waitUntil(lambda: len(webhook.received()) == 1, timeout=10_000)
