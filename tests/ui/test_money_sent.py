"""I already sent money: one step a screen, the bank, and the report card filled in and printed.

Closing a remote-control program still running comes first; who to call to stop the money
depends on how it left (a bank card, WeChat Pay 95017, Alipay 95188); a fee to get the money
back is the same fraud, on the screen, on the card and on paper.
"""

from __future__ import annotations

import sqlite3
import subprocess
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Signal

from guardian.assets import load_catalog
from guardian.core.content import HotlineKind
from guardian.core.i18n import Lang
from guardian.core.records import CheckRecord
from guardian.core.remote_apps import Found, ProcessInfo, match_processes
from guardian.core.report_card import PAYMENT_METHODS
from guardian.core.speech_text import for_speech
from guardian.guard.scan import load_remote_apps
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.ui.bank_choice import BankChoiceScreen
from guardian.ui.hotline import HotlineScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.money_sent import STEPS, MoneySentScreen
from guardian.ui.remote_warning import RemoteAppWarningScreen
from guardian.ui.report_card import ReportCardScreen
from guardian.ui.services import Services
from tests.conftest import require_program
from tests.ui.conftest import WindowMaker


@pytest.fixture
def saving_window(make_window: WindowMaker, db_path) -> Callable[..., MainWindow]:
    """The shared window maker, each window saving to the test's database."""

    def make(
        lang: Lang = "zh", services: Services | None = None, bank_hotline: str | None = None
    ) -> MainWindow:
        return make_window(lang=lang, db_path=db_path, services=services, bank_hotline=bank_hotline)

    return make


def test_one_step_a_screen_hang_up_first_with_ticks_and_a_step_back(saving_window, speaker) -> None:
    window = saving_window()
    window.current_screen().buttons["money_sent"].click()
    screen = window.current_screen()
    assert isinstance(screen, MoneySentScreen)
    assert screen.order() == ["hang_up", "bank", "police", "family", "card"]
    assert screen.current == "hang_up"
    assert "挂断对方电话，不要再接他们的电话" in screen.headlines["hang_up"].text()
    assert screen.progress.text() == "第 1 步，共 5 步"
    assert not screen.previous_button.isVisibleTo(screen)
    assert speaker.last().startswith(window.ctx.t("money.calm"))
    assert "挂断对方电话" in speaker.last() and "做完了，下一步" in speaker.last()
    # Only the step shown is on screen.
    assert screen.headlines["hang_up"].isVisibleTo(window)
    assert not screen.headlines["police"].isVisibleTo(window)
    screen.next_button.click()
    assert screen.current == "bank" and screen.progress.text() == "第 2 步，共 5 步"
    assert screen.ticks["hang_up"].isVisibleTo(screen)
    assert not screen.ticks["bank"].isVisibleTo(screen)
    assert "第 2 步，共 5 步" in speaker.last() and "已经做完 1 步" in speaker.last()
    assert "银行卡、微信、支付宝、交了现金、不知道" in speaker.last()
    screen.next_button.click()
    assert screen.current == "police" and "110" in screen.headlines["police"].text()
    screen.previous_button.click()
    assert screen.current == "bank"
    assert screen.ticks["bank"].isVisibleTo(screen)  # done once, ticked for good
    window.back()  # the header's back goes one step back too
    assert screen.current == "hang_up" and window.current_screen() is screen
    for _ in screen.order():
        screen.next_button.click()
    assert screen.current == "finished"
    assert all(screen.ticks[key].isVisibleTo(screen) for key in screen.order())
    assert not screen.next_button.isVisibleTo(screen)
    assert speaker.last().rstrip("。").endswith("还是骗子")
    # Cutting the network would stop the family's alert: no step says so.
    for key in STEPS:
        words = screen.headlines[key].text() + (
            screen.details[key].text() if key in screen.details else ""
        )
        assert "网络" not in words and "网线" not in words, key


def test_the_place_is_kept_while_calling_110_and_coming_back(saving_window, speaker) -> None:
    window = saving_window()
    window.open("money_sent")
    money = window.current_screen()
    money.next_button.click()
    money.next_button.click()
    assert money.current == "police"
    money.buttons["call_police"].click()
    assert window.current_screen().number_label.text() == "110"
    window.back()
    assert window.current_screen() is money
    assert money.current == "police" and money.progress.text() == "第 3 步，共 5 步"
    assert money.headlines["police"].isVisibleTo(window)
    assert "第 3 步" in speaker.last()  # read again where the person was
    money.next_button.click()
    money.buttons["call_family"].click()
    window.back()
    assert money.current == "family"
    assert {key for key in money.order() if money.ticks[key].isVisibleTo(money)} == {
        "hang_up",
        "bank",
        "police",
    }


