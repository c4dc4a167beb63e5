"""The "I already sent money" steps, the banks and the report card fit a 1024 x 768 screen.

At the smallest and the largest text size, in Chinese and English, every step (with a program
running, each way the money left, the end), every page of banks, the report card's first page
and every page of its form show all they hold: no scroll bar, and nothing squeezed smaller than
it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QScrollBar,
    QWidget,
)

from guardian.core.i18n import Lang
from guardian.core.remote_apps import ProcessInfo, match_processes
from guardian.guard.scan import load_remote_apps
from guardian.ui.bank_choice import BankChoiceScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.money_sent import MoneySentScreen
from guardian.ui.report_card import ReportCardScreen
from guardian.ui.theme import TEXT_SIZES_PT
from guardian.ui.widgets import scrolling
from tests.ui.conftest import WindowMaker

# Measured with the font the app really uses (see conftest.app_font).
pytestmark = pytest.mark.usefixtures("app_font")

SMALLEST, LARGEST = 0, len(TEXT_SIZES_PT) - 1


@pytest.fixture
def small_window(make_window: WindowMaker) -> Iterator[Callable[[Lang, int], MainWindow]]:
    """The app's window at 1024 x 768, its text size's style sheet applied to the app."""
    before = QApplication.instance().styleSheet()  # type: ignore[union-attr]

    def make(lang: Lang, step: int) -> MainWindow:
        ctx = make_window.ctx(lang, step)
        QApplication.instance().setStyleSheet(ctx.theme.stylesheet())  # type: ignore[union-attr]
        return make_window(ctx=ctx, size=(1024, 768))

    yield make
    make_window.close_all()
    QApplication.instance().setStyleSheet(before)  # type: ignore[union-attr]


def settle() -> None:
    for _ in range(10):
        QApplication.processEvents()


def problems(window: MainWindow, where: str) -> list[str]:
    """A visible scroll bar, or words (on their own or on a button) squeezed out of sight."""
    found = []
    for bar in window.findChildren(QScrollBar):
        inside_text_field = isinstance(bar.parent(), QPlainTextEdit) or isinstance(
            bar.parent().parent(), QPlainTextEdit
        )
        if bar.isVisible() and not inside_text_field:
            found.append(f"{where}: a scroll bar shows")
    for widget in window.findChildren(QLabel):
        if not widget.isVisible() or not widget.text():
            continue
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
        else:
            needed = widget.minimumSizeHint().height()
        if needed > widget.height() + 2:
            found.append(
                f"{where}: {widget.text()[:24]!r} needs {needed} px, has {widget.height()}"
            )
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.height() < 64:
            found.append(f"{where}: button {button.accessibleName()!r} is {button.height()} px")
    return found


def anydesk() -> list:
    return match_processes(load_remote_apps(), [ProcessInfo(1, "AnyDesk.exe", None)], "win32")


CASES = [(lang, step) for lang in ("zh", "en") for step in (SMALLEST, LARGEST)]


@pytest.mark.parametrize(("lang", "step"), CASES)
def test_every_money_sent_step_fits_without_scrolling(small_window, lang, step) -> None:
    window = small_window(lang, step)
    window.open("money_sent")
    money = window.current_screen()
    assert isinstance(money, MoneySentScreen)
    money.programs_changed(anydesk())
    found: list[str] = []
    for key in [*money.order(), "finished"]:
        money.go_to(key)
        settle()
        found += problems(window, f"{lang}-{step}-{key}")
    money.go_to("bank")
    for method in money.methods:
        money.choose_payment(method)
        settle()
        found += problems(window, f"{lang}-{step}-paid-{method}")
    assert found == []


@pytest.mark.parametrize(("lang", "step"), CASES)
def test_every_page_of_banks_fits_without_scrolling(small_window, lang, step) -> None:
    window = small_window(lang, step)
    window.open("call_bank")
    banks = window.current_screen()
    assert isinstance(banks, BankChoiceScreen)
    found: list[str] = []
    for page in range(banks.pages.count()):
        banks.show_page(page)
        settle()
        found += problems(window, f"{lang}-{step}-page-{page + 1}")
    assert found == []


@pytest.mark.parametrize(("lang", "step"), CASES)
def test_the_report_cards_first_page_fits_without_scrolling(small_window, lang, step) -> None:
    window = small_window(lang, step)
    window.open("report_card")
    settle()
    assert problems(window, f"{lang}-{step}-report-card") == []


@pytest.mark.parametrize(("lang", "step"), CASES)
def test_every_page_of_the_report_card_form_fits_without_scrolling(
    small_window, lang, step
) -> None:

    window = small_window(lang, step)
    window.open("report_card")
    card = window.current_screen()
    assert isinstance(card, ReportCardScreen)
    card.show_form()
    settle()
    pages = card.form_pages
    found: list[str] = []
    seen: list[QWidget] = []
    for page in range(pages.page_count):
        if page:
            tap_next = pages.next_button
            assert tap_next.isVisible()
            tap_next.click()
            settle()
        assert pages.index == page
        seen += pages.page_blocks()
        found += problems(window, f"{lang}-{step}-form-page-{page + 1}")
    assert found == []
    # Every field is on some page, each once, and the last page has no "下一页".
    assert len(seen) == len(pages.blocks) and set(map(id, seen)) == set(map(id, pages.blocks))
    assert not pages.next_button.isVisible()
    assert card.done_button.isVisible() and pages.page_of(card.done_button) == pages.index
    for field in card.fields.values():
        assert any(field in block.findChildren(type(field)) for block in seen)


def test_the_check_finds_a_scroll_bar(small_window) -> None:
    """A long page in a scroll area, as the report card's form once was, fails the check."""
    window = small_window("zh", LARGEST)
    window.open("report_card")
    screen = window.current_screen()
    tall = QWidget()
    tall.setMinimumHeight(3000)
    area = scrolling(tall)
    area.setParent(screen)
    area.setGeometry(0, 0, 400, 300)
    area.show()
    settle()
    assert any("scroll bar" in problem for problem in problems(window, "form"))
