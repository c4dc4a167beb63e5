"""Telling the family: queue an alert for every channel the family set up, then send it.

The message is written to the outbox (on the disk worker) before anything is sent, so it is
never lost; the outbox worker delivers it and retries until it arrives. With no channel set
up, nothing is queued and nothing is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlite_utils import Database

from guardian.core.alert_message import AlertEvent, compose_alert
from guardian.ui.context import AppContext

log = logging.getLogger(__name__)


def queue_family_alert(
    ctx: AppContext,
    event: AlertEvent,
    *,
    level: str | None = None,
    signal_ids: Sequence[str] = (),
    caller_number: str | None = None,
    check_id: int | None = None,
    on_queued: Callable[[list[int]], None] | None = None,
) -> None:
    """Queue ``event`` ("high_verdict", "called_family", "money_sent") for the family.

    Args:
        ctx: the shared app context (its ``disk`` writes the outbox; ``services["outbox"]``
            sends it, when running).
        event: what happened.
        level: the verdict level, for "high_verdict".
        signal_ids: the red signals found.
        caller_number: the suspicious caller's number, if known.
        check_id: the history number of the check it belongs to.
        on_queued: called with the ids of the queued messages (empty: nobody to tell).
    """
    disk = ctx.disk
    if disk is None:
        return
    signals = ctx.content.signals
    titles = [ctx.pick(signals[s].title) for s in signal_ids if s in signals]
    title, body = compose_alert(
        event,
        person_name=str(ctx.services.get("person_name") or ""),
        when=datetime.now().astimezone(),
        level=level,
        signal_titles=titles,
        caller_number=caller_number,
        lang=ctx.lang,
    )

    def job(db: Database) -> list[int]:
        from guardian.storage.outbox import OutboxStore

        return OutboxStore(db).enqueue_for_contacts(title, body, event=event, check_id=check_id)

    def queued(ids: list[int]) -> None:
        outbox = ctx.services.get("outbox")
        if ids and outbox is not None:
            outbox.wake()
        if on_queued is not None:
            on_queued(ids)

    def failed(error: Exception) -> None:
        log.error("the family alert %s could not be queued: %s", event, error)

    disk.submit(job, on_done=queued, on_error=failed)
