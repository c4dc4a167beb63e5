"""Fixtures for the services' tests: a real SQLite file, opened as the app opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from guardian.storage.database import open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "g.db")
    yield database
    database.close()
