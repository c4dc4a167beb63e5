"""The history of checks: save, read a page, count, delete."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.db import Table

from guardian.core.records import CheckRecord
from guardian.storage.check_pictures import CheckPictureStore
from guardian.storage.database import write_transaction

_NEWEST_FIRST = "started_at DESC, id DESC"


class CheckStore:
    """Reads and writes :class:`~guardian.core.records.CheckRecord` rows in the ``checks`` table.

    Use it only on the thread that opened ``db`` (in the app: inside a
    :class:`~guardian.storage.worker.DiskWorker` job).

    Args:
        db: a database opened by :func:`~guardian.storage.database.open_database`.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def _table(self) -> Table:
        return self._db.table("checks")

    def save(self, record: CheckRecord) -> int:
        """Store ``record`` in one transaction and return its id.

        A record without an id is inserted and gets a new id, which is also set on ``record``.
        A record with an id replaces the stored row with that id; if that row was deleted in the
        meantime (the family cleared the history while the check was open) it is written again
        under the same id, because a check that was being made is never lost.

        Raises:
            ValueError: the record does not pass validation; the message names the field.
        """
        row = record.to_row()
        table = self._table
        with write_transaction(self._db):
            if record.id is None:
                del row["id"]
                table.insert(row)
                new_id = table.last_pk
                if not isinstance(new_id, int):
                    raise RuntimeError(f"SQLite gave no integer id for the new check: {new_id!r}")
                record.id = new_id
            else:
                table.upsert(row, pk="id")
        return record.id

    def get(self, check_id: int) -> CheckRecord | None:
        """Return the check with id ``check_id``, or ``None`` if there is none."""
        rows = list(self._table.rows_where("id = ?", [check_id], limit=1))
        return CheckRecord.from_row(rows[0]) if rows else None

    def page(self, offset: int, limit: int) -> list[CheckRecord]:
        """Return up to ``limit`` checks, newest first, skipping the ``offset`` newest.

        Checks are ordered by the time they started, then by id (later ids first).

        Raises:
            ValueError: ``offset`` or ``limit`` is negative.
        """
        if offset < 0 or limit < 0:
            raise ValueError(f"offset and limit must not be negative (got {offset}, {limit})")
        rows = self._table.rows_where(order_by=_NEWEST_FIRST, limit=limit, offset=offset)
        return [CheckRecord.from_row(row) for row in rows]

    def newest_unfinished_call(self, started_before: datetime) -> CheckRecord | None:
        """The newest call check still in progress that began before ``started_before``.

        The one to offer to finish after a crash: a check the person began in this session
        (after ``started_before``, the start of the app) is not one of those.
        """
        calls = [
            record
            for record in self.unfinished()
            if record.kind == "call" and record.started_at < started_before
        ]
        return calls[-1] if calls else None

    def count(self) -> int:
        """Return how many checks the history holds."""
        return self._table.count

    def delete(self, check_id: int) -> None:
        """Delete the check ``check_id`` and its kept picture in one transaction (if any)."""
        with write_transaction(self._db):
            CheckPictureStore(self._db).delete(check_id)
            self._table.delete_where("id = ?", [check_id])

    def delete_all(self) -> None:
        """Delete every check in the history, and every picture kept with one."""
        with write_transaction(self._db):
            CheckPictureStore(self._db).delete_all()
            self._table.delete_where()

    def unfinished(self) -> list[CheckRecord]:
        """Return the checks still ``in_progress``, oldest first (for recovery after a crash)."""
        rows = self._table.rows_where(
            "status = ?", ["in_progress"], order_by="started_at ASC, id ASC"
        )
        return [CheckRecord.from_row(row) for row in rows]
