"""Cold start of Guardian next to a bare Qt window: time to first paint and peak memory.

Each run starts a fresh process with the same Python and the same platform plugin:

- ``bare``: ``tests/benchmarks/bench_bare_window.py`` (a QWidget with a QLabel);
- ``guardian_speech_none``: ``main.py --quit-after-start`` with ``GUARDIAN_SPEECH=none``;
- ``guardian_speech_espeak``: the same with ``GUARDIAN_SPEECH=espeak`` (the Linux default).

Both programs quit right after their first paint. ``paint_ms``, the figure the start-up target
uses, is the wall time from starting the process to that first paint of the home screen: it
comes from runs in which ``QCoreApplication.quit`` is wrapped to note the moment of the quit
that follows the first paint. ``exit_ms`` is the wall time until the process has exited, from
separate runs; for Guardian it also holds the work that waits for the first paint (the
database, backups, the guard, the speech engine, loading the check screens) and the tear-down.

The memory of the app once all the start-up work is done (``guardian_warm``) is measured too,
from runs of ``main.py`` that quit 1.5 s after the alert outbox starts: by then the check
screen built ahead, the last of that work, is ready too.

Guardian's bytecode is compiled first (``compileall``), as an installed copy has it: with
``PYTHONDONTWRITEBYTECODE`` set, as on some machines, every start would otherwise compile the
source again.
Peak memory is ``ru_maxrss`` of that child alone, and ``cpu_ms`` its user and system time, both
from ``os.wait4``; CPU time hardly changes when other programs load the machine, wall time does,
so the fastest run (``exit_ms_min``) and the CPU ratio are given beside the medians. Guardian
gets a fresh, empty data folder for every run. The kinds are interleaved, so a slow moment of
the machine does not fall on one kind only; each figure is the median of the runs, 11 of each
kind by default: on a virtual machine whose speed drifts, a slow moment over two or three runs
would move the median of fewer.

Usage: python tests/benchmarks/bench_startup.py [--runs N]

Prints one JSON object on standard output.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from subprocess import DEVNULL, Popen
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = "offscreen"
RATIO_TARGET = 1.5
RETURNING = "guardian_returning"
EXTRA_MEMORY_TARGET_MB = 40.0

# Runs the given script as __main__, wrapping QCoreApplication.quit so the quit that follows the
# first paint writes the time (CLOCK_MONOTONIC, shared by every process) to a file. The wrap is
# made when the script itself first imports QtCore, not before: PySide6 changes how every later
# import is done, so importing it early would change what is measured.
_MARK_QUIT = """
import importlib.util, os, runpy, sys, time

class _WrapQuitOnImport:
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtCore":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def load_and_wrap(module):
            load(module)
            quit_ = module.QCoreApplication.quit

            def marked_quit():
                with open(os.environ["BENCH_PAINT_MARK"], "w", encoding="ascii") as mark:
                    mark.write(str(time.monotonic_ns()))
                quit_()

            module.QCoreApplication.quit = staticmethod(marked_quit)

        spec.loader.exec_module = load_and_wrap
        return spec

sys.meta_path.insert(0, _WrapQuitOnImport())
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

# Runs main.py and quits 1.5 s after the outbox starts, the last of the work that follows the
# first paint (the check screen built ahead comes 0.5 s later): the memory of the app as it sits
# waiting for the person.
_QUIT_WHEN_WARM = """
import runpy, sys
import guardian.app as app_module
from PySide6.QtCore import QCoreApplication, QTimer
_start = app_module.start_outbox
def _start_and_quit(ctx, db_path):
    _start(ctx, db_path)
    QTimer.singleShot(1500, QCoreApplication.quit)
app_module.start_outbox = _start_and_quit
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""
WARM: tuple[list[str], dict[str, str]] = (
    ["-c", _QUIT_WHEN_WARM, "main.py"],
    {"GUARDIAN_SPEECH": "espeak"},
)

KINDS: dict[str, tuple[list[str], dict[str, str]]] = {
    "bare": (["tests/benchmarks/bench_bare_window.py"], {}),
    "guardian_speech_none": (["main.py", "--quit-after-start"], {"GUARDIAN_SPEECH": "none"}),
    "guardian_speech_espeak": (["main.py", "--quit-after-start"], {"GUARDIAN_SPEECH": "espeak"}),
    # A later start, with the data folder an earlier one left (database, saved preferences).
    RETURNING: (["main.py", "--quit-after-start"], {"GUARDIAN_SPEECH": "espeak"}),
}
WARM_RUNS = 5
"""Runs for the memory once warm (each lasts 2 s; the figure varies by a few tenths of a MB)."""


def seed_data_folder(folder: Path) -> None:
    """Leave in ``folder`` what a person's earlier start leaves: the database, with preferences."""
    env = dict(os.environ, QT_QPA_PLATFORM=PLATFORM, GUARDIAN_DATA_DIR=str(folder))
    command = [sys.executable, "main.py", "--quit-after-start"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=60)
    preferences = {"lang": "zh", "text_step": 1, "auto_read": True, "speech_engine": "auto"}
    with sqlite3.connect(folder / "guardian.db") as db:
        db.execute(
            "insert or replace into settings (key, value_json) values (?, ?)",
            ("preferences", json.dumps(preferences)),
        )
    db.close()


