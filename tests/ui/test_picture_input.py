"""The picture ways in: a file, a paste and a drop give the words; a bad picture says why.

The words are read by the real text reader, off the window's thread: the signal comes after
the call that started the reading has returned, and a cancelled reading gives nothing.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from guardian.assets import load_catalog
from guardian.core.reading_order import WordBox
from guardian.pictures.reading import PROBLEMS, PictureError, PictureReader
from guardian.ui.context import AppContext
from guardian.ui.picture_input import PROBLEM_KEYS, PictureInput
from tests.pictures.conftest import draw_message
from tests.ui.conftest import RecordingSpeaker

FRAUD = ["您的银行卡涉嫌洗钱，", "请立即转到安全账户。"]
SIZE = (720, 1280)
WAIT_MS = 60_000


class ThreadNotingReader(PictureReader):
    """The real reader, noting the thread each picture is read on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []

    def read(self, picture: Any) -> list[WordBox]:
        self.threads.append(threading.current_thread())
        return super().read(picture)


class FailingReader(PictureReader):
    """A reader that fails with ``error`` on every picture (no model is loaded)."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def read(self, picture: Any) -> list[WordBox]:
        raise self.error


@pytest.fixture(scope="module")
def reader() -> ThreadNotingReader:
    return ThreadNotingReader()


@pytest.fixture
def fraud_png(qapp: QApplication, tmp_path: Path) -> Path:
    return draw_message(tmp_path / "sms.png", FRAUD, SIZE)


def make_input(qtbot, ctx: AppContext, reader: PictureReader | None) -> tuple[PictureInput, list]:
    """The widget, shown, and the list every words_read lands in (with the thread it came on)."""
    widget = PictureInput(ctx, reader)
    qtbot.addWidget(widget)
    widget.show()
    got: list[tuple[str, threading.Thread]] = []
    widget.words_read.connect(lambda words: got.append((words, threading.current_thread())))
    return widget, got


def squeezed(text: str) -> str:
    return "".join(text.split())


def assert_fraud_words(qtbot, widget: PictureInput, got: list) -> None:
    """The words arrive once, on the window's thread, and the ways in show again."""
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    words, thread = got[0]
    assert thread is threading.main_thread()
    assert "洗钱" in squeezed(words) and "安全账户" in squeezed(words), words
    assert not widget.reading
    assert widget.pages.currentWidget() is widget.choices_page
    assert not widget.problem.isVisible()


def test_an_opened_file_is_read_off_the_window_s_thread(
    qtbot, ctx: AppContext, speaker: RecordingSpeaker, reader, fraud_png: Path
) -> None:
    widget, got = make_input(qtbot, ctx, reader)
    widget.read_file(fraud_png)
    # The call returned before the words came: the window went on meanwhile.
    assert got == []
    assert widget.reading
    assert widget.pages.currentWidget() is widget.reading_page
    assert widget.reading_label.isVisible()
    assert "正在看图" in speaker.last()
    assert widget.cancel_button.isVisible()
    assert_fraud_words(qtbot, widget, got)
    assert reader.threads and reader.threads[-1] is not threading.main_thread()


def test_a_pasted_picture_is_read(qtbot, ctx: AppContext, reader, fraud_png: Path) -> None:
    widget, got = make_input(qtbot, ctx, reader)
    QGuiApplication.clipboard().setImage(QImage(str(fraud_png)))
    widget.paste_button.click()
    assert got == [] and widget.reading
    assert_fraud_words(qtbot, widget, got)


def test_a_dropped_picture_file_is_read(qtbot, ctx: AppContext, reader, fraud_png: Path) -> None:
    widget, got = make_input(qtbot, ctx, reader)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(fraud_png))])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()
    assert got == [] and widget.reading
    assert_fraud_words(qtbot, widget, got)


def test_text_being_dragged_is_left_to_the_text_box(qtbot, ctx: AppContext) -> None:
    widget, _ = make_input(qtbot, ctx, FailingReader(AssertionError("nothing is read")))
    data = QMimeData()
    data.setText("您的银行卡涉嫌洗钱")
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert not enter.isAccepted()
    assert not widget.reading


