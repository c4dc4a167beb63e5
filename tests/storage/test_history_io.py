from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.history_io import (
    CSV_COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_ENTRIES,
    MAX_ENTRY_CHARS,
    MAX_FIELD_CHARS,
    HistoryImportError,
    ImportResult,
    OversizedField,
    export_csv,
    export_json,
    import_json,
    iter_records,
    read_json_export,
)

from .conftest import T0, full_record

BEIJING = timezone(timedelta(hours=8))
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX feature")


def varied_records() -> list[CheckRecord]:
    return [
        full_record(),
        full_record(
            kind="text",
            started_at=T0 + timedelta(hours=1),
            updated_at=T0 + timedelta(hours=1, seconds=5),
            caller_number=None,
            caller_type=None,
            answers={},
            level="medium",
            signals=["urgency"],
            stopped_early=False,
            text='=HYPERLINK("http://evil.example","点这里领取补贴"), "引号", 逗号,\n第二行',
            actions=[],
            lang="en",
        ),
        full_record(
            kind="number",
            status="in_progress",
            started_at=T0 + timedelta(days=1),
            updated_at=T0 + timedelta(days=1),
            caller_number="13800138000",
            caller_type=None,
            answers={},
            level=None,
            signals=[],
            stopped_early=False,
            text=None,
            actions=[],
        ),
        full_record(
            started_at=datetime(2024, 5, 2, 23, 59, 59, 999999, tzinfo=BEIJING),
            updated_at=datetime(2024, 5, 3, 0, 1, tzinfo=BEIJING),
            level="low",
            signals=[],
            text=None,
        ),
    ]


def fill(db: Database, records: list[CheckRecord]) -> None:
    store = CheckStore(db)
    for record in records:
        store.save(record)


def without_ids(records: list[CheckRecord]) -> list[dict[str, Any]]:
    rows = [record.to_row() for record in records]
    for row in rows:
        del row["id"]
    return sorted(rows, key=lambda row: (row["started_at"], row["kind"]))


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "other" / "guardian.db")
    yield database
    database.close()


def write_document(path: Path, checks: list[Any], **header: Any) -> Path:
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "checks": checks, **header}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def exported_checks(db: Database, tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "export.json"
    export_json(db, path)
    checks: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["checks"]
    return checks


# CSV


def test_csv_has_one_row_per_check_and_opens_as_utf8_with_bom(db: Database, tmp_path: Path) -> None:
    records = varied_records()
    fill(db, records)
    path = tmp_path / "history.csv"
    assert export_csv(db, path, tz=BEIJING) == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == [heading for _, heading in CSV_COLUMNS]
    assert len(rows) == 5
    by_name = [dict(zip([name for name, _ in CSV_COLUMNS], row, strict=True)) for row in rows[1:]]
    first = by_name[0]
    assert first["time"] == "2024-05-01 16:30:00"
    assert first["kind"] == "电话 call"
    assert first["level"] == "极可能是诈骗 high"
    assert first["signals"] == "official_claim; virtual_operator"
    assert first["answers"] == "official_claim=yes; safe_account=unsure; urgency=no"
    assert first["actions"] == (
        "action=called, who=女儿, at=2024-05-01T08:34:00+00:00; "
        "action=alert, channel=mailto, delivered=yes"
    )
    assert first["stopped_early"] == "是 yes"
    assert first["text"] == "您的账户涉嫌洗钱，请把钱转到安全账户"
    assert first["started_at"] == "2024-05-01T08:30:00.000000+00:00"
    assert {row["id"] for row in by_name} == {str(record.id) for record in records}


def test_csv_cells_are_never_run_as_formulas(db: Database, tmp_path: Path) -> None:
    fill(db, varied_records())
    path = tmp_path / "history.csv"
    export_csv(db, path, tz=BEIJING)
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    message = rows[1][dict(CSV_COLUMNS)["text"]]
    assert message.startswith("'=HYPERLINK(")
    assert message.endswith("逗号,\n第二行")
    assert rows[0][dict(CSV_COLUMNS)["caller_number"]] == "'+86 170 1234 5678"
    assert rows[2][dict(CSV_COLUMNS)["caller_number"]] == "13800138000"
    assert rows[2][dict(CSV_COLUMNS)["level"]] == ""
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@"))


def test_csv_of_an_empty_history_has_the_headings(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    assert export_csv(db, path) == 0
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        ",".join(heading for _, heading in CSV_COLUMNS)
    ]


@posix_only
def test_exports_are_private_and_leave_no_partial_file(db: Database, tmp_path: Path) -> None:
    fill(db, varied_records())
    export_csv(db, tmp_path / "history.csv")
    export_json(db, tmp_path / "history.json")
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == [
        "history.csv",
        "history.json",
    ]
    assert stat.S_IMODE((tmp_path / "history.csv").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "history.json").stat().st_mode) == 0o600


