"""Opening the database read-only for the doctor, leaving no trace on the disk."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open the database read-only, leaving no trace.

    A read-only connection to a database in WAL mode still creates its ``-wal`` and ``-shm``
    files, and cannot remove them. When there is no ``-wal`` file (Guardian is not open),
    every page is in the main file, which is then opened as unchanging, so nothing is created.
    """
    uri = path.resolve().as_uri()
    if not Path(f"{path}-wal").exists():
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=5.0)
    return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=5.0)
