"""The family PIN: checking its shape, hashing it, and locking it after too many wrong tries.

The PIN guards the family settings (contacts, alert channels, history). It is 4 to 6 digits and
is never stored: :func:`hash_pin` gives a salted scrypt hash with its parameters inside the
string, and :func:`verify_pin` checks a PIN against it in constant time.

:class:`PinPolicy` decides what a try does to the lock: after :data:`MAX_FAILURES` wrong tries in
a row the PIN is locked, and each lock lasts longer than the one before (:data:`LOCK_SCHEDULE`:
5 minutes, 15 minutes, 1 hour, 4 hours, then a day each time) until the right PIN is typed. So
guessing a 4-digit PIN takes years, not days; and each new lock is to be announced to the
family (see :attr:`PinAttempt.new_lock`), so nobody can keep guessing unnoticed. The lock is
plain data (:class:`PinLockState`) that storage keeps, so it survives a restart.

The clock is the wall clock (a monotonic clock restarts with the computer, and the lock must
survive that), so it can move. The rule for a clock that moves backwards during a lock: a lock
is only ever measured forwards from its start. When the clock reads earlier than the start, the
lock starts again from now and lasts its full length. So a clock set back never ends a lock
early, and a lock started under a clock that was far ahead (say, a wrong year) ends at most its
own length after the clock is corrected, never "forever". A clock set forwards does end a lock
early; whoever can change the computer's clock can also open the data folder, so the lock only
slows down guessing at the keypad, which is its purpose.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from guardian.core.i18n import Text

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 6
MAX_FAILURES = 5
"""Wrong tries in a row that lock the PIN."""
LOCK_SCHEDULE: tuple[float, ...] = (5 * 60, 15 * 60, 60 * 60, 4 * 60 * 60, 24 * 60 * 60)
"""How long the 1st, 2nd, 3rd... lock since the last right PIN lasts, in seconds; the last
length repeats. Trying every 4-digit PIN (10,000 of them, 5 tries a lock) then takes over five
years."""
LOCK_SECONDS = LOCK_SCHEDULE[0]
"""How long the first lock lasts, in seconds."""
MAX_LOCK_SECONDS = 24 * 60 * 60
"""No lock lasts longer than this (a stored lock that says otherwise is damaged)."""

_PIN_SHAPE = re.compile(f"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")

# scrypt with n=2**14, r=8 uses 16 MiB and about 50 ms: slow enough to make guessing a copied
# hash costly, fast enough that the family does not notice.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_SCRYPT_DKLEN = 32
_SALT_BYTES = 16
_HASH_PREFIX = "scrypt"
# Limits on the parameters read back from a stored hash, so a damaged or altered file cannot
# make a check take minutes or gigabytes.
_MAX_N = 2**17
_MAX_R = 16
_MAX_P = 4

PIN_WRONG_SHAPE = Text(
    zh=f"密码要用{PIN_MIN_DIGITS}到{PIN_MAX_DIGITS}位数字",
    en=f"The PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits",
)
PIN_EMPTY = Text(zh="请输入密码", en="Please enter the PIN")
PIN_CONFIRM_MISMATCH = Text(
    zh="两次输入的密码不一样，请再输一次", en="The two PINs are not the same. Please try again"
)


def lock_seconds_for(lock_number: int, schedule: Sequence[float] = LOCK_SCHEDULE) -> float:
    """Return how long the ``lock_number``-th lock since the last right PIN lasts (1 = first).

    Numbers past the end of ``schedule`` get its last length; numbers below 1 the first.
    """
    index = min(max(lock_number, 1), len(schedule)) - 1
    return float(schedule[index])


def duration_words(seconds: float) -> Text:
    """Return ``seconds`` in plain words: whole minutes up to an hour, else whole hours.

    Both are rounded up, so a wait is never said to be shorter than it is.
    """
    minutes = max(1, int(-(-seconds // 60)))
    if minutes <= 60:
        return Text(
            zh=f"{minutes}分钟", en=f"{minutes} " + ("minute" if minutes == 1 else "minutes")
        )
    hours = int(-(-minutes // 60))
    return Text(zh=f"{hours}小时", en=f"{hours} hours")


def normalize_pin(pin: object) -> str | None:
    """Return ``pin`` as plain ASCII digits, or ``None`` when it is not text.

    Full-width digits (typed with a Chinese input method) become ASCII digits, and spaces around
    and inside are dropped. The result is not checked for length: see :func:`validate_pin`.
    """
    if not isinstance(pin, str):
        return None
    return "".join(unicodedata.normalize("NFKC", pin).split())


def validate_pin(pin: object) -> Text | None:
    """Return why ``pin`` cannot be a PIN, or ``None`` when it can. Never raises."""
    normalized = normalize_pin(pin)
    if not normalized:
        return PIN_EMPTY
    if not _PIN_SHAPE.fullmatch(normalized):
        return PIN_WRONG_SHAPE
    return None


def validate_new_pin(pin: object, confirm: object) -> Text | None:
    """Return why ``pin`` (typed twice, the second time as ``confirm``) cannot be set, or None."""
    problem = validate_pin(pin)
    if problem is not None:
        return problem
    if normalize_pin(pin) != normalize_pin(confirm):
        return PIN_CONFIRM_MISMATCH
    return None


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """Return a salted scrypt hash of ``pin``, with the parameters and salt in the string.

    The form is ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``.

    Args:
        pin: 4 to 6 digits (full-width digits and spaces are accepted, see
            :func:`normalize_pin`).
        salt: the salt; a new random 16-byte salt when ``None`` (tests pass one to get a fixed
            result).

    Raises:
        ValueError: ``pin`` is not 4 to 6 digits, or ``salt`` is empty.
    """
    if validate_pin(pin) is not None:
        raise ValueError(f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")
    if salt is None:
        salt = secrets.token_bytes(_SALT_BYTES)
    if not salt:
        raise ValueError("the salt must not be empty")
    digest = _scrypt(normalize_pin(pin) or "", salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return "$".join(
        (_HASH_PREFIX, str(_SCRYPT_N), str(_SCRYPT_R), str(_SCRYPT_P), salt.hex(), digest.hex())
    )


def verify_pin(pin: object, stored: object) -> bool:
    """Return whether ``pin`` matches the hash ``stored`` made by :func:`hash_pin`.

    The comparison takes the same time whatever the digits. Never raises: a PIN of the wrong
    shape, or a stored value that is not a readable hash, gives ``False``.
    """
    if validate_pin(pin) is not None or not isinstance(stored, str):
        return False
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    try:
        actual = _scrypt(normalize_pin(pin) or "", salt, n, r, p, len(expected))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int = _SCRYPT_DKLEN) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=256 * 1024 * 1024
    )


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != _HASH_PREFIX:
        return None
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt = bytes.fromhex(parts[4])
        expected = bytes.fromhex(parts[5])
    except ValueError:
        return None
    if not (1 < n <= _MAX_N and n & (n - 1) == 0 and 0 < r <= _MAX_R and 0 < p <= _MAX_P):
        return None
    if not salt or not 16 <= len(expected) <= 64:
        return None
    return n, r, p, salt, expected


@dataclass(frozen=True)
class PinLockState:
    """What storage keeps about wrong tries: plain data, so a lock survives a restart.

    Attributes:
        failures: wrong tries in a row since the last right one or the last lock.
        locked_at: when the current lock started (seconds since the epoch), or ``None``.
        lock_seconds: how long the current lock lasts from ``locked_at``.
        lockouts: locks since the last right PIN (the current one included); the next lock
            is longer for each.
    """

    failures: int = 0
    locked_at: float | None = None
    lock_seconds: float = 0.0
    lockouts: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the state as a JSON-ready mapping."""
        return {
            "failures": self.failures,
            "locked_at": self.locked_at,
            "lock_seconds": self.lock_seconds,
            "lockouts": self.lockouts,
        }

    @classmethod
    def from_dict(cls, data: object) -> PinLockState:
        """Read a state written by :meth:`to_dict`. Never raises.

        A value that cannot be read (damaged settings) becomes a full lock that starts in the
        far future, which :meth:`PinPolicy.current` then restarts from "now" (the rule for a
        clock that went back): unreadable state never unlocks the PIN, and never locks it for
        longer than one first lock. A state stored before locks grew (no ``lockouts``) counts
        its lock, if it has one, as the first.
        """
        damaged = cls(
            failures=MAX_FAILURES, locked_at=_FAR_FUTURE, lock_seconds=LOCK_SECONDS, lockouts=1
        )
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            return damaged
        failures = data.get("failures", 0)
        locked_at = data.get("locked_at")
        lock_seconds = data.get("lock_seconds", 0.0)
        lockouts = data.get("lockouts", 0 if locked_at is None else 1)
        if (
            not _is_number(failures)
            or not (locked_at is None or _is_number(locked_at))
            or not _is_number(lock_seconds)
            or not _is_number(lockouts)
        ):
            return damaged
        if failures < 0 or lock_seconds < 0 or lock_seconds > MAX_LOCK_SECONDS or lockouts < 0:
            return damaged
        return cls(
            failures=int(failures),
            locked_at=None if locked_at is None else float(locked_at),
            lock_seconds=float(lock_seconds),
            lockouts=int(min(lockouts, 1_000_000)),
        )


