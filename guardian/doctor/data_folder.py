"""The data-folder check: it exists, can be written, and is private."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import (
    FOLDER_CANNOT_BE_MADE,
    FOLDER_NOT_A_FOLDER,
    FOLDER_NOT_WRITABLE,
    FOLDER_NOT_YET,
    FOLDER_OK,
    FOLDER_OPEN_TO_OTHERS,
    Words,
)


def check_data_folder(folder: Path, words: Words) -> CheckResult:
    """Check the data folder exists, can be written, and is private (0700, files 0600)."""
    if not folder.exists():
        parent = next((p for p in folder.parents if p.exists()), None)
        if parent is None or not parent.is_dir() or not _can_write(parent):
            detail = words(FOLDER_CANNOT_BE_MADE, folder=folder)
            return CheckResult("data_folder", False, detail)
        return CheckResult("data_folder", True, words(FOLDER_NOT_YET, folder=folder))
    if not folder.is_dir():
        return CheckResult("data_folder", False, words(FOLDER_NOT_A_FOLDER, folder=folder))
    if not _can_write(folder):
        return CheckResult("data_folder", False, words(FOLDER_NOT_WRITABLE, folder=folder))
    if os.name == "posix":
        open_to_others = [path for path in _private_paths(folder) if path.lstat().st_mode & 0o077]
        if open_to_others:
            names = ", ".join(
                "." if path == folder else str(path.relative_to(folder))
                for path in open_to_others[:5]
            )
            detail = words(FOLDER_OPEN_TO_OTHERS, names=names, folder=folder)
            return CheckResult("data_folder", False, detail)
    return CheckResult("data_folder", True, words(FOLDER_OK, folder=folder))


def _can_write(folder: Path) -> bool:
    # Really write: as the administrator, permission bits alone say nothing.
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".guardian-doctor-"):
            pass
    except OSError:
        return False
    return True


def _private_paths(folder: Path) -> list[Path]:
    """The folder, its subfolders and every file in them that should be owner-only."""
    found = [folder]
    for path in sorted(folder.rglob("*")):
        with contextlib.suppress(OSError):
            mode = path.lstat().st_mode
            if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
                found.append(path)
    return found
