"""Pictures kept with checks in a real SQLite file: written whole or not at all, gone with it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from guardian.core.picture_marks import KeptPicture
from guardian.core.reading_order import rectangle
from guardian.storage.check_pictures import CheckPictureStore
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.migrations import KNOWN_MIGRATIONS, MIGRATION_SET, MIGRATIONS
from tests.storage.conftest import T0, full_record

# Not a real photo: the store keeps the bytes as they are, and this pattern is easy to find.
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9"
PICTURE = KeptPicture(
    image=JPEG,
    format="jpeg",
    width=720,
    height=1600,
    marked=(rectangle("安全账户", 40.5, 200, 700, 250), rectangle("洗钱", 540, 100, 780, 150)),
    area=(0.0, 52.0, 828.0, 398.0),
)


def text_check(store: CheckStore) -> int:
    return store.save(full_record(kind="text", caller_number=None, caller_type=None))


def picture_rows(db_path: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(
            "SELECT check_id, length(data) FROM check_pictures ORDER BY check_id"
        ).fetchall()


def test_a_kept_picture_reads_back_with_its_boxes(db: Database, db_path: Path) -> None:
    check_id = text_check(CheckStore(db))
    pictures = CheckPictureStore(db)
    assert pictures.get(check_id) is None and not pictures.kept(check_id)
    pictures.keep(check_id, PICTURE, T0)
    back = pictures.get(check_id)
    assert back is not None and pictures.kept(check_id)
    assert back.image == JPEG and back.format == "jpeg"
    assert (back.width, back.height, back.area) == (720, 1600, PICTURE.area)
    assert [box.corners for box in back.marked] == [box.corners for box in PICTURE.marked]
    # Kept again: still one picture for the check.
    pictures.keep(check_id, PICTURE, T0)
    assert picture_rows(db_path) == [(check_id, len(JPEG))]


def test_a_picture_goes_when_its_check_is_deleted(db: Database, db_path: Path) -> None:
    store = CheckStore(db)
    first, second = text_check(store), text_check(store)
    pictures = CheckPictureStore(db)
    pictures.keep(first, PICTURE, T0)
    pictures.keep(second, PICTURE, T0)
    store.delete(first)
    assert pictures.get(first) is None
    assert picture_rows(db_path) == [(second, len(JPEG))]
    # A check deleted by another way (its row alone) takes its picture too: the foreign key.
    db.execute("DELETE FROM checks WHERE id = ?", [second])
    db.conn.commit()
    assert picture_rows(db_path) == []


def test_deleting_the_whole_history_deletes_every_picture(db: Database, db_path: Path) -> None:
    store = CheckStore(db)
    for _ in range(3):
        CheckPictureStore(db).keep(text_check(store), PICTURE, T0)
    assert len(picture_rows(db_path)) == 3
    store.delete_all()
    assert picture_rows(db_path) == [] and store.count() == 0
    db.close()
    # Secure delete: the picture's bytes are not left in the file either.
    assert JPEG[:300] not in db_path.read_bytes()


def test_a_picture_for_no_check_or_of_another_kind_is_refused(db: Database, db_path: Path) -> None:
    pictures = CheckPictureStore(db)
    with pytest.raises(ValueError, match="no check"):
        pictures.keep(999, PICTURE, T0)
    check_id = text_check(CheckStore(db))
    with pytest.raises(ValueError, match="PNG or JPEG"):
        pictures.keep(check_id, KeptPicture(b"GIF89a", "gif", 1, 1), T0)
    assert picture_rows(db_path) == []


def test_a_full_disk_keeps_nothing_half_written_and_it_keeps_once_space_is_back(
    db: Database, db_path: Path
) -> None:
    check_id = text_check(CheckStore(db))
    big = KeptPicture(JPEG * 50, "jpeg", 720, 1600, PICTURE.marked, PICTURE.area)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    try:
        with pytest.raises(sqlite3.OperationalError, match="full"):
            CheckPictureStore(db).keep(check_id, big, T0)
    finally:
        db.execute("PRAGMA max_page_count = 1073741823")
    assert not db.conn.in_transaction
    assert picture_rows(db_path) == []
    assert CheckStore(db).get(check_id) is not None  # the check itself stays
    CheckPictureStore(db).keep(check_id, big, T0)
    assert picture_rows(db_path) == [(check_id, len(big.image))]


def test_a_history_from_before_pictures_gets_the_table_and_keeps_its_checks(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    old = Database(db_path)
    MIGRATIONS.apply(old, stop_before="m005_check_pictures")
    assert "check_pictures" not in old.table_names()
    check_id = CheckStore(old).save(full_record(kind="text"))
    old.close()

    db = open_database(db_path)
    try:
        assert "check_pictures" in db.table_names()
        applied = [row["name"] for row in db.table("_sqlite_migrations").rows]
        assert applied == KNOWN_MIGRATIONS and KNOWN_MIGRATIONS[-1] == "m005_check_pictures"
        assert MIGRATION_SET == "guardian"
        assert CheckStore(db).get(check_id) is not None
        CheckPictureStore(db).keep(check_id, PICTURE, T0)
        assert CheckPictureStore(db).get(check_id) is not None
    finally:
        db.close()


def test_a_damaged_row_reads_as_a_picture_without_boxes_or_none(db: Database) -> None:
    check_id = text_check(CheckStore(db))
    CheckPictureStore(db).keep(check_id, PICTURE, T0)
    db.execute("UPDATE check_pictures SET marks_json = 'not json'")
    back = CheckPictureStore(db).get(check_id)
    assert back is not None and back.marked == () and back.area is None
    db.execute("UPDATE check_pictures SET format = 'exe'")
    assert CheckPictureStore(db).get(check_id) is None
