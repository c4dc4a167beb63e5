"""Example data for the pictures of the family screens and the set-up: what the scenes store.

The screenshot scenes build a window on an empty data folder, then store what a family would
have set up by then (contacts, a PIN, alerts sent or waiting) through the window's job runner,
with the jobs here. Nothing is sent: the outbox rows are written as the sender would leave
them.
"""

from __future__ import annotations

from sqlite_utils import Database

from guardian.core.contacts import Contact
from guardian.core.setup_state import SetupState
from guardian.services.family_setup import write_state
from guardian.services.jobs import Job
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxStore
from guardian.storage.pin_state import PinStore

#: The PIN of every picture that needs one.
EXAMPLE_PIN = "2468"


def nothing(db: Database) -> None:
    """A job that does nothing: its answer says every job queued before it has answered."""


def add_contacts(contacts: list[Contact]) -> Job[list[Contact]]:
    """A job that stores ``contacts`` in order and returns them as stored (with their ids)."""
    people = list(contacts)

    def add(db: Database) -> list[Contact]:
        store = ContactStore(db)
        return [store.add(contact) for contact in people]

    return add


def set_pin(pin: str = EXAMPLE_PIN) -> Job[None]:
    """A job that sets the family PIN, with no alert (as on the first set-up)."""

    def store(db: Database) -> None:
        PinStore(db).set_pin(pin)

    return store


def setup_progress(
    state: SetupState, *, pin: str | None = EXAMPLE_PIN, person: Contact | None = None
) -> Job[None]:
    """A job that stores what the set-up's earlier steps left: a PIN, a family member, its state.

    Args:
        state: the set-up's own record (skipped and confirmed steps).
        pin: the PIN to set (None: no PIN yet).
        person: the first family member to store (None: none yet).
    """

    def store(db: Database) -> None:
        if pin is not None:
            PinStore(db).set_pin(pin)
        if person is not None:
            ContactStore(db).add(person)
        write_state(db, state)

    return store


def outbox_examples(channel_id: int, error: str) -> Job[None]:
    """A job that leaves two alerts for one channel: one delivered, one to be tried again.

    Args:
        channel_id: the channel both went to.
        error: why the second one has not arrived yet.
    """

    def queue(db: Database) -> None:
        store = OutboxStore(db)
        first = store.enqueue(channel_id, "t", "b", event="high_verdict")
        store.claim(first)
        store.mark_delivered(first)
        second = store.enqueue(channel_id, "t", "b", event="test")
        store.claim(second)
        store.mark_retry(second, error, 30)

    return queue


def delivered_tests(db: Database) -> list[int]:
    """A job that records a test message delivered to every alert channel; returns their ids."""
    store = OutboxStore(db)
    ids = store.enqueue_for_contacts("test", "test", event="test")
    for message_id in ids:
        store.claim(message_id)
        store.mark_delivered(message_id)
    return ids
