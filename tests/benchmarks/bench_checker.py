"""Measure the message checker on the frozen held-out test split and print one JSON object.

Usage: python tests/benchmarks/bench_checker.py [--runs N]

On the held-out split named in tests/corpus.py (written before the checker was tuned on it, and
never tuned on):
recall per fraud type and false alarms per ordinary kind (flagged = the middle or the highest
level), with the statistical model and without it; then the speed (texts a second and the p99
latency of one text, the median of the runs) and what the model costs: the time to read it and
the memory it holds.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from guardian.content_bundle import read_text_model  # noqa: E402
from guardian.content_loader import load_content  # noqa: E402
from guardian.core.risk import Level  # noqa: E402
from guardian.core.text_check import check_text  # noqa: E402
from guardian.core.text_model import TextModel  # noqa: E402
from guardian.phrases_loader import load_phrases, load_text_model  # noqa: E402
from tests.corpus import TEST_SPLIT, Sample, read_split  # noqa: E402

FLAGGED = (Level.HIGH, Level.MEDIUM)
RECALL_MIN = 0.95
FALSE_ALARM_MAX = 0.02
RATE_MIN = 500.0
P99_MAX_MS = 20.0


def target(name: str, value: object, unit: str, text: str, passed: bool) -> dict[str, object]:
    """One target with its measured value, as bench.py gathers them."""
    return {"name": name, "value": value, "unit": unit, "target": text, "pass": bool(passed)}


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def score(samples: list[Sample], model: TextModel | None) -> dict[str, object]:
    """Recall per type and false alarms per kind."""
    content, phrases = load_content(), load_phrases()
    total: collections.Counter[tuple[bool, str]] = collections.Counter()
    flagged: collections.Counter[tuple[bool, str]] = collections.Counter()
    for sample in samples:
        total[(sample.fraud, sample.group)] += 1
        level = check_text(sample.text, content, phrases, model=model).level
        if level in FLAGGED:
            flagged[(sample.fraud, sample.group)] += 1

    def share(fraud: bool) -> float:
        hits = sum(v for (f, _), v in flagged.items() if f is fraud)
        return round(hits / max(1, sum(v for (f, _), v in total.items() if f is fraud)), 4)

    return {
        "recall": share(True),
        "false_alarm_rate": share(False),
        "recall_by_type": {
            group: round(flagged[(True, group)] / count, 3)
            for (fraud, group), count in sorted(total.items())
            if fraud
        },
        "false_alarms_by_kind": {
            group: round(flagged[(False, group)] / count, 3)
            for (fraud, group), count in sorted(total.items())
            if not fraud
        },
    }


def model_cost() -> dict[str, float]:
    """The time to read the model and the memory it holds."""
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    model = read_text_model()
    elapsed = time.perf_counter() - started
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert model is not None
    return {"model_load_ms": round(elapsed * 1000, 1), "model_memory_mb": round(held / 2**20, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="how many timed runs (default 5)")
    args = parser.parse_args()
    samples = read_split(TEST_SPLIT)
    cost = model_cost()
    model = load_text_model()
    with_model = score(samples, model)
    without_model = score(samples, None)

    content, phrases = load_content(), load_phrases()
    texts = [sample.text for sample in samples]
    rates: list[float] = []
    p99s: list[float] = []
    for _ in range(max(1, args.runs)):
        latencies: list[float] = []
        started = time.perf_counter()
        for text in texts:
            before = time.perf_counter()
            check_text(text, content, phrases, model=model)
            latencies.append(time.perf_counter() - before)
        total = time.perf_counter() - started
        rates.append(len(texts) / total)
        p99s.append(p99(latencies) * 1000)

    rate = round(statistics.median(rates), 1)
    latency = round(statistics.median(p99s), 3)
    weakest = min(with_model["recall_by_type"].values())  # type: ignore[attr-defined]
    targets = [
        target("checker recall, frozen test split", with_model["recall"], "", f">= {RECALL_MIN}",
               with_model["recall"] >= RECALL_MIN),  # type: ignore[operator]
        target("checker recall, weakest fraud type", weakest, "", f">= {RECALL_MIN}",
               weakest >= RECALL_MIN),
        target("checker false alarms, test split", with_model["false_alarm_rate"], "",
               f"<= {FALSE_ALARM_MAX}", with_model["false_alarm_rate"] <= FALSE_ALARM_MAX),  # type: ignore[operator]
        target("checker texts a second", rate, "/s", f">= {RATE_MIN:g}", rate >= RATE_MIN),
        target("checker p99 one text", latency, "ms", f"< {P99_MAX_MS:g}", latency < P99_MAX_MS),
    ]  # fmt: skip
    print(
        json.dumps(
            {
                "split": f"{TEST_SPLIT.name} (frozen, never tuned on)",
                "recall": with_model["recall"],
                "false_alarm_rate": with_model["false_alarm_rate"],
                "with_model": with_model,
                "without_model": without_model,
                "texts_per_second": rate,
                "p99_ms": latency,
                **cost,
                "fraud_texts": sum(sample.fraud for sample in samples),
                "ordinary_texts": sum(not sample.fraud for sample in samples),
                "runs": max(1, args.runs),
                "targets": targets,
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
