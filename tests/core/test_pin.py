from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardian.core.i18n import Text
from guardian.core.pin import (
    LOCK_SCHEDULE,
    LOCK_SECONDS,
    MAX_FAILURES,
    PIN_CONFIRM_MISMATCH,
    PIN_EMPTY,
    PIN_WRONG_SHAPE,
    PinLockState,
    PinPolicy,
    duration_words,
    hash_pin,
    lock_seconds_for,
    validate_new_pin,
    validate_pin,
    verify_pin,
)
from guardian.storage.database import open_database
from guardian.storage.pin_state import PinStore
from tests.clock import FakeClock
from tests.words import words_in

# --- shape and hashing ---------------------------------------------------------------------


@pytest.mark.parametrize("pin", ["1234", "12345", "123456", " 1234 ", "１２３４", "12 34"])
def test_good_pins(pin: str) -> None:
    assert validate_pin(pin) is None


@pytest.mark.parametrize(
    ("pin", "error"),
    [
        ("", PIN_EMPTY),
        ("   ", PIN_EMPTY),
        (None, PIN_EMPTY),
        (1234, PIN_EMPTY),
        ("123", PIN_WRONG_SHAPE),
        ("1234567", PIN_WRONG_SHAPE),
        ("12a4", PIN_WRONG_SHAPE),
        ("١٢٣٤", PIN_WRONG_SHAPE),
    ],
)
def test_bad_pins_have_a_message_in_both_languages(pin: object, error: Text) -> None:
    assert validate_pin(pin) == error
    assert error.zh and error.en


def test_new_pin_must_be_typed_twice_the_same() -> None:
    assert validate_new_pin("1234", "1234") is None
    assert validate_new_pin("1234", "１２３４") is None
    assert validate_new_pin("1234", "4321") == PIN_CONFIRM_MISMATCH
    assert validate_new_pin("12", "12") == PIN_WRONG_SHAPE


def test_hash_is_salted_and_carries_its_parameters() -> None:
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second
    assert first.startswith("scrypt$16384$8$1$")
    assert "2468" not in first
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first)
    assert verify_pin("２４６８", first)


def test_fixed_salt_gives_a_fixed_hash() -> None:
    assert hash_pin("1234", salt=b"0123456789abcdef") == hash_pin("1234", salt=b"0123456789abcdef")


def test_hash_refuses_a_bad_pin() -> None:
    with pytest.raises(ValueError):
        hash_pin("12")
    with pytest.raises(ValueError):
        hash_pin("1234", salt=b"")


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain",
        "scrypt$16384$8$1$zz$00",
        "scrypt$3$8$1$00ff$" + "00" * 32,  # n not a power of two
        "scrypt$1073741824$8$1$00ff$" + "00" * 32,  # would take gigabytes
        "bcrypt$16384$8$1$00ff$" + "00" * 32,
        None,
        42,
    ],
)
def test_verify_never_raises_on_a_damaged_hash(stored: object) -> None:
    assert verify_pin("1234", stored) is False


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=12), st.none(), st.integers(), st.binary(max_size=8)))
def test_verify_never_raises_on_any_pin(pin: object) -> None:
    stored = "scrypt$2$1$1$00ff$" + "00" * 32
    assert verify_pin(pin, stored) in (True, False)


# --- the lock ------------------------------------------------------------------------------


def test_five_wrong_tries_lock_for_five_minutes() -> None:
    clock = FakeClock()
    policy = PinPolicy(clock)
    stored = hash_pin("1357")
    state = PinLockState()
    for expected_left in range(MAX_FAILURES - 1, 0, -1):
        attempt = policy.attempt(state, "0000", stored)
        assert attempt.outcome == "wrong"
        assert attempt.tries_left == expected_left
        message = attempt.message()
        assert message is not None and str(expected_left) in message.zh
        state = attempt.state
    attempt = policy.attempt(state, "0000", stored)
    assert attempt.outcome == "locked"
    assert attempt.seconds_left == LOCK_SECONDS
    state = attempt.state
    # While locked even the right PIN is refused.
    clock.now += LOCK_SECONDS - 1
    attempt = policy.attempt(state, "1357", stored)
    assert attempt.outcome == "locked"
    assert attempt.seconds_left == 1
    message = attempt.message()
    assert message is not None and "1分钟" in message.zh and "1 minute" in message.en
    clock.now += 1
    assert not policy.is_locked(state)
    attempt = policy.attempt(state, "1357", stored)
    assert attempt.outcome == "ok" and attempt.message() is None
    assert attempt.state == PinLockState()


