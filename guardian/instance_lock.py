"""A lock file that says, before anything is drawn, whether Guardian is already open.

The first Guardian for a data folder holds an exclusive lock on ``guardian.lock`` in it for as
long as it runs; the operating system lets the lock go when the process ends, even after a
crash, so a lock is never left behind. Taking it costs a system call, so the window can be drawn
first and the socket a second start talks to (``guardian.single_instance``) opened after.

Example::

    lock = InstanceLock(folder)
    if not lock.acquire():
        ...  # another Guardian has this folder: ask it to come to the front
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "guardian.lock"

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Refuse a symbolic link where the lock file should be (where the system can)."""


class InstanceLock:
    """An exclusive, non-blocking lock on ``guardian.lock`` in a data folder.

    Args:
        folder: the data folder (it must exist).
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if no other process holds it; return whether this process holds it.

        A lock file that cannot be opened at all (a read-only folder) counts as free: the
        problem with the folder is reported where the data is written, and the socket check
        of ``guardian.single_instance`` still keeps a second window away. A symbolic link in
        its place is never followed (it counts as a file that cannot be opened).
        """
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NO_FOLLOW, 0o600)
        except OSError as error:
            log.warning("cannot open the lock file %s: %s", self.path, error)
            return True
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        """Let the lock go (also done by the system when the process ends)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _unlock(fd)
            os.close(fd)


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
