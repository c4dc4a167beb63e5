"""Contact photos: a copy, cut square and scaled to 256 px, kept in the data folder's photos/."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage

from guardian.storage.paths import make_private_dir

PHOTO_PX = 256
PHOTOS_FOLDER = "photos"
IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.webp"


def copy_photo(source: Path, data_folder: Path, size: int = PHOTO_PX) -> Path:
    """Copy the picture at ``source`` into ``data_folder/photos``, square and ``size`` px wide.

    Uses :class:`QImage` only, so it may run on the disk worker's thread.

    Returns:
        The path of the copy.

    Raises:
        ValueError: the file is not a picture Qt can read.
        OSError: the copy cannot be written.
    """
    image = QImage(str(source))
    if image.isNull():
        raise ValueError(f"not a readable picture: {source.name}")
    scaled = image.scaled(
        size,
        size,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    left = (scaled.width() - size) // 2
    top = (scaled.height() - size) // 2
    square = scaled.copy(QRect(left, top, size, size))
    folder = data_folder / PHOTOS_FOLDER
    make_private_dir(folder)
    target = folder / f"{uuid.uuid4().hex}.png"
    if not square.save(str(target)):
        raise OSError(f"the picture could not be written to {target}")
    return target
