"""What happened to the alerts: each recent one, how it went (and why not), and "try again now"."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from guardian.core.delivery_problems import plain_reason
from guardian.services.contacts import OutboxMessage, recent_alerts
from guardian.services.family_changes import kind_label
from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.widgets import label

RECENT = 30


def local_time(message: OutboxMessage) -> str:
    """When the alert was queued, as the computer's clock shows it."""
    return message.created_at.astimezone().strftime("%Y-%m-%d %H:%M")


class OutboxStatusScreen(FamilyScreen):
    """The most recent alerts, newest first: to whom, how, what it is about, whether it arrived.

    The list is read again whenever the sender reports a delivery or a failed try (no timer).

    Args:
        ctx: the shared app context (``services.outbox`` is the sender, when it runs).
    """

    title_key = "family.outbox_title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.messages: list[OutboxMessage] = []
        self.rows: list[QFrame] = []
        self.summary = label("", "heading")
        self.body.addWidget(self.summary)
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(12)
        self.body.addLayout(self.list_layout)
        self.body.addStretch(1)
        self.retry_button = self.button(
            "family.outbox_retry", "replay", role="primary", action=self.retry_now
        )
        self.action_row.addWidget(self.retry_button)
        self.outbox = ctx.services.outbox
        if self.outbox is not None:
            self.outbox.delivered.connect(self._reported)
            self.outbox.failed.connect(self._reported)
        self.reload()

    def spoken_text(self) -> str:
        """The title and the summary."""
        return self.ctx.sentences(self.title(), self.summary.text())

    def reload(self) -> None:
        """Read the recent alerts again."""
        self.run(recent_alerts(RECENT), self._show)

    def retry_now(self) -> None:
        """Try every waiting alert now."""
        if self.outbox is not None:
            self.outbox.retry_now()
            self.show_message(self.ctx.t("family.outbox_retrying"))
        else:
            self.show_message(self.ctx.t("family.outbox_no_sender"))

    def _reported(self, *_: object) -> None:
        if not self.closed:
            self.reload()

    def _show(self, messages: list[OutboxMessage]) -> None:
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.messages = messages
        waiting = sum(1 for m in messages if m.status in ("queued", "sending"))
        failed = sum(1 for m in messages if m.status == "failed")
        if not messages:
            self.summary.setText(self.ctx.t("family.outbox_empty"))
        elif failed:
            self.summary.setText(
                self.ctx.t(
                    "family.outbox_summary_failed",
                    count=len(messages),
                    waiting=waiting,
                    failed=failed,
                )
            )
        else:
            self.summary.setText(
                self.ctx.t("family.outbox_summary", count=len(messages), waiting=waiting)
            )
        for message in messages:
            row = self._row(message)
            self.list_layout.addWidget(row)
            self.rows.append(row)

    def row_text(self, message: OutboxMessage) -> str:
        """Every line shown for one alert."""
        ctx = self.ctx
        lines = [
            ctx.t(
                "family.outbox_line",
                time=local_time(message),
                name=message.contact_name,
                kind=kind_label(message.channel_kind, ctx.t),
            ),
            ctx.t(f"family.outbox_event_{message.event}"),
            ctx.t(f"family.outbox_status_{message.status}", attempts=message.attempts),
        ]
        if message.status == "failed" and message.failure is not None:
            # Why, in plain words, and what to do about it.
            lines.append(ctx.t(f"family.outbox_failed_{message.failure}"))
        if message.last_error and message.status != "delivered":
            # The technical lines stay in the database and the log; the family reads why.
            reason = plain_reason(message.last_error, message.channel_kind)
            lines.append(ctx.t("family.outbox_error", error=ctx.pick(reason)))
        return "\n".join(lines)

    def _row(self, message: OutboxMessage) -> QFrame:
        frame = QFrame()
        frame.setProperty("role", "card")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addWidget(label(self.row_text(message)))
        return frame

    def closing(self) -> None:
        """Stop listening to the sender."""
        super().closing()
        if self.outbox is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.outbox.delivered.disconnect(self._reported)
            with contextlib.suppress(RuntimeError, TypeError):
                self.outbox.failed.disconnect(self._reported)
