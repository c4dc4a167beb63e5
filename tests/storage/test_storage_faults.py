"""Disk faults a home computer sees, made on purpose with real files and real processes.

Each test says what Guardian does: it fails plainly (a StorageError with a readable message,
a failed disk job, never a crash), or it waits and succeeds, and the record is never lost.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from guardian.assets import load_catalog
from guardian.core.i18n import Lang
from guardian.core.records import CheckRecord
from guardian.doctor import Words
from guardian.doctor.database import check_database
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.errors import NewerDatabaseError, StorageError
from guardian.storage.recovery import open_or_recover
from guardian.storage.worker import DiskWorker

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)

# Holds an exclusive write lock on the database until its standard input closes.
LOCK_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
connection.execute("BEGIN EXCLUSIVE")
connection.execute("UPDATE settings SET key = key WHERE 0")
print("locked", flush=True)
if len(sys.argv) > 2:
    import time
    time.sleep(float(sys.argv[2]))
else:
    sys.stdin.read()
connection.execute("COMMIT")
connection.close()
"""


def record(**overrides: Any) -> CheckRecord:
    fields: dict[str, Any] = {
        "kind": "call",
        "status": "finished",
        "started_at": T0,
        "updated_at": T0,
        "caller_type": "police",
        "answers": {"safe_account": "yes"},
        "level": "high",
        "signals": ["safe_account"],
        "lang": "zh",
    }
    fields.update(overrides)
    return CheckRecord(**fields)


