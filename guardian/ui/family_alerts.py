"""Telling the family: queue an alert for every channel the family set up, then send it.

The message is written to the outbox (by the app's job runner, see
:func:`guardian.services.alerts.queue_alerts`) before anything is sent; the outbox
worker delivers it and retries until it arrives. When it cannot be written (a full disk, a
locked or damaged database), it is not dropped: :class:`UnsentAlerts` keeps it in memory and
writes it again every :data:`RETRY_MS` until it is written (and then sent), and the screen that
raised it is told at once, so that it can say plainly that the family does not know yet. With
no channel set up, nothing is queued and nothing is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from guardian.core.alert_message import AlertEvent, compose_alert
from guardian.services.alerts import queue_alerts
from guardian.services.family_changes import words_for
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import label

log = logging.getLogger(__name__)

RETRY_MS = 15_000
"""How long an alert that could not be written waits before it is written again."""

CheckId = Callable[[], "int | None"]


@dataclass(eq=False)
class FamilyAlert:
    """One alert for every channel, composed when it happened, waiting to be written.

    Attributes:
        event: what happened.
        title: the alert's title.
        body: the alert's text (with the time it happened, not the time it is written).
        check_id: returns the history number of the check it belongs to, read on the disk
            worker's thread when the alert is written (the check may be saved by then).
        on_queued: called on the GUI thread with the ids of the queued messages.
        on_not_queued: called on the GUI thread the first time writing it fails.
        told_not_queued: whether ``on_not_queued`` was called.
    """

    event: AlertEvent
    title: str
    body: str
    check_id: CheckId
    on_queued: Callable[[list[int]], None] | None = None
    on_not_queued: Callable[[], None] | None = None
    told_not_queued: bool = False


class UnsentAlerts(QObject):
    """The family alerts not yet in the outbox: writes them, oldest first, until they are.

    One write is under way at a time, with every alert waiting so far, in one transaction.
    After a failed write the alerts wait :data:`RETRY_MS` and are written again; a new alert
    meanwhile is written at once, together with them. Once written, the outbox worker is woken.

    Args:
        ctx: the shared app context (its ``disk`` writes the outbox).
    """

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.waiting: list[FamilyAlert] = []
        self.writing = False
        self.retry_timer = QTimer(self)
        self.retry_timer.setObjectName("UnsentAlerts.retry_timer")
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.write)

    def add(self, alert: FamilyAlert) -> None:
        """Write ``alert`` to the outbox (with any written in vain before it)."""
        self.waiting.append(alert)
        self.write()

    def write(self) -> None:
        """Write every waiting alert now, unless a write is under way."""
        disk = self.ctx.disk
        if self.writing or not self.waiting:
            return
        if not disk.accepting_jobs:
            return  # nothing is saved here, or the app is closing (see last_try)
        batch = list(self.waiting)
        self.writing = True
        self.retry_timer.stop()
        disk.submit(
            queue_alerts(batch),
            on_done=lambda ids: self._written(batch, ids),
            on_error=lambda error: self._not_written(batch, error),
        )

    def last_try(self) -> None:
        """Hand what still waits to the disk worker once more, as the app closes.

        The disk worker runs it before it stops; no one is told the outcome.
        """
        disk = self.ctx.disk
        if not disk.accepting_jobs or not self.waiting or self.writing:
            return
        batch = list(self.waiting)
        self.retry_timer.stop()
        disk.submit(queue_alerts(batch))

    def _written(self, batch: list[FamilyAlert], ids: list[list[int]]) -> None:
        self.writing = False
        self.waiting = [alert for alert in self.waiting if alert not in batch]  # by identity
        if any(ids):
            outbox = self.ctx.services.outbox
            if outbox is not None:
                outbox.wake()
        for alert, alert_ids in zip(batch, ids, strict=True):
            if alert.told_not_queued:
                log.info("the family alert %s is queued after all: %s", alert.event, alert_ids)
            if alert.on_queued is not None:
                alert.on_queued(alert_ids)
        self.write()  # alerts raised while this write was under way

    def _not_written(self, batch: list[FamilyAlert], error: Exception) -> None:
        self.writing = False
        events = ", ".join(alert.event for alert in batch)
        log.error("the family alert(s) %s could not be queued, trying again: %s", events, error)
        if not self.retry_timer.isActive():
            self.retry_timer.start()
        for alert in batch:
            if not alert.told_not_queued:
                alert.told_not_queued = True
                if alert.on_not_queued is not None:
                    alert.on_not_queued()


def unsent_alerts(ctx: AppContext) -> UnsentAlerts:
    """The app's one :class:`UnsentAlerts` (made the first time it is needed).

    It is kept as ``ctx.services.unsent_alerts``.
    """
    keeper = ctx.services.unsent_alerts
    if keeper is None:
        keeper = UnsentAlerts(ctx)
        ctx.services = replace(ctx.services, unsent_alerts=keeper)
    return keeper


def queue_family_alert(
    ctx: AppContext,
    event: AlertEvent,
    *,
    level: str | None = None,
    signal_ids: Sequence[str] = (),
    caller_number: str | None = None,
    checked: str = "call",
    check_id: int | CheckId | None = None,
    on_queued: Callable[[list[int]], None] | None = None,
    on_not_queued: Callable[[], None] | None = None,
) -> None:
    """Queue ``event`` ("high_verdict", "called_family", "money_sent") for the family.

    Args:
        ctx: the shared app context (its ``disk`` writes the outbox; ``services.outbox``
            sends it, when running).
        event: what happened.
        level: the verdict level, for "high_verdict".
        signal_ids: the red signals found.
        caller_number: the suspicious caller's number, if known.
        checked: what was checked: "call", "text" or "number".
        check_id: the history number of the check it belongs to, or a function that returns
            it when the alert is written.
        on_queued: called with the ids of the queued messages (empty: nobody to tell), also
            when the alert is written only on a later try.
        on_not_queued: called once if the alert could not be written at first: the family does
            not know yet. It is kept and written again until it is.
    """
    if not ctx.disk.accepting_jobs:
        return
    signals = ctx.content.signals
    titles = [ctx.pick(signals[s].title) for s in signal_ids if s in signals]
    title, body = compose_alert(
        event,
        words=words_for(ctx.catalog, ctx.lang),
        person_name=ctx.person_name,
        when=ctx.now(),
        level=level,
        signal_titles=titles,
        caller_number=caller_number,
        checked=checked,
    )
    if callable(check_id):
        read_check_id: CheckId = check_id
    else:
        fixed = check_id

        def read_check_id() -> int | None:
            return fixed

    unsent_alerts(ctx).add(FamilyAlert(event, title, body, read_check_id, on_queued, on_not_queued))


def not_told_notice() -> QLabel:
    """The banner that says the family has not been told yet (hidden until it is needed)."""
    notice = label("", "banner")
    notice.setVisible(False)
    return notice


def show_not_told(screen: Screen, notice: QLabel) -> None:
    """Say plainly on ``screen`` that the family does not know yet, aloud if it is showing.

    ``screen.spoken_text()`` is expected to include ``notice`` once it is visible.
    """
    ctx = screen.ctx
    notice.setText(ctx.t("alert.not_told"))
    notice.setVisible(True)
    nav = ctx.nav
    current = getattr(nav, "current_screen", None)
    if ctx.auto_read and callable(current) and current() is screen:
        ctx.say(screen.spoken_text())
