"""The demo's reveal as slides for a projector: one red signal a slide, readable from 10 m.

Each scenario's reveal has one slide per signal, with the words that gave it away marked in the
caller's line; the signal's name is drawn at least 60 px high and its glyphs meet the floor for
10 m on a 1080p image projected 2.5 m wide (see guardian/ui/demo/reveal.py); it grows with A+;
no slide scrolls or spills at 1920 x 1080 or 1280 x 720 at any text size in either language;
and every slide is read aloud as it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from guardian.core.i18n import LANGS, Lang
from guardian.core.risk import Answer
from guardian.core.scenarios import Scenario
from guardian.phrases_loader import load_phrases
from guardian.scenarios_loader import load_scenarios
from guardian.ui.demo import DemoScreen
from guardian.ui.demo.reveal import (
    CJK_GLYPH_FLOOR_PX,
    LATIN_X_HEIGHT_FLOOR_PX,
    MarkedLine,
    RevealPage,
    SlideView,
    build_slides,
)
from guardian.ui.main_window import MainWindow
from guardian.ui.theme import COLOURS, DEFAULT_TEXT_STEP, TEXT_SIZES_PT
from tests.ui.conftest import MakeCtx, RecordingSpeaker, WindowMaker
from tests.ui.test_verdict_fits import fit_problems

PROJECTOR_SIZES = [(1920, 1080), (1280, 720)]
STEPS = range(len(TEXT_SIZES_PT))
SCENARIO = "phone_bill_police"


def longest_scenario(lang: Lang) -> Scenario:
    """The scenario whose slides carry the most words in ``lang``: the hardest to fit."""

    def words(scenario: Scenario) -> int:
        return max(len(line.text.get(lang)) for line in scenario.lines) + sum(
            len(point.get(lang)) for point in scenario.teaching
        )

    return max(load_scenarios(), key=words)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def reveal_in_window(make_window: WindowMaker) -> Callable[..., RevealPage]:
    def make(
        lang: Lang, step: int, size: tuple[int, int], scenario_id: str = SCENARIO
    ) -> RevealPage:
        window = make_window(lang=lang, text_step=step, size=size)
        screen = DemoScreen(window.ctx)
        window.show_screen(screen)
        screen.pick(scenario_id)
        screen.start_answers()
        assert screen.scenario is not None
        screen.caller_step.buttons[screen.scenario.caller].click()
        while screen.wizard is not None and screen.wizard.current is not None:
            # The room finds the first signal asked and misses the rest.
            first = not screen.wizard.answers
            screen.question_step.buttons[Answer.YES if first else Answer.NO].click()
        screen.reveal()
        settle()
        assert window.size().width() == size[0], "the window could not take the size"
        page = screen.reveal_page
        assert page is not None and page.isVisible()
        return page

    return make


def name_font(view: SlideView) -> QFont:
    main = view.main_label()
    assert isinstance(main, QLabel)
    return main.font()


# --- the slides ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_scenario_has_one_slide_per_signal_with_the_phrase_marked_in_the_line(
    make_ctx: MakeCtx, lang: Lang
) -> None:
    ctx = make_ctx(lang=lang)
    for scenario in load_scenarios():
        slides = build_slides(ctx, scenario, load_phrases())
        signal_slides = [slide for slide in slides if slide.kind == "signal"]
        assert [slide.signal_id for slide in signal_slides] == list(scenario.signal_ids)
        assert [slide.number for slide in signal_slides] == list(
            range(1, len(scenario.signal_ids) + 1)
        )
        said = [ctx.pick(line.text) for line in scenario.lines]
        for slide in signal_slides:
            assert slide.line in said
            assert slide.spans, (scenario.id, slide.signal_id, "nothing marked")
            for start, end in slide.spans:
                assert 0 <= start < end <= len(slide.line)
            for words in slide.marked:
                assert words and words in slide.line
        # Every line without a signal is shown too, and the last slide is the lesson.
        plain = [slide.line for slide in slides if slide.kind == "plain"]
        assert plain == [ctx.pick(line.text) for line in scenario.lines if line.signal is None]
        assert [slide.kind for slide in slides[-2:]] == ["verdict", "end"]


def test_the_marks_are_formats_on_plain_text(qapp: QApplication) -> None:
    line = MarkedLine("<b>把钱</b>转到安全账户", [(11, 15)])
    document = line.document
    assert document.toPlainText() == "<b>把钱</b>转到安全账户"
    block = document.begin()
    marked = [
        (fragment.position(), fragment.length())
        for it in block
        if (fragment := it.fragment()).charFormat().fontUnderline()
    ]
    assert marked == [(11, 4)]


def test_a_line_without_a_signal_is_shown_in_full_contrast(reveal_in_window) -> None:
    page = reveal_in_window("zh", DEFAULT_TEXT_STEP, (1920, 1080))
    plain = [i for i, slide in enumerate(page.slides) if slide.kind == "plain"]
    assert plain
    page.show_slide(plain[0])
    settle()
    view = page.view
    for part in view.parts:
        widget = part.widget
        assert widget.isVisible()
        assert widget.property("role") != "soft"
        if isinstance(widget, QLabel):
            colour = widget.palette().color(widget.foregroundRole())
            assert colour == QColor(COLOURS.ink), widget.text()
    assert view.main_label().text() == "这句没有危险信号"  # type: ignore[attr-defined]


# --- readable from 10 m --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_signal_name_meets_the_10_m_floor_at_1920x1080(reveal_in_window, lang: Lang) -> None:
    assert CJK_GLYPH_FLOOR_PX == 35 and LATIN_X_HEIGHT_FLOOR_PX == 39
    page = reveal_in_window(lang, DEFAULT_TEXT_STEP, (1920, 1080), longest_scenario(lang).id)
    for index, slide in enumerate(page.slides):
        page.show_slide(index)
        settle()
        font = name_font(page.view)
        assert QFontInfo(font).pixelSize() >= 60, (slide, QFontInfo(font).pixelSize())
        metrics = QFontMetrics(font)
        if lang == "zh":
            glyph = metrics.tightBoundingRect("国").height()
            assert glyph >= CJK_GLYPH_FLOOR_PX, (slide, glyph)
        else:
            assert metrics.xHeight() >= LATIN_X_HEIGHT_FLOOR_PX, (slide, metrics.xHeight())
        # The caller's line meets the Chinese floor as well.
        if slide.kind in ("signal", "plain") and lang == "zh":
            line = next(p.widget for p in page.view.parts if isinstance(p.widget, MarkedLine))
            assert isinstance(line, MarkedLine)
            glyph = QFontMetrics(line.text_font()).tightBoundingRect("国").height()
            assert glyph >= CJK_GLYPH_FLOOR_PX


@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_grow_with_a_plus(reveal_in_window, lang: Lang) -> None:
    sizes = []
    for step in STEPS:
        page = reveal_in_window(lang, step, (1920, 1080))
        sizes.append(QFontInfo(name_font(page.view)).pixelSize())
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes), sizes


# --- no scrolling -------------------------------------------------------------------------------


def spills(view: SlideView) -> list[str]:
    """Parts of the slide drawn outside it."""
    bounds = view.rect()
    problems = []
    for child in view.findChildren(QWidget):
        if child.isVisible() and not bounds.contains(child.geometry()):
            problems.append(f"{child.accessibleName() or type(child).__name__} spills")
    return problems


@pytest.mark.parametrize("size", PROJECTOR_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_slide_scrolls_or_spills(
    reveal_in_window, lang: Lang, step: int, size: tuple[int, int]
) -> None:
    page = reveal_in_window(lang, step, size, longest_scenario(lang).id)
    window = page.window()
    assert isinstance(window, MainWindow)
    for index in range(len(page.slides)):
        page.show_slide(index)
        settle()
        problems = fit_problems(window, step) + spills(page.view)
        assert problems == [], (index, problems)
        inside = QRect(page.mapTo(window, QPoint(0, 0)), page.size())
        assert window.rect().contains(inside)


# --- read aloud ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_slide_is_read_aloud_as_it_is_shown(
    qtbot, reveal_in_window, speaker: RecordingSpeaker, lang: Lang
) -> None:
    page = reveal_in_window(lang, DEFAULT_TEXT_STEP, (1280, 720))
    ctx = page.ctx
    scenario = page.scenario
    assert not page.back_button.isVisible()
    for index, slide in enumerate(page.slides):
        if index:
            qtbot.mouseClick(page.forward_button, Qt.MouseButton.LeftButton)
        assert page.index == index
        said = speaker.last()
        if slide.kind == "signal":
            assert slide.signal_id is not None
            signal = ctx.content.signal(slide.signal_id)
            assert ctx.pick(signal.title) in said and ctx.pick(signal.reason) in said
            assert ctx.t("demo.slide_signal", number=slide.number, total=page.score.total) in said
        if slide.kind in ("signal", "plain"):
            assert slide.line in said
        if slide.kind == "verdict":
            assert page.score_text in said and ctx.t("demo.verdict") in said
        if slide.kind == "end":
            for point in scenario.teaching:
                assert ctx.pick(point) in said
    assert page.next_button.isVisible() and not page.forward_button.isVisible()
    # A step back reads the slide before again; a clicker's Page Up does the same.
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.index == len(page.slides) - 2
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_PageUp)
    assert page.index == len(page.slides) - 3
    assert page.slides[page.index].line in speaker.last()
