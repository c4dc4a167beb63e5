from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from guardian.core.alert_message import ALERT_EVENTS, MAX_BODY_LENGTH, compose_alert
from guardian.core.i18n import LANGS, Lang

WHEN = datetime(2024, 5, 1, 9, 5, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("event", ALERT_EVENTS)
def test_every_event_names_the_person_and_the_time(event: str, lang: Lang) -> None:
    title, body = compose_alert(
        event,  # type: ignore[arg-type]
        person_name="妈妈",
        when=WHEN,
        level="high",
        signal_titles=["要求转到安全账户"],
        caller_number="+86 170 1234 5678",
        changes=["删除了联系人 小红"],
        lang=lang,
    )
    assert title and body
    assert "妈妈" in title + body
    assert "2024-05-01 09:05" in body
    assert "safe" not in (title + body).lower().replace("safe account", "")
    assert "安全" not in title


def test_high_verdict_lists_level_signals_and_number() -> None:
    title, body = compose_alert(
        "high_verdict",
        person_name="Mum",
        when=WHEN,
        level="high",
        signal_titles=[f"signal {n}" for n in range(9)],
        caller_number="170 1234 5678",
        lang="en",
    )
    assert "Mum" in title
    assert "Very likely fraud" in body
    assert "170 1234 5678" in body
    assert "signal 5" in body and "signal 6" not in body and "3 more" in body
    assert "call them" in body


@pytest.mark.parametrize(
    ("checked", "zh", "en"),
    [
        ("call", "一个可疑来电", "a suspicious call"),
        ("text", "一条可疑短信", "a suspicious text message"),
        ("number", "一个可疑号码", "a suspicious phone number"),
    ],
)
def test_high_verdict_says_what_was_checked(checked: str, zh: str, en: str) -> None:
    for lang, words in (("zh", zh), ("en", en)):
        _, body = compose_alert(
            "high_verdict", person_name="妈妈", when=WHEN, level="high", checked=checked,
            lang=lang,  # type: ignore[arg-type]
        )  # fmt: skip
        assert words in body
    _, body = compose_alert("high_verdict", person_name="", when=WHEN, checked="text", lang="zh")
    assert "来电" not in body


def test_settings_changed_says_what_changed() -> None:
    title, body = compose_alert(
        "settings_changed",
        person_name="",
        when=WHEN,
        changes=["联系人“小红”的电话改为 139 0000 0000", "删除了钉钉通知"],
        lang="zh",
    )
    assert "家人设置被修改" in title
    assert "家里的老人" in title
    assert "139 0000 0000" in body and "删除了钉钉通知" in body
    assert "如果这不是您或家人改的" in body


def test_called_family_and_money_sent() -> None:
    _, body = compose_alert(
        "called_family", person_name="妈妈", when=WHEN, contact_name="小红", lang="zh"
    )
    assert "打给小红" in body
    title, body = compose_alert("money_sent", person_name="Dad", when=WHEN, lang="en")
    assert "Urgent" in title and "110" in body


def test_long_input_is_cut_to_a_size_every_channel_takes() -> None:
    _, body = compose_alert(
        "high_verdict",
        person_name="妈妈",
        when=WHEN,
        signal_titles=["很长" * 200] * 6,
        lang="zh",
    )
    assert len(body) <= MAX_BODY_LENGTH and body.endswith("…")


def test_unknown_event() -> None:
    with pytest.raises(ValueError):
        compose_alert("party", person_name="x", when=WHEN)  # type: ignore[arg-type]
