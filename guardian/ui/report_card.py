"""The report card form: what the police and the bank will ask, big fields, all optional.

What is typed is kept as it is typed (saved through the disk worker), read aloud on request,
and saved as a PDF in large type for printing. How the money was sent is a choice (the
"I already sent money" steps fill it in too). The card, on screen and on paper, warns that a
fee to get the money back is the same fraud.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guardian.core.money_amounts import find_amounts
from guardian.core.records import CheckRecord
from guardian.core.report_card import (
    CHOICES,
    FIELDS,
    ORDER,
    ReportCard,
    field_label,
)
from guardian.services import report
from guardian.services.report import StoredCard
from guardian.ui.context import AppContext
from guardian.ui.paged_column import PagedColumn
from guardian.ui.report_parts import warning_words
from guardian.ui.report_pdf import report_html, write_report_pdf
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label

log = logging.getLogger(__name__)

LONG_FIELDS = {"what_they_said", "apps_installed"}
RECENT = timedelta(days=2)
"""How recent the latest check must be to fill in the card (an older one is another story)."""

FileOpener = Callable[[QUrl], bool]
"""Opens a file in the computer's own program (the PDF viewer) and says whether it could."""


def amounts_in(text: str) -> list[str]:
    """The sums of money named in ``text`` ("5万元", "¥3,000"), each once, in order."""
    return list(dict.fromkeys(amount.text.strip() for amount in find_amounts(text)))


def from_check(ctx: AppContext, record: CheckRecord) -> dict[str, str]:
    """What the check ``record`` tells the card: the caller's number and what happened.

    "What they said" gets when the call or message came, who the caller said they were, what
    they asked for (the red signals found), and the sums of money a checked message named.
    """
    when = record.started_at.astimezone(ctx.now().tzinfo)
    parts = [
        ctx.t(
            "card.from_check_when",
            year=when.year,
            month=when.month,
            day=when.day,
            time=f"{when.hour:02d}:{when.minute:02d}",
        )
    ]
    if record.caller_type:
        try:
            caller = ctx.pick(ctx.content.caller(record.caller_type).label)
        except LookupError:
            caller = ""
        if caller:
            parts.append(ctx.t("card.from_check_caller", caller=caller))
    titles = []
    for signal_id in record.signals:
        try:
            titles.append(ctx.pick(ctx.content.signal(signal_id).title))
        except LookupError:
            continue
    if titles:
        joiner = "；" if ctx.lang == "zh" else "; "
        parts.append(ctx.t("card.from_check_signals", signals=joiner.join(titles)))
    if record.text:
        parts.append(ctx.t("card.from_check_text", text=record.text.strip()))
        sums = amounts_in(record.text)
        if sums:
            joiner = "、" if ctx.lang == "zh" else ", "
            parts.append(ctx.t("card.from_check_amounts", amounts=joiner.join(sums)))
    filled = {"what_they_said": ctx.sentences(*parts)}
    if record.caller_number:
        filled["caller_number"] = record.caller_number
    return filled


