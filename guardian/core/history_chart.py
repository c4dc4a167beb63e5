"""The weekly chart of the history: how many checks of each level, week by week.

Weeks start on Monday at midnight in the person's time zone. A check belongs to the week whose
start is the latest one not after its ``started_at``. Checks without a verdict yet (``level`` is
``None``) are not counted. The storage layer runs the same aggregation in SQL over the same
boundaries (:func:`week_boundaries`), so both give the same numbers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from guardian.core.records import LEVELS, CheckRecord

DEFAULT_WEEKS = 8
"""How many weeks the history screen shows."""


@dataclass(frozen=True)
class WeekBucket:
    """The number of checks of each level made in one week.

    Attributes:
        start_date: the Monday the week starts on (local date).
        high: checks whose verdict was 极可能是诈骗.
        medium: checks whose verdict was 有诈骗嫌疑.
        low: checks whose verdict was 未发现典型诈骗特征.
    """

    start_date: date
    high: int = 0
    medium: int = 0
    low: int = 0

    @property
    def total(self) -> int:
        """All checks with a verdict in this week."""
        return self.high + self.medium + self.low

    def count(self, level: str) -> int:
        """Return the count for ``level`` (``"high"``, ``"medium"`` or ``"low"``).

        Raises:
            ValueError: ``level`` is not a verdict level.
        """
        if level not in LEVELS:
            raise ValueError(f"level: expected one of {', '.join(LEVELS)}, got {level!r}")
        value: int = getattr(self, level)
        return value


def week_start(day: date) -> date:
    """Return the Monday on or before ``day``."""
    return day - timedelta(days=day.weekday())


def week_boundaries(
    today: date, weeks: int = DEFAULT_WEEKS, tz: tzinfo | None = None
) -> list[datetime]:
    """Return the ``weeks + 1`` instants that bound the last ``weeks`` weeks, oldest first.

    Week ``i`` (0 = oldest) holds the times ``t`` with ``bounds[i] <= t < bounds[i + 1]``. The
    last week is the one containing ``today``; the last bound is the Monday after it.

    Args:
        today: the local date the chart is drawn for.
        weeks: how many weeks; at least 1.
        tz: the time zone midnight is taken in; ``None`` means the computer's own time zone.

    Returns:
        Timezone-aware datetimes at local midnight on each Monday.

    Raises:
        ValueError: ``weeks`` is less than 1.
    """
    if weeks < 1:
        raise ValueError(f"weeks: expected at least 1, got {weeks!r}")
    first = week_start(today) - timedelta(weeks=weeks - 1)
    return [_local_midnight(first + timedelta(weeks=i), tz) for i in range(weeks + 1)]


def weekly_counts(
    checks: Iterable[CheckRecord | Mapping[str, Any]],
    *,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    tz: tzinfo | None = None,
) -> list[WeekBucket]:
    """Count the checks of each level in each of the last ``weeks`` weeks.

    Args:
        checks: records, or rows as :meth:`CheckRecord.to_row` makes them (only ``started_at``
            and ``level`` are read).
        today: the local date the chart is drawn for; its week is the last bucket.
        weeks: how many weeks; at least 1.
        tz: the time zone weeks begin in; ``None`` means the computer's own time zone.

    Returns:
        One bucket per week, oldest first, including weeks with no checks.

    Raises:
        ValueError: ``weeks`` is less than 1, or a row holds a time that cannot be read.
    """
    bounds = week_boundaries(today, weeks, tz)
    counts = [dict.fromkeys(LEVELS, 0) for _ in range(weeks)]
    for check in checks:
        started_at, level = _time_and_level(check)
        if level not in LEVELS:
            continue
        index = bisect_right(bounds, started_at) - 1
        if 0 <= index < weeks:
            counts[index][level] += 1
    return buckets(bounds, counts)


def buckets(bounds: Sequence[datetime], counts: Sequence[Mapping[str, int]]) -> list[WeekBucket]:
    """Return one :class:`WeekBucket` per week from its bounds and its counts by level.

    Args:
        bounds: the ``weeks + 1`` instants from :func:`week_boundaries`.
        counts: for each week, oldest first, the number of checks by level (missing levels
            count as 0).

    Raises:
        ValueError: there is not exactly one fewer count than bounds.
    """
    if len(counts) != len(bounds) - 1:
        raise ValueError(f"expected {len(bounds) - 1} weeks of counts, got {len(counts)}")
    return [
        WeekBucket(
            start_date=bound.date(),
            high=count.get("high", 0),
            medium=count.get("medium", 0),
            low=count.get("low", 0),
        )
        for bound, count in zip(bounds[:-1], counts, strict=True)
    ]


def _local_midnight(day: date, tz: tzinfo | None) -> datetime:
    naive = datetime.combine(day, time.min)
    if tz is None:
        # A naive datetime's astimezone() reads it as the computer's local time.
        return naive.astimezone()
    return naive.replace(tzinfo=tz)


def _time_and_level(check: CheckRecord | Mapping[str, Any]) -> tuple[datetime, object]:
    if isinstance(check, CheckRecord):
        return check.started_at, check.level
    text = check["started_at"]
    try:
        started_at = datetime.fromisoformat(text)
    except (TypeError, ValueError) as error:
        raise ValueError(f"started_at: not an ISO 8601 time: {text!r}") from error
    if started_at.tzinfo is None:
        raise ValueError(f"started_at: the time has no timezone: {text!r}")
    return started_at, check["level"]
