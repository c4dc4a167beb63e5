"""The shared big widgets: values set by name, the pointing hand, presses on a button's words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication, QLabel

from guardian.ui.widgets import BigButton, key_button, label, scrolling, set_enum_property


def test_values_set_by_name_reach_the_widget(qapp: QApplication) -> None:
    words = label("<b>not bold</b>")
    assert words.textFormat() == Qt.TextFormat.PlainText
    set_enum_property(words, "alignment", "AlignRight|AlignTop")
    assert words.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    area = scrolling(QLabel())
    assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


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
