"""The outbox: every alert is written here before anyone tries to send it.

A message goes to one alert channel of one contact. It is stored with status ``queued`` and
stays in the table for good, so the family can always see what was sent and what was not:

- ``queued``: waiting for its first try, or for the next try after a failed one (``attempts``
  and ``last_error`` say so);
- ``sending``: a try is under way;
- ``delivered``: the channel accepted it; it is never sent again;
- ``failed``: it will never be sent, and ``failure`` says why (:data:`FAILURES`): its address
  is gone or cannot be made, the channel refused it for good, or it never arrived in days of
  trying.

A message goes to the address its channel had when it was queued. Editing or removing a channel
afterwards changes nothing for it: the warning that the settings were changed (queued before
the change is saved) reaches the old address, and so does every alert queued before the change;
alerts queued afterwards go to the new address, or nowhere once the channel is removed.

The address itself (the channel's kind and fields, tokens included) is kept in
``alert_destinations``, once per distinct address, in the same private file as the channels
themselves, and deleted as soon as no waiting message needs it; the ``outbox`` rows hold no
address and no token. Messages to the same address are sent in order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from sqlite_utils import Database

from guardian.core.alert_message import ALERT_EVENTS
from guardian.core.channels import build_apprise_url, secret_values
from guardian.core.contacts import ChannelConfig
from guardian.storage.contacts import ContactStore, purge_removed_channels
from guardian.storage.database import write_transaction

OutboxStatus = Literal["queued", "sending", "delivered", "failed"]
STATUSES: tuple[OutboxStatus, ...] = ("queued", "sending", "delivered", "failed")

Failure = Literal["removed", "unusable", "refused", "gave_up"]
"""Why a message will never be sent: its address is gone (``removed``), the stored fields no
longer make an address (``unusable``), the channel refused it for good (``refused``), or it did
not arrive in days of trying (``gave_up``)."""
FAILURES: tuple[Failure, ...] = ("removed", "unusable", "refused", "gave_up")

CHANNEL_REMOVED = "the alert channel was removed, so this alert is not sent"
CHANNEL_UNUSABLE = "the alert channel's settings are incomplete, so this alert is not sent"


# A queued message that is the oldest one still waiting for its address.
_FIRST_FOR_ITS_ADDRESS = (
    "o.status = 'queued' AND o.destination_id IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.destination_id = o.destination_id "
    "AND e.status IN ('queued', 'sending') AND e.id < o.id)"
)

_WAITING = "status IN ('queued', 'sending')"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _time_text(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _time_or_none(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


@dataclass(frozen=True)
class OutboxMessage:
    """One alert to one channel, as stored.

    Attributes:
        id: the message number (messages are sent in this order per channel).
        created_at: when it was queued.
        event: what it is about (see :data:`~guardian.core.alert_message.ALERT_EVENTS`).
        channel_id: the alert channel, or ``None`` once the channel was deleted.
        contact_name: whom it is for, kept even after the contact is deleted.
        channel_kind: the kind of channel (``email``, ``dingtalk``...).
        title: the alert's title.
        body: the alert's text.
        status: ``queued``, ``sending``, ``delivered`` or ``failed``.
        attempts: tries made so far.
        next_attempt_at: when the next try is due.
        last_attempt_at: when the last try started, if any.
        last_error: why the last try failed, with every token hidden; ``None`` after success.
        delivered_at: when the channel accepted it.
        check_id: the check it is about, if any.
        destination_id: the address it goes to (see the module notes), or ``None`` once it is
            no longer needed.
        refusals: tries the channel refused for good (an HTTP 4xx answer, for example).
        failure: why a ``failed`` message will never be sent (see :data:`Failure`), if known.
    """

    id: int
    created_at: datetime
    event: str
    channel_id: int | None
    contact_name: str
    channel_kind: str
    title: str
    body: str
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime
    last_attempt_at: datetime | None
    last_error: str | None
    delivered_at: datetime | None
    check_id: int | None
    destination_id: int | None = None
    refusals: int = 0
    failure: Failure | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> OutboxMessage:
        """Build a message from an ``outbox`` row."""
        return cls(
            id=int(row["id"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            event=row["event"],
            channel_id=row["channel_id"],
            contact_name=row["contact_name"],
            channel_kind=row["channel_kind"],
            title=row["title"],
            body=row["body"],
            status=row["status"],
            attempts=int(row["attempts"]),
            next_attempt_at=datetime.fromisoformat(row["next_attempt_at"]),
            last_attempt_at=_time_or_none(row["last_attempt_at"]),
            last_error=row["last_error"],
            delivered_at=_time_or_none(row["delivered_at"]),
            check_id=row["check_id"],
            destination_id=row["destination_id"],
            refusals=int(row["refusals"]),
            failure=row["failure"] if row["failure"] in FAILURES else None,
        )


@dataclass(frozen=True)
class Destination:
    """Where a message goes: made from its channel's fields as they were when it was queued.

    Attributes:
        url: the apprise URL (holds tokens: never log or store it).
        secrets: the channel's secret values, to hide in error messages.
    """

    url: str
    secrets: tuple[str, ...]


class OutboxStore:
    """Queues alerts and records what happened to each. Use it only on the thread that opened db.

    Args:
        db: a database opened by :func:`~guardian.storage.database.open_database`.
        clock: returns the current time (timezone-aware).
    """

    def __init__(self, db: Database, clock: Callable[[], datetime] = _utc_now) -> None:
        self._db = db
        self._clock = clock

    def enqueue(
        self, channel_id: int, title: str, body: str, *, event: str, check_id: int | None = None
    ) -> int:
        """Queue one alert for one channel and return its id.

        Raises:
            ValueError: no channel has this id, or ``event`` is unknown.
        """
        if event not in ALERT_EVENTS:
            raise ValueError(f"event: unknown alert event {event!r}")
        with write_transaction(self._db):
            found = ContactStore(self._db).channel(channel_id)
            if found is None:
                raise ValueError(f"channel_id: no alert channel {channel_id} is stored")
            contact, channel = found
            destination_id = self._destination_id(channel)
            now = _time_text(self._clock())
            cursor = self._db.execute(
                "INSERT INTO outbox (created_at, event, channel_id, contact_name, channel_kind, "
                "title, body, status, attempts, next_attempt_at, check_id, destination_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)",
                [
                    now,
                    event,
                    channel_id,
                    contact.name,
                    channel.kind,
                    title,
                    body,
                    now,
                    check_id,
                    destination_id,
                ],
            )
            new_id = cursor.lastrowid
        if not isinstance(new_id, int):
            raise RuntimeError("SQLite gave no id for the new alert")
        return new_id

    def _destination_id(self, channel: ChannelConfig) -> int:
        """The stored address with the channel's kind and fields as they are now (made once)."""
        fields_json = json.dumps(channel.fields, ensure_ascii=False, sort_keys=True)
        self._db.execute(
            "INSERT OR IGNORE INTO alert_destinations (kind, fields_json) VALUES (?, ?)",
            [channel.kind, fields_json],
        )
        row = self._db.execute(
            "SELECT id FROM alert_destinations WHERE kind = ? AND fields_json = ?",
            [channel.kind, fields_json],
        ).fetchone()
        return int(row[0])

    def enqueue_for_contacts(
        self,
        title: str,
        body: str,
        *,
        event: str,
        check_id: int | None = None,
        contact_id: int | None = None,
    ) -> list[int]:
        """Queue one alert for every channel of every contact (or of one contact).

        All the messages are written in one transaction. Returns their ids (empty when no
        channel is set up: nothing is sent anywhere the family did not set up).

        Raises:
            ValueError: ``event`` is unknown.
        """
        if event not in ALERT_EVENTS:
            raise ValueError(f"event: unknown alert event {event!r}")
        ids: list[int] = []
        with write_transaction(self._db):
            for contact in ContactStore(self._db).list():
                if contact_id is not None and contact.id != contact_id:
                    continue
                for channel in contact.channels:
                    assert channel.id is not None
                    ids.append(
                        self.enqueue(channel.id, title, body, event=event, check_id=check_id)
                    )
        return ids

    def has_channels(self) -> bool:
        """Whether the family has set up any alert channel (see ``ContactStore.has_channels``)."""
        return ContactStore(self._db).has_channels()

    def get(self, message_id: int) -> OutboxMessage | None:
        """Return the message with this id, or ``None``."""
        rows = self._select("WHERE id = ?", [message_id])
        return rows[0] if rows else None

    def recent(self, limit: int = 50, offset: int = 0) -> list[OutboxMessage]:
        """Return up to ``limit`` messages, newest first."""
        return self._select("ORDER BY id DESC LIMIT ? OFFSET ?", [limit, offset])

    def for_check(self, check_id: int) -> list[OutboxMessage]:
        """Return the messages about one check, oldest first."""
        return self._select("WHERE check_id = ? ORDER BY id", [check_id])

    def pending(self) -> list[OutboxMessage]:
        """Return every message not yet delivered and not failed, oldest first."""
        return self._select(f"WHERE {_WAITING} ORDER BY id", [])

    def next_due(self) -> OutboxMessage | None:
        """Return the message to try now, or ``None``.

        A message is due when it is queued, its time has come, and no older message for the
        same address is still waiting (so each address gets its alerts in order, while one
        that is down does not hold up the others).
        """
        rows = self._select(
            f"WHERE {_FIRST_FOR_ITS_ADDRESS} AND o.next_attempt_at <= ? "
            "ORDER BY o.next_attempt_at, o.id LIMIT 1",
            [_time_text(self._clock())],
        )
        return rows[0] if rows else None

    def next_attempt_at(self) -> datetime | None:
        """Return when the next message will be due, or ``None`` when none is waiting."""
        row = self._db.execute(
            f"SELECT MIN(o.next_attempt_at) FROM outbox o WHERE {_FIRST_FOR_ITS_ADDRESS}"
        ).fetchone()
        return _time_or_none(row[0])

    def destination(self, message: OutboxMessage) -> Destination | None:
        """Return the address ``message`` was queued for, or ``None`` when it cannot be made.

        It is the address its channel had when the message was queued: a channel edited or
        removed since then does not change where the message goes (the family had set that
        address up when the alert was raised).
        """
        if message.destination_id is None:
            return None
        row = self._db.execute(
            "SELECT kind, fields_json FROM alert_destinations WHERE id = ?",
            [message.destination_id],
        ).fetchone()
        if row is None:
            return None
        kind, fields = str(row[0]), json.loads(row[1])
        if not isinstance(fields, dict):
            return None
        try:
            url = build_apprise_url(kind, fields)
        except ValueError:
            return None
        return Destination(url, tuple(secret_values(kind, fields)))

    def claim(self, message_id: int) -> bool:
        """Mark a queued message as being sent (one more attempt) and return whether it was.

        Committed before the message is sent: after a crash during the send the message is
        found as ``sending`` and :meth:`recover_interrupted` queues it again.
        """
        with write_transaction(self._db):
            cursor = self._db.execute(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1, "
                "last_attempt_at = ? WHERE id = ? AND status = 'queued'",
                [_time_text(self._clock()), message_id],
            )
        return cursor.rowcount == 1

    def mark_delivered(self, message_id: int) -> None:
        """Record that the channel accepted the message; it will never be sent again."""
        with write_transaction(self._db):
            self._db.execute(
                "UPDATE outbox SET status = 'delivered', delivered_at = ?, last_error = NULL "
                "WHERE id = ? AND status IN ('queued', 'sending')",
                [_time_text(self._clock()), message_id],
            )
            self._purge_addresses()

    def mark_retry(
        self, message_id: int, error: str, delay_seconds: float, *, refused: bool = False
    ) -> None:
        """Record a failed try: queue the message again ``delay_seconds`` from now.

        ``error`` must already have every token hidden. ``refused``: the channel refused the
        message for good (counted in :attr:`OutboxMessage.refusals`).
        """
        due = self._clock() + timedelta(seconds=max(0.0, delay_seconds))
        with write_transaction(self._db):
            self._db.execute(
                "UPDATE outbox SET status = 'queued', last_error = ?, next_attempt_at = ?, "
                "refusals = refusals + ? WHERE id = ? AND status IN ('queued', 'sending')",
                [error, _time_text(due), int(refused), message_id],
            )

    def mark_failed(
        self, message_id: int, error: str, failure: Failure, *, refused: bool = False
    ) -> None:
        """Record that the message will never be sent, and why (``failure`` in plain terms).

        The messages queued after it for the same address go next.
        """
        if failure not in FAILURES:
            raise ValueError(f"failure: unknown reason {failure!r}")
        with write_transaction(self._db):
            self._db.execute(
                "UPDATE outbox SET status = 'failed', last_error = ?, failure = ?, "
                "refusals = refusals + ? WHERE id = ? AND status IN ('queued', 'sending')",
                [error, failure, int(refused), message_id],
            )
            self._purge_addresses()

    def _purge_addresses(self) -> None:
        # Addresses (and their tokens) live only as long as a message waits for them.
        self._db.execute(
            "DELETE FROM alert_destinations WHERE NOT EXISTS (SELECT 1 FROM outbox "
            f"WHERE outbox.destination_id = alert_destinations.id AND {_WAITING})"
        )
        purge_removed_channels(self._db)

    def recover_interrupted(self) -> list[int]:
        """Queue again, due now, every message left ``sending`` by a program that stopped.

        Such a message may or may not have reached its channel; sending it again risks a
        duplicate, never a loss. Returns their ids.
        """
        with write_transaction(self._db):
            ids = [
                int(row[0])
                for row in self._db.execute(
                    "SELECT id FROM outbox WHERE status = 'sending' ORDER BY id"
                ).fetchall()
            ]
            self._db.execute(
                "UPDATE outbox SET status = 'queued', next_attempt_at = ? WHERE status = 'sending'",
                [_time_text(self._clock())],
            )
        return ids

    def fail_orphans(self) -> list[int]:
        """Mark failed every waiting message that has no address, and return their ids.

        Only a message left by an older Guardian whose channel was already deleted has none.
        """
        with write_transaction(self._db):
            ids = [
                int(row[0])
                for row in self._db.execute(
                    f"SELECT id FROM outbox WHERE {_WAITING} AND destination_id IS NULL ORDER BY id"
                ).fetchall()
            ]
            for message_id in ids:
                self.mark_failed(message_id, CHANNEL_REMOVED, "removed")
        return ids

    def retry_now(self) -> None:
        """Make every queued message due now (the family pressed "try again")."""
        with write_transaction(self._db):
            self._db.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE status = 'queued'",
                [_time_text(self._clock())],
            )

    def _select(self, where: str, params: list[Any]) -> list[OutboxMessage]:
        cursor = self._db.execute(f"SELECT o.* FROM outbox o {where}", params)
        columns = [description[0] for description in cursor.description]
        return [
            OutboxMessage.from_row(dict(zip(columns, row, strict=True)))
            for row in cursor.fetchall()
        ]
