"""The real program as a process: it starts, paints and quits; without a screen, or with a
catalog missing, it says so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.process import run_python as run

pytestmark = pytest.mark.e2e


def test_main_py_starts_paints_and_quits() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = run("main.py", "--quit-after-start", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


# Runs main.py, notes the window's first paint and the start of the alert outbox (the last of
# the start-up work), and quits once the outbox has started.
_RUN_UNTIL_STARTED = """
import runpy, sys
import guardian.app as app
import guardian.ui.main_window as main_window
from PySide6.QtCore import QCoreApplication, QTimer

class Watcher(main_window.FirstPaintWatcher):
    def __init__(self, widget, callback):
        def noted():
            print("painted", flush=True)
            callback()
        super().__init__(widget, noted)

main_window.FirstPaintWatcher = Watcher
start_outbox = app.start_outbox

def start_and_quit(ctx, db_path):
    start_outbox(ctx, db_path)
    print("started", flush=True)
    QTimer.singleShot(0, QCoreApplication.quit)

app.start_outbox = start_and_quit
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.mark.parametrize("no_tuning", ["", "1"], ids=["tuning_on", "tuning_off"])
def test_the_window_shows_and_every_start_up_task_runs_with_tuning_on_and_off(
    tmp_path: Path, no_tuning: str
) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        GUARDIAN_NO_TUNING=no_tuning,
        GUARDIAN_DATA_DIR=str(tmp_path / "data"),
        GUARDIAN_SPEECH="none",
    )
    result = run("-c", _RUN_UNTIL_STARTED, "main.py", "--lang", "en", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    seen = result.stdout.split()
    assert "painted" in seen and "started" in seen, result.stdout
    assert seen.index("painted") < seen.index("started"), "the window comes first"
    assert (tmp_path / "data" / "guardian.db").is_file(), "the database was opened"


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


@pytest.mark.parametrize(
    ("damage", "command"),
    [
        ("missing", ["--quit-after-start"]),
        ("not json", ["--quit-after-start"]),
        ("a list", ["check-number", "110"]),
        ("missing", ["check-text", "您的快递到了"]),
    ],
)
def test_a_missing_or_damaged_catalog_is_told_in_both_languages(
    tmp_path: Path, damage: str, command: list[str]
) -> None:
    copy = tmp_path / "guardian-copy"
    copy.mkdir()
    for part in ("guardian", "assets"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "main.py", copy / "main.py")
    catalog = copy / "assets" / "i18n" / "en.json"
    if damage == "missing":
        catalog.unlink()
    else:
        catalog.write_text("{not json" if damage == "not json" else "[1, 2]", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GUARDIAN_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "main.py", *command],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "重新安装" in result.stderr and "install it again" in result.stderr
    assert "en.json" in result.stderr, "the family can tell which file"
    assert "Traceback" not in result.stderr + result.stdout
