"""The weekly note to the family: its words, and when the next one is due.

Once a week the family gets a short note: how many checks the person made in the last seven
days, the ones found very likely fraud (when, and what was checked), whether the voice works,
whether the week's alerts arrived, and that Guardian is still running. The note is the sign of
life: when a week passes without it, the family knows the app has stopped, without the person
having to notice anything.

The note is on by default once any alert channel has delivered a message (it then has somewhere
to go), and the family can turn it off or on. It goes on the weekday and at the hour it was
first turned on, every week; a note missed because the computer was off goes at the next
start, and only one, however many weeks were missed.

Pure: the figures are gathered by the storage layer, and the note goes through the outbox like
every alert.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from guardian.core.alert_message import LEVEL_WORDS, MAX_BODY_LENGTH
from guardian.core.i18n import Lang, Text

WEEK = timedelta(days=7)
"""How often the note goes, and how far back its figures look."""

MAX_HIGH_LISTED = 5
"""Checks found very likely fraud listed one by one; the rest are counted."""

_APP = Text(zh="防骗守护", en="Guardian")
_SOMEONE = Text(zh="家里的老人", en="your family member")
_KIND_WORDS: dict[str, Text] = {
    "call": Text(zh="一个来电", en="a call"),
    "text": Text(zh="一条短信", en="a text message"),
    "number": Text(zh="一个号码", en="a phone number"),
}
_IF_NONE_ARRIVES = Text(
    zh="如果哪一周没收到这条消息，防骗守护可能没在运行了：请问问TA，或到电脑上看看。",
    en="If a week goes by without this note, Guardian may have stopped running: please ask "
    "them, or look at the computer.",
)


@dataclass(frozen=True)
class HighCheck:
    """A check of the week found very likely fraud.

    Attributes:
        when: when the check began (timezone-aware).
        kind: what was checked: ``call``, ``text`` or ``number``.
    """

    when: datetime
    kind: str


@dataclass(frozen=True)
class WeekFigures:
    """What the note tells about the last seven days.

    Attributes:
        checks: how many checks were made.
        high: the checks found very likely fraud, oldest first.
        speech_works: whether the computer can read aloud now.
        delivered: alerts of the week (other than weekly notes) that arrived.
        failed: alerts of the week that will never arrive.
        waiting: alerts of the week tried in vain and still being tried.
    """

    checks: int = 0
    high: tuple[HighCheck, ...] = ()
    speech_works: bool = True
    delivered: int = 0
    failed: int = 0
    waiting: int = 0


def compose_weekly_note(
    figures: WeekFigures | None,
    *,
    person_name: str,
    when: datetime,
    lang: Lang = "zh",
) -> tuple[str, str]:
    """Return the title and body of the weekly note, short enough for every channel.

    Args:
        figures: the week's figures; ``None`` gives only the sign of life (still running).
        person_name: how the family calls the person (``妈妈``); empty gives a neutral word.
        when: when the note is written, in the time zone to show (the computer's local time);
            the times of the checks are shown in the same time zone.
        lang: the language of the note.
    """
    zh = lang == "zh"
    who = " ".join(person_name.split()) or _SOMEONE.get(lang)
    at = when.strftime("%Y-%m-%d %H:%M")
    title = (
        f"【{_APP.zh}】{who}这一周的情况（每周消息）"
        if zh
        else f"[Guardian] Weekly note: {who}'s week"
    )
    lines = [
        f"这是防骗守护每周发的消息：{at}，它还在{who}的电脑上运行。"
        if zh
        else f"This is Guardian's weekly note: at {at} it is still running on {who}'s computer."
    ]
    if figures is not None:
        lines += _check_lines(figures, when, lang)
        lines.append(_speech_line(figures.speech_works, lang))
        lines.append(_alerts_line(figures, lang))
    lines.append(_IF_NONE_ARRIVES.get(lang))
    return title, _limit("\n".join(lines))


def _check_lines(figures: WeekFigures, when: datetime, lang: Lang) -> list[str]:
    zh = lang == "zh"
    count, high = figures.checks, len(figures.high)
    if count == 0 and high == 0:
        return ["这一周没有用它检查过什么。" if zh else "No checks this week."]
    count = max(count, high)
    if high == 0:
        return [
            f"这一周检查了{count}次，没有一次被判断为极可能是诈骗。"
            if zh
            else f"This week: {count} check{'s' if count != 1 else ''}, none judged very likely "
            "fraud."
        ]
    level = LEVEL_WORDS["high"].get(lang)
    lines = [
        f"这一周检查了{count}次，其中{high}次的结果是“{level}”："
        if zh
        else f"This week: {count} check{'s' if count != 1 else ''}, {high} of them "
        f"'{level.lower()}':"
    ]
    tz = when.tzinfo
    for check in figures.high[:MAX_HIGH_LISTED]:
        local = check.when.astimezone(tz)
        what = _KIND_WORDS.get(check.kind, _KIND_WORDS["call"]).get(lang)
        if zh:
            lines.append(f"- {local.month}月{local.day}日 {local:%H:%M}，检查{what}")
        else:
            lines.append(f"- {local:%Y-%m-%d %H:%M}: {what} checked")
    if high > MAX_HIGH_LISTED:
        more = high - MAX_HIGH_LISTED
        lines.append(f"……另有{more}次" if zh else f"... and {more} more")
    lines.append("请找时间问问TA后来怎么样了。" if zh else "Please ask them how it turned out.")
    return lines


def _speech_line(works: bool, lang: Lang) -> str:
    if lang == "zh":
        return (
            "朗读声音：正常。"
            if works
            else "朗读声音：现在不能朗读，TA可能听不到提示。"
            "请到电脑上打开“家人设置”里的“声音”看看。"
        )
    return (
        "Reading aloud: working."
        if works
        else "Reading aloud: not working now, so they may not hear the warnings. Please open "
        "'Voice' in the family settings on the computer."
    )


def _alerts_line(figures: WeekFigures, lang: Lang) -> str:
    zh = lang == "zh"
    delivered, failed, waiting = figures.delivered, figures.failed, figures.waiting
    if delivered + failed + waiting == 0:
        return (
            "提醒：这一周没有需要发给您的提醒；您收到这条消息，说明提醒能送到。"
            if zh
            else "Alerts: none were needed this week; this note reaching you shows that alerts "
            "get through."
        )
    if failed + waiting == 0:
        return (
            f"提醒：这一周发出{delivered}条，都已送到。"
            if zh
            else f"Alerts: {delivered} sent this week, all delivered."
        )
    if zh:
        return (
            f"提醒：这一周送到{delivered}条，没送到{failed}条，还在重试{waiting}条。"
            "请到电脑上打开“家人设置”里的“提醒发送情况”看看原因。"
        )
    return (
        f"Alerts this week: {delivered} delivered, {failed} not delivered, {waiting} still being "
        "tried. Please open 'Alerts sent' in the family settings on the computer to see why."
    )


def _limit(body: str) -> str:
    if len(body) <= MAX_BODY_LENGTH:
        return body
    return body[: MAX_BODY_LENGTH - 1].rstrip() + "…"


# -- when the note goes ----------------------------------------------------------------------


@dataclass(frozen=True)
class NoteSchedule:
    """Whether the weekly note is on, and when the next one goes.

    Attributes:
        chosen: what the family chose (``True`` on, ``False`` off), or ``None`` if they never
            chose: then the note is on once a channel has delivered a message.
        anchor: when the note was first on; the notes go on its weekday and at its hour.
        since: when the last note went, or when the note was (last) turned on; the next note
            is the first weekly time after it.
        ever_delivered: whether any alert channel has delivered a message.
    """

    chosen: bool | None = None
    anchor: datetime | None = None
    since: datetime | None = None
    ever_delivered: bool = False

    @property
    def enabled(self) -> bool:
        """Whether notes go: as the family chose, else once a channel has delivered."""
        return self.chosen if self.chosen is not None else self.ever_delivered

    def started(self, now: datetime) -> NoteSchedule:
        """This schedule with its times set from ``now`` where it has none (first on)."""
        return NoteSchedule(self.chosen, self.anchor or now, self.since or now, self.ever_delivered)

    def turned(self, on: bool, now: datetime) -> NoteSchedule:
        """The schedule after the family turned the note on or off at ``now``.

        Turning it on keeps the weekday and hour it had when it was first on; the next note
        is the first weekly time after ``now``.
        """
        if not on:
            return NoteSchedule(False, self.anchor, self.since, self.ever_delivered)
        return NoteSchedule(True, self.anchor or now, now, self.ever_delivered)

    def sent(self, now: datetime) -> NoteSchedule:
        """The schedule after a note went at ``now``."""
        return NoteSchedule(self.chosen, self.anchor or now, now, self.ever_delivered)

    def next_due(self, now: datetime) -> datetime | None:
        """When the next note goes (``None`` while it is off).

        The weekly times are the anchor plus whole weeks; the next one is the first after
        ``since``. A ``since`` in the future (the clock was put back) counts as ``now``.
        """
        if not self.enabled:
            return None
        anchor = self.anchor or now
        since = min(self.since or now, now)
        weeks = (since - anchor) // WEEK + 1
        return anchor + weeks * WEEK

    def is_due(self, now: datetime) -> bool:
        """Whether a note should go now (its weekly time has come, maybe while switched off)."""
        due = self.next_due(now)
        return due is not None and due <= now

    def to_mapping(self) -> dict[str, Any]:
        """What the settings table keeps (``ever_delivered`` is read from the outbox)."""
        return {
            "chosen": self.chosen,
            "anchor": self.anchor.isoformat() if self.anchor else None,
            "since": self.since.isoformat() if self.since else None,
        }

    @classmethod
    def from_mapping(cls, value: object, *, ever_delivered: bool) -> NoteSchedule:
        """Read what :meth:`to_mapping` wrote; anything unreadable counts as never set."""
        if not isinstance(value, Mapping):
            return cls(ever_delivered=ever_delivered)
        chosen = value.get("chosen")
        return cls(
            chosen if isinstance(chosen, bool) else None,
            _aware_or_none(value.get("anchor")),
            _aware_or_none(value.get("since")),
            ever_delivered,
        )


def _aware_or_none(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None
