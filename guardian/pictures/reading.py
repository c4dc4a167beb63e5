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
LONG_SIDE_PX = 2000
"""A larger picture is shrunk to this on its long side first: a phone's words stay readable,
and reading a 12-megapixel photo takes a fraction of the time and memory. (The reader would
shrink it to this itself, a second time, after a copy; see :data:`ENGINE_LONG_SIDE`.)"""

DETECT_LONG_SIDE = 1280
"""The text finder looks at the picture shrunk to this on its long side. A phone's words are large:
at this size they are still found (the reading itself uses the sharper picture), in a quarter
of the time it takes at the reader's own size (the picture's short side at 736 px or more)."""
DETECT_SHORT_SIDE = 512
"""...but never with the short side under this: a small picture, or a very long and narrow one,
is looked at this wide at least, so its words do not become too small to find."""
ENGINE_LONG_SIDE = LONG_SIDE_PX
"""The reader itself shrinks a picture to this on its long side before anything else."""

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
                engine = RapidOCR(
                    params={
                        "Global.log_level": "warning",
                        # Only turns lines that are upside down; a slanted photo is turned
                        # back by the reading order instead.
                        "Global.use_cls": False,
                        "Global.max_side_len": ENGINE_LONG_SIDE,
                        # One line at a time: in a group, every line is padded to the longest.
                        "Rec.rec_batch_num": 1,
                    }
                )
                _calm_sessions(engine)
                self._engine = engine
            return self._engine

    def read(self, picture: Image) -> list[WordBox]:
        """The runs of words on ``picture`` (an RGB image), unordered."""
        import numpy as np

        with self._lock:
            engine = self._load()
            limit_type, side = detection_limit(picture.width, picture.height)
            finder = getattr(engine, "text_det", None)
            if finder is not None:
                finder.limit_type, finder.limit_side_len = limit_type, side
            output = engine(np.asarray(picture))
        if output.boxes is None or output.txts is None:
            return []
        return [
            box_from_corners(str(text), corners, float(score))
            for text, corners, score in zip(output.txts, output.boxes, output.scores, strict=True)
        ]


def detection_limit(width: int, height: int) -> tuple[str, int]:
    """How the text finder scales a picture of ``width`` x ``height`` pixels.

    Returns the reader's pair (limit type, side): ``("max", n)`` shrinks the long side to ``n``
    (when longer), ``("min", n)`` enlarges the short side to ``n`` (when shorter). A picture is
    looked at :data:`DETECT_LONG_SIDE` px long, unless that would leave its short side under
    :data:`DETECT_SHORT_SIDE` px.
    """
    long_side, short_side = float(max(width, height)), float(min(width, height))
    if long_side > ENGINE_LONG_SIDE:
        short_side = short_side * ENGINE_LONG_SIDE / long_side
        long_side = ENGINE_LONG_SIDE
    if short_side * min(1.0, DETECT_LONG_SIDE / long_side) >= DETECT_SHORT_SIDE:
        return ("max", DETECT_LONG_SIDE)
    if short_side > DETECT_SHORT_SIDE:  # shrunk only until the short side is that wide
        return ("max", round(long_side * DETECT_SHORT_SIDE / short_side))
    return ("min", DETECT_SHORT_SIDE)


def _calm_sessions(engine: Any) -> None:
    """Make the models' threads wait without spinning.

    ONNX Runtime's threads otherwise keep a core busy between steps, which on a computer with
    other work to do costs a quarter more processor time and slows everything. The sessions are
    opened again from the same model files with spinning turned off; if the reader's inside
    has changed, its own sessions are kept (slower, not broken).
    """
    import onnxruntime as ort  # type: ignore[import-untyped]

    for load in (engine._load_det_model, engine._load_rec_model):
        try:
            holder = load().session
            model_path = holder.session._model_path
            providers = holder.session.get_providers()
        except AttributeError as error:
            log.warning("text reader sessions kept as they are: %s", error)
            return
        if not isinstance(model_path, str):
            log.warning("text reader session kept as it is: no model file")
            continue
        options = ort.SessionOptions()
        options.log_severity_level = 4
        options.enable_cpu_mem_arena = False
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        holder.session = ort.InferenceSession(model_path, options, providers=providers)


def read_picture_file(path: Path) -> bytes:
    """The bytes of the picture file at ``path``.

    Raises:
        PictureError: ``too_large`` (over :data:`MAX_FILE_BYTES`), ``unreadable`` (the file
            cannot be read).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PictureError("too_large", f"{size} bytes")
        return path.read_bytes()
    except OSError as error:
        raise PictureError("unreadable", str(error)) from error


def shrunk(picture: Image, long_side: int) -> tuple[Image, float]:
    """``picture`` shrunk to ``long_side`` pixels on its longer side if larger, and the scale."""
    width, height = picture.size
    if max(width, height) <= long_side:
        return picture, 1.0
    scale = long_side / max(width, height)
    return picture.resize((max(1, round(width * scale)), max(1, round(height * scale)))), scale


def open_picture(source: Path | bytes) -> Image:
    """Open ``source`` as an RGB picture, checked.

    Raises:
        PictureError: ``not_a_picture`` (not a picture file or a damaged one), ``too_large``
            (file or pixels), ``unreadable`` (the file cannot be read).
    """
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    if isinstance(source, Path):
        data = read_picture_file(source)
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
    picture, scale = shrunk(picture, LONG_SIDE_PX)
    boxes = [box.scaled(1 / scale) for box in reader.read(picture)]
    text = reading_text(boxes)
    if not text.strip():
        raise PictureError("no_text")
    return PictureText(text=text, boxes=tuple(boxes), width=width, height=height)
