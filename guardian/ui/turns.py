"""Work done a piece at a time, one piece in each turn of the event loop.

Between two pieces the window paints, answers a key and keeps its timers, so long work done
ahead (building, drawing a screen out of sight) never makes one long wait.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer


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
            QTimer.singleShot(0, owner, next_piece)

    QTimer.singleShot(first_after_ms, owner, next_piece)
