from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.errors import CorruptDatabaseError
from guardian.storage.worker import DiskWorker

from .conftest import full_record

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(db_path: Path) -> Iterator[DiskWorker]:
    disk = DiskWorker(db_path)
    yield disk
    disk.shutdown()
    assert not disk.is_running()


def test_jobs_run_off_the_gui_thread_and_callbacks_on_it(worker: DiskWorker, qtbot: QtBot) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def on_done(job_thread: int) -> None:
        seen["job"] = job_thread
        seen["callback"] = threading.get_ident()

    worker.submit(lambda db: threading.get_ident(), on_done=on_done)
    qtbot.waitUntil(lambda: "callback" in seen)
    assert seen["job"] != gui
    assert seen["callback"] == gui


def test_the_connection_belongs_to_the_worker_thread(worker: DiskWorker, qtbot: QtBot) -> None:
    handed_out: list[Database] = []
    worker.submit(lambda db: db, on_done=handed_out.append)
    qtbot.waitUntil(lambda: bool(handed_out))
    with pytest.raises(sqlite3.ProgrammingError):
        handed_out[0].execute("select 1")


def test_jobs_and_callbacks_keep_their_order(worker: DiskWorker, qtbot: QtBot) -> None:
    results: list[int] = []
    order_in_jobs: list[int] = []

    def job(n: int) -> Callable[[Database], int]:
        def run(db: Database) -> int:
            order_in_jobs.append(n)
            return n

        return run

    for n in range(50):
        worker.submit(job(n), on_done=results.append)
    qtbot.waitUntil(lambda: len(results) == 50)
    assert results == list(range(50))
    assert order_in_jobs == list(range(50))


def test_save_and_read_through_the_worker(worker: DiskWorker, qtbot: QtBot) -> None:
    record = full_record()
    saved: list[int] = []
    loaded: list[list[CheckRecord]] = []
    worker.submit(lambda db: CheckStore(db).save(record), on_done=saved.append)
    worker.submit(lambda db: CheckStore(db).page(0, 10), on_done=loaded.append)
    qtbot.waitUntil(lambda: bool(loaded))
    assert loaded == [[full_record(id=saved[0])]]


def test_an_exception_goes_to_on_error(worker: DiskWorker, qtbot: QtBot) -> None:
    errors: list[Exception] = []
    done: list[Any] = []

    def boom(db: Database) -> None:
        raise ValueError("disk job exploded")

    with qtbot.assertNotEmitted(worker.failed):
        worker.submit(boom, on_done=done.append, on_error=errors.append)
        worker.submit(lambda db: "after", on_done=done.append)
        qtbot.waitUntil(lambda: done == ["after"])
    assert len(errors) == 1
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "disk job exploded"


def test_without_on_error_a_failure_is_signalled(worker: DiskWorker, qtbot: QtBot) -> None:
    def boom(db: Database) -> None:
        raise KeyError("no such thing")

    with qtbot.waitSignal(worker.failed) as blocker:
        worker.submit(boom)
    assert blocker.args is not None
    assert blocker.args[0].startswith("KeyError")


def test_a_failing_on_done_is_reported_and_later_jobs_still_deliver(
    worker: DiskWorker, qtbot: QtBot
) -> None:
    errors: list[Exception] = []
    done: list[str] = []

    def bad_callback(result: str) -> None:
        raise RuntimeError(f"callback broke on {result}")

    worker.submit(lambda db: "first", on_done=bad_callback, on_error=errors.append)
    worker.submit(lambda db: "second", on_done=done.append)
    qtbot.waitUntil(lambda: done == ["second"])
    assert [str(e) for e in errors] == ["callback broke on first"]

    with qtbot.waitSignal(worker.failed) as blocker:
        worker.submit(lambda db: "third", on_done=bad_callback)
    assert blocker.args == ["RuntimeError: callback broke on third"]


def test_a_failed_job_leaves_no_half_transaction(worker: DiskWorker, qtbot: QtBot) -> None:
    def half_write(db: Database) -> None:
        db.execute("BEGIN")
        db.execute("INSERT INTO settings (key, value_json) VALUES ('half', '1')")
        raise RuntimeError("stopped half way")

    counts: list[int] = []
    worker.submit(half_write, on_error=lambda error: None)
    worker.submit(lambda db: db.table("settings").count, on_done=counts.append)
    qtbot.waitUntil(lambda: bool(counts))
    assert counts == [0]


