"""Settings: small JSON values stored by key."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import Table

from guardian.storage.database import write_transaction


class SettingsStore:
    """Reads and writes settings in the ``settings`` table, each value kept as JSON text.

    Values come back as JSON gives them: tuples are read back as lists, and mapping keys as text.
    Use it only on the thread that opened ``db``.

    Args:
        db: a database opened by :func:`~guardian.storage.database.open_database`.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def _table(self) -> Table:
        return self._db.table("settings")

    def get(self, key: str, default: Any = None) -> Any:
        """Return the value stored under ``key``, or ``default`` when there is none."""
        rows = list(self._table.rows_where("key = ?", [key], select="value_json", limit=1))
        if not rows:
            return default
        return json.loads(rows[0]["value_json"])

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, replacing any earlier value.

        Raises:
            TypeError: ``value`` cannot be written as JSON.
            ValueError: ``value`` holds NaN or infinity, which JSON cannot represent.
        """
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        with write_transaction(self._db):
            self._table.upsert({"key": key, "value_json": text}, pk="key")

    def delete(self, key: str) -> None:
        """Remove ``key``; do nothing if it is not set."""
        self._table.delete_where("key = ?", [key])

    def all(self) -> dict[str, Any]:
        """Return every setting as a mapping from key to value."""
        return {
            row["key"]: json.loads(row["value_json"])
            for row in self._table.rows_where(order_by="key")
        }
