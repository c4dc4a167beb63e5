"""The report card form: what the police and the bank will ask, big fields, all optional.

What is typed is kept as it is typed (saved through the disk worker), read aloud on request,
and saved as a PDF in large type for printing. How the money was sent is a choice (the
"I already sent money" steps fill it in too). The card, on screen and on paper, warns that a
fee to get the money back is the same fraud.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from guardian.core.report_card import (
    CHOICES,
    FIELDS,
    ORDER,
    ReportCard,
    field_label,
    recovery_fee_warning,
)
from guardian.storage.checks import CheckStore
from guardian.storage.settings import SettingsStore
from guardian.ui.context import AppContext
from guardian.ui.report_pdf import report_html, write_report_pdf
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, scrolling

log = logging.getLogger(__name__)

SETTINGS_KEY = "report_card"
LONG_FIELDS = {"what_they_said", "apps_installed"}


def _load(db: Database) -> tuple[object, str | None]:
    """The saved card, and the caller's number of the latest check."""
    latest = CheckStore(db).page(0, 1)
    number = latest[0].caller_number if latest else None
    return SettingsStore(db).get(SETTINGS_KEY), number


def remember_choice(ctx: AppContext, name: str, value: str) -> None:
    """Write the choice ``value`` of field ``name`` on the saved card (the rest stays).

    Raises:
        ValueError: ``value`` is not one of the field's choices.
    """
    ReportCard().set(name, value)  # refused here, not on the disk worker
    if ctx.disk is None:
        return

    def job(db: Database) -> None:
        store = SettingsStore(db)
        card = ReportCard.from_mapping(store.get(SETTINGS_KEY))
        card.set(name, value)
        store.set(SETTINGS_KEY, card.to_mapping())

    ctx.disk.submit(job)


def warning_words(ctx: AppContext) -> str:
    """That a fee to get the money back is the same fraud, in the current language."""
    warning = recovery_fee_warning(ctx.content.tips)
    return ctx.pick(warning) if warning is not None else ""


