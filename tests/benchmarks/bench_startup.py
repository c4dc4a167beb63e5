"""Cold start of Guardian next to a bare Qt window: time to first paint and peak memory.

Each run starts a fresh process with the same Python and the same platform plugin:

- ``bare``: ``tests/benchmarks/bench_bare_window.py`` (a QWidget with a QLabel);
- ``guardian_speech_none``: ``main.py --quit-after-start`` with ``GUARDIAN_SPEECH=none``;
- ``guardian_speech_espeak``: the same with ``GUARDIAN_SPEECH=espeak`` (the Linux default);
- ``guardian_returning``: the same, with the data folder an earlier start left;
- ``guardian_no_tuning``: ``guardian_speech_espeak`` with ``GUARDIAN_NO_TUNING=1``, which turns
  off everything in ``guardian/startup_tuning.py`` (first paint only: what the tuning does
  after it shows in ``bench_stall.py``, run with and without the variable);
- ``guardian_qt_namespace_first``: ``guardian_speech_espeak`` with Python's ``Qt`` namespace
  made before anything is built, as it would be if the first screen used it (first paint only).

The ``tuning`` entry of the output sets these side by side and gives what each saves.

Both programs quit right after their first paint. ``paint_ms``, the figure the start-up target
uses, is the wall time from starting the process to that first paint of the home screen: it
comes from runs in which ``QCoreApplication.quit`` is wrapped to note the moment of the quit
that follows the first paint. ``exit_ms`` is the wall time until the process has exited, from
separate runs; for Guardian it also holds the work that waits for the first paint (the
database, backups, the guard, the speech engine, loading the check screens) and the tear-down.
``paint_cpu_ms`` is the CPU time the process spent up to that first paint (every thread): it
moves far less than the wall time when other programs load the machine. ``paint_gc_ms`` is
the time spent in the garbage collector up to the first paint.

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
NO_TUNING = "guardian_no_tuning"
TUNED = "guardian_speech_espeak"
"""The kind ``NO_TUNING`` is compared with: the same start with the tuning on."""
QT_FIRST = "guardian_qt_namespace_first"
QT_FIRST_ENV = "BENCH_QT_FIRST"
PAINT_ONLY = {NO_TUNING, QT_FIRST}
"""Kinds measured only up to the first paint (no separate runs for exit, CPU and memory)."""
PLAIN_FIGURES = ("exit_ms", "cpu_ms", "peak_rss_mb")
PAINT_FIGURES = ("paint_ms", "paint_cpu_ms", "paint_gc_ms")
EXTRA_MEMORY_TARGET_MB = 40.0

# Runs the given script as __main__, wrapping QCoreApplication.quit so the quit that follows the
# first paint writes to a file the time (CLOCK_MONOTONIC, shared by every process), the CPU time
# of the process so far and the time spent in the garbage collector so far. The wrap is made
# when the script itself first imports QtCore, not before: PySide6 changes how every later
# import is done, so importing it early would change what is measured. With BENCH_QT_FIRST set,
# Python's Qt namespace is made right then, as it would be if anything built before the first
# paint used it.
_MARK_QUIT = """
import gc, importlib.util, os, runpy, sys, time

_gc = [0, 0]

def _time_gc(phase, info):
    now = time.perf_counter_ns()
    if phase == "start":
        _gc[1] = now
    else:
        _gc[0] += now - _gc[1]

gc.callbacks.append(_time_gc)

class _WrapQuitOnImport:
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtCore":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def load_and_wrap(module):
            load(module)
            if os.environ.get("BENCH_QT_FIRST"):
                module.Qt.AlignmentFlag
            if not os.environ.get("BENCH_PAINT_MARK"):
                return
            quit_ = module.QCoreApplication.quit

            def marked_quit():
                with open(os.environ["BENCH_PAINT_MARK"], "w", encoding="ascii") as mark:
                    mark.write(f"{time.monotonic_ns()} {time.process_time_ns()} {_gc[0]}")
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
    # The same as guardian_speech_espeak with guardian.startup_tuning switched off.
    NO_TUNING: (
        ["main.py", "--quit-after-start"],
        {"GUARDIAN_SPEECH": "espeak", "GUARDIAN_NO_TUNING": "1"},
    ),
    # The same as guardian_speech_espeak with Python's Qt namespace made before anything else.
    QT_FIRST: (["main.py", "--quit-after-start"], {"GUARDIAN_SPEECH": "espeak", QT_FIRST_ENV: "1"}),
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
        if mark_paint or QT_FIRST_ENV in env_extra:
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
            painted, cpu, in_gc = (int(value) for value in mark.read_text("ascii").split())
            figures["paint_ms"] = (painted - started) / 1e6
            figures["paint_cpu_ms"] = cpu / 1e6
            figures["paint_gc_ms"] = in_gc / 1e6
        return figures


def median(values: list[float]) -> float:
    """The median, rounded for reading."""
    return round(statistics.median(values), 1)


def measure(runs: int) -> dict[str, Any]:
    """Run every kind ``runs`` times plain and ``runs`` times with the paint mark, interleaved."""
    samples: dict[str, dict[str, list[float]]] = {
        kind: {name: [] for name in (*PLAIN_FIGURES, *PAINT_FIGURES)} for kind in KINDS
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
                if kind not in PAINT_ONLY:
                    plain = run_once(args, env_extra, mark_paint=False, seed=seeds[kind])
                    for name in PLAIN_FIGURES:
                        samples[kind][name].append(plain[name])
                marked = run_once(args, env_extra, mark_paint=True, seed=seeds[kind])
                for name in PAINT_FIGURES:
                    samples[kind][name].append(marked[name])
    warm = [run_once(*WARM, mark_paint=False) for _ in range(min(runs, WARM_RUNS))]
    result: dict[str, Any] = {"runs": runs, "platform": PLATFORM}
    for kind, figures in samples.items():
        measured = {name: values for name, values in figures.items() if values}
        result[kind] = {name: median(values) for name, values in measured.items()}
        if figures["exit_ms"]:
            result[kind]["exit_ms_min"] = round(min(figures["exit_ms"]), 1)
        result[kind]["samples"] = {
            name: [round(v, 1) for v in values] for name, values in measured.items()
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
    result["tuning"] = tuning_comparison(result[TUNED], result[NO_TUNING], result[QT_FIRST])
    result["targets"] = targets
    return result


def tuning_comparison(
    on: dict[str, Any], off: dict[str, Any], qt_first: dict[str, Any]
) -> dict[str, Any]:
    """The medians with the start-up tuning on and off, and what each part saves.

    ``saved`` is off minus on for ``guardian/startup_tuning.py`` as a whole;
    ``qt_namespace_saved`` what the rule "no Qt namespace before the first paint" saves (the
    start with the namespace made first, minus the normal start).
    """
    names = PAINT_FIGURES
    return {
        "on": {name: on[name] for name in names},
        "off": {name: off[name] for name in names},
        "saved": {name: round(off[name] - on[name], 1) for name in names},
        "qt_namespace_saved": {name: round(qt_first[name] - on[name], 1) for name in names},
        "note": (
            f"{TUNED} with guardian/startup_tuning.py on, and off (GUARDIAN_NO_TUNING=1); "
            f"{QT_FIRST}: the same start with the Qt namespace made before the first paint. "
            "paint_gc_ms is the time in the garbage collector before the first paint. "
            "Compare each saving with the spread of the samples of each kind."
        ),
    }


def main() -> int:
    """Measure and print the figures as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each kind (default 11)")
    options = parser.parse_args()
    print(json.dumps(measure(max(1, options.runs)), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
