"""Tests of guardian.services: every job on a real SQLite file, run at once without Qt."""

from __future__ import annotations

from typing import TypeVar

from sqlite_utils import Database

from guardian.services.jobs import Job, RunAtOnce

T = TypeVar("T")


def run(db: Database, job: Job[T]) -> T:
    """Run ``job`` on ``db`` as the app would (committed, or rolled back and raised)."""
    results: list[T] = []
    RunAtOnce(db).submit(job, on_done=results.append)
    return results[0]
