"""The start-up tuning and its one switch (GUARDIAN_NO_TUNING)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from guardian import startup_tuning
from guardian.startup_tuning import SWITCH


@pytest.fixture
def interpreter_restored() -> Iterator[None]:
    """Put the collector back as it was."""
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize(
    ("value", "on"), [(None, True), ("", True), ("0", True), ("1", False), ("yes", False)]
)
def test_the_switch_turns_the_tuning_off(
    monkeypatch: pytest.MonkeyPatch, value: str | None, on: bool
) -> None:
    if value is None:
        monkeypatch.delenv(SWITCH, raising=False)
    else:
        monkeypatch.setenv(SWITCH, value)
    assert startup_tuning.enabled() is on


@pytest.mark.usefixtures("interpreter_restored")
def test_switched_off_the_interpreter_keeps_its_own_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SWITCH, "1")
    gc.enable()
    frozen = gc.get_freeze_count()
    startup_tuning.before_start()
    assert gc.isenabled()
    startup_tuning.after_start_up_work()
    startup_tuning.at_shutdown()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


@pytest.mark.usefixtures("interpreter_restored")
def test_switched_on_the_collector_runs_again_once_the_start_up_work_is_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SWITCH, raising=False)
    gc.enable()
    startup_tuning.before_start()
    assert not gc.isenabled(), "no collection while the window is being built"
    startup_tuning.after_start_up_work()
    assert gc.isenabled()
    startup_tuning.at_shutdown()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0, "at shutdown everything may be collected again"


# Imports sqlite-utils on a thread of its own after the tuning's first step, as the app's disk
# thread does, then NumPy on the main thread, as the picture reader does; prints what it saw.
_SQLITE_UTILS_THEN_NUMPY = """
import json, sys, threading
from guardian import startup_tuning
startup_tuning.before_start()
def open_database():
    import sqlite_utils
disk = threading.Thread(target=open_database)
disk.start()
disk.join()
seen = {"numpy_after_sqlite_utils": "numpy" in sys.modules}
import sqlite_utils.db
import numpy
seen["numpy_types_stored"] = numpy.int64 in sqlite_utils.db.COLUMN_TYPE_MAPPING
hook = startup_tuning.SqliteUtilsWithoutNumpy
seen["hooks_left"] = [type(f).__name__ for f in sys.meta_path if isinstance(f, hook)]
seen["numpy_works"] = int(numpy.arange(4).sum())
startup_tuning.at_shutdown()
print(json.dumps(seen))
"""


def sqlite_utils_then_numpy(tuning_off: bool) -> dict[str, object]:
    """Run ``_SQLITE_UTILS_THEN_NUMPY`` in a fresh interpreter and return what it saw."""
    env = {k: v for k, v in os.environ.items() if k != SWITCH}
    if tuning_off:
        env[SWITCH] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _SQLITE_UTILS_THEN_NUMPY],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, object] = json.loads(done.stdout)
    return seen


def test_sqlite_utils_loads_without_numpy_and_numpy_still_loads_afterwards() -> None:
    seen = sqlite_utils_then_numpy(tuning_off=False)
    assert seen == {
        "numpy_after_sqlite_utils": False,
        "numpy_types_stored": False,
        "hooks_left": [],
        "numpy_works": 6,
    }


def test_switched_off_sqlite_utils_loads_numpy_as_it_would() -> None:
    seen = sqlite_utils_then_numpy(tuning_off=True)
    assert seen["numpy_after_sqlite_utils"] is True
    assert seen["numpy_types_stored"] is True
