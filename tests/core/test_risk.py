"""The risk engine: the rules, their properties, and the words of each verdict."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardian.content_loader import load_content
from guardian.core.content import Content, Severity, UnknownIdError
from guardian.core.risk import (
    ASKS,
    FAKE_WARNING_LINE,
    Answer,
    Level,
    answer_weight,
    assess,
    is_ask,
    level_for,
)

CONTENT = load_content()
ASKED = [signal.id for signal in CONTENT.asked_signals()]
CALLERS = [caller.id for caller in CONTENT.wizard.callers]
NUMBER_SIGNALS = ["overseas_number", "caller_id_110", "virtual_operator"]
RANK = {Level.LOW: 0, Level.MEDIUM: 1, Level.HIGH: 2}

D, S, M = Severity.DECISIVE, Severity.STRONG, Severity.MODERATE
Y, N, U = Answer.YES, Answer.NO, Answer.UNSURE

props = settings(max_examples=150, deadline=None)


@pytest.mark.parametrize(
    ("weights", "level"),
    [
        ([], Level.LOW),
        ([M], Level.LOW),
        ([M, M], Level.MEDIUM),
        ([M, M, M], Level.MEDIUM),
        ([S], Level.MEDIUM),
        ([S, M], Level.MEDIUM),
        ([S, M, M, M], Level.MEDIUM),
        ([S, S], Level.HIGH),
        ([D], Level.HIGH),
        ([D, M], Level.HIGH),
        ([M, D, S], Level.HIGH),
    ],
)
def test_level_rules(weights: list[Severity], level: Level) -> None:
    assert level_for(weights) is level


@pytest.mark.parametrize(
    ("severity", "answer", "weight"),
    [
        (D, Y, D),
        (D, U, M),
        (D, N, None),
        (S, Y, S),
        (S, U, M),
        (S, N, None),
        (M, Y, M),
        (M, U, None),
        (M, N, None),
    ],
)
def test_answer_weights(severity: Severity, answer: Answer, weight: Severity | None) -> None:
    assert answer_weight(severity, answer) == weight


@pytest.mark.parametrize(
    ("answers", "caller", "level"),
    [
        ({}, None, Level.LOW),
        ({"safe_account": Y}, None, Level.HIGH),
        ({"asks_code_or_password": Y, "isolation": N}, None, Level.HIGH),
        ({"isolation": Y}, None, Level.MEDIUM),
        ({"isolation": Y, "freeze_or_arrest_threat": Y}, None, Level.HIGH),
        ({"urgency": Y}, None, Level.LOW),
        ({"urgency": Y, "unknown_caller": Y}, None, Level.MEDIUM),
        ({"safe_account": U}, None, Level.LOW),
        ({"safe_account": U, "isolation": U}, None, Level.MEDIUM),
        ({"urgency": U, "unknown_caller": U}, None, Level.LOW),
        ({"safe_account": N, "isolation": N, "urgency": N}, None, Level.LOW),
        ({}, "police", Level.MEDIUM),
        ({"freeze_or_arrest_threat": Y}, "police", Level.HIGH),
        ({"urgency": U}, "police", Level.MEDIUM),
        ({"card_misused": U}, "government", Level.MEDIUM),
        ({}, "relative", Level.LOW),
        ({"relative_in_trouble": Y}, "relative", Level.MEDIUM),
        ({"relative_in_trouble": Y, "new_number_acquaintance": Y}, "relative", Level.HIGH),
    ],
)
def test_assess(answers: dict[str, Answer], caller: str | None, level: Level) -> None:
    result = assess(CONTENT, answers, caller=caller)
    assert result.level is level
    words = CONTENT.advice.for_level(level.value, found=bool(result.findings))
    assert result.headline == words.headline
    assert result.advice == words.call
    assert result.rules == CONTENT.advice.rules


@pytest.mark.parametrize(
    ("answers", "caller", "headline"),
    [
        ({"safe_account": Y}, None, "极可能是诈骗"),
        ({"relative_in_trouble": Y}, "relative", "很可能有诈"),
        ({"refund_or_compensation": Y}, "customer_service", "有一点可疑"),
        ({"safe_account": U}, None, "有一点可疑"),
        ({"refund_or_compensation": N}, "customer_service", "没看出常见的骗局"),
        ({}, None, "没看出常见的骗局"),
    ],
)
def test_each_level_in_plain_words(
    answers: dict[str, Answer], caller: str | None, headline: str
) -> None:
    assert assess(CONTENT, answers, caller=caller).headline.zh == headline


def test_a_refund_offer_is_a_little_suspicious_and_says_not_to_pay() -> None:
    result = assess(CONTENT, {"refund_or_compensation": Y}, caller="customer_service")
    assert result.level is Level.LOW
    assert result.verdict == "low"
    assert result.signal_ids == ("refund_or_compensation",)
    advice = " ".join(item.zh for item in result.advice)
    assert "不要转钱" in advice and "自己查到的号码" in advice
    advice_en = " ".join(item.en for item in result.advice)
    assert "money" in advice_en and "number you found yourself" in advice_en


def test_a_message_gets_message_advice_and_a_call_call_advice() -> None:
    for answers in ({"safe_account": Y}, {"isolation": Y}, {"urgency": Y}, {}):
        call = assess(CONTENT, answers)
        message = assess(CONTENT, answers, about="message")
        assert (call.level, call.headline) == (message.level, message.headline)
        assert call.advice == CONTENT.advice.for_verdict(call.verdict).call
        assert message.advice == CONTENT.advice.for_verdict(call.verdict).message
        words = " ".join(item.zh for item in message.advice)
        assert "挂断" not in words, words
        assert "链接" in words, words
    high = " ".join(item.zh for item in assess(CONTENT, {"safe_account": Y}).advice)
    assert "挂断电话" in high
    with pytest.raises(ValueError, match="letter"):
        assess(CONTENT, {}, about="letter")  # type: ignore[arg-type]


# --- the real anti-fraud line as the caller -----------------------------------------------------


def test_the_anti_fraud_line_asking_for_nothing_is_calm() -> None:
    for caller in ("police", "unknown", None):
        result = assess(
            CONTENT, {"safe_account": N, "isolation": N}, caller=caller, warning_line=True
        )
        assert result.level is Level.LOW
        assert result.verdict == "warning_line"
        assert result.findings == ()
        assert result.headline.zh == "是反诈专线在提醒您"
        advice = " ".join(item.zh for item in result.advice)
        assert "劝您别转钱，就听他们的" in advice
        assert "绝不会让您转钱、说验证码或装软件" in advice
    said_official = assess(CONTENT, {"official_claim": Y}, caller="unknown", warning_line=True)
    assert said_official.verdict == "warning_line"


@pytest.mark.parametrize(
    ("answers", "extra"),
    [
        ({"safe_account": Y}, []),
        ({"asks_code_or_password": Y}, []),
        ({"screen_share_or_app": Y}, []),
        ({"isolation": Y}, []),
        ({}, [("money_to_their_account", "text")]),
        ({}, [("remote_app_running", "apps")]),
    ],
)
def test_the_anti_fraud_line_asking_for_anything_is_the_highest_level(
    answers: dict[str, Answer], extra: list[tuple[str, str]]
) -> None:
    result = assess(CONTENT, answers, caller="police", extra=extra, warning_line=True)
    assert result.level is Level.HIGH
    fake = next(f for f in result.findings if f.signal.id == FAKE_WARNING_LINE)
    assert (fake.weight, fake.source) == (D, "number")
    assert "真的96110" in fake.signal.reason.zh
    assert "绝不会让您转钱、说验证码或装软件" in fake.signal.reason.zh
    assert "official_claim" not in result.signal_ids
    without = assess(CONTENT, answers, caller="police", extra=extra)
    assert FAKE_WARNING_LINE not in without.signal_ids


def test_the_anti_fraud_line_and_an_unsure_ask() -> None:
    result = assess(CONTENT, {"safe_account": U}, caller="police", warning_line=True)
    assert result.level is Level.MEDIUM
    assert [(f.signal.id, f.weight) for f in result.findings] == [
        (FAKE_WARNING_LINE, S),
        ("safe_account", M),
    ]


def test_the_anti_fraud_line_still_counts_other_signals() -> None:
    result = assess(CONTENT, {"freeze_or_arrest_threat": Y}, caller="police", warning_line=True)
    assert result.level is Level.MEDIUM
    assert result.signal_ids == ("freeze_or_arrest_threat",)
    shown_110 = assess(CONTENT, {}, extra=[("caller_id_110", "number")], warning_line=True)
    assert shown_110.level is Level.MEDIUM and shown_110.verdict == "medium"


def test_asks_are_the_decisive_signals_and_the_named_ones() -> None:
    assert set(CONTENT.signals) >= ASKS
    for signal in CONTENT.signals.values():
        assert is_ask(signal) == (signal.severity is D or signal.id in ASKS), signal.id
    assert CONTENT.signal(FAKE_WARNING_LINE).severity is D
    assert not CONTENT.signal(FAKE_WARNING_LINE).asked


def test_caller_implies_count_as_caller() -> None:
    result = assess(CONTENT, {}, caller="police")
    assert [(f.signal.id, f.weight, f.source) for f in result.findings] == [
        ("official_claim", S, "caller")
    ]


def test_extra_findings_count_at_their_own_severity() -> None:
    result = assess(CONTENT, {}, extra=[("overseas_number", "number")])
    assert result.level is Level.MEDIUM
    assert [(f.signal.id, f.weight, f.source) for f in result.findings] == [
        ("overseas_number", S, "number")
    ]
    both = assess(CONTENT, {}, extra=[("virtual_operator", "number"), ("urgency", "text")])
    assert both.level is Level.MEDIUM
    apps = assess(CONTENT, {"isolation": Y}, extra=[("remote_app_running", "apps")])
    assert apps.level is Level.HIGH


def test_each_signal_is_found_once_at_its_strongest() -> None:
    result = assess(
        CONTENT,
        {"official_claim": U, "isolation": U},
        caller="police",
        extra=[("isolation", "text")],
    )
    assert result.signal_ids == ("isolation", "official_claim")
    assert [(f.weight, f.source) for f in result.findings] == [(S, "text"), (S, "caller")]
    assert result.level is Level.HIGH


def test_findings_strongest_first_then_catalog_order() -> None:
    result = assess(
        CONTENT,
        {"urgency": Y, "isolation": Y, "cash_pickup": Y, "safe_account": Y, "card_misused": U},
    )
    assert result.signal_ids == (
        "safe_account",
        "cash_pickup",
        "isolation",
        "card_misused",
        "urgency",
    )
    assert [f.weight for f in result.findings] == [D, D, S, M, M]


def test_unknown_ids_are_named() -> None:
    with pytest.raises(UnknownIdError, match="no_such_signal"):
        assess(CONTENT, {"no_such_signal": Y})
    with pytest.raises(UnknownIdError, match="alien"):
        assess(CONTENT, {}, caller="alien")
    with pytest.raises(UnknownIdError, match="ghost"):
        assess(CONTENT, {}, extra=[("ghost", "text")])
    with pytest.raises(ValueError, match="radio"):
        assess(CONTENT, {}, extra=[("urgency", "radio")])
    with pytest.raises(ValueError, match="maybe"):
        assess(CONTENT, {"urgency": "maybe"})  # type: ignore[dict-item]


def test_answers_may_be_plain_strings() -> None:
    assert assess(CONTENT, {"safe_account": "yes"}).level is Level.HIGH  # type: ignore[dict-item]


# --- properties ---------------------------------------------------------------------------------

answers_strategy = st.dictionaries(st.sampled_from(ASKED), st.sampled_from(list(Answer)))
callers_strategy = st.none() | st.sampled_from(CALLERS)
number_strategy = st.lists(st.sampled_from(NUMBER_SIGNALS), unique=True, max_size=2)


@props
@given(answers=answers_strategy, caller=callers_strategy, extra_yes=st.sampled_from(ASKED))
def test_one_more_yes_never_lowers_the_level(
    answers: dict[str, Answer], caller: str | None, extra_yes: str
) -> None:
    before = assess(CONTENT, answers, caller=caller).level
    after = assess(CONTENT, {**answers, extra_yes: Y}, caller=caller).level
    assert RANK[after] >= RANK[before]


@props
@given(answers=answers_strategy, caller=callers_strategy, data=st.data())
def test_answer_order_does_not_matter(
    answers: dict[str, Answer], caller: str | None, data: st.DataObject
) -> None:
    items = list(answers.items())
    shuffled = data.draw(st.permutations(items))
    first = assess(CONTENT, dict(items), caller=caller)
    second = assess(CONTENT, dict(shuffled), caller=caller)
    assert first == second


@props
@given(answers=answers_strategy, caller=callers_strategy)
def test_unsure_never_ranks_above_yes(answers: dict[str, Answer], caller: str | None) -> None:
    unsure = assess(CONTENT, answers, caller=caller).level
    as_yes = {sid: (Y if answer is U else answer) for sid, answer in answers.items()}
    assert RANK[unsure] <= RANK[assess(CONTENT, as_yes, caller=caller).level]


@props
@given(answers=answers_strategy, caller=callers_strategy)
def test_findings_are_distinct_and_ordered(answers: dict[str, Answer], caller: str | None) -> None:
    result = assess(CONTENT, answers, caller=caller)
    assert len(set(result.signal_ids)) == len(result.signal_ids)
    order = list(CONTENT.signals)
    keys = [(-f.weight, order.index(f.signal.id)) for f in result.findings]
    assert keys == sorted(keys)
    assert all(f.weight <= f.signal.severity for f in result.findings)


@props
@given(
    answers=answers_strategy,
    caller=callers_strategy,
    numbers=number_strategy,
    warning_line=st.booleans(),
    about=st.sampled_from(["call", "message"]),
)
def test_no_verdict_shows_a_danger_signal_under_nothing_found(
    answers: dict[str, Answer],
    caller: str | None,
    numbers: list[str],
    warning_line: bool,
    about: str,
) -> None:
    result = assess(
        CONTENT,
        answers,
        caller=caller,
        extra=[(signal_id, "number") for signal_id in numbers],
        warning_line=warning_line,
        about=about,  # type: ignore[arg-type]
    )
    calm = {CONTENT.advice.for_verdict(v).headline for v in ("nothing_found", "warning_line")}
    if result.findings:
        assert result.headline not in calm
        assert result.verdict == result.level.value
    else:
        assert result.level is Level.LOW
        assert result.headline in calm
    if result.level is Level.LOW and result.findings:
        assert result.headline.zh == "有一点可疑"
        advice = " ".join(item.zh for item in result.advice)
        assert "不要转钱" in advice and "自己查到的号码" in advice
    words = CONTENT.advice.for_verdict(result.verdict)
    assert (result.headline, result.advice) == (words.headline, words.items(about))


@props
@given(answers=answers_strategy, caller=callers_strategy, extra_yes=st.sampled_from(ASKED))
def test_one_more_yes_never_lowers_the_level_from_the_anti_fraud_line(
    answers: dict[str, Answer], caller: str | None, extra_yes: str
) -> None:
    before = assess(CONTENT, answers, caller=caller, warning_line=True).level
    after = assess(CONTENT, {**answers, extra_yes: Y}, caller=caller, warning_line=True).level
    assert RANK[after] >= RANK[before]


# --- never "safe" -------------------------------------------------------------------------------

SAFE_ZH = re.compile(r"安全|放心|没有风险|没风险|不是诈骗|不是骗")
SAFE_EN = re.compile(
    r"\bsafe|\bno risk|\brisk[- ]free|not (a )?(fraud|scam)|nothing to worry", re.I
)


def without_safe_account(text: str) -> str:
    """Drop the names of the fake "safe account", the one place the word may appear."""
    return re.sub(r"“?安全账户”?|'?safe account'?", "", text, flags=re.I)


def test_low_never_says_safe(content: Content) -> None:
    result = assess(content, {})
    assert result.level is Level.LOW
    for text in (result.headline, *result.advice):
        assert not SAFE_ZH.search(without_safe_account(text.zh)), text.zh
        assert not SAFE_EN.search(without_safe_account(text.en)), text.en


def test_no_verdict_says_safe(content: Content) -> None:
    for verdict_id, words in content.advice.verdicts.items():
        for text in (words.headline, *words.call, *words.message):
            assert not SAFE_ZH.search(without_safe_account(text.zh)), (verdict_id, text.zh)
            assert not SAFE_EN.search(without_safe_account(text.en)), (verdict_id, text.en)


def test_the_safe_account_exception_is_narrow() -> None:
    assert SAFE_ZH.search(without_safe_account("这个电话很安全"))
    assert not SAFE_ZH.search(without_safe_account("不要转到“安全账户”"))
    assert SAFE_EN.search(without_safe_account("This call is safe."))
    assert not SAFE_EN.search(without_safe_account("Never use a 'safe account'."))


def test_low_repeats_the_rules(content: Content) -> None:
    result = assess(content, {"safe_account": N, "urgency": U})
    assert result.level is Level.LOW
    advice = " ".join(item.zh for item in result.advice)
    assert "陌生人转账" in advice and "自己查到的号码" in advice
    assert result.rules.zh == "不听、不信、不汇款、不转账"