def run_once(
    args: list[str], env_extra: dict[str, str], *, mark_paint: bool, seed: Path | None = None
) -> dict[str, float]:
    """Start one process, wait for it with ``os.wait4`` and return its figures.

    ``seed``: a data folder to start from (copied), else an empty one.
    """
    with tempfile.TemporaryDirectory(prefix="guardian-bench-") as scratch:
        if seed is not None:
            shutil.copytree(seed, f"{scratch}/data")
        env = dict(os.environ, QT_QPA_PLATFORM=PLATFORM, GUARDIAN_DATA_DIR=f"{scratch}/data")
        env.update(env_extra)
        mark = Path(scratch) / "paint"
        command = [sys.executable, *args]
        if mark_paint:
            env["BENCH_PAINT_MARK"] = str(mark)
            command = [sys.executable, "-c", _MARK_QUIT, *args]
        with open(Path(scratch) / "stderr", "w+b") as errors:
            started = time.monotonic_ns()
            process = Popen(
                command, cwd=ROOT, env=env, stdin=DEVNULL, stdout=DEVNULL, stderr=errors
            )
            _, status, usage = os.wait4(process.pid, 0)
            ended = time.monotonic_ns()
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                detail = errors.read().decode("utf-8", "replace")[-2000:]
                raise RuntimeError(f"{' '.join(args)} exited {process.returncode}: {detail}")
        figures = {
            "exit_ms": (ended - started) / 1e6,
            "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000,
            "peak_rss_mb": usage.ru_maxrss / 1024,
        }
        if mark_paint:
            figures["paint_ms"] = (int(mark.read_text(encoding="ascii")) - started) / 1e6
        return figures


def median(values: list[float]) -> float:
    """The median, rounded for reading."""
    return round(statistics.median(values), 1)


def measure(runs: int) -> dict[str, Any]:
    """Run every kind ``runs`` times plain and ``runs`` times with the paint mark, interleaved."""
    samples: dict[str, dict[str, list[float]]] = {
        kind: {"exit_ms": [], "cpu_ms": [], "peak_rss_mb": [], "paint_ms": []} for kind in KINDS
    }
    compileall.compile_dir(ROOT / "guardian", quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)
    with tempfile.TemporaryDirectory(prefix="guardian-bench-seed-") as seed_root:
        seed = Path(seed_root) / "data"
        seed_data_folder(seed)
        seeds = {kind: seed if kind == RETURNING else None for kind in KINDS}
        # One unmeasured start of each kind first: the page cache then holds every file.
        for kind, (args, env_extra) in KINDS.items():
            run_once(args, env_extra, mark_paint=False, seed=seeds[kind])
        for _ in range(runs):
            for kind, (args, env_extra) in KINDS.items():
                plain = run_once(args, env_extra, mark_paint=False, seed=seeds[kind])
                samples[kind]["exit_ms"].append(plain["exit_ms"])
                samples[kind]["cpu_ms"].append(plain["cpu_ms"])
                samples[kind]["peak_rss_mb"].append(plain["peak_rss_mb"])
                marked = run_once(args, env_extra, mark_paint=True, seed=seeds[kind])
                samples[kind]["paint_ms"].append(marked["paint_ms"])
    warm = [run_once(*WARM, mark_paint=False) for _ in range(min(runs, WARM_RUNS))]
    result: dict[str, Any] = {"runs": runs, "platform": PLATFORM}
    for kind, figures in samples.items():
        result[kind] = {name: median(values) for name, values in figures.items()}
        result[kind]["exit_ms_min"] = round(min(figures["exit_ms"]), 1)
        result[kind]["samples"] = {
            name: [round(v, 1) for v in values] for name, values in figures.items()
        }
    bare = result["bare"]
    targets = []
    for kind in ("guardian_speech_none", "guardian_speech_espeak"):
        figures = result[kind]
        ratio = round(figures["exit_ms"] / bare["exit_ms"], 2)
        paint_ratio = round(figures["paint_ms"] / bare["paint_ms"], 2)
        extra_mb = round(figures["peak_rss_mb"] - bare["peak_rss_mb"], 1)
        figures["ratio_to_bare"] = ratio
        figures["min_ratio_to_bare"] = round(figures["exit_ms_min"] / bare["exit_ms_min"], 2)
        figures["cpu_ratio_to_bare"] = round(figures["cpu_ms"] / bare["cpu_ms"], 2)
        figures["paint_ratio_to_bare"] = paint_ratio
        figures["rss_over_bare_mb"] = extra_mb
        targets.append(
            {
                "name": f"start-up {kind} / bare (first paint)",
                "value": paint_ratio,
                "unit": "x",
                "target": f"<= {RATIO_TARGET}",
                "pass": paint_ratio <= RATIO_TARGET,
            }
        )
        targets.append(
            {
                "name": f"peak RSS {kind} - bare",
                "value": extra_mb,
                "unit": "MB",
                "target": f"<= {EXTRA_MEMORY_TARGET_MB:g}",
                "pass": extra_mb <= EXTRA_MEMORY_TARGET_MB,
            }
        )
    returning = result[RETURNING]
    returning["paint_ratio_to_bare"] = round(returning["paint_ms"] / bare["paint_ms"], 2)
    returning["rss_over_bare_mb"] = round(returning["peak_rss_mb"] - bare["peak_rss_mb"], 1)
    returning["note"] = "a later start: the database and preferences an earlier one left"
    warm_rss = median([figures["peak_rss_mb"] for figures in warm])
    result["guardian_warm"] = {
        "peak_rss_mb": warm_rss,
        "rss_over_bare_mb": round(warm_rss - bare["peak_rss_mb"], 1),
        "exit_ms": median([figures["exit_ms"] for figures in warm]),
        "note": "started without --quit-after-start; quits 1.5 s after the outbox starts",
    }
    result["targets"] = targets
    return result


def main() -> int:
    """Measure and print the figures as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each kind (default 11)")
    options = parser.parse_args()
    print(json.dumps(measure(max(1, options.runs)), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
