"""The words of an alert to the family: a short title and a plain body, in one language.

Messages are short (chat robots and push services cut long ones) and never say that anything
is safe. Every message names the person, the time, what happened and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from guardian.core.i18n import Lang, Text
from guardian.core.pin import duration_words

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

LEVEL_WORDS: dict[str, Text] = {
    "high": Text(zh="极可能是诈骗", en="Very likely fraud"),
    "medium": Text(zh="有诈骗嫌疑", en="Possibly fraud"),
    "low": Text(zh="未发现典型诈骗特征", en="No typical signs of fraud found"),
}

_APP = Text(zh="防骗守护", en="Guardian")
_CHECKED: dict[str, Text] = {
    "call": Text(zh="一个可疑来电", en="a suspicious call"),
    "text": Text(zh="一条可疑短信", en="a suspicious text message"),
    "number": Text(zh="一个可疑号码", en="a suspicious phone number"),
}
_SOMEONE = Text(zh="家里的老人", en="Your family member")


def compose_alert(
    event: AlertEvent,
    *,
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
    lang: Lang = "zh",
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
        person_name: how the family calls the person (``妈妈``); empty gives a neutral word.
        when: when it happened, in the time zone to show (the computer's local time).
        level: for ``high_verdict``, the verdict level (``high``, ``medium``, ``low``).
        signal_titles: the red signals found, already in ``lang``.
        caller_number: the suspicious caller's number as shown, if known.
        checked: for ``high_verdict``, what was checked: ``call``, ``text`` (a message) or
            ``number`` (a caller's number); anything else reads as a call.
        contact_name: for ``called_family``, whom the person tried to call.
        changes: for ``settings_changed``, what changed, each already in ``lang``.
        wrong_tries: for ``pin_locked``, the wrong PINs in a row that started the lock.
        lock_seconds: for ``pin_locked``, how long the lock lasts.
        lock_number: for ``pin_locked``, which lock this is since the last right PIN.
        lang: the language of the message.

    Raises:
        ValueError: ``event`` is not one of :data:`ALERT_EVENTS`.
    """
    if event not in ALERT_EVENTS:
        raise ValueError(f"unknown alert event: {event!r}")
    if event == "weekly_note":  # its figures and words: guardian.core.weekly_note
        from guardian.core.weekly_note import compose_weekly_note

        return compose_weekly_note(None, person_name=person_name, when=when, lang=lang)
    who = " ".join(person_name.split()) or _SOMEONE.get(lang)
    at = when.strftime("%Y-%m-%d %H:%M")
    zh = lang == "zh"
    lines: list[str] = []
    if event == "high_verdict":
        level_words = LEVEL_WORDS.get(level or "high", LEVEL_WORDS["high"]).get(lang)
        title = f"【{_APP.zh}】{who}可能遇到诈骗" if zh else f"[Guardian] {who} may be facing fraud"
        what = _CHECKED.get(checked, _CHECKED["call"]).get(lang)
        lines.append(
            f"{at}，{who}用防骗守护检查了{what}，结果：{level_words}。"
            if zh
            else f"At {at}, {who} checked {what} with Guardian. Result: {level_words}."
        )
        lines += _caller_lines(caller_number, lang)
        lines += _signal_lines(signal_titles, lang)
        lines.append(_CALL_NOW.get(lang))
    elif event == "called_family":
        target = contact_name.strip() if contact_name and contact_name.strip() else None
        title = f"【{_APP.zh}】{who}在找您" if zh else f"[Guardian] {who} is trying to reach you"
        if zh:
            lines.append(
                f"{at}，{who}在防骗守护里点了“打给家人”"
                + (f"（打给{target}）" if target else "")
                + "。"
            )
        else:
            lines.append(
                f"At {at}, {who} tapped 'Call family' in Guardian"
                + (f" (calling {target})" if target else "")
                + "."
            )
        lines += _caller_lines(caller_number, lang)
        lines.append(_CALL_NOW.get(lang))
    elif event == "money_sent":
        title = (
            f"【{_APP.zh}】紧急：{who}说已经转账了"
            if zh
            else f"[Guardian] Urgent: {who} says money was already sent"
        )
        lines.append(
            f"{at}，{who}在防骗守护里点了“我已经转账了”。"
            if zh
            else f"At {at}, {who} tapped 'I already sent money' in Guardian."
        )
        lines += _caller_lines(caller_number, lang)
        lines += _signal_lines(signal_titles, lang)
        lines.append(
            "请马上联系TA，并帮TA拨打110报警、打银行客服电话止付。时间越早，追回的机会越大。"
            if zh
            else "Please contact them now and help them call 110 and their bank to stop the "
            "payment. The sooner, the better the chance to get the money back."
        )
    elif event == "settings_changed":
        title = (
            f"【{_APP.zh}】{who}的家人设置被修改了"
            if zh
            else f"[Guardian] {who}'s family settings were changed"
        )
        lines.append(
            f"{at}，防骗守护里的联系人或通知方式被修改了："
            if zh
            else f"At {at}, the contacts or alert channels in Guardian were changed:"
        )
        listed = [" ".join(change.split()) for change in changes if change.strip()]
        lines += [f"- {change}" for change in listed[:MAX_CHANGES_LISTED]]
        if len(listed) > MAX_CHANGES_LISTED:
            more = len(listed) - MAX_CHANGES_LISTED
            lines.append(f"……另有{more}项" if zh else f"... and {more} more")
        if not listed:
            lines.append("- （未记录具体内容）" if zh else "- (no details recorded)")
        lines.append(
            "如果这不是您或家人改的，请尽快联系TA：骗子有时会让老人改掉家人的联系方式。"
            if zh
            else "If you or the family did not make this change, contact them soon: fraudsters "
            "sometimes make people change their family's contact details."
        )
    elif event == "pin_locked":
        title = (
            f"【{_APP.zh}】{who}的家人设置密码被连续输错"
            if zh
            else f"[Guardian] Wrong PINs for {who}'s family settings"
        )
        wait = duration_words(lock_seconds)
        if zh:
            lines.append(
                f"{at}，防骗守护的家人设置密码连续输错了{wrong_tries}次，"
                f"已经锁定{wait.zh}（这是第{lock_number}次锁定，每次都会锁得更久）。"
            )
        else:
            lines.append(
                f"At {at}, a wrong family settings PIN was typed {wrong_tries} times in a row "
                f"in Guardian; the settings are locked for {wait.en} (lock number "
                f"{lock_number}; each lock lasts longer)."
            )
        lines.append(_NOT_YOU.get(lang))
    elif event == "pin_missing":
        title = (
            f"【{_APP.zh}】{who}的家人设置密码不见了"
            if zh
            else f"[Guardian] The PIN of {who}'s family settings is gone"
        )
        lines.append(
            f"{at}，防骗守护发现家人设置的密码不见了，可联系人或通知方式还在："
            "可能有人改动了保存设置的文件，也可能文件坏了。"
            "现在谁都可以设新密码，设好时也会通知您。"
            if zh
            else f"At {at}, Guardian found the family settings PIN gone while contacts or alert "
            "channels are still set up: someone may have changed the file that keeps the "
            "settings, or it was damaged. Anyone can now set a new PIN; you will be told when "
            "it is set."
        )
        lines.append(_NOT_YOU.get(lang))
    else:
        title = f"【{_APP.zh}】测试通知" if zh else "[Guardian] Test alert"
        lines.append(
            f"这是防骗守护在{at}发出的测试通知。收到它，说明{who}遇到可疑情况时您能收到提醒。"
            if zh
            else f"This is a test alert sent by Guardian at {at}. If you can read it, you will "
            f"be told when {who} meets something suspicious."
        )
    return title, _limit("\n".join(lines))


