"""A disk that fills up during a check: the verdict still shows, says "not saved", and the
check is saved by the next save once the disk works again.

The disk is full for real, as SQLite sees it: the database file may not grow any more
(``PRAGMA max_page_count`` on the app's own connection) and the page the history is kept in is
filled to the last byte with stand-in checks, so every save of the check needs room the file does
not have and SQLite itself refuses it with "database or disk is full". Nothing in the app is
replaced or faked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.database import write_transaction
from guardian.storage.worker import DiskWorker
from guardian.ui.main_window import MainWindow
from tests.ui.conftest import WindowMaker
from tests.ui.test_check_call import Person, stored_checks

T = TypeVar("T")

DISK_FULL = "database or disk is full"
# The stand-in checks that take up the room: text checks whose text starts with this.
STAND_IN = "stand-in to fill the disk "
# When the stand-ins and the checks of the first test were made.
MADE = datetime(2026, 9, 30, 8, 5, tzinfo=timezone.utc)
# The most pages SQLite allows a database (its default limit).
NO_LIMIT_PAGES = 4_294_967_294


def refused_for_want_of_room(write: Callable[[], object]) -> bool:
    """Run ``write`` (one transaction); say whether SQLite refused it because the disk is full."""
    try:
        write()
    except sqlite3.OperationalError as error:
        if str(error) != DISK_FULL:
            raise
        return True
    return False


def fill_up(db: Database) -> int:
    """Stop the file from growing and fill the history's page; return the stand-ins written.

    Runs on the disk worker's thread, on the connection the app writes with.
    """
    db.execute("VACUUM")  # no free pages left over for a table to grow into
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    stand_in = CheckRecord(
        kind="text", status="finished", started_at=MADE, updated_at=MADE, lang="zh", text=STAND_IN
    ).to_row()
    del stand_in["id"]
    columns = ", ".join(stand_in)
    marks = ", ".join("?" for _ in stand_in)

    def add(size: int) -> None:
        with write_transaction(db):
            row = {**stand_in, "text": STAND_IN + "x" * size}
            db.execute(f"INSERT INTO checks ({columns}) VALUES ({marks})", list(row.values()))

    def grow(check_id: int, size: int) -> None:
        with write_transaction(db):
            db.execute("UPDATE checks SET text = text || ? WHERE id = ?", ["x" * size, check_id])

    written = 0
    for size in (1000, 100, 10, 0):  # new checks, down to the smallest, until none fits
        while not refused_for_want_of_room(partial(add, size)):
            written += 1
    assert written, "the history's page had no room to fill"
    last = db.execute("SELECT max(id) FROM checks WHERE text LIKE ?", [f"{STAND_IN}%"])
    last_id = last.fetchone()[0]
    for size in (100, 10, 1):  # then the last one grows until not one more byte fits
        while not refused_for_want_of_room(partial(grow, last_id, size)):
            pass
    assert db.execute("PRAGMA page_count").fetchone()[0] == pages
    return written


def make_room(db: Database) -> None:
    """Let the file grow again and delete the stand-ins (the family made room on the disk)."""
    db.execute(f"PRAGMA max_page_count = {NO_LIMIT_PAGES}")
    with write_transaction(db):
        db.execute("DELETE FROM checks WHERE text LIKE ?", [f"{STAND_IN}%"])


class Disk:
    """The disk the app's database is on, filled and emptied through the app's own connection.

    Args:
        worker: the app's disk worker; its jobs run in the order they are given, so a fill runs
            after every save queued before it.
        qtbot: runs the event loop while waiting for the worker.
    """

    def __init__(self, worker: DiskWorker, qtbot: QtBot) -> None:
        self.worker = worker
        self.qtbot = qtbot

    def run(self, job: Callable[[Database], T]) -> T:
        """Run ``job`` on the worker and return what it returns (or raise what it raised)."""
        done: list[T] = []
        errors: list[Exception] = []
        self.worker.submit(job, on_done=done.append, on_error=errors.append)
        self.qtbot.waitUntil(lambda: bool(done or errors), timeout=10_000)
        if errors:
            raise errors[0]
        return done[0]

    def fill(self) -> None:
        """Fill the disk: from now on SQLite refuses every save of a check."""
        self.run(fill_up)

    def make_room(self) -> None:
        """Give the room back."""
        self.run(make_room)


def checks_of_the_person(db_path: Path) -> list[CheckRecord]:
    """The checks on disk, without the stand-ins that fill it."""
    return [r for r in stored_checks(db_path) if not (r.text or "").startswith(STAND_IN)]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, Path, Disk]]:
    db_path = tmp_path / "guardian.db"
    make_window = WindowMaker(qtbot)
    worker = make_window.disk(db_path)
    try:
        yield make_window("en", disk=worker), db_path, Disk(worker, qtbot)
    finally:
        make_window.close_all()


def test_a_full_disk_refuses_every_save_of_a_check(qtbot: QtBot, tmp_path: Path) -> None:
    """The fault itself: once full, SQLite refuses to save a check, new or changed."""
    worker = DiskWorker(tmp_path / "guardian.db")
    disk = Disk(worker, qtbot)
    try:
        record = CheckRecord(kind="call", started_at=MADE, updated_at=MADE, lang="zh")
        disk.run(lambda db: CheckStore(db).save(record))
        disk.fill()
        record.answers = {"safe_account": "yes"}
        with pytest.raises(sqlite3.OperationalError, match=DISK_FULL):
            disk.run(lambda db: CheckStore(db).save(record))
        with pytest.raises(sqlite3.OperationalError, match=DISK_FULL):
            disk.run(
                lambda db: CheckStore(db).save(
                    CheckRecord(kind="call", started_at=MADE, updated_at=MADE, lang="zh")
                )
            )
        disk.make_room()
        disk.run(lambda db: CheckStore(db).save(record))
    finally:
        worker.shutdown()


def test_the_verdict_shows_with_not_saved_and_the_next_save_keeps_the_check(
    qtbot: QtBot, window: tuple[MainWindow, Path, Disk]
) -> None:
    win, db_path, disk = window
    person = Person(win, qtbot)
    person.skip_to_questions("police")
    first = person.screen.question_step.signal
    assert first is not None
    disk.fill()  # the disk fills up before the verdict is saved
    [before] = checks_of_the_person(db_path)
    assert before.status == "in_progress" and before.answers == {}
    verdict = person.answer_until_verdict({first.id: "yes"})
    assert verdict.assessment.level.value == "high"
    assert verdict.save_notice.isVisibleTo(verdict)
    assert "could not be saved" in verdict.save_notice.text()
    assert checks_of_the_person(db_path) == [before]

    # Space is back. The next save (a press on the verdict, before the half-minute retry)
    # writes the whole check, verdict included.
    disk.make_room()
    person.press(verdict.buttons["home"])
    qtbot.waitUntil(lambda: [r.status for r in stored_checks(db_path)] == ["finished"])
    [saved] = stored_checks(db_path)
    assert saved.id == before.id
    assert saved.level == "high" and saved.answers == {first.id: "yes"}
    assert [action["action"] for action in saved.actions] == ["home"]


def refusals(caplog: pytest.LogCaptureFixture) -> int:
    """How many saves of the check the full disk refused so far."""
    return sum(
        record.getMessage() == f"saving the check failed: {DISK_FULL}" for record in caplog.records
    )


def test_without_another_press_the_check_is_saved_once_the_disk_works(
    qtbot: QtBot, window: tuple[MainWindow, Path, Disk], caplog: pytest.LogCaptureFixture
) -> None:
    """A failed save is tried again on its own (every half minute; shortened here)."""
    win, db_path, disk = window
    person = Person(win, qtbot)
    person.skip_to_questions("police")
    first = person.screen.question_step.signal
    assert first is not None
    person.screen.retry_timer.setInterval(50)
    disk.fill()
    verdict = person.answer_until_verdict({first.id: "yes"})
    assert verdict.save_notice.isVisibleTo(verdict)
    at_verdict = refusals(caplog)
    qtbot.waitUntil(lambda: refusals(caplog) >= at_verdict + 2)  # tried again, refused again
    assert [r.status for r in checks_of_the_person(db_path)] == ["in_progress"]
    disk.make_room()
    qtbot.waitUntil(lambda: [r.status for r in stored_checks(db_path)] == ["finished"])
    assert not person.screen.retry_timer.isActive()


def test_closing_the_check_tries_once_more(
    qtbot: QtBot, window: tuple[MainWindow, Path, Disk]
) -> None:
    win, db_path, disk = window
    person = Person(win, qtbot)
    person.skip_to_questions("police")
    first = person.screen.question_step.signal
    assert first is not None
    disk.fill()
    verdict = person.answer_until_verdict({first.id: "yes"})
    assert verdict.save_notice.isVisibleTo(verdict)
    disk.make_room()
    win.home()
    qtbot.waitUntil(lambda: [r.status for r in stored_checks(db_path)] == ["finished"])
