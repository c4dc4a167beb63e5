"""The disk worker and the alert outbox write the same file at once without "database is locked"."""

from __future__ import annotations

from pathlib import Path

from guardian.alerts.outbox_worker import OutboxWorker
from guardian.core.contacts import validate_contact
from guardian.storage.checks import CheckStore
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxStore
from guardian.storage.worker import DiskWorker
from tests.storage.conftest import full_record


def test_saving_checks_while_alerts_are_sent(qtbot, tmp_path: Path, webhook) -> None:
    db_path = tmp_path / "guardian.db"
    db = open_database(db_path)
    contact = validate_contact(
        {
            "name": "女儿",
            "phone": "13800138000",
            "channels": [{"kind": "json", "fields": {"url": webhook.url}}],
        }
    ).contact
    assert contact is not None
    ContactStore(db).add(contact)
    db.close()
    disk = DiskWorker(db_path)
    outbox = OutboxWorker(db_path, backoff=(0.05,), timeout=5)
    errors: list[Exception] = []
    saved: list[int] = []
    try:
        for index in range(60):
            disk.submit(
                lambda db, i=index: OutboxStore(db).enqueue_for_contacts(
                    f"t{i}", "b", event="test"
                ),
                on_done=lambda _: outbox.wake(),
                on_error=errors.append,
            )
            disk.submit(
                lambda db: CheckStore(db).save(full_record(id=None)),
                on_done=saved.append,
                on_error=errors.append,
            )
        qtbot.waitUntil(lambda: len(saved) == 60 or bool(errors), timeout=30_000)
        qtbot.waitUntil(lambda: len(webhook.received()) == 60 or bool(errors), timeout=30_000)
    finally:
        outbox.shutdown()
        disk.shutdown()
    assert errors == []
    assert len(webhook.received()) == 60
