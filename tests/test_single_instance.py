"""One Guardian per data folder: a second start, in this process or another, raises the first."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest
from PySide6.QtNetwork import QLocalServer

from guardian.assets import load_catalog
from guardian.instance_lock import LOCK_FILE_NAME, InstanceLock
from guardian.single_instance import SingleInstance, server_answers, server_name_for

ROOT = Path(__file__).resolve().parents[1]

LISTENER = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from guardian.single_instance import SingleInstance

app = QCoreApplication([])
instance = SingleInstance(sys.argv[1])
def raised():
    print("raised", flush=True)
    QTimer.singleShot(0, app.quit)
assert instance.listen(on_raise=raised)
print("listening", flush=True)
QTimer.singleShot(30000, app.quit)
app.exec()
instance.close()
"""


@contextmanager
def python_child(code: str, *args: str) -> Iterator[tuple[subprocess.Popen[str], IO[str]]]:
    """Run ``python -c code args`` with Guardian importable; yield it and its output lines."""
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    assert child.stdout is not None
    try:
        yield child, child.stdout
    finally:
        child.kill()
        child.wait()
        child.stdout.close()


@pytest.fixture
def name(tmp_path: Path) -> Iterator[str]:
    server = server_name_for(tmp_path)
    yield server
    QLocalServer.removeServer(server)


