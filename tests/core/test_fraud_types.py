"""The fraud-kind catalog and the request-centred checks that lean on it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from guardian.assets import read_toml
from guardian.core.content import Content, ContentError
from guardian.core.phrase_book import PhraseBook, parse_phrases
from guardian.core.risk import Level
from guardian.core.text_check import TextResult, check_text
from guardian.phrases_loader import load_phrases

# Every kind in the official top lists, plus those the product description names.
REQUIRED_TYPES = {
    "task_rebate", "investment", "romance", "fake_loan", "student_loan_cancel", "credit_repair",
    "shop_refund", "membership_cancel", "fake_police", "leader_acquaintance",
    "grandchild_trouble", "guess_who", "game_trade", "fake_shopping", "phishing_link",
    "flight_cancel", "military_order", "health_products", "house_pension",
    "elder_care_project", "collectibles", "prize_subsidy", "phone_bill_police", "tax_refund",
    "parcel_contraband", "social_security_card",
}  # fmt: skip
OFFICIAL_BODIES = ("公安部", "国家", "中国", "人民银行", "民政部", "工业和信息化部", "人力资源")


@pytest.fixture(scope="module")
def phrases() -> PhraseBook:
    return load_phrases()


@pytest.fixture
def raw_files() -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        copy.deepcopy(read_toml("content", "phrases.toml")),
        copy.deepcopy(read_toml("content", "fraud_types.toml")),
    )


def check(text: str, content: Content, phrases: PhraseBook) -> TextResult:
    return check_text(text, content, phrases)


def test_the_catalog_covers_every_common_kind(phrases: PhraseBook) -> None:
    ids = {kind.id for kind in phrases.types}
    assert ids >= REQUIRED_TYPES
    assert len(ids) >= 24


def test_every_kind_names_its_official_source_and_real_asks(
    phrases: PhraseBook, content: Content
) -> None:
    for kind in phrases.types:
        assert any(body in kind.source for body in OFFICIAL_BODIES), kind.id
        assert kind.asks, kind.id
        for ask in kind.asks:
            content.signal(ask)
        for lang in ("zh", "en"):
            assert kind.markers[lang] is not None, (kind.id, lang)
            assert kind.name.get(lang) and kind.why.get(lang) and kind.todo.get(lang)


@pytest.mark.parametrize(
    ("breaks", "message"),
    [
        (lambda t: t["type"][0].update(colour="red"), "type 'task_rebate': unknown key 'colour'"),
        (lambda t: t["type"][0].pop("source"), "type 'task_rebate': source is missing"),
        (
            lambda t: t["type"][0].update(asks=["no_such_signal"]),
            "asks names 'no_such_signal', which is not a signal",
        ),
        (
            lambda t: t["type"][1]["markers"].update(zh=["(unclosed"]),
            "type 'investment', markers.zh[1]: bad pattern",
        ),
        (lambda t: t["type"][2]["markers"].pop("en"), "markers must give a list of patterns"),
        (lambda t: t["type"][3]["name"].pop("en"), "type 'fake_loan': name.en is missing"),
        (lambda t: t["type"].append(dict(t["type"][0])), "type 'task_rebate': duplicate id"),
        (lambda t: t["type"][0]["markers"].update(zh=["<nope>"]), "unknown term <nope>"),
    ],
)
def test_a_broken_catalog_names_the_entry(
    raw_files: tuple[dict[str, Any], dict[str, Any]],
    content: Content,
    breaks: Callable[[dict[str, Any]], None],
    message: str,
) -> None:
    raw_phrases, raw_types = raw_files
    breaks(raw_types)
    with pytest.raises(ContentError, match=message.replace("(", r"\(").replace("[", r"\[")):
        parse_phrases(raw_phrases, signal_ids=content.signals, types=raw_types)


def test_a_story_names_its_kind_and_with_an_ask_is_fraud(
    content: Content, phrases: PhraseBook
) -> None:
    opening = check("在家做点赞任务，一单返佣金5元，日结", content, phrases)
    assert opening.level is Level.MEDIUM
    assert [kind.id for kind in opening.types] == ["task_rebate"]
    assert "fraud_story" in opening.signal_ids
    asked = check("在家做点赞任务，一单返佣金5元，先充值300元激活任务", content, phrases)
    assert asked.level is Level.HIGH
    assert asked.types[0].id == "task_rebate"


def test_a_fake_anti_fraud_centre_is_an_official_claim_like_any_other(
    content: Content, phrases: PhraseBook
) -> None:
    fake = "您好，我是反诈中心的民警，为了防止您上当受骗通知您：您的银行卡涉嫌洗钱，马上要被冻结"
    result = check(fake, content, phrases)
    assert result.level is Level.HIGH, result.signal_ids
    caller = "我是96110的工作人员，您的账户有风险，请把钱转到我们给的账户保护起来"
    assert check(caller, content, phrases).level is Level.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "他叫我放心把收到的验证码说给他",
        "他说不用担心这不是诈骗把手机上收到的六位数字念给我听就行",
        "对方说您不要挂电话把卡里的钱先全部转出来放到我们给的户头",
        "会有人上门来取现金你在家等着",
        "把网贷额度都提出来交给我们核验",
    ],
)
def test_a_demand_without_punctuation_is_not_cancelled_by_an_earlier_negation(
    content: Content, phrases: PhraseBook, text: str
) -> None:
    result = check(text, content, phrases)
    assert result.level is Level.HIGH, (text, result.signal_ids)


@pytest.mark.parametrize(
    "text",
    [
        "【12381】您正在接触的可能是诈骗电话，请勿转账，不要透露验证码。",
        "我是城关派出所的民警，您刚才接的电话是骗子，千万不要转账，也不要告诉他验证码。",
        "【工商银行】您尾号1234的账户刚才有一笔大额转出，如非本人操作，请拨打95588，工作人员不会索要验证码。",
        "警方提醒：公检法机关不会要求您把钱转到所谓的安全账户。",
        "【社区】凡是要先交钱的刷单兼职都是诈骗，请大家不要相信。",
    ],
)
def test_a_real_warning_is_not_flagged(content: Content, phrases: PhraseBook, text: str) -> None:
    result = check(text, content, phrases)
    assert result.level is Level.LOW, (text, result.signal_ids)
    assert result.reads_as_warning


def test_putting_a_call_through_to_the_police_is_not_moving_money(
    content: Content, phrases: PhraseBook
) -> None:
    result = check("我现在把您的电话转到公安局", content, phrases)
    assert "transferred_to_police" in result.signal_ids
    assert "official_wants_money" not in result.signal_ids
    assert "money_to_their_account" not in result.signal_ids


def test_common_misspellings_read_as_the_words_they_stand_for(
    content: Content, phrases: PhraseBook
) -> None:
    result = check("请把手机收到的验正码告诉我，再加我薇信", content, phrases)
    assert "asks_code_or_password" in result.signal_ids
    assert "private_chat" in result.signal_ids
