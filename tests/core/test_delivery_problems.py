"""A failed delivery's technical lines become one of a few plain reasons the family can act on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardian.core.delivery_problems import (
    PROBLEMS,
    Problem,
    delivery_problem,
    plain_reason,
    refused_for_good,
)

# What deliveries really reported (apprise's lines, redacted as the outbox stores them).
CASES: list[tuple[str, str, Problem]] = [
    ("qqmail", 'Connection error while submitting email to "***"', "email"),
    ("email", "connection refused by smtp.qq.com:465", "email"),
    ("", 'Connection error while submitting email to "smtp.163.com"', "email"),
    ("163mail", "", "email"),
    ("json", "A Connection error occurred sending JSON notification to 127.0.0.1.", "unreachable"),
    ("pushplus", "A Connection error occurred sending PushPlus notification.", "unreachable"),
    ("serverchan", "A Connection error occured sending ServerChan notification.", "unreachable"),
    ("wxpusher", "A Connection error occurred sending WxPusher notification.", "unreachable"),
    ("dingtalk", "A Connection error occured sending DingTalk notification.", "unreachable"),
    ("pushplus", "Failed to send PushPlus notification: code=903: Invalid user token.", "token"),
    ("pushplus", "Failed to send PushPlus notification: code=907: Token does not exist.", "token"),
    (
        "pushplus",
        "Failed to send PushPlus notification: code=900: User account restricted.",
        "busy",
    ),
    (
        "pushplus",
        "Failed to send PushPlus notification: code=905: Account not real-name verified.",
        "account",
    ),
    ("pushplus", "Failed to send PushPlus notification: code=999: Server error.", "server"),
    (
        "wxpusher",
        "Failed to send WxPusher notification, code=200/1002: appToken不正确",
        "token",
    ),
    ("wxpusher", "Failed to send WxPusher notification, code=200/1004: 用户不存在", "token"),
    ("wxpusher", "Failed to send WxPusher notification, code=200/1008: 请求太频繁", "busy"),
    ("serverchan", "Failed to send ServerChan notification: error=400.", "token"),
    ("wecom", "Failed to send WeCom Bot notification: Unauthorized, error=401.", "token"),
    ("bark", "Failed to send Bark notification: Page not found., error=404.", "token"),
    ("json", "Failed to send JSON POST notification: Page not found., error=404.", "address"),
    ("ntfy", "Failed to send ntfy notification to topic '***': error=429.", "busy"),
    ("json", "Failed to send JSON POST notification: Internal server error., error=500.", "server"),
    ("custom", "the channel's address is not understood", "address"),
    ("telegram", "Something nobody expected happened", "other"),
    ("feishu", "", "other"),
]


@pytest.mark.parametrize(("kind", "error", "problem"), CASES)
def test_each_failure_gets_its_plain_reason(kind: str, error: str, problem: Problem) -> None:
    assert delivery_problem(error, kind) == problem


def test_the_reasons_are_the_plain_words_the_family_reads() -> None:
    assert plain_reason('Connection error while submitting email to "***"').zh == (
        "邮箱连不上，请检查授权码"
    )
    assert plain_reason("A Connection error occurred sending JSON notification").zh.startswith(
        "网址打不开"
    )
    assert plain_reason("code=903: Invalid user token.", "pushplus").zh.startswith("令牌不对")
    for text in PROBLEMS.values():
        assert text.zh and text.en
        # No technical words in what the family reads.
        for word in ("SMTP", "HTTP", "error", "refused", "apprise", "://"):
            assert word not in text.zh and word not in text.en


@given(st.one_of(st.text(), st.none(), st.integers(), st.binary()), st.text(max_size=12))
def test_never_raises_and_always_gives_a_reason(error: object, kind: str) -> None:
    assert delivery_problem(error, kind) in PROBLEMS


def test_a_wrong_token_is_refused_for_good_but_a_busy_or_broken_service_is_not() -> None:
    assert refused_for_good(["Failed to send JSON POST notification: error=404."])
    assert refused_for_good(
        ["Failed to send PushPlus notification: code=907: Token does not exist."]
    )
    assert refused_for_good(["Failed to send WxPusher notification, code=200/1002: x"])
    assert not refused_for_good(["Failed to send ntfy notification: error=429."])
    assert not refused_for_good(["Failed to send JSON POST notification: error=503."])
    assert not refused_for_good(["Failed to send PushPlus notification: code=900: limit."])
    assert not refused_for_good(["A Connection error occurred sending PushPlus notification."])
    assert not refused_for_good([])
