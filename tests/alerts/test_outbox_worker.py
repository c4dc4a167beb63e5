from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from guardian.alerts.delivery import DeliveryResult, deliver
from guardian.alerts.outbox_worker import OutboxWorker, send_test_alert
from guardian.core.contacts import Contact, validate_contact
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import CHANNEL_REMOVED, OutboxMessage, OutboxStore
from guardian.storage.worker import DiskWorker

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


def test_alert_whose_channel_is_gone_is_never_sent(
    db_path: Path, webhook: Webhook, make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    contact = add_contact(db_path, [{"kind": "json", "fields": {"url": webhook.url}}])
    message_id = enqueue(db_path, contact)
    with_db(db_path, lambda db: db.execute("DELETE FROM alert_channels"))
    worker = make_worker()
    with qtbot.waitSignal(worker.failed, timeout=10_000) as blocker:
        worker.wake()
    assert blocker.args == [message_id, CHANNEL_REMOVED]
    assert message(db_path, message_id).status == "failed"
    assert webhook.received() == []


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
        with qtbot.waitSignal(worker.delivered, timeout=10_000):
            send_test_alert(
                contact, disk, worker, person_name="妈妈", lang="zh", on_queued=queued.append
            )
        assert len(queued) == 1 and len(queued[0]) == 1
        (envelope,) = smtp_server.received()
        assert envelope.rcpt_tos == ["daughter@example.com"]
        assert "测试".encode() in (envelope.original_content or b"") or envelope.content
    finally:
        disk.shutdown()
    unsaved = validate_contact({"name": "x", "phone": "110"}).contact
    assert unsaved is not None
    with pytest.raises(ValueError):
        send_test_alert(unsaved, disk, worker, person_name="x", lang="en")


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


def test_the_delivery_code_is_loaded_ahead_on_the_workers_thread(
    make_worker: Callable[..., OutboxWorker], qtbot: QtBot
) -> None:
    loaded: list[int] = []
    worker = make_worker(prepare=lambda: loaded.append(threading.get_ident()), poll_seconds=30)
    qtbot.wait(50)
    assert loaded == [], "nothing is loaded until a check asks for it"
    worker.prepare_delivery()
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
