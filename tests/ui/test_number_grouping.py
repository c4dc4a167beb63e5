"""Numbers are shown in groups while they are typed, on the keypad and on the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from guardian.ui.context import AppContext
from guardian.ui.number_entry import NumberEntryStep


def test_the_keypad_shows_the_number_in_groups_as_it_is_pressed(qtbot, ctx: AppContext) -> None:
    step = NumberEntryStep(ctx)
    qtbot.addWidget(step)
    submitted: list[str] = []
    step.submitted.connect(submitted.append)
    for key in "1701":
        step.keys[key].click()
    assert step.field.text() == "170 1"
    for key in "2345678":
        step.keys[key].click()
    assert step.field.text() == "170 1234 5678"
    step.keys["delete"].click()
    assert step.field.text() == "170 1234 567"
    step.keys["8"].click()
    step.next_button.click()
    assert submitted == ["17012345678"]


def test_typing_in_the_middle_keeps_the_cursor_among_the_digits(qtbot, ctx: AppContext) -> None:
    step = NumberEntryStep(ctx)
    qtbot.addWidget(step)
    step.field.setFocus()
    qtbot.keyClicks(step.field, "1701234567")
    assert step.field.text() == "170 1234 567"
    # Back to just after "170" and put the forgotten 9 there.
    step.field.setCursorPosition(3)
    qtbot.keyClicks(step.field, "9")
    assert step.field.text() == "170 9123 4567"
    assert step.field.cursorPosition() == len("170 9")
    qtbot.keyClick(step.field, Qt.Key.Key_End)
    qtbot.keyClick(step.field, Qt.Key.Key_Backspace)
    assert step.number() == "1709123456"
    assert step.field.text() == "170 9123 456"


def test_another_countrys_number_keeps_the_spaces_typed(qtbot, ctx: AppContext) -> None:
    step = NumberEntryStep(ctx)
    qtbot.addWidget(step)
    step.field.setFocus()
    qtbot.keyClicks(step.field, "+44 20 7946 0958")
    assert step.field.text() == "+44 20 7946 0958"
    assert step.number() == "+442079460958"
    step.field.clear()
    qtbot.keyClicks(step.field, "+8617012345678")
    assert step.field.text() == "+86 170 1234 5678"
