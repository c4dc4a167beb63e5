"""Which work fills the longest gaps of a whole check: a tool for finding stalls, not a figure.

Runs the check of ``bench_stall.py`` (a cold one, then a warm one, in this process) while a
thread samples the window thread's Python stack every millisecond, and the CPU time of every
thread of the process (``/proc/self/task/*/schedstat``, Linux only). For each heartbeat gap
longer than ``--min-ms`` it prints the stacks sampled in it, in order (a stack that ends in
``run_check_with`` means Qt's own work, such as drawing, or waiting for the interpreter), and
how much CPU each thread used meanwhile: the window thread's own work shows as ``MAIN``, and a
thread of the app that held the interpreter shows by its name (``guardian-outbox``,
``guardian-remote``...). The sampling itself costs the interpreter time, so the gaps are longer
here than in ``bench_stall.py``; compare them with each other, not with the target.

Usage: python tests/benchmarks/stall_gaps.py [--min-ms 40] [--first-press-ms 1500]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_stall

ROOT = str(Path(__file__).resolve().parents[2]) + os.sep


def describe(frame: FrameType | None, depth: int = 4) -> str:
    """The innermost frames of ``frame``'s stack that are Guardian's or the benchmark's."""
    names: list[str] = []
    while frame is not None and len(names) < depth:
        code = frame.f_code
        if code.co_filename.startswith(ROOT):
            names.append(f"{code.co_filename[len(ROOT) :]}:{frame.f_lineno} {code.co_name}")
        elif not names:
            names.append(f"{Path(code.co_filename).name}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return " < ".join(names)


def thread_cpu_ns() -> dict[tuple[int, str], int]:
    """The CPU time so far of every thread of this process, by (thread id, name)."""
    times: dict[tuple[int, str], int] = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            schedstat = Path(f"/proc/self/task/{tid}/schedstat").read_text()
            name = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
        except OSError:
            continue  # the thread ended
        times[(int(tid), name)] = int(schedstat.split()[0])
    return times


class Sampler(threading.Thread):
    """Samples the window thread's stack and every thread's CPU time until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.window_thread = threading.main_thread()
        self.stacks: list[tuple[int, str]] = []
        self.cpu: list[tuple[int, dict[tuple[int, str], int]]] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        """Sample every millisecond."""
        while not self.stopping.is_set():
            frame = sys._current_frames().get(self.window_thread.ident or 0)
            now = time.monotonic_ns()
            self.stacks.append((now, describe(frame)))
            del frame  # a frame kept alive would keep its locals (an open cursor) alive
            self.cpu.append((now, thread_cpu_ns()))
            time.sleep(0.001)


def report(kind: str, ticks: list[int], gaps: list[float], sampler: Sampler, min_ms: float) -> None:
    """Print what filled each gap of one check longer than ``min_ms``."""
    print(f"== {kind} check: longest gap {max(gaps):.1f} ms")
    main_tid = sampler.window_thread.native_id
    for index, gap in enumerate(gaps):
        if gap < min_ms:
            continue
        start, end = ticks[index], ticks[index + 1]
        print(f"  gap {gap:.1f} ms, {(start - ticks[0]) / 1e6:.0f} ms after the window showed")
        before = [sample for sample in sampler.cpu if sample[0] <= start]
        after = [sample for sample in sampler.cpu if sample[0] >= end]
        if before and after:
            used = {key: (ns - before[-1][1].get(key, 0)) / 1e6 for key, ns in after[0][1].items()}
            busy = sorted(((ms, key) for key, ms in used.items() if ms >= 1), reverse=True)
            span = (after[0][0] - before[-1][0]) / 1e6
            threads = ", ".join(
                f"{'MAIN' if key[0] == main_tid else key[1]} {ms:.0f}" for ms, key in busy
            )
            print(f"    CPU ms over {span:.0f} ms: {threads}")
        runs: list[list[Any]] = []
        for at, stack in (sample for sample in sampler.stacks if start <= sample[0] <= end):
            if runs and runs[-1][1] == stack:
                runs[-1][2] = at
            else:
                runs.append([at, stack, at])
        for first, stack, last in runs:
            print(f"    +{(first - start) / 1e6:5.1f}..{(last - start) / 1e6:5.1f}  {stack}")


def main() -> int:
    """Run the checks under the sampler and print the long gaps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-ms", type=float, default=40.0, help="gaps shown (default 40)")
    parser.add_argument("--pace-ms", type=int, default=250, help="time between clicks")
    parser.add_argument("--first-press-ms", type=int, default=bench_stall.FIRST_PRESS_MS)
    options = parser.parse_args()
    heartbeats: list[tuple[list[int], list[float]]] = []
    stop = bench_stall.Heartbeat.stop

    def stop_and_keep(heartbeat: bench_stall.Heartbeat) -> list[float]:
        gaps = stop(heartbeat)
        heartbeats.append((list(heartbeat.ticks), gaps))
        return gaps

    bench_stall.Heartbeat.stop = stop_and_keep  # type: ignore[method-assign]
    sampler = Sampler()
    sampler.start()
    bench_stall.one_process(options.pace_ms, options.first_press_ms, warm=True)
    sampler.stopping.set()
    for kind, (ticks, gaps) in zip(("cold", "warm"), heartbeats, strict=False):
        report(kind, ticks, gaps, sampler, options.min_ms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