def test_call_my_bank_lists_the_banks_a_page_at_a_time(saving_window, speaker) -> None:
    window = saving_window()
    window.open("money_sent")
    money = window.current_screen()
    money.go_to("bank")
    assert not money.buttons["call_bank"].isVisibleTo(money)  # until the way is chosen
    money.methods["bank_card"].click()
    assert money.buttons["call_bank"].isVisibleTo(money)
    assert not money.methods["bank_card"].isVisibleTo(money)  # the calls in their place
    assert "打给您的银行" in money.paid_action.text() and "打给您的银行" in speaker.last()
    money.buttons["call_bank"].click()
    banks = window.current_screen()
    assert isinstance(banks, BankChoiceScreen)
    assert len(banks.buttons) == 15
    first = banks.shown_banks()
    assert "icbc" in first and len(first) < 15
    assert all(banks.buttons[b].isVisibleTo(banks) for b in first)
    assert not banks.previous_page.isVisibleTo(banks)
    assert "背面" in banks.spoken_text()  # a bank not in the list, said on every page
    seen = set(first)
    while banks.next_page.isVisibleTo(banks):
        banks.next_page.click()
        seen.update(banks.shown_banks())
    assert seen == set(banks.buttons)
    assert banks.card_back.isVisibleTo(banks) and "背面" in banks.card_back.text()
    banks.show_page(0)
    banks.buttons["icbc"].click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen)
    assert card.number_label.text() == "95588"
    assert "止付" in card.spoken_text()
    window.back()
    window.back()
    assert window.current_screen() is money and money.current == "bank"
    window.back()  # from the calls back to the question
    assert money.methods["cash"].isVisibleTo(money) and money.current == "bank"


def test_the_bank_the_family_chose_opens_directly(saving_window) -> None:
    window = saving_window(bank_hotline="ccb")
    window.open("call_bank")
    assert window.current_screen().number_label.text() == "95533"


def test_the_report_card_is_filled_in_from_the_latest_check_once(
    saving_window, qtbot, db_path, speaker
) -> None:
    db = open_database(db_path)
    now = datetime.now(timezone.utc)
    CheckStore(db).save(
        CheckRecord(
            kind="text",
            caller_number="+8617012345678",
            caller_type="police",
            signals=["safe_account"],
            text="您的账户涉嫌洗钱，请马上把5万元转到安全账户。",
            started_at=now,
            updated_at=now,
            lang="zh",
        )
    )
    db.close()
    window = saving_window()
    window.open("report_card")
    card = window.current_screen()
    assert isinstance(card, ReportCardScreen)
    assert card.for_helper.text() == "请家人或民警帮忙填写"
    assert card.for_helper.isVisibleTo(card) and card.pdf_button.label() == "打印出来"
    assert not card.fields["amount"].isVisibleTo(card)  # the form is the helper's page
    qtbot.waitUntil(lambda: card.fields["caller_number"].text() == "+8617012345678")
    said = card.fields["what_they_said"].toPlainText()
    local = now.astimezone()
    assert f"{local.month}月{local.day}日 {local.hour:02d}:{local.minute:02d}" in said
    assert (
        "说自己是：" in said and window.ctx.pick(window.ctx.content.caller("police").label) in said
    )
    assert "安全账户" in said and "提到的钱数：5万元" in said
    assert "对方的电话号码" in card.summary.text() and "对方说了什么" in card.summary.text()
    assert "请家人或民警帮忙填写" in speaker.last() and "5万元" in speaker.last()
    # The helper fills in the rest; what they clear stays cleared.
    card.fill_button.click()
    assert card.fields["receiving_account"].isVisibleTo(card)  # the form's first page
    while not card.fields["amount"].isVisibleTo(card):  # a later page, behind "下一页"
        assert card.form_pages.next_button.isVisibleTo(card)
        card.form_pages.next_button.click()
    card.fields["amount"].insert("50000元")
    card.fields["what_they_said"].setPlainText("")
    card.done_button.click()
    assert "转了多少钱" in card.summary.text()
    window.back()
    window.open("report_card")
    again = window.current_screen()
    qtbot.waitUntil(lambda: again.fields["amount"].text() == "50000元")
    assert again.fields["what_they_said"].toPlainText() == ""
    assert again.fields["caller_number"].text() == "+8617012345678"
    again.read_button.click()
    assert "转了多少钱：50000元" in window.ctx.speaker.last()


