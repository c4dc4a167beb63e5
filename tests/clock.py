"""A clock for tests: it gives whatever moment the test set, until the test moves it."""

from __future__ import annotations

from typing import Any

#: A wall-clock moment in seconds (what ``time.time`` gives) that tests start from.
WALL_START = 1_700_000_000.0


class FakeClock:
    """A clock the test sets and moves by hand: calling it gives ``now``.

    ``FakeClock()`` stands for ``time.time`` (seconds, from :data:`WALL_START`);
    ``FakeClock(moment)`` with an aware ``datetime`` for the app's clock of local times.
    """

    def __init__(self, now: Any = WALL_START) -> None:
        self.now = now

    def __call__(self) -> Any:
        return self.now
