"""Ending a remote-control program, only after the person has agreed to it (psutil).

This is the one place where Guardian ends another program. The warning screen asks "may
Guardian close AnyDesk?"; only after "yes" does it hand the programs it named to
:meth:`AppStopper.stop`, which runs off the window's thread and:

1. scans again with the guard's own scan, and takes only the processes that belong to the
   programs the person agreed to close and are still running now;
2. checks each one once more, by its own name, against the same program's rules right before
   touching it (a process id that was reused by another program is left alone), and never
   touches Guardian's own process or the system's first process;
3. asks each to end politely (terminate), waits a short while, and ends those still there
   for good (kill);
4. scans again with the guard's own scan and returns the programs that still run.

A process Guardian may not end (it belongs to the system or another user) is left running and
logged; the caller learns of it because the program is still in the returned list.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence

import psutil

from guardian.core.remote_apps import Found, ProcessInfo, RemoteApp, match_processes
from guardian.guard.scan import scan_processes

_log = logging.getLogger(__name__)

#: How long a program is given to end after it was asked politely, and again after the kill.
DEFAULT_WAIT_SECONDS = 3.0


class AppStopper:
    """Ends the processes of listed remote-control programs (see the module's description).

    Blocking: call :meth:`stop` from a worker thread, never from the window's thread.

    Args:
        apps: the programs the guard knows (see :func:`~guardian.guard.scan.load_remote_apps`);
            nothing else is ever ended.
        platform: a ``sys.platform`` value; chooses which process names apply.
        wait_seconds: how long to wait for a program to end, after the polite request and
            again after the kill.
        scan: the scan that finds the running programs; by default the guard's own
            :func:`~guardian.guard.scan.scan_processes`.
    """

    def __init__(
        self,
        apps: Sequence[RemoteApp],
        platform: str = sys.platform,
        *,
        wait_seconds: float = DEFAULT_WAIT_SECONDS,
        scan: Callable[[], list[Found]] | None = None,
    ) -> None:
        self.apps = tuple(apps)
        self.platform = platform
        self.wait_seconds = wait_seconds
        self._scan: Callable[[], list[Found]] = scan or (
            lambda: scan_processes(self.apps, self.platform)
        )

    def stop(self, programs: Iterable[Found]) -> list[Found]:
        """End the programs in ``programs`` and return those of them that still run afterwards.

        Args:
            programs: the programs the person agreed to close (as the warning named them).

        Returns:
            the programs among ``programs`` that the scan after ending them still finds
            (empty: every one is closed).
        """
        wanted = {item.app.id for item in programs}
        targets = self._processes_to_end(wanted)
        if targets:
            self._end(targets)
        return [item for item in self._scan() if item.app.id in wanted]

    def _processes_to_end(self, wanted: set[str]) -> list[psutil.Process]:
        own = os.getpid()
        targets: list[psutil.Process] = []
        for item in self._scan():
            if item.app.id not in wanted:
                continue
            for pid in item.pids:
                if pid <= 1 or pid == own:
                    continue
                process = self._still_the_program(pid, item.app)
                if process is not None:
                    targets.append(process)
        return targets

    def _still_the_program(self, pid: int, app: RemoteApp) -> psutil.Process | None:
        """The process ``pid`` if it is still a process of ``app`` by the guard's own rules."""
        try:
            process = psutil.Process(pid)
            with process.oneshot():
                name = process.name()
                try:
                    exe: str | None = process.exe()
                except psutil.AccessDenied:
                    exe = None
        except psutil.NoSuchProcess:
            return None
        except psutil.Error:
            _log.warning("process %d cannot be read; it is left alone", pid)
            return None
        found = match_processes(self.apps, [ProcessInfo(pid, name, exe)], self.platform)
        if [item.app.id for item in found] != [app.id]:
            _log.warning("process %d is no longer %s; it is left alone", pid, app.id)
            return None
        return process

    def _end(self, targets: list[psutil.Process]) -> None:
        for process in targets:
            _signal(process, process.terminate, "end")
        _, alive = psutil.wait_procs(targets, timeout=self.wait_seconds)
        if not alive:
            return
        for process in alive:
            _signal(process, process.kill, "kill")
        psutil.wait_procs(alive, timeout=self.wait_seconds)


def _signal(process: psutil.Process, send: Callable[[], None], what: str) -> None:
    try:
        send()
    except psutil.NoSuchProcess:
        pass  # it has ended already
    except psutil.AccessDenied:
        _log.warning("not allowed to %s process %d", what, process.pid)
    except psutil.Error:
        _log.exception("could not %s process %d", what, process.pid)
