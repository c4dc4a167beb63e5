"""The report card keeps what the person wrote, within limits, and reads it back; how the money
was sent is one of the choices, and the card warns that a fee to get it back is the same fraud."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardian.core.content import Content
from guardian.core.report_card import (
    CHOICES,
    FIELDS,
    ORDER,
    PAYMENT_BANK,
    PAYMENT_HOTLINES,
    PAYMENT_METHODS,
    RECOVERY_FEE_TIP,
    ReportCard,
    field_label,
    recovery_fee_warning,
)


def test_round_trip_and_spoken_form() -> None:
    card = ReportCard(receiving_account="6222 0000 1111", amount="50000元", caller_number="110")
    again = ReportCard.from_mapping(card.to_mapping())
    assert again == card
    spoken = again.spoken("zh")
    assert "收钱的账号：6222 0000 1111" in spoken
    assert "转了多少钱：50000元" in spoken
    assert "对方的银行" not in spoken  # empty fields are not read


def test_long_and_odd_input_is_trimmed_not_refused() -> None:
    card = ReportCard()
    card.set("amount", "9" * 1000)
    card.set("what_they_said", "说\x00了\x1b很多")
    assert len(card.amount) == FIELDS["amount"][1]
    assert card.what_they_said == "说了很多"
    with pytest.raises(KeyError):
        card.set("password", "x")


def test_saved_junk_is_ignored() -> None:
    assert ReportCard.from_mapping({"amount": 5, "bank": ["x"], "other": "y"}).is_empty()
    assert ReportCard.from_mapping("nonsense").is_empty()


@given(st.dictionaries(st.sampled_from(list(FIELDS)), st.text(max_size=2000)))
def test_any_text_gives_a_card_within_limits(data: dict[str, str]) -> None:
    card = ReportCard.from_mapping(data)
    for name, (_, limit) in FIELDS.items():
        assert len(getattr(card, name)) <= limit
    assert isinstance(card.spoken("en"), str)


def test_every_field_has_its_place_and_both_languages() -> None:
    assert set(ORDER) == set(FIELDS) | set(CHOICES)
    assert len(ORDER) == len(set(ORDER))
    for name in ORDER:
        label = field_label(name)
        assert label.zh and label.en, name
    # The earlier fields are all still there, in their order.
    earlier = ["receiving_account", "receiving_name", "bank", "amount", "sent_at"]
    earlier += ["caller_number", "what_they_said", "apps_installed"]
    assert [name for name in ORDER if name in earlier] == earlier
    assert field_label("paid_with").zh == "怎么转的钱"
    assert "自己" in field_label("from_account").zh and "own" in field_label("from_account").en
    with pytest.raises(KeyError):
        field_label("pin")


def test_the_ways_to_pay_are_bank_card_wechat_alipay_cash_and_not_knowing() -> None:
    assert list(PAYMENT_METHODS) == ["bank_card", "wechat", "alipay", "cash", "unknown"]
    assert [PAYMENT_METHODS[m].zh for m in PAYMENT_METHODS] == [
        "银行卡",
        "微信",
        "支付宝",
        "交了现金",
        "不知道",
    ]
    assert PAYMENT_HOTLINES["wechat"] == ("wechat_pay",)
    assert PAYMENT_HOTLINES["alipay"] == ("alipay",)
    assert "cash" not in PAYMENT_HOTLINES and "cash" not in PAYMENT_BANK
    assert {"bank_card", "unknown"} == PAYMENT_BANK


def test_the_payment_companies_numbers_are_wechat_pay_95017_and_alipay_95188(
    content: Content,
) -> None:
    called = {h for ids in PAYMENT_HOTLINES.values() for h in ids}
    assert {content.hotline(h).number for h in called} == {"95017", "95188"}


def test_how_it_was_paid_is_one_of_the_choices() -> None:
    card = ReportCard()
    card.set("paid_with", "wechat")
    assert card.paid_with == "wechat"
    assert card.shown("paid_with", "zh") == "微信"
    assert card.shown("paid_with", "en") == "WeChat"
    with pytest.raises(ValueError, match="paid_with must be one of"):
        card.set("paid_with", "bitcoin")
    assert card.paid_with == "wechat"
    card.set("paid_with", "")
    assert card.paid_with == ""


def test_a_saved_card_with_an_unknown_choice_keeps_the_rest() -> None:
    card = ReportCard.from_mapping(
        {"paid_with": "<b>bitcoin</b>", "from_account": "我的工行卡 尾号1234", "amount": 5}
    )
    assert card.paid_with == ""
    assert card.from_account == "我的工行卡 尾号1234"
    assert card.amount == ""
    again = ReportCard.from_mapping({"paid_with": "alipay"})
    assert again.paid_with == "alipay"


def test_the_own_account_is_trimmed_to_its_limit() -> None:
    card = ReportCard()
    card.set("from_account", "  6222" + "0" * 100 + "\u0007 ")
    assert len(card.from_account) == FIELDS["from_account"][1]
    assert card.from_account.startswith("6222")


def test_the_card_reads_the_new_fields_in_order() -> None:
    card = ReportCard()
    card.set("amount", "5000元")
    card.set("paid_with", "alipay")
    card.set("from_account", "我的支付宝")
    card.set("caller_number", "01012345678")
    assert card.filled("zh") == [
        ("转了多少钱", "5000元"),
        ("怎么转的钱", "支付宝"),
        ("您是从自己哪张卡或哪个账户转的钱", "我的支付宝"),
        ("对方的电话号码", "01012345678"),
    ]
    assert "How the money was sent: Alipay" in card.spoken("en")
    assert not card.is_empty()
    assert ReportCard.from_mapping(card.to_mapping()) == card


def test_a_card_with_only_a_choice_is_not_empty() -> None:
    card = ReportCard()
    assert card.is_empty()
    card.set("paid_with", "cash")
    assert not card.is_empty()


def test_the_recovery_fee_warning_is_a_tip_with_its_source(content: Content) -> None:
    warning = recovery_fee_warning(content.tips)
    assert warning is not None
    assert "追回损失要先交钱的，还是骗子" in warning.zh
    assert "fee" in warning.en and "fraud" in warning.en
    tip = next(tip for tip in content.tips if tip.id == RECOVERY_FEE_TIP)
    assert "公安" in tip.source
    assert recovery_fee_warning(()) is None
