"""What the family's set-up reads and writes: its own state, and the test message.

The functions that take ``db`` are jobs (or parts of one) for the app's job runner; the others
return such a job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from guardian.core.alert_message import compose_alert
from guardian.core.contacts import Contact
from guardian.core.field_error import Words
from guardian.core.setup_state import SETUP_KEY, SetupState
from guardian.services.jobs import Job
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxStore
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


def save_state(state: SetupState) -> Job[SetupState]:
    """A job that stores the set-up's state (see :func:`write_state`)."""

    def save(db: Database) -> SetupState:
        return write_state(db, state)

    return save


def send_test(
    contact_id: int, *, person_name: str, when: datetime, words: Words
) -> Job[dict[int, str]]:
    """A job that queues a test message for every channel of one family member.

    Args:
        contact_id: the family member.
        person_name: how the family calls the person (the message names them).
        when: the time the message shows.
        words: the catalog's sentences in the language of the message.

    Returns:
        (from the job) each queued message's id with its channel's kind.
    """
    title, body = compose_alert("test", words=words, person_name=person_name, when=when)

    def queue(db: Database) -> dict[int, str]:
        store = OutboxStore(db)
        ids = store.enqueue_for_contacts(title, body, event="test", contact_id=contact_id)
        return {i: m.channel_kind for i in ids if (m := store.get(i)) is not None}

    return queue


def read_test_reports(ids: list[int]) -> Job[dict[int, str]]:
    """A job that reads how the test messages ``ids`` went, from the outbox itself.

    Returns:
        (from the job) for each message that was delivered or failed a try, an empty text
        (delivered) or the last error; messages still waiting for their first try are left out.
    """
    wanted = list(ids)

    def read(db: Database) -> dict[int, str]:
        store = OutboxStore(db)
        found = {i: store.get(i) for i in wanted}
        return {
            i: "" if m.status == "delivered" else str(m.last_error)
            for i, m in found.items()
            if m is not None and (m.status == "delivered" or m.last_error)
        }

    return read
