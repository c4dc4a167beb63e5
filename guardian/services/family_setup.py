"""What the family's set-up reads and writes on the disk worker (no Qt here).

Every function runs on the disk worker's thread, given its open database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from guardian.core.contacts import Contact
from guardian.core.setup_state import SETUP_KEY, SetupState
from guardian.storage.contacts import ContactStore
from guardian.storage.pin_state import PinStore
from guardian.storage.settings import SettingsStore


@dataclass(frozen=True)
class SetupSnapshot:
    """The set-up's stored state, and what is stored that tells which steps are done.

    Attributes:
        state: the set-up's own record (see :class:`~guardian.core.setup_state.SetupState`).
        has_pin: a family PIN is stored.
        contacts: the family members, in order (the primary one first).
    """

    state: SetupState
    has_pin: bool
    contacts: list[Contact] = field(default_factory=list)

    @property
    def primary(self) -> Contact | None:
        """The family member alerted first, or None when there is none."""
        return next((c for c in self.contacts if c.primary), None) or next(
            iter(self.contacts), None
        )

    @property
    def has_channel(self) -> bool:
        """Whether any family member has a way to get alerts."""
        return any(c.channels for c in self.contacts)


def read_state(db: Database) -> SetupState:
    """The set-up's stored state (a fresh one when none is stored)."""
    return SetupState.from_mapping(SettingsStore(db).get(SETUP_KEY))


def read_setup(db: Database) -> SetupSnapshot:
    """The set-up's state, whether a PIN is stored, and the family members."""
    return SetupSnapshot(read_state(db), PinStore(db).has_pin(), ContactStore(db).list())


def write_state(db: Database, state: SetupState) -> SetupState:
    """Store the set-up's state and return it."""
    SettingsStore(db).set(SETUP_KEY, state.to_mapping())
    return state
