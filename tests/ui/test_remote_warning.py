"""A remote-control program running during a check: a full-screen warning and a strong signal.

"帮我关掉" is tested with real processes: a copy of a system program started under the process
name of a remote-control program, found by the guard's real scan and ended by the real stopper.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

from guardian.core.i18n import Lang
from guardian.core.remote_apps import Found, ProcessInfo, match_processes
from guardian.core.risk import Answer
from guardian.guard.scan import load_remote_apps
from guardian.guard.stop_app import AppStopper
from guardian.guard.watcher import RemoteAppWatcher
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.money_sent import MoneySentScreen
from guardian.ui.remote_warning import RemoteAppWarningScreen
from guardian.ui.services import Services
from tests.ui.conftest import WindowMaker
from tests.ui.test_verdict_fits import CASES, fit_problems, settle


def fake_scan(pids: list[int]):
    """A scan that sees AnyDesk while ``pids`` is not empty."""
    apps = load_remote_apps()

    def scan():
        processes = [ProcessInfo(pid, "anydesk", "/usr/bin/anydesk") for pid in pids]
        return match_processes(apps, processes, "linux")

    return scan


@pytest.fixture
def guarded_window(make_window: WindowMaker) -> Iterator[Callable[..., MainWindow]]:
    """The app's window watched by ``watcher``; the windows close before the watchers stop."""
    watchers: list[RemoteAppWatcher] = []

    def make(watcher: RemoteAppWatcher, lang: Lang = "zh", stopper: object = None) -> MainWindow:
        services = Services(guard=watcher, stop_app=stopper)  # type: ignore[arg-type]
        watchers.append(watcher)
        return make_window(lang, services=services)

    yield make
    make_window.close_all()
    for watcher in watchers:
        watcher.shutdown()


def test_a_program_found_during_a_check_warns_and_counts(guarded_window, qtbot, speaker) -> None:
    pids = [4242]
    watcher = RemoteAppWatcher(load_remote_apps(), scan=fake_scan(pids))
    window = guarded_window(watcher)
    window.open("check_call")
    check = window.current_screen()
    assert isinstance(check, CheckCallScreen)
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), RemoteAppWarningScreen))
    warning = window.current_screen()
    assert "AnyDesk" in warning.headline.text()
    assert "挂断电话" in speaker.last() and "AnyDesk" in speaker.last()
    window.back()
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


def test_without_such_a_program_nothing_changes(guarded_window, qtbot) -> None:
    watcher = RemoteAppWatcher(load_remote_apps(), scan=fake_scan([]))
    window = guarded_window(watcher)
    window.open("money_sent")
    with qtbot.waitSignal(watcher.scanned, timeout=5000):
        pass
    assert isinstance(window.current_screen(), MoneySentScreen)
    assert watcher.is_polling()
    window.back()
    assert not watcher.is_polling()


def test_a_real_process_named_like_a_remote_app_opens_the_warning(
    guarded_window, qtbot, tmp_path: Path
) -> None:
    sleep = shutil.which("sleep")
    assert sleep, "the sleep program is part of every Linux system"
    program = tmp_path / "rustdesk"
    shutil.copy(sleep, program)
    child = subprocess.Popen([str(program), "60"])
    try:
        watcher = RemoteAppWatcher(load_remote_apps())
        window = guarded_window(watcher)
        window.open("money_sent")
        qtbot.waitUntil(
            lambda: isinstance(window.current_screen(), RemoteAppWarningScreen), timeout=10000
        )
        assert "RustDesk" in window.current_screen().headline.text()
    finally:
        child.kill()
        child.wait()


# ---------------------------------------------------------------------------------------------
# "帮我关掉": Guardian closes the program, only after the person agrees.


