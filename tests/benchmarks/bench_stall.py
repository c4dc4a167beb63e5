"""How long the window stops answering while a whole suspicious-call check runs.

A 10 ms QTimer heartbeat ticks on the GUI thread; the longest gap between two ticks is the
longest time the window could not react (paint, take a click). The slowest steps are given in
wall-clock time and in the window thread's own CPU time (``time.thread_time``), which a busy
machine disturbs far less. The check is driven from inside the event loop by
``QTimer.singleShot`` steps, the way a person's clicks arrive: open the check,
type the caller's number, choose who they said they were, answer every question "no" (the
longest path), wait for the verdict and its record to be saved, then press "call my family",
which alerts the family, and wait until the alert has reached them. Everything is real:
``build_window`` with a fresh data folder holding one family contact whose alert channel is a
JSON webhook on a local HTTP server, the record saved by the DiskWorker, the alert queued in the
outbox and delivered by apprise, and speech read by the real EspeakSpeaker; only the sound
device is a stand-in that takes the WAV at real-time pace (``bench_speech.sink_command``),
because there may be no sound card.

Each run is a fresh process, so each check is the first one after start-up (screens and
modules loaded on demand count); a second check in the same process is measured too ("warm").
The heartbeat starts as soon as the window shows, so the start-up work that follows the first
paint is measured too; the first press comes 1.5 s later, as a person reads the screen before
pressing ("cold"). A few more processes press after only 0.25 s, while that work is still going
on in the background and competes for the interpreter ("cold_early", shown beside the targets).

Usage: python tests/benchmarks/bench_stall.py [--runs N] [--pace-ms MS]
(with ``GUARDIAN_NO_TUNING=1`` in the environment: the same without ``guardian/startup_tuning.py``)

Prints one JSON object on standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

STALL_TARGET_MS = 50.0
FIRST_PRESS_MS = 1500
"""When the first press comes after the window shows: a person reads the screen first."""
EARLY_PRESS_MS = 250
"""A press while the start-up work is still going on (shown beside, not a target)."""
HEARTBEAT_MS = 10
NUMBER = "17012345678"
CALLER = "police"


def one_process(pace_ms: int, first_press_ms: int, warm: bool = True) -> dict[str, Any]:
    """Build the app in this process and run two checks, the first one cold."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["GUARDIAN_SPEECH"] = "espeak"
    # As guardian.app.run_gui starts the app (GUARDIAN_NO_TUNING=1 turns the tuning off).
    from guardian import startup_tuning

    startup_tuning.before_start()
    from bench_speech import sink_command
    from PySide6.QtWidgets import QApplication

    import guardian.speech.espeak

    # The real EspeakSpeaker, with the stand-in for the sound device as its player.
    guardian.speech.espeak.default_player = sink_command
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    result = {"cold": run_check(app, pace_ms, first_press_ms)}
    if warm:
        result["warm"] = run_check(app, pace_ms, first_press_ms)
    return result


