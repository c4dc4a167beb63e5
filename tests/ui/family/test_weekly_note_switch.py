"""The weekly note's switch on the family's alert settings, on the real screen and database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from guardian.core.contacts import ChannelConfig
from guardian.core.i18n import Lang
from guardian.storage.outbox import OutboxStore
from guardian.storage.weekly_note import load_schedule
from guardian.storage.worker import DiskWorker
from guardian.ui.family.contacts import ContactListScreen
from guardian.ui.family.weekly_note import WeeklyNotePanel, weekly_notes
from guardian.ui.theme import TEXT_SIZES_PT
from tests.ui.conftest import WindowMaker
from tests.ui.family.test_family import Family, family_catalog, family_routes
from tests.ui.test_elder_friendly import problems_on

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 5, 1, 15, 0, tzinfo=CST)  # a Wednesday, 15:00


def open_family(
    make_window: WindowMaker, disk: DiskWorker, db_path: Path, lang: Lang, step: int
) -> Family:
    """The family's screens in the app's window, saving through ``disk`` (ask for it first)."""
    ctx = make_window.ctx(
        lang,
        step,
        catalog=family_catalog(),
        disk=disk,
        person_name="妈妈",
        clock=lambda: NOW,
    )
    weekly_notes(ctx)  # the app's schedule, as after the outbox started
    window = make_window(ctx=ctx, routes=family_routes(), wait_exposed=False)
    family = Family(make_window.qtbot, window, disk, db_path)
    family.add_contact(
        "小红", "13800138000", [ChannelConfig(kind="json", fields={"url": "http://127.0.0.1:9/x"})]
    )
    return family


def a_delivery(family: Family) -> None:
    """The family's test message arrived (in the real outbox table)."""

    def job(db: Any) -> None:
        store = OutboxStore(db, clock=lambda: NOW)
        for message_id in store.enqueue_for_contacts("测试", "测试", event="test"):
            store.claim(message_id)
            store.mark_delivered(message_id)

    family.on_disk(job)


def alert_settings(family: Family) -> WeeklyNotePanel:
    screen = family.show(ContactListScreen(family.ctx, for_channels=True))
    assert isinstance(screen, ContactListScreen) and screen.weekly_note is not None
    family.settle()
    return screen.weekly_note


def test_off_until_a_channel_delivers_then_on_with_the_next_time(
    speaker, disk, db_path, make_window: WindowMaker
) -> None:
    family = open_family(make_window, disk, db_path, "zh", 1)
    panel = alert_settings(family)
    assert panel.heading.text() == "每周给家人发一条平安消息"
    assert "这一周检查了几次" in panel.contains.text() and "还在运行" in panel.contains.text()
    assert "还没有哪种提醒方式发送成功过" in panel.status.text()
    assert panel.switch.text_widget.text() == "打开每周消息" and not panel.is_on()
    screen = family.screen()
    assert "每周给家人发一条平安消息" in screen.spoken_text()

    a_delivery(family)
    screen.entered()  # back on the screen after the test message arrived
    family.settle()
    assert panel.is_on()
    assert panel.status.text() == "现在：开着。下一条大约在 5月8日（星期三）15:00 发出。"
    assert panel.switch.text_widget.text() == "关掉每周消息"
    assert panel.switch.accessibleName() == "关掉每周消息"

    panel.switch.click()
    family.settle()
    assert not panel.is_on()
    assert panel.status.text() == "现在：关着，不发每周消息。"
    assert speaker.last().startswith("每周消息关掉了。")
    assert family.on_disk(load_schedule).chosen is False

    family.window.back()
    panel = alert_settings(family)  # opened again: still off, and on again with one press
    assert panel.status.text() == "现在：关着，不发每周消息。"
    panel.switch.click()
    family.settle()
    assert panel.is_on() and "5月8日（星期三）15:00" in panel.status.text()
    assert family.on_disk(load_schedule).chosen is True


def test_the_contact_list_itself_has_no_switch(disk, db_path, make_window: WindowMaker) -> None:
    family = open_family(make_window, disk, db_path, "zh", 1)
    screen = family.show(ContactListScreen(family.ctx))
    assert isinstance(screen, ContactListScreen) and screen.weekly_note is None


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_SIZES_PT) - 1])
@pytest.mark.parametrize("delivered", [True, False])
def test_the_switch_meets_the_bar(
    disk, db_path, make_window: WindowMaker, lang: Lang, step: int, delivered: bool
) -> None:
    family = open_family(make_window, disk, db_path, lang, step)
    if delivered:
        a_delivery(family)
    panel = alert_settings(family)
    assert panel.is_on() is delivered
    if lang == "en" and delivered:
        assert panel.status.text() == (
            "Now: on. The next note goes at about Wednesday 8 May, 15:00."
        )
    family.screen().scroll_area.ensureWidgetVisible(panel.switch)  # type: ignore[attr-defined]
    family.settle()
    assert problems_on(family.window, step) == []
