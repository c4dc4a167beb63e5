"""One way to navigate: every screen has a route, screens open each other by route name only,
building a route's screen changes nothing, and no route skips the family PIN."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.core.records import CheckRecord
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxStore
from guardian.storage.worker import DiskWorker
from guardian.ui.context import AppContext
from guardian.ui.family.hub import HUB_ROUTES, FamilySettingsScreen
from guardian.ui.family.pin import PinScreen
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.routes import build_routes
from guardian.ui.screen import Screen
from tests.ui.family.test_family import family_catalog

UI = Path(__file__).resolve().parents[2] / "guardian" / "ui"

BASES = {"guardian.ui.screen", "guardian.ui.family.common"}
"""The frames every screen is built on (``Screen``, ``FamilyScreen``): imported by all."""

KNOWN: set[tuple[str, str]] = set()
"""Screen modules that still build another module's screen (or reuse a widget or a subclass
kept in one): none. A screen opens another by its route name, and what screens share lives in
a module that is not a screen's."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(UI.parents[1]).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _trees() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(UI.rglob("*.py"))
    }


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def screen_modules(trees: dict[str, ast.Module]) -> set[str]:
    """The modules that define a ``Screen`` subclass (the frames they share left out)."""
    classes = [
        (module, node)
        for module, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    screens = {"Screen"}
    found = True
    while found:  # a subclass of a subclass is a screen too
        found = False
        for _, node in classes:
            if node.name not in screens and any(_base_name(b) in screens for b in node.bases):
                screens.add(node.name)
                found = True
    return {m for m, node in classes if node.name in screens and node.name != "Screen"} - BASES


def imported_modules(tree: ast.Module, known: set[str]) -> set[str]:
    """Every ``guardian`` module ``tree`` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            # ``from guardian.ui.family import pin`` imports the module ``pin``
            names.update(
                f"{node.module}.{alias.name}"
                for alias in node.names
                if f"{node.module}.{alias.name}" in known
            )
    return names


def screen_imports() -> set[tuple[str, str]]:
    """(importer, imported) for each screen module that imports another screen module."""
    trees = _trees()
    screens = screen_modules(trees)
    return {
        (module, imported)
        for module in screens
        for imported in imported_modules(trees[module], set(trees)) & screens
        if imported != module
    }


def test_the_walk_finds_the_screens_and_their_imports() -> None:
    trees = _trees()
    screens = screen_modules(trees)
    assert {"guardian.ui.home", "guardian.ui.family.hub", "guardian.ui.history_detail"} <= screens
    assert not {"guardian.ui.routes", "guardian.ui.widgets", "guardian.ui.context"} & screens
    assert not BASES & screens
    routes = imported_modules(trees["guardian.ui.routes"], set(trees))  # inside functions
    assert {"guardian.ui.family.pin", "guardian.ui.hotline"} <= routes
    scenes = imported_modules(trees["guardian.ui.family.setup_scenes"], set(trees))
    assert "guardian.ui.family.pin" in scenes


def test_no_screen_module_imports_another_screen_module() -> None:
    found = screen_imports()
    assert found - KNOWN == set(), "open the screen by its route name instead"
    assert KNOWN - found == set(), "no longer imported: take it off the list"


def test_the_hub_and_the_history_open_screens_by_route_name_only() -> None:
    found = screen_imports()
    for module in ("guardian.ui.history", "guardian.ui.history_detail", "guardian.ui.family.pin"):
        assert not [imported for importer, imported in found if importer == module]
    assert not [pair for pair in found if "guardian.ui.history" in pair]
    assert not [imported for importer, imported in found if importer == "guardian.ui.family.hub"]
    assert set(HUB_ROUTES.values()) <= set(build_routes())


# -- the routes themselves -------------------------------------------------------------------


@pytest.fixture
def window(qtbot, speaker, disk: DiskWorker, db_path: Path) -> Iterator[MainWindow]:
    ctx = AppContext(
        family_catalog(), speaker, lang="zh", disk=disk, data_dir=db_path.parent / "data"
    )
    win = MainWindow(ctx, build_routes(), HomeScreen)
    qtbot.addWidget(win)
    win.resize(1280, 860)
    win.show()
    yield win
    win.close()


def on_disk(qtbot, disk: DiskWorker, job: Any) -> Any:
    box: list[Any] = []
    disk.submit(job, on_done=box.append, on_error=box.append)
    qtbot.waitUntil(lambda: bool(box))
    assert not isinstance(box[0], Exception), box[0]
    return box[0]


def add_daughter(qtbot, disk: DiskWorker) -> None:
    phone = parse_phone("13812345678").phone
    assert phone is not None
    contact = Contact(
        name="安娜",
        phone=phone,
        relationship="daughter",
        channels=[ChannelConfig("json", {"url": "https://family.example.com/hook"})],
    )
    on_disk(qtbot, disk, lambda db: ContactStore(db).add(contact))


def route_arguments(ctx: AppContext) -> dict[str, dict[str, object]]:
    when = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    record = CheckRecord(id=1, kind="call", started_at=when, updated_at=when, lang="zh")
    return {
        "verify": {"target": next(iter(ctx.content.verify))},
        "hotline_card": {"hotline_id": "police"},
        "remote_warning": {"found": []},
        "history_detail": {"record": record},
        "family_contact_form": {"contact": None},
        "family_channel_kind": {"contact_name": "安娜", "on_done": lambda channel: None},
        "family_channel_form": {"kind": "email", "channel": None, "on_done": lambda c: None},
        "family_setup": {"only": "alerts"},
    }


def test_building_every_routes_screen_queues_nothing(qtbot, window: MainWindow, disk) -> None:
    add_daughter(qtbot, disk)
    ctx = window.ctx
    window.show_screen(FamilySettingsScreen(ctx))  # inside the settings: the real screens
    arguments = route_arguments(ctx)
    built: list[Screen] = []
    for route, factory in build_routes().items():
        built.append(factory(ctx, **arguments.get(route, {})))
    qtbot.wait(50)
    messages = on_disk(qtbot, disk, lambda db: OutboxStore(db).recent())
    assert [(m.event, m.title) for m in messages] == []
    for screen in built:
        screen.closing()
        screen.deleteLater()


def test_the_family_is_told_when_the_call_family_screen_shows(
    qtbot, window: MainWindow, disk
) -> None:
    add_daughter(qtbot, disk)

    def events() -> list[str]:
        return [m.event for m in on_disk(qtbot, disk, lambda db: OutboxStore(db).recent())]

    window.open("call_family")
    qtbot.waitUntil(lambda: events() == ["called_family"])
    window.back()
    qtbot.wait(50)
    assert events() == ["called_family"]  # once, not again on leaving


@pytest.mark.parametrize("route", sorted(r for r in build_routes() if r.startswith("family_")))
def test_no_family_route_skips_the_pin(qtbot, window: MainWindow, route: str) -> None:
    arguments = route_arguments(window.ctx)
    window.open(route, **arguments.get(route, {}))
    screen = window.current_screen()
    assert type(screen) is PinScreen and not screen.change


def test_the_hub_opens_each_page_by_its_route(qtbot, window: MainWindow) -> None:
    expected = {
        "contacts": "ContactListScreen",
        "channels": "ContactListScreen",
        "voice": "VoiceSettingsScreen",
        "display": "DisplaySettingsScreen",
        "bank": "BankSettingScreen",
        "history": "HistoryScreen",
        "outbox": "OutboxStatusScreen",
        "pin": "PinScreen",
        "data": "DataFolderScreen",
        "doctor": "DoctorScreen",
    }
    hub = FamilySettingsScreen(window.ctx)
    window.show_screen(hub)
    for name, kind in expected.items():
        hub.buttons[name].click()
        screen = window.current_screen()
        assert type(screen).__name__ == kind, name
        if isinstance(screen, PinScreen):
            assert screen.change  # a new PIN, not the gate again
        window.back()
        qtbot.waitUntil(lambda: window.current_screen() is hub)
