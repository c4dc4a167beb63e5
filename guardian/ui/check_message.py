"""Check a message or a number: paste a text (or what the caller said) or type a number.

The result shows the level in words, icon and colour, the text with the matched phrases
marked (bold and underlined as well as coloured), the reasons, and advice; it is read aloud
and can be kept in the history. A text that names an organisation (a bank, a phone company,
医保, a courier, 支付宝...) gets one large button to call its public number yourself and ask;
never a number from the text.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import timezone

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from guardian.core.content import VerifyTarget
from guardian.core.fraud_types import FraudType
from guardian.core.i18n import Text
from guardian.core.number_check import check_number
from guardian.core.records import CheckRecord
from guardian.core.risk import Assessment, assess
from guardian.core.text_check import check_text
from guardian.core.verify import target_for_text
from guardian.phrases_loader import load_phrases, load_text_model
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.verdict import level_banner
from guardian.ui.verify import resolved, verify_button, verify_words
from guardian.ui.widgets import BigButton, label, scrolling

log = logging.getLogger(__name__)

MAX_TEXT = 5000
MARK_STYLE = "background-color:#fde68a; font-weight:bold; text-decoration:underline;"


class LimitedTextEdit(QPlainTextEdit):
    """A text box that takes at most ``limit`` characters, also when text is pasted.

    Laying out a megabyte of text would freeze the window, so a paste is cut to what fits.
    """

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste only as much text as still fits."""
        room = self.limit - len(self.toPlainText()) + len(self.textCursor().selectedText())
        if room > 0 and source.hasText():
            self.insertPlainText(source.text()[:room])

    def setPlainText(self, text: str) -> None:
        """Show ``text`` cut to the limit."""
        super().setPlainText(text[: self.limit])


@dataclass(frozen=True)
class MessageResult:
    """What a text or number check found, ready to show."""

    kind: str  # "text" or "number"
    subject: str
    assessment: Assessment
    spans: tuple[tuple[int, int], ...] = ()
    notes: tuple[Text, ...] = ()
    error: Text | None = None
    types: tuple[FraudType, ...] = ()
    verify: VerifyTarget | None = None


def marked_html(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Return ``text`` as HTML with the ``spans`` marked (overlapping spans are merged)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts: list[str] = []
    position = 0
    for start, end in merged:
        parts.append(html.escape(text[position:start]))
        parts.append(f'<span style="{MARK_STYLE}">{html.escape(text[start:end])}</span>')
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts).replace("\n", "<br>")


