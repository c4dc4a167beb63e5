"""The family's first set-up, driven on the real window from a fresh data folder.

Every press is a real mouse click on a visible button and is counted. The WeChat channel
(PushPlus) delivers through the outbox and apprise to a local HTTP server that answers as
PushPlus does; start-at-login writes its file under a temporary home folder.
"""

from __future__ import annotations

import argparse
import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDeadlineTimer, QEventLoop, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from guardian.app import StartOptions, build_window, run_gui, shutdown
from guardian.core.i18n import Lang
from guardian.core.remote_apps import ProcessInfo, match_processes
from guardian.core.setup_state import SETUP_KEY, SetupState
from guardian.desktop import autostart_path
from guardian.guard.scan import load_remote_apps
from guardian.storage.settings import SettingsStore
from guardian.storage.worker import DiskWorker
from guardian.ui.family import setup_scenes
from guardian.ui.family.bank import BankSettingScreen
from guardian.ui.family.channels import ChannelFormScreen, ChannelKindScreen
from guardian.ui.family.contact_form import ContactFormScreen
from guardian.ui.family.first_start import offer_first_run_setup
from guardian.ui.family.hub import FamilySettingsScreen
from guardian.ui.family.pin import PinScreen, SetupPinScreen
from guardian.ui.family.setup import SetupScreen
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.remote_warning import RemoteAppWarningScreen
from guardian.ui.screen import Screen
from guardian.ui.theme import TEXT_SIZES_PT
from tests.alerts.conftest import free_port
from tests.ui.conftest import RecordingSpeaker, WindowMaker
from tests.ui.family.test_family import make_family
from tests.ui.test_elder_friendly import problems_on

TOKEN = "0123456789abcdef0123456789abcdef"
PIN = "2468"


