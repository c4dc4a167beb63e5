"""The database schema, as an ordered list of sqlite-utils migrations.

Each migration is a function that takes the database and changes it; sqlite-utils records the
ones applied in its ``_sqlite_migrations`` table and runs each one once, inside a transaction.
Add new migrations at the end and never change or rename one that has shipped: a database that
records a migration this code does not know was written by a newer Guardian.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from guardian.storage.errors import NewerDatabaseError

MIGRATION_SET = "guardian"
"""The name of Guardian's migration set in the ``_sqlite_migrations`` table."""

MIGRATIONS = Migrations(MIGRATION_SET)

KNOWN_MIGRATIONS: list[str] = []
"""Names of the migrations this code knows, in the order they run."""

_Migration = Callable[[Database], None]


def _migration(fn: _Migration) -> _Migration:
    KNOWN_MIGRATIONS.append(fn.__name__)
    return MIGRATIONS(name=fn.__name__)(fn)


@_migration
def m001_checks_and_settings(db: Database) -> None:
    """Schema v1: the history of checks, and the settings."""
    db.table("checks").create(
        {
            "id": int,
            "kind": str,
            "status": str,
            "started_at": str,
            "updated_at": str,
            "caller_number": str,
            "caller_type": str,
            "answers_json": str,
            "level": str,
            "signals_json": str,
            "stopped_early": int,
            "text": str,
            "actions_json": str,
            "lang": str,
        },
        pk="id",
        not_null=[
            "kind",
            "status",
            "started_at",
            "updated_at",
            "answers_json",
            "signals_json",
            "stopped_early",
            "actions_json",
            "lang",
        ],
    )
    db.table("checks").create_index(["started_at"], index_name="idx_checks_started_at")
    db.table("settings").create({"key": str, "value_json": str}, pk="key", not_null=["value_json"])


