"""The frozen build's entry point: Guardian's command line, and ``-m`` for its own modules.

Guardian runs some of its own modules as child processes with ``sys.executable -m MODULE``
(the pyttsx3 reader, ``guardian.speech.pyttsx3_child``). In a frozen build ``sys.executable``
is this program, not a Python interpreter, so ``-m`` is handled here, for Guardian's own
modules only.

On Linux the PyInstaller bootloader puts the bundle's folder first on ``LD_LIBRARY_PATH`` so
that this process finds its own copies of Qt and the rest. The programs Guardian starts
(espeak-ng, aplay, gio) must see the system's libraries instead, so the original value is put
back: the dynamic loader read the variable when this process started, changing it now only
affects child processes.

``--check-window PICTURE`` is for the build's own check (``packaging/build.py check``): it
starts the window as ``--quit-after-start`` does, saves a picture of it right after its first
paint to ``PICTURE``, and prints the screen it shows and its buttons' words as one JSON line.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
from typing import Any


def restore_library_path() -> None:
    """Give child processes the library path this program was started with."""
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


def run_module(module: str, arguments: list[str]) -> int:
    """Run one of Guardian's modules as ``python -m MODULE ARGUMENTS`` would."""
    if module != "guardian" and not module.startswith("guardian."):
        print(f"guardian: -m {module}: only Guardian's own modules can be run", file=sys.stderr)
        return 2
    sys.argv = [sys.argv[0], *arguments]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code
        if code is None or isinstance(code, int):
            return code or 0
        print(code, file=sys.stderr)
        return 1
    return 0


def check_window(picture: str, arguments: list[str]) -> int:
    """Start the window, save a picture of its first paint, print what it shows; exit after.

    Prints ``{"screen": class name of the screen shown, "buttons": [their words], "size":
    [width, height]}``. The window quits right after its first paint (``--quit-after-start``).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

    from guardian.cli import main as guardian_main

    app = QApplication.instance() or QApplication(sys.argv[:1])
    shown: dict[str, Any] = {}

    def record(window: QWidget) -> None:
        window.grab().save(picture)
        stack = getattr(window, "stack", None)
        screen = stack.currentWidget() if stack is not None else None
        buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
        shown.update(
            screen=type(screen).__name__,
            buttons=[b.text() or b.accessibleName() for b in buttons],
            size=[window.width(), window.height()],
        )

    class FirstPaint(QObject):
        """Records the main window once, after its first paint (before it quits)."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not shown
                and event.type() == QEvent.Type.Paint
                and type(watched).__name__ == "MainWindow"
                and isinstance(watched, QWidget)
            ):
                shown["screen"] = None
                QTimer.singleShot(0, lambda: record(watched))
            return False

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    code = guardian_main(["--quit-after-start", *arguments])
    app.removeEventFilter(watcher)
    print(json.dumps(shown, ensure_ascii=False))
    return code if shown.get("screen") else 1


def main() -> int:
    """Run Guardian with the process arguments; return the exit code."""
    restore_library_path()
    arguments = sys.argv[1:]
    if len(arguments) >= 2 and arguments[0] == "-m":
        return run_module(arguments[1], arguments[2:])
    if len(arguments) >= 2 and arguments[0] == "--check-window":
        return check_window(arguments[1], arguments[2:])
    from guardian.cli import main as guardian_main

    return guardian_main()


if __name__ == "__main__":
    raise SystemExit(main())
