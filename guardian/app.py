"""The composition root: builds the application, its services and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from guardian import startup_tuning
from guardian.assets import BROKEN_INSTALL, BrokenInstallError, asset_path, load_catalog
from guardian.core.i18n import LANGS, Lang, parse_lang
from guardian.core.preferences import SETTINGS_KEY, Preferences

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

    from guardian.core.i18n import Catalog
    from guardian.core.records import CheckRecord
    from guardian.demo_folder import DemoFolder
    from guardian.services.jobs import JobRunner
    from guardian.single_instance import SingleInstance
    from guardian.speech.speaker import Speaker
    from guardian.ui.context import AppContext
    from guardian.ui.main_window import MainWindow
    from guardian.ui.services import Services

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
    make_speaker: Callable[[], Speaker] | None = None
    """Makes the speech engine instead of the one chosen for this computer (for pictures)."""


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
    from guardian.logs import data_folder_or_none, setup_logging

    startup_tuning.before_start()
    options = options_from_args(args)
    folder = None if options.demo else data_folder_or_none()
    setup_logging(folder)
    try:
        catalog = load_catalog()
    except BrokenInstallError as error:
        log.error("Guardian cannot start: %s", error)
        if not needs_screen() and not options.quit_after_start:
            show_broken_install()
        raise
    if needs_screen():
        for lang in LANGS:
            print(catalog.get(lang, "app.needs_screen"), file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from guardian.instance_lock import InstanceLock
    from guardian.ui.main_window import FirstPaintWatcher

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    # One Guardian per data folder: a second start brings the first window to the front.
    lock = InstanceLock(folder) if folder is not None else None
    if lock is not None and folder is not None and not lock.acquire():
        from guardian.single_instance import SingleInstance, server_name_for

        if not SingleInstance(server_name_for(folder)).raise_running():
            log.warning("Guardian is open for this data folder but did not answer")
        for lang in LANGS:
            print(catalog.get(lang, "app.already_open"))
        return 0
    window = build_window(app, options)
    listener: list[SingleInstance] = []
    if folder is not None:
        when_painted(window, lambda: listener.append(listen_for_second_start(window, folder)))
    window.show()
    if options.demo:
        window.open("demo")
    else:
        from guardian.ui.family.first_start import offer_first_run_setup

        offer_first_run_setup(window)  # the family's set-up, on the very first start
    if options.quit_after_start:
        FirstPaintWatcher(window, app.quit)
    code = app.exec()
    for instance in listener:
        instance.close()
    shutdown(window)
    if lock is not None:
        lock.release()
    return int(code)


def show_broken_install() -> None:
    """Tell the person, in a window of large words, that Guardian must be installed again."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])  # held while the box shows
    font = QFont(QApplication.font())
    font.setPointSize(20)
    box = QMessageBox()
    box.setWindowTitle("防骗守护 Guardian")
    box.setText(BROKEN_INSTALL.replace("\n", "\n\n"))  # a blank line between the languages
    box.setFont(font)
    box.exec()
    del app


PREPARE_AFTER_MS = 500
"""How long after the start-up work the next check screen begins to be built ahead."""


def listen_for_second_start(window: MainWindow, folder: Path) -> SingleInstance:
    """Open the socket a second start of Guardian asks to bring ``window`` to the front."""
    from guardian.single_instance import SingleInstance, bring_to_front, server_name_for

    instance = SingleInstance(server_name_for(folder), parent=window)
    instance.listen(on_raise=lambda: bring_to_front(window))
    return instance


def when_painted(window: MainWindow, callback: Callable[[], None], fallback_ms: int = 500) -> None:
    """Call ``callback`` once: right after ``window`` is first painted, or after ``fallback_ms``.

    What is not needed to draw the first screen waits for this, so the window appears sooner;
    the fallback covers a window that is never painted (minimised at start, say).
    """
    from PySide6.QtCore import QTimer

    from guardian.ui.main_window import FirstPaintWatcher

    done: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            callback()

    FirstPaintWatcher(window, once)
    QTimer.singleShot(fallback_ms, window, once)


