"""A PIN deleted behind Guardian's back, and PIN guessing, never go unnoticed by the family."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from guardian.core.contacts import ChannelConfig
from guardian.core.i18n import Lang
from guardian.core.pin import PinPolicy
from guardian.storage.pin_state import PIN_HASH_KEY, PinStore
from guardian.ui.family.hub import FamilySettingsScreen
from guardian.ui.family.pin import PinScreen
from guardian.ui.theme import TEXT_SIZES_PT
from tests.clock import FakeClock
from tests.ui.conftest import WindowMaker
from tests.ui.family.test_family import Family, make_family, stored_outbox, type_pin
from tests.ui.test_elder_friendly import problems_on

HOOK = ChannelConfig("json", {"url": "http://127.0.0.1:9/hook"})


@pytest.fixture
def family(disk, db_path, make_window: WindowMaker) -> Family:
    return make_family(make_window, disk, db_path)


def delete_pin_row(db_path: Path) -> None:
    """What someone with the file in hand (or a damaged disk) does: the PIN row is gone."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("DELETE FROM settings WHERE key = ?", [PIN_HASH_KEY])
        connection.commit()
    finally:
        connection.close()


def test_a_deleted_pin_is_told_to_the_family_before_a_new_one_is_set(
    family: Family, speaker
) -> None:
    family.add_contact("女儿", "13900139000", [HOOK])
    family.on_disk(lambda db: PinStore(db).set_pin("2468"))
    delete_pin_row(family.db_path)

    family.window.open("family_settings")
    screen = family.screen()
    assert isinstance(screen, PinScreen)
    family.settle()
    # Told before anything can be typed, and said first, on its own, on the screen and aloud.
    assert screen.step == "missing"
    assert [m.event for m in stored_outbox(family.db_path)] == ["pin_missing"]
    assert screen.missing_note.isVisibleTo(screen) and not screen.pad.isVisibleTo(screen)
    assert "密码不见了" in screen.missing_note.text()
    assert "已经通知" in screen.missing_note.text()
    assert "密码不见了" in speaker.last()
    screen.missing_continue.click()
    assert screen.step == "setup" and screen.pad.isVisibleTo(screen)
    assert "设置家人密码" in speaker.last()

    type_pin(family, screen, "1357")
    type_pin(family, screen, "1357")
    assert isinstance(family.screen(), FamilySettingsScreen)
    _missing, new_pin = stored_outbox(family.db_path)
    assert new_pin.event == "settings_changed"
    assert "设了新密码" in new_pin.body

    # Opening the settings again: the PIN is asked for, nothing more is sent.
    family.window.back()
    family.window.open("family_settings")
    gate = family.screen()
    assert isinstance(gate, PinScreen)
    family.settle()
    assert gate.step == "entry" and not gate.missing_page.isVisibleTo(gate)
    assert len(stored_outbox(family.db_path)) == 2


def test_a_first_pin_without_contacts_is_not_announced(family: Family) -> None:
    family.window.open("family_settings")
    screen = family.screen()
    assert isinstance(screen, PinScreen)
    family.settle()
    assert screen.step == "setup" and not screen.missing_page.isVisibleTo(screen)
    type_pin(family, screen, "1357")
    type_pin(family, screen, "1357")
    assert isinstance(family.screen(), FamilySettingsScreen)
    assert stored_outbox(family.db_path) == []


def test_each_lock_is_longer_and_told_to_the_family(family: Family, speaker) -> None:
    family.add_contact("女儿", "13900139000", [HOOK])
    family.on_disk(lambda db: PinStore(db).set_pin("2468"))
    clock = FakeClock()
    screen = family.show(PinScreen(family.ctx, policy=PinPolicy(clock)))
    assert isinstance(screen, PinScreen)
    for minutes, told in ((5, 1), (15, 2), (60, 3)):
        for _ in range(5):
            type_pin(family, screen, "1111")
        assert screen.step == "locked"
        assert f"{minutes}分钟" in screen.pad.message_text()
        assert f"{minutes}分钟" in speaker.last()
        messages = stored_outbox(family.db_path)
        assert [m.event for m in messages] == ["pin_locked"] * told
        assert f"锁定{minutes}分钟" in messages[-1].body
        clock.now += minutes * 60
        screen.refresh_lock()
        family.settle()
        assert screen.step == "entry"
    type_pin(family, screen, "2468")
    assert isinstance(family.screen(), FamilySettingsScreen)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_SIZES_PT) - 1])
@pytest.mark.parametrize("state", ["missing", "locked"])
def test_the_warnings_meet_the_bar(
    disk, db_path, make_window: WindowMaker, state: str, lang: Lang, step: int
) -> None:
    family = make_family(make_window, disk, db_path, lang, step)
    family.add_contact("女儿", "13900139000", [HOOK])
    if state == "missing":
        family.window.open("family_settings")
        family.settle()
        screen = family.screen()
        assert isinstance(screen, PinScreen) and screen.step == "missing"
    else:
        family.on_disk(lambda db: PinStore(db).set_pin("2468"))
        screen = family.show(PinScreen(family.ctx, policy=PinPolicy(FakeClock())))
        assert isinstance(screen, PinScreen)
        for _ in range(5):
            type_pin(family, screen, "1111")
        assert screen.step == "locked"
        assert not screen.pad.keys["1"].isVisibleTo(screen)
    assert problems_on(family.window, step) == []
