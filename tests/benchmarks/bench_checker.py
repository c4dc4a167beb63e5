"""Measure the message checker over the corpus in tests/data and print one JSON object.

Usage: python tests/benchmarks/bench_checker.py [--runs N]

Prints recall (fraud texts flagged medium or high), false_alarm_rate (ordinary texts flagged
medium or high), texts_per_second and p99_ms (per-text latency); the speed figures are the
median of the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from guardian.content_loader import load_content  # noqa: E402
from guardian.core.risk import Level  # noqa: E402
from guardian.core.text_check import check_text  # noqa: E402
from guardian.phrases_loader import load_phrases  # noqa: E402

DATA = ROOT / "tests" / "data"


def load(name: str) -> list[str]:
    return [entry["text"] for entry in json.loads((DATA / f"{name}.json").read_text("utf-8"))]


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="how many timed runs (default 5)")
    args = parser.parse_args()
    content = load_content()
    phrases = load_phrases()
    fraud = load("fraud_texts")
    ordinary = load("ordinary_texts")
    flagged = (Level.HIGH, Level.MEDIUM)

    recall = sum(check_text(t, content, phrases).level in flagged for t in fraud) / len(fraud)
    alarms = sum(check_text(t, content, phrases).level in flagged for t in ordinary)
    texts = fraud + ordinary

    rates: list[float] = []
    p99s: list[float] = []
    for _ in range(max(1, args.runs)):
        latencies: list[float] = []
        started = time.perf_counter()
        for text in texts:
            before = time.perf_counter()
            check_text(text, content, phrases)
            latencies.append(time.perf_counter() - before)
        total = time.perf_counter() - started
        rates.append(len(texts) / total)
        p99s.append(p99(latencies) * 1000)

    print(
        json.dumps(
            {
                "recall": round(recall, 4),
                "false_alarm_rate": round(alarms / len(ordinary), 4),
                "texts_per_second": round(statistics.median(rates), 1),
                "p99_ms": round(statistics.median(p99s), 3),
                "fraud_texts": len(fraud),
                "ordinary_texts": len(ordinary),
                "runs": max(1, args.runs),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
