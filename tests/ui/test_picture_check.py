"""A screenshot of a fraud SMS checked on 查一查: the marked words boxed on the picture, and the
picture kept with the check only when the person asks (then shown in the history, and deleted
with the check).

The words are read by the real text reader, the history is a real SQLite file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from guardian.core.picture_marks import marked_parts
from guardian.core.records import CheckRecord
from guardian.ui.check_message import CheckMessageScreen, merged_spans
from guardian.ui.history import HistoryScreen
from guardian.ui.history_detail import HistoryDetailScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.marked_picture import MIN_HEIGHT_PX
from tests.pictures.conftest import draw_message
from tests.ui.conftest import WindowMaker

FRAUD = ["【公安局】您的银行卡涉嫌洗钱，", "请立即把存款转到安全账户配合调查，", "不要告诉家人。"]
SIZE = (720, 1280)
WAIT_MS = 60_000


@pytest.fixture
def checked(
    qtbot, make_window: WindowMaker, tmp_path: Path
) -> tuple[MainWindow, CheckMessageScreen, Path]:
    """The screenshot read on 查一查 and checked; the result showing."""
    db_path = tmp_path / "data" / "guardian.db"
    window = make_window(db_path=db_path)
    window.open("check_message")
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    screen.to_picture.click()
    screen.picture_input.read_file(draw_message(tmp_path / "sms.png", FRAUD, SIZE))
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.result_page, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: screen.check is not None and screen.check.id is not None)
    return window, screen, db_path


def picture_rows(db_path: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute("SELECT check_id, length(data) FROM check_pictures").fetchall()


def show_picture_page(screen: CheckMessageScreen) -> None:
    assert screen.pager is not None and screen.picture_block is not None
    page = screen.pager.page_of(screen.picture_block)
    assert page is not None
    screen.pager.show_page(page)


def show_keep_page(screen: CheckMessageScreen) -> None:
    """Show the page of "把图片留下给家人看" (the picture's page, or the one after it)."""
    assert screen.pager is not None and screen.keep_picture_button is not None
    page = screen.pager.page_of(screen.keep_picture_button.parentWidget())
    assert page is not None
    screen.pager.show_page(page)


def test_the_verdict_shows_the_picture_with_a_box_round_each_marked_run(checked) -> None:
    _, screen, _ = checked
    result = screen.result
    assert result is not None and result.assessment.level.value == "high"
    assert result.picture is not None and screen.picture_view is not None
    words = screen.picture_words
    assert words is not None
    expected = marked_parts(words.boxes, result.subject, merged_spans(result.spans))
    assert len(expected) >= 2  # the card and the safe account are on different rows
    assert screen.picture_view.box_count == len(expected)
    boxed = [box.text for box in result.picture.marked]
    assert any("洗钱" in part for part in boxed) and any("安全账户" in part for part in boxed)
    # Only the marked words are boxed, never a whole line with words left unmarked.
    marked = [result.subject[start:end] for start, end in merged_spans(result.spans)]
    for part in boxed:
        assert any(part.strip("，。") in words for words in marked), part
    assert not any(part.startswith("【公安局】您的") for part in boxed)
    show_picture_page(screen)
    view = screen.picture_view
    assert view.isVisible() and view.height() >= MIN_HEIGHT_PX
    # Every box lies on the picture as drawn.
    drawn = view.picture_rect()
    for polygon in view.box_polygons():
        assert drawn.adjusted(-10, -10, 10, 10).contains(polygon.boundingRect())
    assert "框" in screen.spoken_text()
    show_keep_page(screen)
    assert screen.keep_picture_button is not None and screen.keep_picture_button.isVisible()
    assert screen.keep_picture_button.label() == "把图片留下给家人看"


def test_a_picture_not_kept_is_written_nowhere(checked, qtbot, tmp_path: Path) -> None:
    window, screen, db_path = checked
    words = screen.picture_words
    assert words is not None
    # The check itself is saved as any check; its picture is not.
    screen.check_another()
    done: list[object] = []
    window.ctx.disk.submit(lambda db: None, on_done=done.append)  # after every save queued
    qtbot.waitUntil(lambda: bool(done))
    assert picture_rows(db_path) == []
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM checks").fetchone() == (1,)
    piece = words.image[len(words.image) // 2 : len(words.image) // 2 + 256]
    for file in db_path.parent.iterdir():
        assert piece not in file.read_bytes(), file
    written = {p.suffix.lower() for p in tmp_path.rglob("*") if p.is_file()}
    assert not written & {".jpg", ".jpeg"}
    assert screen.picture_words is None


def test_kept_it_shows_in_the_history_and_goes_with_the_check(checked, qtbot, speaker) -> None:
    window, screen, db_path = checked
    check_id = screen.check.id if screen.check else None
    assert check_id is not None
    show_keep_page(screen)
    button = screen.keep_picture_button
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: screen.picture_kept, timeout=10_000)
    assert button.text_widget.text() == "图片已经留下了，家人可以在记录里看到"
    assert speaker.last() == button.text_widget.text()
    result = screen.result
    assert result is not None and result.picture is not None
    assert picture_rows(db_path) == [(check_id, len(result.picture.image))]
    boxes = screen.picture_view.box_count if screen.picture_view else 0

    history = HistoryScreen(window.ctx)
    window.show_screen(history)
    qtbot.waitUntil(lambda: check_id in history.rows)
    history.rows[check_id].click()
    detail = window.current_screen()
    assert isinstance(detail, HistoryDetailScreen)
    qtbot.waitUntil(lambda: detail.picture_view is not None)
    assert detail.picture_view is not None
    assert detail.picture_view.box_count == boxes
    qtbot.waitUntil(detail.picture_view.isVisible)
    qtbot.waitUntil(
        lambda: detail.picture_view is not None and detail.picture_view.height() >= MIN_HEIGHT_PX
    )
    assert "留下的图片" in detail.spoken_text()

    detail.delete_button.click()
    detail.delete_button.click()
    qtbot.waitUntil(lambda: window.current_screen() is history)
    assert picture_rows(db_path) == []


def test_words_rewritten_so_nothing_maps_show_no_picture_and_no_box(checked) -> None:
    _, screen, _ = checked
    screen.handle_back()
    assert screen.pages.currentWidget() is screen.text_page
    screen.text_field.setPlainText("您好，您的快递丢失了，我们给您理赔，请加客服的微信，扫码领取。")
    screen.check_text_button.click()
    result = screen.result
    assert result is not None and result.spans
    assert result.picture is None and screen.picture_view is None
    assert screen.picture_block is None
    assert screen.keep_picture_button is None


def test_typed_words_added_to_the_words_read_get_no_box_of_their_own(checked) -> None:
    _, screen, _ = checked
    screen.handle_back()
    read = screen.text_field.toPlainText()
    screen.text_field.setPlainText(read + "\n请开启屏幕共享")
    screen.check_text_button.click()
    result = screen.result
    assert result is not None and result.picture is not None
    assert any("屏幕共享" in result.subject[start:end] for start, end in result.spans)
    boxed = "".join(box.text for box in result.picture.marked)
    assert "屏幕共享" not in boxed and "安全账户" in boxed


def test_a_number_check_after_a_picture_has_no_picture(checked) -> None:
    _, screen, _ = checked
    screen.check_another()
    screen.number_field.setText("95588")
    screen.check_number_button.click()
    assert screen.result is not None and screen.result.picture is None
    assert screen.picture_view is None


def test_a_kept_picture_of_a_deleted_check_is_not_kept(checked, qtbot) -> None:
    window, screen, db_path = checked
    check_id = screen.check.id if screen.check else None
    assert check_id is not None
    done: list[object] = []
    window.ctx.disk.submit(
        lambda db: db.execute("DELETE FROM checks").connection.commit(), on_done=done.append
    )
    qtbot.waitUntil(lambda: bool(done))
    show_keep_page(screen)
    assert screen.keep_picture_button is not None
    screen.keep_picture_button.click()
    qtbot.waitUntil(lambda: not screen.picture_notice.isHidden())
    assert screen.picture_notice.isVisible()
    assert "没能存下来" in screen.picture_notice.text()
    assert not screen.picture_kept and picture_rows(db_path) == []


def test_the_check_record_has_no_picture_field() -> None:
    # The picture lives in its own table, never inside the record exported or imported.
    assert "picture" not in CheckRecord.__dataclass_fields__


def run_on_disk(window: MainWindow, qtbot, job) -> object:
    """Run ``job`` on the window's disk worker and wait for its answer."""
    done: list[object] = []
    window.ctx.disk.submit(job, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done))
    return done[0]


