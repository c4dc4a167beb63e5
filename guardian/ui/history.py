"""History for the family: every check, newest first, a weekly chart, details, delete, export.

Everything is read and written through the disk worker; pages of 20 keep a long history as
quick to open as a short one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QGridLayout, QVBoxLayout, QWidget

from guardian.core.history_chart import WeekBucket
from guardian.core.records import CheckRecord
from guardian.services import history
from guardian.services.history import PAGE_SIZE, HistoryImportError, ImportResult
from guardian.ui.context import AppContext
from guardian.ui.history_text import SHOWN_NUMBER_CHARS, local_time, shown
from guardian.ui.screen import Screen
from guardian.ui.weekly_chart import WeeklyChart
from guardian.ui.widgets import BigButton, label, scrolling

log = logging.getLogger(__name__)


# The caption of each field of a check, for the message about a field too long to import.
_FIELD_CAPTIONS = {
    "caller_number": "history.number",
    "caller_type": "history.caller",
    "text": "history.text",
    "answers": "history.answers",
    "signals": "history.signals",
    "actions": "history.actions",
}


def import_failure(ctx: AppContext, error: Exception) -> str:
    """Why an import was refused, in the person's language where it can be said plainly."""
    oversized = error.oversized if isinstance(error, HistoryImportError) else None
    if oversized is not None:
        caption = _FIELD_CAPTIONS.get(oversized.field)
        return ctx.t(
            "history.import_too_large",
            number=oversized.check_number,
            field=ctx.t(caption) if caption else oversized.field,
        )
    return ctx.t("history.import_failed", reason=str(error))


