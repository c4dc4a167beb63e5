"""A family alert raised while the database is full: the person is told plainly that the family
does not know yet, the alert is kept, and it is queued and delivered once there is room again.

The database really is full: the disk worker's connection may not grow the file
(``PRAGMA max_page_count``), and the outbox's last page is filled to the brim, so writing an
alert fails with SQLite's own "database or disk is full".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from guardian.alerts.outbox_worker import OutboxWorker
from guardian.assets import load_catalog
from guardian.core.risk import Answer
from guardian.storage.worker import DiskWorker
from guardian.ui import family_alerts
from guardian.ui.call_card import CallCardScreen
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.money_sent import MoneySentScreen
from guardian.ui.services import Services
from tests.ui.conftest import WindowMaker

from .conftest import Webhook
from .test_alerts_from_screens import add_contact

NOT_TOLD = load_catalog().get("zh", "alert.not_told")


def fill_up(db: Database) -> str:
    """Let the file grow no more, then fill the outbox's last page; return SQLite's error."""
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    db.execute(f"PRAGMA max_page_count = {pages}")
    size, error = 2048, ""
    while size:
        try:
            db.execute(
                "INSERT INTO outbox (created_at, event, title, body, status, next_attempt_at) "
                "VALUES ('2024-01-01T00:00:00+00:00', 'test', 'old', ?, 'delivered', "
                "'2024-01-01T00:00:00+00:00')",
                ["x" * size],
            )
            db.conn.commit()
        except sqlite3.OperationalError as full:
            db.conn.rollback()
            error = str(full)
            size //= 2
    return error


def make_room(db: Database) -> None:
    db.execute("PRAGMA max_page_count = 1073741823")


class App:
    def __init__(self, qtbot, window: MainWindow, disk: DiskWorker, webhook: Webhook) -> None:
        self.qtbot = qtbot
        self.window = window
        self.ctx = window.ctx
        self.disk = disk
        self.webhook = webhook

    def on_disk(self, job):  # type: ignore[no-untyped-def]
        box: list = []
        self.disk.submit(job, on_done=box.append, on_error=box.append)
        self.qtbot.waitUntil(lambda: bool(box))
        return box[0]

    def fill_up(self) -> None:
        assert "database or disk is full" in self.on_disk(fill_up)

    def make_room(self) -> None:
        self.on_disk(make_room)

    def waiting_alerts(self) -> list[str]:
        return self.on_disk(
            lambda db: [
                row[0] for row in db.execute("SELECT event FROM outbox WHERE status != 'delivered'")
            ]
        )

    def events_received(self) -> list[str]:
        return [str(post["title"]) for post in self.webhook.received()]

    @property
    def said(self) -> list[str]:
        return [text for text, _ in self.ctx.speaker.said]  # type: ignore[attr-defined]


@pytest.fixture
def app(qtbot, tmp_path: Path, webhook: Webhook, monkeypatch) -> Iterator[App]:
    monkeypatch.setattr(family_alerts, "RETRY_MS", 50, raising=False)
    db_path = tmp_path / "guardian.db"
    add_contact(db_path, webhook.url)
    disk = DiskWorker(db_path)
    outbox = OutboxWorker(db_path, backoff=(0.05, 0.1), timeout=5)
    make_window = WindowMaker(qtbot)
    window = make_window(disk=disk, services=Services(outbox=outbox))
    yield App(qtbot, window, disk, webhook)
    make_window.close_all()
    outbox.shutdown()
    disk.shutdown()


def test_money_sent_on_a_full_disk_says_so_and_tells_the_family_once_there_is_room(
    app: App, qtbot
) -> None:
    app.fill_up()
    app.window.open("money_sent")
    screen = app.window.current_screen()
    assert isinstance(screen, MoneySentScreen)
    qtbot.waitUntil(lambda: screen.family_notice.isVisibleTo(screen))
    assert screen.family_notice.text() == NOT_TOLD
    assert NOT_TOLD in app.said[-1]  # read aloud with the screen
    assert NOT_TOLD in screen.spoken_text()
    assert app.waiting_alerts() == []
    qtbot.wait(200)  # a few tries while the disk is still full
    assert app.events_received() == []

    app.make_room()
    qtbot.waitUntil(lambda: len(app.webhook.received()) == 1, timeout=10_000)
    assert "转" in app.events_received()[0]
    qtbot.wait(300)
    assert len(app.webhook.received()) == 1  # queued once, delivered once


def test_a_high_verdict_on_a_full_disk_still_reaches_the_family(app: App, qtbot) -> None:
    app.window.open("check_call")
    check = app.window.current_screen()
    assert isinstance(check, CheckCallScreen)
    check.number_step.field.setText("01012345678")
    check.number_step.next_button.click()
    check.caller_step.buttons["police"].click()
    app.on_disk(lambda db: None)  # what the check saved so far is on disk
    app.fill_up()
    check.question_step.buttons[Answer.YES].click()
    qtbot.waitUntil(lambda: check.verdict is not None)
    verdict = check.verdict
    assert verdict is not None
    qtbot.waitUntil(lambda: verdict.family_notice.isVisibleTo(verdict))
    assert verdict.family_notice.text() == NOT_TOLD
    assert NOT_TOLD in app.said[-1]
    assert not check.family_alerted
    assert app.waiting_alerts() == []

    app.make_room()
    qtbot.waitUntil(lambda: len(app.webhook.received()) == 1, timeout=10_000)
    text = " ".join(str(value) for value in app.webhook.received()[0].values())
    assert "诈骗" in text and "01012345678" in text
    assert check.family_alerted


def test_call_family_on_a_full_disk_shows_the_card_and_says_the_family_is_not_told(
    app: App, qtbot
) -> None:
    app.fill_up()
    app.window.open("call_family")
    qtbot.waitUntil(lambda: isinstance(app.window.current_screen(), CallCardScreen))
    card = app.window.current_screen()
    assert isinstance(card, CallCardScreen)
    assert card.family_notice.isVisibleTo(card)
    assert card.family_notice.text() == NOT_TOLD
    assert "13800138000" in card.number_label.accessibleName()
    qtbot.waitUntil(lambda: any(NOT_TOLD in text for text in app.said))
    assert NOT_TOLD in card.spoken_text()

    app.make_room()
    qtbot.waitUntil(lambda: len(app.webhook.received()) == 1, timeout=10_000)
