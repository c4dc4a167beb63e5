"""BackgroundCall: the answer comes back on the window's thread, or not at all once dropped."""

from __future__ import annotations

import threading

from guardian.ui.background import BackgroundCall


def test_the_answer_arrives_on_the_window_s_thread(qtbot) -> None:
    seen: list[tuple[int, threading.Thread]] = []
    worked_on: list[threading.Thread] = []

    def work() -> int:
        worked_on.append(threading.current_thread())
        return 42

    call = BackgroundCall(
        work, lambda answer: seen.append((answer, threading.current_thread())), name="t"
    )
    call.start()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, threading.main_thread())]
    assert worked_on and worked_on[0] is not threading.main_thread()


def test_an_error_goes_to_on_error_on_the_window_s_thread(qtbot) -> None:
    errors: list[tuple[str, threading.Thread]] = []

    def work() -> int:
        raise OSError("no such process")

    call = BackgroundCall(
        work,
        lambda answer: errors.append(("answered", threading.current_thread())),
        on_error=lambda error: errors.append((str(error), threading.current_thread())),
        name="t",
    )
    call.start()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == [("no such process", threading.main_thread())]


def test_a_dropped_call_s_answer_is_thrown_away_and_dropping_never_waits(qtbot) -> None:
    release = threading.Event()
    seen: list[int] = []

    def work() -> int:
        release.wait(timeout=10)
        return 1

    call = BackgroundCall(work, seen.append, name="t")
    call.start()
    assert call.running
    call.drop()  # returns at once although the call is still running
    assert call.running
    release.set()
    call.wait(5)
    qtbot.wait(100)  # any queued answer would be delivered now
    assert seen == []
