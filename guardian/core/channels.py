"""Alert channels described by plain fields, turned into apprise URLs, and redacted for display.

A family member sets up a channel by filling in a short form (an SMTP server and address, a
DingTalk robot token, a Telegram bot...), never by writing a URL. :data:`CHANNEL_KINDS` holds
each kind's fields as data (name, the catalog keys of its label and hint, required, secret), so
a screen can build its form from it. :func:`validate_channel` says what is wrong with each field
(as a :class:`~guardian.core.field_error.FieldError`), :func:`build_apprise_url` makes the URL
apprise sends to, and :func:`redact` and :func:`redact_text` hide tokens and passwords before a
URL or an error message is logged or shown.

Token fields also accept the whole webhook address that the chat app shows (for example
DingTalk's ``https://oapi.dingtalk.com/robot/send?access_token=...``): :func:`normalize_channel`
takes the token out of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from guardian.core.field_error import FieldError

FieldType = Literal["text", "host", "port", "email", "emails", "url", "choice", "token"]
ChannelGroup = Literal["wechat", "email", "more"]

CHANNEL_GROUPS: tuple[ChannelGroup, ...] = ("wechat", "email", "more")
"""The groups of channel kinds, in the order the list of kinds shows them."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a channel's form.

    Attributes:
        name: the key in the channel's fields mapping.
        label_key: the catalog key of what the form calls it.
        required: whether the channel cannot work without it.
        secret: whether it is a password or token (shown as dots, hidden in logs).
        type: how it is checked: ``text``, ``host``, ``port``, ``email``, ``emails`` (one or
            more, separated by commas), ``url`` (http or https), ``choice`` or ``token``.
        choices: for ``choice`` fields, each value with the catalog key of its label.
        default: the value used when the field is left empty.
        hint_key: the catalog key of a short example or help line, or ``None``.
    """

    name: str
    label_key: str
    required: bool = False
    secret: bool = False
    type: FieldType = "text"
    choices: tuple[tuple[str, str], ...] = ()
    default: str = ""
    hint_key: str | None = None


@dataclass(frozen=True)
class ChannelKind:
    """A kind of alert channel and its form.

    Attributes:
        id: the stable id stored with the channel (``email``, ``dingtalk``...).
        label_key: the catalog key of the kind's name on screen.
        fields: the form, in display order.
        group: where the list of kinds shows it: ``wechat`` (into the family's own WeChat,
            shown first), ``email``, or ``more`` (for family members at home with computers).
    """

    id: str
    label_key: str
    fields: tuple[FieldSpec, ...]
    group: ChannelGroup = "more"

    def field(self, name: str) -> FieldSpec | None:
        """Return the field called ``name``, or ``None``."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None


SECURITY_CHOICES: tuple[tuple[str, str], ...] = (
    ("ssl", "channel.security_ssl"),
    ("starttls", "channel.security_starttls"),
    ("none", "channel.security_none"),
)
"""The ways an email channel can protect its connection, with the catalog key of each."""
_DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
_APPRISE_MODES = {"ssl": "ssl", "starttls": "starttls", "none": "insecure"}

_TOKEN_HINT = "channel.hint_webhook_token"


@dataclass(frozen=True)
class EmailPreset:
    """A mail service whose server Guardian knows, so the form asks only for the address and code.

    Attributes:
        host: the sending (SMTP) server.
        port: its port.
        security: one of :data:`SECURITY_CHOICES`.
        domains: the addresses the service gives out end in ``@`` and one of these.
    """

    host: str
    port: int
    security: str
    domains: tuple[str, ...]


EMAIL_PRESETS: dict[str, EmailPreset] = {
    "qqmail": EmailPreset("smtp.qq.com", 465, "ssl", ("qq.com", "vip.qq.com", "foxmail.com")),
    "163mail": EmailPreset("smtp.163.com", 465, "ssl", ("163.com",)),
}
"""The mail services set up by address and authorisation code alone, by channel kind. The alert
is sent from the address to itself."""


