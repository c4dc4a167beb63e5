"""Benchmark the history on a large database: open, first page, weekly chart.

Builds a database of 100,000 checks (by default) in a temporary folder, then prints one JSON
object with the median of several runs, in milliseconds:

    open_ms   open_database, then what the history screen reads as it opens: the count, the
              first page of 20 and the weekly chart (storage.history_stats.first_page)
    page_ms   the first page of 20 on an open database
    chart_ms  the weekly chart by level, aggregated in SQL

Usage: python tests/benchmarks/bench_history.py [--rows N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from guardian.core.records import LEVELS, CheckRecord  # noqa: E402
from guardian.storage.checks import CheckStore  # noqa: E402
from guardian.storage.database import open_database  # noqa: E402
from guardian.storage.history_stats import PAGE_SIZE, first_page, weekly_counts_sql  # noqa: E402

OPEN_TARGET_MS = 200.0
SIGNALS = ("official_claim", "safe_account", "urgency", "isolation", "unknown_caller")
MESSAGES = (
    "【公安局】您的身份证涉嫌洗钱，请立即将资金转入安全账户配合调查，不要告诉任何人。",
    "您好，您的快递丢失了，我们按三倍赔偿，请加客服微信办理退款。",
    "妈，我换号了，这是我的新号码，先别告诉爸爸，明天找你有急事。",
)


def sample_rows(count: int, now: datetime, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Yield ``count`` rows, oldest first, spread over the 8 weeks before ``now`` (the chart)."""
    rng = random.Random(seed)
    span = timedelta(weeks=8).total_seconds()
    # Oldest first, as the app saves them: ids follow time order.
    offsets = sorted((rng.uniform(0, span) for _ in range(count)), reverse=True)
    for offset in offsets:
        started = now - timedelta(seconds=offset)
        kind = rng.choice(("call", "call", "text", "number"))
        signals = rng.sample(SIGNALS, rng.randint(0, 3))
        record = CheckRecord(
            kind=kind,
            status="finished",
            started_at=started,
            updated_at=started + timedelta(minutes=2),
            caller_number=f"+86 170 {rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d}",
            caller_type="police" if kind == "call" else None,
            answers={signal: rng.choice(("yes", "no", "unsure")) for signal in SIGNALS},
            level=rng.choice(LEVELS),
            signals=signals,
            stopped_early=rng.random() < 0.2,
            text=rng.choice(MESSAGES) if kind == "text" else None,
            actions=[{"action": "called", "who": "女儿", "at": started.isoformat()}],
            lang="zh",
        )
        row = record.to_row()
        del row["id"]
        yield row


def build(path: Path, rows: int, now: datetime) -> None:
    """Create the database at ``path`` with ``rows`` checks, inserted in one transaction."""
    db = open_database(path)
    try:
        with db.atomic():
            db.table("checks").insert_all(sample_rows(rows, now), batch_size=1000)
    finally:
        db.close()


def median_ms(run: Callable[[], object], runs: int) -> float:
    """Return the median wall time of ``runs`` calls of ``run``, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    now = datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory(prefix="guardian-bench-") as folder:
        path = Path(folder) / "guardian.db"
        start = time.perf_counter()
        build(path, args.rows, now)
        build_s = time.perf_counter() - start

        def cold_open() -> None:
            # What the history screen asks of the disk as it opens: count, newest page, chart.
            db = open_database(path)
            try:
                first_page(db, now.date())
            finally:
                db.close()

        open_ms = median_ms(cold_open, args.runs)
        db = open_database(path)
        try:
            store = CheckStore(db)
            page_ms = median_ms(lambda: store.page(0, PAGE_SIZE), args.runs)
            chart_ms = median_ms(lambda: weekly_counts_sql(db, today=now.date()), args.runs)
            count = store.count()
        finally:
            db.close()
        result = {
            "rows": count,
            "runs": args.runs,
            "open_ms": open_ms,
            "page_ms": page_ms,
            "chart_ms": chart_ms,
            "build_s": round(build_s, 2),
            "db_mb": round(path.stat().st_size / 1_000_000, 1),
            "targets": [
                {
                    "name": "history open",
                    "value": open_ms,
                    "unit": "ms",
                    "target": f"< {OPEN_TARGET_MS:g}",
                    "pass": open_ms < OPEN_TARGET_MS,
                }
            ],
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
