"""The first set-up's state: which steps are done, which is next, and how it is stored."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from guardian.core.setup_state import SETUP_STEPS, SetupFacts, SetupState

NOTHING = SetupFacts()
EVERYTHING = SetupFacts(pin=True, family=True, channel=True, autostart=True, bank=True)

facts_strategy = st.builds(
    SetupFacts,
    pin=st.booleans(),
    family=st.booleans(),
    channel=st.booleans(),
    autostart=st.booleans(),
    bank=st.booleans(),
)
steps_strategy = st.frozensets(st.sampled_from(SETUP_STEPS))
state_strategy = st.builds(
    SetupState,
    started=st.booleans(),
    finished=st.booleans(),
    skipped=steps_strategy,
    confirmed=steps_strategy,
)


def test_the_steps_come_in_the_order_the_family_takes_them() -> None:
    assert SETUP_STEPS == ("pin", "family", "alerts", "autostart", "bank")


def test_a_fresh_set_up_begins_with_the_pin_and_misses_everything() -> None:
    state = SetupState()
    assert state.next_step(NOTHING) == "pin"
    assert state.missing(NOTHING) == SETUP_STEPS
    assert state.opens_at_start(NOTHING)


def test_it_opens_by_itself_only_on_the_very_first_start() -> None:
    assert not SetupState().start().opens_at_start(NOTHING)
    assert not SetupState(finished=True).opens_at_start(NOTHING)
    # Once a PIN guards the settings, the set-up waits behind it.
    assert not SetupState().opens_at_start(SetupFacts(pin=True))


def test_a_skipped_step_is_passed_over_but_still_missing() -> None:
    state = SetupState().start().skip("pin")
    assert state.next_step(NOTHING) == "family"
    assert "pin" in state.missing(NOTHING)
    assert state.resume("pin").next_step(NOTHING) == "pin"


def test_alerts_count_only_once_a_test_message_arrived() -> None:
    facts = SetupFacts(pin=True, family=True, channel=True)
    state = SetupState().start()
    assert state.next_step(facts) == "alerts"
    assert state.confirm("alerts").next_step(facts) == "autostart"
    # A confirmed test does not count when the channel is gone.
    assert not state.confirm("alerts").is_done("alerts", SetupFacts(pin=True, family=True))
    assert not state.confirm("alerts").unconfirm("alerts").is_done("alerts", facts)


def test_start_up_left_off_on_purpose_is_settled() -> None:
    state = SetupState().start()
    assert not state.is_done("autostart", NOTHING)
    assert state.is_done("autostart", SetupFacts(autostart=True))
    assert state.confirm("autostart").is_done("autostart", NOTHING)


def test_with_everything_set_nothing_is_missing() -> None:
    state = SetupState().start().confirm("alerts")
    assert state.next_step(EVERYTHING) is None
    assert state.missing(EVERYTHING) == ()


def test_pending_means_begun_and_not_finished() -> None:
    assert not SetupState().pending
    assert SetupState().start().pending
    assert not SetupState().start().finish().pending
    # Taking up one step from the checklist does not begin the whole set-up.
    assert not SetupState().resume("bank").skip("bank").confirm("alerts").pending


def test_a_damaged_stored_state_reads_as_a_fresh_one() -> None:
    damaged: list[object] = [
        None,
        "x",
        3,
        [],
        {"started": "yes", "skipped": "pin", "confirmed": [1, "nope"]},
    ]
    for data in damaged:
        assert SetupState.from_mapping(data) == SetupState()


@given(state_strategy)
def test_the_stored_form_round_trips_through_json(state: SetupState) -> None:
    stored = json.loads(json.dumps(state.to_mapping()))
    assert SetupState.from_mapping(stored) == state


@given(state_strategy, facts_strategy)
def test_the_next_step_is_the_first_neither_done_nor_skipped(
    state: SetupState, facts: SetupFacts
) -> None:
    step = state.next_step(facts)
    open_steps = [s for s in SETUP_STEPS if s not in state.skipped and not state.is_done(s, facts)]
    assert step == (open_steps[0] if open_steps else None)
    assert list(state.missing(facts)) == [s for s in SETUP_STEPS if not state.is_done(s, facts)]
    if step is not None:
        assert step in state.missing(facts)