@_migration
def m002_contacts_and_alert_channels(db: Database) -> None:
    """Schema v2: family contacts, and the alert channels of each contact.

    A channel keeps its fields (tokens and passwords included) only here; the outbox refers to
    it by id. A channel removed while alerts queued before its removal still wait for it is
    kept, with ``removed_at`` set and no contact, until those alerts are done (so a warning that
    the settings were changed still reaches the channels the family had set up); then it is
    deleted.
    """
    db.execute(
        """
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            relationship TEXT NOT NULL DEFAULT '',
            phone_e164 TEXT NOT NULL,
            phone_display TEXT NOT NULL,
            phone_short INTEGER NOT NULL DEFAULT 0,
            photo_path TEXT,
            position INTEGER NOT NULL,
            is_primary INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_contacts_position ON contacts (position)")
    db.execute(
        """
        CREATE TABLE alert_channels (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            fields_json TEXT NOT NULL,
            removed_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX idx_alert_channels_contact ON alert_channels (contact_id, position)")


@_migration
def m003_outbox(db: Database) -> None:
    """Schema v3: the outbox, where every alert is queued before it is sent.

    ``channel_id`` becomes NULL when the channel is deleted; such a message is never sent (the
    family removed that channel) and is marked failed. ``contact_name`` and ``channel_kind``
    keep saying where it was for, without any token. ``check_id`` becomes NULL when the
    check is deleted from the history; the alert itself stays.
    """
    db.execute(
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            event TEXT NOT NULL,
            channel_id INTEGER REFERENCES alert_channels (id) ON DELETE SET NULL,
            contact_name TEXT NOT NULL DEFAULT '',
            channel_kind TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_attempt_at TEXT,
            last_error TEXT,
            delivered_at TEXT,
            check_id INTEGER REFERENCES checks (id) ON DELETE SET NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_outbox_status ON outbox (status, next_attempt_at)")
    db.execute("CREATE INDEX idx_outbox_channel ON outbox (channel_id)")
    db.execute("CREATE INDEX idx_outbox_check ON outbox (check_id)")


@_migration
def m004_alert_destinations(db: Database) -> None:
    """Schema v4: each alert keeps the address it was queued for, and why it failed.

    An edited channel keeps its id, so an alert that looked its channel up when it was sent
    went to wherever the channel pointed by then (a warning that the family's address was
    changed went to the new address). Now ``alert_destinations`` holds each address an alert
    is waiting for (a channel's kind and fields, tokens included, like ``alert_channels``), once
    per distinct address, and ``outbox.destination_id`` points to it; an address nothing waits
    for any more is deleted with its tokens. ``refusals`` counts the tries the channel refused
    for good (an HTTP 4xx answer), and ``failure`` says why a ``failed`` message will never be
    sent (``removed``, ``unusable``, ``refused``, ``gave_up``).

    Messages still waiting from before get the address their channel has now.
    """
    db.execute(
        """
        CREATE TABLE alert_destinations (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            fields_json TEXT NOT NULL,
            UNIQUE (kind, fields_json)
        )
        """
    )
    db.execute(
        "ALTER TABLE outbox ADD COLUMN destination_id INTEGER "
        "REFERENCES alert_destinations (id) ON DELETE SET NULL"
    )
    db.execute("ALTER TABLE outbox ADD COLUMN refusals INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE outbox ADD COLUMN failure TEXT")
    db.execute("CREATE INDEX idx_outbox_destination ON outbox (destination_id, status)")
    db.execute(
        "INSERT OR IGNORE INTO alert_destinations (kind, fields_json) "
        "SELECT DISTINCT c.kind, c.fields_json FROM outbox o "
        "JOIN alert_channels c ON c.id = o.channel_id WHERE o.status IN ('queued', 'sending')"
    )
    db.execute(
        "UPDATE outbox SET destination_id = ("
        "SELECT d.id FROM alert_channels c JOIN alert_destinations d "
        "ON d.kind = c.kind AND d.fields_json = c.fields_json WHERE c.id = outbox.channel_id"
        ") WHERE status IN ('queued', 'sending')"
    )


@_migration
def m005_check_pictures(db: Database) -> None:
    """Schema v5: the picture a message was read from, kept with its check when asked.

    One picture at most per check: the file as it is shown (``format`` ``png`` or ``jpeg``),
    its size in pixels, the runs of words boxed on it and the part that holds its words
    (``marks_json``). Deleting the check deletes its picture (and secure delete overwrites it).
    """
    db.execute(
        """
        CREATE TABLE check_pictures (
            check_id INTEGER PRIMARY KEY REFERENCES checks (id) ON DELETE CASCADE,
            format TEXT NOT NULL,
            data BLOB NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            marks_json TEXT NOT NULL,
            kept_at TEXT NOT NULL
        )
        """
    )


SCHEMA_VERSION = len(KNOWN_MIGRATIONS)
"""How many migrations this code knows; the schema version it writes."""


def unknown_migrations(db: Database) -> list[str]:
    """Return the names of applied migrations this code does not know, in the order applied."""
    known = set(KNOWN_MIGRATIONS)
    return [applied.name for applied in MIGRATIONS.applied(db) if applied.name not in known]


def migrate(db: Database) -> None:
    """Bring ``db`` up to the schema this code knows; do nothing if it is already there.

    The check for a newer schema and every pending migration run in one ``BEGIN IMMEDIATE``
    transaction, so two programs opening the same new file at once cannot both apply the same
    migration, and a failing migration leaves the file as it was.

    Raises:
        NewerDatabaseError: the database records migrations this code does not know, so a newer
            Guardian wrote it; nothing is changed.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        unknown = unknown_migrations(db)
        if unknown:
            raise NewerDatabaseError(
                "this history was saved by a newer version of Guardian "
                f"(unknown schema steps: {', '.join(unknown)}); please update Guardian"
            )
        MIGRATIONS.apply(db)
    except BaseException:
        db.rollback()
        raise
    db.commit()
