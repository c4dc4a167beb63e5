"""The history-file check: ``PRAGMA integrity_check`` on the database, opened read-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import (
    DB_DAMAGED,
    DB_MISSING,
    DB_MISSING_WITH_BACKUP,
    DB_NEWER,
    DB_OK,
    DB_UNREADABLE,
    Words,
)
from guardian.doctor.sqlite_read import open_read_only


def check_database(folder: Path, words: Words) -> CheckResult:
    """Run ``PRAGMA integrity_check`` on the database, opened read-only; change nothing."""
    from sqlite_utils import Database

    from guardian.storage.backup import list_backups
    from guardian.storage.migrations import unknown_migrations
    from guardian.storage.paths import backups_dir, database_path

    path = database_path(folder)
    if not path.exists():
        if list_backups(backups_dir(folder)):
            return CheckResult("database", False, words(DB_MISSING_WITH_BACKUP))
        return CheckResult("database", True, words(DB_MISSING))
    try:
        connection = open_read_only(path)
    except sqlite3.Error as error:
        return CheckResult("database", False, words(DB_UNREADABLE, reason=error))
    try:
        problems = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            reason = "; ".join(problems[:2])
            return CheckResult("database", False, words(DB_DAMAGED, reason=reason))
        db = Database(connection, execute_plugins=False)
        if unknown_migrations(db):
            return CheckResult("database", False, words(DB_NEWER))
        count = db.table("checks").count if db.table("checks").exists() else 0
    except sqlite3.OperationalError as error:
        return CheckResult("database", False, words(DB_UNREADABLE, reason=error))
    except sqlite3.DatabaseError as error:
        return CheckResult("database", False, words(DB_DAMAGED, reason=error))
    finally:
        connection.close()
    return CheckResult("database", True, words(DB_OK, count=count))
