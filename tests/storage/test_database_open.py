from __future__ import annotations

import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.errors import CorruptDatabaseError, NewerDatabaseError, StorageError
from guardian.storage.migrations import KNOWN_MIGRATIONS, MIGRATION_SET, SCHEMA_VERSION

from .conftest import full_record

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX feature")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_connection_settings(db: Database) -> None:
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_wal_mode_is_stored_in_the_file(db_path: Path) -> None:
    open_database(db_path).close()
    with Database(db_path, execute_plugins=False) as plain:
        assert plain.journal_mode == "wal"


def test_schema_v1(db: Database) -> None:
    assert set(db.table_names()) >= {"checks", "settings", "_sqlite_migrations"}
    assert db.table("checks").columns_dict == {
        "id": int,
        "kind": str,
        "status": str,
        "started_at": str,
        "updated_at": str,
        "caller_number": str,
        "caller_type": str,
        "answers_json": str,
        "level": str,
        "signals_json": str,
        "stopped_early": int,
        "text": str,
        "actions_json": str,
        "lang": str,
    }
    assert db.table("checks").pks == ["id"]
    assert [index.columns for index in db.table("checks").indexes] == [["started_at"]]
    assert db.table("settings").pks == ["key"]
    assert KNOWN_MIGRATIONS[0] == "m001_checks_and_settings"
    assert len(KNOWN_MIGRATIONS) == SCHEMA_VERSION


@posix_only
def test_new_file_and_its_wal_are_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    old_umask = os.umask(0)
    try:
        db = open_database(path)
    finally:
        os.umask(old_umask)
    try:
        CheckStore(db).save(full_record())
        assert _mode(path) == 0o600
        assert _mode(Path(f"{path}-wal")) == 0o600
        assert _mode(Path(f"{path}-shm")) == 0o600
    finally:
        db.close()


@posix_only
def test_existing_open_file_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    open_database(path).close()
    path.chmod(0o644)
    open_database(path).close()
    assert _mode(path) == 0o600


@posix_only
def test_missing_folder_is_created_private(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "guardian.db"
    open_database(path).close()
    assert _mode(path.parent) == 0o700


def test_opening_twice_applies_the_migrations_once_and_keeps_data(db_path: Path) -> None:
    first = open_database(db_path)
    check_id = CheckStore(first).save(full_record())
    first.close()
    for _ in range(2):
        again = open_database(db_path)
        applied = list(again.table("_sqlite_migrations").rows_where(select="migration_set, name"))
        assert applied == [{"migration_set": MIGRATION_SET, "name": n} for n in KNOWN_MIGRATIONS]
        assert CheckStore(again).get(check_id) == full_record(id=check_id)
        again.close()


def test_a_newer_schema_is_refused_and_left_unchanged(db_path: Path) -> None:
    db = open_database(db_path)
    db.table("_sqlite_migrations").insert(
        {
            "migration_set": MIGRATION_SET,
            "name": "m999_from_the_future",
            "applied_at": str(datetime.now(timezone.utc)),
        }
    )
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version") as raised:
        open_database(db_path)
    assert isinstance(raised.value, StorageError)
    assert "m999_from_the_future" in str(raised.value)
    assert db_path.read_bytes() == before


def test_migrations_of_another_set_are_not_mistaken_for_newer(db_path: Path) -> None:
    db = open_database(db_path)
    check_id = CheckStore(db).save(full_record())
    db.table("_sqlite_migrations").insert(
        {"migration_set": "plugin", "name": "m001", "applied_at": "2024-01-01"}
    )
    db.close()
    again = open_database(db_path)
    try:
        applied = list(again.table("_sqlite_migrations").rows_where(select="migration_set, name"))
        assert applied == [
            *({"migration_set": MIGRATION_SET, "name": name} for name in KNOWN_MIGRATIONS),
            {"migration_set": "plugin", "name": "m001"},  # kept, as it was
        ]
        assert CheckStore(again).get(check_id) == full_record(id=check_id)
    finally:
        again.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_unchanged(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is a photo, not a database\n" * 512
    db_path.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path)
    assert db_path.read_bytes() == garbage


def test_a_damaged_database_is_refused(db_path: Path) -> None:
    db = open_database(db_path)
    store = CheckStore(db)
    for n in range(200):
        store.save(full_record(text=f"message {n} " + "转账" * 100))
    db.close()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 4 * page_size
    # Keep the header page; scribble over the pages of the tables.
    for offset in range(page_size, len(data), 7):
        data[offset] = (data[offset] * 31 + 17) % 256
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path)


def test_deleted_text_is_removed_from_the_file(db_path: Path) -> None:
    marker = "独一无二的短信内容-marker-7319"
    db = open_database(db_path)
    check_id = CheckStore(db).save(full_record(text=marker))
    db.close()
    assert marker.encode() in db_path.read_bytes()
    db = open_database(db_path)
    CheckStore(db).delete(check_id)
    db.close()
    assert marker.encode() not in db_path.read_bytes()
