"""The clock moving during a PIN lockout: it never unlocks early, and never locks for longer
than one lock, whichever way the clock jumps."""

from __future__ import annotations

import pytest

from guardian.core.pin import LOCK_SECONDS, MAX_FAILURES, PinLockState, PinPolicy, hash_pin
from tests.clock import FakeClock


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin("2468")


def locked(policy: PinPolicy, stored: str) -> PinLockState:
    state = PinLockState()
    for _ in range(MAX_FAILURES):
        state = policy.attempt(state, "0000", stored).state
    assert policy.is_locked(state)
    return state


def test_the_clock_set_back_an_hour_keeps_the_lock_for_one_full_lock(stored):
    clock = FakeClock()
    policy = PinPolicy(clock)
    state = locked(policy, stored)
    clock.now -= 3600  # someone sets the clock back an hour during the lock
    assert policy.is_locked(state)
    assert policy.seconds_left(state) == pytest.approx(LOCK_SECONDS)
    # The right PIN is not even looked at while locked.
    attempt = policy.attempt(state, "2468", stored)
    assert attempt.outcome == "locked"
    state = attempt.state
    clock.now += LOCK_SECONDS - 1
    assert policy.attempt(state, "2468", stored).outcome == "locked"
    clock.now += 1
    assert policy.attempt(state, "2468", stored).outcome == "ok"


def test_the_clock_set_back_years_never_locks_longer_than_one_lock(stored):
    clock = FakeClock()
    policy = PinPolicy(clock)
    state = locked(policy, stored)
    clock.now = 0.0  # a dead clock battery: 1970
    assert policy.seconds_left(state) <= LOCK_SECONDS
    state = policy.current(state)
    clock.now += LOCK_SECONDS
    assert not policy.is_locked(state)


def test_the_clock_jumping_forward_ends_the_lock_and_starts_the_count_again(stored):
    clock = FakeClock()
    policy = PinPolicy(clock)
    state = locked(policy, stored)
    clock.now += 10 * 365 * 24 * 3600
    attempt = policy.attempt(state, "0000", stored)
    assert attempt.outcome == "wrong"
    assert attempt.tries_left == MAX_FAILURES - 1


def test_a_clock_going_back_and_forth_during_the_lock_never_unlocks_early(stored):
    clock = FakeClock()
    policy = PinPolicy(clock)
    state = locked(policy, stored)
    start = clock.now
    for jump in (-100, +50, -3000, +200, -1, +10):
        clock.now += jump
        attempt = policy.attempt(state, "2468", stored)
        assert attempt.outcome == "locked"
        assert 0 < attempt.seconds_left <= LOCK_SECONDS
        state = attempt.state
    assert clock.now < start + LOCK_SECONDS


def test_a_saved_lock_that_cannot_be_read_is_one_full_lock_from_now(stored):
    clock = FakeClock()
    policy = PinPolicy(clock)
    for damaged in ("garbage", {"failures": "x"}, {"locked_at": float("nan")}, [1, 2]):
        state = PinLockState.from_dict(damaged)
        assert policy.is_locked(state)
        assert policy.seconds_left(state) == pytest.approx(LOCK_SECONDS)
