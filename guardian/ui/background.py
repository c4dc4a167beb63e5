"""One blocking call off the window's thread, its answer back on the window's thread.

The long-lived workers (the disk, the outbox, speech, the remote-app guard) are QThreads kept
from start to shutdown (:mod:`guardian.kept_workers`). A screen that needs one slow call now and
then (the doctor's checks, ending a remote-control program) uses :class:`BackgroundCall`
instead: a daemon thread runs the call, and the answer reaches the window's thread through a
queued signal of an object that belongs to the application, not to the screen. Once the screen
has gone it drops the call: the answer is thrown away and closing never waits.

Example::

    call = BackgroundCall(lambda: run_checks("zh"), self._show, name="guardian-doctor")
    call.start()
    ...
    call.drop()  # in closing()
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

T = TypeVar("T")

log = logging.getLogger(__name__)


class _Handoff(QObject):
    """Carries one answer to the window's thread.

    It belongs to the application, not to the screen, so the thread never emits on a deleted
    object; its own slot receives the answer, so the answer is queued to the thread it lives on.
    """

    ready = Signal(object)

    def __init__(self, deliver: Callable[[Any], None]) -> None:
        super().__init__(QCoreApplication.instance())
        self._deliver = deliver
        self.ready.connect(self._received)

    @Slot(object)
    def _received(self, outcome: Any) -> None:
        self._deliver(outcome)


class BackgroundCall(Generic[T]):
    """Runs ``work`` once on a daemon thread and hands its answer to ``on_done``.

    Args:
        work: the blocking call; it runs on the daemon thread. If it raises, the error is
            logged and ``on_error`` gets it instead (nothing reaches the screen unasked).
        on_done: called with the answer on the window's thread, unless dropped before.
        on_error: called with the error on the window's thread (None: only logged).
        name: the thread's name, seen in logs and debuggers.
    """

    def __init__(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        *,
        on_error: Callable[[Exception], None] | None = None,
        name: str,
    ) -> None:
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._lock = threading.Lock()
        self._dropped = False
        self._handoff = _Handoff(self._deliver)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Start the call (once)."""
        self._thread.start()

    @property
    def running(self) -> bool:
        """Whether the call has started and not yet returned."""
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the call has returned (for tests and shutting down)."""
        if self._thread.ident is not None:
            self._thread.join(timeout)

    def drop(self) -> None:
        """Throw the answer away if it has not arrived yet (window's thread); never waits."""
        with self._lock:
            if self._dropped:
                return
            self._dropped = True
        self._handoff.deleteLater()

    def _run(self) -> None:
        outcome: tuple[bool, Any]
        try:
            outcome = (True, self._work())
        except Exception as error:
            log.exception("a background call failed (%s)", self._thread.name)
            outcome = (False, error)
        with self._lock, contextlib.suppress(RuntimeError):  # RuntimeError: the app has quit
            if not self._dropped:
                self._handoff.ready.emit(outcome)

    def _deliver(self, outcome: tuple[bool, Any]) -> None:
        if self._dropped:
            return
        self.drop()
        ok, value = outcome
        if ok:
            self._on_done(value)
        elif self._on_error is not None:
            self._on_error(value)
