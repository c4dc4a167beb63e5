from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database

from .conftest import T0

MakeRecord = Callable[..., CheckRecord]


def test_save_and_get_round_trips_every_field(db: Database, make_record: MakeRecord) -> None:
    record = make_record()
    check_id = CheckStore(db).save(record)
    assert record.id == check_id
    assert CheckStore(db).get(check_id) == make_record(id=check_id)


def test_saved_check_survives_reopening(db_path: Path, make_record: MakeRecord) -> None:
    db = open_database(db_path)
    check_id = CheckStore(db).save(make_record())
    db.close()
    db = open_database(db_path)
    try:
        assert CheckStore(db).get(check_id) == make_record(id=check_id)
    finally:
        db.close()


def test_save_with_an_id_updates_in_place(db: Database, make_record: MakeRecord) -> None:
    store = CheckStore(db)
    record = make_record(status="in_progress", level=None, signals=[], actions=[], answers={})
    check_id = store.save(record)
    record.answers["official_claim"] = "yes"
    record.status = "finished"
    record.level = "medium"
    record.signals = ["official_claim"]
    record.actions.append({"action": "called", "who": "110"})
    record.updated_at = T0 + timedelta(minutes=5)
    assert store.save(record) == check_id
    assert store.count() == 1
    assert store.get(check_id) == record


def test_a_check_deleted_while_open_is_written_again(db: Database, make_record: MakeRecord) -> None:
    store = CheckStore(db)
    record = make_record(status="in_progress")
    check_id = store.save(record)
    store.delete_all()
    record.status = "finished"
    assert store.save(record) == check_id
    assert store.get(check_id) == record


def test_invalid_record_is_not_stored(db: Database, make_record: MakeRecord) -> None:
    store = CheckStore(db)
    record = make_record()
    record.kind = "letter"
    with pytest.raises(ValueError, match="kind"):
        store.save(record)
    assert store.count() == 0
    assert record.id is None


def test_get_of_a_missing_id_is_none(db: Database) -> None:
    assert CheckStore(db).get(12345) is None


def test_page_is_newest_first_by_start_then_id(db: Database, make_record: MakeRecord) -> None:
    store = CheckStore(db)
    starts = [T0 + timedelta(hours=h) for h in (3, 1, 2, 2, 0, 2)]
    ids = [store.save(make_record(started_at=start)) for start in starts]
    by_newest = sorted(
        zip(starts, ids, strict=True), key=lambda pair: (pair[0], pair[1]), reverse=True
    )
    expected = [check_id for _, check_id in by_newest]
    assert [r.id for r in store.page(0, 100)] == expected
    assert [r.id for r in store.page(0, 2)] == expected[:2]
    assert [r.id for r in store.page(2, 3)] == expected[2:5]
    assert [r.id for r in store.page(5, 3)] == expected[5:]
    assert store.page(6, 3) == []
    assert store.page(0, 0) == []
    assert store.count() == 6


def test_page_rejects_negative_numbers(db: Database) -> None:
    with pytest.raises(ValueError):
        CheckStore(db).page(-1, 10)
    with pytest.raises(ValueError):
        CheckStore(db).page(0, -1)


def test_delete_one_and_all(db: Database, make_record: MakeRecord) -> None:
    store = CheckStore(db)
    ids = [store.save(make_record()) for _ in range(3)]
    store.delete(ids[1])
    assert store.get(ids[1]) is None
    assert store.count() == 2
    store.delete(ids[1])  # already gone: nothing happens
    store.delete_all()
    assert store.count() == 0
    assert store.page(0, 10) == []


def test_unfinished_lists_checks_in_progress_oldest_first(
    db: Database, make_record: MakeRecord
) -> None:
    store = CheckStore(db)
    late = store.save(make_record(status="in_progress", started_at=T0 + timedelta(hours=1)))
    store.save(make_record(status="finished"))
    early = store.save(make_record(status="in_progress", started_at=T0))
    assert [r.id for r in store.unfinished()] == [early, late]
    assert all(r.status == "in_progress" for r in store.unfinished())


def test_the_newest_unfinished_call_is_the_one_offered(
    db: Database, make_record: MakeRecord
) -> None:
    store = CheckStore(db)
    later = T0 + timedelta(days=1)
    assert store.newest_unfinished_call(later) is None
    store.save(make_record(status="in_progress", started_at=T0))
    late = store.save(make_record(status="in_progress", started_at=T0 + timedelta(hours=1)))
    store.save(make_record(status="in_progress", kind="text", started_at=T0 + timedelta(hours=2)))
    store.save(make_record(status="finished", started_at=T0 + timedelta(hours=3)))
    newest = store.newest_unfinished_call(later)
    assert newest is not None and newest.id == late
    # A check begun after this start of the app (the one being answered now) is never offered.
    store.save(make_record(status="in_progress", started_at=later + timedelta(minutes=1)))
    newest = store.newest_unfinished_call(later)
    assert newest is not None and newest.id == late


def test_empty_history(db: Database) -> None:
    store = CheckStore(db)
    assert store.count() == 0
    assert store.page(0, 10) == []
    assert store.unfinished() == []
    store.delete_all()
