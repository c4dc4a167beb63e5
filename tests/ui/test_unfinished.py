"""After a crash: the interrupted check is offered to finish (where it stopped) or to discard."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtWidgets import QApplication

from guardian.app import StartOptions, build_window, shutdown
from guardian.core.records import CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.ui.check_call import CheckCallScreen


def interrupted_check(folder: Path) -> int:
    now = datetime.now(timezone.utc)
    db = open_database(folder / "guardian.db")
    check_id = CheckStore(db).save(
        CheckRecord(
            kind="call",
            started_at=now,
            updated_at=now,
            caller_type="police",
            caller_number="01012345678",
            answers={"official_wants_money": "no", "freeze_or_arrest_threat": "no"},
            lang="zh",
        )
    )
    db.close()
    return check_id


def statuses(folder: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(folder / "guardian.db") as connection:
        return connection.execute("select id, status from checks").fetchall()


def wait_until_started(window, qtbot) -> None:
    """Wait for all the start-up work, the look for unfinished checks included."""
    qtbot.waitUntil(lambda: window.ctx.services.outbox is not None, timeout=10_000)
    # Jobs run in order: once this one answers, the look for unfinished checks has too.
    done: list[object] = []
    window.ctx.disk.submit(lambda db: None, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done))


def test_finish_goes_on_from_the_next_question(
    qapp: QApplication, qtbot, _isolated_data_dir
) -> None:
    check_id = interrupted_check(_isolated_data_dir)
    window = build_window(qapp, StartOptions(lang="zh"))
    window.show()
    try:
        qtbot.waitUntil(lambda: getattr(window, "unfinished", None) is not None, timeout=10_000)
        offer = window.unfinished
        assert "没有做完" in offer.text.text()
        offer.finish_button.click()
        screen = window.current_screen()
        assert isinstance(screen, CheckCallScreen)
        assert screen.question_step.progress.text() == "第 3 题 / 共 6 题"  # 110 is not asked
        assert screen.record.id == check_id
        while screen.wizard.current is not None:
            screen.question_step.buttons[next(iter(screen.question_step.buttons))].click()
        qtbot.waitUntil(lambda: statuses(_isolated_data_dir) == [(check_id, "finished")])
    finally:
        shutdown(window)


def test_discard_deletes_it(qapp: QApplication, qtbot, _isolated_data_dir) -> None:
    interrupted_check(_isolated_data_dir)
    window = build_window(qapp, StartOptions(lang="zh"))
    window.show()
    try:
        qtbot.waitUntil(lambda: getattr(window, "unfinished", None) is not None, timeout=10_000)
        window.unfinished.discard_button.click()
        qtbot.waitUntil(lambda: statuses(_isolated_data_dir) == [])
        assert not window.unfinished.isVisible()
    finally:
        shutdown(window)


def test_nothing_is_offered_after_a_clean_close(
    qapp: QApplication, qtbot, _isolated_data_dir
) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    window.show()
    try:
        wait_until_started(window, qtbot)
        assert getattr(window, "unfinished", None) is None
    finally:
        shutdown(window)


def test_a_check_begun_before_the_database_opened_is_not_offered(
    qapp: QApplication, qtbot, _isolated_data_dir
) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    try:
        # The person starts a check at once: its first saves wait in the queue ahead of the
        # look for checks left unfinished by an earlier start.
        window.open("check_call")
        screen = window.current_screen()
        assert isinstance(screen, CheckCallScreen)
        screen.number_step.skip_button.click()
        screen.caller_step.buttons["police"].click()
        window.show()
        wait_until_started(window, qtbot)
        assert [status for _, status in statuses(_isolated_data_dir)] == ["in_progress"]
        assert getattr(window, "unfinished", None) is None
    finally:
        shutdown(window)
