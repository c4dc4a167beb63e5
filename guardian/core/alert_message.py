"""The words of an alert to the family: a short title and a plain body, in one language.

Messages are short (chat robots and push services cut long ones) and never say that anything
is safe. Every message names the person, the time, what happened and what to do.

The sentences are in the catalogs (``assets/i18n``, keys ``alert.message_*``); the message is
put together from them with a :class:`~guardian.core.field_error.Words` lookup bound to the
language of the family who reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from guardian.core.field_error import Words

AlertEvent = Literal[
    "high_verdict",
    "called_family",
    "money_sent",
    "settings_changed",
    "pin_locked",
    "pin_missing",
    "test",
    "weekly_note",
]
ALERT_EVENTS: tuple[AlertEvent, ...] = (
    "high_verdict",
    "called_family",
    "money_sent",
    "settings_changed",
    "pin_locked",
    "pin_missing",
    "test",
    "weekly_note",
)

MAX_SIGNALS_LISTED = 6
MAX_CHANGES_LISTED = 8
MAX_BODY_LENGTH = 600
"""Characters; WeCom robots take at most 2048 bytes, about 680 Chinese characters."""

TITLE_KEYS: dict[str, str] = {
    "high_verdict": "alert.message_title_high_verdict",
    "called_family": "alert.message_title_called_family",
    "money_sent": "alert.message_title_money_sent",
    "settings_changed": "alert.message_title_settings_changed",
    "pin_locked": "alert.message_title_pin_locked",
    "pin_missing": "alert.message_title_pin_missing",
    "test": "alert.message_title_test",
}
"""The catalog key of each event's title (the weekly note has its own, in its module)."""

_LEVEL_KEYS = {
    "high": "alert.message_level_high",
    "medium": "alert.message_level_medium",
    "low": "alert.message_level_low",
}
_CHECKED_KEYS = {
    "call": "alert.message_checked_call",
    "text": "alert.message_checked_text",
    "number": "alert.message_checked_number",
}


def _level_words(level: str | None, words: Words) -> str:
    return words(_LEVEL_KEYS.get(level or "high", _LEVEL_KEYS["high"]))


