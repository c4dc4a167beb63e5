"""The family PIN as stored: its hash and the state of the wrong-try lock."""

from __future__ import annotations

from sqlite_utils import Database

from guardian.core.pin import PinAttempt, PinLockState, PinPolicy, hash_pin
from guardian.storage.database import write_transaction
from guardian.storage.settings import SettingsStore

PIN_HASH_KEY = "pin.hash"
PIN_LOCK_KEY = "pin.lock"


class PinStore:
    """Keeps the PIN hash and the lock state in the ``settings`` table.

    The lock state is written after every try, in the same transaction that reads it, so
    neither a restart nor a second window can reset the count of wrong tries. Use it only on the
    thread that opened ``db``.

    Args:
        db: a database opened by :func:`~guardian.storage.database.open_database`.
        policy: the lock rules and the clock.
    """

    def __init__(self, db: Database, policy: PinPolicy | None = None) -> None:
        self._db = db
        self._settings = SettingsStore(db)
        self.policy = policy if policy is not None else PinPolicy()

    def has_pin(self) -> bool:
        """Return whether a PIN has been set."""
        return isinstance(self._settings.get(PIN_HASH_KEY), str)

    def pin_hash(self) -> str | None:
        """Return the stored hash, or ``None`` when no PIN is set."""
        value = self._settings.get(PIN_HASH_KEY)
        return value if isinstance(value, str) else None

    def set_pin(self, pin: str) -> None:
        """Hash and store a new PIN, and clear any lock.

        Raises:
            ValueError: ``pin`` is not 4 to 6 digits.
        """
        stored = hash_pin(pin)
        with write_transaction(self._db):
            self._settings.set(PIN_HASH_KEY, stored)
            self._settings.set(PIN_LOCK_KEY, PinLockState().to_dict())

    def clear_pin(self) -> None:
        """Remove the PIN and the lock state."""
        with write_transaction(self._db):
            self._settings.delete(PIN_HASH_KEY)
            self._settings.delete(PIN_LOCK_KEY)

    def lock_state(self) -> PinLockState:
        """Return the lock state brought up to now (and store it if that changed it)."""
        with write_transaction(self._db):
            stored = PinLockState.from_dict(self._settings.get(PIN_LOCK_KEY))
            current = self.policy.current(stored)
            if current != stored:
                self._settings.set(PIN_LOCK_KEY, current.to_dict())
        return current

    def seconds_locked(self) -> float:
        """Return how many seconds the PIN stays locked (0 when it is not locked)."""
        return self.policy.seconds_left(self.lock_state())

    def try_pin(self, pin: object) -> PinAttempt:
        """Check ``pin`` under the lock rules, store the new lock state, return the outcome.

        Without a stored PIN every try is ``"ok"``: there is nothing to protect yet (the family
        sets the PIN the first time they open the settings).
        """
        with write_transaction(self._db):
            stored_hash = self.pin_hash()
            if stored_hash is None:
                return PinAttempt("ok", self.policy.max_failures, 0.0, PinLockState())
            state = PinLockState.from_dict(self._settings.get(PIN_LOCK_KEY))
            attempt = self.policy.attempt(state, pin, stored_hash)
            self._settings.set(PIN_LOCK_KEY, attempt.state.to_dict())
        return attempt