def stored_checks(db_path: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(db_path) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute("SELECT * FROM checks ORDER BY id")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "guardian.db"
    open_database(path).close()
    return path


def release(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    assert process.wait(timeout=10) == 0
    if process.stdout is not None:
        process.stdout.close()


# -- a data folder that cannot be written -----------------------------------------------------


def test_a_data_folder_that_cannot_be_written_fails_to_open_plainly(unwritable_folder):
    with pytest.raises(StorageError) as caught:
        open_database(unwritable_folder / "guardian.db")
    message = str(caught.value)
    assert "guardian.db" in message and "\n" not in message
    assert "cannot" in message


def test_disk_jobs_on_an_unwritable_folder_fail_with_a_plain_message(qtbot, unwritable_folder):
    worker = DiskWorker(unwritable_folder / "guardian.db")
    errors: list[Exception] = []
    try:
        worker.submit(lambda db: CheckStore(db).save(record()), on_error=errors.append)
        with qtbot.waitSignal(worker.failed, timeout=10_000) as signal:
            worker.submit(lambda db: CheckStore(db).save(record()))
        qtbot.waitUntil(lambda: len(errors) == 1, timeout=10_000)
        assert isinstance(errors[0], StorageError)
        [plain] = signal.args
        assert plain.startswith("StorageError: cannot") and "\n" not in plain
        # The worker keeps answering: the next job fails the same plain way.
        worker.submit(lambda db: 1, on_error=errors.append)
        qtbot.waitUntil(lambda: len(errors) == 2, timeout=10_000)
        assert worker.is_running()
    finally:
        worker.shutdown()


def test_the_doctor_names_an_unwritable_data_folder(unwritable_folder):
    from guardian.doctor.data_folder import check_data_folder

    result = check_data_folder(unwritable_folder, words("en"))
    assert result.ok is False
    assert str(unwritable_folder) in result.detail
    if unwritable_folder.parent.is_file():  # the data folder's parent is really a file
        result = check_data_folder(unwritable_folder.parent, words("en"))
        assert result.ok is False and "not a folder" in result.detail


# -- the database locked by another program --------------------------------------------------


def test_a_save_waits_for_a_short_lock_and_then_succeeds(qtbot, db_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(db_path), "1.5"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        worker = DiskWorker(db_path)
        saved: list[int] = []
        try:
            started = time.monotonic()
            worker.submit(lambda db: CheckStore(db).save(record()), on_done=saved.append)
            assert time.monotonic() - started < 0.2  # the window never waits
            qtbot.waitUntil(lambda: saved != [], timeout=15_000)
            waited = time.monotonic() - started
        finally:
            worker.shutdown()
        assert waited >= 0.5  # it really waited for the lock...
        assert [row["id"] for row in stored_checks(db_path)] == saved  # ...and then saved
    finally:
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()


def test_a_lock_longer_than_the_wait_fails_the_save_plainly_and_it_saves_after(qtbot, db_path):
    worker = DiskWorker(db_path)
    errors: list[Exception] = []
    saved: list[int] = []
    the_check = record()
    holder: subprocess.Popen[str] | None = None
    try:
        worker.submit(lambda db: 0, on_done=saved.append)  # the app is open and running
        qtbot.waitUntil(lambda: saved == [0], timeout=10_000)
        holder = start_lock_holder(db_path)
        worker.submit(lambda db: CheckStore(db).save(the_check), on_error=errors.append)
        qtbot.waitUntil(lambda: errors != [], timeout=20_000)
        assert isinstance(errors[0], sqlite3.OperationalError)
        assert "locked" in str(errors[0])
        assert stored_checks_now(db_path) == 0
        release(holder)
        # The screen still holds the check; its next save (every answer or action saves the
        # whole check again) now succeeds, once.
        worker.submit(lambda db: CheckStore(db).save(the_check), on_done=saved.append)
        qtbot.waitUntil(lambda: len(saved) == 2, timeout=10_000)
    finally:
        worker.shutdown()
        if holder is not None:
            stop(holder)
    [row] = stored_checks(db_path)
    assert row["id"] == saved[1] and row["level"] == "high"


def test_a_database_locked_while_guardian_opens_it_works_again_once_released(qtbot, db_path):
    """Another program holds the database past the wait while Guardian starts: the first save
    fails plainly; once the lock is gone the next job opens the database and saves."""
    holder = start_lock_holder(db_path)
    worker = DiskWorker(db_path)
    errors: list[Exception] = []
    saved: list[int] = []
    try:
        worker.submit(lambda db: CheckStore(db).save(record()), on_error=errors.append)
        qtbot.waitUntil(lambda: errors != [], timeout=20_000)
        release(holder)
        worker.submit(
            lambda db: CheckStore(db).save(record()), on_done=saved.append, on_error=errors.append
        )
        qtbot.waitUntil(lambda: saved != [] or len(errors) == 2, timeout=20_000)
    finally:
        worker.shutdown()
        stop(holder)
    assert isinstance(errors[0], StorageError) and "locked" in str(errors[0])
    assert len(saved) == 1 and len(errors) == 1
    assert len(stored_checks(db_path)) == 1


def start_lock_holder(db_path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


def stop(process: subprocess.Popen[str]) -> None:
    for stream in (process.stdin, process.stdout):
        if stream is not None and not stream.closed:
            stream.close()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def stored_checks_now(db_path: Path) -> int:
    # Read without waiting for the writer: WAL readers never wait.
    with sqlite3.connect(db_path, timeout=0.1) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM checks").fetchone()[0])


# -- a database written by a newer Guardian ---------------------------------------------------


def make_newer(db_path: Path) -> None:
    db = Database(db_path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "guardian", "name": "m999_from_the_future", "applied_at": "2030-01-01"}
    )
    db.close()


def test_a_newer_database_is_refused_and_left_byte_for_byte_unchanged(db_path):
    make_newer(db_path)
    before = digest(db_path)
    companions = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(NewerDatabaseError):
        open_database(db_path)
    assert digest(db_path) == before
    with pytest.raises(NewerDatabaseError):
        open_or_recover(db_path, db_path.parent / "backups", datetime.now().astimezone())
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir() if ".corrupt-" in p.name) == []
    assert set(companions) <= {p.name for p in db_path.parent.iterdir()}


def test_the_doctor_says_a_newer_database_needs_a_newer_guardian(db_path):
    make_newer(db_path)
    before = digest(db_path)
    result = check_database(db_path.parent, words("en"))
    assert result.ok is False and "newer Guardian" in result.detail
    assert digest(db_path) == before


def test_a_disk_worker_on_a_newer_database_fails_each_job_plainly(qtbot, db_path):
    make_newer(db_path)
    before = digest(db_path)
    worker = DiskWorker(db_path)
    errors: list[Exception] = []
    try:
        worker.submit(lambda db: CheckStore(db).save(record()), on_error=errors.append)
        qtbot.waitUntil(lambda: errors != [], timeout=10_000)
    finally:
        worker.shutdown()
    assert isinstance(errors[0], NewerDatabaseError)
    assert digest(db_path) == before


# -- the disk full --------------------------------------------------------------------------


def test_a_full_disk_fails_the_save_cleanly_and_it_saves_once_space_is_back(qtbot, db_path):
    # SQLite's page limit makes the disk "full" for real: the insert fails with SQLITE_FULL.
    worker = DiskWorker(db_path)
    errors: list[Exception] = []
    saved: list[int] = []
    the_check = record(text="转账到安全账户" * 2000)

    def save_on_a_full_disk(db: Database) -> int:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        try:
            return CheckStore(db).save(the_check)
        finally:
            db.execute("PRAGMA max_page_count = 1073741823")

    try:
        worker.submit(save_on_a_full_disk, on_error=errors.append)
        qtbot.waitUntil(lambda: errors != [], timeout=10_000)
        assert isinstance(errors[0], sqlite3.OperationalError)
        assert "full" in str(errors[0])
        worker.submit(lambda db: len(stored_rows(db)), on_done=saved.append)
        qtbot.waitUntil(lambda: saved == [0], timeout=10_000)  # nothing half-written
        the_check.id = None
        worker.submit(lambda db: CheckStore(db).save(the_check), on_done=saved.append)
        qtbot.waitUntil(lambda: len(saved) == 2, timeout=10_000)
    finally:
        worker.shutdown()
    [row] = stored_checks(db_path)
    assert row["id"] == saved[1] and row["text"] == the_check.text


def stored_rows(db: Database) -> list[Any]:
    return list(db.execute("SELECT id FROM checks").fetchall())


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_backup_onto_a_full_disk_fails_plainly_and_keeps_no_partial_file(tmp_path, db_path):
    from guardian.storage.backup import list_backups, make_backup

    backups = tmp_path / "backups"
    backups.mkdir()
    full = backups / "guardian-20240501.db.part"
    full.symlink_to("/dev/full")  # every write into it fails with "no space left"
    with pytest.raises(StorageError) as caught:
        make_backup(db_path, backups, datetime(2024, 5, 1, 9, 0).astimezone())
    assert "backup" in str(caught.value)
    assert list_backups(backups) == []


def words(lang: Lang) -> Words:
    """The doctor's sentences in ``lang``."""
    return Words(load_catalog(), lang)
