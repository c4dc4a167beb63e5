"""A remote-control program running during a check: a full-screen warning and a strong signal."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardian.assets import load_catalog
from guardian.core.remote_apps import ProcessInfo, match_processes
from guardian.core.risk import Answer
from guardian.guard.scan import load_remote_apps
from guardian.guard.watcher import RemoteAppWatcher
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.context import AppContext
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.money_sent import MoneySentScreen
from guardian.ui.remote_warning import RemoteAppWarningScreen
from guardian.ui.routes import build_routes


def fake_scan(pids: list[int]):
    """A scan that sees AnyDesk while ``pids`` is not empty."""
    apps = load_remote_apps()

    def scan():
        processes = [ProcessInfo(pid, "anydesk", "/usr/bin/anydesk") for pid in pids]
        return match_processes(apps, processes, "linux")

    return scan


@pytest.fixture
def make_window(qtbot, speaker) -> Iterator:
    made = []

    def make(watcher: RemoteAppWatcher) -> MainWindow:
        ctx = AppContext(load_catalog(), speaker, lang="zh", services={"guard": watcher})
        window = MainWindow(ctx, build_routes(), HomeScreen)
        qtbot.addWidget(window)
        window.show()
        made.append((window, watcher))
        return window

    yield make
    for window, watcher in made:
        window.close()
        watcher.shutdown()


def test_a_program_found_during_a_check_warns_and_counts(make_window, qtbot, speaker) -> None:
    pids = [4242]
    watcher = RemoteAppWatcher(load_remote_apps(), scan=fake_scan(pids))
    window = make_window(watcher)
    window.open("check_call")
    check = window.current_screen()
    assert isinstance(check, CheckCallScreen)
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), RemoteAppWarningScreen))
    warning = window.current_screen()
    assert "AnyDesk" in warning.headline.text()
    assert "挂断电话" in speaker.last() and "AnyDesk" in speaker.last()
    warning.done_button.click()
    assert window.current_screen() is check
    check.number_step.skip_button.click()
    check.caller_step.buttons["customer_service"].click()
    while check.wizard.current is not None:
        check.question_step.buttons[Answer.NO].click()
    qtbot.waitUntil(lambda: check.verdict is not None)
    ids = [f.signal.id for f in check.verdict.assessment.findings]
    assert ids == ["remote_app_running"]
    assert check.verdict.assessment.level.value == "medium"
    # Warned once per program: later scans that still see it do not open the warning again.
    watcher.scan_once()
    qtbot.wait(50)
    assert window.current_screen() is check
    window.home()
    assert not watcher.is_polling()


def test_without_such_a_program_nothing_changes(make_window, qtbot) -> None:
    watcher = RemoteAppWatcher(load_remote_apps(), scan=fake_scan([]))
    window = make_window(watcher)
    window.open("money_sent")
    with qtbot.waitSignal(watcher.scanned, timeout=5000):
        pass
    assert isinstance(window.current_screen(), MoneySentScreen)
    assert watcher.is_polling()
    window.back()
    assert not watcher.is_polling()


def test_a_real_process_named_like_a_remote_app_opens_the_warning(
    make_window, qtbot, tmp_path: Path
) -> None:
    sleep = shutil.which("sleep")
    assert sleep, "the sleep program is part of every Linux system"
    program = tmp_path / "rustdesk"
    shutil.copy(sleep, program)
    child = subprocess.Popen([str(program), "60"])
    try:
        watcher = RemoteAppWatcher(load_remote_apps())
        window = make_window(watcher)
        window.open("money_sent")
        qtbot.waitUntil(
            lambda: isinstance(window.current_screen(), RemoteAppWarningScreen), timeout=10000
        )
        assert "RustDesk" in window.current_screen().headline.text()
    finally:
        child.kill()
        child.wait()