def test_a_text_file_is_not_a_picture_on_screen_and_aloud(
    qtbot, ctx: AppContext, speaker: RecordingSpeaker, reader, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("您的银行卡涉嫌洗钱", encoding="utf-8")
    widget, got = make_input(qtbot, ctx, reader)
    widget.read_file(note)
    qtbot.waitUntil(lambda: not widget.reading, timeout=WAIT_MS)
    sentence = ctx.t("picture.not_a_picture")
    assert widget.problem.isVisible()
    assert widget.problem.text() == sentence
    assert speaker.last() == sentence
    assert widget.spoken_text() == sentence
    assert got == []
    assert widget.open_button.isVisible() and widget.paste_button.isVisible()


@pytest.mark.parametrize("code", PROBLEMS)
def test_each_problem_has_its_own_plain_sentence(
    qtbot, make_ctx, speaker: RecordingSpeaker, fraud_png: Path, code: str
) -> None:
    for lang in ("zh", "en"):
        ctx = make_ctx(lang=lang)
        widget, got = make_input(qtbot, ctx, FailingReader(PictureError(code, "in a test")))
        widget.read_file(fraud_png)
        qtbot.waitUntil(lambda w=widget: not w.reading, timeout=WAIT_MS)
        sentence = ctx.t(PROBLEM_KEYS[code])
        assert widget.problem.text() == sentence
        assert speaker.last() == sentence
        assert code not in sentence and "Error" not in sentence
        assert got == []


def test_a_reader_that_breaks_gives_a_sentence_not_a_stack_trace(
    qtbot, ctx: AppContext, speaker: RecordingSpeaker, fraud_png: Path
) -> None:
    widget, got = make_input(qtbot, ctx, FailingReader(RuntimeError("onnx: bad tensor")))
    widget.read_file(fraud_png)
    qtbot.waitUntil(lambda: not widget.reading, timeout=WAIT_MS)
    assert widget.problem.text() == ctx.t("picture.unreadable")
    assert speaker.last() == ctx.t("picture.unreadable")
    assert got == []


def test_pasting_with_no_picture_copied_says_so(
    qtbot, ctx: AppContext, speaker: RecordingSpeaker
) -> None:
    widget, got = make_input(qtbot, ctx, FailingReader(AssertionError("nothing is read")))
    QGuiApplication.clipboard().setText("只是几个字")
    widget.paste_button.click()
    assert not widget.reading
    assert widget.problem.isVisible()
    assert widget.problem.text() == ctx.t("picture.nothing_to_paste")
    assert speaker.last() == ctx.t("picture.nothing_to_paste")
    assert got == []


def test_a_cancelled_reading_gives_nothing_and_the_next_one_works(
    qtbot, ctx: AppContext, speaker: RecordingSpeaker, reader, fraud_png: Path
) -> None:
    widget, got = make_input(qtbot, ctx, reader)
    ended: list[bool] = []
    widget.reading_changed.connect(ended.append)
    widget.read_file(fraud_png)
    widget.cancel_button.click()
    assert not widget.reading
    assert ended == [True, False]
    assert widget.pages.currentWidget() is widget.choices_page
    assert speaker.last() == ctx.t("picture.cancelled")
    widget.wait(WAIT_MS / 1000)  # the cancelled reading runs to its end off the window
    qtbot.wait(200)  # its words, were they delivered, would arrive now
    assert got == []
    assert not widget.problem.isVisible()
    widget.read_file(fraud_png)
    assert_fraud_words(qtbot, widget, got)
    assert len(got) == 1


def test_the_reader_is_made_and_loaded_only_when_a_picture_comes(qtbot, ctx: AppContext) -> None:
    widget, _ = make_input(qtbot, ctx, None)
    assert widget._reader is None
    assert not widget.reader.loaded
    assert widget.reader is widget.reader


def test_the_words_to_show_with_the_result(make_ctx) -> None:
    assert PictureInput(make_ctx()).correction_note() == "机器认的字可能有错，可以改"
    assert PictureInput(make_ctx(lang="en")).correction_note() == (
        "The machine may have misread some words: you can correct them."
    )


def test_every_problem_has_a_sentence_in_every_language() -> None:
    catalog = load_catalog()
    assert set(PROBLEM_KEYS) == set(PROBLEMS)
    for lang in ("zh", "en"):
        for key in PROBLEM_KEYS.values():
            assert (catalog.template(lang, key) or "").strip(), (lang, key)


@pytest.mark.parametrize(("lang", "words"), [("zh", "把字打进来"), ("en", "Type the words in")])
def test_the_picture_page_s_way_to_type_says_so_and_open_is_the_main_button(
    qtbot, make_window, monkeypatch, lang: str, words: str
) -> None:
    from guardian.pictures import frames
    from guardian.ui.check_message import CheckMessageScreen

    monkeypatch.setattr(frames, "has_camera", lambda: True)
    window = make_window(lang=lang)
    window.open("check_message")
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    screen.to_picture.click()
    # The button to the text box says what it does: type the words in.
    assert screen.picture_to_text.label() == words
    assert screen.picture_to_text.label() != window.ctx.t("message.to_text")
    screen.picture_to_text.click()
    assert screen.pages.currentWidget() is screen.text_page
    screen.to_picture.click()
    # "打开图片" is the one primary button of the page, and wider than the other ways in.
    pictures = screen.picture_input
    assert pictures.open_button.property("role") == "primary"
    assert screen.picture_to_text.property("role") != "primary"
    for other in (pictures.paste_button, pictures.camera_button):
        assert other.property("role") != "primary"
        assert pictures.open_button.width() > other.width()