class CheckMessageScreen(Screen):
    """Text or number in, verdict out.

    Args:
        ctx: the shared app context.
    """

    title_key = "message.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: MessageResult | None = None
        self.saved_id: int | None = None
        self.verify_button: BigButton | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.text_page = scrolling(self._build_text_page())
        self.number_page = scrolling(self._build_number_page())
        self.result_page = QWidget()
        QVBoxLayout(self.result_page).setContentsMargins(0, 0, 0, 0)
        for page in (self.text_page, self.number_page, self.result_page):
            self.pages.addWidget(page)

    # -- input pages -----------------------------------------------------------------------

    def _build_text_page(self) -> QWidget:
        ctx = self.ctx
        self.text_field = LimitedTextEdit(MAX_TEXT)
        self.text_field.setPlaceholderText(ctx.t("message.text_placeholder"))
        self.text_field.setAccessibleName(ctx.t("message.text_prompt"))
        self.text_field.setAccessibleDescription(ctx.t("message.text_placeholder"))
        self.to_number = BigButton(
            ctx.t("message.to_number"), "keypad", role=None, icon_px=ctx.theme.button_icon_px
        )
        self.to_number.clicked.connect(lambda: self._show(self.number_page))
        self.check_text_button = self._check_button("message_check")
        self.check_text_button.clicked.connect(self.check_entered_text)
        page, self.text_problem = self._input_page(
            ctx.t("message.text_prompt"), self.text_field, self.to_number, self.check_text_button
        )
        return page

    def _build_number_page(self) -> QWidget:
        ctx = self.ctx
        self.number_field = QLineEdit()
        self.number_field.setMaxLength(32)
        self.number_field.setAccessibleName(ctx.t("message.number_prompt"))
        self.number_field.setAccessibleDescription(ctx.t("message.number_placeholder"))
        self.number_field.setPlaceholderText(ctx.t("message.number_placeholder"))
        self.number_field.setProperty("role", "number")
        self.number_field.returnPressed.connect(self.check_entered_number)
        self.to_text = BigButton(
            ctx.t("message.to_text"), "message_check", role=None, icon_px=ctx.theme.button_icon_px
        )
        self.to_text.clicked.connect(lambda: self._show(self.text_page))
        self.check_number_button = self._check_button("keypad")
        self.check_number_button.clicked.connect(self.check_entered_number)
        page, self.number_problem = self._input_page(
            ctx.t("message.number_prompt"),
            self.number_field,
            self.to_text,
            self.check_number_button,
        )
        return page

    def _check_button(self, icon: str) -> BigButton:
        """The "check" button of an input page."""
        return BigButton(
            self.ctx.t("message.check"),
            icon,
            role="primary",
            icon_px=self.ctx.theme.button_icon_px,
            description=self.ctx.t("message.check_description"),
        )

    @staticmethod
    def _input_page(
        prompt: str, field: QWidget, switch: BigButton, check: BigButton
    ) -> tuple[QWidget, QLabel]:
        """A page: the prompt, the field, a line for problems (hidden), then the two buttons.

        A text box takes the room the page has; a one-line field keeps its height.

        Returns:
            The page and its problem line.
        """
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(36, 16, 36, 20)
        layout.setSpacing(14)
        layout.addWidget(label(prompt, "title"))
        grows = not isinstance(field, QLineEdit)
        layout.addWidget(field, 1 if grows else 0)
        problem = label("", "banner")
        problem.setVisible(False)
        layout.addWidget(problem)
        if not grows:
            layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(switch)
        row.addWidget(check)
        layout.addLayout(row)
        return page, problem

    def _show(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self.header_changed.emit()
        if page is self.number_page:
            self.number_field.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page is self.text_page:
            self.text_field.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.ctx.auto_read:
            self.ctx.say(self.spoken_text())

    # -- checking ----------------------------------------------------------------------------

    def check_entered_text(self) -> None:
        """Check what is in the text box (a plain message when it is empty)."""
        text = self.text_field.toPlainText().strip()
        if not text:
            self._problem(self.text_problem, self.ctx.t("message.empty_text"))
            return
        text = "".join(ch for ch in text[:MAX_TEXT] if ch.isprintable() or ch in "\n\t")
        found = check_text(text, self.ctx.content, load_phrases(), model=load_text_model())
        spans = tuple(span for match in found.matches for span in match.spans)
        verify = resolved(self.ctx, target_for_text(self.ctx.content, text))
        self._show_result(
            MessageResult(
                "text", text, found.assessment, spans=spans, types=found.types, verify=verify
            )
        )

    def check_entered_number(self) -> None:
        """Check the number typed (a plain message when it cannot be read as a number)."""
        raw = self.number_field.text().strip()
        if not raw:
            self._problem(self.number_problem, self.ctx.t("message.empty_number"))
            return
        found = check_number(raw, self.ctx.content)
        if found.error is not None:
            self._problem(self.number_problem, self.ctx.pick(found.error))
            return
        extra = [(signal_id, "number") for signal_id in found.signals]
        assessment = assess(self.ctx.content, {}, extra=extra, warning_line=found.warning_line)
        self._show_result(MessageResult("number", raw, assessment, notes=found.notes))

    def _problem(self, where: QLabel, text: str) -> None:
        where.setText(text)
        where.setVisible(True)
        self.ctx.say(text)

    def _show_result(self, result: MessageResult) -> None:
        self.result = result
        self.saved_id = None
        old = self.result_page.layout()
        while old is not None and old.count():
            item = old.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        assert old is not None
        old.addWidget(self._result_view(result))
        self._show(self.result_page)

    def _result_view(self, result: MessageResult) -> QWidget:
        ctx = self.ctx
        theme = ctx.theme
        assessment = result.assessment
        view = QWidget()
        outer = QVBoxLayout(view)
        outer.setContentsMargins(36, 16, 36, 16)
        outer.setSpacing(12)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.setSpacing(12)
        banner, self.headline = level_banner(ctx, assessment)
        layout.addWidget(banner)
        for kind in result.types:
            layout.addWidget(label(ctx.t("message.fraud_type", name=ctx.pick(kind.name)), "title"))
            layout.addWidget(label(ctx.pick(kind.why)))
            layout.addWidget(label(ctx.pick(kind.todo), "heading"))
        if result.kind == "text":
            self.marked = QTextBrowser()
            self.marked.setHtml(marked_html(result.subject, result.spans))
            self.marked.setAccessibleName(ctx.t("message.your_text"))
            self.marked.setMinimumHeight(theme.min_target_px * 2)
            layout.addWidget(label(ctx.t("message.your_text"), "heading"))
            layout.addWidget(self.marked)
        else:
            layout.addWidget(label(ctx.t("message.your_number", number=result.subject), "title"))
        for finding in assessment.findings:
            layout.addWidget(label(ctx.pick(finding.signal.title), "title"))
            layout.addWidget(label(ctx.pick(finding.signal.reason)))
        for note in result.notes:
            layout.addWidget(label(f"• {ctx.pick(note)}"))
        for item in assessment.advice:
            layout.addWidget(label(f"• {ctx.pick(item)}"))
        self.verify_button = None
        target = result.verify
        if target is not None:
            self.verify_button = verify_button(ctx, target)
            self.verify_button.clicked.connect(
                lambda: ctx.navigator().open("verify", target=target)
            )
            layout.addWidget(self.verify_button)
        layout.addWidget(label(ctx.pick(assessment.rules), "title"))
        self.save_state = label("", "soft")
        layout.addWidget(self.save_state)
        layout.addStretch(1)
        outer.addWidget(scrolling(body), 1)
        buttons = QGridLayout()
        buttons.setSpacing(12)
        px = theme.button_icon_px
        self.keep_button = BigButton(ctx.t("message.keep"), "history", role=None, icon_px=px)
        self.keep_button.clicked.connect(self.keep)
        self.again_button = BigButton(ctx.t("message.again"), "replay", role=None, icon_px=px)
        self.again_button.clicked.connect(self.check_another)
        self.family_button = BigButton(
            ctx.t("verdict.call_family"), "family", role="primary", icon_px=px
        )
        self.family_button.clicked.connect(lambda: ctx.navigator().open("call_family"))
        self.antifraud_button = BigButton(
            ctx.t("verdict.call_96110"), "hotline_96110", role=None, icon_px=px
        )
        self.antifraud_button.clicked.connect(lambda: ctx.navigator().open("call_antifraud"))
        columns = 4 if ctx.lang == "zh" and theme.roomy else 2
        for index, button in enumerate(
            (self.family_button, self.antifraud_button, self.keep_button, self.again_button)
        ):
            buttons.addWidget(button, index // columns, index % columns)
        outer.addLayout(buttons)
        return view

    def check_another(self) -> None:
        """Go back to an empty text box."""
        self.text_field.clear()
        self.number_field.clear()
        self.text_problem.setVisible(False)
        self.number_problem.setVisible(False)
        self._show(
            self.text_page
            if self.result is None or self.result.kind == "text"
            else self.number_page
        )

    def keep(self) -> None:
        """Keep this result in the history (once)."""
        result = self.result
        if result is None or self.saved_id is not None or self.ctx.disk is None:
            return
        from guardian.storage.checks import CheckStore

        now = self.ctx.now().astimezone(timezone.utc)
        record = CheckRecord(
            kind=result.kind,
            status="finished",
            started_at=now,
            updated_at=now,
            caller_number=result.subject if result.kind == "number" else None,
            text=result.subject if result.kind == "text" else None,
            level=result.assessment.level.value,
            signals=list(result.assessment.signal_ids),
            lang=self.ctx.lang,
        )

        def done(check_id: int) -> None:
            self.saved_id = check_id
            self.save_state.setText(self.ctx.t("message.kept"))
            self.keep_button.setEnabled(False)
            self.ctx.say(self.ctx.t("message.kept"))

        def failed(error: Exception) -> None:
            log.error("the result could not be kept: %s", error)
            self.save_state.setText(self.ctx.t("message.not_kept"))
            self.ctx.say(self.ctx.t("message.not_kept"))

        self.ctx.disk.submit(lambda db: CheckStore(db).save(record), on_done=done, on_error=failed)

    # -- screen ------------------------------------------------------------------------------

    def handle_back(self) -> bool:
        """From the result or the number page, go back to the text box."""
        if self.pages.currentWidget() is self.text_page:
            return False
        self._show(self.text_page)
        return True

    def entered(self) -> None:
        """Put the keyboard in the text box."""
        if self.pages.currentWidget() is self.text_page:
            self.text_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def spoken_text(self) -> str:
        """The prompt, or the result: headline, signals, notes, advice, rules."""
        ctx = self.ctx
        page = self.pages.currentWidget()
        if page is self.text_page:
            return ctx.sentences(ctx.t("message.text_prompt"), ctx.t("message.text_placeholder"))
        if page is self.number_page:
            return ctx.t("message.number_prompt")
        result = self.result
        if result is None:
            return self.title()
        assessment = result.assessment
        parts = [ctx.pick(assessment.headline)]
        for kind in result.types:
            parts.append(ctx.t("message.fraud_type", name=ctx.pick(kind.name)))
            parts += [ctx.pick(kind.why), ctx.pick(kind.todo)]
        parts += [ctx.pick(f.signal.title) for f in assessment.findings]
        parts += [ctx.pick(note) for note in result.notes]
        parts += [ctx.pick(item) for item in assessment.advice]
        if result.verify is not None:
            parts.append(verify_words(ctx, result.verify))
        parts.append(ctx.pick(assessment.rules))
        return ctx.sentences(*parts)