# JSON export and import


def test_json_export_is_a_versioned_document(db: Database, tmp_path: Path) -> None:
    fill(db, varied_records())
    path = tmp_path / "history.json"
    now = datetime(2024, 6, 1, 12, 0, tzinfo=BEIJING)
    assert export_json(db, path, now=now) == 4
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "guardian-history"
    assert document["version"] == 1
    assert document["exported_at"] == "2024-06-01T04:00:00+00:00"
    assert len(document["checks"]) == 4
    first = document["checks"][0]
    assert first["answers"] == {"official_claim": "yes", "safe_account": "unsure", "urgency": "no"}
    assert first["stopped_early"] is True
    assert "安全账户" in path.read_text(encoding="utf-8")  # Chinese kept readable


def test_import_into_an_empty_database_reproduces_every_field(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    records = varied_records()
    fill(db, records)
    path = tmp_path / "history.json"
    export_json(db, path)
    assert import_json(other_db, path) == ImportResult(added=4, skipped=0)
    imported = list(iter_records(other_db))
    assert without_ids(imported) == without_ids(list(iter_records(db)))
    for record in imported:
        assert record.id is not None


def test_importing_twice_adds_nothing(db: Database, other_db: Database, tmp_path: Path) -> None:
    fill(db, varied_records())
    path = tmp_path / "history.json"
    export_json(db, path)
    import_json(other_db, path)
    assert import_json(other_db, path) == ImportResult(added=0, skipped=4)
    assert CheckStore(other_db).count() == 4
    # Importing a history into itself adds nothing either.
    assert import_json(db, path) == ImportResult(added=0, skipped=4)


def test_import_merges_with_an_existing_history(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    records = varied_records()
    fill(db, records)
    fill(other_db, [full_record(started_at=T0 + timedelta(hours=1), kind="text", text="别的")])
    fill(other_db, [varied_records()[0]])  # the same check as the first in the file
    path = tmp_path / "history.json"
    export_json(db, path)
    assert import_json(other_db, path) == ImportResult(added=3, skipped=1)
    assert CheckStore(other_db).count() == 5


def test_duplicates_inside_the_file_are_added_once(other_db: Database, tmp_path: Path) -> None:
    check = exported_one(tmp_path)
    path = write_document(tmp_path / "twice.json", [check, dict(check, id=99)])
    assert import_json(other_db, path) == ImportResult(added=1, skipped=1)


def test_checks_that_differ_only_in_text_are_both_kept(other_db: Database, tmp_path: Path) -> None:
    check = exported_one(tmp_path)
    path = write_document(tmp_path / "two.json", [check, dict(check, text="另一条")])
    assert import_json(other_db, path) == ImportResult(added=2, skipped=0)


def test_a_file_with_a_byte_order_mark_is_read(other_db: Database, tmp_path: Path) -> None:
    check = exported_one(tmp_path)
    path = tmp_path / "bom.json"
    document = {"format": FORMAT_NAME, "version": 1, "checks": [check]}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8-sig")
    assert import_json(other_db, path).added == 1


def exported_one(tmp_path: Path) -> dict[str, Any]:
    folder = tmp_path / "one"
    database = open_database(folder / "guardian.db")
    try:
        fill(database, [full_record()])
        return exported_checks(database, folder)[0]
    finally:
        database.close()


BAD_CHECKS: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    ("unknown level", lambda c: dict(c, level="very high"), "level"),
    ("missing kind", lambda c: {k: v for k, v in c.items() if k != "kind"}, "kind: missing"),
    ("unknown key", lambda c: dict(c, colour="red"), "colour: unknown key"),
    ("stopped_early as text", lambda c: dict(c, stopped_early="yes"), "stopped_early"),
    ("stopped_early as 1", lambda c: dict(c, stopped_early=1), "stopped_early"),
    ("time without zone", lambda c: dict(c, started_at="2024-05-01T08:30:00"), "started_at"),
    ("time not a time", lambda c: dict(c, updated_at="yesterday"), "updated_at"),
    ("answers a list", lambda c: dict(c, answers=["yes"]), "answers"),
    ("answer unknown", lambda c: dict(c, answers={"urgency": "maybe"}), "answers"),
    ("signals a string", lambda c: dict(c, signals="urgency"), "signals"),
    ("action not text", lambda c: dict(c, actions=[{"at": 5}]), "actions[0]"),
    ("number not text", lambda c: dict(c, caller_number=13800138000), "caller_number"),
    ("not an object", lambda c: ["call"], "expected an object"),
    ("kind unhashable", lambda c: dict(c, kind=["call"]), "kind"),
]


@pytest.mark.parametrize(
    ("break_check", "named"),
    [(fn, named) for _, fn, named in BAD_CHECKS],
    ids=[name for name, _, _ in BAD_CHECKS],
)
def test_a_bad_check_aborts_the_whole_import(
    other_db: Database,
    tmp_path: Path,
    break_check: Callable[[dict[str, Any]], object],
    named: str,
) -> None:
    good = exported_one(tmp_path)
    checks = [
        good,
        dict(good, text="第二条"),
        break_check(dict(good, text="坏的")),
        dict(good, text="第四条"),
    ]
    path = write_document(tmp_path / "bad.json", checks)
    with pytest.raises(HistoryImportError) as raised:
        import_json(other_db, path)
    message = str(raised.value)
    assert "checks[2]" in message
    assert "check number 3" in message
    assert named in message
    assert CheckStore(other_db).count() == 0


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (b"not json at all", "not a readable JSON file"),
        (b"\xff\xfe\x00garbage", "not a readable JSON file"),
        (b'{"format": "guardian-history", "version": 1, "checks": [NaN]}', "NaN"),
        (b"[1, 2, 3]", "not a Guardian history export"),
        (b'{"format": "something-else", "version": 1, "checks": []}', "not a Guardian history"),
        (b'{"format": "guardian-history", "checks": []}', "version is missing"),
        (b'{"format": "guardian-history", "version": "1", "checks": []}', "version is missing"),
        (b'{"format": "guardian-history", "version": 2, "checks": []}', "newer version"),
        (b'{"format": "guardian-history", "version": 0, "checks": []}', "unknown history format"),
        (b'{"format": "guardian-history", "version": 1}', "checks is missing"),
        (b'{"format": "guardian-history", "version": 1, "checks": {}}', "checks is missing"),
        (b"[" * 100_000 + b"]" * 100_000, "not a readable JSON file"),
    ],
    ids=[
        "not-json",
        "not-utf8",
        "nan",
        "a-list",
        "other-format",
        "no-version",
        "version-text",
        "newer",
        "older",
        "no-checks",
        "checks-not-list",
        "deep-nesting",
    ],
)
def test_a_file_that_is_not_a_history_export_is_refused(
    other_db: Database, tmp_path: Path, content: bytes, named: str
) -> None:
    path = tmp_path / "file.json"
    path.write_bytes(content)
    with pytest.raises(HistoryImportError, match=named):
        import_json(other_db, path)
    assert CheckStore(other_db).count() == 0


