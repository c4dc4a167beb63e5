"""Why an alert did not arrive, in a few plain words a family member can act on.

A failed delivery leaves technical lines behind ("Connection error while submitting email to
smtp.qq.com", "Failed to send PushPlus notification: code=903: Invalid user token."). The family
sees one of a few plain reasons instead (:data:`PROBLEMS`): the mailbox cannot be reached, the
web address does not open, the token is wrong, the service is busy or has a fault, the account
needs attention, the settings are not understood, or something else.
"""

from __future__ import annotations

import re
from typing import Literal

from guardian.core.i18n import Text

Problem = Literal["email", "unreachable", "token", "busy", "server", "account", "address", "other"]

PROBLEMS: dict[Problem, Text] = {
    "email": Text(
        zh="邮箱连不上，请检查授权码",
        en="The mailbox cannot be reached: please check the authorisation code",
    ),
    "unreachable": Text(
        zh="网址打不开，请看看电脑能不能上网",
        en="The web address does not open: please check that the computer is online",
    ),
    "token": Text(
        zh="令牌不对，请重新复制粘贴", en="The token is wrong: please copy and paste it again"
    ),
    "busy": Text(
        zh="发得太多了，对方暂时不收，过一会儿会再试",
        en="Too many messages for now: it is tried again in a while",
    ),
    "server": Text(
        zh="对方的服务出了问题，过一会儿会再试",
        en="The receiving service has a fault: it is tried again in a while",
    ),
    "account": Text(
        zh="推送服务的账号还不能用（例如还没实名认证），请登录它的网页看看",
        en="The push service's account cannot send yet (for example, identity not verified): "
        "please log in to its web page and look",
    ),
    "address": Text(
        zh="设置不对，请在“联系人”里重新设置这个提醒方式",
        en="The settings are wrong: please set this channel up again under Contacts",
    ),
    "other": Text(
        zh="没能发出去，过一会儿会再试", en="It could not be sent: it is tried again in a while"
    ),
}
"""Each reason in both languages."""

#: Channel kinds that send email.
EMAIL_KINDS = frozenset({"email", "qqmail", "163mail"})

#: Channel kinds whose address is a web address the family typed (a wrong one is refused).
_ADDRESS_KINDS = frozenset({"json", "custom"})

# An HTTP answer: "error=404." in apprise's lines, or "code=404/..." (WxPusher).
_HTTP_STATUS = re.compile(r"\berror=(\d{3})\b|\bcode=(\d{3})/")
# A service's own answer inside an HTTP 200: "code=903:" (PushPlus), "code=200/1002" (WxPusher).
_SERVICE_CODE = re.compile(r"\bcode=(\d{3,4}):|\bcode=\d{3}/(\d{3,4})\b")

# 4xx answers that mean "not now" rather than "never": a timeout, too early, too many requests.
_PASSING_4XX = frozenset({408, 425, 429})

# PushPlus and WxPusher answer 200 and put their own code in the reply.
_SERVICE_PROBLEMS: dict[str, Problem] = {
    # PushPlus
    "302": "token",
    "401": "token",
    "903": "token",
    "907": "token",
    "900": "busy",
    "888": "account",
    "403": "account",
    "905": "account",
    "908": "account",
    "912": "account",
    "500": "server",
    "999": "server",
    # WxPusher
    "1001": "token",
    "1002": "token",
    "1004": "token",
    "1008": "busy",
    "1010": "account",
    "1006": "server",
}

_NOT_UNDERSTOOD = ("not understood",)
_UNREACHABLE = (
    "connection error",
    "connection refused",
    "timed out",
    "timeout",
    "name or service not known",
    "name resolution",
    "unreachable",
    "no route to host",
    "ssl",
    "certificate",
)
_EMAIL_WORDS = ("email", "smtp")


def delivery_problem(error: object, kind: str = "") -> Problem:
    """Return the plain reason a delivery failed, from its (redacted) error text.

    Never raises.

    Args:
        error: what the delivery reported (apprise's lines, joined), or anything else.
        kind: the channel's kind, when known (an email channel's every failure is "email").
    """
    text = error if isinstance(error, str) else ""
    lowered = text.lower()
    if any(words in lowered for words in _NOT_UNDERSTOOD):
        return "address"
    if kind in EMAIL_KINDS or any(word in lowered for word in _EMAIL_WORDS):
        return "email"
    for match in _SERVICE_CODE.finditer(text):
        code = match.group(1) or match.group(2)
        if code in _SERVICE_PROBLEMS and code != "200":
            return _SERVICE_PROBLEMS[code]
    statuses = [int(a or b) for a, b in _HTTP_STATUS.findall(text)]
    for status in statuses:
        if status in _PASSING_4XX:
            return "busy"
        if 400 <= status < 500:
            return "address" if kind in _ADDRESS_KINDS else "token"
        if status >= 500:
            return "server"
    if any(words in lowered for words in _UNREACHABLE):
        return "unreachable"
    return "other"


def plain_reason(error: object, kind: str = "") -> Text:
    """The reason :func:`delivery_problem` finds, in both languages."""
    return PROBLEMS[delivery_problem(error, kind)]


def refused_for_good(messages: list[str]) -> bool:
    """Whether a failed try's lines say the channel will never take the message as it is.

    That is an HTTP 4xx answer other than "not now" (408, 425, 429), or a push service's own
    answer that the token or the user does not exist.
    """
    for message in messages:
        if not isinstance(message, str):
            continue
        for a, b in _HTTP_STATUS.findall(message):
            code = int(a or b)
            if 400 <= code < 500 and code not in _PASSING_4XX:
                return True
        for match in _SERVICE_CODE.finditer(message):
            if _SERVICE_PROBLEMS.get(match.group(1) or match.group(2)) == "token":
                return True
    return False
