from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from guardian.storage.backup import make_backup
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.errors import CorruptDatabaseError, NewerDatabaseError, StorageError
from guardian.storage.migrations import MIGRATION_SET
from guardian.storage.recovery import RecoveryOutcome, move_aside, open_or_recover

from .conftest import T0, full_record

NOW = datetime(2024, 5, 20, 21, 15, 30, tzinfo=timezone(timedelta(hours=8)))
ASIDE = "guardian.db.corrupt-20240520-211530"


def save_checks(db_path: Path, texts: list[str]) -> None:
    db = open_database(db_path)
    try:
        store = CheckStore(db)
        for n, text in enumerate(texts):
            store.save(full_record(started_at=T0 + timedelta(minutes=n), text=text))
    finally:
        db.close()


def texts_in(db: Database) -> list[str]:
    return sorted(record.text or "" for record in CheckStore(db).page(0, 1000))


def garbage_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(range(100))
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    data = path.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    path.write_bytes(data[: page_size + page_size // 2])


def filled(db_path: Path) -> None:
    # Enough checks to fill several pages, so truncation cuts into the tables.
    save_checks(db_path, [f"message {n} " + "转账" * 200 for n in range(40)])


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def close(outcome: RecoveryOutcome) -> None:
    outcome.db.close()


def test_a_sound_database_is_simply_opened(db_path: Path, backups: Path) -> None:
    save_checks(db_path, ["一"])
    outcome = open_or_recover(db_path, backups, NOW)
    try:
        assert texts_in(outcome.db) == ["一"]
        assert outcome.recovered_from is None
        assert outcome.moved_aside is None
        assert outcome.message is None
    finally:
        close(outcome)


def test_a_missing_database_is_created_without_a_message(db_path: Path, backups: Path) -> None:
    outcome = open_or_recover(db_path, backups, NOW)
    try:
        assert texts_in(outcome.db) == []
        assert outcome.message is None
    finally:
        close(outcome)


@pytest.mark.parametrize("damage", [garbage_header, truncate], ids=["garbage", "truncated"])
def test_a_damaged_file_is_moved_aside_and_the_latest_backup_restored(
    db_path: Path, backups: Path, damage: Callable[[Path], None]
) -> None:
    save_checks(db_path, ["最早"])
    make_backup(db_path, backups, NOW - timedelta(days=2))
    save_checks(db_path, ["昨天"])
    latest = make_backup(db_path, backups, NOW - timedelta(days=1))
    filled(db_path)
    damage(db_path)
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path)
    damaged = db_path.read_bytes()

    outcome = open_or_recover(db_path, backups, NOW)
    try:
        assert outcome.recovered_from == latest
        assert outcome.moved_aside == db_path.parent / ASIDE
        assert outcome.moved_aside.read_bytes() == damaged
        assert texts_in(outcome.db) == ["昨天", "最早"]
        assert outcome.message is not None
        assert "2024年5月19日" in outcome.message.zh
        assert "2024-05-19" in outcome.message.en
        assert ASIDE in outcome.message.zh
        assert ASIDE in outcome.message.en
        # The restored database is in use: new checks are saved as usual.
        CheckStore(outcome.db).save(full_record(text="恢复之后"))
    finally:
        close(outcome)
    # The backups themselves are kept.
    assert sorted(path.name for path in backups.iterdir()) == [
        "guardian-20240518.db",
        "guardian-20240519.db",
    ]
    reopened = open_database(db_path)
    try:
        assert "恢复之后" in texts_in(reopened)
    finally:
        reopened.close()


def test_the_wal_and_shm_files_move_with_the_damaged_file(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"main contents")
    Path(f"{db_path}-wal").write_bytes(b"wal contents")
    Path(f"{db_path}-shm").write_bytes(b"shm contents")
    aside = move_aside(db_path, NOW)
    assert aside == db_path.parent / ASIDE
    assert sorted(path.name for path in db_path.parent.iterdir()) == [
        ASIDE,
        f"{ASIDE}-shm",
        f"{ASIDE}-wal",
    ]
    assert aside.read_bytes() == b"main contents"
    assert Path(f"{aside}-wal").read_bytes() == b"wal contents"
    assert Path(f"{aside}-shm").read_bytes() == b"shm contents"


def test_a_taken_companion_name_is_not_overwritten_either(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"main contents")
    Path(f"{db_path}-wal").write_bytes(b"wal contents")
    stray = db_path.parent / f"{ASIDE}-wal"
    stray.write_bytes(b"stray")
    aside = move_aside(db_path, NOW)
    assert aside == db_path.parent / f"{ASIDE}-2"
    assert stray.read_bytes() == b"stray"
    assert Path(f"{aside}-wal").read_bytes() == b"wal contents"


def test_without_a_backup_an_empty_database_is_started_with_a_message(
    db_path: Path, backups: Path
) -> None:
    filled(db_path)
    garbage_header(db_path)
    damaged = db_path.read_bytes()
    outcome = open_or_recover(db_path, backups, NOW)
    try:
        assert outcome.recovered_from is None
        assert outcome.moved_aside == db_path.parent / ASIDE
        assert outcome.moved_aside.read_bytes() == damaged
        assert texts_in(outcome.db) == []
        assert outcome.message is not None
        assert "没有能用的备份" in outcome.message.zh
        assert "no usable backup" in outcome.message.en
        assert ASIDE in outcome.message.zh
    finally:
        close(outcome)


def test_a_damaged_newest_backup_is_passed_over(db_path: Path, backups: Path) -> None:
    save_checks(db_path, ["前天"])
    older = make_backup(db_path, backups, NOW - timedelta(days=2))
    save_checks(db_path, ["昨天"])
    newest = make_backup(db_path, backups, NOW - timedelta(days=1))
    garbage_header(newest)
    garbage_header(db_path)
    outcome = open_or_recover(db_path, backups, NOW)
    try:
        assert outcome.recovered_from == older
        assert texts_in(outcome.db) == ["前天"]
        assert outcome.message is not None
        assert "2024年5月18日" in outcome.message.zh
    finally:
        close(outcome)
    assert newest.exists()


def test_an_earlier_damaged_file_of_the_same_second_is_not_overwritten(
    db_path: Path, backups: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    earlier = db_path.parent / ASIDE
    earlier.write_bytes(b"the first damaged file")
    db_path.write_bytes(b"not a database either " * 100)
    outcome = open_or_recover(db_path, backups, NOW)
    close(outcome)
    assert earlier.read_bytes() == b"the first damaged file"
    assert outcome.moved_aside == db_path.parent / f"{ASIDE}-2"
    assert outcome.moved_aside.read_bytes() == b"not a database either " * 100


def test_a_newer_database_is_left_untouched(db_path: Path, backups: Path) -> None:
    save_checks(db_path, ["旧"])
    make_backup(db_path, backups, NOW - timedelta(days=1))
    with Database(db_path, execute_plugins=False) as newer:
        newer.table("_sqlite_migrations").insert(
            {"migration_set": MIGRATION_SET, "name": "m999_from_the_future", "applied_at": "x"}
        )
    files_before = {path.name: path.read_bytes() for path in db_path.parent.iterdir()}
    backups_before = {path.name: path.read_bytes() for path in backups.iterdir()}
    with pytest.raises(NewerDatabaseError):
        open_or_recover(db_path, backups, NOW)
    assert {path.name: path.read_bytes() for path in db_path.parent.iterdir()} == files_before
    assert {path.name: path.read_bytes() for path in backups.iterdir()} == backups_before


def test_nothing_is_deleted(db_path: Path, backups: Path) -> None:
    save_checks(db_path, ["一"])
    make_backup(db_path, backups, NOW - timedelta(days=1))
    filled(db_path)
    garbage_header(db_path)
    contents_before = {path.read_bytes() for path in db_path.parent.rglob("*") if path.is_file()}
    outcome = open_or_recover(db_path, backups, NOW)
    close(outcome)
    contents_after = {path.read_bytes() for path in db_path.parent.rglob("*") if path.is_file()}
    assert contents_before <= contents_after


def test_move_aside_keeps_the_files_openable_together(db_path: Path) -> None:
    db = open_database(db_path)
    CheckStore(db).save(full_record(text="只在日志里"))
    # Copy the database with its WAL as a crash would leave them, then move the copy aside.
    copy = db_path.with_name("copy.db")
    copy.write_bytes(db_path.read_bytes())
    Path(f"{copy}-wal").write_bytes(Path(f"{db_path}-wal").read_bytes())
    db.close()
    aside = move_aside(copy, NOW)
    assert not copy.exists()
    assert not Path(f"{copy}-wal").exists()
    conn = sqlite3.connect(aside)
    try:
        assert conn.execute("SELECT text FROM checks").fetchall() == [("只在日志里",)]
    finally:
        conn.close()


def test_a_missing_database_is_restored_from_the_latest_backup(
    db_path: Path, backups: Path
) -> None:
    save_checks(db_path, ["昨天"])
    latest = make_backup(db_path, backups, NOW - timedelta(days=1))
    db_path.unlink()
    outcome = open_or_recover(db_path, backups, NOW)
    try:
        assert outcome.recovered_from == latest
        assert outcome.moved_aside is None
        assert texts_in(outcome.db) == ["昨天"]
        assert outcome.message is not None
        assert "不见了" in outcome.message.zh
        assert "was missing" in outcome.message.en
        assert "坏" not in outcome.message.zh
    finally:
        close(outcome)
    assert latest.exists()


def test_a_command_never_puts_an_empty_database_in_place_of_a_damaged_one(
    db_path: Path, backups: Path
) -> None:
    filled(db_path)
    garbage_header(db_path)
    damaged = db_path.read_bytes()
    with pytest.raises(StorageError, match="no backup"):
        open_or_recover(db_path, backups, NOW, create=False)
    assert db_path.read_bytes() == damaged  # left where the app looks for it
    assert not (db_path.parent / ASIDE).exists()


def test_a_command_restores_a_missing_database_from_the_backup(
    db_path: Path, backups: Path
) -> None:
    save_checks(db_path, ["昨天"])
    make_backup(db_path, backups, NOW - timedelta(days=1))
    db_path.unlink()
    outcome = open_or_recover(db_path, backups, NOW, create=False)
    try:
        assert texts_in(outcome.db) == ["昨天"]
        assert outcome.message is not None
    finally:
        close(outcome)
    db_path.unlink()
    for backup in backups.iterdir():
        garbage_header(backup)
    with pytest.raises(StorageError, match="no empty one"):
        open_or_recover(db_path, backups, NOW, create=False)
    assert not db_path.exists()
