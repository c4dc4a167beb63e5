"""One picture, one meaning: no pictogram stands for two different things anywhere in the app.

An older person learns a picture once: the house takes them home, the building with the seal
is the government. The same house on "open when the computer starts", or the same building on
"my bank", teaches them the wrong thing. The walk builds every screen the screenshots show (the
older person's screens, the family's, the first set-up and demo mode), finds every big button
with a pictogram, and names what the button means: the catalog key of its words, the caller
type of a caller picture or demo card, else "a row of <screen>" (a contact, a record). A
pictogram found with two meanings fails, unless the meanings are listed in SAME_THING as one
thing said in different words.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from guardian.assets import asset_path
from guardian.core.content import Content
from guardian.core.i18n import Catalog, Lang
from guardian.ui.family.hub import FamilySettingsScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton

ROOT = Path(__file__).resolve().parents[2]
LANG: Lang = "zh"

# Meanings that are one thing in different words, each group named for what its picture says.
# A catalog key in no group is a meaning of its own. Keep a group to words a person would take
# for the same act; a new button whose words say something else needs a picture of its own.
SAME_THING: dict[str, set[str]] = {
    # The tick: yes, agreed, done.
    "yes": {
        "question.yes", "remote.yes", "remote.ok", "notice.ok", "channel.ok", "pin.ok",
        "family.unsaved_save", "card.done_filling", "setup.alerts_received",
        "setup.autostart_on", "setup.finish",
    },
    # The cross: no, not this.
    "no": {"question.no", "remote.no", "setup.autostart_off"},
    # The arrow left: one step, one page back.
    "back": {"nav.back", "paging.previous", "money.previous", "demo.slide_back"},
    # The arrow right: on to the next step, page, line, person or tip.
    "next": {
        "number.next", "money.next", "paging.next", "call.next", "demo.slide_next",
        "demo.next_line", "demo.next_person", "demo.reveal", "tip.another", "history.more",
    },
    # The house: back to the home screen (leaving demo mode, or saving, goes there too).
    "home": {"nav.home", "verdict.home", "demo.leave", "family.display_save"},
    # The globe: the language (and the text size, set on the same page).
    "language": {"family.display", "family.lang_zh", "family.lang_en"},
    # The bin: delete it.
    "delete": {"contacts.delete", "history.delete_all", "history.delete_one"},
    # The handset: phone this number yourself.
    "call": {
        "phone.call_again", "verify.button", "money.step_bank_button",
        "a row of MoneySentScreen", "a row of VerifyScreen",
    },
    # The police badge: 110, to call or to see.
    "110": {"call.police", "verdict.call_110", "verdict.call_110_show", "bank.dont_know"},
    # The anti-fraud line: 96110, to call or to see.
    "96110": {"call.antifraud", "verdict.call_96110_show"},
    # The question mark: who it was is not known ("我不知道", and "都不是、我不知道" at the end of
    # the callers' second page, which leads to the same questions; the demo shows that page too).
    "unknown": {"caller.unknown", "a row of CheckCallScreen", "a row of DemoScreen"},
    # The camera: take a picture of the phone's screen with it.
    "camera": {"camera.button", "camera.take"},
    # The arrow over: skip this step for now.
    "skip": {"number.skip", "setup.skip"},
    # The family together: call them, see their numbers, the list of them.
    "family": {
        "verdict.call_family", "verdict.call_family_show", "money.step_family_button",
        "family.contacts", "setup.step_family",
    },
    # One person: a family member to add or to call.
    "one family member": {
        "contacts.add", "setup.family_do", "call.primary_button", "call.name_relationship",
    },
    # The magnifier and the keypad: check a text message or a phone number ("查一查").
    "check a message or a number": {
        "message.title", "message.to_text", "message.to_number", "message.check",
    },
    # The bell: how the family is alerted, and alerts sent to try it.
    "alerts to the family": {
        "contacts.channels", "setup.step_alerts", "setup.alerts_do", "setup.alerts_send",
        "contacts.add_channel", "contacts.test_alert", "weekly_note.turn_off",
    },
    # The lock: the family's PIN and what it guards.
    "family PIN": {
        "route.family_settings", "pin.change_title", "setup.step_pin", "setup.pin_do",
        "pin.missing_continue",
    },
    # The bank building with the yuan sign: the older person's own bank.
    "my bank": {"family.bank_title", "setup.step_bank", "setup.bank_do"},
    # The printer: print a paper (the report card, the handout).
    "print": {"card.pdf", "demo.print", "demo.handout", "money.step_card_button"},
    # The circling arrow: do it once more (check, send, play).
    "again": {
        "message.again", "family.outbox_retry", "setup.alerts_retry", "demo.replay_line",
    },
    # The loudspeaker: hear it, and how it sounds.
    "hear it": {"nav.replay", "voice.title", "voice.test", "demo.play", "card.read"},
    # The remote-control program on the screen: close it.
    "the remote-control program": {"remote.close_for_me", "money.step_sharing_button"},
}  # fmt: skip


def _open_hub_item(item: str) -> Callable[[MainWindow], None]:
    """A page of the family settings, opened from its button on the settings hub."""

    def scene(window: MainWindow) -> None:
        from guardian.ui.family.screenshot_scenes import settings_hub

        settings_hub(window)
        hub = window.current_screen()
        assert isinstance(hub, FamilySettingsScreen)
        hub.buttons[item].click()

    return scene


# Screens the screenshots do not show, opened as a person opens them.
MORE_SCENES: dict[str, Callable[[MainWindow], None]] = {
    "verify-couriers": lambda window: window.open("verify", target="couriers"),
    "verify-own-bank": lambda window: window.open("verify", target="own_bank"),
    "display-settings": _open_hub_item("display"),
    "bank-setting": _open_hub_item("bank"),
    "data-folder": _open_hub_item("data"),
}


def _screenshots() -> ModuleType:
    """scripts/screenshots.py, whose scenes reach every screen the way a person does."""
    spec = importlib.util.spec_from_file_location(
        "guardian_screenshots", ROOT / "scripts" / "screenshots.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class Meanings:
    """Names what a button means from its words: a catalog key, a caller type, or a row."""

    def __init__(self, catalog: Catalog, content: Content) -> None:
        self.templates: list[tuple[int, re.Pattern[str], str]] = []
        for key in catalog.keys(LANG):
            template = catalog.template(LANG, key) or ""
            parts = re.split(r"\{[a-z_0-9]+\}", template)
            pattern = "(.+?)".join(re.escape(part) for part in parts)
            literal = sum(len(part.strip()) for part in parts)
            if literal:
                self.templates.append((literal, re.compile(pattern, re.DOTALL), key))
        self.templates.sort(key=lambda entry: -entry[0])  # the most specific words first
        self.callers = {caller.label.get(LANG): caller.id for caller in content.wizard.callers}
        if content.wizard.more is not None:
            self.callers[content.wizard.more.label.get(LANG)] = "more"
        from guardian.scenarios_loader import load_scenarios

        self.scenarios = {s.title.get(LANG): s.caller for s in load_scenarios(content)}

    def of(self, button: BigButton) -> str:
        """What ``button`` means, in the terms of SAME_THING."""
        words = button.label()
        if words in self.callers:
            return f"caller.{self.callers[words]}"
        title = words.split("\n", 1)[0]
        if title in self.scenarios:  # a demo card shows who calls
            return f"caller.{self.scenarios[title]}"
        # The same words may stand under several keys ("确定"): the meaning is all of them.
        best = 0
        keys: list[str] = []
        for literal, pattern, key in self.templates:
            if literal < best:
                break
            if pattern.fullmatch(words):
                best = literal
                keys.append(key)
        if keys:
            return "|".join(sorted(keys))
        screen = button.parentWidget()
        while screen is not None and not isinstance(screen, Screen):
            screen = screen.parentWidget()
        return f"a row of {type(screen).__name__}"


def group(meaning: str) -> str:
    """The SAME_THING group ``meaning`` belongs to, else the meaning itself."""
    for name, members in SAME_THING.items():
        if members & set(meaning.split("|")):
            return name
    return meaning


@pytest.fixture(scope="module")
def pictures(
    qapp: QApplication, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, dict[str, set[str]]]]:
    """Pictogram -> meaning -> the words and scenes it was seen with, over every scene."""
    shots = _screenshots()
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    meanings: Meanings | None = None
    root = tmp_path_factory.mktemp("pictures")
    patch = pytest.MonkeyPatch()
    try:
        for name, scene in {**shots.SCENES, **MORE_SCENES}.items():
            patch.setenv("GUARDIAN_DATA_DIR", str(root / name))
            options = shots.StartOptions(lang=LANG, make_speaker=shots.PictureSpeaker)
            window: MainWindow = shots.build_window(qapp, options)
            window.resize(1280, 860)
            window.show()
            scene(window)
            shots.settle(qapp)
            if meanings is None:
                meanings = Meanings(window.ctx.catalog, window.ctx.content)
            for button in window.findChildren(BigButton):
                if button.icon_name:
                    words = button.label().replace("\n", " ")
                    seen[button.icon_name][meanings.of(button)].add(f"{words!r} ({name})")
            window.close()
            shots.shutdown(window)
            window.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        patch.undo()
    yield seen


def test_no_picture_means_two_things(pictures: dict[str, dict[str, set[str]]]) -> None:
    problems = []
    for icon, by_meaning in sorted(pictures.items()):
        groups: dict[str, list[str]] = defaultdict(list)
        for meaning, where in by_meaning.items():
            groups[group(meaning)].append(f"{meaning}: {sorted(where)[0]}")
        if len(groups) > 1:
            lines = "\n    ".join(f"{name} <- {', '.join(sorted(m))}" for name, m in groups.items())
            problems.append(f"{icon!r} means {len(groups)} things:\n    {lines}")
    assert not problems, "\n".join(problems)


def test_the_walk_finds_the_pictures_of_every_part(
    pictures: dict[str, dict[str, set[str]]],
) -> None:
    # The walk reaches the home screen, the callers, the family settings and demo mode.
    assert {"call_check", "caller_police", "settings_lock", "demo"} <= set(pictures)


def test_every_same_thing_group_is_used(pictures: dict[str, dict[str, set[str]]]) -> None:
    # A key listed in SAME_THING that no button shows any more is left over: remove it.
    shown = {key for by_meaning in pictures.values() for m in by_meaning for key in m.split("|")}
    unused = {key for members in SAME_THING.values() for key in members} - shown
    assert not unused


def _names_in_code() -> str:
    texts = [path.read_text(encoding="utf-8") for path in (ROOT / "guardian").rglob("*.py")]
    texts += [path.read_text(encoding="utf-8") for path in asset_path("content").glob("*.toml")]
    return "\n".join(texts)


# Pictograms named by a pattern in the code rather than written out: f"level_{level}".
NAMED_BY_PATTERN = re.compile(r"level_(high|medium|low)")


def test_every_pictogram_file_is_used() -> None:
    code = _names_in_code()
    unused = []
    for path in sorted(asset_path("icons").glob("*.svg")):
        name = path.stem
        if name == "app" or NAMED_BY_PATTERN.fullmatch(name):
            continue  # the application's own icon; the levels' pictures
        if f'"{name}"' not in code:
            unused.append(name)
    assert not unused, f"pictograms no screen uses: {unused}"


def test_every_named_pictogram_has_a_file(pictures: dict[str, dict[str, set[str]]]) -> None:
    missing = [name for name in pictures if not asset_path("icons", f"{name}.svg").is_file()]
    assert not missing
