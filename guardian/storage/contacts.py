"""Family contacts and their alert channels: list, add, update, delete, reorder, set primary."""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from guardian.core.channels import log_secrets
from guardian.core.contacts import ChannelConfig, Contact, Phone, validate_contact
from guardian.logs import remember_secrets
from guardian.storage.database import write_transaction


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _time_text(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


class ContactStore:
    """Reads and writes :class:`~guardian.core.contacts.Contact` rows and their channels.

    The list is kept in order (``position`` 0, 1, 2... with no gaps) and, whenever there is at
    least one contact, exactly one of them is primary. Every write is one transaction. Use it
    only on the thread that opened ``db``.

    Args:
        db: a database opened by :func:`~guardian.storage.database.open_database`.
        clock: returns the current time (timezone-aware), for ``created_at``/``updated_at``.
    """

    def __init__(self, db: Database, clock: Callable[[], datetime] = _utc_now) -> None:
        self._db = db
        self._clock = clock

    def list(self) -> list[Contact]:
        """Return every contact in order, each with its channels in order."""
        cursor = self._db.execute("SELECT * FROM contacts ORDER BY position, id")
        columns = [description[0] for description in cursor.description]
        rows = cursor.fetchall()
        contacts = [self._contact(dict(zip(columns, row, strict=True))) for row in rows]
        channels = self._channels_by_contact()
        for contact in contacts:
            contact.channels = channels.get(contact.id or 0, [])
        return contacts

    def has_channels(self) -> bool:
        """Whether any contact has an alert channel (an alert would go somewhere)."""
        row = self._db.execute(
            "SELECT 1 FROM alert_channels WHERE removed_at IS NULL LIMIT 1"
        ).fetchone()
        return row is not None

    def get(self, contact_id: int) -> Contact | None:
        """Return the contact with this id, or ``None``."""
        for contact in self.list():
            if contact.id == contact_id:
                return contact
        return None

    def primary(self) -> Contact | None:
        """Return the primary contact, or ``None`` when there are no contacts."""
        for contact in self.list():
            if contact.primary:
                return contact
        return None

    def channel(self, channel_id: int) -> tuple[Contact, ChannelConfig] | None:
        """Return the contact and channel with this channel id, or ``None``."""
        for contact in self.list():
            for channel in contact.channels:
                if channel.id == channel_id:
                    return contact, channel
        return None

    def add(self, contact: Contact) -> Contact:
        """Store a new contact at the end of the list and return it with its ids.

        The first contact becomes primary; a contact added with ``primary=True`` becomes the
        primary one.

        Raises:
            ValueError: the contact does not pass
                :func:`~guardian.core.contacts.validate_contact`; the message names the fields.
        """
        clean = _checked(contact)
        now = _time_text(self._clock())
        with write_transaction(self._db):
            count = self._count()
            cursor = self._db.execute(
                "INSERT INTO contacts (name, relationship, phone_e164, phone_display, "
                "phone_short, photo_path, position, is_primary, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                [
                    clean.name,
                    clean.relationship,
                    clean.phone.e164,
                    clean.phone.display,
                    int(clean.phone.short),
                    clean.photo_path,
                    count,
                    now,
                    now,
                ],
            )
            new_id = cursor.lastrowid
            if not isinstance(new_id, int):
                raise RuntimeError("SQLite gave no id for the new contact")
            self._write_channels(new_id, clean.channels)
            if clean.primary or count == 0:
                self._set_primary(new_id)
        stored = self.get(new_id)
        assert stored is not None
        return stored

    def update(self, contact: Contact) -> Contact:
        """Replace the name, relationship, phone, photo and channels of a stored contact.

        Its place in the list and its primary flag are kept (use :meth:`reorder` and
        :meth:`set_primary`). Channels keep their ids when they carry them, so alerts waiting
        for a channel still reach it after an edit; channels left out are deleted, and the
        alerts waiting for them are then never sent.

        Raises:
            ValueError: the contact does not pass validation, has no id, or is not stored; or a
                channel id belongs to another contact.
        """
        clean = _checked(contact)
        if clean.id is None:
            raise ValueError("id: the contact has not been saved yet")
        now = _time_text(self._clock())
        with write_transaction(self._db):
            cursor = self._db.execute(
                "UPDATE contacts SET name = ?, relationship = ?, phone_e164 = ?, "
                "phone_display = ?, phone_short = ?, photo_path = ?, updated_at = ? WHERE id = ?",
                [
                    clean.name,
                    clean.relationship,
                    clean.phone.e164,
                    clean.phone.display,
                    int(clean.phone.short),
                    clean.photo_path,
                    now,
                    clean.id,
                ],
            )
            if cursor.rowcount != 1:
                raise ValueError(f"id: no contact {clean.id} is stored")
            self._write_channels(clean.id, clean.channels)
        stored = self.get(clean.id)
        assert stored is not None
        return stored

    def delete(self, contact_id: int) -> None:
        """Delete a contact and its channels; do nothing if there is none.

        The rest keep their order with no gap; if the primary contact is deleted, the first
        remaining one becomes primary.
        """
        with write_transaction(self._db):
            for (channel_id,) in self._db.execute(
                "SELECT id FROM alert_channels WHERE contact_id = ? AND removed_at IS NULL",
                [contact_id],
            ).fetchall():
                self._retire_channel(int(channel_id))
            self._db.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
            ids = self._ids_in_order()
            self._renumber(ids)
            if (
                ids
                and not self._db.execute("SELECT 1 FROM contacts WHERE is_primary = 1").fetchone()
            ):
                self._set_primary(ids[0])

    def reorder(self, contact_ids: Sequence[int]) -> None:
        """Put the contacts in the order of ``contact_ids``.

        Raises:
            ValueError: ``contact_ids`` is not exactly the stored ids, each once.
        """
        with write_transaction(self._db):
            stored = self._ids_in_order()
            if sorted(contact_ids) != sorted(stored) or len(set(contact_ids)) != len(stored):
                raise ValueError("reorder needs every stored contact id exactly once")
            self._renumber(list(contact_ids))

    def set_primary(self, contact_id: int) -> None:
        """Make this contact the primary one (and no other).

        Raises:
            ValueError: no contact has this id.
        """
        with write_transaction(self._db):
            if not self._db.execute("SELECT 1 FROM contacts WHERE id = ?", [contact_id]).fetchone():
                raise ValueError(f"id: no contact {contact_id} is stored")
            self._set_primary(contact_id)

    def _set_primary(self, contact_id: int) -> None:
        self._db.execute(
            "UPDATE contacts SET is_primary = CASE WHEN id = ? THEN 1 ELSE 0 END", [contact_id]
        )

    def _count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM contacts").fetchone()
        return int(row[0])

    def _ids_in_order(self) -> builtins.list[int]:
        rows = self._db.execute("SELECT id FROM contacts ORDER BY position, id").fetchall()
        return [int(row[0]) for row in rows]

    def _renumber(self, ids: Sequence[int]) -> None:
        for position, contact_id in enumerate(ids):
            self._db.execute(
                "UPDATE contacts SET position = ? WHERE id = ?", [position, contact_id]
            )

    def _write_channels(self, contact_id: int, channels: Sequence[ChannelConfig]) -> None:
        existing = {
            int(row[0]): int(row[1])
            for row in self._db.execute(
                "SELECT id, contact_id FROM alert_channels WHERE removed_at IS NULL"
            ).fetchall()
        }
        kept: set[int] = set()
        for position, channel in enumerate(channels):
            remember_secrets(log_secrets(channel.kind, channel.fields))
            fields_json = json.dumps(channel.fields, ensure_ascii=False, sort_keys=True)
            if channel.id is not None and channel.id in existing:
                if existing[channel.id] != contact_id:
                    raise ValueError(f"channels: channel {channel.id} belongs to another contact")
                self._db.execute(
                    "UPDATE alert_channels SET position = ?, kind = ?, fields_json = ? "
                    "WHERE id = ?",
                    [position, channel.kind, fields_json, channel.id],
                )
                kept.add(channel.id)
            else:
                cursor = self._db.execute(
                    "INSERT INTO alert_channels (contact_id, position, kind, fields_json) "
                    "VALUES (?, ?, ?, ?)",
                    [contact_id, position, channel.kind, fields_json],
                )
                if isinstance(cursor.lastrowid, int):
                    kept.add(cursor.lastrowid)
        for channel_id, owner in existing.items():
            if owner == contact_id and channel_id not in kept:
                self._retire_channel(channel_id)

    def _retire_channel(self, channel_id: int) -> None:
        # Alerts queued before the removal still go out (a warning that the settings changed
        # must reach the channels the family had set up); alerts queued later cannot use it.
        # Once nothing waits for it, purge_removed_channels deletes it with its tokens.
        self._db.execute(
            "UPDATE alert_channels SET removed_at = ?, contact_id = NULL WHERE id = ?",
            [_time_text(self._clock()), channel_id],
        )
        purge_removed_channels(self._db)

    def _channels_by_contact(self) -> dict[int, builtins.list[ChannelConfig]]:
        rows = self._db.execute(
            "SELECT id, contact_id, kind, fields_json FROM alert_channels "
            "WHERE removed_at IS NULL ORDER BY contact_id, position, id"
        ).fetchall()
        result: dict[int, builtins.list[ChannelConfig]] = {}
        for channel_id, contact_id, kind, fields_json in rows:
            fields = json.loads(fields_json)
            result.setdefault(int(contact_id), []).append(
                ChannelConfig(kind=kind, fields=dict(fields), id=int(channel_id))
            )
        return result

    @staticmethod
    def _contact(row: dict[str, Any]) -> Contact:
        return Contact(
            name=row["name"],
            phone=Phone(row["phone_e164"], row["phone_display"], bool(row["phone_short"])),
            relationship=row["relationship"],
            photo_path=row["photo_path"],
            id=int(row["id"]),
            position=int(row["position"]),
            primary=bool(row["is_primary"]),
        )


