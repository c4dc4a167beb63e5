"""The pictures kept with checks: the screenshot a message was read from, when the person keeps it.

A picture is written only when the person presses "把图片留下给家人看"; one row per check in
``check_pictures``, in one transaction. It goes when its check goes (the table's foreign key
deletes it, and :class:`~guardian.storage.checks.CheckStore` deletes it as well).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from guardian.core.picture_marks import KeptPicture, Rect
from guardian.core.reading_order import WordBox
from guardian.storage.database import write_transaction

FORMATS = frozenset({"png", "jpeg"})
"""The picture files kept."""
MAX_PICTURE_BYTES = 16 * 1024 * 1024
"""The largest picture kept (what is kept is shrunk first: a screenshot takes ~150 kB)."""


def _marks_json(picture: KeptPicture) -> str:
    return json.dumps(
        {
            "marked": [[list(point) for point in box.corners] for box in picture.marked],
            "area": list(picture.area) if picture.area is not None else None,
        }
    )


def _box(corners: Any) -> WordBox | None:
    try:
        points = tuple((float(x), float(y)) for x, y in corners)
    except (TypeError, ValueError):
        return None
    if len(points) != 4:
        return None
    return WordBox("", (points[0], points[1], points[2], points[3]))


def _area(value: Any) -> Rect | None:
    try:
        left, top, right, bottom = (float(number) for number in value)
    except (TypeError, ValueError):
        return None
    return (left, top, right, bottom) if right > left and bottom > top else None


class CheckPictureStore:
    """Keeps, reads and deletes the pictures of checks (the ``check_pictures`` table).

    Use it only on the thread that opened ``db`` (in the app: inside a disk worker's job).

    Args:
        db: a database opened by :func:`~guardian.storage.database.open_database`.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def keep(self, check_id: int, picture: KeptPicture, now: datetime) -> None:
        """Store ``picture`` with the check ``check_id`` in one transaction.

        A picture kept before with the same check is replaced.

        Raises:
            ValueError: the picture is not a PNG or JPEG file, is too large, or the check
                ``check_id`` is not in the history; nothing is written.
        """
        if picture.format not in FORMATS or not picture.image:
            raise ValueError(f"a kept picture must be a PNG or JPEG file, not {picture.format!r}")
        if len(picture.image) > MAX_PICTURE_BYTES:
            raise ValueError(f"the picture is too large to keep ({len(picture.image)} bytes)")
        with write_transaction(self._db):
            found = self._db.execute("SELECT 1 FROM checks WHERE id = ?", [check_id]).fetchone()
            if found is None:
                raise ValueError(f"there is no check {check_id} to keep the picture with")
            self._db.execute(
                "INSERT OR REPLACE INTO check_pictures "
                "(check_id, format, data, width, height, marks_json, kept_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    check_id,
                    picture.format,
                    picture.image,
                    picture.width,
                    picture.height,
                    _marks_json(picture),
                    now.isoformat(),
                ],
            )

    def get(self, check_id: int) -> KeptPicture | None:
        """The picture kept with the check ``check_id``, or None (none kept, or unusable)."""
        row = self._db.execute(
            "SELECT format, data, width, height, marks_json FROM check_pictures WHERE check_id = ?",
            [check_id],
        ).fetchone()
        if row is None:
            return None
        form, data, width, height, marks_json = row
        if form not in FORMATS or not isinstance(data, bytes) or not data:
            return None
        try:
            marks = json.loads(marks_json)
        except (TypeError, ValueError):
            marks = {}
        if not isinstance(marks, dict):
            marks = {}
        marked = marks.get("marked")
        boxes = [_box(corners) for corners in marked] if isinstance(marked, list) else []
        return KeptPicture(
            image=data,
            format=form,
            width=int(width),
            height=int(height),
            marked=tuple(box for box in boxes if box is not None),
            area=_area(marks.get("area")),
        )

    def kept(self, check_id: int) -> bool:
        """Whether a picture is kept with the check ``check_id``."""
        found = self._db.execute(
            "SELECT 1 FROM check_pictures WHERE check_id = ?", [check_id]
        ).fetchone()
        return found is not None

    def delete(self, check_id: int) -> None:
        """Delete the picture of the check ``check_id`` (nothing when there is none)."""
        self._db.execute("DELETE FROM check_pictures WHERE check_id = ?", [check_id])

    def delete_all(self) -> None:
        """Delete every picture kept."""
        self._db.execute("DELETE FROM check_pictures")
