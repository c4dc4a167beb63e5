"""The job runner the screens hand their database work to, and the two that are not a thread.

A job is a plain function that takes the open database and returns plain data. The app's
runner is :class:`~guardian.storage.worker.DiskWorker`: one thread, jobs in order, callbacks on
the window's thread. :class:`NothingSaved` stands for "no database" (the demo, and screens
built on their own) and behaves like a runner that has been shut down. :class:`RunAtOnce` runs
each job on the spot, for tests and command-line tools.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:  # the window's first paint does not wait for sqlite-utils to load
    from sqlite_utils import Database

T = TypeVar("T")

#: Work for the database: takes it open, returns plain data (never a lazy row iterator).
Job = Callable[["Database"], T]


class JobRunner(Protocol):
    """Runs database jobs one at a time, in order, and hands back their results."""

    @property
    def accepting_jobs(self) -> bool:
        """Whether :meth:`submit` takes jobs (False: nothing can be read or saved now)."""
        ...

    def submit(
        self,
        job: Callable[[Database], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue ``job``; ``on_done`` gets its result, ``on_error`` the exception it raised.

        Raises:
            RuntimeError: the runner accepts no jobs (see :attr:`accepting_jobs`).
        """
        ...

    def shutdown(self) -> None:
        """Finish what was queued and accept no more jobs (the app calls it when it quits)."""
        ...


class NothingSaved:
    """The runner where there is no database: it accepts no job, like one that was shut down."""

    @property
    def accepting_jobs(self) -> bool:
        """Always False."""
        return False

    def shutdown(self) -> None:
        """Nothing to finish."""

    def submit(
        self,
        job: Callable[[Database], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Refuse the job.

        Raises:
            RuntimeError: always; ask :attr:`accepting_jobs` first.
        """
        raise RuntimeError("nothing is saved here: there is no database")


class RunAtOnce:
    """Runs each job on the spot on one open database (tests, command-line tools).

    Like the disk worker, a job's writes are committed when it returns and rolled back when it
    raises, and an error goes to ``on_error`` (raised again when there is none).

    Args:
        db: the open database.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._stopped = False

    @property
    def accepting_jobs(self) -> bool:
        """True until :meth:`shutdown`."""
        return not self._stopped

    def shutdown(self) -> None:
        """Accept no more jobs."""
        self._stopped = True

    def submit(
        self,
        job: Callable[[Database], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``job`` now and call back before returning.

        Raises:
            RuntimeError: after :meth:`shutdown`.
            Exception: what the job raised, when there is no ``on_error``.
        """
        if self._stopped:
            raise RuntimeError("this runner is shut down and accepts no more jobs")
        try:
            result = job(self.db)
            self.db.commit()
        except Exception as error:
            self.db.rollback()
            if on_error is None:
                raise
            on_error(error)
            return
        if on_done is not None:
            on_done(result)