_NOT_YOU = Text(
    zh="如果这不是您或家人做的，请尽快联系TA：骗子有时会让老人打开家人设置，改掉家人的联系方式。",
    en="If it was not you or the family, contact them soon: fraudsters sometimes make people "
    "open the family settings to change their family's contact details.",
)

_CALL_NOW = Text(
    zh="请尽快给TA打电话，提醒TA：不听、不信、不汇款、不转账。",
    en="Please call them as soon as you can. Remind them: do not listen, do not believe, "
    "do not transfer any money.",
)


def _caller_lines(caller_number: str | None, lang: Lang) -> list[str]:
    if not caller_number or not caller_number.strip():
        return []
    number = " ".join(caller_number.split())
    return [f"来电号码：{number}" if lang == "zh" else f"Caller's number: {number}"]


def _signal_lines(signal_titles: Sequence[str], lang: Lang) -> list[str]:
    titles = [" ".join(title.split()) for title in signal_titles if title and title.strip()]
    if not titles:
        return []
    lines = ["发现的危险信号：" if lang == "zh" else "Red signals found:"]
    lines += [f"- {title}" for title in titles[:MAX_SIGNALS_LISTED]]
    if len(titles) > MAX_SIGNALS_LISTED:
        more = len(titles) - MAX_SIGNALS_LISTED
        lines.append(f"……另有{more}项" if lang == "zh" else f"... and {more} more")
    return lines


def _limit(body: str) -> str:
    if len(body) <= MAX_BODY_LENGTH:
        return body
    return body[: MAX_BODY_LENGTH - 1].rstrip() + "…"