class HistoryScreen(Screen):
    """The list of checks with the weekly chart above and the family's tools.

    Args:
        ctx: the shared app context (its ``disk`` reads the history).
    """

    title_key = "history.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.records: list[CheckRecord] = []
        self.total = 0
        self.rows: dict[int, BigButton] = {}
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(36, 16, 36, 24)
        self.body_layout.setSpacing(12)
        # The lowest level holds checks that found a little and checks that found nothing.
        names = {
            "high": ctx.pick(ctx.content.advice.for_level("high").headline),
            "medium": ctx.pick(ctx.content.advice.for_level("medium").headline),
            "low": ctx.t("history.chart_low"),
        }
        self.chart = WeeklyChart([], names, ctx.t("history.week_format"), ctx.theme.body_pt)
        self.body_layout.addWidget(self.chart)
        self.summary = label("", "title")
        self.body_layout.addWidget(self.summary)
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(10)
        self.body_layout.addLayout(self.list_layout)
        self.more_button = BigButton(
            ctx.t("history.more"), "next", role=None, icon_px=ctx.theme.button_icon_px
        )
        self.more_button.clicked.connect(self.load_more)
        self.more_button.setVisible(False)
        self.body_layout.addWidget(self.more_button)
        self.message = label("", "banner")
        self.message.setVisible(False)
        self.body_layout.addWidget(self.message)
        self.body_layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body), 1)
        tools = QGridLayout()
        tools.setContentsMargins(36, 8, 36, 16)
        tools.setSpacing(12)
        px = ctx.theme.button_icon_px
        self.export_csv_button = BigButton(ctx.t("history.export_csv"), None, role=None)
        self.export_csv_button.clicked.connect(lambda: self._export("csv"))
        self.export_json_button = BigButton(ctx.t("history.export_json"), None, role=None)
        self.export_json_button.clicked.connect(lambda: self._export("json"))
        self.import_button = BigButton(ctx.t("history.import"), None, role=None)
        self.import_button.clicked.connect(self._choose_import)
        self.delete_all_button = BigButton(
            ctx.t("history.delete_all"), "delete", role=None, icon_px=px
        )
        self.delete_all_button.clicked.connect(self._confirm_delete_all)
        buttons = (
            self.export_csv_button,
            self.export_json_button,
            self.import_button,
            self.delete_all_button,
        )
        columns = 4 if ctx.theme.roomy else 2
        for index, button in enumerate(buttons):
            tools.addWidget(button, index // columns, index % columns)
        outer.addLayout(tools)
        self.reload()

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the first page, the count and the chart again."""
        for row in self.rows.values():
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows.clear()
        self.records = []
        today = self.ctx.today()
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            return
        disk.submit(
            history.first_page(today),
            on_done=self._show_first_page,
            on_error=self._read_failed,
        )

    def load_more(self) -> None:
        """Read the next page of older checks."""
        offset = len(self.records)
        if self.ctx.disk.accepting_jobs:
            self.ctx.disk.submit(
                history.page(offset, PAGE_SIZE),
                on_done=self._append,
                on_error=self._read_failed,
            )

    def _show_first_page(self, result: tuple[int, list[CheckRecord], list[WeekBucket]]) -> None:
        self.total, records, weeks = result
        self.chart.set_weeks(weeks)
        self.summary.setText(self.ctx.t("history.count", count=self.total))
        self._append(records)

    def _append(self, records: list[CheckRecord]) -> None:
        for record in records:
            if record.id is None or record.id in self.rows:
                continue
            row = BigButton(
                self.row_text(record),
                self.row_icon(record),
                role=None,
                icon_px=self.ctx.theme.button_icon_px,
            )
            row.clicked.connect(lambda _=False, r=record: self._open(r))
            self.list_layout.addWidget(row)
            self.rows[record.id] = row
            self.records.append(record)
        self.more_button.setVisible(len(self.records) < self.total)

    def _read_failed(self, error: Exception) -> None:
        log.error("the history could not be read: %s", error)
        self._show_message(self.ctx.t("history.read_failed"))

    def row_icon(self, record: CheckRecord) -> str:
        """The level's pictogram, or the history pictogram for an unfinished check."""
        return f"level_{record.level}" if record.level else "history"

    def row_text(self, record: CheckRecord) -> str:
        """One line for the list: time, what it was, the verdict, the number."""
        ctx = self.ctx
        level = (
            ctx.pick(
                ctx.content.advice.for_level(record.level, found=bool(record.signals)).headline
            )
            if record.level
            else ctx.t("history.unfinished")
        )
        parts = [local_time(record.started_at), ctx.t(f"history.kind_{record.kind}"), level]
        if record.caller_number:
            parts.append(shown(ctx, record.caller_number, SHOWN_NUMBER_CHARS))
        return "   ".join(parts)

    def _open(self, record: CheckRecord) -> None:
        self.ctx.navigator().open("history_detail", record=record, on_deleted=self.reload)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self.ctx.say(text)

    # -- family tools --------------------------------------------------------------------------

    def _confirm_delete_all(self) -> None:
        if self.delete_all_button.property("confirming"):
            self.delete_all()
            return
        self.delete_all_button.setProperty("confirming", True)
        self.delete_all_button.text_widget.setText(self.ctx.t("history.delete_all_confirm"))
        self.ctx.say(self.ctx.t("history.delete_all_confirm"))

    def delete_all(self) -> None:
        """Delete every check (after the second press), then show the empty history."""
        self.delete_all_button.setProperty("confirming", False)
        self.delete_all_button.text_widget.setText(self.ctx.t("history.delete_all"))
        if self.ctx.disk.accepting_jobs:
            self.ctx.disk.submit(history.delete_all, on_done=lambda _: self.reload())

    def export_to(self, kind: str, path: Path) -> None:
        """Export every check to ``path`` as CSV or JSON, off the window's thread."""
        if not self.ctx.disk.accepting_jobs:
            return
        self.ctx.disk.submit(
            history.export_to(kind, path),
            on_done=lambda count: self._show_message(
                self.ctx.t("history.exported", count=count, path=str(path))
            ),
            on_error=lambda error: self._show_message(self.ctx.t("history.export_failed")),
        )

    def import_from(self, path: Path) -> None:
        """Merge checks from a JSON export at ``path`` (all or nothing), then reload."""
        if not self.ctx.disk.accepting_jobs:
            return

        def done(result: ImportResult) -> None:
            self.reload()
            self._show_message(
                self.ctx.t("history.imported", added=result.added, skipped=result.skipped)
            )

        def failed(error: Exception) -> None:
            log.warning("import refused: %s", error)
            self._show_message(import_failure(self.ctx, error))

        self.ctx.disk.submit(history.import_from(path), on_done=done, on_error=failed)

    def _documents(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder or Path.home())

    def _export(self, kind: str) -> None:
        name = self.ctx.t(f"history.file_{kind}", date=self.ctx.today().isoformat())
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.ctx.t(f"history.export_{kind}"), str(self._documents() / name)
        )
        if chosen:
            self.export_to(kind, Path(chosen))

    def _choose_import(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.ctx.t("history.import"), str(self._documents()), "JSON (*.json)"
        )
        if chosen:
            self.import_from(Path(chosen))
