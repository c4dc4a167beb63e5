"""A disk that fills up during a check: the verdict still shows, says "not saved", and the
check is saved by the next save once the disk works again."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardian.assets import load_catalog
from guardian.core.records import CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.worker import DiskWorker
from guardian.ui import check_call
from guardian.ui.context import AppContext
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.routes import build_routes
from tests.ui.conftest import RecordingSpeaker
from tests.ui.test_check_call import Person, stored_checks


class Disk:
    """Whether the disk is full, as the check screen's store sees it."""

    full = False


class FillingCheckStore(CheckStore):
    """The real store, except that every save fails like SQLite on a full disk while full."""

    def save(self, record: CheckRecord) -> int:
        if Disk.full:
            raise sqlite3.OperationalError("database or disk is full")
        return super().save(record)


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[tuple[MainWindow, Path]]:
    monkeypatch.setattr(check_call, "CheckStore", FillingCheckStore)
    Disk.full = False
    db_path = tmp_path / "guardian.db"
    worker = DiskWorker(db_path)
    ctx = AppContext(load_catalog(), RecordingSpeaker(), lang="en", disk=worker)
    win = MainWindow(ctx, build_routes(), HomeScreen)
    qtbot.addWidget(win)
    win.show()
    try:
        yield win, db_path
    finally:
        win.close()
        worker.shutdown()
        Disk.full = False


def test_the_verdict_shows_with_not_saved_and_the_next_save_keeps_the_check(qtbot, window):
    win, db_path = window
    person = Person(win, qtbot)
    person.skip_to_questions("police")
    first = person.screen.question_step.signal
    assert first is not None
    Disk.full = True  # the disk fills up before the verdict is saved
    verdict = person.answer_until_verdict({first.id: "yes"})
    assert verdict.assessment.level.value == "high"
    assert verdict.save_notice.isVisibleTo(verdict)
    assert "could not be saved" in verdict.save_notice.text()
    before = stored_checks(db_path)
    assert all(record.status == "in_progress" for record in before)

    # Space is back. The next save (a press on the verdict, before the half-minute retry)
    # writes the whole check, verdict included.
    Disk.full = False
    person.press(verdict.buttons["home"])
    qtbot.waitUntil(lambda: [r.status for r in stored_checks(db_path)] == ["finished"])
    [saved] = stored_checks(db_path)
    assert saved.level == "high" and saved.answers == {first.id: "yes"}
    assert [action["action"] for action in saved.actions] == ["home"]


def test_without_another_press_the_check_is_saved_once_the_disk_works(qtbot, window):
    """A failed save is tried again on its own (every half minute; shortened here)."""
    win, db_path = window
    person = Person(win, qtbot)
    person.skip_to_questions("police")
    first = person.screen.question_step.signal
    assert first is not None
    person.screen.retry_timer.setInterval(50)
    Disk.full = True
    person.answer_until_verdict({first.id: "yes"})
    assert person.screen.retry_timer.isActive()
    Disk.full = False
    qtbot.waitUntil(lambda: [r.status for r in stored_checks(db_path)] == ["finished"])
    assert not person.screen.retry_timer.isActive()


def test_closing_the_check_tries_once_more(qtbot, window):
    win, db_path = window
    person = Person(win, qtbot)
    person.skip_to_questions("police")
    first = person.screen.question_step.signal
    assert first is not None
    Disk.full = True
    person.answer_until_verdict({first.id: "yes"})
    Disk.full = False
    win.home()
    qtbot.waitUntil(lambda: [r.status for r in stored_checks(db_path)] == ["finished"])
