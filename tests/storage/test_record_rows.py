from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from guardian.core.records import ANSWERS, ROW_COLUMNS, CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.migrations import migrate

from .conftest import T0, full_record


def test_to_row_has_the_storage_columns_and_plain_values() -> None:
    row = full_record().to_row()
    assert tuple(row) == ROW_COLUMNS
    assert row["started_at"] == "2024-05-01T08:30:00.000000+00:00"
    assert row["stopped_early"] == 1
    assert json.loads(row["answers_json"])["official_claim"] == "yes"
    assert "安全账户" in row["text"]
    # Chinese stays readable in the stored JSON.
    assert "女儿" in row["actions_json"]


def test_from_row_round_trips_every_field() -> None:
    record = full_record(id=7)
    assert CheckRecord.from_row(record.to_row()) == record


def test_times_are_kept_in_utc() -> None:
    beijing = timezone(timedelta(hours=8))
    record = full_record(started_at=datetime(2024, 5, 1, 16, 30, tzinfo=beijing))
    assert record.started_at.utcoffset() == timedelta(0)
    assert record.started_at == T0
    assert record.to_row()["started_at"].endswith("+00:00")


def test_stored_times_sort_as_text_in_time_order() -> None:
    times = [T0, T0 + timedelta(microseconds=1), T0 + timedelta(seconds=1)]
    texts = [full_record(started_at=t).to_row()["started_at"] for t in times]
    assert texts == sorted(texts)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "email"),
        ("status", "done"),
        ("level", "safe"),
        ("lang", "fr"),
        ("answers", {"urgency": "maybe"}),
        ("answers", ["urgency"]),
        ("signals", "urgency"),
        ("signals", [1]),
        ("actions", [{"action": 1}]),
        ("actions", {"action": "called"}),
        ("started_at", datetime(2024, 5, 1, 8, 30)),
        ("updated_at", "2024-05-01"),
        ("stopped_early", 1),
        ("caller_number", 12345),
        ("text", b"bytes"),
        ("id", 0),
        ("id", True),
    ],
)
def test_invalid_field_is_refused_by_name(field: str, value: Any) -> None:
    with pytest.raises(ValueError, match=field):
        full_record(**{field: value})


def test_a_field_changed_to_a_bad_value_is_caught_before_storage() -> None:
    record = full_record()
    record.level = "very high"
    with pytest.raises(ValueError, match="level"):
        record.to_row()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("answers_json", "{not json"),
        ("signals_json", None),
        ("started_at", "yesterday"),
        ("updated_at", "2024-05-01T08:30:00"),
        ("stopped_early", 2),
        ("kind", "fax"),
    ],
)
def test_bad_row_is_refused_by_column(column: str, value: Any) -> None:
    row = full_record().to_row()
    row[column] = value
    with pytest.raises(ValueError, match=column):
        CheckRecord.from_row(row)


def test_missing_column_is_named() -> None:
    row = full_record().to_row()
    del row["lang"]
    with pytest.raises(ValueError, match="lang"):
        CheckRecord.from_row(row)


def test_minimal_record_has_sensible_defaults() -> None:
    record = CheckRecord(kind="number", started_at=T0, updated_at=T0, lang="en")
    assert record.id is None
    assert record.status == "in_progress"
    assert record.answers == {} and record.signals == [] and record.actions == []
    assert CheckRecord.from_row(record.to_row()) == record


# --- properties -------------------------------------------------------------------------------

_offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
_times = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=_offsets
)
_text_maps = st.dictionaries(st.text(), st.text(), max_size=4)

_records = st.builds(
    CheckRecord,
    kind=st.sampled_from(["call", "text", "number"]),
    status=st.sampled_from(["in_progress", "finished"]),
    started_at=_times,
    updated_at=_times,
    caller_number=st.none() | st.text(),
    caller_type=st.none() | st.text(),
    answers=st.dictionaries(st.text(), st.sampled_from(ANSWERS)),
    level=st.none() | st.sampled_from(["high", "medium", "low"]),
    signals=st.lists(st.text(), max_size=5),
    stopped_early=st.booleans(),
    text=st.none() | st.text(),
    actions=st.lists(_text_maps, max_size=3),
    lang=st.sampled_from(["zh", "en"]),
)


@given(_records)
def test_to_row_from_row_round_trips_arbitrary_text(record: CheckRecord) -> None:
    assert CheckRecord.from_row(record.to_row()) == record


@given(_records)
def test_arbitrary_text_survives_a_real_sqlite_round_trip(record: CheckRecord) -> None:
    with Database(memory=True, execute_plugins=False) as db:
        migrate(db)
        store = CheckStore(db)
        check_id = store.save(record)
        assert store.get(check_id) == record
