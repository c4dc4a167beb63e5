"""Fixtures for screen tests: a speaker that records what would be said, a context, a window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from guardian.assets import load_catalog
from guardian.core.i18n import Lang
from guardian.speech.speaker import Speaker
from guardian.storage.worker import DiskWorker
from guardian.ui.context import AppContext
from guardian.ui.fonts import choose_for_catalog
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.routes import build_routes


class RecordingSpeaker(Speaker):
    """A speaker that plays nothing and remembers every utterance."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[tuple[str, str]] = []
        self.stops = 0

    @property
    def available(self) -> bool:
        return True

    def say(self, text: str, lang: Lang) -> None:
        self.said.append((text, lang))
        self.started.emit()

    def stop(self) -> None:
        self.stops += 1

    def last(self) -> str:
        return self.said[-1][0] if self.said else ""


@pytest.fixture
def speaker() -> RecordingSpeaker:
    return RecordingSpeaker()


@pytest.fixture
def ctx(qapp: QApplication, speaker: RecordingSpeaker) -> AppContext:
    return AppContext(load_catalog(), speaker, lang="zh")


@pytest.fixture
def window(qtbot, ctx: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(ctx, build_routes(), HomeScreen)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives."""
    return tmp_path / "guardian.db"


@pytest.fixture
def disk(qapp: QApplication, db_path: Path) -> Iterator[DiskWorker]:
    """A real disk worker on the test's database, shut down after the test."""
    worker = DiskWorker(db_path)
    yield worker
    worker.shutdown()


@pytest.fixture(scope="module")
def app_font(qapp: QApplication) -> Iterator[None]:
    """The font the app really uses: the Chinese family chosen at start-up, for every language.

    Tests that measure whether words fit use it (``pytest.mark.usefixtures("app_font")``).
    """
    choice = choose_for_catalog(load_catalog())
    before = qapp.font()
    if choice.family:
        qapp.setFont(QFont(choice.family))
    yield
    qapp.setFont(before)
