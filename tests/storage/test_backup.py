from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.storage.backup import (
    backup_date,
    backup_name,
    daily_backup_due,
    latest_good_backup,
    list_backups,
    make_backup,
    prune_backups,
)
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.errors import CorruptDatabaseError, StorageError
from guardian.storage.migrations import MIGRATION_SET
from guardian.storage.paths import backups_dir

from .conftest import T0, full_record

NOW = datetime(2024, 5, 20, 21, 15, tzinfo=timezone(timedelta(hours=8)))
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX feature")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def read_only(path: Path) -> Iterator[Database]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield Database(conn, execute_plugins=False)
    finally:
        conn.close()


def stored(path: Path) -> list[CheckRecord]:
    with read_only(path) as db:
        return CheckStore(db).page(0, 1000)


def save_checks(db_path: Path, count: int, **overrides: object) -> None:
    db = open_database(db_path)
    try:
        store = CheckStore(db)
        for n in range(count):
            store.save(full_record(started_at=T0 + timedelta(minutes=n), **overrides))
    finally:
        db.close()


def scribble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"\xa5" * 100
    path.write_bytes(bytes(data))


def test_backup_is_a_valid_database_with_the_same_checks(db_path: Path, tmp_path: Path) -> None:
    save_checks(db_path, 5)
    backup = make_backup(db_path, tmp_path / "backups", NOW)
    assert backup == tmp_path / "backups" / "guardian-20240520.db"
    with read_only(backup) as copy:
        assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert copy.journal_mode == "delete"
    assert stored(backup) == stored(db_path)
    assert len(stored(backup)) == 5


def test_backup_of_an_open_database_holds_what_is_only_in_its_wal(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    CheckStore(db).save(full_record(text="还在预写日志里"))
    assert Path(f"{db_path}-wal").stat().st_size > 0
    backup = make_backup(db_path, tmp_path / "backups", NOW)
    assert [record.text for record in stored(backup)] == ["还在预写日志里"]
    assert sorted(path.name for path in backup.parent.iterdir()) == [backup.name]
    # The app can keep writing to the database afterwards.
    CheckStore(db).save(full_record())
    assert CheckStore(db).count() == 2


def test_the_database_itself_is_only_read(db_path: Path, tmp_path: Path) -> None:
    save_checks(db_path, 3)
    before = db_path.read_bytes()
    make_backup(db_path, tmp_path / "backups", NOW)
    assert db_path.read_bytes() == before


@posix_only
def test_backup_file_and_folder_are_private(db_path: Path, tmp_path: Path) -> None:
    save_checks(db_path, 1)
    old_umask = os.umask(0)
    try:
        backup = make_backup(db_path, tmp_path / "backups", NOW)
    finally:
        os.umask(old_umask)
    assert _mode(backup) == 0o600
    assert _mode(backup.parent) == 0o700


def test_a_second_backup_on_the_same_day_replaces_the_first(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    save_checks(db_path, 1)
    make_backup(db_path, folder, NOW)
    save_checks(db_path, 2)
    backup = make_backup(db_path, folder, NOW + timedelta(hours=1))
    assert list_backups(folder) == [backup]
    assert len(stored(backup)) == 3


def test_a_damaged_database_is_not_backed_up_and_the_old_backup_is_kept(
    db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    save_checks(db_path, 3)
    good = make_backup(db_path, folder, NOW)
    before = good.read_bytes()
    scribble(db_path)
    with pytest.raises(CorruptDatabaseError):
        make_backup(db_path, folder, NOW)
    assert good.read_bytes() == before
    assert sorted(path.name for path in folder.iterdir()) == [good.name]


def test_no_database_means_no_backup(tmp_path: Path) -> None:
    missing = tmp_path / "guardian.db"
    with pytest.raises(StorageError, match="no database"):
        make_backup(missing, tmp_path / "backups", NOW)
    assert not missing.exists()
    assert not (tmp_path / "backups").exists()


def test_daily_backup_due(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    save_checks(db_path, 1)
    assert daily_backup_due(folder, NOW)
    make_backup(db_path, folder, NOW)
    assert not daily_backup_due(folder, NOW)
    assert not daily_backup_due(folder, NOW.replace(hour=23, minute=59))
    assert daily_backup_due(folder, NOW + timedelta(days=1))


def test_prune_keeps_the_seven_newest(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    save_checks(db_path, 1)
    made = [make_backup(db_path, folder, NOW + timedelta(days=n)) for n in range(10)]
    other = folder / "notes.txt"
    other.write_text("not a backup")
    removed = prune_backups(folder)
    assert removed == [made[2], made[1], made[0]]
    assert list_backups(folder) == list(reversed(made[3:]))
    assert other.exists()
    assert prune_backups(folder) == []


def test_prune_refuses_to_delete_every_backup(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="keep"):
        prune_backups(tmp_path, keep=0)


def test_latest_good_backup_skips_damaged_and_foreign_files(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    assert latest_good_backup(folder) is None
    save_checks(db_path, 2)
    older = make_backup(db_path, folder, NOW - timedelta(days=2))
    middle = make_backup(db_path, folder, NOW - timedelta(days=1))
    newest = make_backup(db_path, folder, NOW)
    assert latest_good_backup(folder) == newest
    scribble(newest)
    assert latest_good_backup(folder) == middle
    middle.write_bytes(b"")  # an empty file opens as an empty database with no history
    assert latest_good_backup(folder) == older
    (folder / "guardian-20991231.db.part").write_bytes(b"half")
    (folder / "guardian-2024.db").write_bytes(b"junk")
    assert latest_good_backup(folder) == older


def test_a_backup_from_a_newer_guardian_is_not_offered(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    save_checks(db_path, 1)
    older = make_backup(db_path, folder, NOW - timedelta(days=1))
    newest = make_backup(db_path, folder, NOW)
    with Database(newest, execute_plugins=False) as newer:
        newer.table("_sqlite_migrations").insert(
            {"migration_set": MIGRATION_SET, "name": "m999_from_the_future", "applied_at": "x"}
        )
    assert latest_good_backup(folder) == older


def test_latest_good_backup_reads_without_writing(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    save_checks(db_path, 1)
    backup = make_backup(db_path, folder, NOW)
    before = backup.read_bytes()
    assert latest_good_backup(folder) == backup
    assert backup.read_bytes() == before
    assert sorted(path.name for path in folder.iterdir()) == [backup.name]


def test_names_and_dates() -> None:
    assert backup_name(NOW.date()) == "guardian-20240520.db"
    assert backup_date(Path("guardian-20240520.db")) == NOW.date()
    assert backup_date(Path("guardian-20241340.db")) is None
    assert backup_date(Path("guardian-20240520.db.part")) is None
    assert backups_dir(Path("data")) == Path("data") / "backups"