class ReportCardScreen(Screen):
    """The report card: a first page the older person uses, and a form for the helper.

    The first page says the family or police fill it in, what is already written, the warning,
    and has "read it to me", "print it" and "fill in"; the form has every field.

    Args:
        ctx: the shared app context (its ``disk`` keeps the card; ``services.file_opener``,
            if set, opens the printed card instead of the desktop's own viewer).
    """

    title_key = "card.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.card = ReportCard()
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.choices: dict[str, dict[str, BigButton]] = {}
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder = Path(folder or Path.home())
        """Where "print it" writes the card."""
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.stack.addWidget(self._cover())
        self.stack.addWidget(self._form())
        self._loading = True
        self._set_fields_enabled(False)
        if ctx.disk.accepting_jobs:
            ctx.disk.submit(
                report.load, on_done=self._loaded, on_error=lambda _: self._done_loading()
            )
        else:
            self._done_loading()

    # -- building ----------------------------------------------------------------------------

    def _cover(self) -> QWidget:
        """The first page: who fills it in, what is on it, the warning, read / print / fill in."""
        ctx = self.ctx
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(36, 12, 36, 16)
        layout.setSpacing(12)
        self.for_helper = label(ctx.t("card.for_helper"), "title" if ctx.theme.roomy else "heading")
        layout.addWidget(self.for_helper)
        self.summary = label(ctx.t("card.intro"))
        layout.addWidget(self.summary)
        self.warning = label(warning_words(ctx), "banner")
        layout.addWidget(self.warning)
        self.saved_to = label("", "soft")
        self.saved_to.setVisible(False)
        layout.addWidget(self.saved_to)
        layout.addStretch(1)
        actions = QGridLayout()
        actions.setSpacing(16)
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
        self.pdf_button.clicked.connect(self.print_card)
        self.fill_button = BigButton(
            ctx.t("card.fill"),
            "fill_in",
            role="tile",
            icon_px=px,
            description=ctx.t("card.fill_description"),
        )
        self.fill_button.clicked.connect(self.show_form)
        actions.addWidget(self.pdf_button, 0, 0, 1, 2)
        actions.addWidget(self.read_button, 1, 0)
        actions.addWidget(self.fill_button, 1, 1)
        layout.addLayout(actions)
        return page

    def _form(self) -> QWidget:
        """Every field, for the family or a police officer to fill in; "done" goes back.

        The fields are shared out into pages with a big "下一页" (never a scroll bar): each
        caption stays with its field, and "done" comes after the last one.
        """
        ctx = self.ctx
        self.form_pages = PagedColumn(ctx, spacing=10)
        self.form_pages.add(label(ctx.t("card.form_intro")))
        for name in ORDER:
            caption = field_label(name)
            block = QWidget()
            inner = QVBoxLayout(block)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(8)
            inner.addWidget(label(ctx.pick(caption), "heading"))
            if name in CHOICES:
                inner.addLayout(self._choice_grid(name))
                self.form_pages.add(block)
                continue
            limit = FIELDS[name][1]
            field: QLineEdit | QPlainTextEdit
            if name in LONG_FIELDS:
                field = QPlainTextEdit()
                field.setFixedHeight(ctx.theme.min_target_px * 2)
                field.textChanged.connect(lambda n=name: self._changed(n))
            else:
                field = QLineEdit()
                field.setMaxLength(limit)
                field.textChanged.connect(lambda _=None, n=name: self._changed(n))
            field.setAccessibleName(ctx.pick(caption))
            field.setAccessibleDescription(ctx.t("card.optional"))
            inner.addWidget(field)
            self.form_pages.add(block)
            self.fields[name] = field
        # "Done" ends the last page; on every page 返回 goes back to the first page as well
        # (what is typed is kept as it is typed).
        self.done_button = BigButton(
            ctx.t("card.done_filling"),
            "answer_yes",
            role="primary",
            icon_px=ctx.theme.button_icon_px,
            description=ctx.t("card.done_filling_description"),
        )
        self.done_button.clicked.connect(self.show_cover)
        self.form_pages.add(self.done_button)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(36, 16, 36, 16)
        column.addWidget(self.form_pages, 1)
        return page

    def _choice_grid(self, name: str) -> QGridLayout:
        """A big button for each choice of field ``name``; a press chooses, a second clears."""
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = 3  # three short words a row: the whole choice fits one page
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

    def _loaded(self, stored: StoredCard) -> None:
        saved, latest, filled_from = stored
        card = ReportCard.from_mapping(saved)
        prefill = (
            latest is not None
            and latest.id != filled_from
            and self.ctx.now() - latest.started_at <= RECENT
        )
        if prefill and latest is not None:
            for name, value in from_check(self.ctx, latest).items():
                if not getattr(card, name):
                    card.set(name, value)
        for name, field in self.fields.items():
            value = getattr(card, name)
            if isinstance(field, QPlainTextEdit):
                field.setPlainText(value)
            else:
                field.setText(value)
        self.card = card
        for name in self.choices:
            self._show_choice(name)
        self._show_summary()
        self._done_loading()
        if prefill and latest is not None and self.ctx.disk.accepting_jobs:
            self.ctx.disk.submit(report.keep_filled_from(card.to_mapping(), latest.id))
        if self.ctx.auto_read and self.ctx.nav is not None:
            current = getattr(self.ctx.nav, "current_screen", None)
            if callable(current) and current() is self:
                self.ctx.say(self.spoken_text())  # now with what the card says

    def _show_summary(self) -> None:
        """Say on the first page which things the card already has."""
        filled = self.card.filled(self.ctx.lang)
        if not filled:
            self.summary.setText(self.ctx.t("card.intro"))
            return
        joiner = "、" if self.ctx.lang == "zh" else ", "
        names = joiner.join(caption for caption, _ in filled)
        self.summary.setText(self.ctx.t("card.already", names=names))

    def show_form(self) -> None:
        """Show every field, for the family or a police officer to fill in."""
        self.form_pages.show_page(0)
        self.stack.setCurrentIndex(1)
        self.ctx.say(self.form_pages.page_text())

    def show_cover(self) -> None:
        """Back to the first page, with what the card now has."""
        self._show_summary()
        self.stack.setCurrentIndex(0)
        self.ctx.say(self.spoken_text())

    def handle_back(self) -> bool:
        """On the form, go back to the first page; on the first page, leave the screen."""
        if self.stack.currentIndex() == 1:
            self.show_cover()
            return True
        return False

    def _changed(self, name: str) -> None:
        if self._loading:
            return
        field = self.fields[name]
        text = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
        self.card.set(name, text)
        self._save()

    def _save(self) -> None:
        if self.ctx.disk.accepting_jobs:
            self.ctx.disk.submit(report.keep(self.card.to_mapping()))

    def spoken_text(self) -> str:
        """Who fills it in, the card read aloud (or that it is empty), then the warning."""
        ctx = self.ctx
        warning = warning_words(ctx)
        if self.card.is_empty():
            return ctx.sentences(
                self.title(), ctx.t("card.for_helper"), ctx.t("card.intro"), warning
            )
        return ctx.sentences(
            self.title(), ctx.t("card.for_helper"), self.card.spoken(ctx.lang), warning
        )

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
            self.saved_to.setVisible(True)
            self.ctx.say(self.ctx.t("card.not_saved"))
            return None
        self.saved_to.setText(self.ctx.t("card.saved_to", path=str(written)))
        self.saved_to.setVisible(True)
        self.ctx.say(self.ctx.t("card.saved"))
        return written

    def print_card(self) -> Path | None:
        """Write the card as a PDF in :attr:`folder` and open it in the computer's viewer.

        From the viewer the family prints it, or the file is shown to the police. A card
        written earlier is never overwritten: the new one gets a number.

        Returns:
            The file written, or None when it could not be written (the person is told).
        """
        stamp = self.ctx.now().strftime("%Y-%m-%d")
        name = self.ctx.t("card.file_name", date=stamp)
        path = self.folder / name
        number = 2
        while path.exists():
            path = self.folder / f"{Path(name).stem}-{number}{Path(name).suffix}"
            number += 1
        written = self.save_pdf(path)
        if written is not None:
            opener = self.ctx.services.file_opener
            open_file: FileOpener = opener if opener is not None else QDesktopServices.openUrl
            if not open_file(QUrl.fromLocalFile(str(written))):
                log.info("no program opened the report card at %s", written)
        return written
