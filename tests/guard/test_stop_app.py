"""The stopper ends only the processes of the programs the person agreed to close."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from guardian.core.remote_apps import Found
from guardian.guard.scan import load_remote_apps
from guardian.guard.stop_app import AppStopper


@pytest.fixture
def start(tmp_path: Path) -> Iterator:
    started: list[subprocess.Popen] = []

    def run(name: str) -> subprocess.Popen:
        sleep = shutil.which("sleep")
        assert sleep, "the sleep program is part of every Linux system"
        program = tmp_path / name
        shutil.copy(sleep, program)
        child = subprocess.Popen([str(program), "60"])
        started.append(child)
        return child

    yield run
    for child in started:
        if child.poll() is None:
            child.kill()
        child.wait()


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_only_the_agreed_program_is_ended(start) -> None:
    rustdesk = start("rustdesk")
    anydesk = start("anydesk")
    stopper = AppStopper(load_remote_apps(), "linux", wait_seconds=2)
    found = {item.app.id: item for item in stopper._scan()}
    assert {"rustdesk", "anydesk"} <= set(found)
    still = stopper.stop([found["rustdesk"]])
    assert still == []
    assert not alive(rustdesk.pid)
    assert alive(anydesk.pid)  # not agreed to: left running


def test_a_process_that_is_not_the_program_is_left_alone(start) -> None:
    other = start("notes")  # an ordinary program
    apps = load_remote_apps()
    anydesk = next(item for item in apps if item.id == "anydesk")
    # A scan that names the wrong process (its id was reused since), and Guardian's own.
    wrong = [Found(anydesk, (os.getpid(), other.pid))]
    stopper = AppStopper(apps, "linux", wait_seconds=0.2, scan=lambda: wrong)
    assert stopper.stop(wrong) == wrong  # "still running", as far as that scan can tell
    assert alive(other.pid)
