"""Anti-tamper: every change to contacts, channels or the PIN is first told to the family.

A fraudster sometimes talks a person into changing the family's numbers, so that the alerts go
to the fraudster. So before a change is saved, a ``settings_changed`` alert with a readable
list of what changed is queued for every alert channel that existed *before* the change, in the
same transaction as the change itself: either both are stored or neither is. Each message keeps
the address its channel had when it was queued (see :mod:`guardian.storage.outbox`), so a channel
pointed elsewhere by the change is warned at its old address, not the new one.

:func:`guarded_change` applies the rule to any change; the contact screens' changes are jobs
made here (:func:`save_contact`, :func:`delete_contact`, :func:`reorder_contacts`,
:func:`make_primary`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from guardian.core.alert_message import compose_alert
from guardian.core.channels import CHANNEL_KINDS
from guardian.core.contacts import ChannelConfig, Contact
from guardian.core.field_error import Words
from guardian.core.i18n import Catalog, Lang
from guardian.services.jobs import Job
from guardian.storage.contacts import ContactStore
from guardian.storage.database import write_transaction
from guardian.storage.outbox import OutboxStore

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")


def words_for(catalog: Catalog, lang: Lang) -> Words:
    """Return a lookup of the catalog's strings in ``lang`` (safe to use on the disk thread)."""
    return catalog.words(lang)


def kind_label(kind: str, words: Words) -> str:
    """The name of a channel kind in the language of ``words``."""
    spec = CHANNEL_KINDS.get(kind)
    return words(spec.label_key) if spec is not None else kind


def contact_changes(before: Contact | None, after: Contact | None, words: Words) -> list[str]:
    """Describe, one line each, what changes from ``before`` to ``after`` (None: none there)."""
    if before is None and after is None:
        return []
    if before is None:
        assert after is not None
        added = [
            words(
                "contacts.change_added",
                name=after.name,
                phone=after.phone.display,
                relationship=after.relationship_label(words) or "-",
            )
        ]
        added += [
            words("channel.change_added", name=after.name, kind=kind_label(c.kind, words))
            for c in after.channels
        ]
        return added
    if after is None:
        return [words("contacts.change_removed", name=before.name, phone=before.phone.display)]
    lines: list[str] = []
    name = after.name
    if before.name != after.name:
        lines.append(words("contacts.change_name", old=before.name, new=after.name))
    if before.phone.e164 != after.phone.e164:
        lines.append(
            words(
                "contacts.change_phone",
                name=name,
                old=before.phone.display,
                new=after.phone.display,
            )
        )
    if before.relationship != after.relationship:
        lines.append(
            words(
                "contacts.change_relationship",
                name=name,
                relationship=after.relationship_label(words) or "-",
            )
        )
    if (before.photo_path or "") != (after.photo_path or ""):
        lines.append(words("contacts.change_photo", name=name))
    lines += channel_changes(name, before.channels, after.channels, words)
    return lines


def channel_changes(
    name: str,
    before: Sequence[ChannelConfig],
    after: Sequence[ChannelConfig],
    words: Words,
) -> list[str]:
    """Describe the channels added, removed and changed for the contact ``name``."""
    old = {c.id: c for c in before if c.id is not None}
    kept_ids = {c.id for c in after if c.id is not None}
    lines: list[str] = []
    for channel in after:
        if channel.id is None or channel.id not in old:
            lines.append(
                words("channel.change_added", name=name, kind=kind_label(channel.kind, words))
            )
        elif old[channel.id].fields != channel.fields or old[channel.id].kind != channel.kind:
            lines.append(
                words("channel.change_edited", name=name, kind=kind_label(channel.kind, words))
            )
    for channel_id, channel in old.items():
        if channel_id not in kept_ids:
            lines.append(
                words("channel.change_removed", name=name, kind=kind_label(channel.kind, words))
            )
    return lines


def order_changes(before: Sequence[Contact], ids: Sequence[int], words: Words) -> list[str]:
    """Describe a new order of the contacts (empty when it is the same)."""
    if [c.id for c in before] == list(ids):
        return []
    by_id = {c.id: c.name for c in before}
    names = "、".join(by_id.get(i, "?") for i in ids)
    return [words("contacts.change_order", names=names)]


