"""Starting the app: a damaged database is recovered from the daily backup, and said so."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from guardian.app import StartOptions, build_window, shutdown
from guardian.core.records import CheckRecord
from guardian.storage.backup import list_backups, make_backup
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.paths import backups_dir
from tests.e2e.process import offscreen_env, run_python


def save_checks(db_path: Path, count: int) -> None:
    db = open_database(db_path)
    now = datetime.now(timezone.utc)
    for index in range(count):
        CheckStore(db).save(
            CheckRecord(
                kind="call",
                started_at=now,
                updated_at=now,
                lang="zh",
                caller_number=f"1380000{index:04d}",
            )
        )
    db.close()


def damage(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"this is not a database at all" * 4)


def count_checks(window, qtbot) -> int:
    result: list[int] = []
    window.ctx.disk.submit(lambda db: CheckStore(db).count(), on_done=result.append)
    qtbot.waitUntil(lambda: bool(result))
    return result[0]


def test_a_normal_start_makes_todays_backup(
    qapp: QApplication, qtbot, _isolated_data_dir: Path
) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    window.show()
    folder = backups_dir(_isolated_data_dir)
    qtbot.waitUntil(lambda: folder.is_dir() and len(list_backups(folder)) == 1)
    shutdown(window)
    assert not window.notice.isVisibleTo(window)


def test_a_damaged_database_is_set_aside_and_the_backup_restored(
    qapp: QApplication, qtbot, _isolated_data_dir: Path
) -> None:
    db_path = _isolated_data_dir / "guardian.db"
    save_checks(db_path, 3)
    make_backup(db_path, backups_dir(_isolated_data_dir), datetime.now().astimezone())
    damage(db_path)
    window = build_window(qapp, StartOptions(lang="zh"))
    window.show()
    try:
        qtbot.waitUntil(lambda: window.notice.isVisibleTo(window))
        assert "备份" in window.notice_text.text()
        assert count_checks(window, qtbot) == 3
        aside = [p for p in _isolated_data_dir.iterdir() if ".corrupt-" in p.name]
        assert aside, "the damaged file must be kept, moved aside"
        window.notice_button.click()
        assert not window.notice.isVisibleTo(window)
    finally:
        shutdown(window)


@pytest.mark.e2e
def test_the_real_program_starts_on_a_damaged_database(tmp_path: Path) -> None:
    save_checks(tmp_path / "guardian.db", 1)
    damage(tmp_path / "guardian.db")
    result = run_python(
        "main.py", "--quit-after-start", env=offscreen_env(GUARDIAN_DATA_DIR=str(tmp_path))
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert any(".corrupt-" in p.name for p in tmp_path.iterdir())
