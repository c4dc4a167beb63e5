"""The real program as a process: it starts, paints and quits; without a screen it says so."""

from __future__ import annotations

import os
import sys

import pytest

from tests.e2e.process import run_python as run

pytestmark = pytest.mark.e2e


def test_main_py_starts_paints_and_quits() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = run("main.py", "--quit-after-start", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_python_dash_m_guardian_starts_too() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = run("-m", "guardian", "--quit-after-start", "--lang", "en", env=env)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="display variables are a Linux matter"
)
def test_without_a_screen_it_says_so_plainly() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    result = run("main.py", env=env)
    assert result.returncode == 1
    assert "屏幕" in result.stderr and "screen" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_options() -> None:
    result = run("-m", "guardian", "--help")
    assert result.returncode == 0
    assert "--quit-after-start" in result.stdout
