"""The risk engine: the rules, their properties, and the words of each verdict."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardian.content_loader import load_content
from guardian.core.content import Content, Severity, UnknownIdError
from guardian.core.risk import Answer, Level, answer_weight, assess, level_for

CONTENT = load_content()
ASKED = [signal.id for signal in CONTENT.asked_signals()]
CALLERS = [caller.id for caller in CONTENT.wizard.callers]
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
    words = CONTENT.advice.for_level(level.value)
    assert result.headline == words.headline
    assert result.advice == words.items
    assert result.rules == CONTENT.advice.rules


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
