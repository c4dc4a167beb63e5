"""The link between a screen and the app's remote-app watcher.

While a check or the "I already sent money" steps are open, the watcher scans the computer;
a remote-control or screen-sharing program found there opens the ``remote_warning`` route
(once per program and screen).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject

from guardian.core.remote_apps import Found
from guardian.ui.context import AppContext


class RemoteAppAlert(QObject):
    """Links a screen to the app's remote-app watcher while the screen is open.

    Each program is warned about once per screen: the first time it is seen, ``on_found`` runs
    (to count the signal) and the warning screen opens.

    Args:
        ctx: the shared app context; ``ctx.services.guard`` is the watcher (absent: nothing).
        on_found: called with the programs found, before the warning opens.
        parent: the screen that owns the link.
    """

    def __init__(
        self,
        ctx: AppContext,
        on_found: Callable[[list[Found]], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._on_found = on_found
        self._warned: set[str] = set()
        self.watcher = ctx.services.guard

    def start(self) -> None:
        """Start watching (scans now, then every few seconds)."""
        if self.watcher is None:
            return
        self.watcher.found.connect(self._found)
        self.watcher.start_polling()

    def stop(self) -> None:
        """Stop watching."""
        if self.watcher is None:
            return
        self.watcher.stop_polling()
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.watcher.found.disconnect(self._found)

    def _found(self, found: list[Found]) -> None:
        new = [item for item in found if item.app.id not in self._warned]
        if not new:
            return
        self._warned.update(item.app.id for item in new)
        if self._on_found is not None:
            self._on_found(found)
        self.ctx.navigator().open("remote_warning", found=found)
