"""The reveal of demo mode: one slide a red signal, drawn for the back of a community room.

The reveal is shown on a projector, so its sizes are set in pixels of the projected image and
judged from the back of the room, not from the presenter's chair.

How readable from 10 m was judged
---------------------------------
A common rule of thumb for signs and slides is that text is legible at a distance of about 150
to 200 times its x-height (Latin script); for Chinese, whose characters have more strokes, a
glyph about 1/220 of the distance is needed: 45 mm for 10 m. A 1920 x 1080 image projected
2.5 m wide puts 1920 pixels on 2500 mm, so one pixel is about 1.3 mm on the wall. The floors are
therefore, on the 1080p image:

* Chinese: the glyphs of the signal's name at least 45 mm / 1.3 mm = 35 px tall
  (:data:`CJK_GLYPH_FLOOR_PX`);
* English: the x-height of the signal's name at least 50 mm (1/200 of 10 m) / 1.3 mm = 39 px
  (:data:`LATIN_X_HEIGHT_FLOOR_PX`).

At the default text size the signal's name is drawn about 77 px high (the font's pixel size),
which gives Chinese glyphs of about 70 px (90 mm on the wall) and a Latin x-height of about
41 px (53 mm). The caller's line (about 58 px) and the sentence on why (about 48 px) meet the
Chinese floor too. Every size grows with the app's text size (A+): the projector in a large room
can be given a larger setting. The tests measure the drawn glyphs at 1920 x 1080 against these
floors (tests/ui/test_demo_reveal.py).

What does not fit is made smaller, never scrolled: the rest of a slide gives way first (down to
70 %), then the main words with it, never below the app's smallest body text; the largest sizes
at which the whole slide fits the window are taken (at 1920 x 1080 and the default text size
the main words are never made smaller).

The caller's line is set as plain text (never read as HTML); the words that gave the signal
away are marked with character formats (colour, bold and underline), the same marks as the
message checker's, at the places the message checker finds them in that line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from guardian.core.content import Content
from guardian.core.i18n import Lang
from guardian.core.phrase_book import PhraseBook
from guardian.core.scenarios import Scenario, Score
from guardian.core.text_check import check_text
from guardian.core.text_spans import Span
from guardian.ui.check_message import MARK_BACKGROUND
from guardian.ui.context import AppContext
from guardian.ui.theme import COLOURS, TEXT_SIZES_PT, clamp_step
from guardian.ui.widgets import BigButton, icon_label, plain_label, svg_pixmap

#: How far the back row sits from the screen, in millimetres.
VIEWING_DISTANCE_MM = 10_000
#: How wide the 1080p image is on the wall, in millimetres, and its width in pixels.
PROJECTED_WIDTH_MM = 2_500
PROJECTED_WIDTH_PX = 1_920
#: A Chinese glyph is legible at about 220 times its height; Latin text at 150 to 200 times its
#: x-height (the more lenient end is taken: the room also hears every slide read aloud).
CJK_DISTANCE_RATIO = 220
LATIN_DISTANCE_RATIO = 200


def _floor_px(ratio: int) -> int:
    """The pixels on the 1080p image that a letter ``1/ratio`` of the distance needs."""
    mm_per_px = PROJECTED_WIDTH_MM / PROJECTED_WIDTH_PX
    return math.ceil(VIEWING_DISTANCE_MM / ratio / mm_per_px)


#: The least height, in pixels of a 1920-wide image, of a Chinese glyph read from 10 m (35).
CJK_GLYPH_FLOOR_PX = _floor_px(CJK_DISTANCE_RATIO)
#: The least x-height, in pixels of a 1920-wide image, of Latin text read from 10 m (39).
LATIN_X_HEIGHT_FLOOR_PX = _floor_px(LATIN_DISTANCE_RATIO)

#: Each part's size as a multiple of the app's body size in points (20 to 32 pt, A- to A+),
#: giving pixels: at the default 24 pt the signal's name is 77 px, the caller's line 58 px.
SIZE_FACTORS = {
    "name": 3.2,
    "score": 2.2,
    "says": 1.6,
    "line": 2.4,
    "why": 2.0,
}

#: The scales tried, largest first, until the whole slide fits the window: (the main words',
#: the rest's). The rest gives way first, down to 70 %; then both shrink together.
SCALES: tuple[tuple[float, float], ...] = (
    *((1.0, round(1 - 0.05 * i, 2)) for i in range(7)),
    *((round(1 - 0.04 * i, 2), round(0.7 - 0.03 * i, 2)) for i in range(1, 15)),
)

#: No words on a slide are smaller than the app's smallest body text, in points.
LEAST_PT = TEXT_SIZES_PT[0]

#: Room between the parts of a slide, in pixels at scale 1.
GAP_PX = 28
CARD_PAD_PX = 22


def size_px(step: int, part: str) -> int:
    """The pixel size of ``part`` ("name", "line"...) at text-size step ``step``, unscaled."""
    return round(TEXT_SIZES_PT[clamp_step(step)] * SIZE_FACTORS[part])


# -- which words gave the signal away -------------------------------------------------------------


def phrase_spans(
    text: str, signal_id: str, content: Content, phrases: PhraseBook, lang: Lang
) -> tuple[Span, ...]:
    """The parts of ``text`` that show ``signal_id``, as the message checker finds them.

    A single character marked beside longer parts ("您") is left out: it teaches nothing.
    Empty when the checker does not find the signal in the line alone.
    """
    spans = check_text(text, content, phrases, lang=lang).spans_for(signal_id)
    longer = tuple(span for span in spans if span[1] - span[0] > 1)
    return longer or tuple(spans)


@dataclass(frozen=True)
class Slide:
    """One slide of the reveal.

    Attributes:
        kind: "signal" (a red signal and the line that showed it), "plain" (a line without a
            signal), "verdict" (the verdict and the room's score) or "end" (the lesson).
        number: the signal's number among the scenario's signals, or the line's number.
        signal_id: the red signal shown, for a signal slide.
        line: the caller's words, for a signal or plain slide ("" for the end).
        spans: the marked parts of ``line``, as positions in it.
    """

    kind: str
    number: int
    signal_id: str | None = None
    line: str = ""
    spans: tuple[Span, ...] = ()

    @property
    def marked(self) -> list[str]:
        """The marked words, in order."""
        return [self.line[start:end] for start, end in self.spans]


def build_slides(ctx: AppContext, scenario: Scenario, phrases: PhraseBook) -> list[Slide]:
    """The slides of ``scenario``: its lines in call order, the verdict, then the lesson.

    A line with a signal not seen before is that signal's slide; a line without a signal gets a
    slide of its own (the room sees the whole call); a line repeating an earlier signal adds
    nothing new and is left out.
    """
    slides: list[Slide] = []
    seen: set[str] = set()
    numbers = {sid: index for index, sid in enumerate(scenario.signal_ids, start=1)}
    for line_number, line in enumerate(scenario.lines, start=1):
        words = ctx.pick(line.text)
        if line.signal is None:
            slides.append(Slide("plain", line_number, line=words))
        elif line.signal not in seen:
            seen.add(line.signal)
            spans = phrase_spans(words, line.signal, ctx.content, phrases, ctx.lang)
            slides.append(Slide("signal", numbers[line.signal], line.signal, words, spans))
    slides.append(Slide("verdict", len(slides) + 1))
    slides.append(Slide("end", len(slides) + 1))
    return slides


# -- the caller's line with its marks -------------------------------------------------------------


class MarkedLine(QWidget):
    """The caller's words as plain text with the giveaway words marked; as tall as its lines.

    Args:
        text: the words (set as plain text, never read as HTML).
        spans: the parts to mark, as positions in ``text``.
    """

    def __init__(
        self, text: str, spans: Sequence[Span] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.text = text
        self.spans = tuple(spans)
        self.document = QTextDocument(self)
        self.document.setDocumentMargin(0)
        self.document.setPlainText(text)
        cursor = QTextCursor(self.document)
        cursor.select(QTextCursor.SelectionType.Document)
        ink = QTextCharFormat()
        ink.setForeground(QColor(COLOURS.ink))
        cursor.mergeCharFormat(ink)
        marked = QTextCharFormat()
        marked.setBackground(QColor(MARK_BACKGROUND))
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setFontUnderline(True)
        for start, end in self.spans:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(marked)
        self.setAccessibleName(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_text_font(self, font: QFont) -> None:
        """Draw the words in ``font``."""
        self.document.setDefaultFont(font)
        self.update()

    def text_font(self) -> QFont:
        """The font the words are drawn in."""
        return self.document.defaultFont()

    def height_for(self, font: QFont, width: int) -> int:
        """The height the words need in ``font`` at ``width``."""
        self.document.setDefaultFont(font)
        self.document.setTextWidth(max(1, width))
        return math.ceil(self.document.size().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Wrap the words at the new width."""
        super().resizeEvent(event)
        self.document.setTextWidth(max(1, self.width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the words and their marks."""
        painter = QPainter(self)
        self.document.drawContents(painter, QRectF(self.rect()))
        painter.end()


# -- one slide, fitted to its room ---------------------------------------------------------------


@dataclass
class _Part:
    """A piece of a slide: its words, its size role, and how it sits."""

    widget: QWidget
    role: str
    bold: bool = False
    in_card: bool = False
    icon: QLabel | None = None
    icon_name: str = ""
    aside: QLabel | None = None
    aside_icon: QLabel | None = None
    aside_icon_name: str = ""


class SlideView(QWidget):
    """One slide: its parts stacked, all at one scale, the largest at which the slide fits.

    Args:
        ctx: the demo's context.
        step: the app's text-size step, which sets the sizes.
        parts: the parts, top to bottom.
        spoken: what the slide reads aloud.
    """

    def __init__(
        self,
        ctx: AppContext,
        step: int,
        parts: list[_Part],
        spoken: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.step = step
        self.parts = parts
        self.spoken = spoken
        self.scale = SCALES[0]
        self._card = QRect()
        for part in parts:
            for widget in (part.widget, part.icon, part.aside, part.aside_icon):
                if widget is not None:
                    widget.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def font_for(self, part: _Part, scale: tuple[float, float]) -> QFont:
        """The font of ``part`` at ``scale``: pixels turned into the points style sheets use."""
        font = QFont(self.font())
        font.setPointSizeF(self._points(part, scale))
        font.setBold(part.bold)
        return font

    def _points(self, part: _Part, scale: tuple[float, float]) -> float:
        main, rest = scale
        px = size_px(self.step, part.role) * (main if part.role == "name" else rest)
        return max(LEAST_PT, round(px * 72 / max(1, self.logicalDpiY())))

    @staticmethod
    def _text_height(part: _Part, font: QFont, width: int) -> int:
        widget = part.widget
        if isinstance(widget, MarkedLine):
            return widget.height_for(font, width)
        assert isinstance(widget, QLabel)
        rect = QFontMetrics(font).boundingRect(
            QRect(0, 0, max(1, width), 1_000_000),
            int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft),
            widget.text(),
        )
        return rect.height() + 2

    def _plan(
        self, scale: tuple[float, float], *, bounded: bool = True
    ) -> list[tuple[QRect, QRect | None, QRect | None]] | None:
        """Where each part goes at ``scale``; None when it does not fit (and ``bounded``)."""
        gap = round(GAP_PX * scale[1])
        pad = round(CARD_PAD_PX * scale[1])
        width = self.width()
        y = 0
        places: list[tuple[QRect, QRect | None, QRect | None]] = []
        in_card = False
        for index, part in enumerate(self.parts):
            if part.in_card != in_card:
                y += pad
            if index:
                y += gap if not (part.in_card and in_card) else round(gap / 3)
            in_card = part.in_card
            font = self.font_for(part, scale)
            line_px = QFontMetrics(font).height()
            left = pad if part.in_card else 0
            right = width - (pad if part.in_card else 0)
            icon_rect = None
            aside_rect = None
            if part.icon is not None:
                side = round(line_px * 1.1)
                icon_rect = QRect(left, y, side, side)
                left += side + gap
            if part.aside is not None:
                aside_font = QFont(font)
                words = QFontMetrics(aside_font).horizontalAdvance(part.aside.text()) + 8
                side = line_px
                aside_width = words + side + gap // 2
                aside_rect = QRect(right - aside_width, y, aside_width, side)
                right -= aside_width + gap
            height = self._text_height(part, font, right - left)
            if icon_rect is not None:
                height = max(height, icon_rect.height())
            places.append((QRect(left, y, right - left, height), icon_rect, aside_rect))
            y += height
        if in_card:
            y += pad
        return places if y <= self.height() or not bounded else None

    def fit(self) -> None:
        """Choose the largest scale at which the slide fits, and place every part."""
        if self.width() <= 1 or self.height() <= 1:
            return
        chosen = SCALES[-1]
        places = None
        for scale in SCALES:
            places = self._plan(scale)
            if places is not None:
                chosen = scale
                break
        if places is None:
            places = self._plan(chosen, bounded=False)
            assert places is not None
        self.scale = chosen
        pad = round(CARD_PAD_PX * chosen[1])
        card = QRect()
        for part, (rect, icon_rect, aside_rect) in zip(self.parts, places, strict=True):
            self._apply_font(part.widget, part, chosen)
            part.widget.setGeometry(rect)
            if part.in_card:
                card = card.united(rect.adjusted(-pad, -pad, pad, pad))
            if part.icon is not None and icon_rect is not None:
                part.icon.setFixedSize(icon_rect.size())
                part.icon.setPixmap(svg_pixmap(part.icon_name, icon_rect.width()))
                part.icon.setGeometry(icon_rect)
            if part.aside is not None and aside_rect is not None and part.aside_icon is not None:
                side = aside_rect.height()
                part.aside_icon.setFixedSize(side, side)
                part.aside_icon.setPixmap(svg_pixmap(part.aside_icon_name, side))
                part.aside_icon.setGeometry(aside_rect.x(), aside_rect.y(), side, side)
                self._apply_font(part.aside, part, chosen)
                part.aside.setGeometry(
                    aside_rect.adjusted(side + round(GAP_PX * chosen[1]) // 2, 0, 0, 0)
                )
        self._card = card
        self.update()

    def _apply_font(self, widget: QWidget, part: _Part, scale: tuple[float, float]) -> None:
        points = self._points(part, scale)
        if isinstance(widget, MarkedLine):
            widget.set_text_font(self.font_for(part, scale))
            return
        weight = "bold" if part.bold else "normal"
        widget.setStyleSheet(f"font-size: {points:g}pt; font-weight: {weight};")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the slide to its new room."""
        super().resizeEvent(event)
        self.fit()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the card behind the caller's words."""
        if self._card.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(COLOURS.border), 3))
        painter.setBrush(QColor(COLOURS.surface))
        painter.drawRoundedRect(QRectF(self._card).adjusted(1.5, 1.5, -1.5, -1.5), 14, 14)
        painter.end()

    def main_label(self) -> QWidget:
        """The slide's main words: the signal's name, or the verdict."""
        return self.parts[1].widget if self.parts[0].role == "score" else self.parts[0].widget


def _label(text: str) -> QLabel:
    widget = plain_label(text)
    widget.setWordWrap(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return widget


# -- the page -----------------------------------------------------------------------------------


class RevealPage(QWidget):
    """The reveal as slides: each red signal on its own, then the verdict and the lesson.

    A signal's slide shows "warning sign 2 of 4" and whether the room found it, the signal's
    name in huge type with its pictogram, the caller's line with the words that gave it away
    marked, and one sentence on why. A line without a signal has its own slide, in full
    contrast. Then a slide gives the verdict, the room's score and who the caller claimed to
    be, and the last slide the teaching points (on a slide of their own, so that they stay
    large on a 1280 x 720 projector). Big "previous" and "next" buttons (and a presentation
    clicker's Page Up / Page Down or the arrow keys) move between slides; each slide is read
    aloud.

    Args:
        ctx: the demo's context.
        scenario: the scenario that was played.
        score: what the room caught.
        room_caller: the caller type the room picked, or None.
        step: the app's text-size step (A- / A+), which sets the slides' sizes.
        phrases: the message checker's phrases (the context's when None).

    Signals:
        next_person: "next person" was pressed.
    """

    next_person = Signal()

    def __init__(
        self,
        ctx: AppContext,
        scenario: Scenario,
        score: Score,
        room_caller: str | None,
        *,
        step: int,
        phrases: PhraseBook | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if phrases is None:
            phrases = ctx.phrases
        self.ctx = ctx
        self.scenario = scenario
        self.score = score
        self.room_caller = room_caller
        self.step = clamp_step(step)
        self.slides = build_slides(ctx, scenario, phrases)
        self.index = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        theme = ctx.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 8, 32, 16)
        outer.setSpacing(12)
        self.views = [self._slide_view(slide) for slide in self.slides]
        self.view_holder = QWidget()
        self.view_holder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        holder = QVBoxLayout(self.view_holder)
        holder.setContentsMargins(0, 0, 0, 0)
        for view in self.views:
            holder.addWidget(view)
            view.setVisible(False)
        outer.addWidget(self.view_holder, 1)

        px = theme.button_icon_px
        self.back_button = BigButton(
            ctx.t("demo.slide_back"),
            "back",
            role=None,
            icon_px=px,
            wrap=False,
            description=ctx.t("demo.slide_back_description"),
        )
        self.forward_button = BigButton(
            ctx.t("demo.slide_next"),
            "next",
            role="primary",
            icon_px=px,
            wrap=False,
            description=ctx.t("demo.slide_next_description"),
        )
        self.next_button = BigButton(
            ctx.t("demo.next_person"),
            "next",
            role="primary",
            icon_px=px,
            wrap=False,
            description=ctx.t("demo.next_person_description"),
        )
        for button in (self.back_button, self.forward_button, self.next_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # "Previous" keeps its place when hidden, so "next" never moves under the finger.
        keep = self.back_button.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.back_button.setSizePolicy(keep)
        self.back_button.clicked.connect(self.previous_slide)
        self.forward_button.clicked.connect(self.next_slide)
        self.next_button.clicked.connect(self.next_person)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.back_button, 1)
        buttons.addWidget(self.forward_button, 2)
        buttons.addWidget(self.next_button, 2)
        outer.addLayout(buttons)
        self._show_slide(0)

    # -- building the slides --------------------------------------------------------------------

    def _slide_view(self, slide: Slide) -> SlideView:
        ctx = self.ctx
        if slide.kind == "verdict":
            return self._verdict_view()
        if slide.kind == "end":
            return self._lesson_view()
        parts: list[_Part] = []
        says = ctx.t("demo.caller_says")
        if slide.kind == "signal":
            assert slide.signal_id is not None
            signal = ctx.content.signal(slide.signal_id)
            caught = self.score.was_caught(slide.signal_id)
            counter = ctx.t("demo.slide_signal", number=slide.number, total=self.score.total)
            found = ctx.t("demo.caught" if caught else "demo.missed")
            name = ctx.pick(signal.title)
            why = ctx.pick(signal.reason)
            parts.append(
                _Part(
                    _label(counter),
                    "score",
                    bold=True,
                    aside=plain_label(found),
                    aside_icon=icon_label("answer_yes" if caught else "answer_no", 40),
                    aside_icon_name="answer_yes" if caught else "answer_no",
                )
            )
            parts.append(
                _Part(
                    _label(name),
                    "name",
                    bold=True,
                    icon=icon_label(signal.icon, 40),
                    icon_name=signal.icon,
                )
            )
            spoken = ctx.sentences(counter, name, found, says + slide.line, why)
        else:
            total = len(self.scenario.lines)
            counter = ctx.t("demo.line_progress", number=slide.number, total=total)
            name = ctx.t("demo.no_signal")
            why = ctx.t("demo.no_signal_why")
            parts.append(_Part(_label(counter), "score", bold=True))
            parts.append(_Part(_label(name), "name", bold=True))
            spoken = ctx.sentences(counter, name, says + slide.line, why)
        parts.append(_Part(_label(says), "says", in_card=True))
        parts.append(_Part(MarkedLine(slide.line, slide.spans), "line", in_card=True))
        parts.append(_Part(_label(why), "why"))
        return SlideView(ctx, self.step, parts, spoken)

    def _verdict_view(self) -> SlideView:
        ctx = self.ctx
        score = self.score
        verdict = ctx.t("demo.verdict")
        self.score_text = ctx.t("demo.score", count=score.count, total=score.total)
        caller = ctx.pick(ctx.content.caller(self.scenario.caller).label)
        callers = [ctx.t("demo.caller_was", caller=caller)]
        if self.room_caller is not None:
            chosen = ctx.pick(ctx.content.caller(self.room_caller).label)
            callers.append(ctx.t("demo.room_chose", caller=chosen))
        self.score_label = _label(self.score_text)
        self.caller_label = _label("\n".join(callers))
        parts = [
            _Part(
                _label(verdict),
                "name",
                bold=True,
                icon=icon_label("level_high", 40),
                icon_name="level_high",
            ),
            _Part(self.score_label, "score", bold=True),
            _Part(self.caller_label, "why"),
        ]
        return SlideView(ctx, self.step, parts, ctx.sentences(verdict, self.score_text, *callers))

    def _lesson_view(self) -> SlideView:
        ctx = self.ctx
        heading = ctx.t("demo.teaching")
        teaching = [ctx.pick(point) for point in self.scenario.teaching]
        self.teaching_labels = [_label(f"• {point}") for point in teaching]
        parts = [_Part(_label(heading), "name", bold=True)]
        parts += [_Part(point, "why", in_card=True) for point in self.teaching_labels]
        return SlideView(ctx, self.step, parts, ctx.sentences(heading, *teaching))

    # -- moving between slides ----------------------------------------------------------------

    @property
    def view(self) -> SlideView:
        """The slide shown now."""
        return self.views[self.index]

    @property
    def slide(self) -> Slide:
        """The slide shown now."""
        return self.slides[self.index]

    def _show_slide(self, index: int) -> None:
        self.index = max(0, min(len(self.slides) - 1, index))
        for number, view in enumerate(self.views):
            view.setVisible(number == self.index)
        last = self.index == len(self.slides) - 1
        self.back_button.setVisible(self.index > 0)
        self.forward_button.setVisible(not last)
        self.next_button.setVisible(last)
        self.view.fit()

    def show_slide(self, index: int) -> None:
        """Show slide ``index`` (0 the first) and read it aloud."""
        self._show_slide(index)
        self.ctx.say(self.spoken_text())

    def next_slide(self) -> None:
        """Show and read the next slide (nothing on the last)."""
        if self.index < len(self.slides) - 1:
            self.show_slide(self.index + 1)

    def previous_slide(self) -> None:
        """Show and read the slide before (nothing on the first)."""
        if self.index > 0:
            self.show_slide(self.index - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A presentation clicker's keys: Page Down / Right next, Page Up / Left back."""
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.next_slide()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.previous_slide()
        else:
            super().keyPressEvent(event)

    def spoken_text(self) -> str:
        """What the slide shown now reads aloud."""
        return self.view.spoken