def test_shutdown_completes_queued_jobs_and_delivers_them(db_path: Path) -> None:
    worker = DiskWorker(db_path)
    gate = threading.Event()
    delivered: list[int] = []

    def first(db: Database) -> int:
        # Holds the worker so the jobs below are still queued when shutdown() is called.
        assert gate.wait(timeout=30)
        return CheckStore(db).save(full_record())

    worker.submit(first, on_done=delivered.append)
    for _ in range(20):
        worker.submit(lambda db: CheckStore(db).save(full_record()), on_done=delivered.append)
    gate.set()
    worker.shutdown()

    assert len(delivered) == 21
    assert not worker.is_running()
    db = open_database(db_path)
    try:
        assert CheckStore(db).count() == 21
    finally:
        db.close()


def test_shutdown_twice_is_safe_and_no_jobs_after(db_path: Path) -> None:
    worker = DiskWorker(db_path)
    worker.shutdown()
    worker.shutdown()
    assert not worker.is_running()
    with pytest.raises(RuntimeError):
        worker.submit(lambda db: None)


def test_shutdown_from_inside_a_job_is_refused(worker: DiskWorker, qtbot: QtBot) -> None:
    errors: list[Exception] = []
    worker.submit(lambda db: worker.shutdown(), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], RuntimeError)
    assert worker.is_running()


def test_no_thread_is_left_after_shutdown(db_path: Path, qtbot: QtBot) -> None:
    threads_before = threading.active_count()
    worker = DiskWorker(db_path)
    done: list[None] = []
    worker.submit(lambda db: None, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert worker.is_running()
    worker.shutdown()
    assert not worker.is_running()
    thread = worker.findChild(QThread)
    assert thread is not None and thread.isFinished()
    assert threading.active_count() == threads_before


def test_a_database_that_cannot_be_opened_fails_every_job(db_path: Path, qtbot: QtBot) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"not a database at all " * 400)
    worker = DiskWorker(db_path)
    errors: list[Exception] = []
    try:
        worker.submit(lambda db: 1, on_error=errors.append)
        worker.submit(lambda db: 2, on_error=errors.append)
        qtbot.waitUntil(lambda: len(errors) == 2)
    finally:
        worker.shutdown()
    assert all(isinstance(error, CorruptDatabaseError) for error in errors)


def test_many_jobs_and_failures_leave_python_intact(
    worker: DiskWorker, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    # Guards against Signal.emit() on these paths: in PySide6 6.12.0 each call drops a
    # reference to True, and a few hundred of them abort the interpreter.
    caplog.set_level(logging.CRITICAL, logger="guardian.storage.worker")
    messages: list[str] = []
    worker.failed.connect(messages.append)
    done: list[None] = []

    def fail(db: Database) -> None:
        raise OSError("disk full")

    for _ in range(1000):
        worker.submit(lambda db: None, on_done=done.append)
        worker.submit(fail)
    qtbot.waitUntil(lambda: len(done) == 1000 and len(messages) == 1000, timeout=30_000)
    assert set(messages) == {"OSError: disk full"}


EXIT_WITHOUT_SHUTDOWN = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from guardian.storage.checks import CheckStore
from guardian.storage.worker import DiskWorker
from guardian.core.records import CheckRecord
from datetime import datetime, timezone

def full_record():
    now = datetime.now(timezone.utc)
    return CheckRecord(kind="number", started_at=now, updated_at=now, lang="zh")

app = QCoreApplication([])
worker = DiskWorker(Path(sys.argv[1]))
for _ in range(25):
    worker.submit(lambda db: CheckStore(db).save(full_record()))
del worker  # forgotten: no shutdown(), no event loop
"""


def test_a_worker_never_shut_down_still_finishes_its_writes_at_exit(db_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", EXIT_WITHOUT_SHUTDOWN, str(db_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert finished.returncode == 0, finished.stderr
    assert "Destroyed while thread" not in finished.stderr
    db = open_database(db_path)
    try:
        assert CheckStore(db).count() == 25
    finally:
        db.close()
