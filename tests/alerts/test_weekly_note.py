"""The weekly note, end to end: the real database, the outbox delivering to a local webhook, and
the app's clock set by the test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from guardian.alerts.outbox_worker import OutboxWorker, send_test_alert
from guardian.assets import load_catalog
from guardian.core.contacts import Contact, validate_contact
from guardian.core.records import CheckRecord
from guardian.core.weekly_note import WEEK
from guardian.storage.checks import CheckStore
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxMessage, OutboxStore
from guardian.storage.weekly_note import load_schedule, set_enabled
from guardian.storage.worker import DiskWorker
from guardian.ui.context import AppContext
from guardian.ui.family.weekly_note import WeeklyNotes, start_weekly_notes
from guardian.ui.services import Services
from tests.alerts.conftest import Webhook
from tests.clock import FakeClock
from tests.ui.conftest import RecordingSpeaker
from tests.words import words_in

CST = timezone(timedelta(hours=8))
FIRST_ON = datetime(2024, 5, 1, 15, 0, tzinfo=CST)  # a Wednesday, 15:00


@dataclass
class Running:
    """One start of the app: its disk worker, its sender, and its weekly note."""

    ctx: AppContext
    disk: DiskWorker
    outbox: OutboxWorker
    notes: WeeklyNotes


class App:
    """Starts and stops the app's parts on one data folder, as a computer would."""

    def __init__(self, qtbot: Any, db_path: Path, clock: FakeClock) -> None:
        self.qtbot = qtbot
        self.db_path = db_path
        self.clock = clock
        self.running: Running | None = None

    def start(self) -> Running:
        disk = DiskWorker(self.db_path)
        outbox = OutboxWorker(self.db_path, backoff=(0.05, 0.1), timeout=5)
        ctx = AppContext(
            load_catalog(),
            RecordingSpeaker(),
            lang="zh",
            disk=disk,
            services=Services(outbox=outbox),
            person_name="妈妈",
            clock=self.clock,
        )
        notes = start_weekly_notes(ctx)
        self.running = Running(ctx, disk, outbox, notes)
        self.wait_for_look(notes)
        return self.running

    def wait_for_look(self, notes: WeeklyNotes) -> None:
        self.qtbot.waitUntil(lambda: notes.last is not None and not notes.looking)

    def look(self) -> Any:
        assert self.running is not None
        notes = self.running.notes
        notes.last = None
        notes.look()
        self.wait_for_look(notes)
        return notes.last

    def stop(self) -> None:
        if self.running is not None:
            self.running.notes.stop()
            self.running.outbox.shutdown()
            self.running.disk.shutdown()
            self.running = None


@pytest.fixture
def app(qtbot, tmp_path: Path) -> Iterator[App]:
    made = App(qtbot, tmp_path / "guardian.db", FakeClock(FIRST_ON))
    yield made
    made.stop()


def on_db(db_path: Path, job: Any) -> Any:
    db = open_database(db_path)
    try:
        return job(db)
    finally:
        db.close()


def add_daughter(db_path: Path, webhook_url: str) -> Contact:
    result = validate_contact(
        {
            "name": "女儿",
            "phone": "13800138000",
            "relationship": "daughter",
            "channels": [{"kind": "json", "fields": {"url": webhook_url}}],
        }
    )
    assert result.contact is not None, result.errors
    contact = result.contact
    saved: Contact = on_db(db_path, lambda db: ContactStore(db).add(contact))
    return saved


def save_check(db_path: Path, started: datetime, kind: str, level: str) -> None:
    record = CheckRecord(
        kind=kind,
        status="finished",
        started_at=started,
        updated_at=started,
        level=level,
        lang="zh",
    )
    on_db(db_path, lambda db: CheckStore(db).save(record))


def earlier_delivery(db_path: Path, when: datetime, event: str = "test") -> None:
    """A message delivered at ``when`` (by default a test message the family sent)."""

    def job(db: Any) -> None:
        store = OutboxStore(db, clock=lambda: when)
        for message_id in store.enqueue_for_contacts("测试", "测试", event=event):
            store.claim(message_id)
            store.mark_delivered(message_id)

    on_db(db_path, job)


def weekly_notes_in_outbox(db_path: Path) -> list[OutboxMessage]:
    messages = on_db(db_path, lambda db: OutboxStore(db).recent(100))
    return [m for m in messages if m.event == "weekly_note"]


def texts(webhook: Webhook) -> list[str]:
    return [" ".join(str(value) for value in post.values()) for post in webhook.received()]


