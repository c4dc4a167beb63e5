"""Watches for remote-control and screen-sharing programs while a check is open."""

from __future__ import annotations

import logging
import queue
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from guardian.core.remote_apps import Found, RemoteApp
from guardian.guard.scan import scan_processes
from guardian.kept_workers import KeptWorkers

_log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 3000

# Kept from start to shutdown; those still running at exit are shut down (see kept_workers).
_running: KeptWorkers[RemoteAppWatcher] = KeptWorkers()


class _ScanThread(QThread):
    """Runs one scan per request from a queue until it gets the stop marker (None).

    After each scan it puts the result (None when the scan failed) on the result queue and
    calls ``notify`` from this thread.
    """

    def __init__(
        self,
        scan: Callable[[], list[Found]],
        requests: queue.SimpleQueue[bool | None],
        results: queue.SimpleQueue[list[Found] | None],
        notify: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._scan = scan
        self._requests = requests
        self._results = results
        self._notify = notify

    def run(self) -> None:
        """Scan once for each request; return on the stop marker."""
        while self._requests.get() is not None:
            result: list[Found] | None
            try:
                result = list(self._scan())
            except Exception:
                _log.exception("the scan for remote-control programs failed")
                result = None
            self._results.put(result)
            self._notify()


class RemoteAppWatcher(QObject):
    """Looks for remote-control, meeting and screen-sharing programs without blocking the window.

    Each scan runs on the watcher's own thread; results come back to the thread that made the
    watcher (the GUI thread) as signals. The screens call :meth:`start_polling` while a check
    or the "I already sent money" steps are open and :meth:`stop_polling` when they close, so
    nothing is scanned the rest of the time. The watcher only reads the process list: it never
    ends a process.

    A scan asked for while another is running is done right after it (requests are merged, so
    there is never more than one waiting).

    Args:
        apps: the programs to look for (see :func:`~guardian.guard.scan.load_remote_apps`).
        platform: a ``sys.platform`` value; chooses which process names apply.
        scan: what one scan does; by default :func:`~guardian.guard.scan.scan_processes` with
            ``apps`` and ``platform``. It runs on the watcher's thread.
        parent: the usual Qt parent.

    Signals:
        found(list): the set of running programs changed; carries the
            :class:`~guardian.core.remote_apps.Found` list of the scan (empty when the last one
            has closed). :meth:`start_polling` forgets earlier results, so the first scan of a
            polling session announces whatever is running.
        scanned(list): a scan finished; carries its :class:`~guardian.core.remote_apps.Found`
            list (possibly empty). Not emitted when a scan fails (the error is logged).
    """

    found = Signal(list)
    scanned = Signal(list)
    _result_ready = Signal()  # emitted on the scan thread, delivered on the owner's

    def __init__(
        self,
        apps: Sequence[RemoteApp],
        platform: str = sys.platform,
        scan: Callable[[], list[Found]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        apps = tuple(apps)
        self._scan: Callable[[], list[Found]] = scan or (lambda: scan_processes(apps, platform))
        self._requests: queue.SimpleQueue[bool | None] = queue.SimpleQueue()
        self._results: queue.SimpleQueue[list[Found] | None] = queue.SimpleQueue()
        self._thread: _ScanThread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(DEFAULT_INTERVAL_MS)
        self._timer.timeout.connect(self.scan_once)
        self._result_ready.connect(self._deliver)
        self._busy = False
        self._again = False
        self._stopped = False
        self._last: list[Found] = []
        self._last_ids: frozenset[str] = frozenset()

    @property
    def last_found(self) -> list[Found]:
        """The programs found by the last finished scan (empty before the first)."""
        return list(self._last)

    def is_polling(self) -> bool:
        """Return whether the watcher scans again and again (between start and stop)."""
        return self._timer.isActive()

    def is_running(self) -> bool:
        """Return whether the watcher's scan thread is running."""
        return self._thread is not None and self._thread.isRunning()

    def scan_once(self) -> None:
        """Scan now, off the GUI thread; the result arrives as :attr:`scanned` (and :attr:`found`).

        Does nothing after :meth:`shutdown`.
        """
        if self._stopped:
            return
        if self._busy:
            self._again = True
            return
        if self._thread is None:
            self._thread = _ScanThread(
                self._scan, self._requests, self._results, self._wake, parent=self
            )
            self._thread.setObjectName("guardian-remote-app-scan")
            self._thread.start()
            _running.add(self)
        self._busy = True
        self._requests.put(True)

    def start_polling(self, interval_ms: int = DEFAULT_INTERVAL_MS) -> None:
        """Scan now and then every ``interval_ms`` milliseconds until :meth:`stop_polling`.

        Earlier results are forgotten, so whatever is running is announced by :attr:`found`
        again. Called while already polling, it only changes the interval.

        Raises:
            ValueError: ``interval_ms`` is not positive.
        """
        if interval_ms <= 0:
            raise ValueError(f"interval_ms must be positive, not {interval_ms}")
        if self._stopped:
            return
        self._timer.setInterval(interval_ms)
        if self._timer.isActive():
            return
        self._last_ids = frozenset()
        self._timer.start()
        self.scan_once()

    def stop_polling(self) -> None:
        """Stop scanning again and again; a scan already running still reports its result."""
        self._timer.stop()

    def shutdown(self) -> None:
        """Stop polling and the scan thread, waiting for a running scan to finish.

        No signal is emitted afterwards. Calling it again does nothing.
        """
        self._timer.stop()
        if self._stopped:
            return
        self._stopped = True
        if self._thread is not None:
            self._requests.put(None)
            self._thread.wait()
        _running.discard(self)

    def _wake(self) -> None:
        # Called on the scan thread: the signal crosses to this object's thread.
        self._result_ready.emit()

    @Slot()
    def _deliver(self) -> None:
        while True:
            try:
                result = self._results.get_nowait()
            except queue.Empty:
                break
            self._busy = False
            if self._stopped or result is None:
                continue
            self._last = result
            self.scanned.emit(list(result))
            ids = frozenset(item.app.id for item in result)
            if ids != self._last_ids:
                self._last_ids = ids
                self.found.emit(list(result))
        if self._again and not self._stopped:
            self._again = False
            self.scan_once()
