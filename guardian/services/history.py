"""The history of checks as the screens use it: save a check, read pages, delete, export, import.

Each function here returns a job for the app's job runner (see :mod:`guardian.services.jobs`)
or is one; every job runs on the disk worker's thread, given its open database, and returns
plain data.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from sqlite_utils import Database

from guardian.core.history_chart import WeekBucket
from guardian.core.picture_marks import KeptPicture
from guardian.core.records import CheckRecord
from guardian.services.jobs import Job
from guardian.storage.check_pictures import CheckPictureStore
from guardian.storage.checks import CheckStore
from guardian.storage.history_io import (
    HistoryImportError,
    ImportResult,
    OversizedField,
    export_csv,
    export_json,
    import_json,
)
from guardian.storage.history_stats import PAGE_SIZE
from guardian.storage.history_stats import first_page as _first_page

__all__ = [
    "PAGE_SIZE",
    "HistoryImportError",
    "HistoryNumber",
    "ImportResult",
    "OversizedField",
    "delete",
    "delete_all",
    "export_to",
    "first_page",
    "import_from",
    "keep_picture",
    "known_number",
    "page",
    "picture",
    "save",
    "save_numbered",
]

FirstPage = tuple[int, list[CheckRecord], list[WeekBucket]]
"""What the history shows as it opens: how many checks, the newest page, the weekly chart."""


class HistoryNumber(Protocol):
    """Where a check being made keeps its history number between its saves.

    Only the disk worker's thread sets it (in the job of :func:`save_numbered`), so a save
    queued after another one always finds the number the first one was given.

    Attributes:
        id: the history number, None until the check is first saved.
    """

    id: int | None


def first_page(today: date) -> Job[FirstPage]:
    """The job that reads the number of checks, the newest :data:`PAGE_SIZE`, and the chart.

    Args:
        today: the local date the weekly chart is drawn for.
    """

    def job(db: Database) -> FirstPage:
        return _first_page(db, today)

    return job


def page(offset: int, limit: int = PAGE_SIZE) -> Job[list[CheckRecord]]:
    """The job that reads up to ``limit`` checks, newest first, after the ``offset`` newest.

    Raises:
        ValueError: ``offset`` or ``limit`` is negative (when the job runs).
    """

    def job(db: Database) -> list[CheckRecord]:
        return CheckStore(db).page(offset, limit)

    return job


def delete(check_id: int) -> Job[None]:
    """The job that deletes the check with id ``check_id`` and its kept picture (if any)."""

    def job(db: Database) -> None:
        CheckStore(db).delete(check_id)

    return job


def delete_all(db: Database) -> None:
    """Delete every check in the history, and every picture kept with one (a job)."""
    CheckStore(db).delete_all()


def save(record: CheckRecord) -> Job[int]:
    """The job that stores ``record`` as it is (under its own id, if it has one).

    The job returns the check's history number; it raises ``ValueError`` when the record does
    not pass validation, and then nothing is written.
    """

    def job(db: Database) -> int:
        return CheckStore(db).save(record)

    return job


def save_numbered(snapshot: CheckRecord, number: HistoryNumber) -> Job[int]:
    """The job that stores ``snapshot`` under the history number kept in ``number``.

    A check is saved many times while it is made (each answer, each action), always as the same
    entry of the history: the job takes the number the last save gave (none the first time),
    and keeps the number this save gives in ``number`` for the next one.

    Args:
        snapshot: a copy of the check as it stands (the job sets its id).
        number: where the check's history number is kept.
    """

    def job(db: Database) -> int:
        snapshot.id = number.id
        number.id = CheckStore(db).save(snapshot)
        return number.id

    return job


def known_number(number: HistoryNumber) -> Job[int | None]:
    """The job that gives the history number kept in ``number`` once the saves before it ran."""

    def job(db: Database) -> int | None:
        return number.id

    return job


def keep_picture(number: HistoryNumber, kept: KeptPicture, now: datetime) -> Job[int]:
    """The job that keeps the picture ``kept`` with the check whose number is in ``number``.

    Queued after the check's own save, it finds the number that save gave. The job returns the
    check's number; it raises ``ValueError`` when the check is not in the history (its save
    failed, or it was deleted), and then nothing is written.

    Args:
        number: where the check's history number is kept.
        kept: the picture, with its boxes.
        now: when it is kept.
    """

    def job(db: Database) -> int:
        check_id = number.id
        if check_id is None:
            raise ValueError("the check is not in the history yet, so its picture cannot be kept")
        CheckPictureStore(db).keep(check_id, kept, now)
        return check_id

    return job


def picture(check_id: int) -> Job[KeptPicture | None]:
    """The job that reads the picture kept with the check ``check_id`` (None: none kept)."""

    def job(db: Database) -> KeptPicture | None:
        return CheckPictureStore(db).get(check_id)

    return job


def export_to(kind: str, path: Path) -> Job[int]:
    """The job that writes every check to ``path``; it returns how many were written.

    Args:
        kind: ``"csv"`` (for reading, see :func:`~guardian.storage.history_io.export_csv`)
            or anything else for JSON (to move or keep the history, see
            :func:`~guardian.storage.history_io.export_json`).
        path: the file to write (replaced whole, or left as it was if writing fails).
    """
    writer = export_csv if kind == "csv" else export_json

    def job(db: Database) -> int:
        return writer(db, path)

    return job


def import_from(path: Path) -> Job[ImportResult]:
    """The job that adds the checks of the JSON export at ``path`` (all or nothing).

    The job raises :class:`HistoryImportError` when the file cannot be imported; then nothing
    was written.
    """

    def job(db: Database) -> ImportResult:
        return import_json(db, path)

    return job
