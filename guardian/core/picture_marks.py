"""The marked words of a checked text, found again on the picture they were read from.

A message read from a screenshot is checked as typed text is: the check marks spans of the
text. To box those words on the picture, each marked span is traced back to the runs of words
the reader found (:class:`~guardian.core.reading_order.WordBox`). The person may have
corrected the words before the check, so the checked text is lined up with the words read
first; a span is boxed only when most of it is still the words read, so an edited text never
gets a box in the wrong place. Pure: text, spans and boxes in, boxes out.

Example::

    words = PictureWords(image=data, format="jpeg", width=720, height=1600,
                         text=read_text, boxes=read_boxes)
    kept = kept_picture(words, checked_text, spans)
    kept.marked  # the runs of words that hold a marked span
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from guardian.core.reading_order import MIN_SCORE, WordBox, rows

Rect = tuple[float, float, float, float]
"""left, top, right, bottom, in pixels of a picture."""

MIN_SAME_RUN = 2
"""The fewest characters in a row the checked text and the words read must share to be lined
up (one character alike, such as "的", is chance)."""
MOSTLY = 0.6
"""The share of a marked span's characters that must still be the words read for its box."""
FROM_PICTURE = 0.5
"""The share of the checked text that must still be the words read for the check to count as
made from the picture (below it the person wrote another text)."""
AREA_MARGIN = 0.03
"""The margin around the words of a picture, as a share of its longer side."""


@dataclass(frozen=True)
class ReadRun:
    """Where one run of words read stands in the text read.

    Attributes:
        start, end: its characters in the text (``text[start:end]`` is the run's words).
        box: the run as the reader found it.
    """

    start: int
    end: int
    box: WordBox


@dataclass(frozen=True)
class PictureWords:
    """A picture as it is kept in memory after its words were read (never on the disk).

    Attributes:
        image: the picture as a PNG or JPEG file (shrunk for showing and keeping).
        format: ``"png"`` or ``"jpeg"``.
        width, height: the size of ``image`` in pixels.
        text: the words read, in reading order (what went into the text box).
        boxes: every run of words read, in pixels of ``image``.
    """

    image: bytes
    format: str
    width: int
    height: int
    text: str
    boxes: tuple[WordBox, ...]


@dataclass(frozen=True)
class KeptPicture:
    """A checked picture with the runs of words that hold the marks: shown, and kept if asked.

    Attributes:
        image: the picture as a PNG or JPEG file.
        format: ``"png"`` or ``"jpeg"``.
        width, height: its size in pixels.
        marked: the runs of words to box, in pixels of the picture (none: nothing maps).
        area: the part of the picture that holds its words (what is shown), in pixels.
    """

    image: bytes
    format: str
    width: int
    height: int
    marked: tuple[WordBox, ...] = ()
    area: Rect | None = None

    @property
    def shown_area(self) -> Rect:
        """The part of the picture to show: its words' area, else the whole picture."""
        return self.area if self.area is not None else (0.0, 0.0, self.width, self.height)


def read_runs(boxes: Iterable[WordBox], min_score: float = MIN_SCORE) -> tuple[str, list[ReadRun]]:
    """The text read from ``boxes``, and where each run of words stands in it.

    The text is the one :func:`~guardian.core.reading_order.reading_text` gives.
    """
    parts: list[str] = []
    runs: list[ReadRun] = []
    position = 0
    for number, row in enumerate(rows(boxes, min_score)):
        if number:
            parts.append("\n")
            position += 1
        for index, box in enumerate(row):
            if index:
                parts.append(" ")
                position += 1
            words = box.text.strip()
            runs.append(ReadRun(position, position + len(words), box))
            parts.append(words)
            position += len(words)
    return "".join(parts), runs


def lined_up(read_text: str, checked_text: str) -> dict[int, int]:
    """Each character of ``checked_text`` still as read, with its place in ``read_text``.

    Only runs of :data:`MIN_SAME_RUN` characters or more alike count.
    """
    if checked_text == read_text:
        return {index: index for index in range(len(checked_text))}
    matcher = SequenceMatcher(None, read_text, checked_text, autojunk=False)
    places: dict[int, int] = {}
    for read_at, checked_at, size in matcher.get_matching_blocks():
        if size >= MIN_SAME_RUN:
            for offset in range(size):
                places[checked_at + offset] = read_at + offset
    return places


def from_picture(read_text: str, checked_text: str) -> bool:
    """Whether ``checked_text`` is still mostly the words read (corrected here and there)."""
    letters = [index for index, ch in enumerate(checked_text) if not ch.isspace()]
    if not letters:
        return False
    places = lined_up(read_text, checked_text)
    kept = sum(1 for index in letters if index in places)
    return kept >= FROM_PICTURE * len(letters)


def marked_runs(
    boxes: Iterable[WordBox], checked_text: str, spans: Sequence[tuple[int, int]]
) -> list[WordBox]:
    """The runs of words read that hold a marked span of ``checked_text``, in reading order.

    A span is traced back when at least :data:`MOSTLY` of its characters (spaces aside) are
    still the words read; a span the person rewrote gives no box. A span over several runs
    boxes each of them.
    """
    read_text, runs = read_runs(boxes)
    if not runs:
        return []
    places = lined_up(read_text, checked_text)
    starts = [run.start for run in runs]
    hit: set[int] = set()
    for start, end in spans:
        letters = [
            index
            for index in range(max(0, start), min(end, len(checked_text)))
            if not checked_text[index].isspace()
        ]
        found = [places[index] for index in letters if index in places]
        if not letters or len(found) < MOSTLY * len(letters):
            continue
        for place in found:
            number = bisect.bisect_right(starts, place) - 1
            if number >= 0 and runs[number].start <= place < runs[number].end:
                hit.add(number)
    return [run.box for number, run in enumerate(runs) if number in hit]


def words_area(
    boxes: Iterable[WordBox], width: int, height: int, min_score: float = MIN_SCORE
) -> Rect | None:
    """The part of a ``width`` x ``height`` picture that holds its words, with a margin.

    None when no words were read (the whole picture is shown then).
    """
    kept = [box for box in boxes if box.score >= min_score and box.text.strip()]
    if not kept:
        return None
    margin = AREA_MARGIN * max(width, height)
    return (
        max(0.0, min(box.left for box in kept) - margin),
        max(0.0, min(box.top for box in kept) - margin),
        min(float(width), max(box.right for box in kept) + margin),
        min(float(height), max(box.bottom for box in kept) + margin),
    )


def kept_picture(
    words: PictureWords, checked_text: str, spans: Sequence[tuple[int, int]]
) -> KeptPicture:
    """The picture of ``words`` with the runs that hold the marks of ``checked_text`` boxed."""
    return KeptPicture(
        image=words.image,
        format=words.format,
        width=words.width,
        height=words.height,
        marked=tuple(marked_runs(words.boxes, checked_text, spans)),
        area=words_area(words.boxes, words.width, words.height),
    )
