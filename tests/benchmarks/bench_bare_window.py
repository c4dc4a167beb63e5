"""The smallest Qt window, the yardstick for Guardian's start-up.

A QApplication and a QWidget holding a QLabel: it shows the window and quits right after the
first paint, exactly as ``main.py --quit-after-start`` does. Run it with the same Python and the
same platform plugin as Guardian (``tests/benchmarks/bench_startup.py`` does).

Usage: python tests/benchmarks/bench_bare_window.py
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget


class QuitAfterFirstPaint(QObject):
    """Quits the application right after the watched widget is first painted."""

    def __init__(self, widget: QWidget, app: QApplication) -> None:
        super().__init__(widget)
        self._app: QApplication | None = app
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Schedule the quit once, after the first paint event."""
        if event.type() == QEvent.Type.Paint and self._app is not None:
            app, self._app = self._app, None
            QTimer.singleShot(0, app.quit)
        return False


def main() -> int:
    """Show the bare window, quit after its first paint, and return the exit code."""
    app = QApplication(sys.argv[:1])
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("防骗守护 Guardian"))
    window.resize(1280, 860)
    QuitAfterFirstPaint(window, app)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