def test_an_old_check_does_not_fill_in_the_card(saving_window, qtbot, db_path) -> None:
    db = open_database(db_path)
    then = datetime.now(timezone.utc) - timedelta(days=30)
    CheckStore(db).save(
        CheckRecord(
            kind="call", caller_number="+8617000000000", started_at=then, updated_at=then, lang="zh"
        )
    )
    db.close()
    window = saving_window()
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading)
    assert card.card.is_empty()
    assert card.summary.text() == window.ctx.t("card.intro")


def test_print_it_writes_the_card_and_opens_it(saving_window, qtbot, tmp_path, speaker) -> None:
    pdftotext = require_program("pdftotext")
    opened: list[QUrl] = []
    window = saving_window(services=Services(file_opener=lambda url: opened.append(url) or True))
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading)
    card.folder = tmp_path
    card.fields["receiving_account"].insert("6222021234567890")
    first = card.print_card()
    second = card.print_card()  # the first one is kept
    assert first is not None and second is not None and first != second
    assert first.parent == tmp_path and first.name.startswith("报案卡-")
    assert [url.toLocalFile() for url in opened] == [str(first), str(second)]
    text = subprocess.run([pdftotext, str(first), "-"], capture_output=True, text=True, check=True)
    assert "6222021234567890" in text.stdout and "报案卡" in text.stdout
    assert speaker.last() == window.ctx.t("card.saved") and "打印" in speaker.last()
    assert card.saved_to.isVisibleTo(card) and str(second) in card.saved_to.text()


def test_the_report_card_pdf_has_the_text(saving_window, qtbot, tmp_path) -> None:
    pdftotext = require_program("pdftotext")
    window = saving_window()
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading)
    card.fill_button.click()
    qtbot.keyClicks(card.fields["receiving_account"], "6222021234567890")
    card.fields["receiving_name"].insert("王某某")
    path = card.save_pdf(tmp_path / "card.pdf")
    assert path is not None
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    assert "6222021234567890" in text.stdout
    assert "王某某" in text.stdout
    assert "收钱的账号" in text.stdout
    assert str(path) in card.saved_to.text()


UNWRITABLE = [
    # The folder exists, but nothing can be created in it (not even by root).
    pytest.param(
        "zh",
        lambda tmp: Path("/proc/guardian-report-card.pdf"),
        marks=pytest.mark.skipif(not Path("/proc").is_dir(), reason="a system without /proc"),
        id="zh-proc",
    ),
    pytest.param("en", lambda tmp: tmp / "no-such-folder" / "card.pdf", id="en-missing-folder"),
]


@pytest.mark.parametrize(("lang", "where"), UNWRITABLE)
def test_a_card_that_cannot_be_written_says_so_and_keeps_what_was_typed(
    saving_window, qtbot, speaker, tmp_path, lang, where
) -> None:
    pdftotext = require_program("pdftotext")
    window = saving_window(lang)
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading)
    card.fields["receiving_account"].insert("6222021234567890")
    card.fields["what_they_said"].setPlainText("safe account")
    path = where(tmp_path)
    assert card.save_pdf(path) is None
    catalog = load_catalog()
    not_saved = catalog.get(lang, "card.not_saved")
    assert card.saved_to.text() == not_saved
    assert speaker.last() == not_saved
    assert catalog.get(lang, "card.saved") not in [text for text, _ in speaker.said]
    assert not path.exists()
    assert card.fields["receiving_account"].text() == "6222021234567890"
    assert card.fields["what_they_said"].toPlainText() == "safe account"
    # The same card saved to a place that can be written has all of it.
    written = card.save_pdf(tmp_path / "card.pdf")
    assert written is not None
    text = subprocess.run(
        [pdftotext, str(written), "-"], capture_output=True, text=True, check=True
    )
    assert "6222021234567890" in text.stdout and "safe account" in text.stdout
    assert card.saved_to.text() == catalog.get(lang, "card.saved_to", path=str(written))
    assert speaker.last() == catalog.get(lang, "card.saved")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_nothing_typed_is_lost_on_disk(saving_window, qtbot, db_path) -> None:
    window = saving_window()
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading)
    card.fields["bank"].insert("建设银行")
    window.ctx.disk.shutdown()  # finishes every queued write
    with sqlite3.connect(db_path) as connection:
        (value,) = connection.execute(
            "select value_json from settings where key = 'report_card'"
        ).fetchone()
    assert "建设银行" in value


