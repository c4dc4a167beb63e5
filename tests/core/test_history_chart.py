from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardian.core.history_chart import (
    WeekBucket,
    buckets,
    week_boundaries,
    week_start,
    weekly_counts,
)
from guardian.core.records import LEVELS, CheckRecord

BEIJING = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2024, 5, 22)  # a Wednesday


def check(started_at: datetime, level: str | None = "high", **fields: Any) -> CheckRecord:
    return CheckRecord(
        kind="call",
        status="finished" if level else "in_progress",
        started_at=started_at,
        updated_at=started_at,
        level=level,
        lang="zh",
        **fields,
    )


def local(day: date, hour: int = 12, tz: Any = BEIJING, **extra: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=tz, **extra)


def test_week_start_is_monday() -> None:
    assert week_start(date(2024, 5, 20)) == date(2024, 5, 20)
    assert week_start(date(2024, 5, 22)) == date(2024, 5, 20)
    assert week_start(date(2024, 5, 26)) == date(2024, 5, 20)
    assert week_start(date(2024, 1, 3)) == date(2024, 1, 1)


def test_boundaries_are_local_mondays_at_midnight() -> None:
    bounds = week_boundaries(TODAY, 8, BEIJING)
    assert len(bounds) == 9
    assert bounds[0] == datetime(2024, 4, 1, tzinfo=BEIJING)
    assert bounds[-2] == datetime(2024, 5, 20, tzinfo=BEIJING)
    assert bounds[-1] == datetime(2024, 5, 27, tzinfo=BEIJING)
    assert all(bound.weekday() == 0 and bound.hour == 0 for bound in bounds)


def test_boundaries_follow_summer_time() -> None:
    # Summer time in Berlin began on Sunday 31 March 2024: that week is an hour shorter.
    bounds = week_boundaries(date(2024, 4, 3), 2, BERLIN)
    utc = [bound.astimezone(timezone.utc) for bound in bounds]
    assert utc[1] - utc[0] == timedelta(days=7, hours=-1)
    assert utc[2] - utc[1] == timedelta(days=7)
    assert [bound.utcoffset() for bound in bounds] == [
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=2),
    ]


def test_boundaries_without_a_zone_use_the_computer_s_own() -> None:
    bounds = week_boundaries(TODAY, 1)
    assert bounds[0].tzinfo is not None
    assert bounds[0].replace(tzinfo=None) == datetime(2024, 5, 20)


def test_at_least_one_week() -> None:
    with pytest.raises(ValueError, match="weeks"):
        week_boundaries(TODAY, 0)
    with pytest.raises(ValueError, match="weeks"):
        weekly_counts([], today=TODAY, weeks=-1)


def test_counts_by_week_and_level_oldest_first() -> None:
    records = [
        check(local(TODAY), "high"),
        check(local(TODAY - timedelta(days=1)), "high"),  # Tuesday, same week
        check(local(TODAY), "low"),
        check(local(date(2024, 5, 19), 23), "medium"),  # Sunday night: the week before
        check(local(date(2024, 4, 1), 0), "low"),  # the first instant of the oldest week
        check(local(date(2024, 3, 31), 23), "high"),  # before the chart
        check(local(date(2024, 5, 27), 0), "high"),  # next week: after the chart
        check(local(TODAY), None),  # no verdict yet
    ]
    result = weekly_counts(records, today=TODAY, weeks=8, tz=BEIJING)
    assert [bucket.start_date for bucket in result] == [
        date(2024, 4, 1) + timedelta(weeks=n) for n in range(8)
    ]
    assert result[-1] == WeekBucket(date(2024, 5, 20), high=2, medium=0, low=1)
    assert result[-2] == WeekBucket(date(2024, 5, 13), high=0, medium=1, low=0)
    assert result[0] == WeekBucket(date(2024, 4, 1), high=0, medium=0, low=1)
    assert sum(bucket.total for bucket in result) == 5


def test_the_week_is_the_local_one_not_utc() -> None:
    # Monday 00:30 in Beijing is Sunday 16:30 UTC.
    monday_early = datetime(2024, 5, 19, 16, 30, tzinfo=timezone.utc)
    in_beijing = weekly_counts([check(monday_early)], today=TODAY, weeks=2, tz=BEIJING)
    in_utc = weekly_counts([check(monday_early)], today=TODAY, weeks=2, tz=timezone.utc)
    assert [bucket.high for bucket in in_beijing] == [0, 1]
    assert [bucket.high for bucket in in_utc] == [1, 0]


def test_rows_and_records_give_the_same_counts() -> None:
    records = [
        check(local(TODAY - timedelta(days=n), n % 24), LEVELS[n % 3] if n % 4 else None)
        for n in range(60)
    ]
    rows = [record.to_row() for record in records]
    assert weekly_counts(rows, today=TODAY, tz=BEIJING) == weekly_counts(
        records, today=TODAY, tz=BEIJING
    )


def test_a_row_with_an_unreadable_time_is_named() -> None:
    with pytest.raises(ValueError, match="started_at"):
        weekly_counts([{"started_at": "soon", "level": "high"}], today=TODAY)
    with pytest.raises(ValueError, match="started_at"):
        weekly_counts([{"started_at": "2024-05-20T10:00:00", "level": "high"}], today=TODAY)


def test_bucket_count_by_level() -> None:
    bucket = WeekBucket(date(2024, 5, 20), high=3, medium=2, low=1)
    assert [bucket.count(level) for level in LEVELS] == [3, 2, 1]
    assert bucket.total == 6
    with pytest.raises(ValueError, match="level"):
        bucket.count("safe")


def test_buckets_need_one_count_per_week() -> None:
    bounds = week_boundaries(TODAY, 2, BEIJING)
    assert buckets(bounds, [{}, {"low": 2}])[1] == WeekBucket(date(2024, 5, 20), low=2)
    with pytest.raises(ValueError, match="2 weeks"):
        buckets(bounds, [{}])


@given(
    offsets=st.lists(st.integers(min_value=-100 * 24 * 3600, max_value=20 * 24 * 3600)),
    levels=st.lists(st.sampled_from([*LEVELS, None])),
    weeks=st.integers(min_value=1, max_value=12),
    tz=st.sampled_from([BEIJING, BERLIN, timezone.utc, timezone(timedelta(hours=-5))]),
)
def test_every_check_with_a_verdict_inside_the_chart_is_counted_once(
    offsets: list[int], levels: list[str | None], weeks: int, tz: Any
) -> None:
    base = datetime(2024, 5, 22, 12, tzinfo=timezone.utc)
    records = [
        check(base + timedelta(seconds=offset), level)
        for offset, level in zip(offsets, levels, strict=False)
    ]
    result = weekly_counts(records, today=TODAY, weeks=weeks, tz=tz)
    bounds = week_boundaries(TODAY, weeks, tz)
    inside = [r for r in records if r.level and bounds[0] <= r.started_at < bounds[-1]]
    assert len(result) == weeks
    assert sum(bucket.total for bucket in result) == len(inside)
    for level in LEVELS:
        assert sum(bucket.count(level) for bucket in result) == sum(
            1 for r in inside if r.level == level
        )
