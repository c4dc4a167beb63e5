"""The home screen: labels in both languages, text size, keyboard, placeholders."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from guardian.assets import load_catalog
from guardian.ui.context import AppContext, local_now
from guardian.ui.home import MAIN_ACTIONS, MORE_ACTIONS, HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.placeholder import PlaceholderScreen
from guardian.ui.theme import TEXT_SIZES_PT
from tests.ui.conftest import RecordingSpeaker

EXPECTED = {
    "zh": {
        "check_call": "我接到可疑电话",
        "call_family": "打给家人",
        "call_police": "报警 110",
        "money_sent": "我已经转账了",
        "check_message": "查一查短信/号码",
        "tip": "今日防骗提示",
        "family_settings": "家人设置",
        "demo": "演示模式",
    },
    "en": {
        "check_call": "I got a suspicious call",
        "call_family": "Call my family",
        "call_police": "Police 110",
        "money_sent": "I already sent money",
        "check_message": "Check a message or number",
        "tip": "Today's tip",
        "family_settings": "Family settings",
        "demo": "Demo",
    },
}


def home_of(window: MainWindow) -> HomeScreen:
    screen = window.current_screen()
    assert isinstance(screen, HomeScreen)
    return screen


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_button_has_its_label_in_both_languages(window: MainWindow, lang: str) -> None:
    window.ctx.set_lang(lang)  # type: ignore[arg-type]
    home = home_of(window)
    assert {route: button.label() for route, button in home.buttons.items()} == EXPECTED[lang]
    for button in home.buttons.values():
        assert button.accessibleName() and button.accessibleDescription()


def test_main_buttons_are_the_largest_and_tall_enough(window: MainWindow) -> None:
    home = home_of(window)
    routes = [route for route, *_ in MAIN_ACTIONS]
    smaller = [route for route, *_ in MORE_ACTIONS]
    main_area = min(home.buttons[r].width() * home.buttons[r].height() for r in routes)
    for route in routes:
        assert home.buttons[route].height() >= 64
    for route in smaller:
        button = home.buttons[route]
        assert button.height() >= 64
        assert button.width() * button.height() < main_area


def label_font_size(home: HomeScreen) -> float:
    return home.clock.font().pointSizeF()


def test_larger_text_makes_every_screen_text_larger(window: MainWindow, qtbot) -> None:
    before = label_font_size(home_of(window))
    tile_before = home_of(window).buttons["check_call"].text_widget.font().pointSizeF()
    qtbot.mouseClick(home_of(window).larger, Qt.MouseButton.LeftButton)
    after_home = home_of(window)
    assert label_font_size(after_home) > before
    assert after_home.buttons["check_call"].text_widget.font().pointSizeF() > tile_before
    qtbot.mouseClick(after_home.smaller, Qt.MouseButton.LeftButton)
    assert label_font_size(home_of(window)) == before


def test_text_size_has_at_least_three_steps_and_stops_at_the_ends(window: MainWindow) -> None:
    assert len(TEXT_SIZES_PT) >= 3 and min(TEXT_SIZES_PT) >= 20
    for _ in range(len(TEXT_SIZES_PT) + 2):
        home_of(window).larger.click()
        if not home_of(window).larger.isEnabled():
            break
    assert window.ctx.text_step == len(TEXT_SIZES_PT) - 1
    assert not home_of(window).larger.isEnabled()
    for _ in range(len(TEXT_SIZES_PT) + 2):
        if not home_of(window).smaller.isEnabled():
            break
        home_of(window).smaller.click()
    assert window.ctx.text_step == 0


def test_language_button_switches_everything(window: MainWindow) -> None:
    home_of(window).language.click()
    assert window.ctx.lang == "en"
    assert home_of(window).buttons["check_call"].label() == "I got a suspicious call"
    assert window.windowTitle().startswith("Guardian")
    home_of(window).language.click()
    assert home_of(window).buttons["check_call"].label() == "我接到可疑电话"


def test_every_button_is_reachable_and_pressable_by_keyboard(window: MainWindow, qtbot) -> None:
    home = home_of(window)
    window.activateWindow()
    window.setFocus()
    wanted = set(home.buttons.values()) | {home.smaller, home.larger, home.language}
    seen = set()
    QApplication.focusWidget() or home.buttons["check_call"].setFocus()
    for _ in range(40):
        widget = QApplication.focusWidget()
        if widget in wanted:
            seen.add(widget)
        qtbot.keyClick(widget or window, Qt.Key.Key_Tab)
    assert seen == wanted
    # Space presses the focused button: the main button opens its screen.
    home.buttons["check_call"].setFocus()
    qtbot.keyClick(home.buttons["check_call"], Qt.Key.Key_Space)
    assert window.stack.count() == 2


def test_the_main_button_has_the_focus_on_start(window: MainWindow, qtbot) -> None:
    home = home_of(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is home.buttons["check_call"]


@pytest.mark.parametrize("route", [r for r, *_ in MAIN_ACTIONS + MORE_ACTIONS])
def test_a_button_without_a_screen_opens_a_placeholder_with_a_way_home(
    window: MainWindow, route: str, speaker
) -> None:
    window.routes.pop(route, None)
    home_of(window).buttons[route].click()
    screen = window.current_screen()
    assert isinstance(screen, PlaceholderScreen)
    assert window.home_button.isVisible() and window.back_button.isVisible()
    assert screen.title() == EXPECTED["zh"][route]
    assert speaker.last().startswith(EXPECTED["zh"][route])
    screen.home_button.click()
    assert isinstance(window.current_screen(), HomeScreen)


def test_home_reads_its_greeting_and_replay_repeats_it(window: MainWindow, speaker) -> None:
    window.replay()
    assert speaker.last() == window.ctx.t("home.spoken")


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("zh", "2026年9月30日 星期三 08:05"), ("en", "Wednesday 30 September 2026, 08:05")],
)
def test_the_clock_shows_the_date_and_time_of_the_clock_it_is_given(
    qtbot: QtBot, speaker: RecordingSpeaker, lang: str, shown: str
) -> None:
    moment = datetime(2026, 9, 30, 8, 5, 59).astimezone()
    ctx = AppContext(load_catalog(), speaker, lang=lang, clock=lambda: moment)  # type: ignore[arg-type]
    home = HomeScreen(ctx)
    qtbot.addWidget(home)
    assert isinstance(home.clock, QLabel)
    assert home.clock.text() == shown


def test_the_clock_is_the_computers_own_unless_another_is_given(window: MainWindow) -> None:
    assert window.ctx.clock is local_now
    assert local_now().tzinfo is not None


def test_alt_left_goes_back_and_alt_home_goes_home_after_the_first_paint(
    window: MainWindow, qtbot
) -> None:
    qtbot.waitUntil(lambda: len(window.findChildren(QShortcut)) == 2, timeout=5000)
    home = window.current_screen()
    window.open("tip")
    window.open("call_police")
    assert window.stack.count() == 3
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.count() == 2
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.current_screen() is home
