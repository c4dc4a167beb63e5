"""One keypad for the caller's number and the family PIN: the same keys, in the same places."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from guardian.core.pin import PIN_MAX_DIGITS
from guardian.ui.context import AppContext
from guardian.ui.family.pin_pad import PinPad
from guardian.ui.keypad import Keypad
from guardian.ui.number_entry import MAX_LENGTH, NumberEntryStep


def _shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    QApplication.processEvents()
    return widget


def _grid(widget: QWidget, keys: dict[str, QPushButton]) -> list[list[str]]:
    """The keys' names row by row, as they stand on the screen (top to bottom, left to right)."""
    spots = {name: keys[name].mapTo(widget, QPoint(0, 0)) for name in keys}
    tops = sorted({spot.y() for spot in spots.values()})
    return [
        [name for name in sorted(keys, key=lambda n: spots[n].x()) if spots[name].y() == top]
        for top in tops
    ]


def test_both_keypads_stand_in_four_rows_of_three(qtbot, ctx: AppContext) -> None:
    number = _shown(qtbot, NumberEntryStep(ctx))
    pin = _shown(qtbot, PinPad(ctx))
    assert isinstance(number, NumberEntryStep) and isinstance(pin, PinPad)
    assert _grid(number, number.keys) == [
        ["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["+", "0", "delete"],
    ]  # fmt: skip
    assert _grid(pin, pin.keys) == [
        ["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["clear", "0", "delete"],
    ]  # fmt: skip
    for keys in (number.keys, pin.keys):
        sizes = {(key.width(), key.height()) for key in keys.values()}
        assert len(sizes) == 1  # every key the same size when there is room
        for key in keys.values():
            assert key.focusPolicy() == Qt.FocusPolicy.TabFocus  # a click leaves the focus
            assert key.accessibleName()  # every key is read aloud by its name


@pytest.mark.parametrize("make", ["number", "pin"])
def test_the_keys_type_delete_and_stop_at_the_longest(qtbot, ctx: AppContext, make: str) -> None:
    widget = NumberEntryStep(ctx) if make == "number" else PinPad(ctx)
    _shown(qtbot, widget)
    longest = MAX_LENGTH if make == "number" else PIN_MAX_DIGITS
    for key in "12":
        widget.keys[key].click()
    assert widget.field.text().replace(" ", "") == "12"
    assert widget.field.hasFocus()
    widget.keys["delete"].click()
    assert widget.field.text() == "1"
    assert widget.field.hasFocus()
    for _ in range(longest + 5):
        widget.keys["0"].click()
    assert len(widget.field.text()) == longest


def test_the_number_keypad_types_a_plus_and_the_pin_keypad_clears(qtbot, ctx: AppContext) -> None:
    number = _shown(qtbot, NumberEntryStep(ctx))
    assert isinstance(number, NumberEntryStep)
    for key in ("+", "4", "4"):
        number.keys[key].click()
    assert number.number() == "+44"
    pin = _shown(qtbot, PinPad(ctx))
    assert isinstance(pin, PinPad)
    pin.type_pin("1234")
    pin.keys["clear"].click()
    assert pin.pin() == ""
    assert pin.keys["clear"].accessibleDescription() == ctx.t("pin.clear_description")


def test_the_delete_key_is_read_aloud_by_its_words_even_when_only_its_picture_shows(
    qtbot, ctx: AppContext
) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    pad = Keypad(ctx, field, max_length=4, delete=("Delete", "Take back one digit"),
                 delete_words_shown=False)  # fmt: skip
    qtbot.addWidget(pad)
    delete = pad.keys["delete"]
    assert delete.accessibleName() == "Delete"
    assert delete.accessibleDescription() == "Take back one digit"
    assert "+" in pad.keys and "clear" not in pad.keys


def test_a_locked_pin_keypad_types_nothing(qtbot, ctx: AppContext) -> None:
    pin = _shown(qtbot, PinPad(ctx))
    assert isinstance(pin, PinPad)
    pin.set_locked(True)
    assert not any(key.isEnabled() for key in pin.keys.values())
    pin.press("1")
    assert pin.pin() == ""
    pin.set_locked(False)
    pin.press("1")
    assert pin.pin() == "1"
