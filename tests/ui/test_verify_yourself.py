"""Call them yourself and ask: one large button on the call verdict and on a message's result.

It opens the card of the organisation's public number (read aloud digit by digit), or the list
of them; never a number the caller gave or the message holds.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from guardian.core.risk import Answer, assess
from guardian.core.speech_text import for_speech
from guardian.ui.bank_choice import BankChoiceScreen
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.check_message import CheckMessageScreen
from guardian.ui.hotline import HotlineScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.verdict import VerdictView
from guardian.ui.verify import OWN_BANK, VerifyScreen


def checked_call(window: MainWindow, caller: str, qtbot) -> CheckCallScreen:
    """A check of a call from ``caller``, every question answered "no", up to the verdict."""
    window.open("check_call")
    screen = window.current_screen()
    assert isinstance(screen, CheckCallScreen)
    screen.number_step.skip_button.click()
    screen.caller_step.buttons[caller].click()
    assert screen.wizard is not None
    while screen.wizard.current is not None:
        screen.question_step.buttons[Answer.NO].click()
    qtbot.waitUntil(lambda: screen.verdict is not None)  # shown once it has been drawn
    return screen


def verdict_for(window: MainWindow, caller: str, qtbot) -> VerdictView:
    """The verdict of a call from ``caller``, its actions opened as the call check opens them."""
    ctx = window.ctx
    view = VerdictView(ctx, assess(ctx.content, {}, caller=caller), caller=caller)
    qtbot.addWidget(view)
    view.action.connect(lambda action: window.open(action, **view.route_arguments(action)))
    return view


def shown_words(screen) -> str:
    return " ".join(widget.text() for widget in screen.findChildren(QLabel))


def test_a_police_caller_gets_no_second_110_button(make_window, qtbot) -> None:
    # The verdict's own 拨打110 is the number to check a "police" caller on.
    check = checked_call(make_window(), "police", qtbot)
    assert "verify" not in check.verdict.buttons
    assert "call_police" in check.verdict.buttons
    assert "自己打给110问一问" not in check.verdict.spoken_text()


def test_a_courier_caller_gets_the_couriers_numbers(make_window, speaker, qtbot) -> None:
    window = make_window()
    check = checked_call(window, "courier", qtbot)
    check.verdict.buttons["verify"].click()
    numbers = window.current_screen()
    assert isinstance(numbers, VerifyScreen)
    assert list(numbers.buttons) == ["sf", "ems", "jd_logistics", "zto", "yto", "sto", "yunda"]
    assert numbers.buttons["jd_logistics"].label() == "京东物流 950616"
    spoken = for_speech(speaker.last(), "zh")
    assert "九五零六幺六" in spoken and "九五三三八" in spoken
    assert "快递单" in numbers.spoken_text()
    numbers.buttons["sf"].click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen) and card.number_label.text() == "95338"
    assert "九五三三八" in for_speech(speaker.last(), "zh")


@pytest.mark.parametrize(
    ("caller", "words", "numbers"),
    [
        ("operator", "自己打给电话公司问一问", ["10086", "10010", "10000"]),
        ("government", "自己打给官方热线问一问", ["12333", "12393", "12366", "12345"]),
        ("platform", "自己打给购物平台问一问", ["12315"]),
    ],
)
def test_each_caller_type_opens_its_public_numbers(
    make_window, qtbot, caller: str, words: str, numbers: list[str]
) -> None:
    window = make_window()
    view = verdict_for(window, caller, qtbot)
    assert view.buttons["verify"].label() == words
    view.buttons["verify"].click()
    screen = window.current_screen()
    assert isinstance(screen, VerifyScreen)
    offered = [window.ctx.content.hotline(h).number for h in screen.buttons]
    assert offered == numbers
    assert "不要打对方给的号码" in screen.spoken_text()


def test_customer_service_without_a_bank_chosen_points_to_the_back_of_the_card(
    make_window, qtbot, speaker
) -> None:
    window = make_window()
    view = verdict_for(window, "customer_service", qtbot)
    assert view.buttons["verify"].label() == "自己打给正规客服问一问"
    view.buttons["verify"].click()
    screen = window.current_screen()
    assert isinstance(screen, VerifyScreen)
    assert list(screen.buttons) == [OWN_BANK, "consumer"]
    assert "购物" in screen.spoken_text() and "银行卡背面" in screen.spoken_text()
    screen.buttons[OWN_BANK].click()
    banks = window.current_screen()
    assert isinstance(banks, BankChoiceScreen)
    assert "背面" in banks.prompt and speaker.last().startswith(banks.prompt)
    banks.buttons["ccb"].click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen) and card.number_label.text() == "95533"
    # Calling to check, not to report: what to ask, not "stop my payment".
    assert "是真的吗" in card.spoken_text() and "止付" not in card.spoken_text()


def test_the_bank_the_family_chose_comes_first(make_window, qtbot) -> None:
    window = make_window(bank_hotline="cmb")
    view = verdict_for(window, "customer_service", qtbot)
    view.buttons["verify"].click()
    screen = window.current_screen()
    assert list(screen.buttons) == ["cmb", "consumer"]
    assert screen.buttons["cmb"].label() == "招商银行 95555"


@pytest.mark.parametrize("caller", ["relative", "prize", "unknown", "leader"])
def test_no_button_when_nobody_public_can_be_asked(make_window, qtbot, caller: str) -> None:
    window = make_window()
    view = verdict_for(window, caller, qtbot)
    assert "verify" not in view.buttons
    assert view.route_arguments("verify") == {}
    assert "自己打给" not in view.spoken_text()


def test_a_relative_call_has_no_button_after_the_questions(make_window, qtbot) -> None:
    check = checked_call(make_window(), "relative", qtbot)
    assert "verify" not in check.verdict.buttons


def test_the_button_speaks_english(make_window, speaker, qtbot) -> None:
    window = make_window("en")
    check = checked_call(window, "courier", qtbot)
    assert check.verdict.buttons["verify"].label().endswith("yourself and ask")
    check.verdict.buttons["verify"].click()
    assert "nine five three three eight" in for_speech(speaker.last(), "en")


# --- a message --------------------------------------------------------------------------------


def checked_message(window: MainWindow, text: str) -> CheckMessageScreen:
    window.open("check_message")
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    screen.text_field.setPlainText(text)
    screen.check_text_button.click()
    return screen


def test_a_message_naming_a_bank_offers_its_public_number(make_window, speaker) -> None:
    window = make_window()
    message = checked_message(window, "【工商银行】您的账户异常，请点击链接验证，否则冻结。")
    assert message.verify_button is not None
    assert message.verify_button.label() == "自己打给工商银行问一问"
    assert "自己打给工商银行问一问" in speaker.last()
    message.verify_button.click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen) and card.number_label.text() == "95588"
    assert "九五五八八" in for_speech(speaker.last(), "zh")
    assert "止付" not in card.spoken_text()


def test_the_number_in_a_message_is_never_offered(make_window) -> None:
    window = make_window()
    message = checked_message(window, "顺丰快递理赔：您的包裹丢失，请拨打4008123456联系客服退款。")
    assert message.verify_button is not None
    assert message.verify_button.label() == "自己打给顺丰速运问一问"
    message.verify_button.click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen) and card.number_label.text() == "95338"
    assert "4008123456" not in shown_words(card) and "4008123456" not in card.spoken_text()


def test_a_message_naming_nobody_has_no_button(make_window) -> None:
    message = checked_message(make_window(), "妈，我周六中午回家吃饭，帮我留点饺子。")
    assert message.verify_button is None
    assert "自己打给" not in message.spoken_text()


def test_a_message_about_your_bank_card_opens_the_bank_the_family_chose(make_window) -> None:
    window = make_window(bank_hotline="ccb")
    message = checked_message(window, "您的银行卡已被冻结，请马上回复验证码解冻。")
    assert message.verify_button is not None
    assert message.verify_button.label() == "自己打给建设银行问一问"
    message.verify_button.click()
    assert window.current_screen().number_label.text() == "95533"


def test_a_message_naming_several_lists_them(make_window) -> None:
    window = make_window()
    message = checked_message(window, "支付宝客服：您的花呗和医保卡都要关闭，否则影响征信。")
    assert message.verify_button is not None
    assert message.verify_button.label() == "自己打给支付宝、医保热线问一问"
    message.verify_button.click()
    screen = window.current_screen()
    assert isinstance(screen, VerifyScreen)
    assert list(screen.buttons) == ["alipay", "medical_insurance"]


def test_an_english_message_names_its_bank(make_window, speaker) -> None:
    window = make_window("en")
    message = checked_message(window, "ICBC: your card is frozen, reply with the code now.")
    assert message.verify_button is not None
    assert message.verify_button.label().startswith("Call ICBC")
    message.verify_button.click()
    assert "nine five five eight eight" in for_speech(speaker.last(), "en")


def test_a_number_check_has_no_button(make_window) -> None:
    window = make_window()
    window.open("check_message")
    screen = window.current_screen()
    screen.number_field.setText("95588")
    screen.check_number_button.click()
    assert screen.verify_button is None
