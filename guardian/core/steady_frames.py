"""When a phone held up to the camera has been still long enough to take its picture.

The camera screen shrinks each frame to a small grey thumbnail (a few hundred values, 0-255)
and hands it here with the time it came. While the hand moves, one thumbnail differs from the
next; once the picture has changed little for about a second, and it is not blank (a covered
lens, a dark room), it is the moment to take it. Pure: numbers in, a yes or no out.

Example::

    watch = SteadyWatch()
    for thumbnail, seconds in frames:
        if watch.add(thumbnail, seconds):
            take_picture()
            break
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

STEADY_SECONDS = 1.0
"""How long the picture must stay still before it is taken."""
MOVE_THRESHOLD = 6.0
"""The mean change of a thumbnail's values (0-255) from one frame to the next above which the
picture is moving. A still phone in a real camera changes by 1 to 3 (noise, flicker); a hand
that moves by a few pixels changes it by 10 or more."""
BLANK_SPREAD = 12.0
"""The spread (standard deviation) of a thumbnail's values under which it shows nothing to
read: one flat colour, as when the lens is covered."""


def mean_difference(first: Sequence[int], second: Sequence[int]) -> float:
    """The mean absolute difference of two thumbnails of the same size (0-255).

    Raises:
        ValueError: the thumbnails differ in size, or are empty.
    """
    if len(first) != len(second) or not first:
        raise ValueError("thumbnails to compare must have the same, non-zero size")
    return sum(abs(a - b) for a, b in zip(first, second, strict=True)) / len(first)


def spread(values: Sequence[int]) -> float:
    """The standard deviation of a thumbnail's values (0 for one flat colour)."""
    if not values:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


@dataclass
class SteadyWatch:
    """Watches the thumbnails of the frames as they come, and says when to take the picture.

    Args:
        seconds: how long the picture must stay still.
        threshold: the mean change from one frame to the next that counts as moving.
        blank_spread: a thumbnail with a smaller spread shows nothing and is never taken.

    Attributes:
        still_since: the time the picture last began to be still (None: moving, or no frame).
        fired: whether :meth:`add` has said "take it" (it says so once, until :meth:`reset`).
    """

    seconds: float = STEADY_SECONDS
    threshold: float = MOVE_THRESHOLD
    blank_spread: float = BLANK_SPREAD
    still_since: float | None = None
    fired: bool = False
    _last: tuple[int, ...] | None = None

    def add(self, thumbnail: Sequence[int], seconds: float) -> bool:
        """Take the thumbnail of the frame that came at ``seconds``; True once it is time.

        A thumbnail of another size than the last one starts the watch again (the camera
        changed its picture size). True is returned once: the frames after it give False.
        """
        values = tuple(thumbnail)
        last = self._last
        self._last = values
        if last is None or len(last) != len(values) or not values:
            self.still_since = None
            return False
        if spread(values) < self.blank_spread or mean_difference(last, values) > self.threshold:
            self.still_since = None
            return False
        if self.still_since is None:
            self.still_since = seconds
            return False
        if self.fired or seconds - self.still_since < self.seconds:
            return False
        self.fired = True
        return True

    def steady_for(self, seconds: float) -> float:
        """How long the picture has been still at ``seconds`` (0 while it moves)."""
        return 0.0 if self.still_since is None else max(0.0, seconds - self.still_since)

    def reset(self) -> None:
        """Start again: the next still second is taken too."""
        self.still_since = None
        self.fired = False
        self._last = None
