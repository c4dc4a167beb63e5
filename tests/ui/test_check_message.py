"""Check a message or a number on screen: the marks, the verdict, the reasons, saved by itself.

The buttons, the history, the family alert and the pages: tests/ui/test_message_result.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from guardian.core.picture_marks import char_width
from guardian.ui.check_message import (
    CheckMessageScreen,
    marked_words,
    merged_spans,
    text_pieces,
)
from tests.ui.conftest import WindowMaker

FRAUD = "【公安局】您的银行卡涉嫌洗钱，请立即把存款转到安全账户配合调查，不要告诉家人。"
ORDINARY = "妈，我周六中午回家吃饭，帮我留点饺子。"


@pytest.fixture
def screen(make_window: WindowMaker, tmp_path: Path) -> tuple[CheckMessageScreen, Path]:
    db_path = tmp_path / "guardian.db"
    window = make_window(db_path=db_path)
    window.current_screen().buttons["check_message"].click()
    current = window.current_screen()
    assert isinstance(current, CheckMessageScreen)
    return current, db_path


def test_a_fraud_text_is_marked_and_judged(screen, speaker) -> None:
    view, _ = screen
    view.text_field.setPlainText(FRAUD)
    view.check_text_button.click()
    assert view.result is not None
    assert view.result.assessment.level.value == "high"
    assert view.headline.text() == "极可能是诈骗"
    marked = view.marked.toHtml()
    assert "安全账户" in marked and "underline" in marked
    assert speaker.last().startswith("极可能是诈骗")
    assert any("安全账户" in FRAUD[start:end] for start, end in view.result.spans)
    # Advice for a text message: the link and the number in it, not hanging up a call.
    advice = " ".join(view.ctx.pick(item) for item in view.result.assessment.advice)
    assert "不要点短信里的链接，不要打短信里的号码" in advice
    assert "挂断" not in advice


def test_the_text_box_asks_for_the_words_not_a_paste(screen) -> None:
    view, _ = screen
    assert "把短信里的字打在下面，或者请家人帮您贴上" in view.spoken_text()


def test_an_ordinary_text_is_left_alone_but_never_called_safe(screen) -> None:
    view, _ = screen
    view.text_field.setPlainText(ORDINARY)
    view.check_text_button.click()
    assert view.result.assessment.level.value == "low"
    assert view.result.spans == ()
    assert "安全" not in view.spoken_text().replace("安全账户", "")
    assert view.headline.text() == "没看出常见的骗局"


def test_96110_is_the_real_anti_fraud_centre(screen) -> None:
    view, _ = screen
    view.to_number.click()
    view.number_field.setText("96110")
    view.check_number_button.click()
    assert view.result.assessment.level.value == "low"
    assert view.result.assessment.signal_ids == ()
    assert "反诈" in view.spoken_text()
    assert view.headline.text() == "是反诈专线在提醒您"


def test_an_overseas_number_is_flagged(screen) -> None:
    view, _ = screen
    view.to_number.click()
    view.number_field.setText("+44 20 7946 0958")
    view.check_number_button.click()
    assert "overseas_number" in view.result.assessment.signal_ids
    assert view.result.assessment.level.value in {"medium", "high"}


def test_empty_and_unreadable_input_get_a_plain_message(screen, speaker) -> None:
    view, _ = screen
    view.check_text_button.click()
    assert view.text_problem.isVisibleTo(view) and view.result is None
    view.to_number.click()
    view.number_field.setText("abc")
    view.check_number_button.click()
    assert view.number_problem.isVisibleTo(view)
    assert speaker.last() == view.number_problem.text()


def test_the_result_is_in_the_history_once_without_pressing_anything(screen, qtbot) -> None:
    view, db_path = screen
    view.text_field.setPlainText(FRAUD)
    view.check_text_button.click()
    qtbot.waitUntil(lambda: view.check is not None and view.check.id is not None)
    assert not hasattr(view, "keep_button")
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("select kind, status, level, text from checks").fetchall()
    assert rows == [("text", "finished", "high", FRAUD)]


def test_back_goes_from_the_result_to_the_text_box(screen) -> None:
    view, _ = screen
    view.text_field.setPlainText(ORDINARY)
    view.check_text_button.click()
    assert view.handle_back() is True
    assert view.pages.currentWidget() is view.text_page
    assert view.handle_back() is False


def test_marks_are_merged() -> None:
    assert merged_spans(((1, 3), (0, 2), (5, 6), (6, 8))) == [(0, 3), (5, 8)]


def test_marked_words_are_listed_once_and_kept_short() -> None:
    text = "转到安全账户，转到安全账户，" + "验" * 40
    words = marked_words(text, ((2, 6), (9, 13), (14, 54)))
    assert words[0] == "安全账户" and len(words) == 2
    assert words[1].endswith("…") and len(words[1]) <= 24


def test_a_long_text_is_cut_into_pieces_at_sentences_and_kept_whole() -> None:
    text = "第一句话说完了。" * 30
    pieces = text_pieces(text, 60)
    assert "".join(text[start:end] for start, end in pieces) == text
    # At most 60 Chinese characters wide (a mark such as "。" takes half the room).
    assert all(sum(char_width(ch) for ch in text[start:end]) <= 120 for start, end in pieces)
    assert all(text[end - 1] == "。" for _, end in pieces)
    unbroken = "验" * 130
    assert [end - start for start, end in text_pieces(unbroken, 60)] == [60, 60, 10]
    # A digit or a Latin letter takes half the room of a Chinese character.
    digits = "9" * 250
    assert [end - start for start, end in text_pieces(digits, 60)] == [120, 120, 10]


def test_an_english_text_of_a_few_lines_stays_one_piece_cut_between_words() -> None:
    text = (
        "Police notice: your bank card is linked\nto money laundering. Move your\n"
        "savings to the safe account now."
    )
    assert text_pieces(text, 60) == [(0, len(text))]
    longer = "Your parcel is held at customs because it holds contraband goods. " * 4
    pieces = text_pieces(longer, 60)
    assert len(pieces) > 1
    for start, end in pieces[:-1]:
        assert longer[end - 1] in ". ", longer[start:end]


def test_a_marked_english_part_is_shortened_only_between_words() -> None:
    text = "Police notice: your bank card is linked to money laundering at once"
    words = marked_words(text, ((0, len(text)),))
    assert words == ["Police notice: your bank card is linked to…"]
    short = "Police notice: your bank card is linked"
    assert marked_words(short, ((0, len(short)),)) == [short]


def test_the_text_shows_as_typed_with_its_marks(screen) -> None:
    view, _ = screen
    view.text_field.setPlainText("<b>不要</b> 告诉家人" + FRAUD)
    view.check_text_button.click()
    shown = "".join(piece.toPlainText() for piece in view.marked_pieces)
    assert shown == view.marked.toPlainText() == "<b>不要</b> 告诉家人" + FRAUD
    assert "underline" in view.marked.toHtml()


def test_back_from_a_later_page_of_the_result_goes_to_the_page_before(screen) -> None:
    view, _ = screen
    view.window().resize(1024, 768)
    view.text_field.setPlainText(FRAUD * 3)
    view.check_text_button.click()
    pager = view.pager
    assert pager is not None and pager.page_count > 1
    pager.next_button.click()
    assert pager.index == 1
    assert view.handle_back() is True
    assert pager.index == 0 and view.pages.currentWidget() is view.result_page
    assert view.handle_back() is True
    assert view.pages.currentWidget() is view.text_page


def test_back_from_a_number_result_goes_to_the_number(screen) -> None:
    view, _ = screen
    view.to_number.click()
    view.number_field.setText("+44 20 7946 0958")
    view.check_number_button.click()
    while view.pager is not None and view.pager.index:
        view.handle_back()
    assert view.handle_back() is True
    assert view.pages.currentWidget() is view.number_page


def test_a_huge_paste_is_cut_to_the_limit(screen) -> None:
    from PySide6.QtCore import QMimeData

    from guardian.ui.check_message import MAX_TEXT

    view, _ = screen
    data = QMimeData()
    data.setText("9" * 1_000_000)
    view.text_field.insertFromMimeData(data)
    assert len(view.text_field.toPlainText()) == MAX_TEXT
    view.check_text_button.click()
    assert view.result is not None
