"""The one owner of the database in the app: a worker thread that runs disk jobs in order."""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from guardian.kept_workers import KeptWorkers

if TYPE_CHECKING:
    from sqlite_utils import Database


def open_database(path: Path) -> Database:
    """Open the database (sqlite-utils is imported here, on the worker's thread)."""
    from guardian.storage.database import open_database as open_with_migrations

    return open_with_migrations(path)


_log = logging.getLogger(__name__)

T = TypeVar("T")

# Kept from start to shutdown; those still running at exit are shut down (see kept_workers).
_running: KeptWorkers[DiskWorker] = KeptWorkers()


class _Job(NamedTuple):
    run: Callable[[Database], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None


class _Outcome(NamedTuple):
    job: _Job
    result: Any = None
    error: Exception | None = None


class _DiskThread(QThread):
    """Opens the database on its own thread, then runs jobs from a queue until told to stop.

    After each job it puts the outcome on the outcome queue and calls ``notify`` (from this
    thread).
    """

    def __init__(
        self,
        path: Path,
        jobs: queue.SimpleQueue[_Job | None],
        outcomes: queue.SimpleQueue[_Outcome],
        notify: Callable[[], None],
        opener: Callable[[Path], Database] = open_database,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._opener = opener
        self._path = path
        self._jobs = jobs
        self._outcomes = outcomes
        self._notify = notify

    def _open(self) -> tuple[Database | None, Exception | None]:
        try:
            return self._opener(self._path), None
        except Exception as error:
            _log.exception("cannot open the database %s", self._path)
            return None, error

    def run(self) -> None:
        """Open the database, run each job in turn, close the database on the stop marker.

        If the database cannot be opened (locked by another program, a full disk...), each
        later job tries again first, so a passing problem does not spoil the whole session.
        """
        db, open_error = self._open()
        try:
            while (job := self._jobs.get()) is not None:
                if db is None:
                    db, open_error = self._open()
                if db is None:
                    assert open_error is not None
                    outcome = _Outcome(job, error=open_error)
                else:
                    outcome = _run_job(db, job)
                self._outcomes.put(outcome)
                self._notify()
        finally:
            if db is not None:
                db.close()


def _run_job(db: Database, job: _Job) -> _Outcome:
    try:
        result = job.run(db)
        # A job that opened a transaction and returned normally meant its writes: keep them.
        db.commit()
    except Exception as error:
        # Never let a failed job's half-done transaction swallow the next job's writes.
        try:
            db.rollback()
        except Exception:
            _log.exception("rollback after a failed disk job failed")
        return _Outcome(job, error=error)
    return _Outcome(job, result=result)


class DiskWorker(QObject):
    """Runs every database job of the app, one at a time, in order, off the GUI thread.

    The database is opened on the worker's own thread (an SQLite connection must stay on the
    thread that opened it) and closed there by :meth:`shutdown`. Jobs are plain functions that
    take the database and return plain data (lists, records, numbers: never a lazy row iterator,
    which would read the connection from the wrong thread). Their callbacks run on the thread
    that made the worker (the GUI thread), in the order the jobs were submitted.

    If the database cannot be opened (newer, damaged, no permission), the worker still runs:
    every job fails with that :class:`~guardian.storage.errors.StorageError`.

    Call :meth:`shutdown` when the app quits: it finishes every queued job first. A worker that
    is never shut down stays alive until the program exits and is shut down then.

    Example::

        worker.submit(lambda db: CheckStore(db).page(0, 20), on_done=history.show_page)

    Args:
        path: the database file, opened by :func:`~guardian.storage.database.open_database`.
        opener: opens the database instead (on the worker's thread), e.g. with recovery.
        autostart: start the thread at once; with False, :meth:`start` starts it (for example
            after the window's first paint, so opening the database does not delay it).
        parent: the usual Qt parent.

    Signals:
        failed(str): a job submitted without ``on_error`` failed, or a callback raised; carries
            a plain one-line message. The full error is also logged.
    """

    failed = Signal(str)
    _outcome_ready = Signal()  # emitted on the worker thread, delivered on the owner's

    def __init__(
        self,
        path: Path,
        parent: QObject | None = None,
        *,
        opener: Callable[[Path], Database] = open_database,
        autostart: bool = True,
    ) -> None:
        super().__init__(parent)
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._outcomes: queue.SimpleQueue[_Outcome] = queue.SimpleQueue()
        self._stopped = False
        self._outcome_ready.connect(self._deliver)
        self._thread = _DiskThread(
            path, self._jobs, self._outcomes, self._wake, opener=opener, parent=self
        )
        self._thread.setObjectName("guardian-disk")
        _running.add(self)
        if autostart:
            self.start()

    def start(self) -> None:
        """Start the worker thread (once); jobs submitted before it wait in order."""
        if not self._thread.isRunning() and not self._thread.isFinished():
            self._thread.start()

    def submit(
        self,
        job: Callable[[Database], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue ``job`` to run on the worker thread after every job submitted before it.

        Args:
            job: takes the open database and returns plain data; it runs on the worker thread.
                Writes it leaves uncommitted are committed when it returns, and rolled back if it
                raises.
            on_done: called with the job's result on the worker's owner thread. If it raises,
                the error is handled like a failed job (``on_error``, else :attr:`failed`).
            on_error: called with the exception if the job raises. Without it, :attr:`failed`
                is emitted instead.

        Raises:
            RuntimeError: :meth:`shutdown` was already called.
        """
        if self._stopped:
            raise RuntimeError("the disk worker is shut down and accepts no more jobs")
        self._jobs.put(_Job(job, on_done, on_error))

    def shutdown(self) -> None:
        """Finish every queued job, deliver their callbacks, close the database, stop the thread.

        Blocks until the queued jobs are done; call it on the owner thread when the app quits.
        Calling it again does nothing.

        Raises:
            RuntimeError: called from inside a job (the worker cannot wait for itself).
        """
        if QThread.currentThread() == self._thread:
            raise RuntimeError("shutdown() cannot be called from inside a disk job")
        if self._stopped:
            return
        self._stopped = True
        self.start()  # a worker never started still finishes what was queued
        self._jobs.put(None)
        self._thread.wait()
        _running.discard(self)
        # The results of the last jobs may still be waiting for the event loop; hand them over
        # now, so nobody waits for a callback that would never come.
        self._deliver()

    @property
    def accepting_jobs(self) -> bool:
        """Whether :meth:`submit` still takes jobs (False after :meth:`shutdown`)."""
        return not self._stopped

    @property
    def stopped(self) -> bool:
        """Whether :meth:`shutdown` was called (the worker accepts no more jobs)."""
        return self._stopped

    def is_running(self) -> bool:
        """Return whether the worker thread is still running."""
        return self._thread.isRunning()

    def _wake(self) -> None:
        # Called on the worker thread: the signal crosses to this object's thread, where
        # _deliver runs.
        self._outcome_ready.emit()

    @Slot()
    def _deliver(self) -> None:
        while True:
            try:
                outcome = self._outcomes.get_nowait()
            except queue.Empty:
                return
            job = outcome.job
            if outcome.error is not None:
                self._report(outcome.error, job.on_error)
            elif job.on_done is not None:
                try:
                    job.on_done(outcome.result)
                except Exception as error:
                    _log.exception("a disk job's on_done callback failed")
                    self._report(error, job.on_error)

    def _report(self, error: Exception, on_error: Callable[[Exception], None] | None) -> None:
        if on_error is not None:
            try:
                on_error(error)
                return
            except Exception as callback_error:
                _log.exception("a disk job's on_error callback failed")
                error = callback_error
        else:
            _log.error("disk job failed: %s", _plain_message(error), exc_info=error)
        self.failed.emit(_plain_message(error))


def _plain_message(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
