"""The start-up tuning and its one switch (GUARDIAN_NO_TUNING)."""

from __future__ import annotations

import gc
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
