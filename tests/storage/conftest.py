"""Fixtures for storage tests: real SQLite files in a temporary folder, and sample checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.storage.database import open_database

T0 = datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)


def full_record(**overrides: Any) -> CheckRecord:
    """A finished call check with every field filled in."""
    fields: dict[str, Any] = {
        "kind": "call",
        "status": "finished",
        "started_at": T0,
        "updated_at": T0 + timedelta(minutes=3, microseconds=250),
        "caller_number": "+86 170 1234 5678",
        "caller_type": "police",
        "answers": {"official_claim": "yes", "safe_account": "unsure", "urgency": "no"},
        "level": "high",
        "signals": ["official_claim", "virtual_operator"],
        "stopped_early": True,
        "text": "您的账户涉嫌洗钱，请把钱转到安全账户",
        "actions": [
            {"action": "called", "who": "女儿", "at": "2024-05-01T08:34:00+00:00"},
            {"action": "alert", "channel": "mailto", "delivered": "yes"},
        ],
        "lang": "zh",
    }
    fields.update(overrides)
    return CheckRecord(**fields)


@pytest.fixture
def make_record() -> Callable[..., CheckRecord]:
    return full_record


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "guardian.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()
