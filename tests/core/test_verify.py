"""Whom to call yourself: the public numbers, the caller types, the names in a message."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from guardian.core.content import (
    SOURCE_MAX,
    Content,
    ContentError,
    HotlineKind,
    UnknownIdError,
    VerifyTarget,
    parse_content,
)
from guardian.core.i18n import Text
from guardian.core.verify import (
    combine,
    named_organisations,
    target_for_caller,
    target_for_text,
    with_own_bank,
)

Raw = dict[str, dict[str, Any]]
CJK = re.compile(r"[\u3400-\u9fff]")

BANK_NUMBERS = (
    "95588", "95599", "95566", "95533", "95559", "95555", "95580", "95558",
    "95595", "95568", "95561", "95528", "95511", "95577", "95508",
)  # fmt: skip

# The numbers of the product description's "Verify it yourself", and the couriers' lines.
PUBLIC_NUMBERS = {
    "110": HotlineKind.EMERGENCY,
    "96110": HotlineKind.ANTIFRAUD,
    "12381": HotlineKind.WARNING_SMS,
    **dict.fromkeys(BANK_NUMBERS, HotlineKind.BANK),
    "10086": HotlineKind.CARRIER,
    "10010": HotlineKind.CARRIER,
    "10000": HotlineKind.CARRIER,
    "12345": HotlineKind.GOVERNMENT,
    "12333": HotlineKind.GOVERNMENT,
    "12393": HotlineKind.GOVERNMENT,
    "12366": HotlineKind.GOVERNMENT,
    "12315": HotlineKind.GOVERNMENT,
    "95017": HotlineKind.PAYMENT,
    "95188": HotlineKind.PAYMENT,
    "95338": HotlineKind.COURIER,
    "11183": HotlineKind.COURIER,
    "950616": HotlineKind.COURIER,
    "95311": HotlineKind.COURIER,
    "95554": HotlineKind.COURIER,
    "95543": HotlineKind.COURIER,
    "95546": HotlineKind.COURIER,
}

# Caller types with nobody public to ask: a relative, a boss or a teacher is called back on the
# number the person already has; the others name no organisation with a public number.
NOBODY_TO_ASK = {
    "relative",
    "leader",
    "prize",
    "unknown",
    "online_friend",
    "seller",
    "part_time_job",
    "loan",
    "army",
}


def numbers(content: Content, target: VerifyTarget | None) -> list[str]:
    assert target is not None
    return [content.hotline(hotline_id).number for hotline_id in target.hotlines]


def test_every_public_number_is_in_the_file_with_where_it_is_published(content: Content) -> None:
    by_number = {hotline.number: hotline for hotline in content.hotlines.values()}
    assert set(by_number) == set(PUBLIC_NUMBERS)
    for number, kind in PUBLIC_NUMBERS.items():
        hotline = by_number[number]
        assert hotline.kind is kind, number
        assert hotline.name.zh and hotline.name.en, number
        assert hotline.source and len(hotline.source) <= SOURCE_MAX, number
        assert CJK.search(hotline.source), f"{number}: the source is named in Chinese"
    assert by_number["95017"].name.zh == "微信支付"
    assert by_number["95188"].name.zh == "支付宝"


def test_each_caller_type_has_its_public_numbers(content: Content) -> None:
    assert numbers(content, target_for_caller(content, "police")) == ["110"]
    assert numbers(content, target_for_caller(content, "operator")) == ["10086", "10010", "10000"]
    government = numbers(content, target_for_caller(content, "government"))
    assert government[:3] == ["12333", "12393", "12366"]
    couriers = numbers(content, target_for_caller(content, "courier"))
    assert couriers == ["95338", "11183", "950616", "95311", "95554", "95543", "95546"]
    service = target_for_caller(content, "customer_service")
    assert service is not None and service.own_bank
    assert numbers(content, service) == ["12315"]
    notes = " ".join(note.zh for note in service.notes)
    assert "购物" in notes and "银行卡背面" in notes
    platform = target_for_caller(content, "platform")
    assert platform is not None and numbers(content, platform) == ["12315"]
    assert "软件里写的客服电话" in platform.notes[0].zh
    for caller in NOBODY_TO_ASK:
        assert target_for_caller(content, caller) is None
    assert target_for_caller(content, None) is None


def test_every_caller_type_is_either_offered_a_number_or_has_nobody_to_ask(
    content: Content,
) -> None:
    """A new caller picture needs its numbers in hotlines.toml (or a place in NOBODY_TO_ASK)."""
    for caller in content.wizard.callers:
        offered = target_for_caller(content, caller.id) is not None
        assert offered != (caller.id in NOBODY_TO_ASK), caller.id


def test_the_anti_fraud_lines_are_never_offered_to_check_a_story(content: Content) -> None:
    offered = {h for target in content.verify.values() for h in target.hotlines}
    assert "antifraud" not in offered and "warning_sms" not in offered
    assert named_organisations(content, "96110反诈中心提醒您，12381") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【工商银行】您的账户存在异常，请点击链接处理", ("icbc",)),
        ("中国移动：您的话费已欠费，将停机", ("china_mobile",)),
        ("您的医保卡被冒用，请马上联系我们", ("medical_insurance",)),
        ("社保局通知：您的社保卡需要重新认证", ("social_security",)),
        ("税务局：您有一笔个税退税未领取", ("tax",)),
        ("您的顺丰快递丢失，我们给您理赔", ("sf",)),
        ("支付宝客服：您的花呗需要关闭", ("alipay",)),
        ("微信支付提醒：您有一笔退款待领取", ("wechat_pay",)),
        ("中国邮政储蓄银行提醒您", ("psbc",)),  # the bank, not the post office
        ("您在中国邮政寄的包裹被扣", ("ems",)),
        ("京东快递：您的包裹派送失败", ("jd_logistics",)),
        ("京东客服：您开通了会员，要关闭", ("shopping",)),
        ("您的快递被海关扣留", ("couriers",)),
        ("公安局：您的银行卡涉嫌洗钱", ("police", "own_bank")),
        ("支付宝和工商银行都要验证", ("alipay", "icbc")),
        ("Your ICBC card has been frozen", ("icbc",)),
        ("Message from China Mobile: your line will be cut", ("china_mobile",)),
        ("Your SF Express parcel is held", ("sf",)),
        ("ＩＣＢＣ提醒您", ("icbc",)),  # full-width letters
    ],
)
def test_a_message_is_read_for_the_organisations_it_names(
    content: Content, text: str, expected: tuple[str, ...]
) -> None:
    assert named_organisations(content, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "警惕电信诈骗，保护好钱袋子",  # 电信 alone is not the phone company
        "加我微信，带你赚钱",  # WeChat is not WeChat Pay
        "施工行业招工，日结",  # 工行 is not looked for inside other words
        "系统集中通知",
        "The new emsystem is ready",  # Latin names are whole words
        "妈，我换号了",
    ],
)
def test_words_that_only_look_like_a_name_name_nobody(content: Content, text: str) -> None:
    assert named_organisations(content, text) == ()
    assert target_for_text(content, text) is None


def test_a_named_courier_wins_over_the_word_courier(content: Content) -> None:
    assert named_organisations(content, "顺丰快递员说您的快递有问题") == ("sf",)
    assert named_organisations(content, "工商银行的银行卡") == ("icbc",)


def test_one_named_organisation_is_its_own_number(content: Content) -> None:
    target = target_for_text(content, "【工商银行】您的账户异常")
    assert target is not None and target.single == "icbc"
    assert target.name == content.hotline("icbc").name
    police = target_for_text(content, "派出所民警通知您配合调查")
    assert police is not None and police.single == "police"
    assert police.name.zh == "110"  # as the police caller's button says it
    both = target_for_text(content, "公安局：您的银行卡涉嫌洗钱")
    assert both is not None and both.name.zh == "110、您的银行" and both.own_bank


def test_several_named_organisations_are_one_target(content: Content) -> None:
    target = target_for_text(content, "您的支付宝和工商银行都有风险，医保卡也被冒用")
    assert target is not None and target.single is None
    assert numbers(content, target) == ["95188", "95588", "12393"]
    assert target.name.zh == "支付宝、工商银行、医保热线"
    assert target.name.en == (
        "Alipay or ICBC (Industrial and Commercial Bank of China) or Medical insurance hotline"
    )


def test_a_message_gets_at_most_three(content: Content) -> None:
    text = "工商银行 农业银行 中国银行 建设银行"
    assert len(named_organisations(content, text)) == 4
    target = target_for_text(content, text)
    assert target is not None and len(target.hotlines) == 3


def test_combine_keeps_the_own_bank_and_the_notes(content: Content) -> None:
    assert combine([]) is None
    police = content.verify_target("police_line")
    assert combine([police]) is police
    both = combine([police, content.verify_target("own_bank")])
    assert both is not None and both.own_bank and both.hotlines == ("police",)


def test_the_own_bank_is_the_bank_the_family_chose(content: Content) -> None:
    own = content.verify_target("own_bank")
    assert with_own_bank(content, own, None) is own
    chosen = with_own_bank(content, own, "ccb")
    assert chosen is not None and chosen.single == "ccb"
    assert chosen.name.zh == "建设银行"
    service = content.verify_target("customer_service")
    with_bank = with_own_bank(content, service, "ccb")
    assert with_bank is not None and not with_bank.own_bank
    assert with_bank.hotlines == ("ccb", "consumer")
    assert with_bank.notes == service.notes
    # Something that is not a bank the family could choose changes nothing.
    assert with_own_bank(content, own, "alipay") is own
    assert with_own_bank(content, own, "nowhere") is own
    police = content.verify_target("police_line")
    assert with_own_bank(content, police, "ccb") is police
    assert with_own_bank(content, None, "ccb") is None


def test_a_verify_target_is_looked_up_by_its_id_or_its_hotline(content: Content) -> None:
    assert content.verify_target("couriers").name.zh == "快递公司"
    assert content.verify_target("alipay").single == "alipay"
    with pytest.raises(UnknownIdError, match="verify target"):
        content.verify_target("nowhere")


# --- the loader's refusals -----------------------------------------------------------------


def hotline(raw: Raw, hotline_id: str) -> dict[str, Any]:
    return next(entry for entry in raw["hotlines"]["hotline"] if entry["id"] == hotline_id)


def verify(raw: Raw, target_id: str) -> dict[str, Any]:
    return next(entry for entry in raw["hotlines"]["verify"] if entry["id"] == target_id)


BREAKAGES: list[tuple[str, Callable[[Raw], object], str]] = [
    (
        "number without a source",
        lambda r: hotline(r, "wechat_pay").pop("source"),
        "hotlines.toml, hotline 'wechat_pay': source is missing",
    ),
    (
        "source not in Chinese",
        lambda r: hotline(r, "alipay").update(source="alipay.com"),
        "hotlines.toml, hotline 'alipay': source must name the official body in Chinese",
    ),
    (
        "number with a dash",
        lambda r: hotline(r, "sf").update(number="95-338"),
        "hotlines.toml, hotline 'sf': number '95-338' must be digits only",
    ),
    (
        "duplicate hotline id",
        lambda r: hotline(r, "zto").update(id="sf"),
        "hotlines.toml, hotline 'sf': duplicate id",
    ),
    (
        "unknown key",
        lambda r: hotline(r, "tax").update(website="chinatax.gov.cn"),
        "hotlines.toml, hotline 'tax': unknown key 'website'",
    ),
    (
        "name without English",
        lambda r: hotline(r, "medical_insurance")["name"].pop("en"),
        "hotlines.toml, hotline 'medical_insurance': name.en is missing",
    ),
    (
        "unknown kind",
        lambda r: hotline(r, "ems").update(kind="post"),
        "hotlines.toml, hotline 'ems': kind 'post' must be one of",
    ),
    (
        "a name given to two organisations",
        lambda r: hotline(r, "abc")["names"].append("工商银行"),
        "hotlines.toml, hotline 'abc': names '工商银行', which also names 'icbc'",
    ),
    (
        "a name twice in one list",
        lambda r: hotline(r, "sf")["names"].append("顺丰"),
        "hotlines.toml, hotline 'sf': names holds '顺丰' twice",
    ),
    (
        "names not a list",
        lambda r: hotline(r, "sf").update(names="顺丰"),
        "hotlines.toml, hotline 'sf': names must be a list of words",
    ),
    (
        "a name with blank space",
        lambda r: hotline(r, "sf")["names"].append(" 顺丰速运"),
        "hotlines.toml, hotline 'sf': names holds ' 顺丰速运', with blank space around it",
    ),
    (
        "no verify entries",
        lambda r: r["hotlines"].pop("verify"),
        "hotlines.toml: verify is missing",
    ),
    (
        "verify names a number that is not in the file",
        lambda r: verify(r, "carriers")["hotlines"].append("china_broadnet"),
        "hotlines.toml, verify 'carriers': hotlines names 'china_broadnet', which is not a hotline",
    ),
    (
        "verify names a caller type that is not in the wizard",
        lambda r: verify(r, "carriers")["callers"].append("martian"),
        "hotlines.toml, verify 'carriers': callers names 'martian', which is not a caller",
    ),
    (
        "a caller type offered two targets",
        lambda r: verify(r, "couriers")["callers"].append("police"),
        "hotlines.toml, verify 'couriers': callers names 'police', also in 'police_line'",
    ),
    (
        "verify with the id of a hotline",
        lambda r: verify(r, "police_line").update(id="police"),
        "hotlines.toml, verify 'police': id is also a hotline's id",
    ),
    (
        "duplicate verify id",
        lambda r: verify(r, "shopping").update(id="couriers"),
        "hotlines.toml, verify 'couriers': duplicate id",
    ),
    (
        "verify without numbers",
        lambda r: verify(r, "couriers").update(hotlines=[]),
        "hotlines.toml, verify 'couriers': hotlines is empty",
    ),
    (
        "own_bank not true or false",
        lambda r: verify(r, "own_bank").update(own_bank="yes"),
        "hotlines.toml, verify 'own_bank': own_bank must be true or false",
    ),
    (
        "too many notes",
        lambda r: verify(r, "customer_service")["notes"].append(
            {"zh": "再打一个。", "en": "More."}
        ),
        "hotlines.toml, verify 'customer_service': notes has 3 lines",
    ),
    (
        "a note without English",
        lambda r: verify(r, "couriers")["notes"][0].pop("en"),
        "hotlines.toml, verify 'couriers': notes[1].en is missing",
    ),
    (
        "a verify word that is also an organisation's name",
        lambda r: verify(r, "couriers")["names"].append("顺丰"),
        "hotlines.toml, verify 'couriers': names '顺丰', which also names 'sf'",
    ),
    (
        "verify without a name",
        lambda r: verify(r, "couriers").pop("name"),
        "hotlines.toml, verify 'couriers': name is missing",
    ),
    (
        "verify with an unknown key",
        lambda r: verify(r, "couriers").update(colour="red"),
        "hotlines.toml, verify 'couriers': unknown key 'colour'",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [pytest.param(b, e, id=name) for name, b, e in BREAKAGES],
)
def test_a_bad_number_or_verify_entry_is_refused_naming_it(
    raw: Raw, breakage: Callable[[Raw], object], expected: str
) -> None:
    breakage(raw)
    with pytest.raises(ContentError) as caught:
        parse_content(raw)
    assert str(caught.value).startswith(expected), str(caught.value)


def test_the_real_file_is_accepted(raw: Raw) -> None:
    content = parse_content(raw)
    assert content.verify["couriers"].name == Text("快递公司", "the courier company")
