"""Work done a piece at a time, one piece in each turn of the event loop.

Between two pieces the window paints, answers a key and keeps its timers, so long work done
ahead (building, drawing a screen out of sight) never makes one long wait.

A turn is a timer's, never a call posted with ``QTimer.singleShot(0, ...)``: Qt runs posted
calls before the timers that fell due meanwhile, so for a timer a chain of posted calls is one
long wait however small its pieces. The next piece waits for a timer of ``TURN_MS``; whatever
fell due while a piece ran comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

TURN_MS = 1
"""The wait before the next piece of work: the shortest a timer can have."""


def next_turn(owner: QObject, action: Callable[[], object], after_ms: int = TURN_MS) -> None:
    """Run ``action`` in a later turn of the event loop, after what is due by then.

    Args:
        owner: ``action`` is dropped if it is deleted first.
        action: the work.
        after_ms: the least wait (at least ``TURN_MS``).
    """
    QTimer.singleShot(max(TURN_MS, after_ms), owner, action)


def one_a_turn(
    owner: QObject,
    pieces: Iterable[Callable[[], object]],
    *,
    going_on: Callable[[], bool] = lambda: True,
    first_after_ms: int = 0,
    stopped: Callable[[], object] | None = None,
) -> None:
    """Run ``pieces`` in order, each in a turn of the event loop of its own.

    Args:
        owner: the pieces stop with it (Qt drops the timers of a deleted object).
        pieces: the work, in order.
        going_on: asked before each piece; once it answers False the rest is dropped.
        first_after_ms: when the first piece runs (0: in the next turn).
        stopped: called once if the rest is dropped by ``going_on``.
    """
    left = list(pieces)

    def next_piece() -> None:
        if not left:
            return
        if not going_on():
            left.clear()
            if stopped is not None:
                stopped()
            return
        left.pop(0)()
        if left:
            next_turn(owner, next_piece)

    next_turn(owner, next_piece, first_after_ms)