def wait_for(condition, timeout: float = 30.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def test_the_name_depends_on_the_data_folder(tmp_path):
    assert server_name_for(tmp_path / "a") != server_name_for(tmp_path / "b")
    assert server_name_for(tmp_path / "a") == server_name_for(tmp_path / "x" / ".." / "a")


@pytest.mark.skipif(os.name != "posix", reason="Unix socket files")
def test_the_socket_is_in_the_data_folder_and_private(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    name = server_name_for(tmp_path)
    assert Path(name).parent == tmp_path.resolve(), "never in the shared temporary folder"
    first = SingleInstance(name)
    assert first.listen(on_raise=lambda: None)
    try:
        assert stat.S_ISSOCK(os.stat(name).st_mode)
        assert stat.S_IMODE(os.stat(name).st_mode) & 0o077 == 0
    finally:
        first.close()


@pytest.mark.skipif(os.name != "posix", reason="Unix socket files")
def test_the_socket_is_in_the_private_runtime_folder_when_there_is_one(tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = server_name_for(tmp_path / "data")
    assert Path(name).parent == runtime and Path(name).name.startswith("guardian-")
    assert name != server_name_for(tmp_path / "other")
    runtime.chmod(0o777)  # a runtime folder others can write to is not used
    assert Path(server_name_for(tmp_path / "data")).parent == (tmp_path / "data").resolve()


def test_nobody_is_running_at_first(qapp, name):
    assert SingleInstance(name).already_running() is False


def test_a_second_instance_in_this_process_raises_the_first(qtbot, name):
    raised: list[bool] = []
    first = SingleInstance(name)
    assert first.listen(on_raise=lambda: raised.append(True))
    assert first.listening
    second = SingleInstance(name)
    assert second.already_running() is True
    qtbot.waitUntil(lambda: raised == [True], timeout=5000)
    assert SingleInstance(name).already_running() is True
    qtbot.waitUntil(lambda: raised == [True, True], timeout=5000)
    first.close()
    assert not first.listening
    assert SingleInstance(name).already_running() is False


def test_a_connection_that_says_nothing_raises_nothing(qtbot, name):
    raised: list[bool] = []
    first = SingleInstance(name)
    assert first.listen(on_raise=lambda: raised.append(True))
    assert server_answers(name)
    qtbot.wait(200)
    assert raised == []
    first.close()


def test_a_second_listener_does_not_take_over_a_live_one(qtbot, name):
    first = SingleInstance(name)
    assert first.listen(on_raise=lambda: None)
    second = SingleInstance(name)
    assert second.listen(on_raise=lambda: None) is False
    assert first.listening and server_answers(name)
    first.close()


@pytest.mark.skipif(os.name != "posix", reason="Unix socket files")
def test_a_stale_socket_left_by_a_crash_is_replaced(qtbot, name):
    path = Path(name)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()  # the file stays, and nobody listens on it: a Guardian that crashed
    assert path.exists()
    assert SingleInstance(name).already_running() is False
    raised: list[bool] = []
    first = SingleInstance(name)
    assert first.listen(on_raise=lambda: raised.append(True))
    assert SingleInstance(name).already_running() is True
    qtbot.waitUntil(lambda: raised == [True], timeout=5000)
    first.close()


def test_a_second_start_in_another_process_raises_the_first(qapp, name):
    with python_child(LISTENER, name) as (listener, lines):
        assert lines.readline().strip() == "listening"
        assert SingleInstance(name).already_running() is True
        assert lines.readline().strip() == "raised"
        assert listener.wait(timeout=10) == 0


@pytest.fixture
def running_guardian(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path, str]]:
    """``python main.py`` left running offscreen on its own data folder."""
    folder = tmp_path / "data"
    env = {
        **os.environ,
        "GUARDIAN_DATA_DIR": str(folder),
        "QT_QPA_PLATFORM": "offscreen",
        "GUARDIAN_SPEECH": "none",
    }
    process = subprocess.Popen(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    name = server_name_for(folder)
    try:
        yield process, folder, name
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
        QLocalServer.removeServer(name)


def test_a_second_guardian_brings_the_running_one_to_the_front(qapp, running_guardian):
    process, folder, name = running_guardian
    assert wait_for(lambda: server_answers(name) or process.poll() is not None)
    assert process.poll() is None, process.stderr.read() if process.stderr else ""
    assert SingleInstance(name).already_running() is True
    log_file = folder / "logs" / "guardian.log"
    assert wait_for(
        lambda: log_file.exists() and "a second start asked" in log_file.read_text("utf-8"),
        timeout=10,
    )
    # A second ``python main.py`` says so in both languages and exits at once.
    second = subprocess.run(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env={**os.environ, "GUARDIAN_DATA_DIR": str(folder), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 0
    catalog = load_catalog()
    shown = second.stdout + second.stderr
    assert catalog.get("zh", "app.already_open") in shown
    assert catalog.get("en", "app.already_open") in shown
    assert process.poll() is None


HOLDER = """
import sys, time
from pathlib import Path
from guardian.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
print("locked" if lock.acquire() else "busy", flush=True)
time.sleep(60)
"""


def test_the_lock_is_held_by_one_at_a_time(tmp_path):
    first, second = InstanceLock(tmp_path), InstanceLock(tmp_path)
    assert first.acquire() and first.held
    assert first.acquire()  # taking it again is harmless
    assert second.acquire() is False and not second.held
    first.release()
    assert second.acquire() is True
    second.release()
    if os.name == "posix":
        assert (tmp_path / LOCK_FILE_NAME).stat().st_mode & 0o777 == 0o600


def test_a_crashed_guardian_leaves_no_lock_behind(tmp_path):
    with python_child(HOLDER, str(tmp_path)) as (holder, lines):
        assert lines.readline().strip() == "locked"
        assert InstanceLock(tmp_path).acquire() is False
        holder.kill()  # no clean-up runs
        holder.wait(timeout=10)
        lock = InstanceLock(tmp_path)
        assert lock.acquire() is True
        lock.release()


def test_a_lock_file_that_cannot_be_opened_does_not_stop_the_start(tmp_path, caplog):
    (tmp_path / LOCK_FILE_NAME).mkdir()  # not openable as a file, not even by root
    lock = InstanceLock(tmp_path)
    assert lock.acquire() is True and not lock.held
    assert "cannot open the lock file" in caplog.text


def test_a_second_start_waits_for_a_first_that_is_still_opening(qapp, name):
    late = "import sys, time\ntime.sleep(float(sys.argv[2]))\n" + LISTENER
    with python_child(late, name, "1.0") as (_, lines):
        started = time.monotonic()
        assert SingleInstance(name).raise_running(wait_s=20) is True
        assert time.monotonic() - started >= 0.5  # it really waited for the late listener
        assert lines.readline().strip() == "listening"
        assert lines.readline().strip() == "raised"


def test_nobody_answering_is_reported_after_the_wait(qapp, name):
    started = time.monotonic()
    assert SingleInstance(name).raise_running(wait_s=0.3) is False
    assert 0.3 <= time.monotonic() - started < 5


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="symbolic links are not refused here")
def test_a_symbolic_link_planted_as_the_lock_file_is_not_followed(tmp_path, caplog):
    target = tmp_path / "elsewhere" / "made-by-guardian"
    target.parent.mkdir()
    (tmp_path / LOCK_FILE_NAME).symlink_to(target)
    lock = InstanceLock(tmp_path)
    assert lock.acquire() is True and not lock.held
    assert not target.exists()
    assert "cannot open the lock file" in caplog.text


GONE_WHILE_CONNECTED = """
import gc, sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QLocalSocket
from guardian.single_instance import SingleInstance

app = QCoreApplication([])
for number in range(10):
    name = f"{sys.argv[1]}-{number}"
    first = SingleInstance(name)
    assert first.listen(on_raise=lambda: None)
    client = QLocalSocket()
    client.connectToServer(name)
    assert client.waitForConnected(2000)
    client.write(b"raise\\n")
    client.flush()
    for _ in range(20):
        app.processEvents()
    del first  # gone with a second start still connected, as at the app's exit
    gc.collect()
    for _ in range(5):
        app.processEvents()
    client.abort()
print("still here", flush=True)
"""


def test_a_guardian_that_goes_while_a_second_start_is_connected_does_not_crash(tmp_path):
    # Its server's sockets say "disconnected" while they are destroyed: nothing may answer.
    done = subprocess.run(
        [sys.executable, "-c", GONE_WHILE_CONNECTED, str(tmp_path / "s")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "still here" in done.stdout