def test_after_a_lock_the_count_starts_again() -> None:
    clock = FakeClock()
    policy = PinPolicy(clock)
    state = PinLockState()
    for _ in range(MAX_FAILURES):
        state = policy.record_failure(state)
    assert policy.is_locked(state)
    clock.now += LOCK_SECONDS
    state = policy.current(state)
    assert state == PinLockState(lockouts=1)  # no wrong tries, but the lock is remembered
    state = policy.record_failure(state)
    assert not policy.is_locked(state) and state.failures == 1


def lock_once(policy: PinPolicy, state: PinLockState, stored: str) -> PinLockState:
    """Type wrong PINs until a lock starts; return the locked state."""
    for _ in range(MAX_FAILURES - 1):
        attempt = policy.attempt(state, "0000", stored)
        assert attempt.outcome == "wrong" and not attempt.new_lock
        state = attempt.state
    attempt = policy.attempt(state, "0000", stored)
    assert attempt.outcome == "locked" and attempt.new_lock
    return attempt.state


def test_each_lock_lasts_longer_until_the_right_pin() -> None:
    clock = FakeClock()
    policy = PinPolicy(clock)
    stored = hash_pin("1357")
    state = PinLockState()
    lengths = []
    for number in range(1, 8):
        state = lock_once(policy, state, stored)
        assert state.lockouts == number
        lengths.append(policy.seconds_left(state))
        # Tries during the lock are not checked and start no new lock.
        during = policy.attempt(state, "1357", stored)
        assert during.outcome == "locked" and not during.new_lock
        clock.now += state.lock_seconds
    assert lengths == [5 * 60, 15 * 60, 60 * 60, 4 * 3600, 24 * 3600, 24 * 3600, 24 * 3600]
    assert lengths == [lock_seconds_for(n) for n in range(1, 8)]
    assert LOCK_SCHEDULE[0] == LOCK_SECONDS
    # The right PIN clears the count: the next lock is short again.
    state = policy.attempt(state, "1357", stored).state
    assert state == PinLockState()
    state = lock_once(policy, state, stored)
    assert policy.seconds_left(state) == LOCK_SECONDS


def test_guessing_every_four_digit_pin_takes_years() -> None:
    locks = 10_000 // MAX_FAILURES
    seconds = sum(lock_seconds_for(n) for n in range(1, locks + 1))
    assert seconds > 5 * 365 * 24 * 3600


def test_a_long_lock_is_told_in_hours() -> None:
    clock = FakeClock()
    policy = PinPolicy(clock)
    stored = hash_pin("1357")
    state = PinLockState(lockouts=3)
    state = lock_once(policy, state, stored)
    message = policy.attempt(state, "1357", stored).message()
    assert message is not None
    assert "4小时" in message.zh and "4 hours" in message.en
    assert duration_words(60 * 60).zh == "60分钟"
    assert duration_words(61 * 60).en == "2 hours"


def test_a_lock_stored_before_locks_grew_counts_as_the_first() -> None:
    old = {"failures": 5, "locked_at": 1_700_000_000.0, "lock_seconds": 300.0}
    assert PinLockState.from_dict(old).lockouts == 1
    assert PinLockState.from_dict({"failures": 2, "locked_at": None}).lockouts == 0
    assert PinLockState.from_dict({"lockouts": -1}).locked_at is not None  # damaged: locked
    assert PinLockState.from_dict({"lock_seconds": 2 * 24 * 3600}).locked_at is not None


def test_a_right_pin_clears_the_wrong_tries() -> None:
    policy = PinPolicy(FakeClock())
    stored = hash_pin("1357")
    state = policy.attempt(PinLockState(), "0000", stored).state
    assert state.failures == 1
    assert policy.attempt(state, "1357", stored).state.failures == 0


def test_clock_set_back_during_a_lock_restarts_it_from_now() -> None:
    clock = FakeClock()
    policy = PinPolicy(clock)
    state = PinLockState()
    for _ in range(MAX_FAILURES):
        state = policy.record_failure(state)
    clock.now -= 3600  # someone sets the clock back an hour
    state = policy.current(state)
    assert policy.is_locked(state)
    assert policy.seconds_left(state) == LOCK_SECONDS  # not early...
    clock.now += LOCK_SECONDS
    assert not policy.is_locked(state)  # ...and not for ever


