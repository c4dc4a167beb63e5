"""Screens tell the family: a high verdict and "I already sent money" reach a real webhook."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from guardian.alerts.outbox_worker import OutboxWorker
from guardian.core.contacts import validate_contact
from guardian.core.risk import Answer
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.worker import DiskWorker
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.services import Services
from tests.ui.conftest import RecordingSpeaker, WindowMaker


def add_contact(db_path: Path, webhook_url: str | None) -> None:
    fields = {"name": "女儿", "phone": "13800138000", "relationship": "daughter"}
    if webhook_url is not None:
        fields["channels"] = [{"kind": "json", "fields": {"url": webhook_url}}]  # type: ignore[assignment]
    result = validate_contact(fields)
    assert result.contact is not None, result.errors
    db = open_database(db_path)
    ContactStore(db).add(result.contact)
    db.close()


@pytest.fixture
def app_window(qtbot) -> Iterator[Callable[[Path], MainWindow]]:
    """The app's window on a database, with its own disk worker and sender; all stop after."""
    make_window = WindowMaker(qtbot)
    workers: list[tuple[OutboxWorker, DiskWorker]] = []

    def make(db_path: Path) -> MainWindow:
        disk = DiskWorker(db_path)
        outbox = OutboxWorker(db_path, backoff=(0.05, 0.1), timeout=5)
        workers.append((outbox, disk))
        return make_window(speaker=RecordingSpeaker(), disk=disk, services=Services(outbox=outbox))

    yield make
    make_window.close_all()
    for outbox, disk in workers:
        outbox.shutdown()
        disk.shutdown()


def test_a_high_verdict_reaches_the_family(app_window, qtbot, tmp_path, webhook) -> None:
    db_path = tmp_path / "guardian.db"
    add_contact(db_path, webhook.url)
    window = app_window(db_path)
    window.open("check_call")
    check = window.current_screen()
    assert isinstance(check, CheckCallScreen)
    check.number_step.field.setText("01012345678")
    check.number_step.next_button.click()
    check.caller_step.buttons["police"].click()
    check.question_step.buttons[Answer.YES].click()
    qtbot.waitUntil(lambda: len(webhook.received()) == 1, timeout=10000)
    post = webhook.received()[0]
    text = " ".join(str(value) for value in post.values())
    assert "诈骗" in text and "01012345678" in text
    qtbot.waitUntil(lambda: any(a["action"] == "alert_queued" for a in check.record.actions))


def test_a_low_verdict_sends_nothing(app_window, qtbot, tmp_path, webhook) -> None:
    db_path = tmp_path / "guardian.db"
    add_contact(db_path, webhook.url)
    window = app_window(db_path)
    window.open("check_call")
    check = window.current_screen()
    check.number_step.skip_button.click()
    check.caller_step.buttons["courier"].click()
    while check.wizard.current is not None:
        check.question_step.buttons[Answer.NO].click()
    qtbot.waitUntil(lambda: check.verdict is not None)
    qtbot.wait(300)
    assert webhook.received() == []


def test_money_sent_tells_the_family(app_window, qtbot, tmp_path, webhook) -> None:
    db_path = tmp_path / "guardian.db"
    add_contact(db_path, webhook.url)
    window = app_window(db_path)
    window.open("money_sent")
    qtbot.waitUntil(lambda: len(webhook.received()) == 1, timeout=10000)
    assert "转" in " ".join(str(v) for v in webhook.received()[0].values())


def test_without_a_channel_nothing_is_queued(app_window, qtbot, tmp_path) -> None:
    db_path = tmp_path / "guardian.db"
    add_contact(db_path, None)
    window = app_window(db_path)
    window.open("money_sent")
    done: list[int] = []
    window.ctx.disk.submit(
        lambda db: db.execute("select count(*) from outbox").fetchone()[0], on_done=done.append
    )
    qtbot.waitUntil(lambda: bool(done))
    assert done == [0]
