"""The shared big widgets: values set by name, the pointing hand, presses on a button's words,
drop-down lists the mouse wheel does not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QVBoxLayout, QWidget

from guardian.ui.theme import Theme
from guardian.ui.widgets import (
    BigButton,
    BigComboBox,
    key_button,
    label,
    scrolling,
    set_enum_property,
    set_plain_tooltip,
)


def test_values_set_by_name_reach_the_widget(qapp: QApplication) -> None:
    words = label("<b>not bold</b>")
    assert words.textFormat() == Qt.TextFormat.PlainText
    set_enum_property(words, "alignment", "AlignRight|AlignTop")
    assert words.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    area = scrolling(QLabel())
    assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_a_tooltip_shows_its_words_as_written(qapp: QApplication) -> None:
    widget = QWidget()
    set_plain_tooltip(widget, "<b>110</b> & 96110\n  family")
    assert widget.toolTip() == (
        '<p style="white-space:pre-wrap">&lt;b&gt;110&lt;/b&gt; &amp; 96110\n  family</p>'
    )
    set_plain_tooltip(widget, "")
    assert widget.toolTip() == ""


@pytest.mark.parametrize(("name", "keys"), [("alignment", "AlignMiddle"), ("colour", "Red")])
def test_a_wrong_name_is_an_error_not_a_silent_default(
    qapp: QApplication, name: str, keys: str
) -> None:
    with pytest.raises(ValueError, match=name):
        set_enum_property(QLabel(), name, keys)


def test_the_pointing_hand_shows_once_the_pointer_comes_over(qtbot) -> None:
    button = BigButton("打电话", "family")
    qtbot.addWidget(button)
    assert button.cursor().shape() == Qt.CursorShape.ArrowCursor
    position = QPointF(button.rect().center())
    QApplication.sendEvent(button, QEnterEvent(position, position, position))
    assert button.cursor().shape() == Qt.CursorShape.PointingHandCursor
    assert key_button("1").cursor().shape() == Qt.CursorShape.PointingHandCursor


@pytest.mark.parametrize("part", ["text_widget", "icon_widget"])
def test_a_press_on_the_words_or_the_pictogram_presses_the_button(qtbot, part: str) -> None:
    button = BigButton("打电话给家人", "family")
    qtbot.addWidget(button)
    button.resize(400, 160)
    button.show()
    qtbot.waitExposed(button)
    target = getattr(button, part)
    with qtbot.waitSignal(button.clicked, timeout=1000):
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(5, target.height() // 2))


def test_the_pictogram_sits_in_the_middle_of_the_buttons_depth(qtbot) -> None:
    button = BigButton("打电话给家人", "family", icon_px=48)
    qtbot.addWidget(button)
    button.resize(500, 200)
    button.show()
    qtbot.waitExposed(button)
    icon = button.icon_widget
    assert icon is not None
    assert icon.width() == 48
    middle = icon.mapTo(button, icon.rect().center()).y()
    assert abs(middle - button.height() // 2) <= 2
    assert icon.alignment() == Qt.AlignmentFlag.AlignCenter


def _wheel(widget: QWidget, notches: int = -1) -> QWheelEvent:
    """Turn the mouse wheel over the middle of ``widget`` (negative: towards the person).

    The turn reaches the window as one from the mouse does, and the window hands it to the
    widget under the pointer (and, when that widget leaves it, to the widgets around it).
    """
    window = widget.window()
    handle = window.windowHandle()
    assert handle is not None
    centre = widget.mapTo(window, widget.rect().center())
    event = QWheelEvent(
        QPointF(centre),
        QPointF(window.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(handle, event)
    return event


def test_the_wheel_over_a_closed_drop_down_scrolls_the_page_and_changes_nothing(qtbot) -> None:
    page = QWidget()
    layout = QVBoxLayout(page)
    choices = BigComboBox(Theme())
    choices.addItems(["SSL/TLS", "STARTTLS", "不加密"])
    layout.addWidget(choices)
    layout.addSpacing(3000)  # a long form
    area = scrolling(page)
    area.resize(600, 400)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    _wheel(choices)
    assert choices.currentIndex() == 0
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead
    # Qt's own drop-down takes the next choice at each notch: the reason for BigComboBox.
    plain = QComboBox()
    plain.addItems(["SSL/TLS", "STARTTLS", "不加密"])
    qtbot.addWidget(plain)
    plain.show()
    _wheel(plain)
    assert plain.currentIndex() == 1


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_an_open_drop_down_scrolls_its_list_with_the_wheel(qtbot) -> None:
    choices = BigComboBox(Theme())
    choices.addItems([f"选项 {n}" for n in range(60)])
    qtbot.addWidget(choices)
    choices.show()
    choices.showPopup()
    view = choices.view()
    qtbot.waitUntil(view.isVisible)
    before = view.verticalScrollBar().value()
    _wheel(view.viewport())
    assert view.verticalScrollBar().value() != before
    choices.hidePopup()
    assert choices.currentIndex() == 0


def test_every_drop_down_in_the_app_is_the_one_that_ignores_the_wheel() -> None:
    root = Path(__file__).resolve().parents[2]
    made_here = [
        path.relative_to(root).as_posix()
        for path in sorted((root / "guardian").rglob("*.py"))
        if path.name != "widgets.py" and "QComboBox(" in path.read_text(encoding="utf-8")
    ]
    assert made_here == [], "use widgets.BigComboBox"
