"""Contact photos: a copy, cut square and scaled to 256 px, kept in the data folder's photos/.

Where the copies go and what they are called is up to
:func:`guardian.services.contacts.add_photo`; here the picture is made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QImage, QImageWriter

PHOTO_PX = 256
IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.webp"


def photo_png(source: Path, size: int = PHOTO_PX) -> bytes:
    """The picture at ``source`` as a PNG, cut square and ``size`` px wide.

    Uses :class:`QImage` only, so it may run on the job runner's thread.

    Raises:
        ValueError: the file is not a picture Qt can read.
        OSError: the PNG cannot be made.
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
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"PNG")).write(square):
        raise OSError(f"the picture could not be made: {source.name}")
    return bytes(buffer.data().data())
