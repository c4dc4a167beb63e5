"""One scan of the running processes for remote-control and screen-sharing programs (psutil)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

import psutil

from guardian.content_bundle import load_bundle
from guardian.core.remote_apps import Found, ProcessInfo, RemoteApp, match_processes

_log = logging.getLogger(__name__)


def load_remote_apps() -> tuple[RemoteApp, ...]:
    """Read and check ``assets/content/remote_apps.toml`` (kept after the first call).

    The list is the app's one bundle's (:mod:`guardian.content_bundle`).

    Raises:
        RemoteAppsError: the file is malformed; the message names the entry.
        OSError: the file cannot be read.
    """
    return load_bundle().remote_apps


def running_processes() -> list[ProcessInfo]:
    """Return every running process this user may see, with what could be read of it.

    A process that ends while it is being read is left out; a name or program path the system
    refuses to give (another user's process) is None. If the list breaks off with an error,
    the processes read until then are returned and the error is logged.
    """
    found: list[ProcessInfo] = []
    try:
        for process in psutil.process_iter(["pid", "name", "exe"], ad_value=None):
            info = getattr(process, "info", None) or {}
            name = info.get("name")
            exe = info.get("exe")
            found.append(
                ProcessInfo(
                    pid=process.pid,
                    name=name if isinstance(name, str) else None,
                    exe=exe if isinstance(exe, str) else None,
                )
            )
    except (psutil.Error, OSError):
        _log.exception("the process list could not be read completely")
    return found


def scan_processes(apps: Iterable[RemoteApp], platform: str = sys.platform) -> list[Found]:
    """Return the programs in ``apps`` that are running now.

    Takes a few milliseconds; it only reads the process list and never ends a process.

    Args:
        apps: the programs to look for (see :func:`load_remote_apps`).
        platform: a ``sys.platform`` value; chooses which process names apply.

    Returns:
        one :class:`~guardian.core.remote_apps.Found` per running program, in the order of
        ``apps``.
    """
    return match_processes(apps, running_processes(), platform)
