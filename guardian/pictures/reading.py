"""Open a picture, check it, and read its words with the offline text reader.

Example::

    reader = PictureReader()
    found = read_picture(Path("screenshot.png"), reader)
    print(found.text)
"""

from __future__ import annotations

import io
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guardian.core.reading_order import WordBox, box_from_corners, reading_text

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 40 * 1024 * 1024
"""The largest picture file read (a 12-megapixel photo is about 5 MB)."""
MAX_PIXELS = 120_000_000
"""The most pixels a picture may have (a 12-megapixel photo has 12 million)."""
LONG_SIDE_PX = 2400
"""A larger picture is shrunk to this on its long side first: a phone's words stay readable,
and reading a 12-megapixel photo takes a fraction of the time and memory."""

PROBLEMS = ("not_a_picture", "too_large", "no_text", "unreadable", "reader_missing")
"""Why a picture gave no words: the codes of :class:`PictureError`."""


class PictureError(Exception):
    """A picture that gave no words, and why (one of :data:`PROBLEMS`).

    Attributes:
        code: the reason, for the screen or the command to say in the person's language.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


@dataclass(frozen=True)
class PictureText:
    """The words read from a picture.

    Attributes:
        text: the words in reading order, one line a row.
        boxes: each run of words with its place on the picture (as read, before shrinking
            is undone: in pixels of the picture as given).
        width, height: the picture's size in pixels.
    """

    text: str
    boxes: tuple[WordBox, ...]
    width: int
    height: int


class PictureReader:
    """The offline text reader, loaded on first use and kept (loading takes a second or two).

    One is enough for the whole app. Reads from several threads take turns (the model reads one
    picture at a time); :meth:`read` loads the model the first time.
    """

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.RLock()

    @property
    def loaded(self) -> bool:
        """Whether the model has been loaded."""
        return self._engine is not None

    def load(self) -> None:
        """Load the model now (it is otherwise loaded by the first :meth:`read`).

        Raises:
            PictureError: ``reader_missing``, the reader is not installed.
        """
        self._load()

    def _load(self) -> Any:
        with self._lock:
            if self._engine is None:
                try:
                    from rapidocr import RapidOCR
                except ImportError as error:
                    raise PictureError("reader_missing", str(error)) from error
                self._engine = RapidOCR(params={"Global.log_level": "warning"})
            return self._engine

    def read(self, picture: Image) -> list[WordBox]:
        """The runs of words on ``picture`` (an RGB image), unordered."""
        import numpy as np

        with self._lock:
            output = self._load()(np.asarray(picture))
        if output.boxes is None or output.txts is None:
            return []
        return [
            box_from_corners(str(text), corners, float(score))
            for text, corners, score in zip(output.txts, output.boxes, output.scores, strict=True)
        ]


def open_picture(source: Path | bytes) -> Image:
    """Open ``source`` as an RGB picture, checked.

    Raises:
        PictureError: ``not_a_picture`` (not a picture file or a damaged one), ``too_large``
            (file or pixels), ``unreadable`` (the file cannot be read).
    """
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    if isinstance(source, Path):
        try:
            size = source.stat().st_size
            if size > MAX_FILE_BYTES:
                raise PictureError("too_large", f"{size} bytes")
            data = source.read_bytes()
        except OSError as error:
            raise PictureError("unreadable", str(error)) from error
    else:
        data = source
        if len(data) > MAX_FILE_BYTES:
            raise PictureError("too_large", f"{len(data)} bytes")
    PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        picture = PILImage.open(io.BytesIO(data))
        if picture.width * picture.height > MAX_PIXELS:
            raise PictureError("too_large", f"{picture.width}x{picture.height}")
        picture.load()
    except PictureError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
        raise PictureError("too_large", str(error)) from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise PictureError("not_a_picture", str(error)) from error
    return picture.convert("RGB")


def read_picture(source: Path | bytes, reader: PictureReader) -> PictureText:
    """Read the words of the picture in ``source``.

    Raises:
        PictureError: the picture cannot be used (see :func:`open_picture`), or ``no_text``:
            nothing readable is on it.
    """
    picture = open_picture(source)
    width, height = picture.size
    scale = 1.0
    if max(width, height) > LONG_SIDE_PX:
        scale = LONG_SIDE_PX / max(width, height)
        picture = picture.resize((max(1, round(width * scale)), max(1, round(height * scale))))
    boxes = [box.scaled(1 / scale) for box in reader.read(picture)]
    text = reading_text(boxes)
    if not text.strip():
        raise PictureError("no_text")
    return PictureText(text=text, boxes=tuple(boxes), width=width, height=height)
