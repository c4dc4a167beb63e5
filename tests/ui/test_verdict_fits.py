"""The verdict, the hotline card and the call card fit a 1024 x 768 window without scrolling.

At the smallest and the largest text size, in both languages, with the longest real content
(a high verdict with every signal a call can show): no scroll bar shows, and no widget lies
outside the window; what does not fit is on a next page, and every page fits too.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QVBoxLayout, QWidget

from guardian.core.contacts import Contact, parse_phone
from guardian.core.i18n import Lang
from guardian.core.risk import Answer, assess
from guardian.ui.call_card import CallCardScreen
from guardian.ui.context import AppContext
from guardian.ui.hotline import HotlineScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.paged_column import PagedColumn
from guardian.ui.screen import Screen
from guardian.ui.services import Services
from guardian.ui.theme import TEXT_SIZES_PT
from guardian.ui.verdict import VerdictView
from tests.ui.conftest import WindowMaker
from tests.ui.test_elder_friendly import problems_on

SMALLEST, LARGEST = 0, len(TEXT_SIZES_PT) - 1
CASES = [(lang, step) for lang in ("zh", "en") for step in (SMALLEST, LARGEST)]


class VerdictScreen(Screen):
    """A verdict on a screen of its own, as the call check shows it."""

    def __init__(self, ctx: AppContext, verdict: VerdictView) -> None:
        super().__init__(ctx)
        self.verdict = verdict
        QVBoxLayout(self).addWidget(verdict)


@pytest.fixture
def small_window(make_window: WindowMaker) -> Callable[..., MainWindow]:
    """The app's window at 1024 x 768, dialling through ``handler`` (None: nothing dials)."""

    def make(lang: Lang, step: int, *, handler: str | None = None) -> MainWindow:
        services = Services(
            find_phone_handler=lambda lang: handler,
            tel_opener=(lambda url: True) if handler is not None else None,
        )
        return make_window(lang, step, services=services, size=(1024, 768))

    return make


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def longest_verdict(ctx: AppContext) -> VerdictView:
    """A high verdict with every signal a caller can be asked about answered "yes"."""
    content = ctx.content
    answers = {signal_id: Answer.YES for signal_id, s in content.signals.items() if s.question}
    assessment = assess(content, answers, caller="police")
    assert assessment.level.value == "high"
    assert len(assessment.findings) >= 10
    return VerdictView(ctx, assessment, caller="police")


def fit_problems(window: MainWindow, step: int) -> list[str]:
    """Scroll bars shown, widgets outside the window, and the elder-friendly bar's findings."""
    problems = []
    screen = window.current_screen()
    assert screen is not None
    bounds = window.rect()
    for area in screen.findChildren(QAbstractScrollArea):
        for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
            if area.isVisible() and bar.isVisible():
                problems.append(f"{type(area).__name__} shows a scroll bar")
    for widget in screen.findChildren(QWidget):
        if not widget.isVisible() or widget.width() == 0:
            continue
        place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not bounds.contains(place):
            name = widget.text()[:20] if isinstance(widget, QLabel) else type(widget).__name__
            problems.append(f"{name!r} is outside the window ({place} not in {bounds})")
    return problems + problems_on(window, step)


def every_page(window: MainWindow, step: int) -> tuple[list[str], int]:
    """Walk the pages of the screen with "下一页": the problems on each, and how many pages."""
    screen = window.current_screen()
    assert screen is not None
    columns = [c for c in screen.findChildren(PagedColumn) if c.isVisible()]
    assert len(columns) == 1
    column = columns[0]
    problems = [f"page 1: {p}" for p in fit_problems(window, step)]
    pages = 1
    while column.next_button.isVisible():
        column.next_button.click()
        settle()
        pages += 1
        problems += [f"page {pages}: {p}" for p in fit_problems(window, step)]
        assert pages <= 60
    assert pages == column.page_count
    return problems, pages


@pytest.mark.parametrize(("lang", "step"), CASES)
def test_the_longest_verdict_fits_on_pages(small_window, lang: str, step: int) -> None:
    window = small_window(lang, step)
    verdict = longest_verdict(window.ctx)
    window.show_screen(VerdictScreen(window.ctx, verdict))
    settle()
    # The first page: the level, what to do now, and the first row of buttons (family, 110).
    first = verdict.pages.page_blocks(0)
    assert first[:2] == [verdict.banner, verdict.do_now]
    if lang == "zh" or step == SMALLEST:
        assert verdict.action_rows[0] in first
    problems, pages = every_page(window, step)
    assert problems == []
    assert pages > 1  # the reasons did not all fit: they went to the next pages
    # Every reason is on some page.
    shown = {verdict.pages.page_of(row) for row in verdict.signal_rows}
    assert None not in shown


@pytest.mark.parametrize(("lang", "step"), CASES)
@pytest.mark.parametrize("handler", [None, "KDE Connect"])
@pytest.mark.parametrize("hotline", ["police", "antifraud"])
def test_the_hotline_card_fits(
    small_window, lang: str, step: int, handler: str | None, hotline: str
) -> None:
    window = small_window(lang, step, handler=handler)
    window.show_screen(HotlineScreen(window.ctx, hotline))
    settle()
    problems, _ = every_page(window, step)
    assert problems == []


@pytest.mark.parametrize(("lang", "step"), CASES)
@pytest.mark.parametrize("handler", [None, "KDE Connect"])
def test_the_call_card_fits(small_window, lang: str, step: int, handler: str | None) -> None:
    window = small_window(lang, step, handler=handler)
    phone = parse_phone("+86 138 1234 5678").phone
    assert phone is not None
    person = Contact(name="欧阳娜娜", phone=phone, relationship="daughter", id=1, primary=True)
    window.show_screen(CallCardScreen(window.ctx, [person]))
    settle()
    problems, _ = every_page(window, step)
    assert problems == []