def _is_number(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and value == value
        and abs(value) != float("inf")
    )


_FAR_FUTURE = float(2**53)


PinOutcome = Literal["ok", "wrong", "locked"]


@dataclass(frozen=True)
class PinAttempt:
    """What one try of the PIN gave.

    Attributes:
        outcome: ``"ok"`` (the PIN was right), ``"wrong"``, or ``"locked"`` (the PIN was not
            even checked, or this wrong try started a lock).
        tries_left: wrong tries left before a lock (0 when locked).
        seconds_left: seconds until the lock ends (0 when not locked).
        state: the state to store after this try.
        new_lock: this wrong try started a lock (the family is to be told of it).
    """

    outcome: PinOutcome
    tries_left: int
    seconds_left: float
    state: PinLockState
    new_lock: bool = False

    def message(self) -> Text | None:
        """Return what to tell the person, or ``None`` when the PIN was right."""
        if self.outcome == "ok":
            return None
        if self.outcome == "locked":
            wait = duration_words(self.seconds_left)
            return Text(
                zh=f"密码错误次数太多，请{wait.zh}后再试",
                en=f"Too many wrong PINs. Please try again in {wait.en}",
            )
        return Text(
            zh=f"密码不对，还可以再试{self.tries_left}次",
            en=f"Wrong PIN. {self.tries_left} "
            + ("try" if self.tries_left == 1 else "tries")
            + " left",
        )


