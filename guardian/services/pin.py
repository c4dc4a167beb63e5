"""The family PIN: what the PIN gate reads, and what typing or setting a PIN stores.

Every look and every try goes through :class:`~guardian.storage.pin_state.PinStore`: a lock
after wrong tries, and a PIN found missing while contacts are set up, are told to the family in
the same transaction that finds them. A new PIN set while contacts exist is announced first too
(:func:`~guardian.services.family_changes.guarded_change`): someone who quietly set a PIN of
their own could otherwise change the family's numbers unnoticed.
"""

from __future__ import annotations

from sqlite_utils import Database

from guardian.core.contacts import Contact
from guardian.core.field_error import Words
from guardian.core.pin import PinAttempt, PinPolicy
from guardian.services.family_changes import Guarded, guarded_change
from guardian.services.jobs import Job
from guardian.storage.pin_state import PinStatus, PinStore

__all__ = ["PinStatus", "seconds_locked", "set_pin", "status", "try_pin"]


def status(policy: PinPolicy, *, words: Words, person_name: str) -> Job[PinStatus]:
    """A job that tells whether a PIN is set and locked, and tells the family if it is missing.

    Args:
        policy: the lock rules and their clock.
        words: the catalog's sentences in the language of the alert about a missing PIN.
        person_name: how the family calls the person, for that alert.
    """

    def read(db: Database) -> PinStatus:
        return PinStore(db, policy).status(words=words, person_name=person_name)

    return read


def seconds_locked(policy: PinPolicy) -> Job[float]:
    """A job that returns how many seconds the PIN stays locked (0 when it is not)."""

    def read(db: Database) -> float:
        return PinStore(db, policy).seconds_locked()

    return read


def try_pin(pin: str, policy: PinPolicy, *, words: Words, person_name: str) -> Job[PinAttempt]:
    """A job that checks ``pin`` under the lock rules and stores the new lock state.

    A wrong try that starts a lock tells the family (see
    :meth:`~guardian.storage.pin_state.PinStore.try_pin`).

    Args:
        pin: what was typed.
        policy: the lock rules and their clock.
        words: the catalog's sentences in the language of the alert about a lock.
        person_name: how the family calls the person, for that alert.
    """

    def attempt(db: Database) -> PinAttempt:
        return PinStore(db, policy).try_pin(pin, words=words, person_name=person_name)

    return attempt


def set_pin(pin: str, *, change: bool, words: Words) -> Job[Guarded[None]]:
    """A job that stores a new PIN, told first to the family's channels when that matters.

    A PIN changed from inside the settings is always announced. A first PIN needs no
    announcing; one set while contacts exist (after the PIN was cleared or went missing) is.
    The alert and the new PIN are stored together or not at all.

    Args:
        pin: the new PIN (4 to 6 digits).
        change: the PIN is changed from inside the settings.
        words: the catalog's sentences in the language of the alert.

    Raises:
        ValueError: (from the job) ``pin`` is not 4 to 6 digits; nothing is stored.
    """

    def describe(before: list[Contact]) -> list[str]:
        if change:
            return [words("pin.change_line")]
        return [words("pin.set_line")] if before else []

    def save(db: Database) -> Guarded[None]:
        return guarded_change(db, describe, lambda store: PinStore(db).set_pin(pin), words)

    return save