class Heartbeat:
    """Notes the time of every tick of a 10 ms precise timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[int] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(lambda: self.ticks.append(time.monotonic_ns()))

    def start(self) -> None:
        """Start ticking."""
        self.ticks.append(time.monotonic_ns())
        self._timer.start()

    def stop(self) -> list[float]:
        """Stop, and return the gaps between ticks in ms."""
        self._timer.stop()
        self.ticks.append(time.monotonic_ns())
        return [(b - a) / 1e6 for a, b in zip(self.ticks, self.ticks[1:], strict=False)]


@contextmanager
def family_webhook() -> Iterator[tuple[str, list[bytes]]]:
    """A JSON webhook on 127.0.0.1 standing in for the family's alert channel.

    Yields its address and the list that every post it receives is added to.
    """
    received: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/family", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def add_family_contact(folder: str, webhook_url: str) -> None:
    """Save one family contact whose alerts go to ``webhook_url``, as the family settings do."""
    from guardian.core.contacts import validate_contact
    from guardian.storage.contacts import ContactStore
    from guardian.storage.database import open_database
    from guardian.storage.paths import database_path

    result = validate_contact(
        {
            "name": "女儿",
            "phone": "13800138000",
            "relationship": "daughter",
            "channels": [{"kind": "json", "fields": {"url": webhook_url}}],
        }
    )
    assert result.contact is not None, result.errors
    db = open_database(database_path(Path(folder)))
    ContactStore(db).add(result.contact)
    db.close()


def run_check(app: Any, pace_ms: int, first_press_ms: int) -> dict[str, Any]:
    """Run one whole check with a local family webhook; see :func:`run_check_with`."""
    with family_webhook() as (url, received):
        return run_check_with(app, pace_ms, first_press_ms, url, received)


def run_check_with(
    app: Any, pace_ms: int, first_press_ms: int, url: str, received: list[bytes]
) -> dict[str, Any]:
    """Run one whole check under the heartbeat; return the gaps and the slowest steps."""
    from PySide6.QtCore import QEventLoop, QTimer

    from guardian.app import StartOptions, build_window, shutdown
    from guardian.core.risk import Answer
    from guardian.ui.check_call import CheckCallScreen

    scratch = tempfile.mkdtemp(prefix="guardian-bench-stall-")
    os.environ["GUARDIAN_DATA_DIR"] = scratch
    add_family_contact(scratch, url)
    window = build_window(app, StartOptions(lang="zh"))
    window.show()
    app.processEvents()
    speaker = window.ctx.speaker
    disk = window.ctx.disk
    assert disk is not None
    loop = QEventLoop()
    heartbeat = Heartbeat()
    step_ms: list[tuple[str, float]] = []
    step_cpu_ms: dict[str, float] = {}
    step_spans: list[tuple[int, int, str]] = []
    outcome: dict[str, Any] = {}
    screen_box: list[CheckCallScreen] = []

    def timed(name: str, action: Callable[[], None]) -> None:
        began, began_cpu = time.monotonic_ns(), time.thread_time_ns()
        action()
        ended, ended_cpu = time.monotonic_ns(), time.thread_time_ns()
        step_ms.append((name, (ended - began) / 1e6))
        step_cpu_ms[name] = (ended_cpu - began_cpu) / 1e6
        step_spans.append((began, ended, name))

    def later(action: Callable[[], None], delay_ms: int = pace_ms) -> None:
        QTimer.singleShot(delay_ms, action)

    def open_check() -> None:
        timed("open check", lambda: window.open("check_call"))
        screen = window.current_screen()
        assert isinstance(screen, CheckCallScreen)
        screen_box.append(screen)
        later(type_number)

    def type_number() -> None:
        screen = screen_box[0]
        screen.number_step.field.setText(NUMBER)
        timed("number", screen.number_step.next_button.click)
        later(choose_caller)

    def choose_caller() -> None:
        timed("caller", screen_box[0].caller_step.buttons[CALLER].click)
        later(answer)

    def answer() -> None:
        screen = screen_box[0]
        if screen.verdict is not None:
            later(confirm_saved)
            return
        signal = screen.question_step.signal
        if screen.wizard is None or screen.wizard.current is None or signal is None:
            later(answer, 5)  # the verdict is being saved
            return
        number, _ = screen.wizard.progress()
        timed(f"question {number}", screen.question_step.buttons[Answer.NO].click)
        later(answer)

    def confirm_saved() -> None:
        def saved(rows: list[str]) -> None:
            outcome["saved"] = rows
            later(call_family)

        disk.submit(
            lambda db: [row["status"] for row in db.query("select status from checks")],
            on_done=saved,
        )

    def call_family() -> None:
        verdict = screen_box[0].verdict
        assert verdict is not None
        outcome["alert_sent_ns"] = time.monotonic_ns()
        timed("call family", verdict.buttons["call_family"].click)
        later(wait_for_alert, 5)

    def wait_for_alert() -> None:
        if received:
            outcome["alert_ms"] = (time.monotonic_ns() - outcome["alert_sent_ns"]) / 1e6
            later(finish)
        elif time.monotonic_ns() - outcome["alert_sent_ns"] > 30e9:
            outcome["alert_ms"] = None  # not delivered in 30 s
            later(finish)
        else:
            later(wait_for_alert, 5)

    def finish() -> None:
        outcome["gaps"] = heartbeat.stop()
        loop.quit()

    heartbeat.start()
    later(open_check, first_press_ms)
    began = time.monotonic_ns()
    loop.exec()
    elapsed_ms = (time.monotonic_ns() - began) / 1e6
    speech_available = speaker.available
    window.close()
    shutdown(window)
    window.deleteLater()
    app.processEvents()
    gaps: list[float] = outcome["gaps"]
    longest = max(range(len(gaps)), key=gaps.__getitem__)
    gap_start, gap_end = heartbeat.ticks[longest], heartbeat.ticks[longest + 1]
    during = [name for a, b, name in step_spans if a < gap_end and b > gap_start]
    slowest = sorted(step_ms, key=lambda item: item[1], reverse=True)[:3]
    return {
        "max_gap_ms": round(max(gaps), 1),
        "max_gap_during": ", ".join(during) or "between steps",
        "p99_gap_ms": round(statistics.quantiles(gaps, n=100)[98], 1),
        "ticks": len(gaps),
        "check_ms": round(elapsed_ms, 1),
        "slowest_steps_ms": {name: round(ms, 1) for name, ms in slowest},
        "slowest_steps_cpu_ms": {name: round(step_cpu_ms[name], 1) for name, _ in slowest},
        "saved": outcome.get("saved"),
        "speech_available": speech_available,
        "alert_delivered_ms": None
        if outcome["alert_ms"] is None
        else round(outcome["alert_ms"], 1),
    }


def run_processes(runs: int, pace_ms: int, first_press_ms: int, warm: bool) -> list[Any]:
    """Run ``runs`` fresh processes of :func:`one_process`; return what each printed."""
    rows: list[dict[str, Any]] = []
    for _ in range(runs):
        command = [sys.executable, __file__, "--one", "--pace-ms", str(pace_ms)]
        command += ["--first-press-ms", str(first_press_ms)] + ([] if warm else ["--cold-only"])
        child = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if child.returncode != 0:
            raise RuntimeError(f"a stall run failed ({child.returncode}): {child.stderr[-2000:]}")
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
    return rows


def summary(checks: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians and samples of the checks of one kind."""
    return {
        "max_gap_ms": round(statistics.median(c["max_gap_ms"] for c in checks), 1),
        "p99_gap_ms": round(statistics.median(c["p99_gap_ms"] for c in checks), 1),
        "max_gap_samples": [c["max_gap_ms"] for c in checks],
        "max_gap_during": [c["max_gap_during"] for c in checks],
        "slowest_steps_ms": [c["slowest_steps_ms"] for c in checks],
        "slowest_steps_cpu_ms": [c["slowest_steps_cpu_ms"] for c in checks],
        "all_saved_finished": all(c["saved"] == ["finished"] for c in checks),
        "speech_available": all(c["speech_available"] for c in checks),
        "alert_delivered_ms": [c["alert_delivered_ms"] for c in checks],
        "all_alerts_delivered": all(c["alert_delivered_ms"] is not None for c in checks),
    }


