"""Offer to finish, or to discard, a check that was interrupted.

Interrupted by a crash or a power cut (offered at the next start), or left by "home" before
its verdict (offered on the home screen at once).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from guardian.core.records import CheckRecord
from guardian.ui.context import AppContext
from guardian.ui.history import local_time
from guardian.ui.widgets import BigButton, label


class UnfinishedOffer(QWidget):
    """A banner above the home screen: "last check was not finished" with two big buttons.

    Args:
        ctx: the shared app context.
        record: the interrupted check (with its history number, when it was saved).
        just_left: the check was left by "home" a moment ago (its own words), rather than
            interrupted before the app started.

    Signals:
        settled: "go on" or "discard" was pressed; the offer is no longer needed.
    """

    settled = Signal()

    def __init__(
        self,
        ctx: AppContext,
        record: CheckRecord,
        parent: QWidget | None = None,
        *,
        just_left: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.just_left = just_left
        self.used = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)
        words = (
            ctx.t("unfinished.left_text")
            if just_left
            else ctx.t("unfinished.text", time=local_time(record.started_at))
        )
        self.text = label(words, "banner")
        layout.addWidget(self.text)
        row = QHBoxLayout()
        px = ctx.theme.button_icon_px
        self.finish_button = BigButton(
            ctx.t("unfinished.finish"), "next", role="primary", icon_px=px
        )
        self.finish_button.clicked.connect(self.finish)
        self.discard_button = BigButton(
            ctx.t("unfinished.discard"), "answer_no", role=None, icon_px=px
        )
        self.discard_button.clicked.connect(self.discard)
        row.addWidget(self.finish_button)
        row.addWidget(self.discard_button)
        layout.addLayout(row)

    def finish(self) -> None:
        """Open the check where it stopped."""
        from guardian.ui.check_call import CheckCallScreen

        self._settle()
        screen = CheckCallScreen(self.ctx)
        self.ctx.navigator().show_screen(screen)
        screen.resume(self.record)

    def discard(self) -> None:
        """Delete the interrupted check (the person chose to)."""
        from guardian.services import history

        self._settle()
        check_id = self.record.id
        if check_id is not None and self.ctx.disk.accepting_jobs:
            self.ctx.disk.submit(history.delete(check_id))

    def _settle(self) -> None:
        self.used = True
        self.setVisible(False)
        self.settled.emit()
