"""Layouts that rearrange themselves when words are long or large: what goes where, and when."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from guardian.ui.context import AppContext
from guardian.ui.layouts import TITLE_BELOW, TRAILING_BELOW, TitleRowLayout
from guardian.ui.number_entry import HINT_BELOW, HINT_BESIDE, PROMPT_ACROSS, NumberEntryStep
from guardian.ui.theme import TEXT_SIZES_PT, Theme
from guardian.ui.widgets import BigButton, label
from tests.ui.conftest import MakeCtx

TITLE = "A title of several words that wraps onto more lines when it is narrow"


@pytest.fixture(autouse=True)
def default_text(qapp: QApplication) -> Iterator[None]:
    """The style sheet at the default text size, whatever an earlier test left."""
    before = qapp.styleSheet()
    qapp.setStyleSheet(Theme().stylesheet())
    yield
    qapp.setStyleSheet(before)


def make_row(qtbot, below: str = TITLE_BELOW, *, squeeze: bool = True, title: str = TITLE):
    """A header-like row: one button, the title, two buttons."""
    container = QWidget()
    qtbot.addWidget(container)
    layout = TitleRowLayout(container, title_lines=2, below=below, squeeze=squeeze)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    back = BigButton("Back to the list", "back", role=None)
    words = label(title)
    listen = BigButton("Listen again to it", "speaker", role=None)
    home = BigButton("Home", "home", role=None)
    layout.add_leading(back)
    layout.set_title(words)
    layout.add_trailing(listen)
    layout.add_trailing(home)
    container.show()
    return container, layout, back, words, listen, home


def lay_out(container: QWidget, width: int) -> None:
    layout = container.layout()
    assert layout is not None
    container.resize(width, layout.heightForWidth(width))
    layout.activate()
    layout.setGeometry(QRect(0, 0, width, layout.heightForWidth(width)))
    QApplication.processEvents()


def one_line(widget: QWidget) -> int:
    return widget.heightForWidth(100_000)


def test_everything_on_one_row_when_there_is_room(qtbot) -> None:
    container, layout, back, words, listen, home = make_row(qtbot)
    words.ensurePolished()
    buttons = sum(button.sizeHint().width() for button in (back, listen, home))
    width = buttons + 30 + words.fontMetrics().horizontalAdvance(TITLE) + 50
    lay_out(container, width)
    assert not layout.is_stacked()
    assert back.geometry().right() < words.geometry().left()
    assert words.geometry().right() < listen.geometry().left()
    assert listen.geometry().right() < home.geometry().left()
    assert words.height() == one_line(words)  # one line: nothing wrapped
    assert back.width() >= back.sizeHint().width()


def test_the_widest_button_wraps_first_to_keep_the_title_on_two_lines(qtbot) -> None:
    container, layout, back, words, listen, home = make_row(qtbot)
    hints = {button: button.sizeHint().width() for button in (back, listen, home)}
    two_lines = next(w for w in range(10, 2000) if words.heightForWidth(w) <= 2 * one_line(words))
    lay_out(container, sum(hints.values()) + 30 + two_lines - 40)  # 40 px short
    assert not layout.is_stacked()
    assert words.heightForWidth(words.width()) <= 2 * one_line(words)
    assert listen.width() < hints[listen]  # the widest gave way
    assert home.width() == hints[home]  # the narrowest kept its words on one line


def test_a_squeezed_title_goes_on_its_own_row_under_the_buttons(qtbot) -> None:
    container, layout, back, words, listen, home = make_row(qtbot, squeeze=False)
    width = back.sizeHint().width() + listen.sizeHint().width() + home.sizeHint().width() + 60
    lay_out(container, width)
    assert layout.is_stacked()
    buttons_bottom = max(b.geometry().bottom() for b in (back, listen, home))
    assert words.geometry().top() > buttons_bottom
    assert words.width() == width  # the whole width: the fewest lines
    assert home.geometry().right() == width - 1  # the trailing buttons stay at the right
    assert container.layout().heightForWidth(width) >= words.geometry().bottom()


def test_the_trailing_button_goes_under_the_words_lined_up_with_them(qtbot) -> None:
    container, layout, back, words, listen, _ = make_row(
        qtbot, TRAILING_BELOW, squeeze=False, title=TITLE * 3
    )
    lay_out(container, 900)
    assert layout.is_stacked()
    assert words.geometry().left() == back.geometry().right() + 11
    assert listen.geometry().top() > words.geometry().bottom()
    assert listen.geometry().left() == words.geometry().left()


def test_buttons_that_do_not_fit_one_row_flow_onto_more_rows_uncut(qtbot) -> None:
    container, _, back, _, listen, home = make_row(qtbot)
    narrow = max(b.minimumSizeHint().width() for b in (back, listen, home)) + 20
    lay_out(container, narrow)
    buttons = (back, listen, home)
    for button in buttons:
        assert button.width() >= button.minimumSizeHint().width()
        assert button.geometry().right() < narrow
    for index, first in enumerate(buttons):
        for second in buttons[index + 1 :]:
            assert not first.geometry().intersects(second.geometry())


def test_hidden_widgets_take_no_room(qtbot) -> None:
    container, layout, back, words, _, home = make_row(qtbot)
    back.setVisible(False)
    home.setVisible(False)
    lay_out(container, layout.sizeHint().width() + 50)
    assert words.geometry().left() == 0


@pytest.fixture
def largest_text(qapp: QApplication, make_ctx: MakeCtx) -> Iterator[AppContext]:
    """English at the largest text size, its style sheet applied."""
    ctx = make_ctx("en", len(TEXT_SIZES_PT) - 1)
    before = qapp.styleSheet()
    qapp.setStyleSheet(ctx.theme.stylesheet())
    yield ctx
    qapp.setStyleSheet(before)


def test_the_number_step_moves_the_hint_to_fit_the_height(qtbot, largest_text) -> None:
    step = NumberEntryStep(largest_text)
    qtbot.addWidget(step)
    step.show()
    need = {a: step.step_layout.height_for(1280, a) for a in (HINT_BESIDE, PROMPT_ACROSS)}
    assert need[PROMPT_ACROSS] < need[HINT_BESIDE]  # a prompt on one line is shorter
    for height, expected in (
        (need[HINT_BESIDE], HINT_BESIDE),
        (need[HINT_BESIDE] - 1, PROMPT_ACROSS),
        (need[PROMPT_ACROSS] - 1, HINT_BELOW),
    ):
        step.resize(1280, height)
        QApplication.processEvents()
        assert step.arrangement == expected
        for widget in (step.prompt, step.hint):
            assert widget.height() >= widget.heightForWidth(widget.width())
            assert widget.width() >= widget.minimumSizeHint().width()
    assert step.hint.geometry().top() > step.keys["delete"].geometry().bottom()
    assert step.hint.geometry().top() > step.skip_button.geometry().bottom()