def _preset_fields(address_key: str, where_key: str) -> tuple[FieldSpec, ...]:
    """The address and authorisation code of a mail service in :data:`EMAIL_PRESETS`."""
    return (
        FieldSpec(
            "address",
            address_key,
            required=True,
            type="email",
            hint_key="channel.hint_mail_address",
        ),
        FieldSpec(
            "code",
            "channel.field_mail_code",
            required=True,
            secret=True,
            type="token",
            hint_key=where_key,
        ),
    )


CHANNEL_KINDS: dict[str, ChannelKind] = {
    kind.id: kind
    for kind in (
        ChannelKind(
            "pushplus",
            "channel.kind_pushplus",
            (
                FieldSpec(
                    "token",
                    "channel.field_pushplus_token",
                    required=True,
                    secret=True,
                    type="token",
                    hint_key="channel.hint_pushplus_token",
                ),
            ),
            group="wechat",
        ),
        ChannelKind(
            "serverchan",
            "channel.kind_serverchan",
            (
                FieldSpec(
                    "sendkey",
                    "channel.field_serverchan_sendkey",
                    required=True,
                    secret=True,
                    type="token",
                    hint_key="channel.hint_serverchan_sendkey",
                ),
            ),
            group="wechat",
        ),
        ChannelKind(
            "wxpusher",
            "channel.kind_wxpusher",
            (
                FieldSpec(
                    "app_token",
                    "channel.field_wxpusher_app_token",
                    required=True,
                    secret=True,
                    type="token",
                    hint_key="channel.hint_wxpusher_app_token",
                ),
                FieldSpec(
                    "uid",
                    "channel.field_wxpusher_uid",
                    required=True,
                    type="token",
                    hint_key="channel.hint_wxpusher_uid",
                ),
            ),
            group="wechat",
        ),
        ChannelKind(
            "qqmail",
            "channel.kind_qqmail",
            _preset_fields("channel.field_qqmail_address", "channel.hint_qqmail_code"),
            group="email",
        ),
        ChannelKind(
            "163mail",
            "channel.kind_163mail",
            _preset_fields("channel.field_163mail_address", "channel.hint_163mail_code"),
            group="email",
        ),
        ChannelKind(
            "email",
            "channel.kind_email",
            (
                FieldSpec(
                    "host",
                    "channel.field_email_host",
                    required=True,
                    type="host",
                    hint_key="channel.hint_email_host",
                ),
                FieldSpec(
                    "security",
                    "channel.field_email_security",
                    type="choice",
                    choices=SECURITY_CHOICES,
                    default="ssl",
                ),
                FieldSpec(
                    "port",
                    "channel.field_email_port",
                    type="port",
                    hint_key="channel.hint_email_port",
                ),
                FieldSpec("username", "channel.field_email_username"),
                FieldSpec("password", "channel.field_email_password", secret=True),
                FieldSpec("from", "channel.field_email_from", required=True, type="email"),
                FieldSpec(
                    "to",
                    "channel.field_email_to",
                    required=True,
                    type="emails",
                    hint_key="channel.hint_email_to",
                ),
            ),
            group="email",
        ),
        ChannelKind(
            "dingtalk",
            "channel.kind_dingtalk",
            (
                FieldSpec(
                    "token",
                    "channel.field_dingtalk_token",
                    required=True,
                    secret=True,
                    type="token",
                    hint_key=_TOKEN_HINT,
                ),
                FieldSpec("secret", "channel.field_dingtalk_secret", secret=True, type="token"),
            ),
        ),
        ChannelKind(
            "wecom",
            "channel.kind_wecom",
            (
                FieldSpec(
                    "key",
                    "channel.field_wecom_key",
                    required=True,
                    secret=True,
                    type="token",
                    hint_key=_TOKEN_HINT,
                ),
            ),
        ),
        ChannelKind(
            "feishu",
            "channel.kind_feishu",
            (
                FieldSpec(
                    "token",
                    "channel.field_feishu_token",
                    required=True,
                    secret=True,
                    type="token",
                    hint_key=_TOKEN_HINT,
                ),
            ),
        ),
        ChannelKind(
            "telegram",
            "channel.kind_telegram",
            (
                FieldSpec(
                    "bot_token",
                    "channel.field_telegram_bot_token",
                    required=True,
                    secret=True,
                    type="token",
                    hint_key="channel.hint_telegram_bot_token",
                ),
                FieldSpec("chat_id", "channel.field_telegram_chat_id", required=True),
            ),
        ),
        ChannelKind(
            "ntfy",
            "channel.kind_ntfy",
            (
                FieldSpec("server", "channel.field_ntfy_server", type="url"),
                FieldSpec(
                    "topic",
                    "channel.field_ntfy_topic",
                    required=True,
                    secret=True,
                    type="token",
                ),
            ),
        ),
        ChannelKind(
            "bark",
            "channel.kind_bark",
            (
                FieldSpec(
                    "server",
                    "channel.field_bark_server",
                    type="url",
                    hint_key="channel.hint_bark_server",
                ),
                FieldSpec(
                    "device_key",
                    "channel.field_bark_device_key",
                    required=True,
                    secret=True,
                    type="token",
                    hint_key=_TOKEN_HINT,
                ),
            ),
        ),
        ChannelKind(
            "json",
            "channel.kind_json",
            (
                FieldSpec(
                    "url",
                    "channel.field_json_url",
                    required=True,
                    secret=True,
                    type="url",
                ),
            ),
        ),
        ChannelKind(
            "custom",
            "channel.kind_custom",
            (
                FieldSpec(
                    "url",
                    "channel.field_custom_url",
                    required=True,
                    secret=True,
                    hint_key="channel.hint_custom_url",
                ),
            ),
        ),
    )
}
"""Every channel kind, by id, in the order a form lists them."""

