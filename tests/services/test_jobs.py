"""The runners that are not a thread: RunAtOnce on a real SQLite file, and NothingSaved."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from guardian.services.jobs import JobRunner, NothingSaved, RunAtOnce
from guardian.storage.worker import DiskWorker


def _rows(db: Database) -> list[str]:
    return [row["note"] for row in db.query("select note from notes order by note")]


def test_run_at_once_keeps_a_job_s_writes_and_hands_back_its_result(db: Database) -> None:
    db.execute("create table notes (note text)")
    runner = RunAtOnce(db)
    results: list[int] = []

    def job(db: Database) -> int:
        db.execute("insert into notes values ('kept')")
        return 7

    runner.submit(job, on_done=results.append)
    assert results == [7]
    assert not db.conn.in_transaction
    assert _rows(db) == ["kept"]


def test_run_at_once_rolls_back_a_failed_job_and_reports_it(db: Database) -> None:
    db.execute("create table notes (note text)")
    runner = RunAtOnce(db)
    errors: list[Exception] = []

    def job(db: Database) -> None:
        db.execute("begin")
        db.execute("insert into notes values ('half')")
        raise OSError("disk full")

    runner.submit(
        job,
        on_done=lambda result: pytest.fail("a failed job has no result"),
        on_error=errors.append,
    )
    assert [str(error) for error in errors] == ["disk full"]
    assert _rows(db) == []


def test_run_at_once_raises_a_failure_nobody_listens_to(db: Database) -> None:
    def job(db: Database) -> None:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        RunAtOnce(db).submit(job)


def test_a_runner_that_was_shut_down_takes_no_job(db: Database) -> None:
    runner = RunAtOnce(db)
    runner.shutdown()
    assert not runner.accepting_jobs
    with pytest.raises(RuntimeError):
        runner.submit(lambda db: 1)


def test_nothing_saved_accepts_no_job_like_a_worker_that_was_shut_down(
    qapp: object, tmp_path: Path
) -> None:
    worker = DiskWorker(tmp_path / "g.db")
    worker.shutdown()
    runners: list[JobRunner] = [NothingSaved(), worker]
    for runner in runners:
        assert not runner.accepting_jobs
        with pytest.raises(RuntimeError):
            runner.submit(lambda db: 1, on_done=lambda result: pytest.fail("never called"))
        runner.shutdown()  # again: nothing happens
