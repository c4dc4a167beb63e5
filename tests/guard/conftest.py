"""Fixtures for the guard tests: real child processes that look like remote-control programs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from guardian.core.remote_apps import RemoteApp
from guardian.guard.scan import load_remote_apps

# Starts a long sleep under the given program name; returns the running child.
StartAs = Callable[[str], subprocess.Popen[bytes]]


@pytest.fixture(scope="session")
def apps() -> tuple[RemoteApp, ...]:
    return load_remote_apps()


@pytest.fixture
def unique() -> str:
    """A short random suffix, so runs side by side do not see each other's children."""
    return uuid.uuid4().hex[:6]


@pytest.fixture
def start_as(tmp_path: Path) -> Iterator[StartAs]:
    """Start ``sleep`` copied under a program name; every child is ended after the test."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the child processes are made from the Linux sleep program")
    sleep = shutil.which("sleep")
    assert sleep, "the sleep program is part of every Linux system"
    children: list[subprocess.Popen[bytes]] = []

    def start(name: str) -> subprocess.Popen[bytes]:
        program = tmp_path / name
        shutil.copy2(sleep, program)
        child = subprocess.Popen([str(program), "600"])
        children.append(child)
        return child

    yield start
    for child in children:
        if child.poll() is None:
            child.terminate()
        child.wait(timeout=10)


def end(child: subprocess.Popen[bytes]) -> None:
    """End a child and reap it, so its pid is gone from the process list."""
    child.terminate()
    child.wait(timeout=10)
