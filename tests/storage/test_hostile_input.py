"""Importing a history file that is binary, a megabyte of brackets or holds a 1 MB text: refused
plainly by name, or taken in whole, quickly."""

from __future__ import annotations

import json

import pytest
from sqlite_utils import Database

from guardian.storage.history_io import HistoryImportError, import_json
from tests.hostile import LONG_TEXT, MEGABYTE, random_bytes, timed


def checks_count(db: Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM checks").fetchone()[0])


@pytest.mark.parametrize("seed", [1, 2])
def test_importing_binary_garbage_is_refused_plainly(db, tmp_path, seed):
    source = tmp_path / "history.json"
    source.write_bytes(random_bytes(MEGABYTE, seed))
    with pytest.raises(HistoryImportError) as caught:
        timed(5, lambda: import_json(db, source))
    assert source.name in str(caught.value)
    assert checks_count(db) == 0


def test_importing_one_megabyte_of_nested_brackets_is_refused_plainly(db, tmp_path):
    source = tmp_path / "history.json"
    source.write_text("[" * MEGABYTE, encoding="utf-8")
    with pytest.raises(HistoryImportError):
        timed(5, lambda: import_json(db, source))
    assert checks_count(db) == 0


def test_importing_a_check_with_a_one_megabyte_text_is_clear(db, tmp_path):
    """A check whose message is 1 MB either comes in whole or is refused by name."""
    exported = tmp_path / "history.json"
    check = {
        "kind": "text",
        "status": "finished",
        "started_at": "2024-05-01T08:30:00+00:00",
        "updated_at": "2024-05-01T08:31:00+00:00",
        "caller_number": None,
        "caller_type": None,
        "answers": {},
        "level": "high",
        "signals": ["safe_account"],
        "stopped_early": False,
        "text": LONG_TEXT,
        "actions": [],
        "lang": "zh",
    }
    exported.write_text(
        json.dumps({"format": "guardian-history", "version": 1, "checks": [check]}),
        encoding="utf-8",
    )
    try:
        result = timed(10, lambda: import_json(db, exported))
    except HistoryImportError as error:
        assert "checks[0]" in str(error) or exported.name in str(error)
        assert checks_count(db) == 0
    else:
        assert result.added == 1
        stored = db.execute("SELECT text FROM checks").fetchone()[0]
        assert stored == LONG_TEXT
