"""On the very first start, the family's set-up opens by itself over the home screen.

Only when nothing else needs the person first: never while a check, the remote-control warning
or any other screen is showing, nor when an interrupted check is about to be offered. Then it
stays closed, and is offered again at the next start. Kept apart from the set-up's screens,
which are loaded only when it really opens.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guardian.ui.main_window import MainWindow


def offer_first_run_setup(window: MainWindow) -> None:
    """Open the set-up once the database is open, if this is the first start and nothing is on.

    Called by the app right after the window shows. The stored state is read on the disk
    worker (its first job once the database is open).
    """
    from guardian.services.first_start import opens_setup_at_start

    ctx = window.ctx
    disk = ctx.disk
    if not disk.accepting_jobs:
        return
    since = datetime.now(timezone.utc)

    def decided(answer: tuple[bool, bool]) -> None:
        if not disk.accepting_jobs:
            return  # the window is closing: this answer came with the last writes
        opens, pending = answer
        # The family settings open the set-up, after the PIN, while it is begun and not done.
        ctx.setup_pending = pending
        if opens and nothing_else_showing(window):
            from guardian.ui.family.setup import SetupScreen

            window.show_screen(SetupScreen(ctx))

    disk.submit(opens_setup_at_start(since), on_done=decided)


def nothing_else_showing(window: MainWindow) -> bool:
    """Whether the window shows the home screen alone (no check, no warning, no offer)."""
    from guardian.ui.home import HomeScreen

    if not window.isVisible() or window.stack.count() != 1:
        return False
    offer = getattr(window, "unfinished", None)
    if offer is not None and offer.isVisible():
        return False
    return isinstance(window.current_screen(), HomeScreen)