def test_an_oversized_file_is_refused_before_it_is_read(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    fill(db, varied_records())
    path = tmp_path / "history.json"
    export_json(db, path)
    size = path.stat().st_size
    with pytest.raises(HistoryImportError, match="larger than"):
        import_json(other_db, path, max_bytes=size - 1)
    assert CheckStore(other_db).count() == 0
    assert import_json(other_db, path, max_bytes=size).added == 4


def test_the_default_limit_is_20_mb(other_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(HistoryImportError, match="larger than 20 MB"):
        import_json(other_db, path)


def test_a_missing_file_is_reported(other_db: Database, tmp_path: Path) -> None:
    with pytest.raises(HistoryImportError, match="cannot read"):
        read_json_export(tmp_path / "nowhere.json")


def test_a_failure_while_writing_leaves_the_history_as_it_was(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    fill(db, [full_record(started_at=T0 + timedelta(minutes=n), text=f"第{n}条") for n in range(5)])
    fill(other_db, [full_record(text="原有的")])
    path = tmp_path / "history.json"
    export_json(db, path)
    # SQLite itself refuses the fourth check in the file, after three were inserted.
    other_db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON checks WHEN NEW.text = '第3条' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="refused"):
        import_json(other_db, path)
    assert [record.text for record in iter_records(other_db)] == ["原有的"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need no privilege on POSIX")
@pytest.mark.parametrize("export", [export_csv, export_json], ids=["csv", "json"])
def test_an_export_never_writes_through_a_link_planted_as_its_part_file(
    db: Database, tmp_path: Path, export: Callable[[Database, Path], int]
) -> None:
    fill(db, varied_records())
    victim = tmp_path / "someone-elses-file"
    victim.write_text("keep me", encoding="utf-8")
    destination = tmp_path / "history.export"
    partial = tmp_path / "history.export.part"
    partial.symlink_to(victim)
    assert export(db, destination) == 4
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not destination.is_symlink() and "安全账户" in destination.read_text("utf-8-sig")
    assert not partial.exists() and not partial.is_symlink()
    assert stat.S_IMODE(destination.stat().st_mode) == 0o600


def test_a_part_file_left_by_an_interrupted_export_does_not_block_the_next(
    db: Database, tmp_path: Path
) -> None:
    fill(db, varied_records())
    (tmp_path / "history.json.part").write_text('{"format": "guardian-hist', encoding="utf-8")
    assert export_json(db, tmp_path / "history.json") == 4
    assert len(json.loads((tmp_path / "history.json").read_text("utf-8"))["checks"]) == 4
    assert not (tmp_path / "history.json.part").exists()


OVERSIZED_FIELDS = [
    ("text", lambda c: dict(c, text="转" * (MAX_FIELD_CHARS["text"] + 1))),
    (
        "caller_number",
        lambda c: dict(c, caller_number="1" * (MAX_FIELD_CHARS["caller_number"] + 1)),
    ),
    ("caller_type", lambda c: dict(c, caller_type="p" * (MAX_FIELD_CHARS["caller_type"] + 1))),
    ("signals", lambda c: dict(c, signals=[f"s{n}" for n in range(MAX_ENTRIES + 1)])),
    ("signals", lambda c: dict(c, signals=["s" * (MAX_ENTRY_CHARS + 1)])),
    ("answers", lambda c: dict(c, answers={f"s{n}": "yes" for n in range(MAX_ENTRIES + 1)})),
    ("answers", lambda c: dict(c, answers={"s" * (MAX_ENTRY_CHARS + 1): "yes"})),
    ("actions", lambda c: dict(c, actions=[{"action": "home"}] * (MAX_ENTRIES + 1))),
    ("actions", lambda c: dict(c, actions=[{"action": "x" * (MAX_ENTRY_CHARS + 1)}])),
]


@pytest.mark.parametrize(
    ("field", "enlarge"),
    OVERSIZED_FIELDS,
    ids=[f"{field}-{n}" for n, (field, _) in enumerate(OVERSIZED_FIELDS)],
)
def test_a_check_with_a_field_longer_than_guardian_saves_is_refused_by_name(
    other_db: Database,
    tmp_path: Path,
    field: str,
    enlarge: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    good = exported_one(tmp_path)
    path = write_document(tmp_path / "big.json", [good, enlarge(dict(good, text="第二条"))])
    with pytest.raises(HistoryImportError) as raised:
        import_json(other_db, path)
    assert raised.value.oversized == OversizedField(check_number=2, field=field)
    assert "checks[1]" in str(raised.value) and field in str(raised.value)
    assert CheckStore(other_db).count() == 0


def test_fields_as_long_as_guardian_saves_are_imported(other_db: Database, tmp_path: Path) -> None:
    good = exported_one(tmp_path)
    longest = dict(
        good,
        text="转" * MAX_FIELD_CHARS["text"],
        caller_number="1" * MAX_FIELD_CHARS["caller_number"],
        signals=[f"s{n}" for n in range(MAX_ENTRIES)],
    )
    path = write_document(tmp_path / "longest.json", [longest])
    assert import_json(other_db, path).added == 1
