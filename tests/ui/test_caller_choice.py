"""The caller pictures: each page fits the window at the largest text size, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea

from guardian.assets import load_catalog
from guardian.core.i18n import LANGS, Lang
from guardian.ui.caller_choice import WORD_JOINER, keep_words_together
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.context import AppContext
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.routes import build_routes
from guardian.ui.theme import TEXT_SIZES_PT

# Measured with the font the app really uses (see conftest.app_font).
pytestmark = pytest.mark.usefixtures("app_font")

LARGEST = len(TEXT_SIZES_PT) - 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", [1, 2])
def test_a_page_of_callers_fits_without_scrolling_at_the_largest_text(
    qtbot, speaker, lang: Lang, page: int
) -> None:

    ctx = AppContext(load_catalog(), speaker, lang=lang, text_step=LARGEST)
    window = MainWindow(ctx, build_routes(), HomeScreen)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    window.open("check_call")
    screen = window.current_screen()
    assert isinstance(screen, CheckCallScreen)
    screen.number_step.skip_button.click()
    step = screen.caller_step
    if page == 2:
        assert step.more_button is not None
        step.more_button.click()
    QApplication.processEvents()
    area = step.pages.currentWidget()
    assert isinstance(area, QScrollArea)
    assert not area.verticalScrollBar().isVisible()
    shown = [button for button in step.buttons.values() if button.isVisible()]
    if page == 1:
        assert step.more_button is not None and step.more_button.isVisible()
        shown.append(step.more_button)
    assert len(shown) == (9 if page == 1 else len(ctx.content.wizard.on_page(2)))
    viewport = area.viewport().rect()
    for button in shown:
        corner = button.mapTo(area.viewport(), button.rect().bottomRight())
        assert viewport.contains(corner), button.label()
        # The words get the height they need at the width they have: nothing is cut off.
        words = button.text_widget
        assert words.heightForWidth(words.width()) <= words.height(), button.label()


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