def test_lock_started_under_a_far_future_clock_ends_after_one_lock() -> None:
    clock = FakeClock(4_000_000_000.0)  # a wrong year
    policy = PinPolicy(clock)
    state = PinLockState()
    for _ in range(MAX_FAILURES):
        state = policy.record_failure(state)
    clock.now = 1_700_000_000.0  # corrected
    state = policy.current(state)
    clock.now += LOCK_SECONDS
    assert not policy.is_locked(state)


@settings(max_examples=300)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), max_size=20))
def test_a_lock_never_lasts_longer_than_one_lock_after_the_last_jump(jumps: list[float]) -> None:
    clock = FakeClock()
    policy = PinPolicy(clock)
    state = PinLockState()
    for _ in range(MAX_FAILURES):
        state = policy.record_failure(state)
    for jump in jumps:
        clock.now += jump
        state = policy.current(state)
        assert policy.seconds_left(state) <= LOCK_SECONDS
    clock.now += LOCK_SECONDS
    assert not policy.is_locked(state)


@pytest.mark.parametrize(
    "data",
    ["junk", [1, 2], {"failures": "x"}, {"failures": -1}, {"locked_at": float("nan")}],
)
def test_unreadable_lock_state_locks_once_not_for_ever(data: object) -> None:
    clock = FakeClock()
    policy = PinPolicy(clock)
    state = policy.current(PinLockState.from_dict(data))
    assert policy.is_locked(state)
    clock.now += LOCK_SECONDS
    assert not policy.is_locked(state)


def test_lock_state_round_trips() -> None:
    state = PinLockState(failures=5, locked_at=123.5, lock_seconds=300.0, lockouts=2)
    assert PinLockState.from_dict(state.to_dict()) == state
    assert PinLockState.from_dict(None) == PinLockState()


# --- the stored PIN ------------------------------------------------------------------------


def test_lock_survives_re_creating_the_store(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    clock = FakeClock()
    db = open_database(path)
    store = PinStore(db, PinPolicy(clock))
    assert not store.has_pin()
    assert store.try_pin("0000", words=words_in("zh")).outcome == "ok"  # nothing to protect yet
    store.set_pin("2580")
    assert store.pin_hash() is not None and "2580" not in (store.pin_hash() or "")
    for _ in range(MAX_FAILURES - 1):
        assert store.try_pin("0000", words=words_in("zh")).outcome == "wrong"
    db.close()

    db = open_database(path)  # a restart
    store = PinStore(db, PinPolicy(clock))
    assert store.lock_state().failures == MAX_FAILURES - 1
    assert store.try_pin("0000", words=words_in("zh")).outcome == "locked"
    db.close()

    db = open_database(path)
    store = PinStore(db, PinPolicy(clock))
    assert store.try_pin("2580", words=words_in("zh")).outcome == "locked"
    clock.now += LOCK_SECONDS
    assert store.seconds_locked() == 0
    assert store.try_pin("2580", words=words_in("zh")).outcome == "ok"
    db.close()


def test_clock_set_back_is_stored_as_a_new_lock(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    clock = FakeClock()
    db = open_database(path)
    store = PinStore(db, PinPolicy(clock))
    store.set_pin("2580")
    for _ in range(MAX_FAILURES):
        store.try_pin("0000", words=words_in("zh"))
    clock.now -= 86_400
    assert store.seconds_locked() == LOCK_SECONDS
    db.close()
    db = open_database(path)
    store = PinStore(db, PinPolicy(clock))
    clock.now += LOCK_SECONDS
    assert store.try_pin("2580", words=words_in("zh")).outcome == "ok"
    db.close()


def test_setting_a_new_pin_clears_the_lock(tmp_path: Path) -> None:
    db = open_database(tmp_path / "guardian.db")
    store = PinStore(db, PinPolicy(FakeClock()))
    store.set_pin("2580")
    for _ in range(MAX_FAILURES):
        store.try_pin("0000", words=words_in("zh"))
    store.set_pin("1470")
    assert store.try_pin("1470", words=words_in("zh")).outcome == "ok"
    store.clear_pin()
    assert not store.has_pin()
    db.close()


def test_hashing_is_quick_enough_for_a_keypad() -> None:
    start = time.perf_counter()
    verify_pin("1234", hash_pin("1234"))
    assert time.perf_counter() - start < 2.0
