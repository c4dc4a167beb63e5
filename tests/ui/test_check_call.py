"""The suspicious-call check driven as a person would, with the stored record checked each time."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from guardian.content_loader import load_content
from guardian.core.records import CheckRecord
from guardian.core.risk import Answer
from guardian.storage.worker import DiskWorker
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.home import HomeScreen
from guardian.ui.hotline import HotlineScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.verdict import VerdictView
from guardian.ui.widgets import KEY_FOCUS, BigButton
from tests.ui.conftest import WindowMaker


@pytest.fixture
def check_window(disk: DiskWorker, make_window: WindowMaker) -> MainWindow:
    return make_window(disk=disk)


def stored_checks(db_path: Path) -> list[CheckRecord]:
    """Read the database the way a later start of the app would: a fresh connection."""
    with sqlite3.connect(db_path) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute("select * from checks order by id").fetchall()
    return [CheckRecord.from_row(dict(row)) for row in rows]


class Person:
    """Presses buttons on the check and counts the presses."""

    def __init__(self, window: MainWindow, qtbot) -> None:
        self.window = window
        self.qtbot = qtbot
        self.taps = 0

    def press(self, button) -> None:
        self.taps += 1
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def type_number(self, number: str) -> None:
        """Typing the number on the keypad is optional, so it does not count as taps."""
        for key in number:
            self.qtbot.mouseClick(self.screen.number_step.keys[key], Qt.MouseButton.LeftButton)

    @property
    def screen(self) -> CheckCallScreen:
        screen = self.window.current_screen()
        assert isinstance(screen, CheckCallScreen)
        return screen

    def start(self) -> None:
        home = self.window.current_screen()
        assert isinstance(home, HomeScreen)
        self.press(home.buttons["check_call"])

    def choose(self, caller: str) -> None:
        """Press the picture of ``caller``, first "someone else" when it is on the second page."""
        step = self.screen.caller_step
        button = step.buttons[caller]
        if not button.isVisible():
            assert step.more_button is not None and step.more_button.isVisible()
            self.press(step.more_button)
        assert button.isVisible(), caller
        self.press(button)

    def skip_to_questions(self, caller: str) -> None:
        """Open the check from home, skip the number and choose ``caller`` (three or four
        presses)."""
        self.start()
        self.press(self.screen.number_step.skip_button)
        self.choose(caller)

    def answer_until_verdict(self, answers: dict[str, str]) -> VerdictView:
        screen = self.screen
        for _ in range(10):
            if screen.steps.currentWidget() is screen.verdict or screen.wizard.finished:
                break
            signal = screen.question_step.signal
            assert signal is not None
            before = screen.question_step.signal
            self.press(screen.question_step.buttons[Answer(answers.get(signal.id, "no"))])
            self.qtbot.waitUntil(
                lambda b=before: (
                    screen.verdict is not None
                    or screen.question_step.signal is not b
                    or (screen.wizard is not None and screen.wizard.finished)
                ),
                timeout=5000,
            )
        self.qtbot.waitUntil(lambda: screen.steps.currentWidget() is screen.verdict, timeout=5000)
        assert screen.verdict is not None
        return screen.verdict


def test_fake_police_asking_for_a_safe_account_stops_at_once(check_window, qtbot, db_path, speaker):
    person = Person(check_window, qtbot)
    person.start()
    person.type_number("01012345678")
    person.press(person.screen.number_step.next_button)
    person.press(person.screen.caller_step.buttons["police"])
    first = person.screen.question_step.signal
    assert first is not None and first.severity.name == "DECISIVE"
    assert speaker.last() == person.screen.question_step.spoken_text()
    verdict = person.answer_until_verdict({first.id: "yes"})
    assert person.taps <= 10
    assert verdict.assessment.level.value == "high"
    assert verdict.headline.text() == "极可能是诈骗"
    # Under the level, first of all, what to do now; then the buttons; the reasons after them.
    assert verdict.pages.page_blocks(0)[:3] == [
        verdict.banner,
        verdict.do_now,
        verdict.action_rows[0],
    ]
    assert verdict.do_now.text() == "现在就挂断电话，不要转账"
    assert "continue" not in verdict.buttons  # the person's own check never offers it
    # The verdict was read aloud, and the record was on disk before it showed.
    assert speaker.last() == verdict.spoken_text()
    assert "极可能是诈骗" in speaker.last()
    [record] = stored_checks(db_path)
    assert record.status == "finished"
    assert record.level == "high"
    assert record.stopped_early is True
    assert record.caller_type == "police"
    assert record.caller_number == "01012345678"
    assert record.answers == {first.id: "yes"}
    assert first.id in record.signals and "official_claim" in record.signals


def test_a_grandchild_in_trouble_is_suspicious(check_window, qtbot, db_path):
    person = Person(check_window, qtbot)
    person.skip_to_questions("relative")
    verdict = person.answer_until_verdict({"relative_in_trouble": "yes"})
    assert person.taps <= 10
    assert verdict.assessment.level.value == "medium"
    assert verdict.headline.text() == "很可能有诈"
    assert "continue" not in verdict.buttons
    [record] = stored_checks(db_path)
    assert record.level == "medium" and record.status == "finished"
    assert record.caller_number is None
    assert record.signals == ["relative_in_trouble"]
    assert len(record.answers) == len(person.screen.wizard.questions)
    assert set(record.answers.values()) == {"yes", "no"}


def test_an_ordinary_call_answered_no_never_says_safe(check_window, qtbot, db_path):
    person = Person(check_window, qtbot)
    person.skip_to_questions("courier")
    verdict = person.answer_until_verdict({})
    assert person.taps <= 10
    assert verdict.assessment.level.value == "low"
    assert verdict.headline.text() == "没看出常见的骗局"
    assert verdict.signal_rows == []
    spoken = verdict.spoken_text()
    assert "不转账" in spoken
    assert "安全" not in spoken.replace("安全账户", "")
    [record] = stored_checks(db_path)
    assert record.level == "low" and record.signals == []
    assert set(record.answers.values()) == {"no"}


def test_every_caller_path_reaches_a_verdict_within_ten_taps(check_window, qtbot):
    content = check_window.ctx.content
    for caller in content.wizard.callers:
        person = Person(check_window, qtbot)
        person.skip_to_questions(caller.id)
        person.answer_until_verdict({})
        assert person.taps <= 10, caller.id
        check_window.home()


def test_a_check_in_progress_is_saved_as_it_goes(check_window, qtbot, db_path):
    person = Person(check_window, qtbot)
    person.skip_to_questions("government")
    person.press(person.screen.question_step.buttons[Answer.NO])
    qtbot.waitUntil(lambda: [bool(c.answers) for c in stored_checks(db_path)] == [True])
    [record] = stored_checks(db_path)
    assert record.status == "in_progress"
    assert record.caller_type == "government"
    assert list(record.answers.values()) == ["no"]


def test_keys_answer_and_backspace_goes_back(check_window, qtbot):
    person = Person(check_window, qtbot)
    person.skip_to_questions("operator")
    step = person.screen.question_step
    first = step.signal
    qtbot.keyClick(step, Qt.Key.Key_2)
    assert step.signal is not first
    assert person.screen.question_step.progress.text() == "第 2 题 / 共 7 题"
    qtbot.keyClick(step, Qt.Key.Key_Backspace)
    assert step.signal is first
    assert step.progress.text() == "第 1 题 / 共 7 题"
    qtbot.keyClick(step, Qt.Key.Key_Backspace)
    assert person.screen.steps.currentWidget() is person.screen.caller_step
    check_window.back()
    assert person.screen.steps.currentWidget() is person.screen.number_step
    check_window.back()
    assert isinstance(check_window.current_screen(), HomeScreen)


def test_an_early_stop_says_what_to_do_first_and_offers_no_more_questions(
    check_window, qtbot, speaker
):
    person = Person(check_window, qtbot)
    person.skip_to_questions("customer_service")
    first = person.screen.question_step.signal
    verdict = person.answer_until_verdict({first.id: "yes"})
    assert person.screen.wizard.stopped_early
    assert "continue" not in verdict.buttons
    assert "继续回答" not in " ".join(shown_texts(verdict))
    # Read aloud: the level, then what to do now, then why.
    said = speaker.last()
    assert said.startswith("极可能是诈骗。现在就挂断电话，不要转账。")
    assert said.index("为什么？") > said.index("现在就挂断电话")
    pages = verdict.pages
    why = pages.page_of(verdict.why) if verdict.why is not None else None
    assert why is not None and why >= pages.page_of(verdict.action_rows[0])


def test_replay_reads_the_question_again(check_window, qtbot, speaker):
    person = Person(check_window, qtbot)
    person.skip_to_questions("prize")
    said = len(speaker.said)
    check_window.replay_button.click()
    assert len(speaker.said) == said + 1
    signal = person.screen.question_step.signal
    assert signal is not None and signal.spoken is not None
    assert signal.spoken.zh in speaker.last()


def test_verdict_buttons_open_the_hotline_cards(check_window, qtbot):
    person = Person(check_window, qtbot)
    person.skip_to_questions("unknown")
    verdict = person.answer_until_verdict({})
    person.press(verdict.buttons["call_antifraud"])
    card = check_window.current_screen()
    assert isinstance(card, HotlineScreen)
    assert card.number_label.text() == "96110"
    assert "96110" in card.spoken_text()
    check_window.back()
    person.press(person.screen.verdict.buttons["call_police"])
    assert check_window.current_screen().number_label.text() == "110"


def test_a_disk_that_fails_still_shows_the_verdict_and_says_so(
    qtbot, speaker, make_window: WindowMaker, tmp_path
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the database folder should be")
    window = make_window("en", db_path=blocked / "guardian.db")
    person = Person(window, qtbot)
    person.skip_to_questions("police")
    first = person.screen.question_step.signal
    verdict = person.answer_until_verdict({first.id: "yes"})
    assert verdict.save_notice.isVisibleTo(verdict)
    assert "could not be saved" in verdict.save_notice.text()
    assert "could not be saved" in speaker.last()
    assert verdict.assessment.level.value == "high"


def test_an_overseas_number_counts_in_the_verdict(check_window, qtbot, db_path):
    person = Person(check_window, qtbot)
    person.start()
    person.type_number("0044207946")
    person.press(person.screen.number_step.next_button)
    person.choose("courier")
    verdict = person.answer_until_verdict({})
    assert "overseas_number" in verdict.assessment.signal_ids
    assert verdict.assessment.level.value == "medium"
    [record] = stored_checks(db_path)
    assert "overseas_number" in record.signals


def shown_texts(verdict: VerdictView) -> list[str]:
    """Every line of text the verdict shows, on any of its pages."""
    texts = []
    for page in range(verdict.pages.page_count):
        verdict.pages.show_page(page)
        texts += [lbl.text() for lbl in verdict.findChildren(QLabel) if lbl.isVisibleTo(verdict)]
    verdict.pages.show_page(0)
    return texts


def test_the_anti_fraud_line_asking_for_nothing_gets_the_calm_verdict(
    check_window, qtbot, db_path, speaker
):
    person = Person(check_window, qtbot)
    person.start()
    person.type_number("96110")
    person.press(person.screen.number_step.next_button)
    person.press(person.screen.caller_step.buttons["police"])
    asked = [signal.id for signal in person.screen.wizard.questions]
    assert "caller_id_110" not in asked  # the number answers it
    verdict = person.answer_until_verdict({})
    assert verdict.assessment.level.value == "low"
    assert verdict.headline.text() == "是反诈专线在提醒您"
    assert verdict.signal_rows == []
    texts = shown_texts(verdict)
    assert any("他们劝您别转钱，就听他们的" in text for text in texts)
    assert any("绝不会让您转钱、说验证码或装软件" in text for text in texts)
    assert "他们劝您别转钱" in speaker.last()
    [record] = stored_checks(db_path)
    assert record.level == "low" and record.signals == []
    assert record.caller_number == "96110"


def test_the_anti_fraud_line_asking_for_money_is_the_highest_level(
    check_window, qtbot, db_path, speaker
):
    person = Person(check_window, qtbot)
    person.start()
    person.type_number("96110")
    person.press(person.screen.number_step.next_button)
    person.press(person.screen.caller_step.buttons["police"])
    verdict = person.answer_until_verdict({"official_wants_money": "yes"})
    assert verdict.assessment.level.value == "high"
    assert verdict.headline.text() == "极可能是诈骗"
    assert "fake_warning_line" in verdict.assessment.signal_ids
    assert "official_claim" not in verdict.assessment.signal_ids
    line = "真的96110、12381绝不会让您转钱、说验证码或装软件。"
    assert line in shown_texts(verdict)
    assert "冒充反诈专线" in speaker.last()
    [record] = stored_checks(db_path)
    assert record.level == "high" and "fake_warning_line" in record.signals


def test_a_refund_offer_is_a_little_suspicious_never_nothing_found(check_window, qtbot):
    person = Person(check_window, qtbot)
    person.skip_to_questions("customer_service")
    verdict = person.answer_until_verdict({"refund_or_compensation": "yes"})
    assert verdict.assessment.level.value == "low"
    assert verdict.headline.text() == "有一点可疑"
    assert len(verdict.signal_rows) == 1
    texts = shown_texts(verdict)
    assert "没看出常见的骗局" not in texts
    advice = " ".join(label.text() for label in verdict.advice_labels)
    assert "不要转钱" in advice and "自己查到的号码" in advice


def test_choosing_the_caller_has_the_alert_code_loaded_ahead(check_window, qtbot) -> None:
    class Outbox:
        prepared = 0

        def prepare_delivery(self) -> None:
            self.prepared += 1

    outbox = Outbox()
    check_window.ctx.services = replace(check_window.ctx.services, outbox=outbox)
    person = Person(check_window, qtbot)
    person.start()
    person.press(person.screen.number_step.skip_button)
    assert outbox.prepared == 0
    person.press(person.screen.caller_step.buttons["police"])
    assert outbox.prepared == 1


# What each kind of fraud really asks of the person, as a person who was taken in would answer:
# "yes" to these, "no" to every other question.
FRAUD_SCRIPTS: dict[str, set[str]] = {
    # Paid "tasks": pay in first to get the commission, through a task app; a "stuck order"
    # needs a loan to finish.
    "task_rebate": {
        "pay_first_to_receive",
        "money_to_their_account",
        "screen_share_or_app",
        "loan_or_credit",
    },
    # A "teacher" in a share-tips group: returns that cannot lose, on a platform app.
    "investment": {"investment_high_return", "screen_share_or_app", "money_to_their_account"},
    # An online sweetheart brings in a "platform", then wants more money, borrowed if need be.
    "romance": {
        "investment_high_return",
        "money_to_their_account",
        "screen_share_or_app",
        "loan_or_credit",
        "isolation",
    },
    # A loan app that wants a fee before paying out, and the code "to unfreeze" it.
    "fake_loan": {
        "pay_first_to_receive",
        "screen_share_or_app",
        "asks_code_or_password",
        "money_to_their_account",
    },
    # "Close your student loan": borrow, pass the money on, share the screen.
    "student_loan_cancel": {
        "loan_or_credit",
        "screen_share_or_app",
        "money_to_their_account",
        "asks_code_or_password",
    },
    # A fee to "repair" a credit record, and the card details and codes "to process it".
    "credit_repair": {"pay_first_to_receive", "money_to_their_account", "asks_code_or_password"},
    # A refund for a faulty product, done in a meeting app and in mobile banking.
    "shop_refund": {
        "refund_or_compensation",
        "screen_share_or_app",
        "open_online_banking",
        "asks_code_or_password",
        "money_to_their_account",
        "loan_or_credit",
    },
    # "Cancel the monthly charge": a shared screen, a loan app, a transfer.
    "membership_cancel": {
        "screen_share_or_app",
        "loan_or_credit",
        "money_to_their_account",
        "asks_code_or_password",
        "open_online_banking",
    },
    # Fake police: a crime, a frozen account, a "safe account", secrecy, their number to check.
    "fake_police": {
        "official_claim",
        "official_wants_money",
        "safe_account",
        "freeze_or_arrest_threat",
        "caller_id_110",
        "screen_share_or_app",
        "asks_code_or_password",
        "isolation",
        "their_number_to_call",
    },
    # A boss on a new account who needs money sent for him, quickly and quietly.
    "leader_acquaintance": {
        "new_number_acquaintance",
        "money_to_their_account",
        "urgency",
        "isolation",
    },
    # A grandchild in trouble: money now, cash to a friend, tell nobody.
    "grandchild_trouble": {
        "relative_in_trouble",
        "new_number_acquaintance",
        "cash_pickup",
        "money_to_their_account",
        "isolation",
        "urgency",
    },
    # "Guess who I am", then a loan for trouble on the way.
    "guess_who": {
        "new_number_acquaintance",
        "relative_in_trouble",
        "money_to_their_account",
        "urgency",
    },
    # A game account bought outside the game: an "unfreezing" fee on a fake trading site.
    "game_trade": {"pay_first_to_receive", "phishing_link", "money_to_their_account"},
    # Cheap goods paid by a scanned code, then a deposit before they are sent.
    "fake_shopping": {"pay_first_to_receive", "money_to_their_account", "screen_share_or_app"},
    # A link for ETC, medical insurance or points that wants a card number and the code.
    "phishing_link": {"phishing_link", "asks_code_or_password"},
    # A cancelled flight's "compensation", paid through mobile banking and a meeting app.
    "flight_cancel": {
        "refund_or_compensation",
        "money_to_their_account",
        "screen_share_or_app",
        "open_online_banking",
        "asks_code_or_password",
    },
    # An army order: buy from "their" supplier first, on the supplier's number.
    "military_order": {
        "pay_first_to_receive",
        "money_to_their_account",
        "their_number_to_call",
        "urgency",
    },
    # Health products: buy now, and do not tell the children.
    "health_products": {"money_to_their_account", "isolation", "urgency"},
    # A pension from your house: high returns, the house mortgaged, the children kept out.
    "house_pension": {
        "investment_high_return",
        "money_to_their_account",
        "isolation",
        "loan_or_credit",
    },
    # An elder-care project that cannot lose, today only, kept from the children.
    "elder_care_project": {
        "investment_high_return",
        "money_to_their_account",
        "urgency",
        "isolation",
    },
    # Collectibles "bought back high": buy them, and pay a fee before the buy-back.
    "collectibles": {
        "investment_high_return",
        "money_to_their_account",
        "pay_first_to_receive",
        "urgency",
    },
    # A prize or subsidy: pay the fee today, tell nobody, call "the notary" on their number.
    "prize_subsidy": {
        "pay_first_to_receive",
        "urgency",
        "isolation",
        "their_number_to_call",
        "asks_code_or_password",
    },
    # An unpaid phone bill, passed on to "police" who want the savings moved.
    "phone_bill_police": {
        "phone_bill_or_suspension",
        "transferred_to_police",
        "freeze_or_arrest_threat",
        "official_wants_money",
        "safe_account",
        "isolation",
    },
    # A tax refund with a fee, a refund app, a code and mobile banking.
    "tax_refund": {
        "official_claim",
        "pay_first_to_receive",
        "screen_share_or_app",
        "asks_code_or_password",
        "open_online_banking",
        "phishing_link",
        "isolation",
    },
    # Drugs in "your" parcel, then "police" and a safe account.
    "parcel_contraband": {
        "parcel_contraband",
        "transferred_to_police",
        "freeze_or_arrest_threat",
        "official_wants_money",
        "safe_account",
        "screen_share_or_app",
        "asks_code_or_password",
        "isolation",
    },
    # A misused social-security card, then "police" and a safe account.
    "social_security_card": {
        "card_misused",
        "transferred_to_police",
        "official_wants_money",
        "safe_account",
        "isolation",
    },
}

CALLER_IDS = [caller.id for caller in load_content().wizard.callers]


def test_every_kind_of_fraud_has_its_script(check_window) -> None:
    content = check_window.ctx.content
    kinds = {kind for caller in content.wizard.callers for kind in caller.fraud_types}
    assert set(FRAUD_SCRIPTS) == kinds
    for kind, yes in FRAUD_SCRIPTS.items():
        assert yes <= set(content.signals), kind


@pytest.mark.parametrize("caller_id", CALLER_IDS)
def test_each_fraud_a_caller_leads_to_gets_the_highest_level_within_ten_taps(
    check_window, qtbot, caller_id: str
) -> None:
    caller = check_window.ctx.content.caller(caller_id)
    for kind in caller.fraud_types:
        person = Person(check_window, qtbot)
        person.skip_to_questions(caller_id)
        verdict = person.answer_until_verdict(dict.fromkeys(FRAUD_SCRIPTS[kind], "yes"))
        assert verdict.assessment.level.value == "high", kind
        assert verdict.headline.text() == "极可能是诈骗", kind
        assert person.taps <= 10, kind
        check_window.home()


def test_every_caller_is_at_most_two_taps_from_the_caller_question(check_window, qtbot) -> None:
    for caller_id in CALLER_IDS:
        person = Person(check_window, qtbot)
        person.start()
        person.press(person.screen.number_step.skip_button)
        assert person.screen.steps.currentWidget() is person.screen.caller_step
        before = person.taps
        person.choose(caller_id)
        assert person.taps - before <= 2, caller_id
        wizard = person.screen.wizard
        assert wizard is not None and wizard.caller is not None
        assert wizard.caller.id == caller_id
        assert person.screen.steps.currentWidget() is person.screen.question_step
        check_window.home()


def test_back_from_the_second_page_of_callers(check_window, qtbot, speaker) -> None:
    person = Person(check_window, qtbot)
    person.start()
    person.press(person.screen.number_step.skip_button)
    step = person.screen.caller_step
    assert step.page == 1 and step.more_button is not None
    assert "其他人" in speaker.last()
    person.press(step.more_button)
    assert step.page == 2
    assert speaker.last() == step.spoken_text()
    assert "快递" in speaker.last() and "公安" not in speaker.last()
    person.press(step.buttons["courier"])
    assert person.screen.steps.currentWidget() is person.screen.question_step
    # Back from the first question: the page the caller was chosen on; back again: page 1.
    check_window.back()
    assert person.screen.steps.currentWidget() is step and step.page == 2
    check_window.back()
    assert person.screen.steps.currentWidget() is step and step.page == 1
    assert "公安" in speaker.last()
    check_window.back()
    assert person.screen.steps.currentWidget() is person.screen.number_step


def _framed(button: QWidget, colour: str) -> bool:
    """Whether ``button`` is drawn with the thick focus frame (a pixel inside its usual edge)."""
    picture = button.grab().toImage()
    ratio = picture.devicePixelRatio()
    pixel = picture.pixelColor(round(4 * ratio), picture.height() // 2)
    return pixel.name() == QColor(colour).name()


def test_no_focus_frame_on_the_caller_pictures_until_a_key_is_pressed(check_window, qtbot) -> None:
    person = Person(check_window, qtbot)
    person.start()
    person.press(person.screen.number_step.skip_button)
    step = person.screen.caller_step
    assert person.screen.steps.currentWidget() is step
    qtbot.wait(10)
    focus = check_window.ctx.theme.colours.focus
    # Opened by the mouse: no picture looks chosen or suggested, the first one neither.
    pictures = [*step.buttons.values(), step.more_button]
    assert not [button.label() for button in pictures if button and _framed(button, focus)]
    # A key press shows the keyboard user where the focus is, on this screen and the next.
    start = QApplication.focusWidget() or step
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    moved = QApplication.focusWidget()
    assert isinstance(moved, QPushButton) and moved.property(KEY_FOCUS)
    assert _framed(moved, focus)
    # The mouse again: a press on another picture takes the focus there, with no frame.
    other = next(button for button in pictures if button is not moved and button is not None)
    qtbot.mousePress(other, Qt.MouseButton.LeftButton)
    assert other.hasFocus() and not other.property(KEY_FOCUS)
    assert not _framed(other, focus) and not _framed(moved, focus)


def test_the_second_page_has_its_heading_and_a_picture_for_none_of_them(
    check_window, qtbot, speaker
) -> None:
    flow = check_window.ctx.content.wizard
    assert flow.more is not None
    person = Person(check_window, qtbot)
    person.start()
    person.press(person.screen.number_step.skip_button)
    step = person.screen.caller_step
    assert step.prompt.text() == "对方说自己是谁？"
    assert step.more_button is not None
    person.press(step.more_button)
    assert step.page == 2
    assert step.prompt.text() == "还有这些：对方说自己是……"
    none = step.none_button
    assert none is not None and none.isVisible() and none.label() == "都不是、我不知道"
    # It is the last picture on the page, and read aloud with the others.
    column = step.pages.currentWidget()
    shown = [b for b in column.findChildren(BigButton) if b.isVisible() and b.icon_name]
    assert shown[-1] is none
    assert none.label() in speaker.last()
    # It leads where "I don't know" on page 1 does.
    person.press(none)
    wizard = person.screen.wizard
    assert wizard is not None and wizard.caller is not None
    assert wizard.caller.id == flow.more.none_caller == "unknown"
    assert person.screen.steps.currentWidget() is person.screen.question_step
    assert wizard.current is not None
    assert wizard.current.id == flow.questions_for("unknown")[0]
    # Back: the page it was chosen on, with that picture marked and said.
    check_window.back()
    assert person.screen.steps.currentWidget() is step and step.page == 2
    assert none.property("chosen") is True
    assert "您刚才选了：都不是、我不知道" in speaker.last()
    check_window.back()
    assert step.page == 1 and step.prompt.text() == "对方说自己是谁？"


def test_back_from_i_dont_know_on_the_first_page_goes_to_the_first_page(
    check_window, qtbot
) -> None:
    person = Person(check_window, qtbot)
    person.skip_to_questions("unknown")
    check_window.back()
    step = person.screen.caller_step
    assert step.page == 1 and step.buttons["unknown"].property("chosen") is True
    assert step.none_button is not None and not step.none_button.property("chosen")
