"""The message result is like the call verdict: what to do now, the buttons to family, 110 and
96110, saved to the real history by itself, the family alerted on the highest level, and pages
instead of a scroll bar at every text size on the smallest window."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QScrollBar

from guardian.assets import load_catalog
from guardian.storage.worker import DiskWorker
from guardian.ui import check_message, family_alerts
from guardian.ui.check_message import CheckMessageScreen
from guardian.ui.hotline import HotlineScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.services import Services
from guardian.ui.theme import TEXT_SIZES_PT
from tests.alerts.test_alerts_from_screens import add_contact
from tests.alerts.test_alerts_on_a_full_disk import fill_up, make_room
from tests.ui.conftest import WindowMaker
from tests.ui.test_elder_friendly import (  # noqa: F401 (fixtures)
    problems_on,
    settle,
    walk_window,
)

# Measured with the font the app really uses (see conftest.app_font).
pytestmark = pytest.mark.usefixtures("app_font")

FRAUD = "【公安局】您的银行卡涉嫌洗钱，请立即把存款转到安全账户配合调查，不要告诉家人。"
ORDINARY = "妈，我周六中午回家吃饭，帮我留点饺子。"
CATALOG = load_catalog()

# A long fraud text: the police story, a safe account, a code, secrecy, a link, each twice.
LONG_FRAUD = {
    "zh": (
        "【市公安局】您好，您名下的银行卡涉嫌一起洗钱案件，已被冻结。请在今天之内把全部存款"
        "转到安全账户配合调查，否则将对您实施抓捕。请把收到的验证码告诉办案民警，不要告诉家人，"
        "也不要挂断电话。请下载会议软件并共享屏幕，点击链接 http://safe-check.example 核对身份。"
    )
    * 3,
    "en": (
        "City police: your bank card is linked to a money laundering case and has been frozen. "
        "Move all your savings to the safe account today to help the investigation, or you will "
        "be arrested. Tell the officer the verification code you receive, do not tell your "
        "family and do not hang up. Install the meeting app and share your screen, then tap "
        "http://safe-check.example to confirm who you are. "
    )
    * 3,
}


class App:
    """The app on a real database, the message check open."""

    def __init__(self, qtbot, window: MainWindow, db_path: Path, disk: DiskWorker) -> None:
        self.qtbot = qtbot
        self.window = window
        self.db_path = db_path
        self.disk = disk
        screen = window.current_screen()
        assert isinstance(screen, CheckMessageScreen)
        self.screen = screen

    def check_text(self, text: str) -> CheckMessageScreen:
        self.screen.text_field.setPlainText(text)
        self.screen.check_text_button.click()
        return self.screen

    def check_number(self, number: str) -> CheckMessageScreen:
        self.screen.to_number.click()
        self.screen.number_field.setText(number)
        self.screen.check_number_button.click()
        return self.screen

    def rows(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.db_path) as connection:
            return connection.execute(sql).fetchall()

    def on_disk(self, job):  # type: ignore[no-untyped-def]
        box: list = []
        self.disk.submit(job, on_done=box.append, on_error=box.append)
        self.qtbot.waitUntil(lambda: bool(box))
        return box[0]


@pytest.fixture
def make_app(make_window: WindowMaker, tmp_path: Path) -> Callable[..., App]:
    def make(*, family: bool = False, dials: bool = False) -> App:
        db_path = tmp_path / "guardian.db"
        if family:
            add_contact(db_path, "http://127.0.0.1:9/hook")  # queued only: nothing sends here
        disk = make_window.disk(db_path)
        dialler = "Phone Link" if dials else None
        window = make_window(disk=disk, services=Services(find_phone_handler=lambda lang: dialler))
        window.open("check_message")
        app = App(make_window.qtbot, window, db_path, disk)
        # The worker makes the tables before its first job: once this one is back, the tests'
        # own reads of the file find them (they would race the worker's opening otherwise).
        app.on_disk(lambda db: None)
        return app

    return make


# -- what to do now, and the buttons ----------------------------------------------------------


def test_the_result_says_what_to_do_now_right_under_the_level(make_app, speaker) -> None:
    view = make_app().check_text(FRAUD)
    pager = view.pager
    assert pager is not None
    first = pager.page_blocks(0)
    assert first[0].findChild(QLabel) is not None and view.headline.text() == "极可能是诈骗"
    assert first[1] is view.now_label
    assert view.now_label.text() == "别点链接，别回电话，不要转账"
    assert speaker.last().startswith("极可能是诈骗。别点链接，别回电话，不要转账")


@pytest.mark.parametrize(
    ("text", "verdict"), [(FRAUD, "high"), (ORDINARY, "nothing_found")], ids=["high", "low"]
)
def test_every_verdict_has_its_line_in_both_languages(make_app, text: str, verdict: str) -> None:
    view = make_app().check_text(text)
    assert view.result is not None and view.result.assessment.verdict == verdict
    for kind in ("text", "number"):
        for verdict_id in ("high", "medium", "low", "nothing_found", "warning_line"):
            for lang in ("zh", "en"):
                assert CATALOG.get(lang, f"message.now_{kind}_{verdict_id}")


def test_the_buttons_are_the_verdicts_and_open_family_110_and_96110(make_app) -> None:
    app = make_app()
    view = app.check_text(FRAUD)
    assert set(view.buttons) == {"call_family", "call_police", "call_antifraud"}
    # This computer cannot dial: the buttons say they show the number, as the verdict's do.
    assert view.police_button.label() == CATALOG.get("zh", "verdict.call_110_show")
    assert view.antifraud_button.label() == CATALOG.get("zh", "verdict.call_96110_show")
    assert view.family_button.label() == CATALOG.get("zh", "verdict.call_family_show")
    assert view.police_button.property("role") == "danger"
    for button in view.buttons.values():
        assert button.isVisibleTo(app.window)  # on the first page, with the level
    view.police_button.click()
    police = app.window.current_screen()
    assert isinstance(police, HotlineScreen) and police.hotline.number == "110"
    app.window.back()
    assert app.window.current_screen() is view
    view.antifraud_button.click()
    antifraud = app.window.current_screen()
    assert isinstance(antifraud, HotlineScreen) and antifraud.hotline.number == "96110"
    app.window.back()
    view.family_button.click()
    assert app.window.current_screen() is not view
    # What was pressed is in the check's record, in order.
    app.qtbot.waitUntil(lambda: "call_family" in str(app.rows("select actions_json from checks")))
    (actions,) = app.rows("select actions_json from checks")[0]
    pressed = [a["action"] for a in json.loads(actions)]
    assert pressed == ["call_police", "call_antifraud", "call_family"]


def test_where_the_computer_dials_the_buttons_say_call(make_app) -> None:
    view = make_app(dials=True).check_text(FRAUD)
    assert view.police_button.label() == CATALOG.get("zh", "verdict.call_110")
    assert view.family_button.label() == CATALOG.get("zh", "verdict.call_family")


def test_the_reasons_name_the_kind_of_fraud_and_the_marked_words(make_app) -> None:
    view = make_app().check_text("阿姨您好，我们招居家兼职，给商家视频点赞关注，一单3元日结。")
    words = [w.text() for w in view.pager.blocks if isinstance(w, QLabel)]
    assert "这是常见的“刷单返利”骗局" in words
    assert any(text.startswith("标出的危险词：“") for text in words)
    assert "这是常见的“刷单返利”骗局" in view.spoken_text()


def test_there_is_no_keep_button_any_more(make_app) -> None:
    view = make_app().check_text(FRAUD)
    assert not hasattr(view, "keep_button")
    names = {b.accessibleName() for b in view.result_page.findChildren(type(view.family_button))}
    assert "存到记录里" not in names


# -- saved by itself --------------------------------------------------------------------------


def test_a_text_check_is_in_the_history_without_pressing_anything(make_app) -> None:
    app = make_app()
    app.check_text(FRAUD)
    app.qtbot.waitUntil(lambda: bool(app.rows("select id from checks")))
    rows = app.rows("select kind, status, level, text, caller_number, signals_json from checks")
    assert len(rows) == 1
    kind, status, level, text, number, signals = rows[0]
    assert (kind, status, level, text, number) == ("text", "finished", "high", FRAUD, None)
    assert "safe_account" in json.loads(signals)
    assert app.screen.check is not None and app.screen.check.id is not None


def test_a_number_check_is_in_the_history_too(make_app) -> None:
    app = make_app()
    app.check_number("+44 20 7946 0958")
    app.qtbot.waitUntil(lambda: bool(app.rows("select id from checks")))
    assert app.rows("select kind, caller_number, text from checks") == [
        ("number", "+44 20 7946 0958", None)
    ]


def test_each_check_is_its_own_record(make_app) -> None:
    app = make_app()
    app.check_text(FRAUD)
    app.screen.again_button.click()
    app.check_text(ORDINARY)
    app.qtbot.waitUntil(lambda: len(app.rows("select id from checks")) == 2)
    assert sorted(app.rows("select level from checks")) == [("high",), ("low",)]


# -- the family -------------------------------------------------------------------------------


def test_a_high_result_queues_a_family_alert_for_this_check(make_app) -> None:
    app = make_app(family=True)
    app.check_text(FRAUD)
    app.qtbot.waitUntil(lambda: bool(app.rows("select id from outbox")))
    (check_id,) = app.rows("select id from checks")[0]
    assert app.rows("select event, check_id from outbox") == [("high_verdict", check_id)]
    # As after a call check, the history says the family was told.
    app.qtbot.waitUntil(lambda: "alert_queued" in str(app.rows("select actions_json from checks")))
    assert app.screen.family_alerted


@pytest.mark.parametrize("text", [ORDINARY, "您好，您的快递已到驿站，请凭取件码领取。"])
def test_a_result_below_the_highest_level_queues_no_alert(make_app, text: str) -> None:
    app = make_app(family=True)
    view = app.check_text(text)
    assert view.result is not None and view.result.assessment.level.value != "high"
    app.qtbot.waitUntil(lambda: bool(app.rows("select id from checks")))
    assert app.on_disk(lambda db: db.execute("select count(*) from outbox").fetchone()[0]) == 0


def test_on_a_full_disk_the_check_is_absent_not_half_written_then_saved_and_told(
    make_app, monkeypatch, speaker
) -> None:
    # The check is written again before its alert, which then names it (in the app both wait
    # as long, the check's wait starting first; here the alert's is longer, so that a busy
    # machine cannot turn the order round).
    monkeypatch.setattr(check_message, "SAVE_RETRY_MS", 50)
    monkeypatch.setattr(family_alerts, "RETRY_MS", 250)
    app = make_app(family=True)
    assert "database or disk is full" in app.on_disk(fill_up)
    # Longer than a page of the file: the check needs room the file does not have.
    long_fraud = LONG_FRAUD["zh"] * 4
    view = app.check_text(long_fraud)
    not_saved = CATALOG.get("zh", "check.not_saved")
    not_told = CATALOG.get("zh", "alert.not_told")
    app.qtbot.waitUntil(lambda: view.family_not_told and view.pager_shows(view.save_notice))
    # Said plainly, on the first page and aloud, as after a call check; nothing half-written.
    assert view.pager.page_of(view.family_notice) == 0
    assert not_told in speaker.last() and not_saved in speaker.last()
    assert app.rows("select count(*) from checks") == [(0,)]
    assert app.rows("select count(*) from outbox where event = 'high_verdict'") == [(0,)]
    app.on_disk(make_room)
    # Both are written again on their own: the whole check once, and the alert for it.
    app.qtbot.waitUntil(lambda: app.rows("select count(*) from checks") == [(1,)], timeout=5000)
    app.qtbot.waitUntil(lambda: view.family_alerted, timeout=5000)
    (check_id,) = app.rows("select id from checks")[0]
    assert app.rows("select check_id from outbox where event = 'high_verdict'") == [(check_id,)]
    assert app.rows("select status, level, text from checks") == [("finished", "high", long_fraud)]
    app.qtbot.waitUntil(lambda: not view.pager_shows(view.save_notice))
    assert not view.pager_shows(view.family_notice)


# -- pages, never a scroll bar ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_SIZES_PT) - 1], ids=["smallest", "largest"])
def test_no_scroll_bar_at_1024_by_768_a_page_at_a_time(
    walk_window,  # noqa: F811
    lang: str,
    step: int,
) -> None:
    window = walk_window(lang, step)
    window.resize(1024, 768)
    window.open("check_message")
    view = window.current_screen()
    assert isinstance(view, CheckMessageScreen)
    view.text_field.setPlainText(LONG_FRAUD[lang])
    view.check_text_button.click()
    settle(window)
    pager = view.pager
    assert pager is not None and pager.page_count > 1
    # The level and what to do now are on the first page.
    assert view.headline.isVisibleTo(window) and view.now_label.isVisibleTo(window)
    seen: list[object] = []
    for number in range(pager.page_count):
        assert pager.index == number
        settle(window)
        bars = [bar for bar in window.findChildren(QScrollBar) if bar.isVisibleTo(window)]
        assert bars == [], f"page {number + 1}: a scroll bar shows"
        nav = pager._nav_height(pager.width()) + pager.spacing
        for block in pager.page_blocks():
            assert block.isVisibleTo(window)
            assert block.geometry().bottom() < pager.height() - nav, f"page {number + 1}"
            if block.hasHeightForWidth():
                needed = block.heightForWidth(block.width())
                assert block.height() >= needed - 2, f"page {number + 1}: a block is cut off"
            seen.append(block)
        assert problems_on(window, step) == [], f"page {number + 1}"
        if number + 1 < pager.page_count:
            pager.next_button.click()
    # Every block was on some page, the whole text with it, in order.
    assert seen == [b for b in pager.blocks if pager.is_shown(b)]
    assert view.marked_pieces[-1] in seen
    assert "".join(piece.toPlainText() for piece in view.marked_pieces) == LONG_FRAUD[lang].strip()
    # Back goes a page back, then to the text box.
    for _ in range(pager.page_count - 1):
        window.back()
    assert pager.index == 0 and view.pages.currentWidget() is view.result_page
    window.back()
    assert view.pages.currentWidget() is view.text_page
