"""Check a message or a number on screen: the marks, the verdict, the reasons, kept on request."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardian.assets import load_catalog
from guardian.storage.worker import DiskWorker
from guardian.ui.check_message import CheckMessageScreen, marked_html
from guardian.ui.context import AppContext
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.routes import build_routes

FRAUD = "【公安局】您的银行卡涉嫌洗钱，请立即把存款转到安全账户配合调查，不要告诉家人。"
ORDINARY = "妈，我周六中午回家吃饭，帮我留点饺子。"


@pytest.fixture
def screen(qtbot, speaker, tmp_path: Path) -> Iterator[tuple[CheckMessageScreen, Path]]:
    db_path = tmp_path / "guardian.db"
    disk = DiskWorker(db_path)
    ctx = AppContext(load_catalog(), speaker, lang="zh", disk=disk)
    window = MainWindow(ctx, build_routes(), HomeScreen)
    qtbot.addWidget(window)
    window.show()
    window.current_screen().buttons["check_message"].click()
    current = window.current_screen()
    assert isinstance(current, CheckMessageScreen)
    yield current, db_path
    window.close()
    disk.shutdown()


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


def test_the_result_is_kept_in_the_history_once(screen, qtbot) -> None:
    view, db_path = screen
    view.text_field.setPlainText(FRAUD)
    view.check_text_button.click()
    view.keep_button.click()
    qtbot.waitUntil(lambda: view.saved_id is not None)
    view.keep_button.click()
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("select kind, level, text from checks").fetchall()
    assert rows == [("text", "high", FRAUD)]


def test_back_goes_from_the_result_to_the_text_box(screen) -> None:
    view, _ = screen
    view.text_field.setPlainText(ORDINARY)
    view.check_text_button.click()
    assert view.handle_back() is True
    assert view.pages.currentWidget() is view.text_page
    assert view.handle_back() is False


def test_marks_are_merged_and_escaped() -> None:
    assert marked_html("a<b>c", ((0, 2), (1, 3))).count("<span") == 1
    assert "&lt;" in marked_html("a<b>c", ((0, 2),))


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
