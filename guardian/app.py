"""The composition root: builds the application, its services and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from guardian.assets import load_catalog
from guardian.core.i18n import LANGS, Lang, parse_lang
from guardian.core.preferences import SETTINGS_KEY, Preferences
from guardian.storage.worker import DiskWorker

if TYPE_CHECKING:
    from guardian.guard.watcher import RemoteAppWatcher
    from guardian.ui.context import AppContext
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

    lang: Lang | None = None
    quit_after_start: bool = False
    demo: bool = False


def options_from_args(args: argparse.Namespace) -> StartOptions:
    """Translate parsed command-line arguments into start options."""
    lang = parse_lang(args.lang) if getattr(args, "lang", None) else None
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
    guard = window.ctx.services.get("guard")
    if guard is not None:
        guard.shutdown()
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

    from guardian.speech.factory import create_speaker
    from guardian.storage.backup import backups_dir
    from guardian.storage.paths import data_dir, database_path
    from guardian.storage.startup import RecoveringOpener, daily_backup
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
    folder = data_dir()
    db_path = database_path(folder)
    opener = RecoveringOpener(backups_dir(folder))
    disk = DiskWorker(db_path, opener=opener)
    prefs = load_preferences(disk)
    speaker = create_speaker(
        prefs.speech_engine if prefs.speech_engine != "auto" else None,
        rate=prefs.speech_rate,
        volume=prefs.speech_volume,
    )
    ctx = AppContext(
        catalog,
        speaker,
        lang=options.lang or prefs.lang,
        text_step=prefs.text_step,
        auto_read=prefs.auto_read,
        disk=disk,
        services={"bank_hotline": prefs.bank_hotline},
    )
    keep_preferences(ctx, prefs)
    ctx.services["data_dir"] = folder
    guard = start_guard()
    if guard is not None:
        ctx.services["guard"] = guard
    window = MainWindow(ctx, build_routes(), HomeScreen, font_choice)
    if opener.message is not None:
        window.show_notice(ctx.pick(opener.message))
    # The daily backup runs on the disk worker after everything queued before it.
    disk.submit(lambda db: daily_backup(db_path, backups_dir(folder)))
    return window


def start_guard() -> RemoteAppWatcher | None:
    """The remote-app watcher, with one scan at start; None when its data file is broken."""
    from guardian.guard.scan import load_remote_apps
    from guardian.guard.watcher import RemoteAppWatcher

    try:
        apps = load_remote_apps()
    except (OSError, ValueError) as error:
        log.error("the remote-app list cannot be read, the guard is off: %s", error)
        return None
    watcher = RemoteAppWatcher(apps)
    watcher.scan_once()
    return watcher


def load_preferences(disk: DiskWorker, timeout_ms: int = 3000) -> Preferences:
    """Read the saved preferences before the window exists (defaults if the disk is slow or bad)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from guardian.storage.settings import SettingsStore

    result: list[Preferences] = []
    loop = QEventLoop()

    def done(data: object) -> None:
        result.append(Preferences.from_mapping(data))
        loop.quit()

    def failed(error: Exception) -> None:
        log.warning("preferences could not be read, using defaults: %s", error)
        loop.quit()

    disk.submit(lambda db: SettingsStore(db).get(SETTINGS_KEY), on_done=done, on_error=failed)
    QTimer.singleShot(timeout_ms, loop.quit)
    if not result:
        loop.exec()
    return result[0] if result else Preferences()


def keep_preferences(ctx: AppContext, prefs: Preferences) -> None:
    """Save the preferences whenever the language or the text size changes."""
    from guardian.storage.settings import SettingsStore

    def save(*_: object) -> None:
        current = replace(prefs, lang=ctx.lang, text_step=ctx.text_step, auto_read=ctx.auto_read)
        data = current.to_mapping()
        assert ctx.disk is not None
        ctx.disk.submit(lambda db: SettingsStore(db).set(SETTINGS_KEY, data))

    ctx.language_changed.connect(save)
    ctx.text_step_changed.connect(save)
