"""Loading ahead of time: off the window's thread, and never in the way when something fails."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading

from pytestqt.qtbot import QtBot

from guardian.warmup import PREPARE, SOON, Warmup

SEEN: list[str] = []


def note_thread() -> None:
    """A task for the tests: notes the thread it ran on."""
    SEEN.append(threading.current_thread().name)


def test_modules_load_and_tasks_run_off_the_window_thread(qtbot: QtBot) -> None:
    SEEN.clear()
    called_on: list[str] = []
    sys.modules.pop("json.tool", None)
    warmup = Warmup(
        ("json.tool",),
        then=lambda: called_on.append(threading.current_thread().name),
        tasks=(f"{__name__}:note_thread",),
    )
    with qtbot.waitSignal(warmup.done, timeout=10_000):
        warmup.start()
    qtbot.waitUntil(lambda: called_on != [])
    assert "json.tool" in sys.modules
    assert SEEN == ["guardian-warmup"]
    assert called_on == [threading.current_thread().name]  # ``then`` is back on this thread
    warmup.wait()


def test_a_broken_module_or_task_is_logged_and_the_rest_still_happens(qtbot: QtBot, caplog) -> None:
    SEEN.clear()
    called: list[bool] = []
    warmup = Warmup(
        ("guardian.no_such_module", "json"),
        then=lambda: called.append(True),
        tasks=(
            "guardian.no_such_module:load",
            f"{__name__}:no_such_task",
            f"{__name__}:note_thread",
        ),
    )
    with qtbot.waitSignal(warmup.done, timeout=10_000):
        warmup.start()
    qtbot.waitUntil(lambda: called == [True])
    assert SEEN == ["guardian-warmup"]
    assert "could not load guardian.no_such_module ahead of time" in caplog.text
    assert f"could not prepare {__name__}:no_such_task ahead of time" in caplog.text
    warmup.wait()


def test_what_the_app_loads_ahead_exists() -> None:
    for name in SOON:
        assert importlib.util.find_spec(name) is not None, name
    for task in PREPARE:
        module, _, function = task.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), task


def test_waiting_at_shutdown_stops_after_the_module_at_hand(qtbot: QtBot) -> None:
    SEEN.clear()
    called: list[bool] = []
    warmup = Warmup(("json",), then=lambda: called.append(True), tasks=(f"{__name__}:note_thread",))
    warmup.wait()  # closing before it started: nothing is loaded, nothing is announced
    warmup.start()
    warmup.wait()
    qtbot.wait(50)
    assert SEEN == [] and called == []
