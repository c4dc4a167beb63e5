"""Opening the database at start-up, and recovering from a damaged file without losing it.

A damaged database file is never deleted or written to: it is renamed (with its ``-wal`` and
``-shm`` files) to ``guardian.db.corrupt-<timestamp>`` so it can still be examined, and the
newest good backup takes its place. Without a backup the app starts with an empty database.
Either way the person and their family are told, in plain words, what happened.

A database written by a newer Guardian is not damaged: it is left exactly as it is and
:class:`~guardian.storage.errors.NewerDatabaseError` reaches the caller.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from guardian.core.i18n import Text
from guardian.storage.backup import backup_date, good_backups
from guardian.storage.database import open_database
from guardian.storage.errors import CorruptDatabaseError, NewerDatabaseError, StorageError

_log = logging.getLogger(__name__)

_COMPANIONS = ("-wal", "-shm", "-journal")
"""Files SQLite keeps next to a database, named by appending these to its name."""


@dataclass(frozen=True)
class RecoveryOutcome:
    """What :func:`open_or_recover` did.

    Attributes:
        db: the open database; the caller closes it.
        recovered_from: the backup that was restored, or ``None``.
        moved_aside: where the damaged file was moved, or ``None`` if it was sound or missing.
        message: what to tell the person and their family, or ``None`` if nothing happened.
    """

    db: Database
    recovered_from: Path | None = None
    moved_aside: Path | None = None
    message: Text | None = None


def open_or_recover(
    db_path: Path, backup_dir: Path, now: datetime, *, create: bool = True
) -> RecoveryOutcome:
    """Open the database; if it is damaged, set it aside and restore the newest good backup.

    A missing database is restored from the newest good backup too, if there is one; with no
    backup it is created empty (the first start), without a message.

    Args:
        db_path: the database file.
        backup_dir: the folder holding the daily backups.
        now: the current local time; it names the file the damaged database is moved to.
        create: whether an empty database may take the place of a missing or damaged one
            when no backup can be restored (the app's start). A command passes False: it
            never makes an empty database, which the next start would then keep instead of
            the backups.

    Returns:
        The open database and what was done to get it.

    Raises:
        NewerDatabaseError: a newer Guardian wrote the database; nothing was changed.
        StorageError: the database (or its replacement) cannot be opened for another reason
            (permissions, disk, locked), or the damaged file cannot be moved aside; or
            ``create`` is False and no backup can take the place of a missing or damaged
            database (nothing was changed then).
    """
    moved_aside: Path | None = None
    if _exists(db_path):
        try:
            return RecoveryOutcome(db=open_database(db_path))
        except CorruptDatabaseError as error:
            _log.error("the database is damaged: %s", error)
        if not create and next(good_backups(backup_dir), None) is None:
            raise StorageError(
                f"the database {db_path} is damaged and no backup in {backup_dir} can be "
                "restored; it was left as it is"
            )
        moved_aside = move_aside(db_path, now)
        _log.warning("moved the damaged database to %s", moved_aside)
    else:
        # A missing file with backups beside it was lost (or a recovery was interrupted after
        # moving the damaged file aside): bring the history back rather than start empty.
        _log.info("the database %s does not exist yet; looking for backups", db_path)
    for backup in good_backups(backup_dir):
        db = _restore(backup, db_path)
        if db is not None:
            _log.warning("restored the database from %s", backup)
            return RecoveryOutcome(
                db=db,
                recovered_from=backup,
                moved_aside=moved_aside,
                message=restored_message(backup_date(backup), moved_aside),
            )
    if not create:
        raise StorageError(
            f"the database {db_path} is missing or damaged and no backup in {backup_dir} can "
            "be restored; no empty one was made in its place"
        )
    if moved_aside is None:
        # A first start: no database and no backup yet.
        return RecoveryOutcome(db=open_database(db_path))
    _log.warning("no good backup in %s; starting with an empty database", backup_dir)
    return RecoveryOutcome(
        db=open_database(db_path),
        moved_aside=moved_aside,
        message=started_empty_message(moved_aside),
    )


def move_aside(db_path: Path, now: datetime) -> Path:
    """Rename the database at ``db_path``, with its companion files, out of the way.

    The new name is ``<name>.corrupt-YYYYMMDD-HHMMSS`` (with ``-2``, ``-3``... added if that is
    taken); the ``-wal``, ``-shm`` and ``-journal`` files keep their suffix after the new name,
    so SQLite can still open the set together. Nothing is overwritten.

    Returns:
        The new path of the database file.

    Raises:
        StorageError: a file cannot be renamed.
    """
    stem = f"{db_path.name}.corrupt-{now:%Y%m%d-%H%M%S}"
    target = db_path.with_name(stem)
    attempt = 1
    while any(_taken(Path(f"{target}{suffix}")) for suffix in ("", *_COMPANIONS)):
        attempt += 1
        target = db_path.with_name(f"{stem}-{attempt}")
    # The companions first: if a rename fails, the main file is still where the app looks.
    for suffix in (*_COMPANIONS, ""):
        source = Path(f"{db_path}{suffix}")
        if not source.exists():
            continue
        try:
            source.rename(Path(f"{target}{suffix}"))
        except OSError as error:
            raise StorageError(f"cannot move the damaged file {source} aside: {error}") from error
    return target


def restored_message(backup_day: date | None, moved_aside: Path | None) -> Text:
    """Return what to say after the history was restored from the backup of ``backup_day``.

    Args:
        backup_day: the day the backup was made, if known.
        moved_aside: where the damaged file was kept, or ``None`` if the file was missing.
    """
    if backup_day is None:
        zh_day, en_day = "最近一次", "the latest"
    else:
        zh_day = f"{backup_day.year}年{backup_day.month}月{backup_day.day}日"
        en_day = f"{backup_day:%Y-%m-%d}"
    if moved_aside is None:
        zh_what, en_what = "保存记录的文件不见了。", "The file that keeps the history was missing."
        zh_kept = en_kept = ""
    else:
        zh_what, en_what = "保存记录的文件坏了。", "The file that keeps the history was damaged."
        zh_kept = f"坏的文件没有删除，保存在：{moved_aside}"
        en_kept = f" The damaged file was kept, not deleted: {moved_aside}"
    return Text(
        zh=(
            f"{zh_what}已经用{zh_day}的备份恢复。"
            f"那天以后的记录和设置可能不见了，请让家人看一看。{zh_kept}"
        ),
        en=(
            f"{en_what} It has been restored from the backup of {en_day}. Checks and settings "
            f"changed after that day may be missing; please ask your family to have a look."
            f"{en_kept}"
        ),
    )


def started_empty_message(moved_aside: Path) -> Text:
    """Return what to say after starting with an empty database (no backup could be used)."""
    return Text(
        zh=(
            "保存记录的文件坏了，也没有能用的备份，所以重新开始了一份空的记录。"
            "以前的记录暂时看不到，家人设置（联系人等）需要重新填写，请告诉家人。"
            f"坏的文件没有删除，保存在：{moved_aside}"
        ),
        en=(
            "The file that keeps the history was damaged and there was no usable backup, so "
            "Guardian has started a new, empty history. Earlier checks cannot be shown, and the "
            "family settings (contacts and so on) need to be entered again; please tell your "
            f"family. The damaged file was kept, not deleted: {moved_aside}"
        ),
    )


def _restore(backup: Path, db_path: Path) -> Database | None:
    """Copy ``backup`` to ``db_path`` and open it; ``None`` if the copy cannot be used."""
    if _exists(db_path):
        raise StorageError(f"{db_path} appeared while restoring a backup; it was left alone")
    partial = db_path.with_name(db_path.name + ".restoring")
    try:
        _copy_private(backup, partial)
        os.replace(partial, db_path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise StorageError(f"cannot restore the backup {backup}: {error}") from error
    try:
        return open_database(db_path)
    except (CorruptDatabaseError, NewerDatabaseError) as error:
        # The backup changed between its check and its copy. Removing the copy loses nothing:
        # the backup itself stays where it is.
        _log.warning("the restored copy of %s cannot be used: %s", backup, error)
        for suffix in ("", *_COMPANIONS):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{db_path}{suffix}").unlink()
        return None


def _copy_private(source: Path, destination: Path) -> None:
    fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())


def database_exists(db_path: Path) -> bool:
    """Return whether the database at ``db_path`` or any of SQLite's files beside it exists."""
    return _exists(db_path)


def _exists(db_path: Path) -> bool:
    return any(_taken(Path(f"{db_path}{suffix}")) for suffix in ("", *_COMPANIONS))


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()
