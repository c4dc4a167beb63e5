"""Fixtures for screen tests: a speaker that records what would be said, a context, a window."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from guardian.assets import load_catalog
from guardian.core.i18n import Catalog, Lang
from guardian.services.jobs import JobRunner
from guardian.speech.speaker import Speaker
from guardian.storage.worker import DiskWorker
from guardian.ui.context import AppContext, Clock
from guardian.ui.fonts import FontChoice, choose_for_catalog
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.routes import build_routes
from guardian.ui.services import Services
from guardian.ui.theme import DEFAULT_TEXT_STEP

if TYPE_CHECKING:
    from guardian.content_bundle import ContentBundle


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


class WindowMaker:
    """Builds contexts and main windows as the app does, and closes them after the test.

    The ``make_window`` fixture is one; tests outside ``tests/ui`` make their own with
    ``WindowMaker(qtbot)`` and call :meth:`close_all` when done.

    Calling it builds a main window (see :meth:`window`); :meth:`ctx` builds a context alone;
    :meth:`disk` opens a disk worker on a database file, shut down after the windows close.
    """

    def __init__(self, qtbot: Any, speaker: Speaker | None = None) -> None:
        self.qtbot = qtbot
        self.speaker = speaker if speaker is not None else RecordingSpeaker()
        self.windows: list[MainWindow] = []
        self.disks: list[DiskWorker] = []

    def disk(self, db_path: Path) -> DiskWorker:
        """A disk worker on ``db_path``, shut down when the test ends."""
        worker = DiskWorker(db_path)
        self.disks.append(worker)
        return worker

    def ctx(
        self,
        lang: Lang = "zh",
        text_step: int = DEFAULT_TEXT_STEP,
        *,
        catalog: Catalog | None = None,
        speaker: Speaker | None = None,
        disk: JobRunner | None = None,
        db_path: Path | None = None,
        services: Services | None = None,
        clock: Clock | None = None,
        data_dir: Path | None = None,
        bank_hotline: str | None = None,
        person_name: str = "",
        bundle: ContentBundle | None = None,
    ) -> AppContext:
        """A context with the app's strings, the test's speaker and whatever else is given.

        ``db_path`` saves to a database there through a new disk worker (see :meth:`disk`);
        ``disk`` is a runner the test already has. Neither: nothing is saved.
        """
        if db_path is not None:
            assert disk is None, "give disk or db_path, not both"
            disk = self.disk(db_path)
        return AppContext(
            catalog if catalog is not None else load_catalog(),
            speaker if speaker is not None else self.speaker,
            lang=lang,
            text_step=text_step,
            disk=disk,
            services=services,
            clock=clock,
            data_dir=data_dir,
            bank_hotline=bank_hotline,
            person_name=person_name,
            bundle=bundle,
        )

    def window(
        self,
        lang: Lang | None = None,
        text_step: int | None = None,
        *,
        ctx: AppContext | None = None,
        routes: Mapping[str, Any] | None = None,
        size: tuple[int, int] | None = None,
        font_choice: FontChoice | None = None,
        show: bool = True,
        wait_exposed: bool = True,
        **settings: Any,
    ) -> MainWindow:
        """The main window on the home screen, shown and exposed unless told otherwise.

        ``ctx`` is the context to show; without it one is made from ``lang``, ``text_step``
        and ``settings`` (the arguments of :meth:`ctx`). ``routes`` are the app's own unless
        given, ``size`` the window's own (1280 x 860) unless given.
        """
        if ctx is None:
            if lang is not None:
                settings["lang"] = lang
            if text_step is not None:
                settings["text_step"] = text_step
            ctx = self.ctx(**settings)
        else:
            assert lang is None and text_step is None and not settings, "the context is given"
        win = MainWindow(ctx, build_routes() if routes is None else routes, HomeScreen, font_choice)
        self.qtbot.addWidget(win)
        self.windows.append(win)
        if size is not None:
            win.resize(*size)
        if show:
            win.show()
            if wait_exposed:
                self.qtbot.waitExposed(win)
        return win

    __call__ = window

    def close_all(self, *, delete: bool = False) -> None:
        """Close every window made so far, then shut down every disk worker opened.

        ``delete`` also deletes the windows at once (for tests that build many), rather than
        leaving them to the end of the test run.
        """
        windows, self.windows = self.windows, []
        disks, self.disks = self.disks, []
        for win in windows:
            win.close()
        for worker in disks:
            worker.shutdown()
        if delete:
            for win in windows:
                win.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def make_window(qtbot, speaker: RecordingSpeaker) -> Iterator[WindowMaker]:
    """Builds main windows (and contexts: ``make_window.ctx``) with what a test needs.

    ``make_window(lang="en", text_step=3, db_path=..., services=..., size=(1024, 768))``; every
    window is closed and every disk worker it opened shut down when the test ends. A test that
    hands its windows the ``disk`` fixture asks for ``disk`` first, so that the windows close
    before that worker stops.
    """
    maker = WindowMaker(qtbot, speaker)
    yield maker
    maker.close_all()


#: What the ``make_ctx`` fixture is: builds a context from :meth:`WindowMaker.ctx`'s arguments.
MakeCtx = Callable[..., AppContext]


@pytest.fixture
def make_ctx(make_window: WindowMaker) -> MakeCtx:
    """Builds contexts alone, for screens tested without a window: ``make_ctx(lang="en")``.

    Takes the arguments of :meth:`WindowMaker.ctx`.
    """
    return make_window.ctx


@pytest.fixture
def ctx(make_ctx: MakeCtx) -> AppContext:
    """A Chinese context at the usual text size that saves nothing."""
    return make_ctx()


@pytest.fixture
def window(make_window: WindowMaker, ctx: AppContext) -> MainWindow:
    """The main window on ``ctx``, shown and exposed."""
    return make_window(ctx=ctx)


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
