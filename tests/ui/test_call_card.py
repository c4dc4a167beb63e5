"""Calling family: the card dials or says to use the phone, "no answer" moves on, 0/1/2 contacts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage

from guardian.core.contacts import Contact, parse_phone
from guardian.core.i18n import Lang
from guardian.storage.contacts import ContactStore
from guardian.ui.call_card import (
    CallCardScreen,
    CallFamilyListScreen,
    CallFamilyScreen,
    NoFamilyNumberScreen,
    call_order,
    open_call_family,
    spoken_digits,
)
from guardian.ui.hotline import HotlineScreen
from guardian.ui.theme import TEXT_SIZES_PT
from tests.ui.conftest import WindowMaker
from tests.ui.family.test_family import Family, make_family
from tests.ui.test_elder_friendly import problems_on


def contact(name: str, number: str, *, primary: bool = False, position: int = 0, **kw) -> Contact:
    phone = parse_phone(number).phone
    assert phone is not None
    return Contact(
        name=name, phone=phone, primary=primary, position=position, id=position + 1, **kw
    )


ANNA = contact("安娜", "13812345678", primary=True, relationship="daughter")
BEN = contact("本", "13912345678", position=1, relationship="son")
CARL = contact("卡尔", "010 8765 4321", position=2)


class Opener:
    """Stands in for the desktop: remembers the addresses and answers as told."""

    def __init__(self, handled: bool) -> None:
        self.handled = handled
        self.urls: list[str] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url.toString())
        return self.handled


def phone_link(lang: str) -> str:
    """A computer where Phone Link dials."""
    return "Phone Link"


@pytest.fixture
def family(disk, db_path, make_window: WindowMaker) -> Family:
    fam = make_family(make_window, disk, db_path)
    # Nothing dials, whatever this computer has.
    fam.ctx.services = replace(fam.ctx.services, find_phone_handler=lambda lang: None)
    return fam


def digits_in(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_where_the_computer_dials_the_card_calls_as_it_opens(family: Family, speaker) -> None:
    family.ctx.services = replace(family.ctx.services, find_phone_handler=phone_link)
    opener = Opener(True)
    card = family.show(CallCardScreen(family.ctx, [ANNA], opener=opener))
    assert isinstance(card, CallCardScreen)
    assert card.number_label.text() == "138 1234 5678"
    assert card.title() == "打给安娜"
    assert opener.urls == ["tel:+8613812345678"]
    assert card.calling.text() == "正在用Phone Link打给安娜"
    assert card.calling.isVisibleTo(card) and not card.hang_up_first.isVisibleTo(card)
    assert "正在用Phone Link打给安娜" in speaker.last()
    card.call_button.click()  # "call again"
    assert opener.urls == ["tel:+8613812345678"] * 2


def test_a_dialler_that_fails_turns_the_card_to_the_steps(family: Family, speaker) -> None:
    family.ctx.services = replace(family.ctx.services, find_phone_handler=phone_link)
    card = family.show(CallCardScreen(family.ctx, [ANNA], opener=Opener(False)))
    assert isinstance(card, CallCardScreen)
    assert card.hang_up_first.isVisibleTo(card) and card.dial_yourself.isVisibleTo(card)
    assert not card.calling.isVisibleTo(card) and not card.call_button.isVisibleTo(card)


def test_without_a_dialler_it_says_hang_up_then_dial_and_reads_the_digits(
    family: Family, speaker
) -> None:
    opener = Opener(True)
    card = family.show(CallCardScreen(family.ctx, [ANNA], opener=opener))
    assert isinstance(card, CallCardScreen)
    assert card.hang_up_first.text() == "第一步：先挂断对方的电话"
    assert card.dial_yourself.text() == "第二步：拿起电话打给安娜"
    assert not card.call_button.isVisibleTo(card)
    card.call_button.click()  # not shown; and nothing to start
    assert opener.urls == []
    spoken = speaker.last()
    assert spoken.index("第一步：先挂断对方的电话") < spoken.index("第二步：拿起电话打给安娜")
    assert "13812345678" in digits_in(spoken)
    assert "1 3 8，1 2 3 4，5 6 7 8" in spoken


def test_no_answer_moves_to_the_next_contact_and_wraps(family: Family, speaker) -> None:
    card = family.show(CallCardScreen(family.ctx, [ANNA, BEN, CARL], opener=Opener(True)))
    assert isinstance(card, CallCardScreen)
    names = [card.contact.name]
    for _ in range(3):
        card.next_button.click()
        names.append(card.contact.name)
        assert card.contact.name in speaker.last()
    assert names == ["安娜", "本", "卡尔", "安娜"]
    assert family.window.title_label.text() == "打给安娜"


def test_no_answer_with_one_contact_says_there_is_no_other(family: Family, speaker) -> None:
    card = family.show(CallCardScreen(family.ctx, [BEN], opener=Opener(True)))
    assert isinstance(card, CallCardScreen)
    card.next_button.click()
    assert card.contact is BEN
    assert "没有别的家人号码" in speaker.last()
    assert "没有别的家人号码" in card.message.text()


def test_the_card_shows_the_photo_or_the_initial(family: Family, tmp_path: Path) -> None:
    photo = tmp_path / "anna.png"
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#aa3300"))
    assert image.save(str(photo))
    with_photo = contact("安娜", "13812345678", photo_path=str(photo))
    card = family.show(CallCardScreen(family.ctx, [with_photo, BEN], opener=Opener(True)))
    assert isinstance(card, CallCardScreen)
    middle = card.portrait_px // 2
    shown = card.portrait.pixmap().toImage()
    assert shown.pixelColor(middle, middle) == QColor("#aa3300")
    card.next_button.click()
    initial = card.portrait.pixmap().toImage()
    assert initial.pixelColor(middle, middle) != QColor("#aa3300")
    assert not card.portrait.pixmap().isNull()


@pytest.mark.parametrize(("lang", "expected"), [("zh", "加 8 6，1 3 8"), ("en", "plus 8 6, 1 3 8")])
def test_spoken_digits(lang: Lang, expected: str) -> None:
    assert spoken_digits("+86 138", lang) == expected


def test_the_primary_contact_is_called_first() -> None:
    ben_primary = contact("本", "13912345678", primary=True, position=1)
    anna = contact("安娜", "13812345678", position=0)
    assert [c.name for c in call_order([anna, ben_primary, CARL])] == ["本", "安娜", "卡尔"]


# -- "call family" with 0, 1 and 2 contacts ------------------------------------------------------


def opened_call_family(family: Family) -> None:
    """Open "call my family" and wait until the screen for the contacts has taken its place."""
    family.window.open("call_family")
    family.settle()
    family.qtbot.waitUntil(lambda: not isinstance(family.screen(), CallFamilyScreen))


def test_call_family_without_contacts_offers_110_and_96110(family: Family) -> None:
    opened_call_family(family)
    screen = family.screen()
    assert isinstance(screen, NoFamilyNumberScreen)
    assert "家人设置" in screen.hint.text()
    screen.police_button.click()
    assert isinstance(family.screen(), HotlineScreen)
    family.window.back()
    assert family.screen() is screen
    screen.antifraud_button.click()
    hotline = family.screen()
    assert isinstance(hotline, HotlineScreen)
    assert hotline.hotline.number == "96110"


def test_call_family_with_one_contact_opens_its_card(family: Family, speaker) -> None:
    family.add_contact("安娜", "13812345678")
    opened_call_family(family)
    card = family.screen()
    assert isinstance(card, CallCardScreen)
    assert card.contact.name == "安娜"
    assert "安娜" in speaker.last()
    family.window.back()  # the card took the loading screen's place: back is home
    assert family.window.stack.count() == 1


def test_call_family_with_two_contacts_lists_them_primary_first(family: Family) -> None:
    family.add_contact("安娜", "13812345678")
    family.add_contact("本", "13912345678")
    family.on_disk(lambda db: ContactStore(db).set_primary(2))
    opened_call_family(family)
    screen = family.screen()
    assert isinstance(screen, CallFamilyListScreen)
    assert [c.name for c in screen.contacts] == ["本", "安娜"]
    assert "先打这位" in screen.buttons[0].text_widget.text()
    screen.buttons[1].click()
    card = family.screen()
    assert isinstance(card, CallCardScreen)
    assert card.contact.name == "安娜"
    card.next_button.click()
    assert card.contact.name == "本"
    family.window.back()
    assert family.screen() is screen


@pytest.mark.parametrize("count", [0, 1, 2])
def test_open_call_family_shows_the_right_screen(family: Family, count: int) -> None:
    for index in range(count):
        family.add_contact(f"家人{index}", f"1381234567{index}")
    open_call_family(family.ctx, Opener(True))
    family.settle()
    expected = {0: NoFamilyNumberScreen, 1: CallCardScreen, 2: CallFamilyListScreen}[count]
    assert isinstance(family.screen(), expected)


# -- the elder-friendly bar ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_SIZES_PT) - 1])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_call_screens_meet_the_bar(
    disk, db_path, make_window: WindowMaker, count: int, lang: Lang, step: int
) -> None:
    family = make_family(make_window, disk, db_path, lang, step)
    people = [ANNA, BEN, CARL][:count]
    if count == 1:
        family.show(CallCardScreen(family.ctx, people, opener=Opener(False)))
    elif count:
        family.show(CallFamilyListScreen(family.ctx, people))
    else:
        family.show(NoFamilyNumberScreen(family.ctx))
    assert problems_on(family.window, step) == []
