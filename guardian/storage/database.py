"""Opening Guardian's SQLite database: private file, safe settings, current schema."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from guardian.storage.errors import CorruptDatabaseError, StorageError
from guardian.storage.migrations import migrate

BUSY_TIMEOUT_MS = 5000
"""How long a statement waits for another connection's lock before it fails."""


def open_database(path: Path) -> Database:
    """Open (creating if missing) the database at ``path`` and bring its schema up to date.

    The file is created readable and writable by its owner only (mode 0o600 on POSIX; SQLite
    gives its ``-wal`` and ``-shm`` files the same mode). The connection uses write-ahead logging,
    ``synchronous=FULL``, foreign keys, a 5 second busy timeout and secure delete, and may only be
    used on the thread that opened it.

    Args:
        path: the database file; its folder is created if missing.

    Returns:
        An open sqlite-utils database. The caller closes it.

    Raises:
        NewerDatabaseError: a newer Guardian wrote the file; it is left unchanged.
        CorruptDatabaseError: the file is damaged or is not a database; it is left unchanged.
        StorageError: the file cannot be created or opened (permissions, disk, locked).
    """
    try:
        _create_private_file(path)
    except OSError as error:
        raise StorageError(f"cannot create the database file {path}: {error}") from error
    try:
        db = Database(path, execute_plugins=False)
    except sqlite3.Error as error:
        raise StorageError(f"cannot open the database file {path}: {error}") from error
    try:
        _configure(db)
        _check_integrity(db, path)
        migrate(db)
    except BaseException as error:
        db.close()
        if isinstance(error, sqlite3.DatabaseError) and not isinstance(
            error, sqlite3.OperationalError
        ):
            raise CorruptDatabaseError(
                f"the database file {path} is damaged or is not a Guardian database: {error}"
            ) from error
        if isinstance(error, sqlite3.Error):
            raise StorageError(f"cannot use the database file {path}: {error}") from error
        raise
    return db


def _create_private_file(path: Path) -> None:
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Create the file ourselves so it never exists, even for a moment, with wider permissions
    # than its owner's; SQLite would create it with the process umask (often 0o644).
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    if os.name == "posix":
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)


def _configure(db: Database) -> None:
    # Set first, so every later statement (switching to WAL included) waits for another
    # program's lock instead of failing at once.
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    # FULL, not NORMAL: in WAL mode NORMAL survives a crash of the program but may roll back the
    # last commits after a power cut or an operating-system crash. A check that was reported as
    # saved must never disappear, and Guardian commits a few small rows per check, so the extra
    # fsync per commit costs nothing a person can notice.
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    # Deleted history is overwritten with zeros, so "delete" really removes the text of a check.
    db.execute("PRAGMA secure_delete = ON")


def _check_integrity(db: Database, path: Path) -> None:
    # quick_check reads every page once: milliseconds for a history of thousands of checks, and
    # it stops Guardian from writing into a damaged file.
    problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise CorruptDatabaseError(
            f"the database file {path} is damaged: {'; '.join(str(p) for p in problems[:5])}"
        )


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """Run the block as one write transaction that takes the write lock at its start.

    Two parts of Guardian write the same file (the disk worker and the alert outbox). A
    transaction that reads first and writes later can find the file changed in between and
    fail at once with "database is locked"; ``BEGIN IMMEDIATE`` takes the lock up front (waiting
    up to the busy timeout), so the block either runs whole or not at all. Inside an open
    transaction the block becomes a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")
