"""The keyboard's focus frame shows only once the keyboard is used, never as a suggestion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton

from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.widgets import KEY_FOCUS, BigButton, mark_chosen


def framed(button: QPushButton, colour: str) -> bool:
    """Whether ``button`` is drawn with the thick frame of ``colour`` (inside its usual edge)."""
    picture = button.grab().toImage()
    ratio = picture.devicePixelRatio()
    pixel = picture.pixelColor(round(4 * ratio), picture.height() // 2)
    return pixel.name() == QColor(colour).name()


def home_of(window: MainWindow) -> HomeScreen:
    home = window.current_screen()
    assert isinstance(home, HomeScreen)
    return home


def test_the_main_button_has_the_focus_but_no_frame_until_tab(window: MainWindow, qtbot) -> None:
    home = home_of(window)
    focus = window.ctx.theme.colours.focus
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    main = home.buttons["check_call"]
    assert QApplication.focusWidget() is main  # Space or Enter still opens the check
    on_dark = window.ctx.theme.colours.focus_on_dark
    assert not main.property(KEY_FOCUS) and not framed(main, on_dark)
    qtbot.keyClick(main, Qt.Key.Key_Tab)
    moved = QApplication.focusWidget()
    assert isinstance(moved, BigButton) and moved is not main
    assert moved.property(KEY_FOCUS) and framed(moved, focus)
    # Back with Shift+Tab: the frame goes with the focus.
    qtbot.keyClick(moved, Qt.Key.Key_Backtab)
    assert main.property("role") == "primary"  # framed in the colour seen on dark blue
    assert QApplication.focusWidget() is main and framed(main, on_dark)
    assert not moved.property(KEY_FOCUS) and not framed(moved, focus)


def test_the_mark_of_the_choice_made_before_is_not_the_focus_frame(
    window: MainWindow, qtbot
) -> None:
    home = home_of(window)
    colours = window.ctx.theme.colours
    button = home.buttons["check_call"]
    other = next(b for b in home.buttons.values() if b is not button)
    mark_chosen(other, True, window.ctx.theme)
    assert framed(other, colours.primary) and not framed(other, colours.focus)
    # Reached by the keyboard, the marked button shows the focus frame over its mark.
    button.setFocus()
    while QApplication.focusWidget() is not other:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert framed(other, colours.focus)