ERROR_UNKNOWN_KIND = FieldError("channel_error.unknown_kind")
ERROR_REQUIRED = FieldError("channel_error.required")
ERROR_NOT_TEXT = FieldError("channel_error.not_text")
ERROR_TOO_LONG = FieldError("channel_error.too_long")
ERROR_HOST = FieldError("channel_error.host")
ERROR_PORT = FieldError("channel_error.port")
ERROR_EMAIL = FieldError("channel_error.email")
ERROR_URL = FieldError("channel_error.url")
ERROR_CHOICE = FieldError("channel_error.choice")
ERROR_TOKEN = FieldError("channel_error.token")
ERROR_BOT_TOKEN = FieldError("channel_error.bot_token")
ERROR_CHAT_ID = FieldError("channel_error.chat_id")
ERROR_APPRISE_URL = FieldError("channel_error.apprise_url")
ERROR_PUSHPLUS_TOKEN = FieldError("channel_error.pushplus_token")
ERROR_SENDKEY = FieldError("channel_error.sendkey")
ERROR_SENDKEY_SC3 = FieldError("channel_error.sendkey_sc3")
ERROR_APP_TOKEN = FieldError("channel_error.app_token")
ERROR_UID = FieldError("channel_error.uid")
ERROR_AUTH_CODE = FieldError("channel_error.auth_code")
ERROR_PRESET_ADDRESS: dict[str, FieldError] = {
    "qqmail": FieldError("channel_error.qqmail_address"),
    "163mail": FieldError("channel_error.163mail_address"),
}

MAX_FIELD_LENGTH = 2000