@dataclass(frozen=True)
class Guarded(Generic[T]):
    """What a guarded change gave.

    Attributes:
        result: what the change returned.
        alerts: the ids of the ``settings_changed`` alerts queued before it.
        changes: the lines the alert listed.
    """

    result: T
    alerts: list[int]
    changes: list[str]


def guarded_change(
    db: Database,
    describe: Callable[[list[Contact]], list[str]],
    apply: Callable[[ContactStore], T],
    words: Words,
    when: datetime | None = None,
) -> Guarded[T]:
    """Queue the alert about a change to the channels there are now, then make the change.

    Runs on the job runner's thread. Both happen in one transaction: if the change fails, no
    alert is left behind, and if the alert cannot be queued, nothing changes.

    Args:
        db: the open database.
        describe: given the contacts as they are before the change, returns what changes.
        apply: makes the change with the contact store and returns its result.
        words: the catalog's sentences in the language of the alert (bound to it, so safe on
            the job runner's thread).
        when: the time shown in the alert (now, local time, by default).
    """
    with write_transaction(db):
        store = ContactStore(db)
        before = store.list()
        changes = describe(before)
        alerts: list[int] = []
        if changes and any(contact.channels for contact in before):
            title, body = compose_alert(
                "settings_changed",
                words=words,
                person_name="",
                when=when or datetime.now().astimezone(),
                changes=changes,
            )
            alerts = OutboxStore(db).enqueue_for_contacts(title, body, event="settings_changed")
        result = apply(store)
    return Guarded(result, alerts, changes)


# -- the changes the contact screens make, each a job for the job runner ----------------------


def save_contact(contact: Contact, *, new: bool, words: Words) -> Job[Guarded[Contact]]:
    """A job that adds ``contact`` (``new``) or stores it over the one with its id, told first.

    The alert lists what changes from the contact as stored to ``contact`` (for a new one: the
    contact and its channels).

    Returns:
        The job; its result holds the contact as stored (with its id and its channels' ids).
    """

    def describe(before: list[Contact]) -> list[str]:
        stored = None if new else next((c for c in before if c.id == contact.id), None)
        return contact_changes(stored, contact, words)

    def apply(store: ContactStore) -> Contact:
        return store.add(contact) if new else store.update(contact)

    def job(db: Database) -> Guarded[Contact]:
        return guarded_change(db, describe, apply, words)

    return job


def delete_contact(contact_id: int, *, words: Words) -> Job[Guarded[None]]:
    """A job that deletes a contact and its channels, told first (to them too)."""

    def describe(before: list[Contact]) -> list[str]:
        stored = next((c for c in before if c.id == contact_id), None)
        return contact_changes(stored, None, words) if stored else []

    def apply(store: ContactStore) -> None:
        store.delete(contact_id)

    def job(db: Database) -> Guarded[None]:
        return guarded_change(db, describe, apply, words)

    return job


def reorder_contacts(ids: Sequence[int], *, words: Words) -> Job[Guarded[None]]:
    """A job that puts the contacts in the order of ``ids``, told first."""
    order = list(ids)

    def describe(before: list[Contact]) -> list[str]:
        return order_changes(before, order, words)

    def apply(store: ContactStore) -> None:
        store.reorder(order)

    def job(db: Database) -> Guarded[None]:
        return guarded_change(db, describe, apply, words)

    return job


def make_primary(contact_id: int, name: str, *, words: Words) -> Job[Guarded[None]]:
    """A job that makes a contact (called ``name``) the first to call and to alert, told first.

    Nothing is told when it already is the primary one.
    """

    def describe(before: list[Contact]) -> list[str]:
        if any(c.id == contact_id and c.primary for c in before):
            return []
        return [words("contacts.change_primary", name=name)]

    def apply(store: ContactStore) -> None:
        store.set_primary(contact_id)

    def job(db: Database) -> Guarded[None]:
        return guarded_change(db, describe, apply, words)

    return job
