"""Whether the family's set-up opens by itself as the app starts.

Asked before the window's first paint, so this module loads nothing heavy: sqlite-utils and
the stores are imported inside the job, on the disk worker's thread.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from guardian.services.jobs import Job


def opens_setup_at_start(since: datetime) -> Job[tuple[bool, bool]]:
    """The job that tells whether the set-up opens now, and whether it is begun and not done.

    It opens when the stored set-up state says so, unless a call check interrupted before
    ``since`` is to be offered first (see ``MainWindow.offer_unfinished``).

    Args:
        since: when the app started (a check begun after it was not interrupted).

    Returns:
        A job giving (whether the set-up opens now, whether it is begun and not yet done).
    """

    def job(db: Database) -> tuple[bool, bool]:
        from guardian.core.setup_state import SetupFacts
        from guardian.services.family_setup import read_setup
        from guardian.storage.checks import CheckStore

        snapshot = read_setup(db)
        state = snapshot.state
        opens = state.opens_at_start(SetupFacts(pin=snapshot.has_pin))
        opens = opens and CheckStore(db).newest_unfinished_call(since) is None
        return opens, state.pending

    return job
