"""Where Guardian keeps its data on this computer."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DATA_DIR_ENV = "GUARDIAN_DATA_DIR"
"""Environment variable that, when set, names the data folder (tests, portable installs)."""

DATABASE_NAME = "guardian.db"


def data_dir() -> Path:
    """Return Guardian's data folder, creating it if it is missing.

    The folder is the one named by the ``GUARDIAN_DATA_DIR`` environment variable when it is set,
    otherwise the user data folder platformdirs gives for "Guardian". On POSIX systems it is made
    readable by its owner only (mode 0o700): it holds a person's history and family contacts.
    """
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        folder = Path(override).expanduser()
    else:
        folder = Path(user_data_dir("Guardian", appauthor=False))
    make_private_dir(folder)
    return folder


def database_path(folder: Path) -> Path:
    """Return the path of the database file inside the data folder ``folder``."""
    return folder / DATABASE_NAME


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and its parents) if missing; on POSIX, leave only its owner access.

    An existing folder keeps its owner's permissions; group and other access is removed.
    """
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        mode = folder.stat().st_mode & 0o777
        if mode & 0o077:
            folder.chmod(mode & 0o700)


BACKUP_DIR_NAME = "backups"


def backups_dir(data_folder: Path) -> Path:
    """Return the backup folder inside the data folder ``data_folder`` (not created)."""
    return data_folder / BACKUP_DIR_NAME
