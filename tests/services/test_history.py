"""The history's jobs on a real SQLite file: save, pages, delete, export, import."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar

import pytest
from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.services import history
from guardian.services.jobs import Job, RunAtOnce
from guardian.storage.database import open_database

T = TypeVar("T")
T0 = datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)


@dataclass
class Number:
    id: int | None = None


def check(minutes: int = 0, **fields: object) -> CheckRecord:
    """A finished text check started ``minutes`` after T0."""
    when = T0 + timedelta(minutes=minutes)
    values: dict[str, object] = {
        "kind": "text",
        "status": "finished",
        "started_at": when,
        "updated_at": when,
        "text": f"第{minutes}条短信",
        "level": "low",
        "lang": "zh",
    }
    values.update(fields)
    return CheckRecord(**values)  # type: ignore[arg-type]


@pytest.fixture
def runner(db: Database) -> RunAtOnce:
    return RunAtOnce(db)


def run(runner: RunAtOnce, job: Job[T]) -> T:
    results: list[T] = []
    runner.submit(job, on_done=results.append)
    return results[0]


def texts(db: Database) -> list[str]:
    return [row["text"] for row in db.query("select text from checks order by started_at")]


def test_a_check_made_step_by_step_stays_one_entry_of_the_history(
    db: Database, runner: RunAtOnce
) -> None:
    number = Number()
    record = check(status="in_progress", level=None)
    first = run(runner, history.save_numbered(replace(record), number))
    assert first == number.id and isinstance(first, int)
    second = run(runner, history.save_numbered(replace(record, status="finished"), number))
    assert second == first
    rows = list(db.query("select id, status from checks"))
    assert rows == [{"id": first, "status": "finished"}]
    assert run(runner, history.known_number(number)) == first


def test_a_check_deleted_while_it_is_made_is_written_again_under_its_number(
    db: Database, runner: RunAtOnce
) -> None:
    number = Number()
    first = run(runner, history.save_numbered(check(), number))
    runner.submit(history.delete_all)
    assert run(runner, history.save_numbered(check(), number)) == first
    assert [row["id"] for row in db.query("select id from checks")] == [first]


def test_a_record_that_does_not_pass_is_not_written_and_keeps_no_number(
    db: Database, runner: RunAtOnce
) -> None:
    number = Number()
    record = check()
    record.kind = "letter"  # changed after it was made, as a stray write might
    errors: list[Exception] = []
    runner.submit(history.save_numbered(record, number), on_error=errors.append)
    assert len(errors) == 1 and isinstance(errors[0], ValueError)
    assert number.id is None
    assert texts(db) == []


def test_save_stores_a_record_under_its_own_number(db: Database, runner: RunAtOnce) -> None:
    check_id = run(runner, history.save(check()))
    assert isinstance(check_id, int)
    run(runner, history.save(check(id=check_id, text="改过的")))
    assert texts(db) == ["改过的"]


def test_the_first_page_and_the_next_ones_come_newest_first(
    db: Database, runner: RunAtOnce
) -> None:
    count = history.PAGE_SIZE + 3
    for minute in range(count):
        run(runner, history.save(check(minute)))
    total, newest, weeks = run(runner, history.first_page(date(2026, 12, 2)))
    assert total == count
    assert [r.text for r in newest] == [f"第{m}条短信" for m in reversed(range(3, count))]
    assert sum(week.low for week in weeks) == count
    older = run(runner, history.page(len(newest)))
    assert [r.text for r in older] == ["第2条短信", "第1条短信", "第0条短信"]


def test_a_negative_page_is_refused(runner: RunAtOnce) -> None:
    errors: list[Exception] = []
    runner.submit(history.page(-1), on_error=errors.append)
    assert isinstance(errors[0], ValueError)


def test_delete_removes_one_check_and_delete_all_every_check(
    db: Database, runner: RunAtOnce
) -> None:
    ids = [run(runner, history.save(check(minute))) for minute in range(3)]
    run(runner, history.delete(ids[1]))
    assert texts(db) == ["第0条短信", "第2条短信"]
    run(runner, history.delete(9999))
    assert len(texts(db)) == 2
    runner.submit(history.delete_all)
    assert texts(db) == []


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_writes_every_check_and_counts_them(
    runner: RunAtOnce, tmp_path: Path, kind: str
) -> None:
    for minute in range(2):
        run(runner, history.save(check(minute)))
    path = tmp_path / f"history.{kind}"
    assert run(runner, history.export_to(kind, path)) == 2
    written = path.read_text(encoding="utf-8-sig")
    assert "第0条短信" in written and "第1条短信" in written
    if kind == "json":
        assert json.loads(written)["format"] == "guardian-history"


def test_an_export_moves_the_history_to_another_computer(runner: RunAtOnce, tmp_path: Path) -> None:
    for minute in range(2):
        run(runner, history.save(check(minute)))
    path = tmp_path / "history.json"
    run(runner, history.export_to("json", path))
    other = open_database(tmp_path / "other.db")
    elsewhere = RunAtOnce(other)
    run(elsewhere, history.save(check(0)))
    result = run(elsewhere, history.import_from(path))
    assert result == history.ImportResult(added=1, skipped=1)
    assert texts(other) == ["第0条短信", "第1条短信"]


def test_a_refused_import_writes_nothing(db: Database, runner: RunAtOnce, tmp_path: Path) -> None:
    run(runner, history.save(check(0)))
    path = tmp_path / "bad.json"
    document = {
        "format": "guardian-history",
        "version": 1,
        "exported_at": T0.isoformat(),
        "checks": [
            {"kind": "text", "status": "finished", "started_at": T0.isoformat()},
            {"kind": "text", "text": "x" * 10_000},
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    errors: list[Exception] = []
    runner.submit(history.import_from(path), on_error=errors.append)
    assert len(errors) == 1 and isinstance(errors[0], history.HistoryImportError)
    assert texts(db) == ["第0条短信"]


def test_a_save_the_file_refuses_keeps_the_number_it_had(db: Database, runner: RunAtOnce) -> None:
    number = Number()
    first = run(runner, history.save_numbered(check(), number))
    db.execute("PRAGMA query_only = ON")
    errors: list[Exception] = []
    runner.submit(history.save_numbered(check(text="改过的"), number), on_error=errors.append)
    assert len(errors) == 1
    assert number.id == first
    db.execute("PRAGMA query_only = OFF")
    assert texts(db) == ["第0条短信"]
