"""The watcher: scans off the GUI thread and reports changes by signal."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from guardian.core.remote_apps import Found, NameRule, RemoteApp
from guardian.guard.scan import scan_processes
from guardian.guard.watcher import RemoteAppWatcher

from .conftest import StartAs, end

WAIT_MS = 10_000


@pytest.fixture
def make_watcher(qtbot: QtBot) -> Iterator[Callable[..., RemoteAppWatcher]]:
    made: list[RemoteAppWatcher] = []

    def make(*args: object, **kwargs: object) -> RemoteAppWatcher:
        watcher = RemoteAppWatcher(*args, **kwargs)  # type: ignore[arg-type]
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.shutdown()
        assert not watcher.is_running()
        assert not watcher.is_polling()


def only(app: RemoteApp, name: str) -> RemoteApp:
    """``app`` recognised on Linux by exactly ``name`` (so other runs' children do not count)."""
    return dataclasses.replace(app, rules={"linux": (NameRule(name.lower(), "exact"),)})


def ids(found: list[Found]) -> list[str]:
    return [item.app.id for item in found]


def test_found_is_emitted_when_a_program_starts_and_again_when_it_ends(
    apps: tuple[RemoteApp, ...],
    start_as: StartAs,
    unique: str,
    make_watcher: Callable[..., RemoteAppWatcher],
    qtbot: QtBot,
) -> None:
    name = f"rustdesk-{unique}"
    rustdesk = only(next(app for app in apps if app.id == "rustdesk"), name)
    # The real program name still fits the real list's rule.
    assert rustdesk.matches({name}, "linux")
    assert next(app for app in apps if app.id == "rustdesk").matches({name}, "linux")

    watcher = make_watcher([rustdesk], platform="linux")
    child = start_as(name)
    with qtbot.waitSignal(watcher.found, timeout=WAIT_MS) as appeared:
        watcher.start_polling(interval_ms=50)
    [found] = appeared.args[0]
    assert found.app.id == "rustdesk"
    assert found.pids == (child.pid,)
    assert ids(watcher.last_found) == ["rustdesk"]

    with qtbot.waitSignal(watcher.found, timeout=WAIT_MS) as vanished:
        end(child)
    assert vanished.args == [[]]
    assert watcher.last_found == []


def test_found_is_not_repeated_while_nothing_changes(
    make_watcher: Callable[..., RemoteAppWatcher], apps: tuple[RemoteApp, ...], qtbot: QtBot
) -> None:
    result = [Found(apps[0], (42,))]
    watcher = make_watcher(apps, scan=lambda: list(result))
    founds: list[list[Found]] = []
    watcher.found.connect(founds.append)
    for _ in range(3):
        with qtbot.waitSignal(watcher.scanned, timeout=WAIT_MS) as scanned:
            watcher.scan_once()
        assert scanned.args == [result]
    assert founds == [result]

    # A new polling session announces what is running again.
    with qtbot.waitSignal(watcher.found, timeout=WAIT_MS):
        watcher.start_polling(interval_ms=60_000)
    watcher.stop_polling()
    assert len(founds) == 2


def test_scans_run_off_the_gui_thread(
    make_watcher: Callable[..., RemoteAppWatcher], apps: tuple[RemoteApp, ...], qtbot: QtBot
) -> None:
    threads: list[int] = []

    def scan() -> list[Found]:
        threads.append(threading.get_ident())
        return []

    watcher = make_watcher(apps, scan=scan)
    received: list[int] = []
    watcher.scanned.connect(lambda _found: received.append(threading.get_ident()))
    with qtbot.waitSignal(watcher.scanned, timeout=WAIT_MS):
        watcher.scan_once()
    assert threads[0] != threading.get_ident()
    assert received == [threading.get_ident()]


def test_requests_during_a_scan_are_merged(
    make_watcher: Callable[..., RemoteAppWatcher], apps: tuple[RemoteApp, ...], qtbot: QtBot
) -> None:
    gate = threading.Event()
    calls: list[int] = []

    def scan() -> list[Found]:
        calls.append(1)
        gate.wait(timeout=WAIT_MS / 1000)
        return []

    watcher = make_watcher(apps, scan=scan)
    scans: list[list[Found]] = []
    watcher.scanned.connect(scans.append)
    for _ in range(5):
        watcher.scan_once()
    gate.set()
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=WAIT_MS)
    assert len(calls) == 2


def test_polling_scans_until_stopped(
    make_watcher: Callable[..., RemoteAppWatcher], apps: tuple[RemoteApp, ...], qtbot: QtBot
) -> None:
    watcher = make_watcher(apps, scan=list)
    scans: list[list[Found]] = []
    watcher.scanned.connect(scans.append)
    assert not watcher.is_polling()
    watcher.start_polling(interval_ms=20)
    assert watcher.is_polling()
    qtbot.waitUntil(lambda: len(scans) >= 3, timeout=WAIT_MS)
    watcher.stop_polling()
    assert not watcher.is_polling()
    with pytest.raises(ValueError, match="positive"):
        watcher.start_polling(interval_ms=0)


def test_a_failing_scan_is_logged_and_the_watcher_goes_on(
    make_watcher: Callable[..., RemoteAppWatcher],
    apps: tuple[RemoteApp, ...],
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    outcomes: list[object] = [OSError("no process list"), [Found(apps[1], (7,))]]

    def scan() -> list[Found]:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome  # type: ignore[return-value]

    watcher = make_watcher(apps, scan=scan)
    scans: list[list[Found]] = []
    watcher.scanned.connect(scans.append)
    watcher.scan_once()
    qtbot.waitUntil(lambda: "scan for remote-control programs failed" in caplog.text)
    with qtbot.waitSignal(watcher.found, timeout=WAIT_MS) as found:
        watcher.scan_once()
    assert ids(found.args[0]) == [apps[1].id]
    assert len(scans) == 1


def test_nothing_is_scanned_or_emitted_after_shutdown(
    make_watcher: Callable[..., RemoteAppWatcher], apps: tuple[RemoteApp, ...], qtbot: QtBot
) -> None:
    watcher = make_watcher(apps, scan=lambda: [Found(apps[0], (1,))])
    with qtbot.waitSignal(watcher.scanned, timeout=WAIT_MS):
        watcher.start_polling(interval_ms=10)
    watcher.shutdown()
    assert not watcher.is_running()
    assert not watcher.is_polling()
    with qtbot.assertNotEmitted(watcher.scanned, wait=100):
        watcher.scan_once()
        watcher.start_polling()
    watcher.shutdown()


def test_shutdown_without_a_scan_starts_no_thread(
    make_watcher: Callable[..., RemoteAppWatcher], apps: tuple[RemoteApp, ...]
) -> None:
    watcher = make_watcher(apps)
    assert not watcher.is_running()
    watcher.shutdown()


def test_the_default_scan_is_the_process_scan(
    make_watcher: Callable[..., RemoteAppWatcher], apps: tuple[RemoteApp, ...], qtbot: QtBot
) -> None:
    watcher = make_watcher(apps)
    with qtbot.waitSignal(watcher.scanned, timeout=WAIT_MS) as scanned:
        watcher.scan_once()
    assert all(isinstance(item, Found) for item in scanned.args[0])
    assert ids(scanned.args[0]) == ids(scan_processes(apps))