@pytest.fixture
def remote_program(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen]]:
    """Starts real programs whose process name is a remote-control program's (RustDesk)."""
    started: list[subprocess.Popen] = []

    def start(*, ignore_term: bool = False) -> subprocess.Popen:
        if ignore_term:
            # A shell under the program's name that ignores the polite request to end.
            shell = shutil.which("bash")
            assert shell, "bash is part of every Linux system"
            program = tmp_path / "rustdesk"
            shutil.copy(shell, program)
            ready = tmp_path / "ready"
            script = f"trap '' TERM; touch {ready}; while :; do sleep 0.1; done"
            child = subprocess.Popen([str(program), "-c", script])
            deadline = time.monotonic() + 10
            while not ready.exists():
                assert time.monotonic() < deadline and child.poll() is None
                time.sleep(0.01)
        else:
            sleep = shutil.which("sleep")
            assert sleep, "the sleep program is part of every Linux system"
            program = tmp_path / "rustdesk"
            shutil.copy(sleep, program)
            child = subprocess.Popen([str(program), "60"])
        started.append(child)
        return child

    yield start
    for child in started:
        if child.poll() is None:
            REAL_KILL(child.pid, signal.SIGKILL)
        child.wait()


#: The real way to end a process, for cleaning up after a test that refuses it.
REAL_KILL = os.kill


def is_running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie has ended)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


class ThreadRecorder:
    """The real stopper, noting the thread each stop ran on."""

    def __init__(self, stopper: AppStopper) -> None:
        self.stopper = stopper
        self.threads: list[threading.Thread] = []

    def stop(self, programs: list[Found]) -> list[Found]:
        self.threads.append(threading.current_thread())
        return self.stopper.stop(programs)


def warning_for_rustdesk(guarded_window, qtbot, lang: str = "zh", **stopper_options):
    """The real watcher finds the real program during "I already sent money"; the warning."""
    apps = load_remote_apps()
    stopper = ThreadRecorder(AppStopper(apps, **stopper_options))
    watcher = RemoteAppWatcher(apps)
    window = guarded_window(watcher, lang=lang, stopper=stopper)
    window.open("money_sent")
    qtbot.waitUntil(
        lambda: isinstance(window.current_screen(), RemoteAppWarningScreen), timeout=10000
    )
    warning = window.current_screen()
    assert "RustDesk" in warning.headline.text()
    return window, warning, stopper


def test_close_it_for_me_ends_the_program_after_yes(
    guarded_window, qtbot, speaker, remote_program
) -> None:
    child = remote_program()
    window, warning, stopper = warning_for_rustdesk(guarded_window, qtbot)
    # No cable to unplug, no tray icon to find: one big button.
    shown = " ".join(text.text() for text in warning.texts["warning"])
    assert "网线" not in shown and "右键" not in shown and "图标" not in shown
    assert warning.close_button.label() == "帮我关掉"
    warning.close_button.click()
    assert warning.page == "confirm"
    assert warning.question.text() == "Guardian 要关掉 RustDesk，可以吗？"
    assert speaker.last() == "Guardian 要关掉 RustDesk，可以吗？"
    assert is_running(child.pid)  # asking ends nothing
    warning.yes_button.click()
    qtbot.waitUntil(lambda: warning.page == "closed", timeout=15000)
    assert child.poll() is not None or not is_running(child.pid)
    assert warning.closed_text.isVisible()
    assert warning.closed_text.text() == "RustDesk 已经关掉了。"
    assert speaker.last().startswith("RustDesk 已经关掉了。")
    # Ended on a worker thread, never on the window's.
    assert stopper.threads and threading.main_thread() not in stopper.threads
    warning.done_button.click()
    assert isinstance(window.current_screen(), MoneySentScreen)


def test_a_program_that_ignores_the_polite_request_is_ended_for_good(
    guarded_window, qtbot, remote_program, monkeypatch
) -> None:
    child = remote_program(ignore_term=True)
    real_kill = os.kill
    sent: list[int] = []

    def kill(pid: int, sig: int) -> None:  # passes every signal on, noting the child's
        if pid == child.pid and sig != 0:
            sent.append(sig)
        real_kill(pid, sig)

    monkeypatch.setattr(os, "kill", kill)
    _, warning, _ = warning_for_rustdesk(guarded_window, qtbot, wait_seconds=0.5)
    warning.close_button.click()
    warning.yes_button.click()
    qtbot.waitUntil(lambda: warning.page == "closed", timeout=15000)
    assert sent == [signal.SIGTERM, signal.SIGKILL]
    assert not is_running(child.pid)


