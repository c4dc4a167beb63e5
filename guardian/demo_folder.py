"""The throwaway data folder of a demo session: made in the temporary folder, removed at the end.

A presenter's demo saves nothing: its database and backups go to a fresh ``guardian-demo-*``
folder, which is removed when the app quits. The session holds the lock file in it (as Guardian
does in its data folder) for as long as it runs, so a folder whose lock nobody holds was left by
a session that crashed: the next demo removes it as it starts.

Example::

    demo = DemoFolder.create()
    ...  # the session uses demo.path as its data folder
    demo.remove()
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from pathlib import Path

from guardian.instance_lock import InstanceLock

log = logging.getLogger(__name__)

PREFIX = "guardian-demo-"
"""The start of every demo folder's name."""


class DemoFolder:
    """One demo session's data folder and the lock that marks it as in use.

    Args:
        path: the folder (it must exist).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = InstanceLock(path)
        self._lock.acquire()

    @classmethod
    def create(cls, parent: Path | None = None) -> DemoFolder:
        """Remove what crashed demo sessions left, then make a new private folder.

        Args:
            parent: where demo folders are made; the system's temporary folder by default.
        """
        remove_left_over(parent)
        return cls(Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent)))

    def remove(self) -> None:
        """Let the lock go and remove the folder with everything in it (once nothing uses it)."""
        self._lock.release()
        shutil.rmtree(self.path, ignore_errors=True)
        if self.path.exists():
            log.warning("the demo folder %s could not be removed", self.path)


def remove_left_over(parent: Path | None = None) -> int:
    """Remove this user's demo folders that no running session holds; return how many.

    Folders of another user, links and files with the prefix are left alone.
    """
    where = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    removed = 0
    try:
        entries = list(where.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(PREFIX) or not _own_folder(entry):
            continue
        lock = InstanceLock(entry)
        if not lock.acquire():
            continue  # a demo running now
        lock.release()
        shutil.rmtree(entry, ignore_errors=True)
        if not entry.exists():
            removed += 1
            log.info("removed the demo folder %s left by a session that stopped", entry)
    return removed


def _own_folder(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False  # a link or a file: never followed, never removed
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()
