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
