from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from guardian.core.history_chart import WeekBucket, week_boundaries, weekly_counts
from guardian.core.records import LEVELS, CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.history_stats import weekly_counts_sql

from .conftest import full_record

ROOT = Path(__file__).resolve().parents[2]
BEIJING = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2024, 5, 22)
BASE = datetime(2024, 5, 22, 12, tzinfo=timezone.utc)


def stored_rows(db: Database) -> list[dict[str, Any]]:
    return list(db.table("checks").rows)


def test_sql_counts_a_known_history(db: Database) -> None:
    store = CheckStore(db)
    for started_at, level in [
        (datetime(2024, 5, 22, 9, tzinfo=BEIJING), "high"),
        (datetime(2024, 5, 20, 0, tzinfo=BEIJING), "high"),  # the first instant of the week
        (datetime(2024, 5, 19, 23, 59, 59, 999999, tzinfo=BEIJING), "medium"),  # the last before
        (datetime(2024, 5, 21, 9, tzinfo=BEIJING), "low"),
        (datetime(2024, 5, 21, 9, tzinfo=BEIJING), None),
        (datetime(2024, 3, 1, tzinfo=BEIJING), "high"),  # before the chart
    ]:
        store.save(full_record(started_at=started_at, level=level))
    result = weekly_counts_sql(db, today=TODAY, weeks=8, tz=BEIJING)
    assert len(result) == 8
    assert result[-1] == WeekBucket(date(2024, 5, 20), high=2, medium=0, low=1)
    assert result[-2] == WeekBucket(date(2024, 5, 13), high=0, medium=1, low=0)
    assert all(bucket.total == 0 for bucket in result[:-2])


def test_sql_on_an_empty_history(db: Database) -> None:
    result = weekly_counts_sql(db, today=TODAY, weeks=3, tz=BEIJING)
    assert result == [
        WeekBucket(date(2024, 5, 6)),
        WeekBucket(date(2024, 5, 13)),
        WeekBucket(date(2024, 5, 20)),
    ]


def test_sql_refuses_zero_weeks(db: Database) -> None:
    with pytest.raises(ValueError, match="weeks"):
        weekly_counts_sql(db, today=TODAY, weeks=0)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    checks=st.lists(
        st.tuples(
            st.integers(min_value=-90 * 24 * 3600, max_value=14 * 24 * 3600),
            st.integers(min_value=0, max_value=999_999),
            st.sampled_from([*LEVELS, None]),
            st.sampled_from([timezone.utc, BEIJING, timezone(timedelta(hours=-7))]),
        ),
        max_size=60,
    ),
    weeks=st.integers(min_value=1, max_value=14),
    tz=st.sampled_from([BEIJING, BERLIN, timezone.utc, timezone(timedelta(hours=-5))]),
)
def test_sql_and_pure_counts_agree(
    db: Database,
    checks: list[tuple[int, int, str | None, Any]],
    weeks: int,
    tz: Any,
) -> None:
    store = CheckStore(db)
    store.delete_all()
    records: list[CheckRecord] = []
    for seconds, micros, level, zone in checks:
        started_at = (BASE + timedelta(seconds=seconds, microseconds=micros)).astimezone(zone)
        record = full_record(started_at=started_at, updated_at=started_at, level=level)
        store.save(record)
        records.append(record)
    expected = weekly_counts(records, today=TODAY, weeks=weeks, tz=tz)
    assert weekly_counts_sql(db, today=TODAY, weeks=weeks, tz=tz) == expected
    assert weekly_counts(stored_rows(db), today=TODAY, weeks=weeks, tz=tz) == expected


def test_checks_exactly_on_every_boundary(db: Database) -> None:
    store = CheckStore(db)
    bounds = week_boundaries(TODAY, 8, BERLIN)
    records = []
    for bound in bounds:
        for shift in (timedelta(0), timedelta(microseconds=-1)):
            record = full_record(started_at=bound + shift, updated_at=bound, level="low")
            store.save(record)
            records.append(record)
    expected = weekly_counts(records, today=TODAY, tz=BERLIN)
    assert [bucket.low for bucket in expected] == [2] * 8
    assert weekly_counts_sql(db, today=TODAY, tz=BERLIN) == expected


def test_the_chart_and_the_first_page_read_through_the_started_at_index(db: Database) -> None:
    # Timing is measured by tests/benchmarks/bench_history.py; here only the query plans.
    captured: list[str] = []
    db.conn.set_trace_callback(captured.append)
    try:
        weekly_counts_sql(db, today=TODAY)
        CheckStore(db).page(0, 50)
    finally:
        db.conn.set_trace_callback(None)
    reads = [sql for sql in captured if "sqlite_master" not in sql and "from" in sql.lower()]
    chart_sql, page_sql = reads
    chart_plan = " | ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {chart_sql}"))
    page_plan = " | ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {page_sql}"))
    assert chart_plan.count("USING INDEX idx_checks_started_at") == 8
    assert "SCAN checks" not in chart_plan.replace("SCAN checks USING INDEX", "")
    assert "USING INDEX idx_checks_started_at" in page_plan
    assert "TEMP B-TREE" not in page_plan


def test_the_benchmark_script_prints_its_figures() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "benchmarks" / "bench_history.py"),
            "--rows",
            "300",
            "--runs",
            "1",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    figures = json.loads(done.stdout)
    assert figures["rows"] == 300
    assert {"open_ms", "page_ms", "chart_ms"} <= figures.keys()
    assert all(figures[key] >= 0 for key in ("open_ms", "page_ms", "chart_ms"))
