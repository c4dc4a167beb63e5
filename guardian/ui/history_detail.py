"""One check in full: when, who, what was answered, what was found, what was done.

A message checked from a picture whose picture was kept shows that picture too, with its
marked words boxed in the colour of the check's level.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from guardian.core.picture_marks import KeptPicture
from guardian.core.records import CheckRecord
from guardian.services import history
from guardian.ui.context import AppContext
from guardian.ui.history_text import local_time, shown
from guardian.ui.marked_picture import MarkedPicture, level_colour
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, scrolling


class HistoryDetailScreen(Screen):
    """Shows one check; "delete" asks once more before deleting.

    Args:
        ctx: the shared app context.
        record: the check to show.

    Signals:
        deleted(int): the check with this id was deleted.
    """

    title_key = "history.detail_title"
    deleted = Signal(int)

    def __init__(self, ctx: AppContext, record: CheckRecord, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.record = record
        content = ctx.content
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(36, 16, 36, 24)
        layout.setSpacing(10)
        self.lines: list[str] = []

        def add(caption: str, value: str) -> None:
            value = shown(ctx, value)  # a field imported from elsewhere may be very long
            layout.addWidget(label(caption, "heading"))
            layout.addWidget(label(value))
            self.lines.append(f"{caption}: {value}")

        add(ctx.t("history.when"), local_time(record.started_at))
        add(ctx.t("history.what"), ctx.t(f"history.kind_{record.kind}"))
        if record.level:
            words = content.advice.for_level(record.level, found=bool(record.signals))
            add(ctx.t("history.level"), ctx.pick(words.headline))
        else:
            add(ctx.t("history.level"), ctx.t("history.unfinished"))
        # The kept picture comes from the disk after the screen shows; it goes here, high up,
        # where it is seen without scrolling.
        self.picture_view: MarkedPicture | None = None
        self._picture_at = layout.count()
        self._body_layout = layout
        if record.caller_number:
            add(ctx.t("history.number"), record.caller_number)
        if record.caller_type and record.caller_type in {c.id for c in content.wizard.callers}:
            add(ctx.t("history.caller"), ctx.pick(content.caller(record.caller_type).label))
        if record.signals:
            titles = [
                ctx.pick(content.signal(s).title) for s in record.signals if s in content.signals
            ]
            add(ctx.t("history.signals"), "\n".join(f"• {t}" for t in titles))
        if record.answers:
            answers = []
            for signal_id, answer in record.answers.items():
                signal = content.signals.get(signal_id)
                question = ctx.pick(signal.question) if signal and signal.question else signal_id
                answers.append(f"• {question} {ctx.t(f'question.{answer}')}")
            add(ctx.t("history.answers"), "\n".join(answers))
        if record.text:
            add(ctx.t("history.text"), record.text)
        if record.actions:
            done = [f"• {ctx.t('history.action_' + a.get('action', ''))}" for a in record.actions]
            add(ctx.t("history.actions"), "\n".join(done))
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body), 1)
        self.delete_button = BigButton(
            ctx.t("history.delete_one"),
            "delete",
            role=None,
            icon_px=ctx.theme.button_icon_px,
        )
        self.delete_button.clicked.connect(self._confirm_delete)
        actions = QHBoxLayout()
        actions.setContentsMargins(36, 8, 36, 16)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        outer.addLayout(actions)
        if record.kind == "text" and record.id is not None and ctx.disk.accepting_jobs:
            ctx.disk.submit(history.picture(record.id), on_done=self._show_picture)

    def _show_picture(self, picture: KeptPicture | None) -> None:
        """Show the picture kept with the check, its marked words boxed."""
        if picture is None or self.picture_view is not None:
            return
        ctx = self.ctx
        caption = ctx.t("history.picture")

        def room() -> int:
            screen = self.screen() or QGuiApplication.primaryScreen()
            tall = self.height() if self.isVisible() else screen.availableGeometry().height()
            return round(tall * 0.7)

        self.picture_view = MarkedPicture(
            picture,
            level_colour(ctx.theme.colours, self.record.level or ""),
            caption,
            max_height=room,
        )
        self._body_layout.insertWidget(self._picture_at, label(caption, "heading"))
        self._body_layout.insertWidget(self._picture_at + 1, self.picture_view)
        self.lines.append(caption)

    def spoken_text(self) -> str:
        """Every line of the check."""
        return self.ctx.sentences(*self.lines)

    def _confirm_delete(self) -> None:
        if self.delete_button.property("confirming"):
            self.delete()
            return
        self.delete_button.setProperty("confirming", True)
        self.delete_button.text_widget.setText(self.ctx.t("history.delete_one_confirm"))
        self.ctx.say(self.ctx.t("history.delete_one_confirm"))

    def delete(self) -> None:
        """Delete the check, tell the list, and go back to it."""
        check_id = self.record.id
        if check_id is None or not self.ctx.disk.accepting_jobs:
            return

        def done(_: object) -> None:
            self.deleted.emit(check_id)
            self.ctx.navigator().back()

        self.ctx.disk.submit(history.delete(check_id), on_done=done)
