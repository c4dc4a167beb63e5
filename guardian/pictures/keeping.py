"""A picture whose words were read, made ready to show and, if the person asks, to keep.

The picture as given may be a 12-megapixel photo of many megabytes; what is shown and kept is
a JPEG no longer than :data:`KEEP_LONG_SIDE` pixels, with the boxes of the words read moved to
its size. Nothing here writes a file: the picture stays in memory until it is kept.

Example::

    found = read_picture(data, reader)
    words = picture_words(data, found)
"""

from __future__ import annotations

import io

from guardian.core.picture_marks import PictureWords
from guardian.pictures.reading import PictureText, open_picture, shrunk

KEEP_LONG_SIDE = 1600
"""The longest side of the picture shown and kept, in pixels: a phone's words stay sharp."""
JPEG_QUALITY = 85
"""The JPEG quality of the picture kept (the words stay clean; a screenshot takes ~150 kB)."""


def picture_words(data: bytes, found: PictureText) -> PictureWords:
    """The picture in ``data`` (whose words are ``found``) as a JPEG to show and keep.

    Raises:
        PictureError: the picture cannot be opened (see
            :func:`~guardian.pictures.reading.open_picture`).
    """
    picture, scale = shrunk(open_picture(data), KEEP_LONG_SIDE)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=JPEG_QUALITY)
    # The boxes are in pixels of the picture as given (found.width x found.height).
    factor = picture.width / found.width if found.width else scale
    return PictureWords(
        image=out.getvalue(),
        format="jpeg",
        width=picture.width,
        height=picture.height,
        text=found.text,
        boxes=tuple(box.scaled(factor) for box in found.boxes),
    )
