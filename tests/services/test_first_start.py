"""Whether the set-up opens by itself at start, read from a real SQLite file."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.core.setup_state import SETUP_KEY, SetupState
from guardian.services.first_start import opens_setup_at_start
from guardian.services.jobs import RunAtOnce
from guardian.storage.checks import CheckStore
from guardian.storage.settings import SettingsStore

STARTED = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def answer(db: Database) -> tuple[bool, bool]:
    results: list[tuple[bool, bool]] = []
    RunAtOnce(db).submit(opens_setup_at_start(STARTED), on_done=results.append)
    return results[0]


def call(started_at: datetime, status: str = "in_progress") -> CheckRecord:
    return CheckRecord(
        kind="call",
        status=status,
        started_at=started_at,
        updated_at=started_at,
        caller_number="95588",
        level="high" if status == "finished" else None,
        lang="zh",
    )


def test_on_the_very_first_start_the_set_up_opens(db: Database) -> None:
    assert answer(db) == (True, False)


def test_a_set_up_begun_before_does_not_open_again_but_is_pending(db: Database) -> None:
    SettingsStore(db).set(SETUP_KEY, SetupState().start().to_mapping())
    assert answer(db) == (False, True)
    SettingsStore(db).set(SETUP_KEY, SetupState().finish().to_mapping())
    assert answer(db) == (False, False)


def test_a_call_check_interrupted_last_time_is_offered_first(db: Database) -> None:
    CheckStore(db).save(call(STARTED - timedelta(hours=1)))
    assert answer(db) == (False, False)


def test_checks_that_are_no_interrupted_call_from_before_do_not_hold_it_back(
    db: Database,
) -> None:
    store = CheckStore(db)
    store.save(call(STARTED - timedelta(hours=1), status="finished"))
    store.save(call(STARTED + timedelta(seconds=5)))  # begun in this session
    assert answer(db) == (True, False)


def test_asking_loads_no_database_library_before_the_first_paint() -> None:
    code = (
        "import sys\n"
        "from datetime import datetime, timezone\n"
        "from guardian.services.first_start import opens_setup_at_start\n"
        "opens_setup_at_start(datetime.now(timezone.utc))\n"
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
