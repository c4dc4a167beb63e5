"""The notice that the family has not been told yet meets the elder-friendly bar on every screen
that shows it, in both languages, the 40 % longer one, and the smallest and largest text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guardian.core.contacts import Contact, parse_phone
from guardian.core.risk import Answer
from guardian.ui.call_card import CallCardScreen, CallFamilyListScreen, NoFamilyNumberScreen
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.money_sent import MoneySentScreen
from guardian.ui.screen import Screen
from tests.ui.test_elder_friendly import (  # noqa: F401 (fixtures)
    SIZES_AND_LANGUAGES,
    _verdict,
    problems_on,
    settle,
    walk_window,
)

# Measured with the font the app really uses (see conftest.app_font).
pytestmark = pytest.mark.usefixtures("app_font")


def contact(name: str, phone: str, primary: bool = False) -> Contact:
    parsed = parse_phone(phone).phone
    assert parsed is not None
    return Contact(name=name, phone=parsed, relationship="daughter", primary=primary, id=1)


def _money_sent(window: MainWindow) -> Screen:
    window.open("money_sent")
    screen = window.current_screen()
    assert isinstance(screen, MoneySentScreen)
    screen._family_not_told()
    return screen


def _verdict_high(window: MainWindow) -> Screen:
    _verdict(Answer.YES)(window)
    screen = window.current_screen()
    assert isinstance(screen, CheckCallScreen)
    screen._family_not_told()
    return screen


def _shown(make: Callable[[MainWindow], Screen]) -> Callable[[MainWindow], Screen]:
    def play(window: MainWindow) -> Screen:
        screen = make(window)
        window.show_screen(screen)
        screen.show_family_not_told()  # type: ignore[attr-defined]
        return screen

    return play


SCENES: dict[str, Callable[[MainWindow], Screen]] = {
    "money-sent": _money_sent,
    "verdict-high": _verdict_high,
    "call-card": _shown(
        lambda window: CallCardScreen(window.ctx, [contact("王小红", "+86 138 0013 8000")])
    ),
    "call-list": _shown(
        lambda window: CallFamilyListScreen(
            window.ctx,
            [contact("王小红", "13800138000", primary=True), contact("王大明", "13900139000")],
        )
    ),
    "no-number": _shown(lambda window: NoFamilyNumberScreen(window.ctx)),
}


@pytest.mark.parametrize("scene", list(SCENES))
@pytest.mark.parametrize(("step", "lang"), SIZES_AND_LANGUAGES)
def test_the_notice_meets_the_bar(walk_window, scene: str, step: int, lang: str) -> None:  # noqa: F811
    window = walk_window(lang, step)
    screen = SCENES[scene](window)
    settle(window)
    notice = window.ctx.t("alert.not_told")
    assert notice in screen.spoken_text()
    assert window.ctx.speaker.last() == screen.spoken_text()  # read aloud at once
    assert problems_on(window, step) == []