def shutdown(window: MainWindow) -> None:
    """Stop speech and let the disk worker finish every queued write."""
    from guardian.ui.routes import drop_prepared_check

    startup_tuning.at_shutdown()
    ctx = window.ctx
    if ctx.services.warmup is not None:
        ctx.services.warmup.wait()
    ctx.speaker.shutdown()
    drop_prepared_check(ctx)  # the check screen built ahead, never opened
    for service in (ctx.services.guard, ctx.services.outbox):
        if service is not None:
            service.shutdown()
    if ctx.services.unsent_alerts is not None:
        # Family alerts not yet saved: the outbox sends them at the next start.
        ctx.services.unsent_alerts.last_try()
    ctx.disk.shutdown()
    demo = ctx.services.demo_folder
    if demo is not None:
        ctx.services = replace(ctx.services, demo_folder=None)
        demo.remove()  # a demo saves nothing: its database and backups go with the folder


def build_window(app: object, options: StartOptions) -> MainWindow:
    """Build the services and the main window (not shown yet).

    Only what the first screen needs is done here. The speech engine, opening the database
    (with recovery), the daily backup, the remote-app guard, the content for the check, the
    picture reader and the window's icon come right after the first paint (or half a second
    after building, if the window is never painted).

    Args:
        app: the running QApplication.
        options: how to start.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from guardian.speech.late import LateSpeaker
    from guardian.storage.paths import backups_dir, data_dir, database_path
    from guardian.storage.startup import RecoveringOpener, daily_backup
    from guardian.storage.worker import DiskWorker
    from guardian.ui.fonts import first_installed
    from guardian.ui.home import HomeScreen
    from guardian.ui.main_window import MainWindow
    from guardian.ui.routes import build_routes, prepare_check
    from guardian.ui.services import Services
    from guardian.warmup import Warmup

    assert isinstance(app, QApplication)
    app.setApplicationName("Guardian")
    app.setApplicationDisplayName("防骗守护 Guardian")
    app.setDesktopFileName("guardian")
    catalog = load_catalog()
    # The first preferred family installed; whether it draws every Chinese string is checked
    # after the first paint (check_chinese_font).
    family = first_installed()
    if family:
        app.setFont(QFont(family))
    demo = demo_folder() if options.demo else None
    folder = demo.path if demo is not None else data_dir()
    db_path = database_path(folder)
    opener = RecoveringOpener(backups_dir(folder))
    disk = DiskWorker(db_path, opener=opener, autostart=False)
    services = Services(demo_folder=demo)
    ctx = build_context(catalog, folder, disk, options, services=services)
    window = MainWindow(ctx, build_routes(), HomeScreen)

    session_started = time.time()
    # The outbox starts once the database is open (recovered if it had to be) and its code is
    # loaded off the window's thread, whichever comes last.
    ready: set[str] = set()

    def one_ready(what: str) -> None:
        ready.add(what)
        if ready == {"database", "code"} and disk.accepting_jobs:
            start_outbox(ctx, db_path)
            # The check screen the person will most likely open is built ahead from now on,
            # once the threads that start with the app have done their first work: the window
            # then has the interpreter to itself.
            ctx.prepare_ahead = True
            QTimer.singleShot(PREPARE_AFTER_MS, window, lambda: prepare_check(ctx))

    def database_ready(message: object) -> None:
        if message is not None:
            window.show_notice(ctx.pick(message))  # type: ignore[arg-type]
        if not disk.accepting_jobs:
            return  # the window is closing: this answer came with the last writes
        # Only a check from before this start: one begun already in this session is not offered.
        disk.submit(
            lambda db: newest_unfinished_call(db, session_started),
            on_done=window.offer_unfinished,
        )
        one_ready("database")

    def code_ready() -> None:
        startup_tuning.after_start_up_work()  # everything loaded so far lives as long as the app
        if isinstance(ctx.speaker, LateSpeaker):
            ctx.speaker.start()
        start_guard(ctx)
        one_ready("code")

    def after_first_paint() -> None:
        if not disk.accepting_jobs:
            return  # the window closed before it was painted
        from PySide6.QtGui import QIcon

        from guardian.pictures.reading import PictureReader

        disk.start()
        disk.submit(lambda db: opener.message, on_done=database_ready)
        disk.submit(lambda db: daily_backup(db_path, backups_dir(folder)))
        # The speech engine, the guard, the outbox and the check screens load off the window's
        # thread, with the content files they read; then they start on it.
        warmup = Warmup(then=code_ready, parent=window)
        # The picture reader loads nothing until the first picture is read.
        ctx.services = replace(ctx.services, warmup=warmup, picture_reader=PictureReader())
        warmup.start()
        check_chinese_font(window, family)
        # In a turn of its own: a desktop draws the icon at its sizes when it is set.
        QTimer.singleShot(
            0, window, lambda: app.setWindowIcon(QIcon(str(asset_path("icons", "app.svg"))))
        )

    when_painted(window, after_first_paint)
    return window


def build_context(
    catalog: Catalog,
    folder: Path,
    disk: JobRunner,
    options: StartOptions,
    *,
    services: Services | None = None,
) -> AppContext:
    """The screens' shared context, with the preferences stored in ``folder`` applied.

    The preferences are read with a quick look at the database (the disk worker has not
    opened it yet); the live settings built from them give the speaker its speed and loudness
    and save every later change through ``disk``. A language given on the command line is used
    instead of the stored one. The speech engine itself is made later (see
    :class:`~guardian.speech.late.LateSpeaker`).

    Args:
        catalog: the UI strings.
        folder: the data folder (its database holds the preferences).
        disk: runs the database jobs, the saving of the preferences among them.
        options: how the app starts (the language, the speech engine for pictures).
        services: the running services (none when omitted).
    """
    from guardian.content_bundle import load_bundle
    from guardian.speech.factory import create_speaker
    from guardian.speech.late import LateSpeaker
    from guardian.storage.paths import database_path
    from guardian.storage.startup import read_saved_setting
    from guardian.ui.context import AppContext
    from guardian.ui.live_settings import LiveSettings

    prefs = Preferences.from_mapping(read_saved_setting(database_path(folder), SETTINGS_KEY))
    if options.lang is not None:
        prefs = prefs._replace(lang=options.lang)
    engine = prefs.speech_engine if prefs.speech_engine != "auto" else None
    # The engine is made right after the first paint (the home screen says nothing as it opens).
    speaker = LateSpeaker(options.make_speaker or (lambda: create_speaker(engine)))
    return AppContext(
        catalog,
        speaker,
        settings=LiveSettings(speaker, prefs, disk=disk),
        # The one content bundle: nothing is read yet; the start-up work reads its parts.
        bundle=load_bundle(),
        disk=disk,
        services=services,
        data_dir=folder,
    )


def check_chinese_font(window: MainWindow, family: str | None) -> None:
    """Check that the app's font draws every Chinese string; if not, use one that does.

    Run after the first paint. Where the first preferred family installed (``family``) draws
    everything, as on nearly every computer, nothing changes; else the app switches to the best
    family installed, and the window says so when none draws everything.
    """
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from guardian.ui.fonts import choose_for_catalog

    choice = choose_for_catalog(window.ctx.catalog)
    if choice.family and choice.family != family:
        log.info("font %s is used instead of %s", choice.family, family)
        QApplication.setFont(QFont(choice.family))
    if not choice.covers_chinese:
        log.warning("no font covers every Chinese character shown; missing %d", len(choice.missing))
    window.set_font_choice(choice)


def demo_folder() -> DemoFolder:
    """A throwaway data folder for a demo session: the computer's real data is never opened.

    It is removed when the app quits (``shutdown``); folders left by demo sessions that crashed
    are removed first.
    """
    from guardian.demo_folder import DemoFolder

    return DemoFolder.create()


def newest_unfinished_call(db: Database, started_before: float) -> CheckRecord | None:
    """The check to offer to finish after a crash (run on the disk thread, imports and all).

    Args:
        db: the open database.
        started_before: when this start of the app began (seconds since the epoch).
    """
    from datetime import datetime, timezone

    from guardian.storage.checks import CheckStore

    since = datetime.fromtimestamp(started_before, timezone.utc)
    return CheckStore(db).newest_unfinished_call(since)


def start_outbox(ctx: AppContext, db_path: Path) -> None:
    """Start delivering the family's alerts (queued ones from before a restart too).

    The weekly note to the family starts with it: it goes through the outbox.
    """
    from guardian.alerts.outbox_worker import OutboxWorker
    from guardian.ui.family.weekly_note import start_weekly_notes

    if ctx.disk is not None and ctx.disk.accepting_jobs:
        ctx.services = replace(ctx.services, outbox=OutboxWorker(db_path))
        start_weekly_notes(ctx)


def start_guard(ctx: AppContext) -> None:
    """Start the remote-app watcher (one scan now) and the stopper; none if the list is broken."""
    from guardian.guard.stop_app import AppStopper
    from guardian.guard.watcher import RemoteAppWatcher

    try:
        apps = ctx.bundle.remote_apps
    except (OSError, ValueError) as error:
        log.error("the remote-app list cannot be read, the guard is off: %s", error)
        return
    watcher = RemoteAppWatcher(apps)
    watcher.scan_once()
    # The stopper is used only after the person agrees.
    ctx.services = replace(ctx.services, guard=watcher, stop_app=AppStopper(apps))
