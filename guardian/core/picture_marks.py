"""The marked words of a checked text, found again on the picture they were read from.

A message read from a screenshot is checked as typed text is: the check marks spans of the
text. To box those words on the picture, each marked span is traced back to the runs of words
the reader found (:class:`~guardian.core.reading_order.WordBox`). The person may have
corrected the words before the check, so the checked text is lined up with the words read
first; a span is boxed only when most of it is still the words read, so an edited text never
gets a box in the wrong place. Only the marked part of a run is boxed: a run's box is split by
its characters, a Chinese character counted about twice as wide as a Latin letter or a digit
(:func:`part_of`). Pure: text, spans and boxes in, boxes out.

Example::

    words = PictureWords(image=data, format="jpeg", width=720, height=1600,
                         text=read_text, boxes=read_boxes)
    kept = kept_picture(words, checked_text, spans)
    kept.marked  # the marked parts of the runs of words read
"""

from __future__ import annotations

import bisect
import unicodedata
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
        marked: the marked parts of the runs of words, to box, in pixels of the picture
            (none: nothing maps).
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


def _traced(
    places: dict[int, int], checked_text: str, spans: Sequence[tuple[int, int]]
) -> list[int]:
    """The places in the text read of the marked characters of ``checked_text``.

    A span counts when at least :data:`MOSTLY` of its characters (spaces aside) are still the
    words read; a span the person rewrote gives none.
    """
    traced: list[int] = []
    for start, end in spans:
        letters = [
            index
            for index in range(max(0, start), min(end, len(checked_text)))
            if not checked_text[index].isspace()
        ]
        found = [places[index] for index in letters if index in places]
        if letters and len(found) >= MOSTLY * len(letters):
            traced += found
    return traced


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
    for place in _traced(places, checked_text, spans):
        number = bisect.bisect_right(starts, place) - 1
        if number >= 0 and runs[number].start <= place < runs[number].end:
            hit.add(number)
    return [run.box for number, run in enumerate(runs) if number in hit]


def char_width(ch: str) -> int:
    """How wide ``ch`` stands in a run of words, in halves of a Chinese character.

    A Chinese (wide) character counts 2; a Latin letter, digit, space or mark 1, and so does a
    Chinese mark such as "，" or "【" (its ink fills only half of its place, and a reader's box
    ends at the ink).
    """
    if unicodedata.east_asian_width(ch) not in ("W", "F"):
        return 1
    return 1 if unicodedata.category(ch).startswith("P") else 2


def part_of(box: WordBox, start: int, end: int) -> WordBox:
    """The part of ``box`` that holds its characters ``start`` to ``end`` (of its stripped words).

    The box is split along its top and bottom edges in proportion to the characters' widths
    (:func:`char_width`), so a slanted box gives a slanted part.
    """
    words = box.text.strip()
    widths = [char_width(ch) for ch in words]
    total = sum(widths)
    start, end = max(0, start), min(len(words), end)
    if total == 0 or start >= end:
        return box
    before = sum(widths[:start]) / total
    upto = sum(widths[:end]) / total
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = box.corners

    def along(a: tuple[float, float], b: tuple[float, float], share: float) -> tuple[float, float]:
        return (a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share)

    top_left, bottom_left = (x0, y0), (x3, y3)
    top_right, bottom_right = (x1, y1), (x2, y2)
    return WordBox(
        words[start:end],
        (
            along(top_left, top_right, before),
            along(top_left, top_right, upto),
            along(bottom_left, bottom_right, upto),
            along(bottom_left, bottom_right, before),
        ),
        box.score,
    )


def _stretches(places: Iterable[int], words: str) -> list[tuple[int, int]]:
    """The marked ``places`` of ``words`` as (start, end) stretches; spaces join two stretches."""
    stretches: list[list[int]] = []
    for place in sorted(set(places)):
        gap = words[stretches[-1][1] : place] if stretches else "x"
        if not gap or gap.isspace():  # right after the last stretch, or a space between
            stretches[-1][1] = place + 1
        else:
            stretches.append([place, place + 1])
    return [(start, end) for start, end in stretches]


def marked_parts(
    boxes: Iterable[WordBox], checked_text: str, spans: Sequence[tuple[int, int]]
) -> list[WordBox]:
    """The marked parts of the runs of words read, each its own box, in reading order.

    As :func:`marked_runs`, but only the characters of a run that are marked are boxed: one
    box for each stretch of marked characters in a run (the words of a part are its text).
    """
    read_text, runs = read_runs(boxes)
    if not runs:
        return []
    places = lined_up(read_text, checked_text)
    starts = [run.start for run in runs]
    hit: dict[int, set[int]] = {}
    for place in _traced(places, checked_text, spans):
        number = bisect.bisect_right(starts, place) - 1
        if number >= 0 and runs[number].start <= place < runs[number].end:
            hit.setdefault(number, set()).add(place - runs[number].start)
    parts: list[WordBox] = []
    for number, run in enumerate(runs):
        if number in hit:
            words = run.box.text.strip()
            parts += [part_of(run.box, start, end) for start, end in _stretches(hit[number], words)]
    return parts


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
    """The picture of ``words`` with the marked parts of ``checked_text`` boxed."""
    return KeptPicture(
        image=words.image,
        format=words.format,
        width=words.width,
        height=words.height,
        marked=tuple(marked_parts(words.boxes, checked_text, spans)),
        area=words_area(words.boxes, words.width, words.height),
    )
