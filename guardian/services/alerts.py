"""Queueing alerts for the family in the outbox; the outbox worker sends them.

An alert is written for every alert channel the family set up (none set up: nothing is
written). Several alerts written together are written in one transaction: all of them or none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from guardian.core.alert_message import compose_alert
from guardian.core.field_error import Words
from guardian.services.jobs import Job

if TYPE_CHECKING:
    from sqlite_utils import Database


class AlertToQueue(Protocol):
    """One alert for every channel, composed when it happened, waiting to be written.

    Attributes:
        event: what happened (see :data:`~guardian.core.alert_message.ALERT_EVENTS`).
        title: the alert's title.
        body: the alert's text.
        check_id: returns the history number of the check it belongs to (or None), asked
            when the alert is written: the check may have been saved only meanwhile.
    """

    @property
    def event(self) -> str:
        """What happened."""
        ...

    @property
    def title(self) -> str:
        """The alert's title."""
        ...

    @property
    def body(self) -> str:
        """The alert's text."""
        ...

    @property
    def check_id(self) -> Callable[[], int | None]:
        """Returns the history number of the check it belongs to, or None."""
        ...


def queue_alerts(batch: Sequence[AlertToQueue]) -> Job[list[list[int]]]:
    """A job that queues every alert of ``batch`` for every channel, in one transaction.

    A check deleted from the history before its alert is written is not linked to it.

    Returns:
        The job; it returns, for each alert in order, the ids of its messages (empty: no
        channel is set up), and raises (leaving none of them written) when one cannot be.
    """
    alerts = list(batch)

    def job(db: Database) -> list[list[int]]:
        from guardian.storage.database import write_transaction
        from guardian.storage.outbox import OutboxStore

        store = OutboxStore(db)
        written: list[list[int]] = []
        with write_transaction(db):
            for alert in alerts:
                check_id = alert.check_id()
                if (
                    check_id is not None
                    and not db.execute("SELECT 1 FROM checks WHERE id = ?", [check_id]).fetchone()
                ):
                    check_id = None  # deleted from the history meanwhile
                written.append(
                    store.enqueue_for_contacts(
                        alert.title, alert.body, event=alert.event, check_id=check_id
                    )
                )
        return written

    return job


def queue_test_alert(contact_id: int, words: Words, when: datetime) -> Job[list[int]]:
    """A job that queues a test alert for every alert channel of one contact.

    Args:
        contact_id: the contact whose channels are tested.
        words: the catalog's sentences in the language of the alert.
        when: the time shown in the alert.

    Returns:
        The job; it returns the ids of the queued messages (empty: the contact has no channel).
    """
    title, body = compose_alert("test", words=words, person_name="", when=when)

    def job(db: Database) -> list[int]:
        from guardian.storage.outbox import OutboxStore

        return OutboxStore(db).enqueue_for_contacts(
            title, body, event="test", contact_id=contact_id
        )

    return job
