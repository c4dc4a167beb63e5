"""What the family's contact screens read: the contacts, the photos folder, the recent alerts.

Each job runs on the app's job runner (see :mod:`guardian.services.jobs`) and returns plain
data. Changes to the contacts are told to the family first: they are in
:mod:`guardian.services.family_changes`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from guardian.core.contacts import Contact
from guardian.services.jobs import Job
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxMessage, OutboxStore
from guardian.storage.paths import data_dir, make_private_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = [
    "PHOTOS_FOLDER",
    "OutboxMessage",
    "PhotoMaker",
    "add_photo",
    "photos_folder",
    "read_all",
    "recent_alerts",
]

PHOTOS_FOLDER = "photos"
"""The folder, inside the data folder, that holds the copies of the contacts' photos."""

PhotoMaker = Callable[[Path], bytes]
"""Makes a contact photo (a PNG) from the picture at a path.

Raises ValueError when the file is not a readable picture, OSError when the photo cannot be made.
"""


def read_all(db: Database) -> list[Contact]:
    """The family's contacts in order, each with its alert channels."""
    return ContactStore(db).list()


def photos_folder(data_folder: Path | None = None) -> Path:
    """The photos folder inside ``data_folder`` (the app's data folder when None), made private.

    Raises:
        OSError: the folder cannot be made.
    """
    folder = (data_folder or data_dir()) / PHOTOS_FOLDER
    make_private_dir(folder)
    return folder


def add_photo(source: Path, make: PhotoMaker, data_folder: Path | None = None) -> Job[Path]:
    """A job that keeps a photo made from the picture ``source`` in the photos folder.

    The photo is made by ``make`` on the job runner's thread, never the window's, and written
    under a new name; the original picture is left as it is.

    Args:
        source: the picture the family chose.
        make: makes the photo (scaled, cut square) from ``source``.
        data_folder: the app's data folder (:func:`~guardian.storage.paths.data_dir` when None).

    Returns:
        The job; it returns the path of the photo. It raises what ``make`` raises (nothing is
        written then), and OSError when the photo cannot be written.
    """

    def job(db: Database) -> Path:
        picture = make(source)
        target = photos_folder(data_folder) / f"{uuid.uuid4().hex}.png"
        target.write_bytes(picture)
        return target

    return job


def recent_alerts(limit: int) -> Job[list[OutboxMessage]]:
    """A job that reads up to ``limit`` alerts from the outbox, newest first."""

    def job(db: Database) -> list[OutboxMessage]:
        return OutboxStore(db).recent(limit)

    return job