_HOST = re.compile(
    r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
_EMAIL = re.compile(r"[^@\s,;:/?#<>\"'()\[\]\\]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_ALNUM_TOKEN = re.compile(r"[A-Za-z0-9]{1,256}")
_BOT_TOKEN = re.compile(r"(?:bot)?[0-9]{1,20}:[A-Za-z0-9_-]{1,200}")
_CHAT_ID = re.compile(r"-?[0-9]{1,32}|@?[A-Za-z_][A-Za-z0-9_]{1,64}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,31}")

_PUSHPLUS_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")
# Server酱 Turbo's SendKey; apprise sends to sct.ftqq.com, which does not take Server酱³'s keys.
_SENDKEY = re.compile(r"(?i:sct)[A-Za-z0-9]{1,250}")
_SENDKEY_SC3 = re.compile(r"(?i:sctp)[A-Za-z0-9]*")
_APP_TOKEN = re.compile(r"(?i:AT_)[A-Za-z0-9_-]{1,200}")
_UID = re.compile(r"(?i:UID_)[A-Za-z0-9_-]{1,200}")

_TOKEN_FIELD_CHECKS: dict[tuple[str, str], tuple[re.Pattern[str], FieldError]] = {
    ("dingtalk", "token"): (_ALNUM_TOKEN, ERROR_TOKEN),
    ("dingtalk", "secret"): (_ALNUM_TOKEN, ERROR_TOKEN),
    ("telegram", "bot_token"): (_BOT_TOKEN, ERROR_BOT_TOKEN),
    ("pushplus", "token"): (_PUSHPLUS_TOKEN, ERROR_PUSHPLUS_TOKEN),
    ("wxpusher", "app_token"): (_APP_TOKEN, ERROR_APP_TOKEN),
    ("wxpusher", "uid"): (_UID, ERROR_UID),
    ("qqmail", "code"): (_ALNUM_TOKEN, ERROR_AUTH_CODE),
    ("163mail", "code"): (_ALNUM_TOKEN, ERROR_AUTH_CODE),
}


def _raw_values(kind: object, fields: object) -> dict[str, object] | None:
    """Return the kind's fields as given (text stripped, integers as text, missing ones empty).

    Returns None when ``kind`` is unknown or ``fields`` is not a mapping.
    """
    spec = CHANNEL_KINDS.get(kind) if isinstance(kind, str) else None
    if spec is None or not isinstance(fields, Mapping):
        return None
    values: dict[str, object] = {}
    for field in spec.fields:
        value = fields.get(field.name, "")
        if value is None:
            value = ""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        values[field.name] = value.strip() if isinstance(value, str) else value
    return values


def normalize_channel(kind: str, fields: Mapping[str, object]) -> dict[str, str]:
    """Return the fields of a ``kind`` channel cleaned up for storing and sending.

    Text is stripped and full-width letters become plain ones; a whole webhook address pasted
    into a token field is reduced to its token; a Bark address gives both server and key. Fields
    the kind does not have are dropped. Values that are not text are left for
    :func:`validate_channel` to report, as empty text.
    """
    values = _raw_values(kind, fields)
    if values is None:
        return {}
    clean = {
        name: unicodedata.normalize("NFKC", value) if isinstance(value, str) else ""
        for name, value in values.items()
    }
    spec = CHANNEL_KINDS[kind]
    for field in spec.fields:
        if field.type == "token":
            clean[field.name] = "".join(clean[field.name].split())
    if kind == "dingtalk":
        clean["token"] = _query_value(clean["token"], "access_token")
    elif kind == "wecom":
        clean["key"] = _query_value(clean["key"], "key")
    elif kind == "feishu":
        clean["token"] = _last_path_segment(clean["token"], "/hook/")
    elif kind == "bark" and _looks_like_web_address(clean["device_key"]):
        parts = urlsplit(clean["device_key"])
        segments = [s for s in parts.path.split("/") if s]
        if segments:
            clean["device_key"] = segments[0]
            if not clean["server"]:
                clean["server"] = f"{parts.scheme}://{parts.netloc}"
    elif kind == "pushplus" and _looks_like_web_address(clean["token"]):
        # https://www.pushplus.plus/send?token=... or .../send/<token>
        token = _query_value(clean["token"], "token")
        clean["token"] = _last_path_segment(token, "/send/")
    elif kind == "serverchan" and _looks_like_web_address(clean["sendkey"]):
        # https://sctapi.ftqq.com/<sendkey>.send
        segments = [s for s in urlsplit(clean["sendkey"]).path.split("/") if s]
        if segments:
            clean["sendkey"] = segments[-1].removesuffix(".send")
    elif kind == "email":
        clean["security"] = clean["security"].lower() or "ssl"
        clean["to"] = ", ".join(a.strip() for a in re.split(r"[,;，；]", clean["to"]) if a.strip())
    return clean


def validate_channel(kind: str, fields: Mapping[str, object]) -> dict[str, FieldError]:
    """Return what is wrong with each field of a ``kind`` channel; empty when it can be used.

    Never raises, whatever ``kind`` and ``fields`` hold. An unknown kind is reported under the
    key ``"kind"``.

    Args:
        kind: one of :data:`CHANNEL_KINDS`.
        fields: field name to value (text; a port may be an integer).

    Returns:
        Field name to what is wrong with it (a catalog key the screen says in its language).
    """
    try:
        return _validate(kind, fields)
    except Exception:  # a last guard: a form must get an answer, never a crash
        return {"kind": ERROR_UNKNOWN_KIND}


def _validate(kind: str, fields: Mapping[str, object]) -> dict[str, FieldError]:
    raw = _raw_values(kind, fields)
    if raw is None:
        return {"kind": ERROR_UNKNOWN_KIND}
    errors: dict[str, FieldError] = {}
    for name, value in raw.items():
        if not isinstance(value, str):
            errors[name] = ERROR_NOT_TEXT
    values = normalize_channel(kind, fields)
    for field in CHANNEL_KINDS[kind].fields:
        if field.name in errors:
            continue
        value = values[field.name]
        if not value:
            if field.required:
                errors[field.name] = ERROR_REQUIRED
            continue
        if len(value) > MAX_FIELD_LENGTH or "\x00" in value:
            errors[field.name] = ERROR_TOO_LONG
            continue
        problem = _check_field(kind, field, value)
        if problem is not None:
            errors[field.name] = problem
    return errors


def _check_field(kind: str, field: FieldSpec, value: str) -> FieldError | None:
    if kind == "serverchan" and field.name == "sendkey":
        if _SENDKEY_SC3.fullmatch(value):
            return ERROR_SENDKEY_SC3
        return None if _SENDKEY.fullmatch(value) else ERROR_SENDKEY
    preset = EMAIL_PRESETS.get(kind)
    if preset is not None and field.name == "address":
        if not _EMAIL.fullmatch(value):
            return ERROR_EMAIL
        domain = value.rpartition("@")[2].lower()
        return None if domain in preset.domains else ERROR_PRESET_ADDRESS[kind]
    special = _TOKEN_FIELD_CHECKS.get((kind, field.name))
    if special is not None:
        pattern, error = special
        return None if pattern.fullmatch(value) else error
    if kind == "telegram" and field.name == "chat_id":
        return None if _CHAT_ID.fullmatch(value) else ERROR_CHAT_ID
    if kind == "custom":
        return None if _is_apprise_url(value) else ERROR_APPRISE_URL
    if field.type == "host":
        return None if _HOST.fullmatch(value) else ERROR_HOST
    if field.type == "port":
        return (
            None if value.isascii() and value.isdigit() and 0 < int(value) < 65536 else ERROR_PORT
        )
    if field.type == "email":
        return None if _EMAIL.fullmatch(value) else ERROR_EMAIL
    if field.type == "emails":
        addresses = [a.strip() for a in value.split(",")]
        return None if all(_EMAIL.fullmatch(a) for a in addresses) else ERROR_EMAIL
    if field.type == "url":
        return None if _web_address(value) is not None else ERROR_URL
    if field.type == "choice":
        return None if value in {choice for choice, _ in field.choices} else ERROR_CHOICE
    if field.type == "token":
        return None if _TOKEN.fullmatch(value) else ERROR_TOKEN
    return None


def build_apprise_url(kind: str, fields: Mapping[str, object]) -> str:
    """Return the apprise URL for a ``kind`` channel with these fields.

    Raises:
        ValueError: the fields do not pass :func:`validate_channel`; the message names the
            fields (never their values).
    """
    errors = validate_channel(kind, fields)
    if errors:
        raise ValueError(f"the {kind!r} channel has problems in: {', '.join(sorted(errors))}")
    v = normalize_channel(kind, fields)
    preset = EMAIL_PRESETS.get(kind)
    if preset is not None:
        address = v["address"]
        v = {
            "host": preset.host,
            "port": str(preset.port),
            "security": preset.security,
            "username": address,
            "password": v["code"],
            "from": address,
            "to": address,
        }
        kind = "email"
    if kind == "email":
        security = v["security"]
        port = int(v["port"]) if v["port"] else _DEFAULT_PORTS[security]
        auth = ""
        if v["username"]:
            auth = _q(v["username"])
            if v["password"]:
                auth += ":" + _q(v["password"])
            auth += "@"
        query = urlencode(
            {"smtp": v["host"], "from": v["from"], "to": v["to"], "mode": _APPRISE_MODES[security]},
            quote_via=quote,
            safe="@",
        )
        scheme = "mailto" if security == "none" else "mailtos"
        return f"{scheme}://{auth}{v['host']}:{port}?{query}"
    if kind == "dingtalk":
        secret = f"{v['secret']}@" if v["secret"] else ""
        return f"dingtalk://{secret}{v['token']}/"
    if kind == "wecom":
        return f"wecombot://{v['key']}"
    if kind == "feishu":
        return f"feishu://{v['token']}"
    if kind == "telegram":
        bot_token = v["bot_token"].removeprefix("bot")
        return f"tgram://{bot_token}/{_q(v['chat_id'])}"
    if kind == "pushplus":
        return f"pushplus://{v['token']}"  # to the token's owner, through WeChat
    if kind == "serverchan":
        return f"schan://{v['sendkey']}/"
    if kind == "wxpusher":
        return f"wxpusher://{v['app_token']}/{v['uid']}"
    if kind == "ntfy":
        server = _web_address(v["server"] or "https://ntfy.sh")
        assert server is not None
        scheme = "ntfys" if server[0] == "https" else "ntfy"
        return f"{scheme}://{server[1]}{server[2].rstrip('/')}/{v['topic']}"
    if kind == "bark":
        server = _web_address(v["server"] or "https://api.day.app")
        assert server is not None
        scheme = "barks" if server[0] == "https" else "bark"
        return f"{scheme}://{server[1]}{server[2].rstrip('/')}/{v['device_key']}"
    if kind == "json":
        parts = urlsplit(v["url"])
        scheme = "jsons" if parts.scheme.lower() == "https" else "json"
        # apprise passes query arguments written as "-name=value" on to the webhook.
        params = [(f"-{name}", value) for name, value in _query_pairs(parts.query)]
        query = f"?{urlencode(params, quote_via=quote)}" if params else ""
        return f"{scheme}://{parts.netloc}{parts.path or '/'}{query}"
    return v["url"]  # custom: the family wrote the URL themselves


def secret_values(kind: str, fields: Mapping[str, object]) -> list[str]:
    """Return the non-empty values of the secret fields of a ``kind`` channel."""
    values = normalize_channel(kind, fields)
    spec = CHANNEL_KINDS.get(kind)
    if spec is None:
        return []
    return [values[f.name] for f in spec.fields if f.secret and values.get(f.name)]


def log_secrets(kind: str, fields: Mapping[str, object]) -> list[str]:
    """Return every value of a ``kind`` channel that must never be written to a log.

    That is each secret field (token, key, topic, password, webhook address), each address or
    id the channel sends to (email addresses and user name, Telegram chat), and each secret
    part of its apprise URL (the URL itself, user names and passwords, hosts that are tokens,
    the webhook path as a whole and each of its pieces that is not a plain word, query
    values). Server names and ports are not included: a log may name the server. Never raises.
    """
    try:
        return _log_secrets(kind, fields)
    except Exception:  # a log must never break the program that writes it
        return []


def _log_secrets(kind: str, fields: Mapping[str, object]) -> list[str]:
    spec = CHANNEL_KINDS.get(kind) if isinstance(kind, str) else None
    if spec is None or not isinstance(fields, Mapping):
        return []
    values = normalize_channel(kind, fields)
    found: list[str] = []
    for field in spec.fields:
        value = values.get(field.name, "")
        if not value or field.type in ("host", "port", "choice"):
            continue
        if field.type == "url" and not field.secret:
            continue  # the ntfy or Bark server: only its path can hold anything secret
        found.append(value)
        if field.type == "emails":
            found += [address.strip() for address in value.split(",")]
    if kind == "telegram" and values.get("bot_token"):
        bot_token = values["bot_token"].removeprefix("bot")
        found += [bot_token, *bot_token.split(":")]
    try:
        url = build_apprise_url(kind, fields)
    except ValueError:
        url = ""
    found += url_log_secrets(url)
    for name in ("url", "server"):
        if _looks_like_web_address(values.get(name, "")):
            found += _url_secrets(values[name])
    return [value for value in dict.fromkeys(found) if value.strip()]


def url_log_secrets(url: object) -> list[str]:
    """Return the parts of an apprise or web address that a log must not show. Never raises.

    The address itself, user names and passwords, hosts that are tokens, the path as a whole
    and each of its pieces that is not a short plain word ("hook"), and query values. Server
    names and ports are not included.
    """
    if not isinstance(url, str) or "://" not in url:
        return []
    try:
        return [url, *_url_secrets(url)]
    except Exception:  # a log must never break the program that writes it
        return []


def _url_secrets(url: str) -> list[str]:
    scheme, _, rest = url.strip().partition("://")
    rest, _, fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    netloc, _, path = rest.partition("/")
    userinfo, at, hostport = netloc.rpartition("@")
    shown = _shown_host(scheme.lower(), hostport, bool(path.strip("/")))
    parts: list[str] = []
    if at:
        parts += [userinfo, *userinfo.split(":")]
    if shown is None:
        parts += [hostport, *hostport.split(":")]
    if path.strip("/"):
        parts.append(f"/{path}")
        if query:
            parts.append(f"/{path}?{query}")
    parts += [segment for segment in path.split("/") if not _plain_word(segment)]
    if query:
        parts.append(query)
    server = hostport.partition(":")[0].lower()
    for _name, value in _query_pairs(query):
        for piece in (value, *value.split(",")):
            piece = piece.strip()
            if piece.lower() != server and not _plain_word(piece):
                parts.append(piece)
    if fragment:
        parts.append(fragment)
    return [part for part in parts if part]


def _plain_word(text: str) -> bool:
    """Whether ``text`` is a short plain word ("hook", "ssl"), not worth hiding everywhere."""
    return not text or (text.isascii() and text.isalpha() and len(text) < 12)


# Schemes whose host part is a real server name, not a token.
_SERVER_SCHEMES = frozenset(
    {"mailto", "mailtos", "json", "jsons", "xml", "xmls", "form", "forms", "bark", "barks"}
    | {"ntfy", "ntfys", "http", "https", "gotify", "gotifys", "mqtt", "mqtts"}
)
REDACTED = "***"


def redact(url: object) -> str:
    """Return ``url`` with every password, token and address hidden, for logs and screens.

    What stays: the scheme, and the server name and port for kinds whose host is a server
    (email, webhooks, ntfy and Bark servers). User names, passwords, paths, query values and
    hosts that are tokens (DingTalk, WeCom, Feishu, Telegram, unknown kinds) become ``***``.
    Never raises.
    """
    if not isinstance(url, str) or "://" not in url:
        return REDACTED
    scheme, _, rest = url.strip().partition("://")
    if not _SCHEME.fullmatch(scheme):
        return REDACTED
    scheme = scheme.lower()
    rest, hash_mark, fragment = rest.partition("#")
    rest, question, query = rest.partition("?")
    netloc, _, path = rest.partition("/")
    _, at, hostport = netloc.rpartition("@")
    path_has_content = bool(path.strip("/"))
    shown = _shown_host(scheme, hostport, path_has_content) or REDACTED
    out = f"{scheme}://" + (f"{REDACTED}@" if at else "") + shown
    if path_has_content:
        out += f"/{REDACTED}"
    if question and query:
        out += f"?{REDACTED}"
    if hash_mark and fragment:
        out += f"#{REDACTED}"
    return out


def redact_text(text: object, url: str, extra_secrets: tuple[str, ...] = ()) -> str:
    """Return ``text`` (an error message) with ``url`` and every secret part of it hidden.

    The URL is replaced by :func:`redact` of it; then every part of it that could be a secret
    (user name, password, token host, path pieces, query values), plain or URL-encoded, and
    each of ``extra_secrets``, is replaced by ``***``. Parts shorter than 4 characters are left
    (they cannot be told from ordinary words). Never raises.
    """
    if not isinstance(text, str):
        text = str(text)
    if isinstance(url, str) and url:
        text = text.replace(url, redact(url))
    candidates = set(_secret_parts(url)) | {s for s in extra_secrets if isinstance(s, str)}
    variants: set[str] = set()
    for part in candidates:
        for variant in (part, unquote(part), quote(part, safe=""), quote(unquote(part), safe="")):
            if len(variant) >= 4:
                variants.add(variant)
    for secret in sorted(variants, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def _shown_host(scheme: str, hostport: str, path_has_content: bool) -> str | None:
    """Return the host[:port] a redacted URL may show, or None when the host may be a token."""
    # ntfy://topic (no path) names the topic, which is the secret, in the host's place.
    if scheme not in _SERVER_SCHEMES or (scheme in {"ntfy", "ntfys"} and not path_has_content):
        return None
    host, colon, port = hostport.partition(":")
    if _HOST.fullmatch(host) and (not colon or (port.isascii() and port.isdigit())):
        return hostport
    return None


def _secret_parts(url: object) -> list[str]:
    if not isinstance(url, str) or "://" not in url:
        return [url] if isinstance(url, str) and url else []
    scheme, _, rest = url.strip().partition("://")
    rest, _, fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    netloc, _, path = rest.partition("/")
    userinfo, at, hostport = netloc.rpartition("@")
    parts: list[str] = []
    if at:
        parts.append(userinfo)
        parts.extend(userinfo.split(":"))
    if _shown_host(scheme.lower(), hostport, bool(path.strip("/"))) is None:
        parts.append(hostport)
        parts.extend(hostport.split(":"))
    parts.extend(segment for segment in path.split("/") if segment)
    for _name, value in _query_pairs(query):
        parts.append(value)
        parts.extend(re.split(r"[,;@ ]", value))
    if fragment:
        parts.append(fragment)
    return [part for part in parts if part]


def _q(value: str) -> str:
    return quote(value, safe="")


def _query_pairs(query: str) -> list[tuple[str, str]]:
    try:
        parsed = parse_qs(query, keep_blank_values=True)
    except ValueError:
        return []
    return [(name, value) for name, values in parsed.items() for value in values]


def _query_value(value: str, name: str) -> str:
    if not _looks_like_web_address(value):
        return value
    found = parse_qs(urlsplit(value).query).get(name)
    return found[0].strip() if found else value


def _last_path_segment(value: str, marker: str) -> str:
    if not _looks_like_web_address(value) or marker not in value:
        return value
    tail = value.split(marker, 1)[1]
    return tail.split("?")[0].strip("/").split("/")[0] or value


def _looks_like_web_address(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _web_address(value: str) -> tuple[str, str, str] | None:
    """Return (scheme, host[:port], path) of an http(s) address, or None when it is not one."""
    if not _looks_like_web_address(value) or any(c.isspace() for c in value):
        return None
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if not _HOST.fullmatch(host) or (port is not None and not 0 < port < 65536):
        return None
    netloc = host + (f":{port}" if port is not None else "")
    if parts.username is not None or parts.password is not None:
        netloc = parts.netloc
    return parts.scheme.lower(), netloc, parts.path


def _is_apprise_url(value: str) -> bool:
    scheme, sep, rest = value.partition("://")
    return (
        bool(sep and rest.strip())
        and bool(_SCHEME.fullmatch(scheme))
        and not any(c.isspace() for c in value)
    )