def test_a_week_with_two_checks_one_high_gives_a_delivered_note_naming_them(
    app: App, qtbot, webhook: Webhook
) -> None:
    contact = add_daughter(app.db_path, webhook.url)
    save_check(app.db_path, FIRST_ON - timedelta(days=1), "call", "high")  # the week before
    running = app.start()
    assert running.notes.last is not None and not running.notes.last.schedule.enabled
    # The family sends a test message; it arrives, and the weekly note comes on by itself.
    send_test_alert(contact, running.disk, running.outbox, person_name="妈妈", words=words_in("zh"))
    qtbot.waitUntil(lambda: len(webhook.received()) == 1, timeout=10000)
    notes = running.notes
    qtbot.waitUntil(lambda: notes.last is not None and notes.last.schedule.enabled)
    assert notes.last is not None and notes.last.next_due == FIRST_ON + WEEK

    save_check(app.db_path, FIRST_ON + timedelta(days=2), "call", "high")
    earlier_delivery(app.db_path, FIRST_ON + timedelta(days=2, minutes=1), "high_verdict")
    save_check(app.db_path, FIRST_ON + timedelta(days=3, hours=2), "text", "low")
    app.clock.now = FIRST_ON + WEEK - timedelta(minutes=1)
    assert app.look().queued == ()  # not before the week is up
    assert len(webhook.received()) == 1

    app.clock.now = FIRST_ON + WEEK
    assert len(app.look().queued) == 1
    qtbot.waitUntil(lambda: len(webhook.received()) == 2, timeout=10000)
    note = texts(webhook)[1]
    assert "2024-05-08 15:00" in note and "还在妈妈的电脑上运行" in note
    assert "这一周检查了2次，其中1次" in note and "极可能是诈骗" in note
    assert "5月3日 15:00，检查一个来电" in note
    assert "5月4日" not in note  # the ordinary check is counted, not listed
    assert "朗读声音：正常" in note
    assert "这一周发出1条，都已送到" in note  # the high verdict's alert
    qtbot.waitUntil(lambda: weekly_notes_in_outbox(app.db_path)[0].status == "delivered")


def test_a_restart_does_not_send_twice_and_keeps_the_weekday(
    app: App, qtbot, webhook: Webhook
) -> None:
    add_daughter(app.db_path, webhook.url)
    earlier_delivery(app.db_path, FIRST_ON - timedelta(days=1))
    app.start()  # the note comes on: Wednesdays at 15:00
    app.clock.now = FIRST_ON + WEEK + timedelta(minutes=5)
    assert len(app.look().queued) == 1
    qtbot.waitUntil(lambda: len(webhook.received()) == 1, timeout=10000)
    app.stop()

    app.clock.now = FIRST_ON + WEEK + timedelta(hours=2)
    running = app.start()
    assert running.notes.last is not None
    assert running.notes.last.queued == ()
    assert running.notes.last.next_due == FIRST_ON + 2 * WEEK
    assert len(weekly_notes_in_outbox(app.db_path)) == 1
    assert len(webhook.received()) == 1


def test_a_computer_off_on_the_day_sends_one_note_at_the_next_start(
    app: App, qtbot, webhook: Webhook
) -> None:
    add_daughter(app.db_path, webhook.url)
    earlier_delivery(app.db_path, FIRST_ON - timedelta(days=1))
    app.start()
    app.stop()  # the computer is off for three weeks and a day

    app.clock.now = FIRST_ON + 3 * WEEK + timedelta(days=1)
    running = app.start()
    assert running.notes.last is not None and len(running.notes.last.queued) == 1
    qtbot.waitUntil(lambda: len(webhook.received()) == 1, timeout=10000)
    assert "2024-05-23 15:00" in texts(webhook)[0]
    again = app.look()
    assert again.queued == ()  # one note, not one per missed week
    assert again.next_due == FIRST_ON + 4 * WEEK  # back on Wednesdays at 15:00
    assert len(weekly_notes_in_outbox(app.db_path)) == 1


def test_off_means_no_note(app: App, qtbot, webhook: Webhook) -> None:
    add_daughter(app.db_path, webhook.url)
    earlier_delivery(app.db_path, FIRST_ON - timedelta(days=1))
    running = app.start()
    turned: list[Any] = []
    running.notes.turn(False, turned.append)
    qtbot.waitUntil(lambda: bool(turned) and not running.notes.looking)
    assert not turned[0].schedule.enabled
    app.clock.now = FIRST_ON + 2 * WEEK
    assert app.look().queued == ()
    app.stop()
    running = app.start()  # still off after a restart
    assert running.notes.last is not None and running.notes.last.queued == ()
    assert weekly_notes_in_outbox(app.db_path) == []
    assert on_db(app.db_path, load_schedule).chosen is False


def test_no_channel_ever_delivered_means_off_by_default(app: App, qtbot, webhook: Webhook) -> None:
    add_daughter(app.db_path, webhook.url)
    app.start()
    app.clock.now = FIRST_ON + 3 * WEEK
    check = app.look()
    assert not check.schedule.enabled and check.next_due is None and check.queued == ()
    assert weekly_notes_in_outbox(app.db_path) == []
    assert webhook.received() == []
    # Turned on by hand, it goes even before a channel has delivered (the outbox keeps trying).
    on_db(app.db_path, lambda db: set_enabled(db, True, app.clock.now))
    app.clock.now += WEEK
    assert len(app.look().queued) == 1
    qtbot.waitUntil(lambda: len(webhook.received()) == 1, timeout=10000)
