from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from guardian.core.alert_message import ALERT_EVENTS, MAX_BODY_LENGTH, compose_alert
from guardian.core.i18n import LANGS, Lang
from tests.words import words_in

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
        words=words_in(lang),
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
        words=words_in("en"),
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
            words=words_in(lang),  # type: ignore[arg-type]
        )  # fmt: skip
        assert words in body
    _, body = compose_alert(
        "high_verdict", person_name="", when=WHEN, checked="text", words=words_in("zh")
    )
    assert "来电" not in body


def test_settings_changed_says_what_changed() -> None:
    title, body = compose_alert(
        "settings_changed",
        person_name="",
        when=WHEN,
        changes=["联系人“小红”的电话改为 139 0000 0000", "删除了钉钉通知"],
        words=words_in("zh"),
    )
    assert "家人设置被修改" in title
    assert "家里的老人" in title
    assert "139 0000 0000" in body and "删除了钉钉通知" in body
    assert "如果这不是您或家人改的" in body


def test_called_family_and_money_sent() -> None:
    _, body = compose_alert(
        "called_family", person_name="妈妈", when=WHEN, contact_name="小红", words=words_in("zh")
    )
    assert "打给小红" in body
    title, body = compose_alert("money_sent", person_name="Dad", when=WHEN, words=words_in("en"))
    assert "Urgent" in title and "110" in body


def test_long_input_is_cut_to_a_size_every_channel_takes() -> None:
    _, body = compose_alert(
        "high_verdict",
        person_name="妈妈",
        when=WHEN,
        signal_titles=["很长" * 200] * 6,
        words=words_in("zh"),
    )
    assert len(body) <= MAX_BODY_LENGTH and body.endswith("…")


def test_unknown_event() -> None:
    with pytest.raises(ValueError):
        compose_alert(  # type: ignore[arg-type]
            "party", words=words_in("zh"), person_name="x", when=WHEN
        )


def test_the_words_are_the_family_languages_exactly() -> None:
    """Whole messages, word for word, as the family has always received them."""
    when = datetime(2026, 3, 4, 15, 7, tzinfo=timezone(timedelta(hours=8)))
    locked = {"wrong_tries": 5, "lock_number": 2, "person_name": "妈妈", "when": when}
    assert compose_alert("pin_locked", words=words_in("zh"), lock_seconds=3601, **locked) == (
        "【防骗守护】妈妈的家人设置密码被连续输错",
        "2026-03-04 15:07，防骗守护的家人设置密码连续输错了5次，已经锁定2小时（这是第2次锁定，"
        "每次都会锁得更久）。\n如果这不是您或家人做的，请尽快联系TA：骗子有时会让老人打开家人设置，"
        "改掉家人的联系方式。",
    )
    _, body = compose_alert("pin_locked", words=words_in("en"), lock_seconds=61, **locked)
    assert "locked for 2 minutes (lock number 2;" in body
    _, body = compose_alert("pin_locked", words=words_in("en"), lock_seconds=59, **locked)
    assert "locked for 1 minute (lock number 2;" in body
    assert compose_alert(
        "called_family",
        words=words_in("en"),
        person_name="",
        when=when,
        contact_name=" 小明 ",
        caller_number="95588",
    ) == (
        "[Guardian] Your family member is trying to reach you",
        "At 2026-03-04 15:07, Your family member tapped 'Call family' in Guardian (calling 小明)."
        "\nCaller's number: 95588\nPlease call them as soon as you can. Remind them: do not "
        "listen, do not believe, do not transfer any money.",
    )


@pytest.mark.parametrize("event", ALERT_EVENTS)
def test_every_sentence_comes_from_the_lookup(event: str) -> None:
    """Only the person's own words, the time and list marks are written by the code."""
    asked: list[str] = []

    def keys(key: str, **values: object) -> str:
        asked.append(key)
        return f"<{key}>"

    title, body = compose_alert(
        event,  # type: ignore[arg-type]
        words=keys,
        person_name="",
        when=WHEN,
        signal_titles=["S"] * 9,
        caller_number="1",
        changes=["C"] * 9,
    )
    assert asked and all(
        key.startswith(("alert.message_", "weekly_note.message_")) for key in asked
    )
    for line in [title, *body.split("\n")]:
        assert line.startswith("<") or line in ("- S", "- C"), line
