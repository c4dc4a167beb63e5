"""The weekly note's words and its schedule, without a database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardian.core.alert_message import MAX_BODY_LENGTH, compose_alert
from guardian.core.i18n import LANGS, Lang
from guardian.core.weekly_note import (
    WEEK,
    HighCheck,
    NoteSchedule,
    WeekFigures,
    compose_weekly_note,
)
from tests.words import words_in

CST = timezone(timedelta(hours=8))
WEDNESDAY_3PM = datetime(2024, 5, 1, 15, 0, tzinfo=CST)


def test_a_week_with_two_checks_one_high_names_them() -> None:
    figures = WeekFigures(
        checks=2,
        # Stored in UTC: shown in the note's own time zone.
        high=(HighCheck(datetime(2024, 5, 3, 7, 0, tzinfo=timezone.utc), "text"),),
        delivered=3,
    )
    when = WEDNESDAY_3PM + WEEK
    title, body = compose_weekly_note(figures, person_name="妈妈", when=when, words=words_in("zh"))
    assert "妈妈" in title and "每周" in title
    assert "2024-05-08 15:00" in body and "还在妈妈的电脑上运行" in body
    assert "检查了2次" in body and "其中1次" in body and "极可能是诈骗" in body
    assert "5月3日 15:00，检查一条短信" in body
    assert "朗读声音：正常" in body
    assert "这一周发出3条，都已送到" in body
    assert "没收到这条消息" in body
    _, english = compose_weekly_note(figures, person_name="Mum", when=when, words=words_in("en"))
    assert "2 checks, 1 of them 'very likely fraud'" in english
    assert "2024-05-03 15:00: a text message checked" in english
    assert "3 sent this week, all delivered" in english


def test_a_quiet_week_and_broken_speech_and_alerts_are_said_plainly() -> None:
    figures = WeekFigures(checks=0, speech_works=False, delivered=1, failed=1, waiting=2)
    _, body = compose_weekly_note(figures, person_name="", when=WEDNESDAY_3PM, words=words_in("zh"))
    assert "家里的老人" in body
    assert "没有用它检查过什么" in body
    assert "现在不能朗读" in body and "“声音”" in body
    assert "送到1条，没送到1条，还在重试2条" in body and "提醒发送情况" in body
    _, none_needed = compose_weekly_note(
        WeekFigures(checks=4), person_name="", when=WEDNESDAY_3PM, words=words_in("en")
    )
    assert "4 checks, none judged very likely fraud" in none_needed
    assert "none were needed this week" in none_needed


@pytest.mark.parametrize("lang", LANGS)
def test_never_says_anything_is_safe(lang: Lang) -> None:
    title, body = compose_weekly_note(
        WeekFigures(checks=3), person_name="妈妈", when=WEDNESDAY_3PM, words=words_in(lang)
    )
    assert "安全" not in title + body and "safe" not in (title + body).lower()


@given(
    highs=st.integers(min_value=0, max_value=200),
    name=st.text(max_size=200),
    lang=st.sampled_from(LANGS),
)
def test_every_note_fits_every_channel(highs: int, name: str, lang: Lang) -> None:
    figures = WeekFigures(
        checks=highs * 2,
        high=tuple(HighCheck(WEDNESDAY_3PM - timedelta(hours=n), "call") for n in range(highs)),
        speech_works=False,
        delivered=highs,
        failed=highs,
        waiting=highs,
    )
    title, body = compose_weekly_note(
        figures, person_name=name, when=WEDNESDAY_3PM, words=words_in(lang)
    )
    assert len(body) <= MAX_BODY_LENGTH
    assert title


def test_many_high_checks_are_counted_after_the_first_few() -> None:
    figures = WeekFigures(checks=9, high=tuple(HighCheck(WEDNESDAY_3PM, "call") for _ in range(8)))
    _, body = compose_weekly_note(
        figures, person_name="妈妈", when=WEDNESDAY_3PM, words=words_in("zh")
    )
    assert body.count("检查一个来电") == 5 and "另有3次" in body


def test_the_note_says_what_it_always_said() -> None:
    """A whole note, word for word, in each language, as the family has always received it."""
    when = datetime(2026, 3, 4, 15, 7, tzinfo=CST)
    week = (HighCheck(when - timedelta(days=6), "call"), HighCheck(when - timedelta(days=5), "odd"))
    assert compose_weekly_note(
        WeekFigures(checks=1, high=week[:1]), words=words_in("en"), person_name="", when=when
    ) == (
        "[Guardian] Weekly note: your family member's week",
        "This is Guardian's weekly note: at 2026-03-04 15:07 it is still running on your family "
        "member's computer.\nThis week: 1 check, 1 of them 'very likely fraud':\n- 2026-02-26 "
        "15:07: a call checked\nPlease ask them how it turned out.\nReading aloud: working.\n"
        "Alerts: none were needed this week; this note reaching you shows that alerts get "
        "through.\nIf a week goes by without this note, Guardian may have stopped running: "
        "please ask them, or look at the computer.",
    )
    _, body = compose_weekly_note(
        WeekFigures(checks=9, high=week), words=words_in("zh"), person_name="妈妈", when=when
    )
    assert body.split("\n")[1:4] == [
        "这一周检查了9次，其中2次的结果是“极可能是诈骗”：",
        "- 2月26日 15:07，检查一个来电",
        "- 2月27日 15:07，检查一个来电",
    ]


def test_every_sentence_of_the_note_comes_from_the_lookup() -> None:
    figures = WeekFigures(checks=9, high=tuple(HighCheck(WEDNESDAY_3PM, "call") for _ in range(8)))
    title, body = compose_weekly_note(
        figures, words=lambda key, **values: f"<{key}>", person_name="", when=WEDNESDAY_3PM
    )
    lines = [title, *body.split("\n")]
    assert all(line.startswith("<weekly_note.message_") for line in lines), lines


def test_the_alert_event_gives_the_sign_of_life() -> None:
    title, body = compose_alert(
        "weekly_note", person_name="妈妈", when=WEDNESDAY_3PM, words=words_in("zh")
    )
    assert (title, body) == compose_weekly_note(
        None, person_name="妈妈", when=WEDNESDAY_3PM, words=words_in("zh")
    )
    assert "还在妈妈的电脑上运行" in body


# -- the schedule ----------------------------------------------------------------------------


def test_off_until_a_channel_has_delivered_unless_the_family_chose() -> None:
    assert not NoteSchedule().enabled
    assert NoteSchedule(ever_delivered=True).enabled
    assert not NoteSchedule(chosen=False, ever_delivered=True).enabled
    assert NoteSchedule(chosen=True).enabled
    assert NoteSchedule().next_due(WEDNESDAY_3PM) is None


def test_the_note_goes_weekly_on_the_weekday_and_hour_it_was_first_on() -> None:
    schedule = NoteSchedule(ever_delivered=True).started(WEDNESDAY_3PM)
    assert schedule.next_due(WEDNESDAY_3PM) == WEDNESDAY_3PM + WEEK
    assert not schedule.is_due(WEDNESDAY_3PM + WEEK - timedelta(minutes=1))
    assert schedule.is_due(WEDNESDAY_3PM + WEEK)
    # Sent two days late (the computer was off): the next one is back on Wednesday 15:00.
    late = WEDNESDAY_3PM + WEEK + timedelta(days=2, hours=3)
    after = schedule.sent(late)
    assert not after.is_due(late)
    assert after.next_due(late) == WEDNESDAY_3PM + 2 * WEEK
    # Three weeks missed: one note, then the next Wednesday.
    much_later = WEDNESDAY_3PM + 4 * WEEK + timedelta(hours=1)
    assert schedule.is_due(much_later)
    assert schedule.sent(much_later).next_due(much_later) == WEDNESDAY_3PM + 5 * WEEK


def test_turned_off_and_on_keeps_its_weekday() -> None:
    schedule = NoteSchedule(ever_delivered=True).started(WEDNESDAY_3PM)
    off = schedule.turned(False, WEDNESDAY_3PM + timedelta(days=1))
    assert off.next_due(WEDNESDAY_3PM + 3 * WEEK) is None
    back_on = off.turned(True, WEDNESDAY_3PM + 3 * WEEK + timedelta(days=1))
    assert back_on.anchor == WEDNESDAY_3PM
    assert back_on.next_due(WEDNESDAY_3PM + 3 * WEEK + timedelta(days=1)) == (
        WEDNESDAY_3PM + 4 * WEEK
    )


def test_a_clock_put_back_does_not_stop_the_note() -> None:
    schedule = NoteSchedule(chosen=True, anchor=WEDNESDAY_3PM, since=WEDNESDAY_3PM + 10 * WEEK)
    now = WEDNESDAY_3PM + WEEK + timedelta(days=1)
    assert schedule.next_due(now) == WEDNESDAY_3PM + 2 * WEEK


def test_the_stored_form_reads_back_and_damage_counts_as_never_set() -> None:
    schedule = NoteSchedule(True, WEDNESDAY_3PM, WEDNESDAY_3PM + WEEK, ever_delivered=True)
    assert NoteSchedule.from_mapping(schedule.to_mapping(), ever_delivered=True) == schedule
    for damaged in (None, "on", {"chosen": "yes", "anchor": "Wednesday", "since": 3}):
        assert NoteSchedule.from_mapping(damaged, ever_delivered=False) == NoteSchedule()
    naive = {"chosen": True, "anchor": "2024-05-01T15:00:00", "since": None}
    assert NoteSchedule.from_mapping(naive, ever_delivered=False).anchor is None
