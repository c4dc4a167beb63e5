"""The background workers of one kind that are still running, shut down at exit.

Guardian's workers (the disk worker, the alert outbox, the remote-app watcher) each run a QThread.
A running QThread that Python collects aborts the whole process, so each worker is kept here by a
strong reference from its start until it is shut down; and whatever is still running when the
interpreter exits is shut down then, so that queued writes and alerts still finish.

Example::

    _running: KeptWorkers[DiskWorker] = KeptWorkers()

    class DiskWorker:
        def start(self) -> None:
            ...
            _running.add(self)

        def shutdown(self) -> None:
            ...
            _running.discard(self)
"""

from __future__ import annotations

import atexit
from typing import Generic, Protocol, TypeVar


class Worker(Protocol):
    """Anything with a ``shutdown()`` that stops it and waits for its thread."""

    def shutdown(self) -> None:
        """Stop the worker (finishing what it must) and wait for its thread."""


W = TypeVar("W", bound=Worker)


class KeptWorkers(Generic[W]):
    """The running workers of one kind; those left at exit are shut down, newest last."""

    def __init__(self) -> None:
        self._workers: dict[int, W] = {}
        atexit.register(self.shut_down_all)

    def add(self, worker: W) -> None:
        """Keep ``worker`` (it has started)."""
        self._workers[id(worker)] = worker

    def discard(self, worker: W) -> None:
        """Let ``worker`` go (it has been shut down); nothing happens if it was not kept."""
        self._workers.pop(id(worker), None)

    def __contains__(self, worker: object) -> bool:
        return id(worker) in self._workers

    def __len__(self) -> int:
        return len(self._workers)

    def shut_down_all(self) -> None:
        """Shut down every worker still kept (at exit; each one lets itself go)."""
        for worker in list(self._workers.values()):
            worker.shutdown()
            self.discard(worker)
