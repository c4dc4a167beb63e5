"""The base of every screen: a title, what it reads aloud, and entering and leaving."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from guardian.ui.context import AppContext

if TYPE_CHECKING:
    from guardian.core.records import CheckRecord


class Screen(QWidget):
    """One full screen of the app, shown below the shared header.

    Subclasses set ``title_key`` (or override ``title``), build their widgets in ``__init__``
    and override ``spoken_text`` with what the screen reads aloud.

    Args:
        ctx: the shared app context.

    Signals:
        header_changed: the title changed, or whether back/home show.
    """

    header_changed = Signal()

    title_key = ""
    #: Whether the header shows "back" and "home" on this screen.
    shows_navigation = True
    #: Whether the window's header row (listen again, title, back, home) shows at all; a
    #: screen with its own bar (demo mode on a projector) takes the whole window.
    shows_header = True
    #: Whether the header offers the tip of the day at the right (the home screen, which has
    #: no "home" button there).
    offers_tip = False
    #: Whether opening this screen starts a new check (an offer to go on with another goes).
    starts_check = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("screen")

    def title(self) -> str:
        """The screen's title for the header."""
        return self.ctx.t(self.title_key) if self.title_key else ""

    def spoken_text(self) -> str:
        """What the screen reads aloud when it opens and when "listen again" is pressed."""
        return self.title()

    def handle_back(self) -> bool:
        """Go back one step inside the screen; return False when the screen itself should close."""
        return False

    def has_unsaved_work(self) -> bool:
        """Whether closing the screen now would throw away something typed and not saved."""
        return False

    def ask_to_save(self, leave: Callable[[], None]) -> None:
        """Ask whether to save before the screen closes; call ``leave`` once it may close.

        Called by "back" and "home" when :meth:`has_unsaved_work` says so. ``leave`` is called
        after the work was saved or the person chose not to save it (so that the screen no
        longer has unsaved work), and never when they chose to go on filling it in.
        """
        leave()

    def offer_to_resume(self, offer: Callable[[CheckRecord], None]) -> None:
        """Left by "home" with a check not finished: call ``offer`` with that check.

        ``offer`` may be called later (once the check is saved), or not at all when there is
        nothing to go on with (the default). The home screen then offers "go on with it".
        """

    def entered(self) -> None:
        """Called each time the screen becomes the visible one."""

    def leaving(self) -> None:
        """Called when the screen stops being the visible one."""

    def closing(self) -> None:
        """Called once when the screen is closed for good (back, home, or replaced)."""
