"""The one sender of alerts: a worker thread that delivers the outbox, in order, until it arrives.

Alerts are queued first (:meth:`~guardian.storage.outbox.OutboxStore.enqueue`, through the
app's :class:`~guardian.storage.worker.DiskWorker`), then :meth:`OutboxWorker.wake` tells this
worker to look. The worker has its own database connection on its own thread (SQLite's
write-ahead log lets it work next to the disk worker's connection) and never touches the GUI
thread except to report.

Delivery is at least once. Before a try the message is marked ``sending`` and committed; after
the channel accepts it, it is marked ``delivered`` and committed, and a delivered message is
never picked again. If the program stops between the channel accepting a message and that
commit (a window of a few milliseconds, or of a failed disk write), the message is found as
``sending`` at the next start and sent again: the family may get a duplicate, never nothing.

A message the channel can never take does not hold up the ones after it for ever: after
:data:`REFUSALS_TO_FAIL` tries the channel refused for good (an HTTP 4xx answer), or once it
has been tried :data:`GIVE_UP_TRIES` times and :data:`GIVE_UP_AFTER` has passed since it was
queued, it is marked ``failed`` (the family's outbox status screen says why) and the next
message for that address goes.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from sqlite_utils import Database

from guardian.alerts.delivery import DEFAULT_TIMEOUT, DeliveryResult, deliver, load_delivery_code
from guardian.core.alert_message import compose_alert
from guardian.core.contacts import Contact
from guardian.core.field_error import Words
from guardian.kept_workers import KeptWorkers
from guardian.storage.database import open_database
from guardian.storage.outbox import CHANNEL_REMOVED, CHANNEL_UNUSABLE, OutboxMessage, OutboxStore
from guardian.storage.worker import DiskWorker

_log = logging.getLogger(__name__)

DEFAULT_BACKOFF: tuple[float, ...] = (10.0, 30.0, 120.0, 600.0, 1800.0)
"""Seconds to wait after the 1st, 2nd, 3rd... failed try; the last one repeats for ever."""

REFUSALS_TO_FAIL = 3
"""Tries a channel may refuse for good (an HTTP 4xx answer) before the message is failed; with
the default backoff the three tries take about 40 seconds, so a refusal while the family's
server restarts does not lose an alert."""

GIVE_UP_TRIES = 20
GIVE_UP_AFTER = timedelta(days=3)
"""A message not delivered after at least GIVE_UP_TRIES tries and GIVE_UP_AFTER since it was
queued is failed (with the default backoff 20 tries take about 8 hours; a computer that was off
for days still tries 20 times)."""

POLL_SECONDS = 30.0
"""The longest the worker sleeps without looking at the outbox (catches alerts queued without a
call to :meth:`OutboxWorker.wake`)."""

Sender = Callable[[str, str, str, float, tuple[str, ...]], DeliveryResult]
"""Sends (url, title, body, timeout, secrets) and says whether it arrived."""

# Kept from start to shutdown; those still running at exit are shut down (see kept_workers).
_running: KeptWorkers[OutboxWorker] = KeptWorkers()


@dataclass(frozen=True)
class _Report:
    message_id: int
    delivered: bool
    error: str = ""


class _OutboxThread(QThread):
    """Opens the database, then sends due messages until told to stop."""

    def __init__(
        self,
        path: Path,
        backoff: Sequence[float],
        timeout: float,
        poll_seconds: float,
        sender: Sender,
        report: Callable[[_Report], None],
        prepare: Callable[[], None],
        limits: tuple[int, int, timedelta],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._prepare = prepare
        self._refusals_to_fail, self._give_up_tries, self._give_up_after = limits
        self._path = path
        self._backoff = tuple(backoff)
        self._timeout = timeout
        self._poll = poll_seconds
        self._sender = sender
        self._report = report
        self.stop_requested = threading.Event()
        self.wake_requested = threading.Event()
        self.retry_requested = threading.Event()
        self.prepare_requested = threading.Event()

    def run(self) -> None:
        """Send the outbox until :attr:`stop_requested` is set."""
        while not self.stop_requested.is_set():
            try:
                db = open_database(self._path)
            except Exception:
                _log.exception("the outbox cannot open the database %s", self._path)
                self._sleep(self._poll)
                continue
            try:
                self._serve(OutboxStore(db))
            except Exception:
                _log.exception("the outbox stopped on an error; it starts again")
                self._sleep(self._poll)
            finally:
                db.close()

    def _serve(self, store: OutboxStore) -> None:
        recovered = store.recover_interrupted()
        if recovered:
            _log.info("alerts interrupted while sending are queued again: %s", recovered)
        while not self.stop_requested.is_set():
            if self.retry_requested.is_set():
                self.retry_requested.clear()
                store.retry_now()
            if self.prepare_requested.is_set():
                self.prepare_requested.clear()
                try:
                    # Only when an alert could go somewhere: it takes tens of megabytes.
                    if store.has_channels():
                        self._prepare()
                except Exception:  # the first alert loads it again, and says what went wrong
                    _log.exception("the delivery code could not be loaded ahead")
            for message_id in store.fail_orphans():
                self._report(_Report(message_id, False, CHANNEL_REMOVED))
            message = store.next_due()
            if message is None:
                self._sleep(self._seconds_until(store.next_attempt_at()))
                continue
            if not store.claim(message.id):
                continue
            destination = store.destination(message)
            if destination is None:
                if message.destination_id is None:
                    store.mark_failed(message.id, CHANNEL_REMOVED, "removed")
                    self._report(_Report(message.id, False, CHANNEL_REMOVED))
                else:
                    store.mark_failed(message.id, CHANNEL_UNUSABLE, "unusable")
                    self._report(_Report(message.id, False, CHANNEL_UNUSABLE))
                continue
            result = self._sender(
                destination.url, message.title, message.body, self._timeout, destination.secrets
            )
            if result.ok:
                self._mark_delivered(store, message.id)
                self._report(_Report(message.id, True))
            else:
                self._tried_in_vain(store, message, result)

    def _tried_in_vain(
        self, store: OutboxStore, message: OutboxMessage, result: DeliveryResult
    ) -> None:
        """Queue the message again after its backoff, or fail it once it is hopeless."""
        attempts = message.attempts + 1
        refusals = message.refusals + int(result.refused)
        waited = datetime.now(timezone.utc) - message.created_at
        if refusals >= self._refusals_to_fail:
            store.mark_failed(message.id, result.error, "refused", refused=result.refused)
        elif attempts >= self._give_up_tries and waited >= self._give_up_after:
            store.mark_failed(message.id, result.error, "gave_up", refused=result.refused)
        else:
            delay = self._backoff[min(attempts, len(self._backoff)) - 1]
            store.mark_retry(message.id, result.error, delay, refused=result.refused)
        self._report(_Report(message.id, False, result.error))

    def _mark_delivered(self, store: OutboxStore, message_id: int) -> None:
        # Worth a few tries: if this write is lost the message is sent again after a restart.
        for attempt in range(3):
            try:
                store.mark_delivered(message_id)
                return
            except Exception:
                if attempt == 2:
                    raise
                _log.warning("marking alert %s delivered failed; trying again", message_id)
                time.sleep(0.5)

    def _seconds_until(self, due: datetime | None) -> float:
        if due is None:
            return self._poll
        seconds = (due - datetime.now(timezone.utc)).total_seconds()
        return min(self._poll, max(0.0, seconds))

    def _sleep(self, seconds: float) -> None:
        if seconds > 0 and self.wake_requested.wait(seconds):
            self.wake_requested.clear()


class OutboxWorker(QObject):
    """Delivers queued alerts off the GUI thread, retrying each until its channel accepts it.

    Messages are tried oldest first; each address gets its messages in order, and one that is
    down does not hold up the others. After a failed try a message waits according to
    ``backoff`` (10 s, 30 s, 2 min, 10 min, then every 30 min) and stays ``queued``, with its
    redacted ``last_error``, until it is delivered, or until it is hopeless (see the module
    notes) and marked ``failed``. Messages left over from the last run, including one
    interrupted while sending, are sent after a restart (see the module notes: at least once).

    Args:
        path: the database file (the worker opens its own connection to it).
        backoff: seconds to wait after the 1st, 2nd... failed try; the last value repeats.
        timeout: seconds each try may wait to connect and for an answer.
        poll_seconds: the longest the worker sleeps without looking at the outbox.
        sender: sends one message; :func:`~guardian.alerts.delivery.deliver` by default.
        prepare: loads what ``sender`` needs, on the worker's thread (see
            :meth:`prepare_delivery`); :func:`~guardian.alerts.delivery.load_delivery_code` by
            default.
        refusals_to_fail: tries the channel may refuse for good before the message is failed.
        give_up_tries: the fewest tries before a message that never arrives is failed...
        give_up_after: ...and the least time since it was queued.
        parent: the usual Qt parent.

    Signals:
        delivered(int): a message (by id) was accepted by its channel.
        failed(int, str): a try of a message failed, or the message cannot be sent at all;
            carries the reason with every token hidden. A failed try is tried again later
            unless the message's status became ``failed`` (its ``failure`` says why).
    """

    delivered = Signal(int)
    failed = Signal(int, str)
    _report_ready = Signal()  # emitted on the worker thread, delivered on the owner's

    def __init__(
        self,
        path: Path,
        *,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
        timeout: float = DEFAULT_TIMEOUT,
        poll_seconds: float = POLL_SECONDS,
        sender: Sender = deliver,
        prepare: Callable[[], None] = load_delivery_code,
        refusals_to_fail: int = REFUSALS_TO_FAIL,
        give_up_tries: int = GIVE_UP_TRIES,
        give_up_after: timedelta = GIVE_UP_AFTER,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not backoff or any(delay < 0 for delay in backoff):
            raise ValueError("backoff needs at least one delay, none negative")
        if refusals_to_fail < 1 or give_up_tries < 1:
            raise ValueError("a message needs at least one try before it is failed")
        self._reports: queue.SimpleQueue[_Report] = queue.SimpleQueue()
        self._report_ready.connect(self._flush)
        self._stopped = False
        self._thread = _OutboxThread(
            path,
            backoff,
            timeout,
            poll_seconds,
            sender,
            self._queue_report,
            prepare,
            (refusals_to_fail, give_up_tries, give_up_after),
            parent=self,
        )
        self._thread.setObjectName("guardian-outbox")
        self._thread.start()
        _running.add(self)

    def wake(self) -> None:
        """Look for due messages now (call it after queuing an alert)."""
        self._thread.wake_requested.set()

    def prepare_delivery(self) -> None:
        """Load the delivery code now, on the worker's thread, if no alert has loaded it yet.

        Called while a check is under way: the first alert then goes out at once, and the
        loading does not compete with the window while the family is being alerted. Nothing
        is loaded while no alert channel is set up (it takes tens of megabytes). Loading it
        when the worker starts was tried: the imports then hold the interpreter while the
        window builds the check ahead or opens it, and the first check stopped for longer.
        """
        self._thread.prepare_requested.set()
        self._thread.wake_requested.set()

    def retry_now(self) -> None:
        """Try every waiting message now, without waiting for its next scheduled try."""
        self._thread.retry_requested.set()
        self._thread.wake_requested.set()

    def shutdown(self) -> None:
        """Stop the worker: finish the try under way (if any), close the database, stop.

        Blocks until the thread ends, at most about twice the ``timeout`` when a try is under
        way. Messages not yet delivered stay queued and are sent after the next start. Calling
        it again does nothing.
        """
        if self._stopped:
            return
        self._stopped = True
        self._thread.stop_requested.set()
        self._thread.wake_requested.set()
        self._thread.wait()
        _running.discard(self)
        self._flush()

    def is_running(self) -> bool:
        """Return whether the worker thread is running."""
        return self._thread.isRunning()

    def _queue_report(self, report: _Report) -> None:
        # Called on the worker thread: the signal hands the report to this object's thread.
        self._reports.put(report)
        self._report_ready.emit()

    @Slot()
    def _flush(self) -> None:
        while True:
            try:
                report = self._reports.get_nowait()
            except queue.Empty:
                return
            if report.delivered:
                self.delivered.emit(report.message_id)
            else:
                self.failed.emit(report.message_id, report.error)


def send_test_alert(
    contact: Contact,
    disk: DiskWorker,
    outbox: OutboxWorker,
    *,
    person_name: str,
    words: Words,
    when: datetime | None = None,
    on_queued: Callable[[list[int]], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> None:
    """Queue a test alert to every channel of a saved contact, then wake the outbox.

    The messages go through the outbox like any alert, so the family sees them arrive (or
    why not) through :attr:`OutboxWorker.delivered` and :attr:`OutboxWorker.failed`.

    Args:
        contact: a saved contact (with an id); its stored channels are used.
        disk: the app's disk worker, which writes the messages.
        outbox: the outbox worker, woken once they are written.
        person_name: how the family calls the person, for the message.
        words: the catalog's sentences in the language of the message.
        when: the time to show; now (local time) by default.
        on_queued: called on the GUI thread with the new message ids (empty when the contact
            has no channel).
        on_error: called on the GUI thread if the messages cannot be written.

    Raises:
        ValueError: the contact has not been saved.
    """
    if contact.id is None:
        raise ValueError("save the contact before sending it a test alert")
    contact_id = contact.id
    title, body = compose_alert(
        "test", words=words, person_name=person_name, when=when or datetime.now().astimezone()
    )

    def queue_messages(db: Database) -> list[int]:
        return OutboxStore(db).enqueue_for_contacts(
            title, body, event="test", contact_id=contact_id
        )

    def queued(ids: list[int]) -> None:
        outbox.wake()
        if on_queued is not None:
            on_queued(ids)

    disk.submit(queue_messages, on_done=queued, on_error=on_error)
