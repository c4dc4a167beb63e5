"""The home screen: labels in both languages, giant buttons at every text size, keyboard."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from guardian.core.i18n import Lang
from guardian.ui.context import local_now
from guardian.ui.home import MAIN_ACTIONS, MORE_ACTIONS, HomeScreen, main_button_height
from guardian.ui.main_window import MainWindow
from guardian.ui.placeholder import PlaceholderScreen
from guardian.ui.theme import TEXT_SIZES_PT
from tests.ui.conftest import MakeCtx, RecordingSpeaker

EXPECTED = {
    "zh": {
        "check_call": "我接到可疑电话",
        "call_family": "打给家人",
        "call_police": "报警 110",
        "money_sent": "我已经转账了",
        "check_message": "查一查短信/号码",
        "family_settings": "家人设置",
    },
    "en": {
        "check_call": "I got a suspicious call",
        "call_family": "Call my family",
        "call_police": "Police 110",
        "money_sent": "I already sent money",
        "check_message": "Check a message or number",
        "family_settings": "Family settings",
    },
}


# Whether words fit is measured with the font the app really uses (see conftest.app_font).
pytestmark = pytest.mark.usefixtures("app_font")


def window_shortcuts(window: MainWindow) -> list[QShortcut]:
    """The main window's own shortcuts (made after its first paint), not its screens'."""
    return [shortcut for shortcut in window.findChildren(QShortcut) if shortcut.parent() is window]


def home_of(window: MainWindow) -> HomeScreen:
    screen = window.current_screen()
    assert isinstance(screen, HomeScreen)
    return screen


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_button_has_its_label_in_both_languages(window: MainWindow, lang: str) -> None:
    window.ctx.settings.set_lang(lang)  # type: ignore[arg-type]
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


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(10)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 860), (1920, 1080)])
def test_the_giant_buttons_never_shrink_as_the_text_grows(
    window: MainWindow, qtbot, lang: str, size: tuple[int, int]
) -> None:
    window.ctx.settings.set_lang(lang)  # type: ignore[arg-type]
    window.resize(*size)
    heights: list[int] = []
    for step in range(len(TEXT_SIZES_PT)):
        window.ctx.settings.set_text_step(step)
        settle(qtbot)
        home = home_of(window)
        main = [home.buttons[route] for route, *_ in MAIN_ACTIONS]
        tallest_other = max(home.buttons[route].height() for route, *_ in MORE_ACTIONS)
        # The four are equal, the largest on the screen, and never lower than the window allows.
        assert len({button.height() for button in main}) == 1, (step, lang, size)
        assert main[0].height() >= main_button_height(size[1]) >= 150
        assert main[0].height() > tallest_other, (step, lang, size)
        for button in main:  # every word shows: nothing is cut off at the bottom
            words = button.text_widget
            assert words.heightForWidth(words.width()) <= words.height(), (step, lang, size)
        heights.append(main[0].height())
    assert heights == sorted(heights), (lang, size, heights)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_screen_fits_without_scrolling_at_every_text_size(
    window: MainWindow, qtbot, lang: str
) -> None:
    window.ctx.settings.set_lang(lang)  # type: ignore[arg-type]
    window.resize(1280, 860)
    sizes = [(1280, 860, step) for step in range(len(TEXT_SIZES_PT))]
    sizes += [(1024, 768, step) for step in range(len(TEXT_SIZES_PT))]
    for width, height, step in sizes:
        window.resize(width, height)
        window.ctx.settings.set_text_step(step)
        settle(qtbot)
        area = home_of(window).findChild(QScrollArea)
        assert area is not None
        assert area.verticalScrollBar().maximum() == 0, (width, height, step)


def test_larger_text_makes_every_screen_text_larger(window: MainWindow) -> None:
    before = label_font_size(home_of(window))
    tile_before = home_of(window).buttons["check_call"].text_widget.font().pointSizeF()
    window.ctx.settings.set_text_step(window.ctx.text_step + 1)
    after_home = home_of(window)
    assert label_font_size(after_home) > before
    assert after_home.buttons["check_call"].text_widget.font().pointSizeF() > tile_before
    window.ctx.settings.set_text_step(window.ctx.text_step - 1)
    assert label_font_size(home_of(window)) == before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_text_size_language_or_demo_button_on_the_home_screen(
    window: MainWindow, lang: str
) -> None:
    window.ctx.settings.set_lang(lang)  # type: ignore[arg-type]
    home = home_of(window)
    pressable = home.findChildren(QPushButton)
    # Only the six: a slip of the finger cannot change the text, the language or open a demo.
    assert set(pressable) == set(home.buttons.values())
    assert len(pressable) == 6
    for button in home.buttons.values():
        assert button.label() not in {"A+", "A−", "English", "中文"}
        assert "演示" not in button.label() and "Demo" not in button.label()


def test_every_button_is_reachable_and_pressable_by_keyboard(window: MainWindow, qtbot) -> None:
    home = home_of(window)
    window.activateWindow()
    window.setFocus()
    wanted = set(home.buttons.values())
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
    qtbot: QtBot, make_ctx: MakeCtx, lang: Lang, shown: str
) -> None:
    moment = datetime(2026, 9, 30, 8, 5, 59).astimezone()
    ctx = make_ctx(lang, clock=lambda: moment)
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
    qtbot.waitUntil(lambda: len(window_shortcuts(window)) == 2, timeout=5000)
    home = window.current_screen()
    window.open("tip")
    window.open("call_police")
    assert window.stack.count() == 3
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.count() == 2
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.current_screen() is home


def test_the_tip_of_the_day_is_one_press_from_home_in_the_header(
    window: MainWindow, qtbot, speaker: RecordingSpeaker
) -> None:
    home = home_of(window)
    tip = window.tip_button
    # At the right of the header, where other screens have "home"; it takes no line below.
    assert tip.isVisible() and tip.label() == "今日防骗提示"
    assert tip.mapTo(window, tip.rect().topLeft()).x() > window.width() // 2
    qtbot.mouseClick(tip, Qt.MouseButton.LeftButton)
    screen = window.current_screen()
    assert screen is not home and screen is not None
    assert not tip.isVisible()  # other screens: back and home only
    assert window.home_button.isVisible()
    assert speaker.last() == screen.spoken_text()  # the tip is read aloud
    window.home()
    assert window.current_screen() is home and tip.isVisible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_the_largest_text_in_a_small_window_the_words_keep_their_lines(
    window: MainWindow, qtbot, lang: str
) -> None:
    """Smaller pictures, not a lone "话" on a line of its own or English on a third line."""
    window.ctx.settings.set_lang(lang)  # type: ignore[arg-type]
    window.resize(1024, 768)
    window.ctx.settings.set_text_step(len(TEXT_SIZES_PT) - 1)
    settle(qtbot)
    home = home_of(window)
    button = home.buttons["check_call"]
    words = button.text_widget
    line = words.fontMetrics().lineSpacing()
    lines = round(words.heightForWidth(words.width()) / line)
    assert lines == (1 if lang == "zh" else 2)
    assert button.icon_widget is not None
    assert button.icon_widget.width() < window.ctx.theme.tile_icon_px
    # In a roomy window the pictures keep their full size.
    window.resize(1920, 1080)
    settle(qtbot)
    settle(qtbot)
    assert home.buttons["check_call"].icon_widget.width() == window.ctx.theme.tile_icon_px
