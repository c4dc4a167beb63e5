"""Spans: (start, end) positions in a text, and how to carry them back to the original.

The checker works on a normalised copy of the text (:mod:`guardian.core.text_normalise`); a
span found there is carried back through the ``origin`` map so it marks what the person typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Span = tuple[int, int]
"""A (start, end) position in a text, end exclusive."""


def overlaps(one: Span, other: Span) -> bool:
    """Whether the two spans share at least one character."""
    return one[0] < other[1] and other[0] < one[1]


def inside(span: Span, covers: Sequence[Span]) -> bool:
    """Whether ``span`` lies wholly within one of ``covers``."""
    return any(start <= span[0] and span[1] <= end for start, end in covers)


def to_original(span: Span, origin: list[int]) -> Span:
    """Carry a span of the normal text back to the original, through ``origin``."""
    start, end = span
    return origin[start], origin[end - 1] + 1


def merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Return ``spans`` in order, overlapping or touching ones joined into one."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