def purge_removed_channels(db: Database) -> None:
    """Delete every removed channel (and its tokens) that no waiting alert still needs."""
    db.execute(
        "DELETE FROM alert_channels WHERE removed_at IS NOT NULL AND NOT EXISTS ("
        "SELECT 1 FROM outbox WHERE outbox.channel_id = alert_channels.id "
        "AND outbox.status IN ('queued', 'sending'))"
    )


def remember_channel_secrets(db: Database) -> None:
    """Have the log hide the values of every stored channel and address alerts wait for.

    That is every channel, removed ones still kept included, and every address an alert was
    queued for (``alert_destinations``, where the database has it). See
    :func:`guardian.logs.remember_secrets`; called when the app opens the database.
    """
    for table in ("alert_channels", "alert_destinations"):
        if not db[table].exists():
            continue
        for kind, fields_json in db.execute(f"SELECT kind, fields_json FROM {table}"):
            try:
                fields = json.loads(fields_json)
            except ValueError:
                continue
            if isinstance(fields, dict):
                remember_secrets(log_secrets(kind, fields))


def removed_channel(db: Database, channel_id: int) -> ChannelConfig | None:
    """Return a removed channel still kept for the alerts queued before its removal."""
    row = db.execute(
        "SELECT kind, fields_json FROM alert_channels WHERE id = ? AND removed_at IS NOT NULL",
        [channel_id],
    ).fetchone()
    if row is None:
        return None
    return ChannelConfig(kind=row[0], fields=dict(json.loads(row[1])), id=channel_id)


def _checked(contact: Contact) -> Contact:
    """Validate a contact again at the storage boundary and return the clean one."""
    result = validate_contact(
        {
            "name": contact.name,
            "relationship": contact.relationship,
            "phone": contact.phone.e164 if isinstance(contact.phone, Phone) else None,
            "photo_path": contact.photo_path,
            "channels": list(contact.channels),
            "id": contact.id,
            "position": contact.position,
            "primary": contact.primary,
        }
    )
    if result.contact is None:
        raise ValueError(f"the contact has problems in: {', '.join(sorted(result.errors))}")
    return result.contact
