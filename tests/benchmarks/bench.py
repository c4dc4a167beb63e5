"""Guardian's benchmarks, side by side with a bare Qt window (``make bench``).

Runs each benchmark script in its own process, one after another, and gathers what they print:

- ``startup``: cold start to first paint and peak memory, Guardian next to a bare Qt window
  (``bench_startup.py``);
- ``stall``: the longest the window stops answering while a whole check runs
  (``bench_stall.py``);
- ``speech``: ``say()`` to sound and ``stop()`` to silence with the real espeak-ng speaker
  (``bench_speech.py``);
- ``checker`` and ``history``: the text checker and the history screen (``bench_checker.py``,
  ``bench_history.py``);
- ``pictures``: reading a message from a screenshot and a photo: time, memory, character errors,
  and the size the reader adds, installed and in the standalone build (``bench_pictures.py``).

Every figure is the median of several runs made in this invocation; each target is shown with
its pass or fail, which is reported, never asserted. A readable table goes to standard error,
then one JSON object to standard output.

Usage: python tests/benchmarks/bench.py
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "tests" / "benchmarks"
PLATFORM = "offscreen"
TOTAL_TARGET_S = 450.0
# What is left of the seven and a half minutes is shared out so the whole run always ends in
# time (reading pictures takes about two of them).
BUDGET_S = 435.0

#: Section name, script, its own time limit in seconds.
BENCHES: tuple[tuple[str, str, float], ...] = (
    ("startup", "bench_startup.py", 150.0),
    ("stall", "bench_stall.py", 180.0),
    ("speech", "bench_speech.py", 60.0),
    ("checker", "bench_checker.py", 90.0),
    ("history", "bench_history.py", 90.0),
    ("pictures", "bench_pictures.py", 200.0),
)


def cpu_model() -> str:
    """The processor's name from /proc/cpuinfo, or what the platform module says."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total_mb() -> float | None:
    """The machine's memory in MB from /proc/meminfo, if it can be read."""
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def espeak_version() -> str | None:
    """The first line of ``espeak-ng --version``, if it is installed."""
    try:
        result = subprocess.run(
            ["espeak-ng", "--version"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip().splitlines()[0] if result.stdout.strip() else None


def load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine slows every figure."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine() -> dict[str, Any]:
    """Facts about this machine that the figures depend on."""
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "cpu_model": cpu_model(),
        "cores": os.cpu_count(),
        "memory_mb": memory_total_mb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "platform_plugin": PLATFORM,
        "espeak_ng": espeak_version(),
        "load_average_at_start": load_average(),
        "bytecode_writing": "off" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on",
    }


def run_bench(script: str, timeout_s: float) -> tuple[str, Any, float]:
    """Run one benchmark script; return its status, its JSON (or the error) and its seconds."""
    path = BENCHMARKS / script
    env = dict(os.environ, QT_QPA_PLATFORM=PLATFORM)
    began = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "failed", f"timed out after {timeout_s:.0f} s", time.monotonic() - began
    seconds = time.monotonic() - began
    if result.returncode != 0:
        detail = result.stderr.strip()[-1500:]
        return "failed", f"exit status {result.returncode}: {detail}", seconds
    try:
        return "ok", parse_json(result.stdout), seconds
    except ValueError as error:
        return "failed", f"no JSON object on standard output: {error}", seconds


def parse_json(text: str) -> dict[str, Any]:
    """The JSON object a script printed: all of its output, or else its last line."""
    text = text.strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        lines = text.splitlines()
        if not lines:
            raise ValueError("the output is empty") from None
        data = json.loads(lines[-1])
    if not isinstance(data, dict):
        raise ValueError("the output is not a JSON object")
    return data


def target(name: str, value: float | None, unit: str, text: str, passed: bool) -> dict[str, Any]:
    """One target with its measured value."""
    return {"name": name, "value": value, "unit": unit, "target": text, "pass": passed}


def figures_for_table(report: dict[str, Any]) -> list[tuple[str, str]]:
    """Figures without a target, shown in the table to give the targets their context."""
    rows: list[tuple[str, str]] = []
    startup = report.get("startup")
    if isinstance(startup, dict) and "bare" in startup:
        kinds = ("bare", "guardian_speech_none", "guardian_speech_espeak", "guardian_returning")
        for kind in kinds:
            f = startup.get(kind)
            if not isinstance(f, dict):
                continue
            ratio = f.get("paint_ratio_to_bare")
            rows.append(
                (
                    f"start-up {kind}",
                    f"exit {f['exit_ms']} ms (fastest {f['exit_ms_min']}), "
                    f"paint {f['paint_ms']} ms{f' ({ratio}x bare)' if ratio else ''}, "
                    f"CPU {f['cpu_ms']} ms, peak RSS {f['peak_rss_mb']} MB",
                )
            )
        tuning = startup.get("tuning")
        if isinstance(tuning, dict):
            saved = tuning["saved"]
            rows.append(
                (
                    "start-up tuning (GUARDIAN_NO_TUNING=1 minus on)",
                    f"paint {saved['paint_ms']} ms, CPU to paint {saved['paint_cpu_ms']} ms, "
                    f"collector before paint {saved['paint_gc_ms']} ms; no Qt namespace "
                    f"before paint: {tuning['qt_namespace_saved']['paint_cpu_ms']} ms CPU",
                )
            )
        warm = startup.get("guardian_warm", {})
        rows.append(
            (
                "memory once warm",
                f"peak RSS {warm.get('peak_rss_mb')} MB "
                f"(bare + {warm.get('rss_over_bare_mb')} MB), after all start-up work",
            )
        )
    stall = report.get("stall")
    if isinstance(stall, dict) and "cold" in stall:
        for kind in ("cold", "warm", "cold_early"):
            f = stall[kind]
            rows.append(
                (
                    f"stall {kind} check",
                    f"max gap {f['max_gap_ms']} ms (during: {f['max_gap_during'][0]}), "
                    f"p99 gap {f['p99_gap_ms']} ms, saved: {f['all_saved_finished']}",
                )
            )
        delivered = {kind: stall[kind].get("alert_delivered_ms") for kind in ("cold", "warm")}
        rows.append(
            (
                "alert to the family",
                f"{stall.get('alerts')}; delivered after the press, ms: "
                f"cold {delivered['cold']}, warm {delivered['warm']}",
            )
        )
    speech = report.get("speech")
    if isinstance(speech, dict):
        for lang in ("zh", "en"):
            f = speech.get(lang)
            if isinstance(f, dict):
                rows.append(
                    (
                        f"speech {lang}",
                        f"say->processes {f['start_ms']} ms, say->audio {f['audio_ms']} ms, "
                        f"replace->audio {f['replace_audio_ms']} ms, "
                        f"espeak-ng alone {f['espeak_first_audio_ms']} ms",
                    )
                )
    for section in ("checker", "history", "pictures"):
        data = report.get(section)
        if isinstance(data, dict):
            plain = {k: v for k, v in data.items() if not isinstance(v, (dict, list))}
            rows.append((section, ", ".join(f"{k} {v}" for k, v in plain.items())))
        else:
            rows.append((section, str(data)))
    return rows


def print_table(report: dict[str, Any]) -> None:
    """Write the targets and the main figures as a readable table to standard error."""
    out = sys.stderr
    facts = report["machine"]
    print(
        f"\nGuardian benchmarks on {facts['cpu_model']} ({facts['cores']} cores), "
        f"Python {facts['python']}, Qt {facts['qt']}, platform {facts['platform_plugin']}",
        file=out,
    )
    width = max(len(t["name"]) for t in report["targets"]) + 2
    print(f"\n{'target':<{width}}{'measured':>12}  {'target':<10}result", file=out)
    for t in report["targets"]:
        value = "-" if t["value"] is None else f"{t['value']:g} {t['unit']}"
        result = "PASS" if t["pass"] else "FAIL"
        print(f"{t['name']:<{width}}{value:>12}  {t['target']:<10}{result}", file=out)
    print("\nfigures (medians)", file=out)
    for name, text in figures_for_table(report):
        print(f"  {name:<33}{text}", file=out)
    print("\nsections: " + ", ".join(f"{k} {v}" for k, v in report["status"].items()), file=out)
    print(f"total {report['total_s']} s\n", file=out)


def main() -> int:
    """Run every benchmark and print the table, then the JSON object."""
    began = time.monotonic()
    report: dict[str, Any] = {"machine": machine(), "status": {}, "seconds": {}}
    targets: list[dict[str, Any]] = []
    broken = False
    for section, script, own_limit in BENCHES:
        left = BUDGET_S - (time.monotonic() - began)
        if left <= 5:
            report["status"][section] = "skipped"
            report[section] = "skipped: the five-minute budget is used up"
            continue
        print(f"running {script} ...", file=sys.stderr, flush=True)
        status, data, seconds = run_bench(script, min(own_limit, left))
        report["status"][section] = status
        report["seconds"][section] = round(seconds, 1)
        if status == "failed":
            report[section] = {"error": data}
            broken = True
        else:
            targets.extend(data.pop("targets", []))
            report[section] = data
    total = round(time.monotonic() - began, 1)
    targets.append(
        target("whole benchmark run", total, "s", f"< {TOTAL_TARGET_S:g}", total < TOTAL_TARGET_S)
    )
    report["targets"] = targets
    report["total_s"] = total
    report["passed"] = sum(1 for t in targets if t["pass"])
    report["failed"] = sum(1 for t in targets if not t["pass"])
    print_table(report)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