def measure(runs: int, pace_ms: int, early_runs: int) -> dict[str, Any]:
    """Run the processes (cold and warm checks, and early cold checks); return the figures."""
    rows = run_processes(runs, pace_ms, FIRST_PRESS_MS, warm=True)
    early = run_processes(early_runs, pace_ms, EARLY_PRESS_MS, warm=False)
    result: dict[str, Any] = {
        "runs": runs,
        "pace_ms": pace_ms,
        "first_press_ms": FIRST_PRESS_MS,
        "heartbeat_ms": HEARTBEAT_MS,
        "speech": "EspeakSpeaker with a real-time stand-in player",
        "alerts": "one alert to a JSON webhook on a local HTTP server, per check",
    }
    for kind in ("cold", "warm"):
        result[kind] = summary([row[kind] for row in rows])
    result["cold_early"] = summary([row["cold"] for row in early])
    result["cold_early"]["first_press_ms"] = EARLY_PRESS_MS
    worst = max(result["cold"]["max_gap_ms"], result["warm"]["max_gap_ms"])
    result["targets"] = [
        {
            "name": "GUI stall during a whole check (cold)",
            "value": result["cold"]["max_gap_ms"],
            "unit": "ms",
            "target": f"< {STALL_TARGET_MS:g}",
            "pass": result["cold"]["max_gap_ms"] < STALL_TARGET_MS,
        },
        {
            "name": "GUI stall during a whole check (warm)",
            "value": result["warm"]["max_gap_ms"],
            "unit": "ms",
            "target": f"< {STALL_TARGET_MS:g}",
            "pass": result["warm"]["max_gap_ms"] < STALL_TARGET_MS,
        },
    ]
    result["worst_max_gap_ms"] = worst
    return result


def main() -> int:
    """Measure and print the figures as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes (default 7)")
    parser.add_argument("--pace-ms", type=int, default=250, help="time between clicks")
    parser.add_argument("--early-runs", type=int, default=3, help="processes pressing early")
    parser.add_argument("--one", action="store_true", help="run the checks in this process")
    parser.add_argument("--first-press-ms", type=int, default=FIRST_PRESS_MS)
    parser.add_argument("--cold-only", action="store_true", help="no second (warm) check")
    options = parser.parse_args()
    if options.one:
        result = one_process(options.pace_ms, options.first_press_ms, warm=not options.cold_only)
    else:
        result = measure(max(1, options.runs), options.pace_ms, max(1, options.early_runs))
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
