"""Check a message or a number: paste a text (or what the caller said) or type a number.

The result is laid out like the call verdict: the level in words, icon and colour; one huge
line of what to do now; the big buttons to the family, 110 and 96110; then why (the kind of
fraud by name, the marked words, each signal and its reason, what to do) and the text itself
with the matched phrases marked (bold and underlined as well as coloured). What does not fit
the window goes on the next page, behind a big "下一页"; nothing scrolls. It is read aloud.

Every result is saved to the history by itself: the finished record is handed to the disk
worker before the result shows (the window never waits for the disk), in one transaction, so
the history holds the whole check or nothing of it; a save that fails says so plainly and is
tried again. On the highest level the family is alerted as after a call check.

A text that names an organisation (a bank, a phone company, 医保, a courier, 支付宝...) gets one
large button to call its public number yourself and ask; never a number from the text.

A text read from a picture (and not rewritten since) shows the picture right after the first
page of the verdict, as wide as the page, with a box in the verdict's colour around each marked
word, and one big "把图片留下给家人看". The picture stays in memory only; it is written to the
history, with its check, only when that button is pressed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from PySide6.QtCore import QMimeData, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from guardian.core.content import VerifyTarget
from guardian.core.fraud_types import FraudType
from guardian.core.i18n import Text
from guardian.core.number_check import check_number
from guardian.core.picture_marks import (
    KeptPicture,
    PictureWords,
    char_width,
    from_picture,
    kept_picture,
)
from guardian.core.records import CheckRecord
from guardian.core.risk import Assessment, Level, assess
from guardian.core.text_check import check_text
from guardian.core.verify import target_for_text
from guardian.ui.action_buttons import action_row
from guardian.ui.context import AppContext
from guardian.ui.family_alerts import not_told_notice, queue_family_alert
from guardian.ui.marked_picture import MarkedPicture, level_colour
from guardian.ui.paged_column import PagedColumn, block_height
from guardian.ui.picture_input import PictureInput
from guardian.ui.screen import Screen
from guardian.ui.verdict import level_banner
from guardian.ui.verify_widgets import resolved, verify_button, verify_words
from guardian.ui.widgets import BigButton, group_as_typed, label, scrolling, set_enum_property

log = logging.getLogger(__name__)

MAX_TEXT = 5000
MARK_BACKGROUND = "#fde68a"
PIECE_CHARS = 60
"""The most characters of the checked text in one block of the result, counted as Chinese
characters (a Latin letter, digit or space counts half): a block always fits a page, also at
the largest text size on the smallest window."""
BREAKS = "。！？!?；;，,、\n "
"""Where a long text is best cut into blocks (after one of these characters)."""
SAVE_RETRY_MS = 15_000
"""How long a check that could not be saved waits before it is saved again: as long as its
family alert waits (family_alerts.RETRY_MS), so that the check is written again first and the
alert that follows it names it."""


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
    picture: KeptPicture | None = None


# -- the checked text, marked and cut into blocks ---------------------------------------------


def merged_spans(spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The ``spans`` in order, overlapping and touching ones merged into one."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


MARKED_WORDS_LISTED = 5
"""The most marked words listed among the reasons (the text below shows every mark)."""
MARKED_WORD_CHARS = 24
"""A marked part wider than this many Chinese characters is listed cut short, at a word, with
"…"."""


def _fits(text: str, start: int, wide: int) -> int:
    """The end of the longest part of ``text`` from ``start`` at most ``wide`` characters wide.

    Counted as Chinese characters: a Latin letter, digit or space counts half
    (:func:`~guardian.core.picture_marks.char_width`).
    """
    used, end = 0, start
    while end < len(text) and used + char_width(text[end]) <= 2 * wide:
        used += char_width(text[end])
        end += 1
    return end


def shortened(word: str, wide: int = MARKED_WORD_CHARS) -> str:
    """``word`` cut to at most ``wide`` Chinese characters' width, with "…", never mid-word.

    A Latin word is never split: the cut goes back to the space before it (a run of Chinese
    characters may be cut anywhere).
    """
    end = _fits(word, 0, wide - 1)
    if end >= len(word) or _fits(word, 0, wide) >= len(word):
        return word
    inside_a_word = all(ch.isascii() and ch.isalnum() for ch in (word[end - 1], word[end]))
    space = word.rfind(" ", 0, end)
    if inside_a_word and space > 0:
        end = space
    return word[:end].rstrip(" ,.;:-") + "…"


def marked_words(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    """The first few marked parts of ``text``, each once, in the order they first appear.

    At most :data:`MARKED_WORDS_LISTED`, each cut to :data:`MARKED_WORD_CHARS` Chinese
    characters' width at a word (:func:`shortened`), so the line listing them always fits a page.
    """
    words: list[str] = []
    for start, end in merged_spans(spans):
        word = shortened(" ".join(text[start:end].split()))
        if word and word not in words:
            words.append(word)
        if len(words) == MARKED_WORDS_LISTED:
            break
    return words


def text_pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces at most ``limit`` Chinese characters wide, at a sentence or word.

    A Latin letter, digit or space counts half a Chinese character (:func:`char_width`), so an
    English text of a few lines stays one piece, on one page.

    Returns:
        (start, end) of each piece; together they are the whole text, in order.
    """
    pieces: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = max(start + 1, _fits(text, start, limit))
        if end < len(text):
            cut = max(text.rfind(ch, start + (end - start) // 2, end) for ch in BREAKS)
            if cut >= 0:
                end = cut + 1
        pieces.append((start, end))
        start = end
    return pieces


def mark(document: QTextDocument, text: str, spans: list[tuple[int, int]]) -> None:
    """Put ``text`` in ``document`` as plain text, the ``spans`` marked (colour, bold, line)."""
    document.setPlainText(text)
    marked = QTextCharFormat()
    marked.setBackground(QColor(MARK_BACKGROUND))
    marked.setFontWeight(QFont.Weight.Bold)
    marked.setFontUnderline(True)
    cursor = QTextCursor(document)
    for start, end in spans:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(marked)


class MarkedPiece(QTextBrowser):
    """A piece of the checked text with its marks, as tall as its lines: it never scrolls.

    The text is set as plain text (never read as HTML) and the marks are character formats.

    Args:
        text: the piece of the text.
        spans: the marked parts, as positions in ``text``.
        name: the accessible name (what the piece is).
    """

    def __init__(
        self, text: str, spans: list[tuple[int, int]], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        set_enum_property(self, "verticalScrollBarPolicy", "ScrollBarAlwaysOff")
        set_enum_property(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setAccessibleName(name)
        self.setStyleSheet(
            "QTextBrowser { border: none; border-left: 6px solid #b8c2cf; background: transparent;"
            " padding: 0px 0px 0px 12px; min-height: 0px; }"
        )
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        mark(self.document(), text, spans)

    def hasHeightForWidth(self) -> bool:
        """Its height follows from the width its lines wrap at."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The height all its lines need when it is ``width`` wide."""
        self.ensurePolished()
        margins = self.contentsMargins()
        viewport = self.viewportMargins()
        inner = width - margins.left() - margins.right() - viewport.left() - viewport.right()
        document = self.document().clone()
        document.setDefaultFont(self.font())
        document.setTextWidth(max(1, inner))
        chrome = margins.top() + margins.bottom() + viewport.top() + viewport.bottom()
        return int(document.size().height() + 0.999) + chrome

    def sizeHint(self) -> QSize:
        """As tall as its lines at its present width."""
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """Never less than one line."""
        return QSize(100, self.fontMetrics().lineSpacing())


# -- one check on its way to the history -------------------------------------------------------


@dataclass(eq=False)
class SavedCheck:
    """One checked message or number, and its history number once it is saved.

    Attributes:
        record: the check as it is to be stored (the actions are added as the person acts).
        id: the history number; set on the disk worker's thread when it is first saved.
    """

    record: CheckRecord
    id: int | None = None


def record_for(result: MessageResult, now: datetime, lang: str) -> CheckRecord:
    """The finished history record of ``result``, checked at ``now``."""
    return CheckRecord(
        kind=result.kind,
        status="finished",
        started_at=now,
        updated_at=now,
        caller_number=result.subject if result.kind == "number" else None,
        text=result.subject if result.kind == "text" else None,
        level=result.assessment.level.value,
        signals=list(result.assessment.signal_ids),
        lang=lang,
    )


class CheckMessageScreen(Screen):
    """Text or number in, verdict out; saved to the history and told to the family.

    Args:
        ctx: the shared app context (its ``disk`` saves each check and writes family alerts).
    """

    title_key = "message.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: MessageResult | None = None
        self.check: SavedCheck | None = None
        self.unsaved: list[SavedCheck] = []
        self.closed = False
        self.verify_button: BigButton | None = None
        self.pager: PagedColumn | None = None
        self.buttons: dict[str, BigButton] = {}
        self.marked: QTextDocument | None = None
        self.marked_pieces: list[MarkedPiece] = []
        # The picture the words in the box were read from (in memory only), and on the result
        # of a check made from it: the picture shown, and the button that keeps it.
        self.picture_words: PictureWords | None = None
        self.picture_view: MarkedPicture | None = None
        self.picture_block: QWidget | None = None
        self.keep_picture_button: BigButton | None = None
        self.picture_kept = False
        self.picture_keeping = False
        # The alert of the current check: True once it is in the outbox (the family will be
        # told); waiting while it is being written; not_told after a failed write.
        self.family_alerted = False
        self.family_alert_waiting = False
        self.family_not_told = False
        # After a failed save, the check is saved again on its own every half minute.
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(SAVE_RETRY_MS)
        self.retry_timer.timeout.connect(self._save_again)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.text_page = scrolling(self._build_text_page())
        self.number_page = scrolling(self._build_number_page())
        self.picture_page = scrolling(self._build_picture_page())
        self.result_page = QWidget()
        QVBoxLayout(self.result_page).setContentsMargins(0, 0, 0, 0)
        for page in (self.text_page, self.number_page, self.picture_page, self.result_page):
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
        # A screenshot or a photo of the phone instead of typing: its own page.
        self.to_picture = BigButton(
            ctx.t("message.to_picture"),
            "picture_check",
            role=None,
            icon_px=ctx.theme.button_icon_px,
        )
        self.to_picture.clicked.connect(lambda: self._show(self.picture_page))
        page, self.text_problem = self._input_page(
            ctx.t("message.text_prompt"),
            self.text_field,
            self.to_number,
            self.check_text_button,
            also=self.to_picture,
        )
        return page

    def _build_picture_page(self) -> QWidget:
        """The ways to bring a picture of the message; its words go into the text box."""
        ctx = self.ctx
        self.picture_input = PictureInput(ctx)
        self.picture_input.picture_read.connect(self._picture_came)
        self.picture_input.words_read.connect(self.check_picture_words)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(36, 16, 36, 20)
        layout.setSpacing(14)
        layout.addWidget(label(ctx.t("message.picture_prompt"), "title"))
        layout.addWidget(self.picture_input)
        layout.addStretch(1)
        # It opens the text box: typing is the other way, not "check a message".
        self.picture_to_text = BigButton(
            ctx.t("message.type_words"),
            "type_words",
            role=None,
            icon_px=ctx.theme.button_icon_px,
            description=ctx.t("message.type_words_description"),
        )
        self.picture_to_text.clicked.connect(lambda: self._show(self.text_page))
        layout.addWidget(self.picture_to_text)
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
        group_as_typed(self.number_field)
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
        prompt: str,
        field: QWidget,
        switch: BigButton,
        check: BigButton,
        also: BigButton | None = None,
    ) -> tuple[QWidget, QLabel]:
        """A page: the prompt, the field, a line for problems (hidden), then the buttons.

        A text box takes the room the page has; a one-line field keeps its height. ``also``
        (to a picture of the message) goes between the switch and the check button.

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
        # Equal shares: each button's longest word fits, whatever the language.
        row.addWidget(switch, 1)
        if also is not None:
            row.addWidget(also, 1)
        row.addWidget(check, 1)
        layout.addLayout(row)
        return page, problem

    def _show(self, page: QWidget) -> None:
        if page is not self.picture_page and self.picture_input.reading:
            self.picture_input.cancel()  # left while reading: its words would come unasked
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
        found = check_text(text, self.ctx.content, self.ctx.phrases, model=self.ctx.text_model)
        spans = tuple(span for match in found.matches for span in match.spans)
        verify = resolved(self.ctx, target_for_text(self.ctx.content, text))
        words = self.picture_words
        picture = None
        if words is not None and from_picture(words.text, text):
            picture = kept_picture(words, text, merged_spans(spans))
        self._show_result(
            MessageResult(
                "text",
                text,
                found.assessment,
                spans=spans,
                types=found.types,
                verify=verify,
                picture=picture,
            )
        )

    def _picture_came(self, words: PictureWords) -> None:
        """A picture was read: keep it in memory for the check its words are about to get."""
        self.picture_words = words

    def check_picture_words(self, words: str) -> None:
        """Put the words read from a picture in the box, say they may be misread, and check.

        Back from the result leads to the box, where the words can be corrected.
        """
        self.text_field.setPlainText(words)
        self._problem(self.text_problem, self.picture_input.correction_note())
        self.pages.setCurrentWidget(self.text_page)
        self.check_entered_text()

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
        """Save the check (queued before it shows), show it, and tell the family if high."""
        self.result = result
        check = SavedCheck(record_for(result, self._now(), self.ctx.lang))
        self.check = check
        self._save(check)
        self.family_alerted = self.family_alert_waiting = self.family_not_told = False
        old = self.result_page.layout()
        assert old is not None
        while old.count():
            item = old.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        old.addWidget(self._result_view(result))
        if result.assessment.level == Level.HIGH:
            self._alert_family(check, result)
        self._show(self.result_page)

    # -- the result --------------------------------------------------------------------------

    def now_line(self, result: MessageResult) -> str:
        """The one thing to do now, for this kind of check and this verdict."""
        return self.ctx.t(f"message.now_{result.kind}_{result.assessment.verdict}")

    def _result_view(self, result: MessageResult) -> QWidget:
        ctx = self.ctx
        assessment = result.assessment
        view = QWidget()
        outer = QVBoxLayout(view)
        outer.setContentsMargins(36, 8, 36, 12)
        pager = PagedColumn(ctx, spacing=10)
        self.pager = pager
        outer.addWidget(pager, 1)
        # On the first page only: with the largest text on a small window the level, what to
        # do now and the buttons take the whole of it.
        banner, self.headline = level_banner(ctx, assessment)
        pager.add(banner)
        self.now_label = label(self.now_line(result), "title")
        pager.add(self.now_label)
        self.family_notice = not_told_notice()
        pager.add(self.family_notice, shown=False)
        self.save_notice = label(ctx.t("check.not_saved"), "banner")
        pager.add(self.save_notice, shown=False)
        row, self.buttons = action_row(ctx, self._act)
        self.family_button = self.buttons["call_family"]
        self.police_button = self.buttons["call_police"]
        self.antifraud_button = self.buttons["call_antifraud"]
        pager.add(row)
        # The picture the text was read from comes next: right after the first page.
        self._add_picture(pager, result)

        for kind in result.types:
            name = label(ctx.t("message.fraud_type", name=ctx.pick(kind.name)), "title")
            pager.add(name, keep_with_next=True)
            pager.add(label(ctx.pick(kind.why)))
            pager.add(label(ctx.pick(kind.todo), "heading"))
        if result.kind == "number":
            pager.add(label(ctx.t("message.your_number", number=result.subject), "title"))
        words = self.marked_words_line(result)
        if words:
            pager.add(label(words, "heading"))
        for finding in assessment.findings:
            pager.add(label(ctx.pick(finding.signal.title), "title"), keep_with_next=True)
            pager.add(label(ctx.pick(finding.signal.reason)))
        for note in result.notes:
            pager.add(label(f"• {ctx.pick(note)}"))
        for item in assessment.advice:
            pager.add(label(f"• {ctx.pick(item)}"))
        self.verify_button = None
        target = result.verify
        if target is not None:
            self.verify_button = verify_button(ctx, target)
            self.verify_button.clicked.connect(lambda: self._act("verify"))
            pager.add(self.verify_button)
        pager.add(label(ctx.pick(assessment.rules), "title"))
        self.again_button = BigButton(
            ctx.t("message.again"), "replay", role=None, icon_px=ctx.theme.button_icon_px
        )
        self.again_button.clicked.connect(self.check_another)
        pager.add(self.again_button)

        self.marked = None
        self.marked_pieces = []
        if result.kind == "text":
            self.marked = QTextDocument(view)
            spans = merged_spans(result.spans)
            mark(self.marked, result.subject, spans)
            pager.add(label(ctx.t("message.your_text"), "heading"), keep_with_next=True)
            for start, end in text_pieces(result.subject):
                inside = [
                    (max(s, start) - start, min(e, end) - start)
                    for s, e in spans
                    if s < end and e > start
                ]
                piece = MarkedPiece(result.subject[start:end], inside, ctx.t("message.your_text"))
                self.marked_pieces.append(piece)
                pager.add(piece)
        return view

    def picture_heading(self, result: MessageResult) -> str:
        """The line above the picture: what its boxes are (empty when no picture is shown)."""
        if result.picture is None:
            return ""
        if result.picture.marked:
            return self.ctx.t("message.picture_boxed")
        return self.ctx.t("message.picture_plain")

    def _add_picture(self, pager: PagedColumn, result: MessageResult) -> None:
        """The picture the text was read from, its marked words boxed, and the button to keep it.

        The line above it and the picture are one block (they always share a page); the
        picture takes the whole width when a page has room for it, else as much as a page gives
        beside its line and the page buttons, and never less than
        :data:`~guardian.ui.marked_picture.MIN_HEIGHT_PX`. The button to keep it comes just
        below, on the same page when it fits.
        """
        ctx = self.ctx
        self.picture_view = self.picture_block = None
        self.keep_picture_button = None
        self.picture_kept = self.picture_keeping = False
        picture = result.picture
        if picture is None:
            return
        heading = label(self.picture_heading(result), "heading")
        keep = BigButton(
            ctx.t("message.keep_picture"),
            "picture_keep",
            role="tile",  # bold, as the other buttons of the verdict
            icon_px=ctx.theme.button_icon_px,
            description=ctx.t("message.keep_picture_description"),
        )
        keep.clicked.connect(self.keep_picture)
        notice = label("", "banner")
        notice.setVisible(False)
        # The line that says the picture could not be kept always shows with its button.
        keeping = QWidget()
        keeping_column = QVBoxLayout(keeping)
        keeping_column.setContentsMargins(0, 0, 0, 0)
        keeping_column.setSpacing(pager.spacing)
        keeping_column.addWidget(notice)
        keeping_column.addWidget(keep)
        block = QWidget()
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(pager.spacing)

        def room() -> int:
            # A page less its line and the page buttons (about as tall as the keep button).
            width = pager.width()
            others = block_height(heading, width) + block_height(keep, width)
            return pager.height() - others - 4 * pager.spacing

        self.picture_view = MarkedPicture(
            picture,
            level_colour(ctx.theme.colours, result.assessment.level.value),
            ctx.t("message.picture_name"),
            max_height=room,
        )
        column.addWidget(heading)
        column.addWidget(self.picture_view)
        self.keep_picture_button = keep
        self.picture_notice = notice
        self.picture_block = block
        pager.add(block)
        pager.add(keeping)

    def keep_picture(self) -> None:
        """Keep the picture with the check in the history (written now, in one transaction)."""
        check, result = self.check, self.result
        if check is None or result is None or result.picture is None:
            return
        if self.picture_kept:
            self.ctx.say(self.ctx.t("message.picture_kept"))
            return
        if self.picture_keeping:
            return
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            self._picture_not_kept(check, RuntimeError("the disk takes no more work"))
            return
        from guardian.services import history

        self.picture_keeping = True
        disk.submit(
            history.keep_picture(check, result.picture, self._now()),
            on_done=lambda _: self._picture_kept(check),
            on_error=lambda error: self._picture_not_kept(check, error),
        )

    def _picture_kept(self, check: SavedCheck) -> None:
        if check is not self.check or self.closed or self.keep_picture_button is None:
            return
        self.picture_keeping = False
        self.picture_kept = True
        self.keep_picture_button.text_widget.setText(self.ctx.t("message.picture_kept"))
        self.keep_picture_button.setAccessibleName(self.ctx.t("message.picture_kept"))
        self._show_picture_notice(False)
        self.ctx.say(self.ctx.t("message.picture_kept"))

    def _picture_not_kept(self, check: SavedCheck, error: Exception) -> None:
        log.error("keeping the picture of the check failed: %s", error)
        if check is not self.check or self.closed or self.keep_picture_button is None:
            return
        self.picture_keeping = False
        self.picture_notice.setText(self.ctx.t("message.picture_not_kept"))
        self._show_picture_notice(True)
        self.ctx.say(self.ctx.t("message.picture_not_kept"))

    def _show_picture_notice(self, shown: bool) -> None:
        """Show or hide the line that says the picture could not be kept."""
        if self.picture_notice.isHidden() != shown:
            return
        self.picture_notice.setVisible(shown)
        if self.pager is not None:
            self.pager.relayout()

    def marked_words_line(self, result: MessageResult) -> str:
        """The line that lists the marked words of a text; empty when nothing is marked."""
        words = marked_words(result.subject, result.spans) if result.kind == "text" else []
        if not words:
            return ""
        if self.ctx.lang == "zh":
            listed = "、".join(f"“{word}”" for word in words)
        else:
            listed = ", ".join(f'"{word}"' for word in words)
        return self.ctx.t("message.marked_words", words=listed)

    def _act(self, action: str) -> None:
        """A button of the result was pressed: note it in the check's record, then open it."""
        check = self.check
        if check is not None:
            check.record.actions.append({"action": action, "at": self._now().isoformat()})
            self._save(check)
        nav = self.ctx.navigator()
        if action == "verify" and self.result is not None and self.result.verify is not None:
            nav.open("verify", target=self.result.verify)
        else:
            nav.open(action)

    def check_another(self) -> None:
        """Go back to an empty text box (or number field, after a number).

        The picture the last words were read from is forgotten.
        """
        self.picture_words = None
        self.text_field.clear()
        self.number_field.clear()
        self.text_problem.setVisible(False)
        self.number_problem.setVisible(False)
        self._show(
            self.text_page
            if self.result is None or self.result.kind == "text"
            else self.number_page
        )

    # -- the family ----------------------------------------------------------------------------

    def _alert_family(self, check: SavedCheck, result: MessageResult) -> None:
        """Queue the high-verdict alert for the family, as a call check does."""
        if self.family_alerted or self.family_alert_waiting:
            return
        self.family_alert_waiting = True
        assessment = result.assessment
        queue_family_alert(
            self.ctx,
            "high_verdict",
            level=assessment.level.value,
            signal_ids=assessment.signal_ids,
            caller_number=result.subject if result.kind == "number" else None,
            checked=result.kind,
            check_id=lambda: check.id,  # read on the disk thread, after the check's save
            on_queued=lambda ids: self._family_alert_queued(check, ids),
            on_not_queued=lambda: self._family_not_told(check),
        )

    def _family_alert_queued(self, check: SavedCheck, ids: list[int]) -> None:
        if check is self.check:
            self.family_alerted = True
            self.family_alert_waiting = False
            if self.family_not_told and not self.closed:
                self.family_not_told = False
                self._set_notice(self.family_notice, False)
        if ids and not self.closed:
            check.record.actions.append({"action": "alert_queued", "at": self._now().isoformat()})
            self._save(check)

    def _family_not_told(self, check: SavedCheck | None = None) -> None:
        """The alert could not be written yet (it is written again on its own): say so."""
        if self.closed or (check is not None and check is not self.check):
            return
        self.family_not_told = True
        self.family_notice.setText(self.ctx.t("alert.not_told"))
        self._set_notice(self.family_notice, True, read=True)

    # -- saving --------------------------------------------------------------------------------

    def _now(self) -> datetime:
        """The current moment in UTC, by the context's clock (what the history stores)."""
        return self.ctx.now().astimezone(timezone.utc)

    def _save(self, check: SavedCheck) -> None:
        """Hand the whole record of ``check`` to the disk worker (one transaction)."""
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            return
        from guardian.services import history

        record = check.record
        record.updated_at = self._now()
        snapshot = replace(
            record, signals=list(record.signals), actions=[dict(a) for a in record.actions]
        )
        disk.submit(
            history.save_numbered(snapshot, check),
            on_done=lambda _: self._saved(check),
            on_error=lambda error: self._not_saved(check, error),
        )

    def _saved(self, check: SavedCheck) -> None:
        if check in self.unsaved:
            self.unsaved.remove(check)
        if not self.unsaved:
            self.retry_timer.stop()
        if check is self.check and not self.closed:
            self._set_notice(self.save_notice, False)

    def _not_saved(self, check: SavedCheck, error: Exception) -> None:
        log.error("saving the checked message failed: %s", error)
        if check not in self.unsaved:
            self.unsaved.append(check)
        if self.closed:
            return
        if not self.retry_timer.isActive():
            self.retry_timer.start()
        if check is self.check and not self.pager_shows(self.save_notice):
            self._set_notice(self.save_notice, True, read=True)

    def _save_again(self) -> None:
        for check in list(self.unsaved):
            self._save(check)

    def pager_shows(self, notice: QWidget) -> bool:
        """Whether ``notice`` is on the result's pages."""
        return self.pager is not None and self.pager.is_shown(notice)

    def _set_notice(self, notice: QWidget, shown: bool, *, read: bool = False) -> None:
        """Show or hide a notice of the result; read the result again when one appears."""
        if self.pager is None:
            return
        self.pager.set_shown(notice, shown)
        if read and self.ctx.auto_read and self._result_showing():
            self.ctx.say(self.spoken_text())

    def _result_showing(self) -> bool:
        current = getattr(self.ctx.nav, "current_screen", None)
        return (
            self.pages.currentWidget() is self.result_page
            and callable(current)
            and current() is self
        )

    # -- screen ------------------------------------------------------------------------------

    def closing(self) -> None:
        """One last try to save every check whose save failed (nobody is told the outcome)."""
        self.closed = True
        self.picture_input.closing()
        self.retry_timer.stop()
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            return
        from guardian.services import history

        for check in self.unsaved:
            disk.submit(history.save(replace(check.record, id=check.id)))

    def handle_back(self) -> bool:
        """From a later page of the result, go to the page before; else back to the input."""
        current = self.pages.currentWidget()
        if current is self.text_page:
            return False
        if current is self.result_page and self.pager is not None and self.pager.index > 0:
            self.pager.previous_page()
            return True
        number = current is self.number_page or (
            self.result is not None and self.result.kind == "number"
        )
        self._show(self.number_page if number and current is self.result_page else self.text_page)
        return True

    def entered(self) -> None:
        """Put the keyboard in the text box."""
        if self.pages.currentWidget() is self.text_page:
            self.text_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def spoken_text(self) -> str:
        """The prompt, or the result: headline, what to do now, notices, then why."""
        ctx = self.ctx
        page = self.pages.currentWidget()
        if page is self.text_page:
            return ctx.sentences(ctx.t("message.text_prompt"), ctx.t("message.text_placeholder"))
        if page is self.picture_page:
            return ctx.sentences(ctx.t("message.picture_prompt"), self.picture_input.spoken_text())
        if page is self.number_page:
            return ctx.t("message.number_prompt")
        result = self.result
        if result is None:
            return self.title()
        assessment = result.assessment
        parts = [ctx.pick(assessment.headline), self.now_line(result)]
        for notice in (self.family_notice, self.save_notice):
            if self.pager_shows(notice):
                parts.append(notice.text())
        if result.picture is not None:
            parts.append(self.picture_heading(result))
        for kind in result.types:
            parts.append(ctx.t("message.fraud_type", name=ctx.pick(kind.name)))
            parts += [ctx.pick(kind.why), ctx.pick(kind.todo)]
        parts.append(self.marked_words_line(result))
        parts += [ctx.pick(f.signal.title) for f in assessment.findings]
        parts += [ctx.pick(note) for note in result.notes]
        parts += [ctx.pick(item) for item in assessment.advice]
        if result.verify is not None:
            parts.append(verify_words(ctx, result.verify))
        parts.append(ctx.pick(assessment.rules))
        return ctx.sentences(*parts)
