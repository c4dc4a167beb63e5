"""Quitting at any moment of start-up stops every thread and exits cleanly.

The real program runs as a process, on a damaged database with a backup (the hardest start:
the database is recovered and the window says so), with the real speech engine. A small
wrapper around ``main.py`` quits it at one stage of the start-up: before the first paint, right
after it, while the start-up work runs, after the notice about the recovered database, and once
everything is up. Each time the process must exit with code 0 and Qt must not report a thread
still running when it was destroyed (which aborts the process).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from guardian.storage.backup import make_backup
from guardian.storage.paths import backups_dir
from tests.conftest import require_program
from tests.e2e.process import offscreen_env, run_python
from tests.e2e.test_data_safety import damage, save_checks

pytestmark = pytest.mark.e2e

# Runs main.py with QCoreApplication.quit called at the stage named by QUIT_AT, and notes in the
# file QUIT_MARKS what happened: "painted" at the first paint of the window, the stage's name
# when it is reached, "quit" when the quit is asked for.
_QUIT_AT_STAGE = """
import os, runpy, sys
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
import guardian.app as app_module
import guardian.ui.routes as routes
from guardian.ui.main_window import MainWindow

STAGE = os.environ["QUIT_AT"]

def mark(what):
    with open(os.environ["QUIT_MARKS"], "a", encoding="utf-8") as marks:
        marks.write(what + "\\n")

quit_ = QCoreApplication.quit

def marked_quit():
    mark("quit")
    quit_()

QCoreApplication.quit = staticmethod(marked_quit)

def reached(stage, delay_ms=0):
    if stage == STAGE:
        mark(stage)
        QTimer.singleShot(delay_ms, QCoreApplication.quit)

class PaintMark(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
            self.seen = True
            mark("painted")
        return False

build_window = app_module.build_window

def build_and_mark(app, options):
    window = build_window(app, options)
    window.installEventFilter(PaintMark(window))
    reached("before_first_paint")  # the window is shown right after this, then painted
    return window

app_module.build_window = build_and_mark

check_chinese_font = app_module.check_chinese_font

def start_up_work_begun(window, family):
    check_chinese_font(window, family)  # the last step of what follows the first paint
    reached("start_up_work")

app_module.check_chinese_font = start_up_work_begun

start_guard = app_module.start_guard

def code_loaded(ctx):
    start_guard(ctx)  # the speech engine was made just before
    reached("code_loaded")

app_module.start_guard = code_loaded

show_notice = MainWindow.show_notice

def notice_shown(self, text):
    show_notice(self, text)
    reached("recovery_notice")

MainWindow.show_notice = notice_shown

prepare_check = routes.prepare_check

def everything_up(ctx):
    prepare_check(ctx)  # the last of the start-up work, done in pieces over a few turns
    reached("everything_up", delay_ms=300)

routes.prepare_check = everything_up

sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

STAGES = (
    "before_first_paint",
    "right_after_first_paint",
    "start_up_work",
    "code_loaded",
    "recovery_notice",
    "everything_up",
)


def damaged_folder_with_backup(folder: Path) -> Path:
    """A data folder whose database is damaged, with yesterday's good backup beside it."""
    db_path = folder / "guardian.db"
    save_checks(db_path, 2)
    make_backup(db_path, backups_dir(folder), datetime.now().astimezone())
    damage(db_path)
    return folder


@pytest.mark.parametrize("stage", STAGES)
def test_quitting_at_any_stage_of_start_up_stops_every_thread(tmp_path: Path, stage: str) -> None:
    require_program("espeak-ng")
    folder = damaged_folder_with_backup(tmp_path / "data")
    marks = tmp_path / "marks.txt"
    args = ["main.py"]
    if stage == "right_after_first_paint":
        args.append("--quit-after-start")
    env = offscreen_env(
        GUARDIAN_DATA_DIR=str(folder),
        GUARDIAN_SPEECH="espeak",
        QUIT_AT=stage,
        QUIT_MARKS=str(marks),
    )
    result = run_python("-c", _QUIT_AT_STAGE, *args, env=env)
    assert "QThread: Destroyed" not in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    seen = marks.read_text(encoding="utf-8").split()
    assert "quit" in seen
    if stage == "before_first_paint":
        assert seen.index(stage) < seen.index("quit")
        assert "painted" not in seen[: seen.index("quit")], "it quit before the first paint"
    elif stage == "right_after_first_paint":
        assert seen.index("painted") < seen.index("quit")
    else:
        assert seen.index(stage) < seen.index("quit"), f"the quit came before {stage}: {seen}"