class ReportCardScreen(Screen):
    """A form for the report card, with "read it to me" and "save as PDF".

    Args:
        ctx: the shared app context (its ``disk`` keeps the card).
    """

    title_key = "card.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.card = ReportCard()
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.choices: dict[str, dict[str, BigButton]] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(36, 16, 36, 24)
        layout.setSpacing(10)
        layout.addWidget(label(ctx.t("card.intro")))
        self.warning = label(warning_words(ctx), "banner")
        layout.addWidget(self.warning)
        for name in ORDER:
            caption = field_label(name)
            layout.addWidget(label(ctx.pick(caption), "title"))
            if name in CHOICES:
                layout.addLayout(self._choice_grid(name))
                continue
            limit = FIELDS[name][1]
            field: QLineEdit | QPlainTextEdit
            if name in LONG_FIELDS:
                field = QPlainTextEdit()
                field.setMinimumHeight(ctx.theme.min_target_px * 2)
                field.textChanged.connect(lambda n=name: self._changed(n))
            else:
                field = QLineEdit()
                field.setMaxLength(limit)
                field.textChanged.connect(lambda _=None, n=name: self._changed(n))
            field.setAccessibleName(ctx.pick(caption))
            field.setAccessibleDescription(ctx.t("card.optional"))
            layout.addWidget(field)
            self.fields[name] = field
        self.saved_to = label("", "soft")
        layout.addWidget(self.saved_to)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body), 1)
        actions = QGridLayout()
        actions.setContentsMargins(36, 8, 36, 16)
        actions.setSpacing(16)
        columns = 2 if ctx.theme.body_pt <= 28 else 1
        px = ctx.theme.button_icon_px
        self.read_button = BigButton(
            ctx.t("card.read"),
            "speaker",
            role="tile",
            icon_px=px,
            description=ctx.t("card.read_description"),
        )
        self.read_button.clicked.connect(lambda: ctx.say(self.spoken_text()))
        self.pdf_button = BigButton(
            ctx.t("card.pdf"),
            "printer",
            role="primary",
            icon_px=px,
            description=ctx.t("card.pdf_description"),
        )
        self.pdf_button.clicked.connect(self._choose_pdf)
        actions.addWidget(self.read_button, 0, 0)
        actions.addWidget(self.pdf_button, 0 if columns == 2 else 1, 1 if columns == 2 else 0)
        outer.addLayout(actions)
        self._loading = True
        self._set_fields_enabled(False)
        if ctx.disk is not None:
            ctx.disk.submit(_load, on_done=self._loaded, on_error=lambda _: self._done_loading())
        else:
            self._done_loading()

    def _choice_grid(self, name: str) -> QGridLayout:
        """A big button for each choice of field ``name``; a press chooses, a second clears."""
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = 3 if self.ctx.theme.roomy else 2
        self.choices[name] = {}
        for index, choice in enumerate(CHOICES[name][1]):
            button = BigButton("", None, role=None, description=self.ctx.t("card.optional"))
            button.clicked.connect(lambda _=False, c=choice: self._chosen(name, c))
            grid.addWidget(button, index // columns, index % columns)
            self.choices[name][choice] = button
        self._show_choice(name)
        return grid

    def _show_choice(self, name: str) -> None:
        """Mark the chosen button of field ``name`` in words (never by colour alone)."""
        chosen = getattr(self.card, name)
        for choice, button in self.choices[name].items():
            words = self.ctx.pick(CHOICES[name][1][choice])
            if choice == chosen:
                words = self.ctx.t("card.chosen", name=words)
            button.text_widget.setText(words)
            button.setAccessibleName(words)

    def _chosen(self, name: str, choice: str) -> None:
        if self._loading:
            return
        self.card.set(name, "" if getattr(self.card, name) == choice else choice)
        self._show_choice(name)
        self._save()

    def _set_fields_enabled(self, enabled: bool) -> None:
        for field in self.fields.values():
            field.setEnabled(enabled)
        for buttons in self.choices.values():
            for button in buttons.values():
                button.setEnabled(enabled)

    def _done_loading(self) -> None:
        self._loading = False
        self._set_fields_enabled(True)

    def _loaded(self, result: tuple[object, str | None]) -> None:
        saved, number = result
        card = ReportCard.from_mapping(saved)
        if not card.caller_number and number:
            card.set("caller_number", number)
        for name, field in self.fields.items():
            value = getattr(card, name)
            if isinstance(field, QPlainTextEdit):
                field.setPlainText(value)
            else:
                field.setText(value)
        self.card = card
        for name in self.choices:
            self._show_choice(name)
        self._done_loading()

    def _changed(self, name: str) -> None:
        if self._loading:
            return
        field = self.fields[name]
        text = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
        self.card.set(name, text)
        self._save()

    def _save(self) -> None:
        if self.ctx.disk is None:
            return
        data = self.card.to_mapping()
        self.ctx.disk.submit(lambda db: SettingsStore(db).set(SETTINGS_KEY, data))

    def spoken_text(self) -> str:
        """The card read aloud (or how to fill it in while it is empty), then the warning."""
        warning = warning_words(self.ctx)
        if self.card.is_empty():
            return self.ctx.sentences(self.title(), self.ctx.t("card.intro"), warning)
        return self.ctx.sentences(self.card.spoken(self.ctx.lang), warning)

    def save_pdf(self, path: Path) -> Path | None:
        """Write the card as a large-type PDF at ``path``, and tell the person how it went.

        Returns:
            The path written, or None when the file could not be written. Then the person
            hears and sees that it was not saved; the card keeps everything typed in it.
        """
        html = report_html(
            self.card,
            self.ctx.lang,
            self.ctx.t("card.title"),
            self.ctx.t("card.paper_note"),
            "______________________________",
            warning_words(self.ctx),
        )
        try:
            written = write_report_pdf(path, html)
        except OSError as error:
            log.error("the report card could not be written: %s", error)
            self.saved_to.setText(self.ctx.t("card.not_saved"))
            self.ctx.say(self.ctx.t("card.not_saved"))
            return None
        self.saved_to.setText(self.ctx.t("card.saved_to", path=str(written)))
        self.ctx.say(self.ctx.t("card.saved"))
        return written

    def _choose_pdf(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        default = Path(folder or Path.home()) / self.ctx.t(
            "card.file_name", date=date.today().isoformat()
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.ctx.t("card.pdf"), str(default), "PDF (*.pdf)"
        )
        if chosen:
            self.save_pdf(Path(chosen))
