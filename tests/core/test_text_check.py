"""The message checker: corpus recall and false alarms, advice versus fraud, spans, speed."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardian.assets import read_toml
from guardian.core.content import Content, ContentError
from guardian.core.money_amounts import chinese_number
from guardian.core.phrase_book import PhraseBook, parse_phrases
from guardian.core.risk import Level
from guardian.core.text_check import TextResult, check_text
from guardian.core.text_normalise import normalise
from guardian.phrases_loader import load_phrases

DATA = Path(__file__).resolve().parents[1] / "data"
RECALL_MIN = 0.95
FALSE_ALARM_MAX = 0.05
TIME_LIMIT_S = 0.050


def load_corpus(name: str) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = json.loads((DATA / f"{name}.json").read_text("utf-8"))
    return entries


@pytest.fixture(scope="module")
def phrases() -> PhraseBook:
    return load_phrases()


@pytest.fixture(scope="module")
def raw_phrases() -> dict[str, Any]:
    return read_toml("content", "phrases.toml")


def check(text: str, content: Content, phrases: PhraseBook) -> TextResult:
    return check_text(text, content, phrases)


def flagged(result: TextResult) -> bool:
    return result.level in (Level.HIGH, Level.MEDIUM)


def describe(entry: dict[str, str], result: TextResult) -> str:
    found = ", ".join(result.signal_ids) or "nothing"
    return f"  [{entry['label']}] {result.level.value} ({found}): {entry['text']}"


# ---------------------------------------------------------------------------------------------
# The corpus


def test_corpus_is_large_and_labelled() -> None:
    fraud = load_corpus("fraud_texts")
    ordinary = load_corpus("ordinary_texts")
    assert len(fraud) >= 90
    assert len(ordinary) >= 90
    for entry in fraud + ordinary:
        assert set(entry) == {"label", "text"}
        assert entry["label"].strip()
        assert entry["text"].strip()
    texts = [entry["text"] for entry in fraud + ordinary]
    assert len(texts) == len(set(texts)), "a text appears twice"
    assert sum(1 for e in fraud if e["text"].isascii()) >= 10, "some fraud texts in English"
    assert sum(1 for e in ordinary if e["text"].isascii()) >= 10, "some ordinary ones too"


def test_fraud_recall(content: Content, phrases: PhraseBook) -> None:
    fraud = load_corpus("fraud_texts")
    missed = [(e, r) for e in fraud if not flagged(r := check(e["text"], content, phrases))]
    recall = 1 - len(missed) / len(fraud)
    assert recall >= RECALL_MIN, (
        f"recall {recall:.1%} is below {RECALL_MIN:.0%}; missed:\n"
        + "\n".join(describe(e, r) for e, r in missed)
    )


def test_false_alarms(content: Content, phrases: PhraseBook) -> None:
    ordinary = load_corpus("ordinary_texts")
    alarms = [(e, r) for e in ordinary if flagged(r := check(e["text"], content, phrases))]
    rate = len(alarms) / len(ordinary)
    assert rate <= FALSE_ALARM_MAX, (
        f"false-alarm rate {rate:.1%} is above {FALSE_ALARM_MAX:.0%}; flagged:\n"
        + "\n".join(describe(e, r) for e, r in alarms)
    )


def test_official_warnings_in_the_corpus_are_never_high(
    content: Content, phrases: PhraseBook
) -> None:
    warnings = [
        e
        for e in load_corpus("ordinary_texts")
        if e["label"].startswith(("antifraud", "police_advice", "relative_warning"))
    ]
    assert len(warnings) >= 15
    for entry in warnings:
        result = check(entry["text"], content, phrases)
        assert result.level is not Level.HIGH, describe(entry, result)


# ---------------------------------------------------------------------------------------------
# Advice and warnings versus fraud


@pytest.mark.parametrize(
    "text",
    [
        "公检法不会通过电话要求转账",
        "公检法机关从不通过电话办案，更没有什么安全账户。",
        "刚才那个电话是骗子，别理他",
        "【12381】您正在接听的可能是诈骗电话，请立即挂断。",
        "【96110】您好，这里是反诈中心，您可能正在遭遇冒充公检法诈骗，对方说您涉嫌洗钱要冻结账户，"
        "请立即挂断，不要转账。",
        "银行工作人员绝不会向您索要验证码，请勿告诉任何人。",
        "谨防冒充客服退款诈骗，不要下载陌生人推荐的软件，不要共享屏幕。",
        "爸，有人说我出车祸要钱就是骗子，先打我电话。",
        "Police will never ask you to move money into a safe account.",
        "Beware: no bank will ever ask you to read out a verification code.",
        "That call was a scam, ignore it. Do not send them any money.",
    ],
)
def test_advice_and_warnings_are_not_fraud(
    text: str, content: Content, phrases: PhraseBook
) -> None:
    result = check(text, content, phrases)
    assert result.level is Level.LOW, result.signal_ids


def test_advice_phrases_are_reported_but_do_not_count(
    content: Content, phrases: PhraseBook
) -> None:
    result = check("公检法不会通过电话要求转账", content, phrases)
    assert result.matches == ()
    assert [m.signal.id for m in result.advice_only] == ["official_wants_money"]


def test_a_warning_that_also_demands_money_for_a_safe_account_is_flagged(
    content: Content, phrases: PhraseBook
) -> None:
    text = "【公安提醒】谨防电信诈骗！您的账户存在风险，请立即将存款转入安全账户。"
    result = check(text, content, phrases)
    assert result.level is Level.HIGH
    assert "safe_account" in result.signal_ids
    assert result.reads_as_warning


def test_a_fake_anti_fraud_centre_asking_for_screen_sharing_is_flagged(
    content: Content, phrases: PhraseBook
) -> None:
    text = "我是国家反诈中心的民警，请马上下载会议软件，打开屏幕共享配合检查。"
    result = check(text, content, phrases)
    assert result.level is Level.HIGH
    assert "screen_share_or_app" in result.signal_ids


def test_a_prohibition_demanded_by_the_caller_still_counts(
    content: Content, phrases: PhraseBook
) -> None:
    result = check("警官说这是秘密调查，不要告诉家人，也不要挂电话。", content, phrases)
    assert "isolation" in result.signal_ids


def test_a_question_about_fraud_is_not_read_as_a_warning(
    content: Content, phrases: PhraseBook
) -> None:
    result = check("对方让我把钱转到安全账户，这是不是骗子？", content, phrases)
    assert result.level is Level.HIGH


# ---------------------------------------------------------------------------------------------
# Signals


@pytest.mark.parametrize(
    ("text", "signal_id"),
    [
        ("请把您的存款转到安全账户", "safe_account"),
        ("请把短信验证码告诉我", "asks_code_or_password"),
        ("你先开通手机银行，照我说的操作", "open_online_banking"),
        ("下载腾讯会议，输入会议号，然后共享屏幕", "screen_share_or_app"),
        ("你把钱取出现金，一会儿派人上门来取", "cash_pickup"),
        ("这是秘密调查，你要保密", "isolation"),
        ("你的银行卡将被冻结", "freeze_or_arrest_threat"),
        ("我这里是市公安局刑侦支队", "official_claim"),
        ("我帮您转接公安局报案", "transferred_to_police"),
        ("恭喜中奖，领奖需先交手续费", "pay_first_to_receive"),
        ("猜猜我是谁", "new_number_acquaintance"),
        ("您的快递包裹里查出毒品", "parcel_contraband"),
        ("您的社保卡被冒用", "card_misused"),
        ("您的电话欠费，请按9转人工", "phone_bill_or_suspension"),
        ("我是淘宝客服，给您办理退款", "refund_or_compensation"),
        ("保本高息，稳赚不赔", "investment_high_return"),
        ("今天之内必须办完", "urgency"),
        ("来电显示是110", "caller_id_110"),
        ("请回电 +447911123456", "overseas_number"),
        ("请回电17012345678", "virtual_operator"),
        ("登录 http://a-bank.top 填写银行卡号和密码", "phishing_link"),
        ("Please tell me the verification code we sent you", "asks_code_or_password"),
        ("You must move your money to a safe account", "safe_account"),
    ],
)
def test_each_signal_is_found(
    text: str, signal_id: str, content: Content, phrases: PhraseBook
) -> None:
    result = check(text, content, phrases)
    assert signal_id in result.signal_ids, (
        result.signal_ids,
        [m.signal.id for m in result.advice_only],
    )


def test_a_link_with_a_card_request_is_phishing_and_links_are_located(
    content: Content, phrases: PhraseBook
) -> None:
    text = "【ETC】您的卡已失效，请点击 https://etc-fix.cn/x 输入卡号和验证码完成认证"
    result = check(text, content, phrases)
    assert "phishing_link" in result.signal_ids
    assert [text[s:e] for s, e in result.links] == ["https://etc-fix.cn/x"]
    assert any(text[s:e] == "https://etc-fix.cn/x" for s, e in result.spans_for("phishing_link"))


def test_a_link_alone_is_not_phishing(content: Content, phrases: PhraseBook) -> None:
    result = check("【京东】您的订单已发货，查看物流 jd.com/track", content, phrases)
    assert "phishing_link" not in result.signal_ids
    assert len(result.links) == 1


# ---------------------------------------------------------------------------------------------
# Spans, normalisation, amounts


def test_spans_point_at_the_matched_phrases(content: Content, phrases: PhraseBook) -> None:
    text = "您好，您的账户涉嫌洗钱，请立即把钱转到安全账户。"
    result = check(text, content, phrases)
    pieces = {m.signal.id: [text[s:e] for s, e in m.spans] for m in result.matches}
    assert pieces["safe_account"] == ["安全账户"]
    assert pieces["urgency"] == ["立即"]
    assert "洗钱" in "".join(pieces["freeze_or_arrest_threat"])
    for match in result.matches:
        assert list(match.phrases) == [text[s:e] for s, e in match.spans]
        assert all(0 <= s < e <= len(text) for s, e in match.spans)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("请转入安 全 账 户", "安 全 账 户"),
        ("请转入安全帳戶", "安全帳戶"),
        ("请转入安全帐户", "安全帐户"),
        ("请转入安*全*账*户", "安*全*账*户"),
        ("Move it to a ＳＡＦＥ ＡＣＣＯＵＮＴ", "ＳＡＦＥ ＡＣＣＯＵＮＴ"),
        ("Move it to a Safe  Account", "Safe  Account"),
        ("请\u200b转入安\u200b全账户", "安\u200b全账户"),
    ],
)
def test_variants_are_found_and_highlighted_in_the_original(
    text: str, phrase: str, content: Content, phrases: PhraseBook
) -> None:
    result = check(text, content, phrases)
    spans = result.spans_for("safe_account")
    assert [text[s:e] for s, e in spans] == [phrase]


def test_normalise_keeps_a_map_to_the_original() -> None:
    text = "Ａ 安 全，ok  go"
    normal, origin = normalise(text)
    assert normal == "a 安全,ok go"
    assert len(origin) == len(normal) + 1
    assert origin[-1] == len(text)
    assert [text[origin[i]] for i in range(len(normal))][:4] == ["Ａ", " ", "安", "全"]


@pytest.mark.parametrize(
    ("text", "amount", "yuan"),
    [
        ("转5000元", "5000元", 5000.0),
        ("欠费¥3,168，", "¥3,168", 3168.0),
        ("急需两万，", "两万", 20000.0),
        ("交三千五百元保证金", "三千五百元", 3500.0),
        ("共计1.5万元", "1.5万元", 15000.0),
        ("fee of 1,500 yuan", "1,500 yuan", 1500.0),
    ],
)
def test_amounts(
    text: str, amount: str, yuan: float, content: Content, phrases: PhraseBook
) -> None:
    result = check(text, content, phrases)
    assert [(a.text, a.yuan) for a in result.amounts] == [(amount, yuan)]
    assert all(text[a.start : a.end] == a.text for a in result.amounts)


def test_no_amount_in_ordinary_words(content: Content, phrases: PhraseBook) -> None:
    assert check("千万别上当，万一有事打电话", content, phrases).amounts == ()


def test_chinese_numbers() -> None:
    assert chinese_number("两万") == 20_000
    assert chinese_number("十二") == 12
    assert chinese_number("三千五百") == 3_500
    assert chinese_number("一亿两千万") == 120_000_000


@pytest.mark.parametrize(
    "text", ["马上转账", "今天之内办完", "24小时内处理", "两小时后停机", "do it within 2 hours"]
)
def test_urgency(text: str, content: Content, phrases: PhraseBook) -> None:
    assert "urgency" in check(text, content, phrases).signal_ids


def test_language_restriction(content: Content, phrases: PhraseBook) -> None:
    text = "safe account 安全账户"
    assert check_text(text, content, phrases, "en").spans_for("safe_account") == ((0, 12),)
    assert check_text(text, content, phrases, "zh").spans_for("safe_account") == ((13, 17),)
    assert len(check_text(text, content, phrases).spans_for("safe_account")) == 2


def test_the_assessment_uses_the_text_source(content: Content, phrases: PhraseBook) -> None:
    result = check("请把验证码告诉我", content, phrases)
    assert {f.source for f in result.assessment.findings} == {"text"}
    assert result.level is Level.HIGH


def test_empty_text_is_low(content: Content, phrases: PhraseBook) -> None:
    result = check("", content, phrases)
    assert result.level is Level.LOW
    assert result.matches == () and result.amounts == () and result.links == ()


# ---------------------------------------------------------------------------------------------
# The phrase book loader


def test_every_phrase_signal_is_in_the_catalog(content: Content, phrases: PhraseBook) -> None:
    assert set(phrases.signal_ids) <= set(content.signals)
    assert "phishing_link" in phrases.signal_ids


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda raw: raw.update(extra={}), "unknown key 'extra'"),
        (lambda raw: raw["signal"][0].update(id="no_such_signal"), "not a signal"),
        (lambda raw: raw["signal"][1].update(id=raw["signal"][0]["id"]), "duplicate id"),
        (lambda raw: raw["signal"][0].update(zh=["(unclosed"]), "bad pattern"),
        (lambda raw: raw["signal"][0].update(zh=["a?"]), "matches empty text"),
        (lambda raw: raw["signal"][0].update(zh=["<nope>"]), "unknown term <nope>"),
        (lambda raw: raw["signal"][0].update(colour="red"), "unknown key 'colour'"),
        (lambda raw: raw["signal"][0].pop("en"), "en is missing"),
        (lambda raw: raw["cues"].pop("topic"), "topic is missing"),
        (lambda raw: raw["cues"]["negation"].update(en=[]), "non-empty list"),
        (lambda raw: raw["signal"][0].update(negative="yes"), "negative must be"),
        (
            lambda raw: raw["signal"][0].update(near=[{"within": 0, "zh": ["a", "b"]}]),
            "within must be",
        ),
        (lambda raw: raw["signal"][0].update(near=[{"within": 9, "zh": ["a"]}]), "two parts"),
    ],
)
def test_bad_phrase_files_are_refused(
    raw_phrases: dict[str, Any], content: Content, change: Any, problem: str
) -> None:
    raw = copy.deepcopy(raw_phrases)
    change(raw)
    with pytest.raises(ContentError, match=r"phrases\.toml") as error:
        parse_phrases(raw, signal_ids=content.signals)
    assert problem in str(error.value)


# ---------------------------------------------------------------------------------------------
# Properties: never crashes, always fast

_FRAGMENTS = [
    "安全账户",
    "验证码",
    "公安局",
    "不会",
    "骗子",
    "转账",
    "http://a.cn",
    "12381",
    "？",
    "，",
    "。",
    "马上",
    "两万",
    "¥3,168",
    "冻结",
    "别",
    "safe account",
    "never",
    "帳戶",
    " ",
    "\u200b",
    "猜猜我是谁",
    "+4412345678",
    "17012345678",
    "【",
    "】",
    "請",
    "ＡＢＣ",
    "\n",
]
_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=6)), max_size=60).map("".join),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_texts)
def test_any_text_is_checked_quickly_without_error(
    text: str, content: Content, phrases: PhraseBook
) -> None:
    started = time.perf_counter()
    result = check_text(text, content, phrases)
    elapsed = time.perf_counter() - started
    assert elapsed < TIME_LIMIT_S, f"{elapsed * 1000:.1f} ms for {text!r}"
    assert result.level in Level
    for match in result.matches + result.advice_only:
        for start, end in match.spans:
            assert 0 <= start < end <= len(text)
    for amount in result.amounts:
        assert text[amount.start : amount.end] == amount.text


def test_a_long_text_is_still_fast(content: Content, phrases: PhraseBook) -> None:
    text = "".join(e["text"] for e in load_corpus("fraud_texts"))[:5000]
    started = time.perf_counter()
    check_text(text, content, phrases)
    assert time.perf_counter() - started < TIME_LIMIT_S * 4
