"""Daily copies of the database, kept for a week, to restore from if the file is damaged.

A backup is ``<backup_dir>/guardian-YYYYMMDD.db``: a complete, self-contained SQLite file
(rollback journal, no ``-wal`` file) made with SQLite's online backup API, so it is consistent
even while the app is writing. Backups are private to their owner (files 0o600, folder 0o700).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from guardian.storage.errors import CorruptDatabaseError, StorageError
from guardian.storage.migrations import unknown_migrations
from guardian.storage.paths import make_private_dir

_log = logging.getLogger(__name__)

"""The folder, inside the data folder, that holds the backups."""

KEEP_BACKUPS = 7
"""How many daily backups :func:`prune_backups` keeps by default."""

_BACKUP_NAME = re.compile(r"^guardian-(\d{8})\.db$")
_BUSY_TIMEOUT_S = 5.0


def backup_name(day: date) -> str:
    """Return the file name of the backup made on ``day``: ``guardian-YYYYMMDD.db``."""
    return f"guardian-{day:%Y%m%d}.db"


def backup_date(path: Path) -> date | None:
    """Return the day a backup file was made, read from its name; ``None`` if not a backup."""
    match = _BACKUP_NAME.match(path.name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def list_backups(backup_dir: Path) -> list[Path]:
    """Return the backup files in ``backup_dir``, newest first; empty if the folder is missing."""
    if not backup_dir.is_dir():
        return []
    dated = [(day, path) for path in backup_dir.iterdir() if (day := backup_date(path)) is not None]
    return [path for _, path in sorted(dated, reverse=True)]


def daily_backup_due(backup_dir: Path, now: datetime) -> bool:
    """Return whether no backup has been made yet on the day of ``now``.

    Args:
        backup_dir: the backup folder.
        now: the current local time; its date names the backup.
    """
    return not (backup_dir / backup_name(now.date())).is_file()


def make_backup(db_path: Path, backup_dir: Path, now: datetime) -> Path:
    """Copy the database at ``db_path`` into ``backup_dir`` as the backup of ``now``'s day.

    The copy is written to a temporary file, checked with ``PRAGMA quick_check``, flushed to
    disk, and only then renamed over any earlier backup of the same day, so a good backup is
    never replaced by a damaged or half-written one. The database itself is only read.

    Args:
        db_path: the database file; it may be open in the app at the same time.
        backup_dir: the backup folder; created (0o700) if missing.
        now: the current local time; its date names the backup.

    Returns:
        The path of the backup file.

    Raises:
        CorruptDatabaseError: the database is damaged; no backup was written.
        StorageError: the database is missing, or the backup cannot be written.
    """
    if not db_path.is_file():
        raise StorageError(f"there is no database to back up at {db_path}")
    target = backup_dir / backup_name(now.date())
    partial = target.with_name(target.name + ".part")
    try:
        make_private_dir(backup_dir)
        _create_private_empty_file(partial)
        _copy_with_backup_api(db_path, partial)
        _fsync_file(partial)
        os.replace(partial, target)
        _fsync_dir(backup_dir)
    except BaseException as error:
        # The half-made copy is our own temporary file; the database and older backups are
        # untouched.
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(error, StorageError):
            raise
        if isinstance(error, (OSError, sqlite3.Error)):
            raise StorageError(f"cannot write the backup {target}: {error}") from error
        raise
    _log.info("backed up %s to %s", db_path, target)
    return target


def prune_backups(backup_dir: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the ``keep`` newest backups in ``backup_dir``.

    Only files named like a backup (``guardian-YYYYMMDD.db``) are considered; nothing else in
    the folder is touched.

    Args:
        backup_dir: the backup folder.
        keep: how many of the newest backups to keep; at least 1.

    Returns:
        The deleted files, newest first.

    Raises:
        ValueError: ``keep`` is less than 1 (that would delete every backup).
        StorageError: a backup could not be deleted.
    """
    if keep < 1:
        raise ValueError(f"keep: expected at least 1, got {keep!r}")
    removed = list_backups(backup_dir)[keep:]
    for path in removed:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise StorageError(f"cannot delete the old backup {path}: {error}") from error
    return removed


def latest_good_backup(backup_dir: Path) -> Path | None:
    """Return the newest backup that can be restored, or ``None`` if there is none.

    A backup can be restored when ``PRAGMA quick_check`` finds it sound, it holds the history
    table, and it was not written by a newer Guardian. Backups are opened read-only.
    """
    return next(good_backups(backup_dir), None)


def good_backups(backup_dir: Path) -> Iterator[Path]:
    """Yield, newest first, each backup in ``backup_dir`` that can be restored.

    See :func:`latest_good_backup` for what makes a backup good. Each one is checked only
    when the iterator reaches it.
    """
    for path in list_backups(backup_dir):
        problem = backup_problem(path)
        if problem is None:
            yield path
        else:
            _log.warning("skipping the backup %s: %s", path, problem)


def backup_problem(path: Path) -> str | None:
    """Return why the backup at ``path`` cannot be restored, or ``None`` if it can."""
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=_BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        return f"cannot open it: {error}"
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            return f"damaged: {'; '.join(str(problem) for problem in problems[:5])}"
        db = Database(conn, execute_plugins=False)
        if not db.table("checks").exists():
            return "it holds no history of checks"
        if unknown := unknown_migrations(db):
            return f"written by a newer Guardian ({', '.join(unknown)})"
    except sqlite3.Error as error:
        return f"cannot read it: {error}"
    finally:
        conn.close()
    return None


def _copy_with_backup_api(db_path: Path, destination: Path) -> None:
    # mode=rw: never create a database where there was none.
    source = sqlite3.connect(_read_write_uri(db_path), uri=True, timeout=_BUSY_TIMEOUT_S)
    try:
        target = sqlite3.connect(destination, timeout=_BUSY_TIMEOUT_S)
        try:
            # All pages in one step, inside one read transaction on the source: a consistent
            # snapshot even while the app keeps writing.
            source.backup(target)
            # The copy takes the source's WAL mode; switch it back so the backup is one file.
            target.execute("PRAGMA journal_mode = DELETE")
            problems = [row[0] for row in target.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise CorruptDatabaseError(
                    f"the database file {db_path} is damaged, so it was not backed up: "
                    f"{'; '.join(str(problem) for problem in problems[:5])}"
                )
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError):
            raise
        raise CorruptDatabaseError(
            f"the database file {db_path} is damaged, so it was not backed up: {error}"
        ) from error
    finally:
        source.close()


def _create_private_empty_file(path: Path) -> None:
    # Created by us with mode 0o600 (whatever the umask) before SQLite writes into it.
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename durable on POSIX; Windows cannot open a folder for fsync.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def _read_write_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=rw"
