"""Honest calling: a button says "call" only where the computer can dial.

Where no program takes ``tel:`` addresses, the verdict's buttons say "show the number", and the
hotline and call cards say, in order, to hang up on the caller first, then to dial on the phone.
Where one does (here a handler registered with Qt stands in for Phone Link or KDE Connect,
found through a real XDG ``mimeapps.list``), the call starts for real and the card says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from guardian.core.contacts import Contact, parse_phone
from guardian.core.i18n import Lang
from guardian.core.risk import Answer, assess
from guardian.tel_handler import find_tel_handler
from guardian.ui.call_card import CallCardScreen
from guardian.ui.hotline import HotlineScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.phone import can_dial, phone_handler
from guardian.ui.verdict import VerdictView
from tests.ui.conftest import WindowMaker
from tests.xdg_home import xdg_home


class Phone(QObject):
    """Stands in for the program that dials: Qt hands it every ``tel:`` address opened."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def dial(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def phone(qapp) -> Iterator[Phone]:
    receiver = Phone()
    QDesktopServices.setUrlHandler("tel", receiver, "dial")
    yield receiver
    QDesktopServices.unsetUrlHandler("tel")


@pytest.fixture(params=["zh", "en"])
def lang(request) -> str:
    return request.param


def high_verdict(window: MainWindow) -> VerdictView:
    ctx = window.ctx
    verdict = VerdictView(ctx, assess(ctx.content, {"safe_account": Answer.YES}, caller="police"))
    verdict.action.connect(lambda action: window.open(action))
    return verdict


ANNA = Contact(name="安娜", phone=parse_phone("13812345678").phone, relationship="daughter", id=1)  # type: ignore[arg-type]


def test_the_program_that_dials_is_read_from_the_xdg_files(tmp_path: Path) -> None:
    with_one = xdg_home(tmp_path / "with", dialler=True)
    assert find_tel_handler("en", platform="linux", environ=with_one) == "KDE Connect"
    assert find_tel_handler("zh", platform="linux", environ=with_one) == "KDE 连接"
    without = xdg_home(tmp_path / "without", dialler=False)
    assert find_tel_handler("zh", platform="linux", environ=without) is None
    # A choice of a program that is not installed does not count.
    (
        Path(with_one["XDG_DATA_HOME"]) / "applications" / "org.kde.kdeconnect.handler.desktop"
    ).unlink()
    assert find_tel_handler("zh", platform="linux", environ=with_one) is None
    assert find_tel_handler("zh", platform="darwin", environ=without) == "FaceTime"


def test_without_a_dialler_the_buttons_show_the_number_and_say_hang_up_first(
    qtbot, speaker, make_window: WindowMaker, phone: Phone, tmp_path: Path, monkeypatch, lang: Lang
) -> None:
    for name, value in xdg_home(tmp_path, dialler=False).items():
        monkeypatch.setenv(name, value)
    window = make_window(lang)
    ctx = window.ctx
    assert phone_handler(ctx) is None and not can_dial(ctx)
    verdict = high_verdict(window)
    words = {name: button.label() for name, button in verdict.buttons.items()}
    assert words["call_police"] == ctx.t("verdict.call_110_show")
    assert words["call_antifraud"] == ctx.t("verdict.call_96110_show")
    assert words["call_family"] == ctx.t("verdict.call_family_show")
    assert ("看 110 号码" if lang == "zh" else "110: show the number") == words["call_police"]

    verdict.buttons["call_police"].click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen)
    qtbot.waitUntil(lambda: card.pages.isVisible())
    assert phone.urls == []  # nothing was dialled
    hang_up, dial_yourself = card.hang_up_first, card.dial_yourself
    assert hang_up.text() == ctx.t("phone.hang_up_first")
    assert dial_yourself.text() == ctx.t("phone.dial_number", number="110")
    # In that order on the screen, and the number huge beside the second step.
    assert hang_up.isVisible() and dial_yourself.isVisible()
    assert (
        hang_up.mapTo(card, hang_up.rect().topLeft()).y()
        < dial_yourself.mapTo(card, dial_yourself.rect().topLeft()).y()
    )
    assert card.number_label.isVisible() and card.number_label.text() == "110"
    assert not card.again_button.isVisible()
    said = speaker.last()
    assert said == card.spoken_text()
    assert said.index(hang_up.text()) < said.index(dial_yourself.text())
    assert ctx.t("phone.calling", who="110") not in said

    # The family's card says the same, and has no "call" button.
    card = CallCardScreen(ctx, [ANNA])
    window.show_screen(card)
    assert phone.urls == []
    assert not card.call_button.isVisible()
    assert card.hang_up_first.isVisible() and card.dial_yourself.isVisible()
    assert "安娜" in card.dial_yourself.text()
    said = speaker.last()
    assert said.index(card.hang_up_first.text()) < said.index(card.dial_yourself.text())


def test_with_a_dialler_the_call_starts_and_the_card_says_so(
    qtbot, speaker, make_window: WindowMaker, phone: Phone, tmp_path: Path, monkeypatch, lang: Lang
) -> None:
    for name, value in xdg_home(tmp_path, dialler=True).items():
        monkeypatch.setenv(name, value)
    window = make_window(lang)
    ctx = window.ctx
    program = "KDE 连接" if lang == "zh" else "KDE Connect"
    assert phone_handler(ctx) == program
    verdict = high_verdict(window)
    assert verdict.buttons["call_police"].label() == ctx.t("verdict.call_110")

    verdict.buttons["call_police"].click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen)
    assert phone.urls == ["tel:110"]  # the call started, through Qt, to the program
    calling = ctx.t("phone.calling_with", program=program, who="110")
    assert card.calling.text() == calling
    assert ("正在用KDE 连接打给110" if lang == "zh" else "Calling 110 with KDE Connect") == calling
    qtbot.waitUntil(lambda: card.calling.isVisible())
    assert not card.hang_up_first.isVisible()
    assert card.again_button.isVisible()
    assert calling in speaker.last()
    card.again_button.click()
    assert phone.urls == ["tel:110", "tel:110"]

    # The family's card dials as it opens, and once more on "call again".
    card = CallCardScreen(ctx, [ANNA])
    window.show_screen(card)
    assert phone.urls[-1] == "tel:+8613812345678"
    assert card.calling.text() == ctx.t("phone.calling_with", program=program, who="安娜")
    assert card.calling.isVisible() and not card.hang_up_first.isVisible()
    assert card.call_button.isVisible()
    assert card.calling.text() in speaker.last()
    card.call_button.click()
    assert phone.urls[-2:] == ["tel:+8613812345678"] * 2
