"""The caller pictures: each page fits the window at the largest text size, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from guardian.core.i18n import LANGS, Lang
from guardian.ui.caller_choice import WORD_JOINER, CallerChoiceStep, keep_words_together
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.paged_column import PagedColumn
from guardian.ui.theme import TEXT_SIZES_PT
from guardian.ui.widgets import BigButton, longest_word_px
from tests.ui.conftest import WindowMaker

# Measured with the font the app really uses (see conftest.app_font).
pytestmark = pytest.mark.usefixtures("app_font")

LARGEST = len(TEXT_SIZES_PT) - 1


def open_callers(make_window: WindowMaker, lang: Lang, size: tuple[int, int]) -> CallerChoiceStep:
    """The caller pictures of a check started from home, at the largest text in a window."""
    window = make_window(lang, LARGEST, size=size)
    window.open("check_call")
    screen = window.current_screen()
    assert isinstance(screen, CheckCallScreen)
    screen.number_step.skip_button.click()
    return screen.caller_step


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", [1, 2])
def test_a_page_of_callers_fits_without_scrolling_at_the_largest_text(
    make_window: WindowMaker, lang: Lang, page: int
) -> None:
    step = open_callers(make_window, lang, (1280, 860))
    ctx = step.ctx
    if page == 2:
        assert step.more_button is not None
        step.more_button.click()
    QApplication.processEvents()
    column = step.pages.currentWidget()
    assert isinstance(column, PagedColumn) and column.page_count == 1
    shown = [button for button in step.buttons.values() if button.isVisible()]
    if page == 1:
        assert step.more_button is not None and step.more_button.isVisible()
        shown.append(step.more_button)
    else:  # the heading of the rest, and the last picture: none of these
        assert step.prompt.text() == ctx.pick(ctx.content.wizard.more.page_question)
        assert step.none_button is not None and step.none_button.isVisible()
        shown.append(step.none_button)
    assert len(shown) == (9 if page == 1 else len(ctx.content.wizard.on_page(2)) + 1)
    for button in shown:
        corner = button.mapTo(column, button.rect().bottomRight())
        assert column.rect().contains(corner), button.label()
        # The words get the height they need at the width they have: nothing is cut off.
        words = button.text_widget
        assert words.heightForWidth(words.width()) <= words.height(), button.label()


@pytest.mark.parametrize("lang", LANGS)
def test_in_a_small_window_the_rows_that_do_not_fit_go_to_a_next_page(
    make_window: WindowMaker, speaker, lang: Lang
) -> None:
    step = open_callers(make_window, lang, (1024, 768))
    QApplication.processEvents()
    column = step.pages.currentWidget()
    assert isinstance(column, PagedColumn) and column.page_count > 1
    seen: list[str] = []
    for index in range(column.page_count):
        if index:
            column.next_button.click()
            QApplication.processEvents()
            # The new part of the page is read aloud: its pictures' words.
            assert speaker.last() == step.spoken_text()
        shown = [b for b in column.findChildren(BigButton) if b.isVisible()]
        shown = [b for b in shown if b not in (column.next_button, column.previous_button)]
        assert shown
        for button in shown:
            corner = button.mapTo(column, button.rect().bottomRight())
            assert column.rect().contains(corner), button.label()
            assert button.label() in step.spoken_text()
            # No word is cut off at the side ("Custome"): the pictures give way first.
            assert longest_word_px(button.text_widget) <= button.text_widget.width(), button.label()
            seen.append(button.label())
    assert step.more_button is not None
    assert len(seen) == 9 and step.more_button.label() in seen
    # Back to the pictures (say, after 返回): the page starts again from its first row.
    step.show_page(1)
    assert column.index == 0


def test_chinese_captions_break_only_between_words() -> None:
    shown = keep_words_together("公安、检察院、法院")
    assert shown.replace(WORD_JOINER, "") == "公安、检察院、法院"
    assert shown.split("、") == [
        f"公{WORD_JOINER}安",
        f"检{WORD_JOINER}察{WORD_JOINER}院",
        f"法{WORD_JOINER}院",
    ]
    assert keep_words_together("亲戚或朋友") == f"亲{WORD_JOINER}戚{WORD_JOINER}或朋{WORD_JOINER}友"
    assert keep_words_together("Police or court") == "Police or court"
