"""The app's running services, as the screens find them in ``ctx.services``.

:class:`Services` names every service a screen may use, each with its own type. A field is
None when that service does not run: in tests, in a demo, or before it has started (the
outbox, the guard and the warm-up start right after the first paint). A screen asks for one
by name (``ctx.services.outbox``) and does without it when it is None.

The object is frozen. A service that starts after the window exists is added by replacing the
whole object on the context, which the composition root (``guardian.app``) and the two
keepers made on first use (the weekly note, the unsent family alerts) do::

    ctx.services = dataclasses.replace(ctx.services, outbox=OutboxWorker(db_path))

Settings, flags, paths and widgets are not services: they live on the context
(:class:`~guardian.ui.context.AppContext`) or in the module that owns them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl, SignalInstance

    from guardian.core.i18n import Lang
    from guardian.demo_folder import DemoFolder
    from guardian.pictures.reading import PictureReader
    from guardian.ui.family.weekly_note import WeeklyNotes
    from guardian.ui.family_alerts import UnsentAlerts
    from guardian.ui.remote_warning import ProgramStopper
    from guardian.warmup import Warmup


class AlertSender(Protocol):
    """What the screens use of the alert sender.

    The app's is :class:`~guardian.alerts.outbox_worker.OutboxWorker`.

    Attributes:
        delivered: emitted with a message's id when it reached its channel.
        failed: emitted with a message's id and a plain reason when a try failed.
    """

    delivered: SignalInstance
    failed: SignalInstance

    def wake(self) -> None:
        """Look at the outbox now: a message was just queued."""

    def prepare_delivery(self) -> None:
        """Load what sending needs ahead of the first message, off the window's thread."""

    def retry_now(self) -> None:
        """Try every waiting message again now, without waiting for its next turn."""

    def shutdown(self) -> None:
        """Stop sending (the app calls it when it quits); what is unsent stays in the outbox."""


class ProgramWatcher(Protocol):
    """What the screens use of the remote-control guard.

    The app's is :class:`~guardian.guard.watcher.RemoteAppWatcher`.

    Attributes:
        found: emitted with the list of remote-control programs found running (never empty).
    """

    found: SignalInstance

    def start_polling(self) -> None:
        """Look for the programs again every few seconds until :meth:`stop_polling`."""

    def stop_polling(self) -> None:
        """Stop looking again."""

    def shutdown(self) -> None:
        """Stop for good (the app calls it when it quits)."""


@dataclass(frozen=True)
class Services:
    """Every service the screens may use; None where it does not run.

    Attributes:
        outbox: sends the family's alerts from the outbox (runs once the database is open).
        guard: watches for remote-control programs.
        stop_app: ends remote-control programs, used only after the person agrees.
        warmup: loads the code of the later screens off the window's thread.
        weekly_notes: the one sender of the weekly note to the family.
        unsent_alerts: keeps the family alerts not yet written and writes them again.
        find_phone_handler: names the program that dials in a language ("" for a program with
            no name, None when nothing can); None asks this computer
            (:func:`guardian.tel_handler.find_tel_handler`).
        tel_opener: opens ``tel:`` addresses (None: the desktop's way).
        file_opener: opens a saved file, such as the report card (None: the desktop's way).
        demo_folder: a demo session's throwaway data folder, removed when the app quits.
        picture_reader: reads the words of a picture; one for the app, so its model (a second
            or two to load, hundreds of megabytes) loads once (None: each screen makes its own).
    """

    outbox: AlertSender | None = None
    guard: ProgramWatcher | None = None
    stop_app: ProgramStopper | None = None
    warmup: Warmup | None = None
    weekly_notes: WeeklyNotes | None = None
    unsent_alerts: UnsentAlerts | None = None
    find_phone_handler: Callable[[Lang], str | None] | None = None
    tel_opener: Callable[[QUrl], bool] | None = None
    file_opener: Callable[[QUrl], bool] | None = None
    demo_folder: DemoFolder | None = None
    picture_reader: PictureReader | None = None
