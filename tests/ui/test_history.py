"""History for the family: pages, chart, details, delete with a second press, export and import."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from guardian.core.records import CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.ui.history import PAGE_SIZE, HistoryScreen
from guardian.ui.history_detail import HistoryDetailScreen
from guardian.ui.main_window import MainWindow
from tests.ui.conftest import WindowMaker

# The history's clock: the checks are seeded back from this moment and the chart is drawn for
# its day, whatever the date the tests run on.
NOW = datetime(2026, 9, 30, 12, 0).astimezone()


def seed(db_path: Path, count: int) -> None:
    db = open_database(db_path)
    store = CheckStore(db)
    now = NOW.astimezone(timezone.utc)
    levels = ["high", "medium", "low"]
    for index in range(count):
        when = now - timedelta(hours=index * 7)
        store.save(
            CheckRecord(
                kind="call",
                status="finished",
                started_at=when,
                updated_at=when,
                caller_number=f"0101234{index:04d}",
                caller_type="police",
                level=levels[index % 3],
                signals=["official_claim"] if index % 3 != 2 else [],
                answers={"safe_account": "yes" if index % 3 == 0 else "no"},
                actions=[{"action": "call_police", "at": when.isoformat()}],
                lang="zh",
            )
        )
    db.close()


@pytest.fixture
def history(qtbot, make_window: WindowMaker, tmp_path) -> tuple[MainWindow, HistoryScreen, Path]:
    db_path = tmp_path / "guardian.db"
    seed(db_path, 45)
    window = make_window(db_path=db_path, clock=lambda: NOW)
    screen = HistoryScreen(window.ctx)
    window.show_screen(screen)
    qtbot.waitUntil(lambda: len(screen.rows) == PAGE_SIZE)
    return window, screen, db_path


def test_pages_of_twenty_and_more_on_request(history, qtbot) -> None:
    _, screen, _ = history
    assert screen.total == 45
    assert "45" in screen.summary.text()
    assert screen.more_button.isVisibleTo(screen)
    screen.more_button.click()
    qtbot.waitUntil(lambda: len(screen.rows) == 40)
    screen.more_button.click()
    qtbot.waitUntil(lambda: len(screen.rows) == 45)
    assert not screen.more_button.isVisibleTo(screen)
    times = [r.started_at for r in screen.records]
    assert times == sorted(times, reverse=True)


def test_the_chart_counts_this_weeks_checks_by_level(history) -> None:
    _, screen, _ = history
    weeks = screen.chart.weeks
    assert len(weeks) >= 4
    assert sum(w.total for w in weeks) <= 45
    assert weeks[-1].total > 0
    assert {w.high for w in weeks} != {0}


def test_a_row_opens_its_details_and_delete_needs_a_second_press(history, qtbot) -> None:
    window, screen, _ = history
    first = screen.records[0]
    screen.rows[first.id].click()
    detail = window.current_screen()
    assert isinstance(detail, HistoryDetailScreen)
    spoken = detail.spoken_text()
    assert first.caller_number in spoken and "拨打 110" in spoken
    detail.delete_button.click()
    assert detail.delete_button.text_widget.text() == "再按一次，删除这条记录"
    detail.delete_button.click()
    qtbot.waitUntil(lambda: window.current_screen() is screen)
    qtbot.waitUntil(lambda: screen.total == 44 and first.id not in screen.rows)


def test_delete_all_needs_a_second_press(history, qtbot) -> None:
    _, screen, _ = history
    screen.delete_all_button.click()
    assert screen.total == 45
    screen.delete_all_button.click()
    qtbot.waitUntil(lambda: screen.total == 0 and not screen.rows)


def test_export_then_import_into_another_history(history, qtbot, tmp_path) -> None:
    _, screen, _ = history
    json_path = tmp_path / "backup.json"
    csv_path = tmp_path / "history.csv"
    screen.export_to("json", json_path)
    screen.export_to("csv", csv_path)
    qtbot.waitUntil(lambda: csv_path.exists() and json_path.exists())
    qtbot.waitUntil(lambda: "已经导出 45 条" in screen.message.text())
    assert len(json.loads(json_path.read_text(encoding="utf-8"))["checks"]) == 45
    assert "01012340000" in csv_path.read_text(encoding="utf-8-sig")
    screen.import_from(json_path)
    qtbot.waitUntil(lambda: "导入了 0 条" in screen.message.text())
    assert screen.total == 45


def test_a_bad_import_file_changes_nothing_and_says_why(history, qtbot, tmp_path) -> None:
    _, screen, _ = history
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    screen.import_from(bad)
    qtbot.waitUntil(lambda: "不能导入" in screen.message.text())
    assert screen.total == 45


def one_check_file(path: Path, text: str) -> Path:
    check = {
        "kind": "text",
        "status": "finished",
        "started_at": "2026-09-29T08:30:00+00:00",
        "updated_at": "2026-09-29T08:31:00+00:00",
        "caller_number": None,
        "caller_type": None,
        "answers": {},
        "level": "high",
        "signals": ["safe_account"],
        "stopped_early": False,
        "text": text,
        "actions": [],
        "lang": "zh",
    }
    document = {"format": "guardian-history", "version": 1, "checks": [check]}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_check_too_large_to_import_is_named_in_plain_words(history, qtbot, tmp_path) -> None:
    _, screen, _ = history
    screen.import_from(one_check_file(tmp_path / "big.json", "请转到安全账户" * 150_000))
    qtbot.waitUntil(lambda: "不能导入" in screen.message.text())
    assert "第 1 条记录的“短信内容”太长了" in screen.message.text()
    assert "checks[0]" not in screen.message.text()
    assert screen.total == 45


def test_every_message_guardian_saves_can_be_imported_and_shown_whole() -> None:
    from guardian.storage.history_io import MAX_FIELD_CHARS
    from guardian.ui.check_message import MAX_TEXT
    from guardian.ui.history_text import SHOWN_CHARS

    assert MAX_FIELD_CHARS["text"] >= MAX_TEXT
    assert SHOWN_CHARS >= MAX_TEXT


def test_the_detail_of_a_check_with_a_megabyte_of_text_shows_its_beginning(history, qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from guardian.ui.history_text import SHOWN_CHARS

    window, screen, _ = history
    now = NOW.astimezone(timezone.utc)
    record = CheckRecord(
        id=99,
        kind="text",
        status="finished",
        started_at=now,
        updated_at=now,
        caller_number="1" * 1_000_000,  # saved before import limited the fields
        text="请转到安全账户" * 150_000,
        level="high",
        lang="zh",
    )
    detail = HistoryDetailScreen(window.ctx, record)
    window.show_screen(detail)
    texts = [widget.text() for widget in detail.findChildren(QLabel)]
    shown = [text for text in texts if text.startswith("请转到安全账户")]
    assert len(shown) == 1 and len(shown[0]) < SHOWN_CHARS + 50
    assert shown[0].endswith("……（后面还有 1045000 个字没有显示）")
    assert max(len(text) for text in texts) < SHOWN_CHARS + 50
    assert len(detail.spoken_text()) < 3 * (SHOWN_CHARS + 50)
    assert len(screen.row_text(record)) < 200  # its row in the list, too