def test_on_a_full_disk_the_picture_is_not_half_kept_and_pressing_again_keeps_it(
    checked, qtbot
) -> None:
    window, screen, db_path = checked
    check_id = screen.check.id if screen.check else None
    assert check_id is not None and screen.keep_picture_button is not None
    show_keep_page(screen)
    # SQLite's page limit makes the disk "full" for real on the worker's own connection.
    run_on_disk(
        window,
        qtbot,
        lambda db: db.execute(
            f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}"
        ),
    )
    screen.keep_picture_button.click()
    qtbot.waitUntil(lambda: not screen.picture_notice.isHidden())
    assert (
        screen.picture_notice.text() == "图片没能存下来。请过一会儿再按一次“把图片留下给家人看”。"
    )
    assert not screen.picture_kept and picture_rows(db_path) == []
    run_on_disk(window, qtbot, lambda db: db.execute("PRAGMA max_page_count = 1073741823"))
    screen.keep_picture_button.click()
    qtbot.waitUntil(lambda: screen.picture_kept)
    assert screen.picture_notice.isHidden()
    assert [row[0] for row in picture_rows(db_path)] == [check_id]


def test_the_picture_comes_right_after_the_first_page_as_wide_as_the_page(checked) -> None:
    _, screen, _ = checked
    pager = screen.pager
    assert pager is not None and screen.picture_block is not None
    assert screen.keep_picture_button is not None and screen.picture_view is not None
    picture_page = pager.page_of(screen.picture_block)
    assert picture_page is not None and picture_page <= 1
    # Before the reasons, "再查一条" and the words checked; its button on its page or the next.
    again_page = pager.page_of(screen.again_button)
    assert again_page is not None and again_page >= picture_page
    blocks = pager.blocks
    assert blocks.index(screen.picture_block) < blocks.index(screen.again_button)
    keep_page = pager.page_of(screen.keep_picture_button.parentWidget())
    assert keep_page is not None and keep_page - picture_page <= 1
    show_picture_page(screen)
    view = screen.picture_view
    # As large as a page allows: the page's width, or a page's height less its line and the
    # page buttons (this tall screenshot is limited by the height), the keep button aside.
    drawn = view.picture_rect()
    assert drawn.width() >= pager.width() - 2 or drawn.height() >= view.height() - 2
    heading_px = screen.picture_block.height() - view.height() - pager.spacing
    assert view.height() + heading_px >= pager.height() - 2 * pager.next_button.height() - 60
    heading = screen.picture_heading(screen.result) if screen.result else ""
    assert heading == "图片上框出来的，就是可疑的字" and "上面" not in heading


def test_the_keep_button_is_bold_as_the_other_buttons(checked) -> None:
    _, screen, _ = checked
    button = screen.keep_picture_button
    assert button is not None
    show_keep_page(screen)
    assert button.isVisible() and button.text_widget.font().bold()
    assert button.text_widget.font().bold() == screen.police_button.text_widget.font().bold()