class FakeGuard(QObject):
    """The remote-app watcher as the screens use it: what runs, and polling on and off."""

    found = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.polling = False

    def start_polling(self) -> None:
        self.polling = True

    def stop_polling(self) -> None:
        self.polling = False


def anydesk() -> list[Found]:
    return match_processes(load_remote_apps(), [ProcessInfo(1, "AnyDesk.exe", None)], "win32")


def flat(text: str) -> str:
    """``text`` without line breaks and spaces (pdftotext breaks long lines), and with the
    radicals some fonts' PDF text gives (⼦ for 子) as the characters."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_a_remote_program_still_running_is_closed_first(saving_window) -> None:
    guard = FakeGuard()
    window = saving_window(services=Services(guard=guard))
    window.open("money_sent")
    money = window.current_screen()
    assert isinstance(money, MoneySentScreen) and guard.polling
    assert money.order() == ["hang_up", "bank", "police", "family", "card"]
    money.next_button.click()  # on step 2 when the program is seen
    guard.found.emit(anydesk())
    # The warning opens on its own; back on the steps, closing the program is step 1, and the
    # person is still where they were.
    warning = window.current_screen()
    assert isinstance(warning, RemoteAppWarningScreen)
    warning.done_button.click()
    assert window.current_screen() is money
    assert money.order() == ["sharing", "hang_up", "bank", "police", "family", "card"]
    assert money.current == "bank" and money.progress.text() == "第 3 步，共 6 步"
    assert "AnyDesk" in money.headlines["sharing"].text()
    assert "网络" not in money.headlines["sharing"].text()
    money.go_to("sharing")
    assert money.progress.text() == "第 1 步，共 6 步"
    assert "AnyDesk" in money.spoken_text()
    money.buttons["sharing"].click()
    assert isinstance(window.current_screen(), RemoteAppWarningScreen)
    window.back()
    # Closed: the step goes, and the next one shows.
    guard.found.emit([])
    assert money.order() == ["hang_up", "bank", "police", "family", "card"]
    assert money.current == "hang_up" and money.progress.text() == "第 1 步，共 5 步"
    window.back()
    assert not isinstance(window.current_screen(), MoneySentScreen)
    assert not guard.polling
    guard.found.emit(anydesk())  # after the steps closed: nothing opens
    assert not isinstance(window.current_screen(), RemoteAppWarningScreen)


@pytest.mark.parametrize(
    ("lang", "method", "hotline", "number", "digits"),
    [
        ("zh", "wechat", "wechat_pay", "95017", "九五零幺七"),
        ("zh", "alipay", "alipay", "95188", "九五幺八八"),
        ("en", "wechat", "wechat_pay", "95017", "nine five zero one seven"),
        ("en", "alipay", "alipay", "95188", "nine five one eight eight"),
    ],
)
def test_money_sent_by_wechat_or_alipay_calls_wechat_pay_or_alipay(
    saving_window, speaker, lang, method, hotline, number, digits
) -> None:
    window = saving_window(lang)
    window.open("money_sent")
    money = window.current_screen()
    money.go_to("bank")
    money.methods[method].click()
    calls = {"call_bank", "wechat_pay", "alipay"}
    assert {key for key in calls if money.buttons[key].isVisibleTo(money)} == {hotline}
    name = window.ctx.pick(window.ctx.content.hotline(hotline).name)
    assert name in money.paid_action.text() and number in money.paid_action.text()
    assert number in speaker.last()
    assert number in money.buttons[hotline].label() and name in money.buttons[hotline].label()
    chosen = window.ctx.t("card.chosen", name=window.ctx.pick(PAYMENT_METHODS[method]))
    assert money.methods[method].text_widget.text() == chosen
    money.buttons[hotline].click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen)
    assert card.number_label.text() == number
    assert digits in for_speech(speaker.last(), lang)


def test_not_knowing_how_offers_the_bank_wechat_pay_and_alipay(saving_window, speaker) -> None:
    window = saving_window()
    window.open("money_sent")
    money = window.current_screen()
    money.go_to("bank")
    money.methods["unknown"].click()
    for key in ("call_bank", "wechat_pay", "alipay"):
        assert money.buttons[key].isVisibleTo(money), key
    assert "家人" in money.paid_action.text()
    money.previous_button.click()  # back to the question, to change the answer
    assert money.methods["cash"].isVisibleTo(money)
    money.methods["cash"].click()  # changing the answer changes the calls
    for key in ("call_bank", "wechat_pay", "alipay"):
        assert not money.buttons[key].isVisibleTo(money), key
    assert "警察" in money.paid_action.text() and "警察" in speaker.last()
    assert "（已选）" in money.methods["cash"].text_widget.text()
    assert "（已选）" not in money.methods["unknown"].text_widget.text()


def test_a_fee_to_get_the_money_back_is_the_same_fraud(saving_window, qtbot, tmp_path) -> None:
    pdftotext = require_program("pdftotext")
    window = saving_window()
    window.open("money_sent")
    money = window.current_screen()
    money.go_to("finished")
    assert "追回损失要先交钱的，还是骗子" in money.warning_text.text()
    assert money.warning.isVisibleTo(money)
    assert money.spoken_text().rstrip("。").endswith("还是骗子")
    window.open("report_card")
    card = window.current_screen()
    assert isinstance(card, ReportCardScreen)
    assert "追回损失要先交钱的，还是骗子" in card.warning.text()
    assert "追回损失要先交钱的，还是骗子" in card.spoken_text()
    qtbot.waitUntil(lambda: not card._loading)
    path = card.save_pdf(tmp_path / "card.pdf")
    assert path is not None
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    assert flat("追回损失要先交钱的，还是骗子") in flat(text.stdout)


def test_the_way_it_was_paid_and_the_own_account_are_on_the_card_and_paper(
    saving_window, qtbot, tmp_path
) -> None:
    pdftotext = require_program("pdftotext")
    window = saving_window("en")
    window.open("money_sent")
    window.current_screen().methods["alipay"].click()  # written on the card as well
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading and card.card.paid_with == "alipay")
    assert "(chosen)" in card.choices["paid_with"]["alipay"].text_widget.text()
    card.fields["from_account"].insert("My own ICBC card ending 1234")
    card.choices["paid_with"]["wechat"].click()
    assert card.card.paid_with == "wechat"
    assert "(chosen)" not in card.choices["paid_with"]["alipay"].text_widget.text()
    assert "How the money was sent: WeChat" in card.spoken_text()
    assert "Your own card or account it left from: My own ICBC card" in card.spoken_text()
    path = card.save_pdf(tmp_path / "card.pdf")
    assert path is not None
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    printed = flat(text.stdout)
    for words in ("How the money was sent", "WeChat", "Your own card or account it left from"):
        assert flat(words) in printed, words
    assert flat("My own ICBC card ending 1234") in printed
    assert flat("is the same fraud") in printed
    # Kept: the card opened again has both.
    window.back()
    window.open("report_card")
    again = window.current_screen()
    qtbot.waitUntil(lambda: not again._loading)
    assert again.card.paid_with == "wechat"
    assert again.fields["from_account"].text() == "My own ICBC card ending 1234"
    # A second press on the chosen way clears it.
    again.choices["paid_with"]["wechat"].click()
    assert again.card.paid_with == ""


def test_the_bank_list_puts_the_own_bank_first_and_not_knowing_leads_to_110(
    qtbot, window: MainWindow
) -> None:
    ctx = window.ctx
    banks = [h.id for h in ctx.content.hotlines.values() if h.kind == HotlineKind.BANK]
    own = banks[-1]
    ctx.settings.set_bank_hotline(own)
    screen = BankChoiceScreen(ctx)
    window.show_screen(screen)
    assert screen.shown_banks()[0] == own
    screen.show_page(screen.pages.count() - 1)
    assert screen.dont_know.isVisible()
    assert ctx.t("bank.dont_know") in screen.spoken_text()
    screen.dont_know.click()
    shown = window.current_screen()
    assert isinstance(shown, HotlineScreen) and shown.number_label.text() == "110"