def test_a_program_guardian_may_not_end_shows_what_to_do_instead(
    guarded_window, qtbot, speaker, remote_program, monkeypatch
) -> None:
    child = remote_program()
    real_kill = os.kill
    refused: list[int] = []

    def kill(pid: int, sig: int) -> None:
        # The system refuses to end this program (it belongs to another user).
        if pid == child.pid and sig != 0:
            refused.append(sig)
            raise PermissionError(1, "Operation not permitted")
        real_kill(pid, sig)

    monkeypatch.setattr(os, "kill", kill)
    window, warning, _ = warning_for_rustdesk(guarded_window, qtbot, lang="en", wait_seconds=0.2)
    warning.close_button.click()
    warning.yes_button.click()
    qtbot.waitUntil(lambda: warning.page == "failed", timeout=15000)
    assert refused == [signal.SIGTERM, signal.SIGKILL]  # asked politely, then for good
    assert is_running(child.pid)
    assert [item.app.id for item in warning.still_running] == ["rustdesk"]
    assert warning.failed_text.text() == "Could not close RustDesk. Phone your family now."
    assert "hold down the power button" in warning.power_off.text()
    assert warning.failed_family_button.isVisible()
    said = speaker.last()
    assert "Could not close RustDesk" in said and "power button" in said
    assert "Traceback" not in said and "Errno" not in said and "denied" not in said.lower()
    warning.failed_family_button.click()
    assert type(window.current_screen()).__name__ == "CallFamilyScreen"


def test_no_ends_nothing(guarded_window, qtbot, speaker, remote_program) -> None:
    child = remote_program()
    window, warning, stopper = warning_for_rustdesk(guarded_window, qtbot)
    warning.close_button.click()
    warning.no_button.click()
    assert warning.page == "warning"
    assert "RustDesk" in speaker.last()
    # Back from the question returns to the warning too; nothing was ended.
    warning.close_button.click()
    window.back()
    assert window.current_screen() is warning and warning.page == "warning"
    qtbot.wait(200)
    assert stopper.threads == []
    assert is_running(child.pid)


def test_without_a_stopper_the_result_is_honest(guarded_window, qtbot) -> None:
    watcher = RemoteAppWatcher(load_remote_apps(), scan=fake_scan([4242]))
    window = guarded_window(watcher)
    window.open("check_call")
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), RemoteAppWarningScreen))
    warning = window.current_screen()
    warning.close_button.click()
    warning.yes_button.click()
    qtbot.waitUntil(lambda: warning.page == "failed", timeout=5000)
    assert "AnyDesk" in warning.failed_text.text()


# ---------------------------------------------------------------------------------------------
# Every page fits a 1024 x 768 window with no scroll bar.


@pytest.mark.parametrize(("lang", "step"), CASES)
@pytest.mark.parametrize("page", ["warning", "confirm", "closing", "closed", "failed"])
def test_every_page_fits_without_scrolling(
    make_window: WindowMaker, lang: Lang, step: int, page: str
) -> None:
    window = make_window(lang, step, size=(1024, 768))
    window.open("check_call")
    apps = load_remote_apps()
    processes = [ProcessInfo(1, "AnyDesk.exe"), ProcessInfo(2, "SunloginClient.exe")]
    warning = RemoteAppWarningScreen(window.ctx, match_processes(apps, processes, "win32"))
    assert len(warning.found) == 2
    window.show_screen(warning)
    warning.show_page(page)
    settle()
    assert window.width() == 1024 and window.height() == 768
    assert fit_problems(window, step) == []