@dataclass
class PushPlusServer:
    """A local server that answers as PushPlus does: HTTP 200 and its own code in JSON."""

    port: int
    code: int = 200
    posts: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/send"

    def start(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                with owner.lock:
                    code = owner.code
                    if code == 200:
                        owner.posts.append(payload)
                answer = json.dumps({"code": code, "msg": "ok" if code == 200 else "bad"})
                data = answer.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()

    def received(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.posts)


@pytest.fixture
def pushplus(monkeypatch: pytest.MonkeyPatch) -> Iterator[PushPlusServer]:
    """PushPlus on this computer: apprise's PushPlus sends to the local server instead."""
    from apprise.plugins.pushplus import NotifyPushplus

    server = PushPlusServer(free_port())
    server.start()
    monkeypatch.setattr(NotifyPushplus, "notify_url", server.url)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    yield server
    server.stop()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own: start-at-login writes its file there."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    monkeypatch.setenv("APPDATA", str(folder / "AppData" / "Roaming"))
    return folder


class Taps:
    """Presses visible, enabled buttons with the mouse, and counts every press."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, button: QAbstractButton) -> None:
        assert button.isVisible(), f"{button.accessibleName()!r} is not on the screen"
        assert button.isEnabled(), f"{button.accessibleName()!r} cannot be pressed"
        self.count += 1
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


class App:
    """The real window on the test's data folder, started as the app starts it."""

    def __init__(self, qapp: QApplication, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.voice = RecordingSpeaker()
        options = StartOptions(lang="zh", make_speaker=lambda: self.voice)
        self.window: MainWindow = build_window(qapp, options)
        qtbot.addWidget(self.window)
        self.window.show()
        offer_first_run_setup(self.window)  # as run_gui does, right after showing

    def screen(self) -> Screen:
        screen = self.window.current_screen()
        assert screen is not None
        return screen

    def wait_for(self, kind: type[Screen], timeout: int = 10_000) -> Any:
        self.qtbot.waitUntil(
            lambda: isinstance(self.window.current_screen(), kind), timeout=timeout
        )
        return self.screen()

    def on_disk(self, job: Callable[[Any], Any]) -> Any:
        disk = self.window.ctx.disk
        assert disk is not None
        box: list[Any] = []
        disk.submit(job, on_done=box.append, on_error=box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=10_000)
        if isinstance(box[0], Exception):
            raise box[0]
        return box[0]

    def settle(self) -> None:
        self.on_disk(lambda db: None)
        QApplication.processEvents()

    def stored_state(self) -> SetupState:
        return SetupState.from_mapping(self.on_disk(lambda db: SettingsStore(db).get(SETUP_KEY)))

    def close(self) -> None:
        self.window.close()
        shutdown(self.window)


@pytest.fixture
def start_app(qapp: QApplication, qtbot: Any) -> Iterator[Callable[[], App]]:
    """Starts the app (again) on the test's data folder; each start is shut down at the end."""
    apps: list[App] = []

    def start() -> App:
        if apps:
            apps[-1].close()
        apps.append(App(qapp, qtbot))
        return apps[-1]

    yield start
    apps[-1].close()


def speaker_said(app: App) -> str:
    """Everything the window read aloud so far."""
    return " ".join(text for text, _ in app.voice.said)


def type_pin(app: App, tap: Taps, pad_screen: PinScreen) -> None:
    """Type the PIN on the keyboard and press OK."""
    app.qtbot.keyClicks(pad_screen.pad.field, PIN)
    tap(pad_screen.pad.ok_button)


def setup_page(app: App, page: str) -> SetupScreen:
    """Wait until the set-up shows ``page``, and return it."""
    setup = app.wait_for(SetupScreen)
    app.qtbot.waitUntil(lambda: setup.page == page, timeout=10_000)
    return setup  # type: ignore[no-any-return]


def test_from_first_start_to_a_delivered_wechat_alert_and_start_at_login_in_20_taps(
    start_app: Callable[[], App], pushplus: PushPlusServer, home: Path, qtbot: Any
) -> None:
    app = start_app()
    tap = Taps(qtbot)
    # The set-up opens by itself on the first start, at the PIN, which only family should set.
    setup = setup_page(app, "pin")
    assert setup.progress.text() == "第 1 步，共 5 步"
    assert "只有家人能设" in setup.note.text()
    tap(setup.action_buttons["pin"])
    pin = app.wait_for(SetupPinScreen)
    qtbot.waitUntil(lambda: pin.step == "setup")
    assert "只有家人能设" in pin.pad.hint.text() and pin.pad.hint.isVisible()
    assert "只有家人能设" in speaker_said(app)
    type_pin(app, tap, pin)
    qtbot.waitUntil(lambda: pin.step == "confirm")
    type_pin(app, tap, pin)

    # The first family member, in the usual contact form; saving it goes on by itself.
    setup = setup_page(app, "family")
    tap(setup.action_buttons["family"])
    form = app.wait_for(ContactFormScreen)
    form.name_edit.insert("李娜")  # typed through the input method
    qtbot.keyClicks(form.phone_edit, "13812345678")
    tap(form.save_button)

    # How she gets alerts: WeChat first; the token pasted; the test goes through the outbox.
    setup = setup_page(app, "alerts")
    assert "李娜" in setup.why.text()
    tap(setup.action_buttons["channel"])
    kinds = app.wait_for(ChannelKindScreen)
    tap(kinds.buttons["pushplus"])
    channel_form = app.wait_for(ChannelFormScreen)
    qtbot.keyClicks(channel_form.inputs["token"], TOKEN)
    tap(channel_form.ok_button)
    setup = setup_page(app, "alerts")
    qtbot.waitUntil(lambda: setup.test == "delivered", timeout=30_000)
    [post] = pushplus.received()
    assert post["token"] == TOKEN
    assert "测试" in post["title"] + post["content"]
    assert "已经送到" in setup.note.text()
    tap(setup.action_buttons["received"])

    # Start with the computer: on, as suggested.
    setup = setup_page(app, "autostart")
    assert not autostart_path().exists()
    tap(setup.action_buttons["autostart_on"])
    assert autostart_path().is_file()
    assert str(autostart_path()).startswith(str(home))

    # The person's own bank, from the usual list; one press chooses it and comes back.
    setup = setup_page(app, "bank")
    tap(setup.action_buttons["bank"])
    banks = app.wait_for(BankSettingScreen)
    tap(banks.buttons["icbc"])
    setup = setup_page(app, "done")
    assert not setup.note.isVisible()  # nothing missing
    tap(setup.action_buttons["finish"])
    app.wait_for(HomeScreen)

    print(f"taps: {tap.count}")
    assert tap.count <= 20, f"{tap.count} taps"
    state = app.stored_state()
    assert state.finished and "alerts" in state.confirmed
    # Everything is set: the family settings open as usual, with no checklist.
    app.window.open("family_settings")
    gate = app.wait_for(PinScreen)
    qtbot.waitUntil(lambda: gate.step == "entry")
    type_pin(app, tap, gate)
    hub = app.wait_for(FamilySettingsScreen)
    app.settle()
    assert not hub.checklist.frame.isVisible()


def test_a_failed_test_message_says_why_in_plain_words(
    start_app: Callable[[], App], pushplus: PushPlusServer, home: Path, qtbot: Any
) -> None:
    pushplus.code = 903  # PushPlus: the token is not valid
    app = start_app()
    tap = Taps(qtbot)
    setup = setup_page(app, "pin")
    tap(setup.action_buttons["skip"])
    setup = setup_page(app, "family")
    tap(setup.action_buttons["family"])
    form = app.wait_for(ContactFormScreen)
    form.name_edit.insert("李娜")  # typed through the input method
    qtbot.keyClicks(form.phone_edit, "13812345678")
    tap(form.save_button)
    setup = setup_page(app, "alerts")
    tap(setup.action_buttons["channel"])
    tap(app.wait_for(ChannelKindScreen).buttons["pushplus"])
    channel_form = app.wait_for(ChannelFormScreen)
    qtbot.keyClicks(channel_form.inputs["token"], TOKEN)
    tap(channel_form.ok_button)
    setup = setup_page(app, "alerts")
    qtbot.waitUntil(lambda: setup.test == "failed", timeout=30_000)
    assert "没有送到" in setup.note.text()
    assert "令牌不对" in setup.note.text()
    assert "903" not in setup.note.text()
    # Only a new token helps: changing it is the main (first, largest) button, sending again
    # comes second.
    assert setup.shown_actions() == ["change_main", "retry_aside", "skip"]
    change, again = setup.action_buttons["change_main"], setup.action_buttons["retry_aside"]
    assert change.property("role") == "primary" and again.property("role") != "primary"
    assert change.label() == "改一改提醒方式" and again.label() == "再发一次"
    assert change.x() < again.x() and change.width() > again.width()
    assert "alerts" not in app.stored_state().confirmed
    # The step stays open until it arrives or is skipped.
    tap(setup.action_buttons["skip"])
    setup_page(app, "autostart")
    assert "alerts" in app.stored_state().skipped


def test_a_passing_fault_keeps_sending_again_as_the_main_button(
    start_app: Callable[[], App], pushplus: PushPlusServer, home: Path, qtbot: Any
) -> None:
    pushplus.code = 500  # PushPlus: a fault on its side, not in the settings
    app = start_app()
    tap = Taps(qtbot)
    tap(setup_page(app, "pin").action_buttons["skip"])
    tap(setup_page(app, "family").action_buttons["family"])
    form = app.wait_for(ContactFormScreen)
    form.name_edit.insert("李娜")
    qtbot.keyClicks(form.phone_edit, "13812345678")
    tap(form.save_button)
    tap(setup_page(app, "alerts").action_buttons["channel"])
    tap(app.wait_for(ChannelKindScreen).buttons["pushplus"])
    channel_form = app.wait_for(ChannelFormScreen)
    qtbot.keyClicks(channel_form.inputs["token"], TOKEN)
    tap(channel_form.ok_button)
    setup = setup_page(app, "alerts")
    qtbot.waitUntil(lambda: setup.test == "failed", timeout=30_000)
    assert "对方的服务出了问题" in setup.note.text()
    assert setup.shown_actions() == ["retry", "change", "skip"]
    assert setup.action_buttons["retry"].property("role") == "primary"


def test_the_start_up_tile_updates_the_checklist_at_once(
    start_app: Callable[[], App], home: Path, qtbot: Any
) -> None:
    app = start_app()
    tap = Taps(qtbot)
    tap(setup_page(app, "pin").action_buttons["pin"])
    pin = app.wait_for(SetupPinScreen)
    qtbot.waitUntil(lambda: pin.step == "setup")
    type_pin(app, tap, pin)
    qtbot.waitUntil(lambda: pin.step == "confirm")
    type_pin(app, tap, pin)
    for page in ("family", "alerts", "autostart", "bank"):
        tap(setup_page(app, page).action_buttons["skip"])
    tap(setup_page(app, "done").action_buttons["finish"])
    app.wait_for(HomeScreen)
    app.window.open("family_settings")
    gate = app.wait_for(PinScreen)
    qtbot.waitUntil(lambda: gate.step == "entry")
    type_pin(app, tap, gate)
    hub = app.wait_for(FamilySettingsScreen)
    qtbot.waitUntil(lambda: hub.checklist.frame.isVisible())
    assert "autostart" in hub.checklist.buttons
    count = len(hub.checklist.buttons)
    # On: the item leaves the list while the page stays as it is (not shown again).
    tap(hub.buttons["autostart"])
    assert autostart_path().exists()
    qtbot.waitUntil(lambda: "autostart" not in hub.checklist.buttons)
    assert app.screen() is hub
    assert hub.checklist.heading.text() == f"还差 {count - 1} 项没设好"
    # Off again: it comes back at once.
    tap(hub.buttons["autostart"])
    assert not autostart_path().exists()
    qtbot.waitUntil(lambda: "autostart" in hub.checklist.buttons)
    assert hub.checklist.heading.text() == f"还差 {count} 项没设好"


def test_skipped_steps_are_kept_across_a_restart_and_taken_up_from_the_checklist(
    start_app: Callable[[], App], home: Path, qtbot: Any
) -> None:
    app = start_app()
    tap = Taps(qtbot)
    setup = setup_page(app, "pin")
    tap(setup.action_buttons["pin"])
    pin = app.wait_for(SetupPinScreen)
    qtbot.waitUntil(lambda: pin.step == "setup")
    type_pin(app, tap, pin)
    qtbot.waitUntil(lambda: pin.step == "confirm")
    type_pin(app, tap, pin)
    setup = setup_page(app, "family")
    tap(setup.action_buttons["skip"])
    setup = setup_page(app, "alerts")
    assert setup.shown_actions() == ["family", "skip"]  # a family member is needed first
    # Home in the middle of the set-up: it is begun, not finished, and stored so.
    app.window.home()
    state = app.stored_state()
    assert state.started and not state.finished and state.skipped == {"family"}

    # After a restart it does not open by itself (the PIN guards it now)...
    app = start_app()
    app.settle()
    app.settle()
    assert isinstance(app.screen(), HomeScreen) and app.window.stack.count() == 1
    # ...but the family settings open it, after the PIN, where it was left.
    app.window.open("family_settings")
    gate = app.wait_for(PinScreen)
    qtbot.waitUntil(lambda: gate.step == "entry")
    type_pin(app, tap, gate)
    setup = setup_page(app, "alerts")
    for page in ("alerts", "autostart", "bank"):
        setup = setup_page(app, page)
        tap(setup.action_buttons["skip"])
    setup = setup_page(app, "done")
    assert "还差 4 项" in setup.note.text()
    tap(setup.action_buttons["finish"])
    app.wait_for(HomeScreen)

    # Finished: the family settings list what is missing, each a big button.
    app.window.open("family_settings")
    gate = app.wait_for(PinScreen)
    qtbot.waitUntil(lambda: gate.step == "entry")
    type_pin(app, tap, gate)
    hub = app.wait_for(FamilySettingsScreen)
    qtbot.waitUntil(lambda: hub.checklist.frame.isVisible())
    assert hub.checklist.heading.text() == "还差 4 项没设好"
    assert list(hub.checklist.buttons) == ["family", "alerts", "autostart", "bank"]
    tap(hub.checklist.buttons["bank"])
    setup = setup_page(app, "bank")
    tap(setup.action_buttons["bank"])
    tap(app.wait_for(BankSettingScreen).buttons["ccb"])
    hub = app.wait_for(FamilySettingsScreen)
    qtbot.waitUntil(lambda: list(hub.checklist.buttons) == ["family", "alerts", "autostart"])
    assert hub.checklist.heading.text() == "还差 3 项没设好"

    # Another restart: the same list.
    app = start_app()
    app.window.open("family_settings")
    gate = app.wait_for(PinScreen)
    qtbot.waitUntil(lambda: gate.step == "entry")
    type_pin(app, tap, gate)
    hub = app.wait_for(FamilySettingsScreen)
    qtbot.waitUntil(lambda: list(hub.checklist.buttons) == ["family", "alerts", "autostart"])
    # Turning start-up off on purpose settles that item too.
    tap(hub.checklist.buttons["autostart"])
    setup = setup_page(app, "autostart")
    tap(setup.action_buttons["autostart_off"])
    hub = app.wait_for(FamilySettingsScreen)
    qtbot.waitUntil(lambda: list(hub.checklist.buttons) == ["family", "alerts"])
    assert not autostart_path().exists()


def _open_check(window: MainWindow) -> None:
    window.open("check_call")


def _open_remote_warning(window: MainWindow) -> None:
    found = match_processes(load_remote_apps(), [ProcessInfo(4242, "ToDesk.exe", None)], "win32")
    window.show_screen(RemoteAppWarningScreen(window.ctx, found))


@pytest.mark.parametrize("busy", [_open_check, _open_remote_warning], ids=["check", "warning"])
def test_the_setup_does_not_open_over_a_check_or_a_warning(
    start_app: Callable[[], App], qtbot: Any, busy: Callable[[MainWindow], None]
) -> None:
    app = start_app()
    busy(app.window)  # before the database has answered
    shown = app.screen()
    app.settle()
    app.settle()
    assert app.screen() is shown
    screens = [app.window.stack.widget(i) for i in range(app.window.stack.count())]
    assert not any(isinstance(s, SetupScreen) for s in screens)
    assert not app.stored_state().started
    # It waits for the next start, when nothing else is on.
    app = start_app()
    setup_page(app, "pin")


@pytest.fixture
def real_start() -> Iterator[Callable[[], MainWindow]]:
    """For a test of ``run_gui`` as the app runs it: returns the window the start made.

    The log handlers the start adds are taken off afterwards, and its window closed.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    before = set(QApplication.topLevelWidgets())

    def new_window() -> MainWindow:
        [window] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w not in before
        ]
        return window

    yield new_window
    for widget in set(QApplication.topLevelWidgets()) - before:
        widget.close()
        widget.deleteLater()
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def run_until(condition: Callable[[], bool], ms: int = 10_000) -> None:
    """Let the event loop run until ``condition`` holds (at most ``ms``)."""
    deadline = QDeadlineTimer(ms)
    while not condition() and not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def test_the_app_opens_the_setup_on_its_first_start(
    real_start: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def look(*_: object) -> int:
        window = real_start()
        run_until(lambda: isinstance(window.current_screen(), SetupScreen))
        seen.append(type(window.current_screen()).__name__)
        return 0

    monkeypatch.setattr(QApplication, "exec", look)
    assert run_gui(argparse.Namespace(lang="zh")) == 0
    assert seen == ["SetupScreen"]


def test_no_setup_in_demo_mode(
    real_start: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def look(*_: object) -> int:
        window = real_start()
        disk = window.ctx.disk
        assert disk is not None
        box: list[object] = []
        run_until(lambda: disk.is_running())
        disk.submit(lambda db: None, on_done=box.append)
        disk.submit(lambda db: None, on_done=box.append)
        run_until(lambda: len(box) == 2)
        stack = [window.stack.widget(i) for i in range(window.stack.count())]
        seen.append(any(isinstance(s, SetupScreen) for s in stack))
        return 0

    monkeypatch.setattr(QApplication, "exec", look)
    assert run_gui(argparse.Namespace(lang="zh", demo=True)) == 0
    assert seen == [False]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_SIZES_PT) - 1])
@pytest.mark.parametrize("scene", list(setup_scenes.SCENES))
def test_every_setup_page_meets_the_bar(
    speaker: RecordingSpeaker,
    disk: DiskWorker,
    db_path: Path,
    make_window: WindowMaker,
    home: Path,
    scene: str,
    lang: Lang,
    step: int,
) -> None:
    family = make_family(make_window, disk, db_path, lang, step)
    setup_scenes.SCENES[scene](family.window)
    family.settle()
    assert problems_on(family.window, step) == []
    screen = family.screen()
    assert screen.spoken_text() and screen.spoken_text() in " ".join(t for t, _ in speaker.said)
