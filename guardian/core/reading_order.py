"""The words read from a picture, put back in reading order.

A text reader finds boxes of words anywhere on the picture, in no promised order. A phone's
screen is read top to bottom, and a row left to right. A photo of the screen is often turned a
little: the boxes are first turned back by the slant of their long edges, then taken in rows.
Pure: boxes in, text out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MIN_SCORE = 0.5
"""Below this confidence a box is left out: it is a picture's edge or an icon, not words."""

Point = tuple[float, float]


@dataclass(frozen=True)
class WordBox:
    """A run of words the reader found, with where it stands on the picture.

    Attributes:
        text: the words.
        corners: the four corners around them, clockwise from the top left, in pixels of the
            picture (slanted in a photo).
        score: the reader's confidence, 0 to 1.
    """

    text: str
    corners: tuple[Point, Point, Point, Point]
    score: float = 1.0

    @property
    def left(self) -> float:
        """The leftmost edge."""
        return min(x for x, _ in self.corners)

    @property
    def right(self) -> float:
        """The rightmost edge."""
        return max(x for x, _ in self.corners)

    @property
    def top(self) -> float:
        """The top edge."""
        return min(y for _, y in self.corners)

    @property
    def bottom(self) -> float:
        """The bottom edge."""
        return max(y for _, y in self.corners)

    @property
    def height(self) -> float:
        """The height of the words (the length of the left edge)."""
        return math.dist(self.corners[0], self.corners[3])

    @property
    def slant(self) -> float | None:
        """The angle of the top edge, for a box at least three times as long as it is high."""
        (x0, y0), (x1, y1) = self.corners[0], self.corners[1]
        if math.dist((x0, y0), (x1, y1)) <= 3 * self.height:
            return None
        return math.atan2(y1 - y0, x1 - x0)

    def scaled(self, factor: float) -> WordBox:
        """The same box in a picture ``factor`` times as large."""
        corners = tuple((x * factor, y * factor) for x, y in self.corners)
        return WordBox(self.text, corners, self.score)  # type: ignore[arg-type]


def box_from_corners(text: str, corners: Sequence[Sequence[float]], score: float) -> WordBox:
    """A :class:`WordBox` from the four corners the reader gives."""
    points = tuple((float(point[0]), float(point[1])) for point in corners[:4])
    return WordBox(text, points, score)  # type: ignore[arg-type]


def rectangle(text: str, left: float, top: float, right: float, bottom: float) -> WordBox:
    """A :class:`WordBox` with straight edges."""
    return WordBox(text, ((left, top), (right, top), (right, bottom), (left, bottom)))


def rows(boxes: Iterable[WordBox], min_score: float = MIN_SCORE) -> list[list[WordBox]]:
    """The boxes worth reading, in rows from the top, each row from the left.

    The centres are turned back by the median slant of the long boxes; a box joins the row
    before it when its centre lies within half a line's height of that row's first box.
    """
    kept = [box for box in boxes if box.score >= min_score and box.text.strip()]
    if not kept:
        return []
    slants = [slant for slant in (box.slant for box in kept) if slant is not None]
    angle = median(slants) if slants else 0.0
    cos, sin = math.cos(angle), math.sin(angle)
    placed = []
    for box in kept:
        cx = sum(x for x, _ in box.corners) / 4
        cy = sum(y for _, y in box.corners) / 4
        placed.append((-sin * cx + cos * cy, cos * cx + sin * cy, box))
    placed.sort(key=lambda item: item[0])
    found: list[list[tuple[float, WordBox]]] = []
    row_y = row_height = 0.0
    for y, x, box in placed:
        if found and abs(y - row_y) < 0.5 * min(box.height, row_height):
            found[-1].append((x, box))
        else:
            found.append([(x, box)])
            row_y, row_height = y, box.height
    return [[box for _, box in sorted(row, key=lambda item: item[0])] for row in found]


def reading_text(boxes: Iterable[WordBox], min_score: float = MIN_SCORE) -> str:
    """The words of the boxes in reading order: a line a row, a row's boxes joined by a space."""
    return "\n".join(" ".join(box.text.strip() for box in row) for row in rows(boxes, min_score))


def median(values: Sequence[float]) -> float:
    """The middle of ``values`` (the mean of the two middle ones for an even count).

    Written here rather than imported from ``statistics``, which brings ``fractions`` and
    ``decimal`` with it: this module is loaded before the window first paints.
    """
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
