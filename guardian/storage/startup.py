"""How the app and its commands open the database.

Both recover a missing or damaged database from the backups first; the app also makes the
daily backup.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from guardian.core.i18n import Text

if TYPE_CHECKING:
    from sqlite_utils import Database

    from guardian.storage.recovery import RecoveryOutcome

log = logging.getLogger(__name__)


class RecoveringOpener:
    """Opens the database on the disk worker's thread, recovering a damaged file from backups.

    Args:
        backup_dir: the folder of daily backups.

    Attributes:
        message: what recovery did, for the person and the family (None when nothing happened).
    """

    def __init__(self, backup_dir: Path) -> None:
        self.backup_dir = backup_dir
        self.message: Text | None = None

    def __call__(self, path: Path) -> Database:
        """Open ``path`` (called once, on the worker's thread)."""
        from guardian.storage.contacts import remember_channel_secrets
        from guardian.storage.recovery import open_or_recover

        outcome = open_or_recover(path, self.backup_dir, datetime.now().astimezone())
        self.message = outcome.message
        remember_channel_secrets(outcome.db)  # before anything can log them
        return outcome.db


def open_for_command(folder: Path) -> RecoveryOutcome | None:
    """Open the database of the data folder ``folder`` for a command (``guardian reset-pin``...).

    A missing or damaged database is first restored from the newest good backup, as at the
    app's start; an empty database is never made, so the backups are never left behind for a
    new, empty history. Every command that opens the database opens it here.

    Returns:
        What was opened and how (the caller closes ``db`` and shows ``message`` if there is
        one), or None when there is neither a database nor a backup: nothing has been saved
        yet, and nothing is created.

    Raises:
        NewerDatabaseError: a newer Guardian wrote the database; nothing was changed.
        StorageError: the database cannot be opened, or it is missing or damaged and no
            backup can take its place (nothing was changed then).
    """
    from guardian.storage.backup import list_backups
    from guardian.storage.paths import backups_dir, database_path
    from guardian.storage.recovery import database_exists, open_or_recover

    db_path = database_path(folder)
    backup_dir = backups_dir(folder)
    if not database_exists(db_path) and not list_backups(backup_dir):
        return None
    return open_or_recover(db_path, backup_dir, datetime.now().astimezone(), create=False)


def daily_backup(db_path: Path, backup_dir: Path) -> Path | None:
    """Make today's backup if there is none yet and keep the last seven; return the new file."""
    from guardian.storage.backup import daily_backup_due, make_backup, prune_backups

    now = datetime.now().astimezone()
    if not daily_backup_due(backup_dir, now):
        return None
    made = make_backup(db_path, backup_dir, now)
    prune_backups(backup_dir)
    log.info("daily backup written to %s", made)
    return made


def read_saved_setting(db_path: Path, key: str) -> object:
    """Read one setting before the disk worker starts: a quick read-only look, None on any trouble.

    The window needs the language and text size before it is built; opening the database
    properly (migrations, recovery) happens on the disk worker right after the first paint.
    """
    import json
    import sqlite3

    if not db_path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            row = connection.execute(
                "select value_json from settings where key = ?", (key,)
            ).fetchone()
        finally:
            connection.close()
        return json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError) as error:
        log.info("saved setting %s not read at start: %s", key, error)
        return None