def compose_alert(
    event: AlertEvent,
    *,
    words: Words,
    person_name: str,
    when: datetime,
    level: str | None = None,
    signal_titles: Sequence[str] = (),
    caller_number: str | None = None,
    checked: str = "call",
    contact_name: str | None = None,
    changes: Sequence[str] = (),
    wrong_tries: int = 0,
    lock_seconds: float = 0.0,
    lock_number: int = 0,
) -> tuple[str, str]:
    """Return the title and body of an alert.

    Args:
        event: what happened: ``high_verdict`` (a check found fraud), ``called_family`` (the
            person tapped "call family"), ``money_sent`` (the person says they already sent
            money), ``settings_changed`` (contacts or alert channels were changed: told to the
            family so nobody can quietly redirect the alerts), ``pin_locked`` (wrong PINs
            locked the family settings: someone may be guessing), ``pin_missing`` (the PIN is
            gone while contacts or channels are still set up: the file was changed or
            damaged), ``test`` (a test from the family settings), ``weekly_note`` (the
            weekly sign of life; here without its figures, see
            :func:`guardian.core.weekly_note.compose_weekly_note`).
        words: the catalog's sentences in the language of the message (the family's).
        person_name: how the family calls the person (``妈妈``); empty gives a neutral word.
        when: when it happened, in the time zone to show (the computer's local time).
        level: for ``high_verdict``, the verdict level (``high``, ``medium``, ``low``).
        signal_titles: the red signals found, already in the language of ``words``.
        caller_number: the suspicious caller's number as shown, if known.
        checked: for ``high_verdict``, what was checked: ``call``, ``text`` (a message) or
            ``number`` (a caller's number); anything else reads as a call.
        contact_name: for ``called_family``, whom the person tried to call.
        changes: for ``settings_changed``, what changed, each already in the language of
            ``words``.
        wrong_tries: for ``pin_locked``, the wrong PINs in a row that started the lock.
        lock_seconds: for ``pin_locked``, how long the lock lasts.
        lock_number: for ``pin_locked``, which lock this is since the last right PIN.

    Raises:
        ValueError: ``event`` is not one of :data:`ALERT_EVENTS`.
    """
    if event not in ALERT_EVENTS:
        raise ValueError(f"unknown alert event: {event!r}")
    if event == "weekly_note":  # its figures and words: guardian.core.weekly_note
        from guardian.core.weekly_note import compose_weekly_note

        return compose_weekly_note(None, words=words, person_name=person_name, when=when)
    who = " ".join(person_name.split()) or words("alert.message_someone")
    at = when.strftime("%Y-%m-%d %H:%M")
    title = words(TITLE_KEYS[event], who=who)
    lines: list[str] = []
    if event == "high_verdict":
        what = words(_CHECKED_KEYS.get(checked, _CHECKED_KEYS["call"]))
        lines.append(
            words(
                "alert.message_high_verdict",
                at=at,
                who=who,
                what=what,
                level=_level_words(level, words),
            )
        )
        lines += _caller_lines(caller_number, words)
        lines += _signal_lines(signal_titles, words)
        lines.append(words("alert.message_call_now"))
    elif event == "called_family":
        target = contact_name.strip() if contact_name and contact_name.strip() else None
        if target:
            lines.append(
                words("alert.message_called_family_calling", at=at, who=who, contact=target)
            )
        else:
            lines.append(words("alert.message_called_family", at=at, who=who))
        lines += _caller_lines(caller_number, words)
        lines.append(words("alert.message_call_now"))
    elif event == "money_sent":
        lines.append(words("alert.message_money_sent", at=at, who=who))
        lines += _caller_lines(caller_number, words)
        lines += _signal_lines(signal_titles, words)
        lines.append(words("alert.message_money_sent_do"))
    elif event == "settings_changed":
        lines.append(words("alert.message_settings_changed", at=at))
        listed = [" ".join(change.split()) for change in changes if change.strip()]
        lines += [f"- {change}" for change in listed[:MAX_CHANGES_LISTED]]
        if len(listed) > MAX_CHANGES_LISTED:
            lines.append(words("alert.message_more", more=len(listed) - MAX_CHANGES_LISTED))
        if not listed:
            lines.append(f"- {words('alert.message_no_details')}")
        lines.append(words("alert.message_settings_changed_do"))
    elif event == "pin_locked":
        lines.append(
            words(
                "alert.message_pin_locked",
                at=at,
                tries=wrong_tries,
                wait=_wait_words(lock_seconds, words),
                lock=lock_number,
            )
        )
        lines.append(words("alert.message_not_you"))
    elif event == "pin_missing":
        lines.append(words("alert.message_pin_missing", at=at))
        lines.append(words("alert.message_not_you"))
    else:
        lines.append(words("alert.message_test", at=at, who=who))
    return title, _limit("\n".join(lines))


def _wait_words(seconds: float, words: Words) -> str:
    """How long a lock lasts: whole minutes up to an hour, else whole hours, rounded up."""
    minutes = max(1, int(-(-seconds // 60)))
    if minutes == 1:
        return words("alert.message_wait_minute", minutes=minutes)
    if minutes <= 60:
        return words("alert.message_wait_minutes", minutes=minutes)
    return words("alert.message_wait_hours", hours=int(-(-minutes // 60)))


def _caller_lines(caller_number: str | None, words: Words) -> list[str]:
    if not caller_number or not caller_number.strip():
        return []
    return [words("alert.message_caller", number=" ".join(caller_number.split()))]


def _signal_lines(signal_titles: Sequence[str], words: Words) -> list[str]:
    titles = [" ".join(title.split()) for title in signal_titles if title and title.strip()]
    if not titles:
        return []
    lines = [words("alert.message_signals")]
    lines += [f"- {title}" for title in titles[:MAX_SIGNALS_LISTED]]
    if len(titles) > MAX_SIGNALS_LISTED:
        lines.append(words("alert.message_more", more=len(titles) - MAX_SIGNALS_LISTED))
    return lines


def _limit(body: str) -> str:
    if len(body) <= MAX_BODY_LENGTH:
        return body
    return body[: MAX_BODY_LENGTH - 1].rstrip() + "…"
