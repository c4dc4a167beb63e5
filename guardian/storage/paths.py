"""Where Guardian keeps its data on this computer."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

DATA_DIR_ENV = "GUARDIAN_DATA_DIR"
"""Environment variable that, when set, names the data folder (tests, portable installs)."""

DATABASE_NAME = "guardian.db"


def data_dir() -> Path:
    """Return Guardian's data folder, creating it if it is missing.

    The folder is the one named by the ``GUARDIAN_DATA_DIR`` environment variable when it is set,
    otherwise the user data folder of this system (see ``user_data_folder``). On POSIX systems
    it is made readable by its owner only (mode 0o700): it holds a person's history and family
    contacts. A folder named by the variable that existed before and is not yet Guardian's
    (it holds no database) is left as it is, like a shared folder such as /tmp: the files
    Guardian writes in it are its owner's only.
    """
    folder = data_folder()
    make_private_dir(folder, ours=_chosen_folder() is None or (folder / DATABASE_NAME).is_file())
    return folder


def data_folder() -> Path:
    """Return Guardian's data folder, without creating it: the one rule for which folder it is.

    The folder named by the ``GUARDIAN_DATA_DIR`` environment variable when it is set, else
    the user data folder of this system (see ``user_data_folder``). :func:`data_dir` returns
    the same folder, made if missing.
    """
    chosen = _chosen_folder()
    return chosen if chosen is not None else user_data_folder()


def _chosen_folder() -> Path | None:
    """The folder named by the ``GUARDIAN_DATA_DIR`` environment variable, or None if unset."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(override).expanduser() if override else None


def user_data_folder(platform: str = sys.platform) -> Path:
    """Return the system's user data folder for Guardian (not created).

    On Linux and the BSDs it is ``$XDG_DATA_HOME/Guardian`` when that variable holds an absolute
    path, else ``~/.local/share/Guardian``: the XDG rule, worked out here because it is read on
    every start, before the window shows, and platformdirs takes 3 ms to import. Windows and
    macOS have rules of their own, which platformdirs knows.
    """
    if platform in ("win32", "darwin"):
        from platformdirs import user_data_dir

        return Path(user_data_dir("Guardian", appauthor=False))
    return xdg_home("XDG_DATA_HOME", ".local/share") / "Guardian"


def xdg_home(variable: str, default: str, home: Path | str | None = None) -> Path:
    """An XDG base folder: ``$variable`` when it holds an absolute path, else ``default``.

    Args:
        variable: "XDG_DATA_HOME", "XDG_CONFIG_HOME"...
        default: the folder under the home folder when the variable is unset or relative.
        home: a home folder to use instead of the user's (the variable is then not read).
    """
    if home is None:
        value = os.environ.get(variable, "")
        if value and Path(value).is_absolute():
            return Path(value)
    return (Path.home() if home is None else Path(home)) / default


def database_path(folder: Path) -> Path:
    """Return the path of the database file inside the data folder ``folder``."""
    return folder / DATABASE_NAME


def make_private_dir(folder: Path, *, ours: bool = True) -> None:
    """Create ``folder`` (and its parents) if missing; on POSIX, leave only its owner access.

    A folder made here is its owner's only (0o700; parents made on the way get the usual
    mode). An existing folder keeps its owner's permissions and loses group and other access
    only when it is Guardian's own (``ours``), belongs to this user and is not a shared folder
    with the sticky bit (such as /tmp): the permissions of a folder Guardian did not make are
    never changed otherwise.

    Args:
        folder: the folder.
        ours: whether an existing ``folder`` is Guardian's own (its data folder or one inside
            it), not a folder the person chose that other things may share.
    """
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        if not folder.is_dir():
            raise
        if ours and os.name == "posix":
            info = folder.stat()
            mode = stat.S_IMODE(info.st_mode)
            if mode & 0o077 and not mode & stat.S_ISVTX and info.st_uid == os.getuid():
                folder.chmod(mode & 0o700)


BACKUP_DIR_NAME = "backups"


def backups_dir(data_folder: Path) -> Path:
    """Return the backup folder inside the data folder ``data_folder`` (not created)."""
    return data_folder / BACKUP_DIR_NAME