class PinPolicy:
    """The lock rules: :data:`MAX_FAILURES` wrong tries lock the PIN, longer each time.

    The n-th lock since the last right PIN lasts ``lock_schedule[n - 1]`` (the last length
    repeats). Every method takes a state and returns the state to store; none keeps state of
    its own.

    Args:
        clock: returns the current wall-clock time in seconds since the epoch.
        max_failures: wrong tries in a row that start a lock.
        lock_schedule: how long the 1st, 2nd... lock lasts (each at most
            :data:`MAX_LOCK_SECONDS`).
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        *,
        max_failures: int = MAX_FAILURES,
        lock_schedule: Sequence[float] = LOCK_SCHEDULE,
    ) -> None:
        if max_failures < 1 or not lock_schedule:
            raise ValueError("max_failures must be positive and lock_schedule not empty")
        if any(not 0 < seconds <= MAX_LOCK_SECONDS for seconds in lock_schedule):
            raise ValueError(f"each lock lasts more than 0 and at most {MAX_LOCK_SECONDS} s")
        self._clock = clock
        self.max_failures = max_failures
        self.lock_schedule = tuple(float(seconds) for seconds in lock_schedule)

    def lock_seconds(self, lock_number: int) -> float:
        """Return how long the ``lock_number``-th lock since the last right PIN lasts."""
        return lock_seconds_for(lock_number, self.lock_schedule)

    def current(self, state: PinLockState) -> PinLockState:
        """Return ``state`` brought up to now.

        A lock that has run its full length ends (and the count of wrong tries starts again;
        the count of locks stays, so the next lock is longer). A lock whose start is later than
        now (the clock went back) starts again from now.
        """
        if state.locked_at is None:
            return state
        now = self._clock()
        if now < state.locked_at:
            return PinLockState(state.failures, now, state.lock_seconds, state.lockouts)
        if now - state.locked_at >= state.lock_seconds:
            return PinLockState(lockouts=state.lockouts)
        return state

    def is_locked(self, state: PinLockState) -> bool:
        """Return whether the PIN is locked now."""
        return self.current(state).locked_at is not None

    def seconds_left(self, state: PinLockState) -> float:
        """Return how many seconds the lock still lasts (0 when not locked)."""
        now_state = self.current(state)
        if now_state.locked_at is None:
            return 0.0
        return max(0.0, now_state.locked_at + now_state.lock_seconds - self._clock())

    def record_failure(self, state: PinLockState) -> PinLockState:
        """Return the state after a wrong try (one made while not locked)."""
        state = self.current(state)
        if state.locked_at is not None:
            return state
        failures = state.failures + 1
        if failures >= self.max_failures:
            lockouts = state.lockouts + 1
            return PinLockState(failures, self._clock(), self.lock_seconds(lockouts), lockouts)
        return PinLockState(failures, lockouts=state.lockouts)

    def record_success(self, state: PinLockState) -> PinLockState:
        """Return the state after a right try: no wrong tries, no lock, the next lock short."""
        return PinLockState()

    def attempt(self, state: PinLockState, pin: object, stored_hash: str) -> PinAttempt:
        """Try ``pin`` against ``stored_hash`` under the lock rules and return what happened.

        While the PIN is locked the PIN is not checked at all (so a lock cannot be used to
        test guesses). Store :attr:`PinAttempt.state` afterwards, whatever the outcome.
        """
        state = self.current(state)
        if state.locked_at is not None:
            return PinAttempt("locked", 0, self.seconds_left(state), state)
        if verify_pin(pin, stored_hash):
            return PinAttempt("ok", self.max_failures, 0.0, self.record_success(state))
        state = self.record_failure(state)
        if state.locked_at is not None:
            return PinAttempt("locked", 0, self.seconds_left(state), state, new_lock=True)
        return PinAttempt("wrong", self.max_failures - state.failures, 0.0, state)
