"""The family PIN as stored: its hash and the state of the wrong-try lock.

Two things are told to the family's alert channels from here, each queued in the outbox in the
same transaction that finds it, before anything else can change:

- every new lock after wrong PINs (``pin_locked``), so a PIN cannot be guessed unnoticed;
- a PIN that is gone while contacts are still set up (``pin_missing``): the file was changed
  behind Guardian's back or damaged, and whoever opens the settings next could otherwise set a
  PIN of their own quietly. ``guardian reset-pin`` clears the PIN on purpose (and tells the
  family itself); it leaves a mark, so that is not taken for tampering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from guardian.core.alert_message import compose_alert
from guardian.core.field_error import Words
from guardian.core.pin import PinAttempt, PinLockState, PinPolicy, hash_pin
from guardian.storage.contacts import ContactStore
from guardian.storage.database import write_transaction
from guardian.storage.outbox import OutboxStore
from guardian.storage.settings import SettingsStore

PIN_HASH_KEY = "pin.hash"
PIN_LOCK_KEY = "pin.lock"
PIN_ABSENCE_KEY = "pin.absence"
"""Why there is no PIN while contacts are set up, once the family was told: ``{"reason":
"cleared"}`` (``guardian reset-pin``) or ``{"reason": "missing"}`` (found gone). Removed when a
PIN is set."""


@dataclass(frozen=True)
class PinStatus:
    """What the PIN gate needs to know before it shows.

    Attributes:
        has_pin: a PIN is set.
        seconds_locked: how long the PIN stays locked (0 when not locked or not set).
        missing: there is no PIN although contacts are set up, and nobody cleared it on
            purpose: the family has been told (see :meth:`PinStore.status`).
        has_channels: at least one alert channel is set up (the family can be told).
        alerts: the ``pin_missing`` alerts queued by this look (empty after the first).
    """

    has_pin: bool
    seconds_locked: float = 0.0
    missing: bool = False
    has_channels: bool = False
    alerts: list[int] = field(default_factory=list)


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
            self._settings.delete(PIN_ABSENCE_KEY)

    def clear_pin(self) -> None:
        """Remove the PIN and the lock state, on purpose: the caller has told the family."""
        with write_transaction(self._db):
            self._settings.delete(PIN_HASH_KEY)
            self._settings.delete(PIN_LOCK_KEY)
            self._settings.set(PIN_ABSENCE_KEY, {"reason": "cleared"})

    def status(self, *, words: Words, person_name: str = "") -> PinStatus:
        """Return whether a PIN is set and locked; tell the family if it is missing.

        A PIN that is gone while contacts are set up, and was not cleared by ``guardian
        reset-pin``, means the file was changed or damaged. The first time that is seen, a
        ``pin_missing`` alert is queued for every alert channel, in this same transaction, so
        the family hears of it before a new PIN can be set. Without contacts there is nothing
        to protect yet: the first set-up.

        Args:
            words: the catalog's sentences in the language of the alert.
            person_name: how the family calls the person, for the alert.
        """
        with write_transaction(self._db):
            if self.has_pin():
                return PinStatus(True, self.seconds_locked())
            contacts = ContactStore(self._db).list()
            has_channels = any(contact.channels for contact in contacts)
            if not contacts:
                return PinStatus(False)
            absence = self._settings.get(PIN_ABSENCE_KEY)
            reason = absence.get("reason") if isinstance(absence, dict) else None
            if reason == "cleared":
                return PinStatus(False, has_channels=has_channels)
            alerts: list[int] = []
            if reason != "missing":
                title, body = compose_alert(
                    "pin_missing",
                    words=words,
                    person_name=person_name,
                    when=datetime.now().astimezone(),
                )
                alerts = OutboxStore(self._db).enqueue_for_contacts(
                    title, body, event="pin_missing"
                )
                self._settings.set(PIN_ABSENCE_KEY, {"reason": "missing"})
        return PinStatus(False, missing=True, has_channels=has_channels, alerts=alerts)

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

    def try_pin(self, pin: object, *, words: Words, person_name: str = "") -> PinAttempt:
        """Check ``pin`` under the lock rules, store the new lock state, return the outcome.

        A wrong try that starts a lock (:attr:`PinAttempt.new_lock`) queues a ``pin_locked``
        alert for every alert channel in the same transaction.

        Without a stored PIN every try is ``"ok"``: there is nothing to protect yet (the family
        sets the PIN the first time they open the settings; see :meth:`status`).

        Args:
            pin: what was typed.
            words: the catalog's sentences in the language of the alert about a lock.
            person_name: how the family calls the person, for that alert.
        """
        with write_transaction(self._db):
            stored_hash = self.pin_hash()
            if stored_hash is None:
                return PinAttempt("ok", self.policy.max_failures, 0.0, PinLockState())
            state = PinLockState.from_dict(self._settings.get(PIN_LOCK_KEY))
            attempt = self.policy.attempt(state, pin, stored_hash)
            self._settings.set(PIN_LOCK_KEY, attempt.state.to_dict())
            if attempt.new_lock:
                self._announce_lock(attempt.state, words, person_name)
        return attempt

    def _announce_lock(self, state: PinLockState, words: Words, person_name: str) -> list[int]:
        started = state.locked_at if state.locked_at is not None else 0.0
        title, body = compose_alert(
            "pin_locked",
            words=words,
            person_name=person_name,
            when=datetime.fromtimestamp(started).astimezone(),
            wrong_tries=state.failures,
            lock_seconds=state.lock_seconds,
            lock_number=state.lockouts,
        )
        return OutboxStore(self._db).enqueue_for_contacts(title, body, event="pin_locked")
