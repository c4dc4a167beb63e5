"""The composition root: builds the application, its services and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guardian.assets import load_catalog
from guardian.core.i18n import DEFAULT_LANG, LANGS, Lang, parse_lang

if TYPE_CHECKING:
    from guardian.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def needs_screen() -> bool:
    """Whether this is a Linux session with no display to draw on (and no platform chosen)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@dataclass
class StartOptions:
    """How the window starts."""

    lang: Lang = DEFAULT_LANG
    quit_after_start: bool = False
    demo: bool = False


def options_from_args(args: argparse.Namespace) -> StartOptions:
    """Translate parsed command-line arguments into start options."""
    lang = parse_lang(args.lang) if getattr(args, "lang", None) else DEFAULT_LANG
    return StartOptions(
        lang=lang,
        quit_after_start=bool(getattr(args, "quit_after_start", False)),
        demo=bool(getattr(args, "demo", False)),
    )


def run_gui(args: argparse.Namespace) -> int:
    """Start the window and run until it closes; return the exit code."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    catalog = load_catalog()
    if needs_screen():
        for lang in LANGS:
            print(catalog.get(lang, "app.needs_screen"), file=sys.stderr)
        return 1
    options = options_from_args(args)

    from PySide6.QtWidgets import QApplication

    from guardian.ui.main_window import FirstPaintWatcher

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    window = build_window(app, options)
    window.show()
    if options.quit_after_start:
        FirstPaintWatcher(window, app.quit)
    code = app.exec()
    shutdown(window)
    return int(code)


def shutdown(window: MainWindow) -> None:
    """Stop speech and let the disk worker finish every queued write."""
    window.ctx.speaker.shutdown()
    if window.ctx.disk is not None:
        window.ctx.disk.shutdown()


def build_window(app: object, options: StartOptions) -> MainWindow:
    """Build the services and the main window (not shown yet).

    Args:
        app: the running QApplication.
        options: how to start.
    """
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from guardian.speech.speaker import NullSpeaker
    from guardian.storage.paths import data_dir, database_path
    from guardian.storage.worker import DiskWorker
    from guardian.ui.context import AppContext
    from guardian.ui.fonts import choose_cjk_family
    from guardian.ui.home import HomeScreen
    from guardian.ui.main_window import MainWindow
    from guardian.ui.routes import build_routes

    assert isinstance(app, QApplication)
    app.setApplicationName("Guardian")
    app.setApplicationDisplayName("防骗守护 Guardian")
    catalog = load_catalog()
    chinese = [catalog.get("zh", key) for key in catalog.keys("zh")]
    font_choice = choose_cjk_family(chinese)
    if font_choice.family:
        app.setFont(QFont(font_choice.family))
    if not font_choice.covers_chinese:
        log.warning(
            "no font covers every Chinese character shown; missing %d", len(font_choice.missing)
        )
    speaker = NullSpeaker()
    disk = DiskWorker(database_path(data_dir()))
    ctx = AppContext(catalog, speaker, lang=options.lang, disk=disk)
    return MainWindow(ctx, build_routes(), HomeScreen, font_choice)
