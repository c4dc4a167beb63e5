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

Pure: the figures are gathered by the storage layer, the sentences are in the catalogs (keys
``weekly_note.message_*``), and the note goes through the outbox like every alert.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from guardian.core.alert_message import MAX_BODY_LENGTH
from guardian.core.field_error import Words

WEEK = timedelta(days=7)
"""How often the note goes, and how far back its figures look."""

MAX_HIGH_LISTED = 5
"""Checks found very likely fraud listed one by one; the rest are counted."""

_KIND_KEYS: dict[str, str] = {
    "call": "weekly_note.message_kind_call",
    "text": "weekly_note.message_kind_text",
    "number": "weekly_note.message_kind_number",
}


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
    words: Words,
    person_name: str,
    when: datetime,
) -> tuple[str, str]:
    """Return the title and body of the weekly note, short enough for every channel.

    Args:
        figures: the week's figures; ``None`` gives only the sign of life (still running).
        words: the catalog's sentences (keys ``weekly_note.message_*``) in the language of
            the note (the family's).
        person_name: how the family calls the person (``妈妈``); empty gives a neutral word.
        when: when the note is written, in the time zone to show (the computer's local time);
            the times of the checks are shown in the same time zone.
    """
    who = " ".join(person_name.split()) or words("weekly_note.message_someone")
    at = when.strftime("%Y-%m-%d %H:%M")
    title = words("weekly_note.message_title", who=who)
    lines = [words("weekly_note.message_running", at=at, who=who)]
    if figures is not None:
        lines += _check_lines(figures, when, words)
        lines.append(
            words(
                "weekly_note.message_speech_works"
                if figures.speech_works
                else "weekly_note.message_speech_broken"
            )
        )
        lines.append(_alerts_line(figures, words))
    lines.append(words("weekly_note.message_if_none"))
    return title, _limit("\n".join(lines))


def _check_lines(figures: WeekFigures, when: datetime, words: Words) -> list[str]:
    count, high = figures.checks, len(figures.high)
    if count == 0 and high == 0:
        return [words("weekly_note.message_no_checks")]
    count = max(count, high)
    if high == 0:
        key = "weekly_note.message_checks_one" if count == 1 else "weekly_note.message_checks_many"
        return [words(key, count=count)]
    key = "weekly_note.message_high_one" if count == 1 else "weekly_note.message_high_many"
    lines = [words(key, count=count, high=high)]
    tz = when.tzinfo
    for check in figures.high[:MAX_HIGH_LISTED]:
        what = words(_KIND_KEYS.get(check.kind, _KIND_KEYS["call"]))
        lines.append(
            words("weekly_note.message_high_check", when=check.when.astimezone(tz), what=what)
        )
    if high > MAX_HIGH_LISTED:
        lines.append(words("weekly_note.message_more", more=high - MAX_HIGH_LISTED))
    lines.append(words("weekly_note.message_ask"))
    return lines


def _alerts_line(figures: WeekFigures, words: Words) -> str:
    delivered, failed, waiting = figures.delivered, figures.failed, figures.waiting
    if delivered + failed + waiting == 0:
        return words("weekly_note.message_alerts_none")
    if failed + waiting == 0:
        return words("weekly_note.message_alerts_all", delivered=delivered)
    return words(
        "weekly_note.message_alerts_some", delivered=delivered, failed=failed, waiting=waiting
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
