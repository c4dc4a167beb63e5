from __future__ import annotations

from typing import Any

import apprise
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from guardian.assets import load_catalog
from guardian.core.channels import (
    CHANNEL_GROUPS,
    CHANNEL_KINDS,
    EMAIL_PRESETS,
    ERROR_APP_TOKEN,
    ERROR_AUTH_CODE,
    ERROR_EMAIL,
    ERROR_PRESET_ADDRESS,
    ERROR_PUSHPLUS_TOKEN,
    ERROR_REQUIRED,
    ERROR_SENDKEY,
    ERROR_SENDKEY_SC3,
    ERROR_UID,
    ERROR_UNKNOWN_KIND,
    build_apprise_url,
    normalize_channel,
    redact,
    redact_text,
    secret_values,
    validate_channel,
)
from guardian.core.field_error import FieldError
from guardian.core.i18n import LANGS

CATALOG = load_catalog()


def named(key: str) -> bool:
    """Whether the catalog has ``key`` in every language."""
    return all(CATALOG.template(lang, key) for lang in LANGS)


GOOD: dict[str, list[dict[str, Any]]] = {
    "email": [
        {
            "host": "smtp.qq.com",
            "security": "ssl",
            "username": "me@qq.com",
            "password": "p@ss:w/rd#1?%",
            "from": "me@qq.com",
            "to": "daughter@example.com",
        },
        {
            "host": "mail.example.org",
            "security": "starttls",
            "port": 2587,
            "from": "gran@example.org",
            "to": "a@example.com; b@example.com",
        },
        {"host": "127.0.0.1", "security": "none", "from": "x@example.com", "to": "y@example.com"},
    ],
    "dingtalk": [
        {"token": "0123456789abcdef0123456789abcdef"},
        {
            "token": "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789",
            "secret": "SECdeadbeef0123456789",
        },
    ],
    "wecom": [
        {"key": "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"},
        {"key": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7abc-4bc4"},
    ],
    "feishu": [
        {"token": "2f6b9d0a-1234-4bcd-9abc-0123456789ab"},
        {"token": "https://open.feishu.cn/open-apis/bot/v2/hook/2f6b9d0a-1234-4bcd-9abc-01"},
    ],
    "telegram": [
        {"bot_token": "123456789:ABCdef_ghi-JKLmnop", "chat_id": "-1001234567890"},
        {"bot_token": "bot123456789:ABCdef", "chat_id": "@family_channel"},
    ],
    "ntfy": [
        {"topic": "grandma-alerts-x9q"},
        {"server": "https://ntfy.example.com:8443", "topic": "grandma_alerts"},
        {"server": "http://192.168.1.20", "topic": "grandma"},
    ],
    "bark": [
        {"device_key": "NxyzKEY123abc"},
        {"device_key": "https://api.day.app/NxyzKEY123abc/这里改成你自己的推送内容"},
        {"server": "https://bark.example.com", "device_key": "abcDEF123"},
    ],
    "json": [
        {"url": "https://hooks.example.com/a/b?token=s3cr3tvalue&x=1"},
        {"url": "http://127.0.0.1:8080/"},
    ],
    "custom": [{"url": "pover://user@token123456789012345678901234567"}],
    "pushplus": [
        {"token": "0123456789abcdef0123456789abcdef"},
        {"token": "https://www.pushplus.plus/send?token=fedcba9876543210fedcba9876543210&x=1"},
    ],
    "serverchan": [
        {"sendkey": "SCT123456TabcdEFGHijklMNOP"},
        {"sendkey": "https://sctapi.ftqq.com/SCT98765TzyxWVU.send?title=hello"},
    ],
    "wxpusher": [{"app_token": "AT_abcDEF123ghi456", "uid": "UID_xyz789ABC"}],
    "qqmail": [
        {"address": "grandson@qq.com", "code": "abcdefghijklmnop"},
        {"address": "daughter@foxmail.com", "code": " abcd efgh ijkl mnop "},
    ],
    "163mail": [{"address": "son@163.com", "code": "ABCDEFGHIJKLMNOP"}],
}


def test_every_kind_has_examples_and_labels_in_both_languages() -> None:
    assert set(GOOD) == set(CHANNEL_KINDS)
    for kind in CHANNEL_KINDS.values():
        assert named(kind.label_key), kind.label_key
        for field in kind.fields:
            assert named(field.label_key), field.label_key
            assert field.hint_key is None or named(field.hint_key), field.hint_key
            assert all(named(key) for _, key in field.choices)
            assert field.choices == () or field.type == "choice"
        assert any(field.required for field in kind.fields)


@pytest.mark.parametrize(
    ("kind", "fields"), [(kind, fields) for kind, examples in GOOD.items() for fields in examples]
)
def test_every_kind_builds_a_url_apprise_accepts(kind: str, fields: dict[str, Any]) -> None:
    assert validate_channel(kind, fields) == {}
    url = build_apprise_url(kind, fields)
    assert apprise.Apprise().add(url), url
    for secret in secret_values(kind, fields):
        if len(secret) >= 4:
            assert secret not in redact(url)


def test_email_url_carries_every_setting() -> None:
    url = build_apprise_url("email", GOOD["email"][0])
    server = apprise.Apprise.instantiate(url)
    assert server is not None
    assert server.user == "me@qq.com"
    assert server.password == "p@ss:w/rd#1?%"
    assert server.smtp_host == "smtp.qq.com"
    assert server.port == 465
    assert server.secure_mode == "ssl"
    assert [address for _, address in server.targets] == ["daughter@example.com"]
    plain = apprise.Apprise.instantiate(build_apprise_url("email", GOOD["email"][2]))
    assert plain is not None
    assert (plain.secure, plain.secure_mode, plain.port) == (False, "insecure", 25)
    several = apprise.Apprise.instantiate(build_apprise_url("email", GOOD["email"][1]))
    assert several is not None
    assert several.port == 2587
    assert [address for _, address in several.targets] == ["a@example.com", "b@example.com"]


def test_wechat_kinds_come_first_then_email_then_the_rest() -> None:
    groups = [kind.group for kind in CHANNEL_KINDS.values()]
    assert groups == sorted(groups, key=CHANNEL_GROUPS.index)
    assert [k for k, v in CHANNEL_KINDS.items() if v.group == "wechat"] == [
        "pushplus",
        "serverchan",
        "wxpusher",
    ]
    assert [k for k, v in CHANNEL_KINDS.items() if v.group == "email"] == [
        "qqmail",
        "163mail",
        "email",
    ]


def test_wechat_push_urls_reach_the_token_and_the_user() -> None:
    pushplus = apprise.Apprise.instantiate(build_apprise_url("pushplus", GOOD["pushplus"][1]))
    assert pushplus is not None
    assert (pushplus.token, pushplus.channel) == ("fedcba9876543210fedcba9876543210", "wechat")
    serverchan = apprise.Apprise.instantiate(build_apprise_url("serverchan", GOOD["serverchan"][1]))
    assert serverchan is not None
    assert serverchan.token == "SCT98765TzyxWVU"
    wxpusher = apprise.Apprise.instantiate(build_apprise_url("wxpusher", GOOD["wxpusher"][0]))
    assert wxpusher is not None
    assert (wxpusher.token, wxpusher._users) == ("AT_abcDEF123ghi456", ["UID_xyz789ABC"])


@pytest.mark.parametrize(
    ("kind", "address", "host"),
    [("qqmail", "grandson@qq.com", "smtp.qq.com"), ("163mail", "son@163.com", "smtp.163.com")],
)
def test_mail_presets_fill_in_the_server_and_send_to_the_address_itself(
    kind: str, address: str, host: str
) -> None:
    fields = next(f for f in GOOD[kind] if f["address"] == address)
    server = apprise.Apprise.instantiate(build_apprise_url(kind, fields))
    assert server is not None
    assert (server.smtp_host, server.port, server.secure_mode) == (host, 465, "ssl")
    assert (server.user, server.password) == (address, fields["code"])
    assert server.from_addr[1] == address
    assert [a for _, a in server.targets] == [address]
    assert EMAIL_PRESETS[kind].host == host
    # The authorisation code is often copied with spaces between its groups of four.
    spaced = normalize_channel("qqmail", GOOD["qqmail"][1])
    assert spaced["code"] == "abcdefghijklmnop"


@pytest.mark.parametrize(
    ("kind", "fields", "field", "error"),
    [
        ("pushplus", {"token": "tooshort"}, "token", ERROR_PUSHPLUS_TOKEN),
        ("serverchan", {"sendkey": "SCU-not-turbo"}, "sendkey", ERROR_SENDKEY),
        ("serverchan", {"sendkey": "sctp1234tABCDEFG"}, "sendkey", ERROR_SENDKEY_SC3),
        ("wxpusher", {"app_token": "abc", "uid": "UID_x"}, "app_token", ERROR_APP_TOKEN),
        ("wxpusher", {"app_token": "AT_x", "uid": "123"}, "uid", ERROR_UID),
        ("wxpusher", {"app_token": "AT_x"}, "uid", ERROR_REQUIRED),
        (
            "qqmail",
            {"address": "me@163.com", "code": "abc"},
            "address",
            ERROR_PRESET_ADDRESS["qqmail"],
        ),
        (
            "163mail",
            {"address": "me@qq.com", "code": "abc"},
            "address",
            ERROR_PRESET_ADDRESS["163mail"],
        ),
        ("163mail", {"address": "me@163", "code": "abc"}, "address", ERROR_EMAIL),
        ("qqmail", {"address": "me@qq.com", "code": "abc!"}, "code", ERROR_AUTH_CODE),
        ("qqmail", {"address": "me@qq.com"}, "code", ERROR_REQUIRED),
    ],
)
def test_wechat_and_mail_preset_errors_say_what_is_expected(
    kind: str, fields: dict[str, Any], field: str, error: FieldError
) -> None:
    assert validate_channel(kind, fields)[field] == error


def test_pasted_webhook_addresses_give_the_token() -> None:
    assert normalize_channel("dingtalk", GOOD["dingtalk"][1])["token"] == "abcdef0123456789"
    assert normalize_channel("wecom", GOOD["wecom"][1])["key"] == "693a91f6-7abc-4bc4"
    assert normalize_channel("feishu", GOOD["feishu"][1])["token"].endswith("9abc-01")
    bark = normalize_channel("bark", GOOD["bark"][1])
    assert bark == {"server": "https://api.day.app", "device_key": "NxyzKEY123abc"}


def test_json_webhook_keeps_its_query_arguments() -> None:
    url = build_apprise_url("json", GOOD["json"][0])
    server = apprise.Apprise.instantiate(url)
    assert server is not None
    assert server.params == {"token": "s3cr3tvalue", "x": "1"}


@pytest.mark.parametrize(
    ("kind", "fields", "field", "error"),
    [
        ("email", {"host": "smtp.qq.com", "to": "a@b.com"}, "from", ERROR_REQUIRED),
        ("email", {"host": "smtp", "from": "nope", "to": "a@b.com"}, "from", ERROR_EMAIL),
        (
            "email",
            {"host": "smtp.qq.com", "from": "a@b.com", "to": "a@b.com, x"},
            "to",
            ERROR_EMAIL,
        ),
        ("dingtalk", {}, "token", ERROR_REQUIRED),
    ],
)
def test_field_errors(kind: str, fields: dict[str, Any], field: str, error: FieldError) -> None:
    assert validate_channel(kind, fields)[field] == error


@pytest.mark.parametrize(
    ("kind", "fields", "field"),
    [
        ("email", {"host": "bad host!", "from": "a@b.com", "to": "a@b.com"}, "host"),
        ("email", {"host": "h.com", "port": "70000", "from": "a@b.com", "to": "a@b.com"}, "port"),
        (
            "email",
            {"host": "h.com", "security": "tls9", "from": "a@b.com", "to": "c@d.com"},
            "security",
        ),
        ("dingtalk", {"token": "abc/def"}, "token"),
        ("telegram", {"bot_token": "no-colon", "chat_id": "1"}, "bot_token"),
        ("telegram", {"bot_token": "1:a", "chat_id": "bad id!"}, "chat_id"),
        ("ntfy", {"server": "ftp://x.com", "topic": "t"}, "server"),
        ("json", {"url": "not a url"}, "url"),
        ("custom", {"url": "no scheme here"}, "url"),
        ("wecom", {"key": 12.5}, "key"),
    ],
)
def test_bad_fields_are_named(kind: str, fields: dict[str, Any], field: str) -> None:
    errors = validate_channel(kind, fields)
    assert field in errors
    assert named(errors[field].key)
    with pytest.raises(ValueError) as raised:
        build_apprise_url(kind, fields)
    assert field in str(raised.value)


def test_the_form_and_its_errors_keep_their_words() -> None:
    def zh(key: str) -> str:
        return CATALOG.get("zh", key)

    def en(key: str) -> str:
        return CATALOG.get("en", key)

    pushplus = CHANNEL_KINDS["pushplus"]
    assert (zh(pushplus.label_key), en(pushplus.label_key)) == ("PushPlus 推送加", "PushPlus")
    token = pushplus.fields[0]
    assert (zh(token.label_key), en(token.label_key)) == ("令牌", "Token")
    assert token.hint_key is not None
    assert en(token.hint_key) == "32 letters and digits; the whole web address works too"
    security = CHANNEL_KINDS["email"].field("security")
    assert security is not None
    assert [zh(key) for _, key in security.choices] == [
        "SSL/TLS（常用端口 465）",
        "STARTTLS（常用端口 587）",
        "不加密（常用端口 25）",
    ]
    qq_address = CHANNEL_KINDS["qqmail"].fields[0]
    assert (zh(qq_address.label_key), en(qq_address.label_key)) == ("QQ邮箱地址", "QQ Mail address")
    errors = validate_channel("email", {"host": "smtp.qq.com", "port": "0", "to": "a@b.com"})
    assert zh(errors["port"].key) == "端口是 1 到 65535 之间的数字"
    assert en(errors["from"].key) == "This is required"
    assert en(ERROR_UNKNOWN_KIND.key) == "Unknown kind of channel"


def test_unknown_kind() -> None:
    assert validate_channel("pigeon", {}) == {"kind": ERROR_UNKNOWN_KIND}
    assert validate_channel("email", "not a mapping") == {"kind": ERROR_UNKNOWN_KIND}  # type: ignore[arg-type]


_values = st.one_of(st.text(max_size=40), st.integers(), st.none(), st.floats(), st.booleans())


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([*CHANNEL_KINDS, "other"]),
    st.dictionaries(
        st.sampled_from(
            [
                *("host", "port", "security", "from", "to", "token", "url", "topic", "server"),
                *("key", "sendkey", "app_token", "uid", "address", "code"),
            ]
        ),
        _values,
    ),
)
def test_validate_never_raises_and_valid_fields_build(kind: str, fields: dict[str, Any]) -> None:
    errors = validate_channel(kind, fields)
    assert all(isinstance(error, FieldError) and named(error.key) for error in errors.values())
    if not errors:
        assert "://" in build_apprise_url(kind, fields)


# --- redaction -----------------------------------------------------------------------------

_token = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    min_size=8,
    max_size=40,
)


@settings(max_examples=200)
@given(_token, _token)
def test_redaction_never_leaks_a_token(token: str, secret: str) -> None:
    # What redaction keeps on purpose: schemes and server names.
    kept = "dingtalk wecombot feishu tgram ntfys barks jsons mailtos pover "
    kept += "hooks.example.com smtp.example.com api.day.app ntfy.sh"
    assume(token not in kept and secret not in kept)
    cases = {
        "dingtalk": {"token": token, "secret": secret},
        "wecom": {"key": token},
        "feishu": {"token": token},
        "telegram": {"bot_token": f"12345:{token}", "chat_id": "42"},
        "ntfy": {"topic": token},
        "bark": {"device_key": token},
        "json": {"url": f"https://hooks.example.com/{token}?key={secret}"},
        "custom": {"url": f"pover://{secret}@{token}"},
        "email": {
            "host": "smtp.example.com",
            "username": "someone",
            "password": token,
            "from": "a@example.com",
            "to": "b@example.com",
        },
    }
    for kind, fields in cases.items():
        url = build_apprise_url(kind, fields)
        shown = redact(url)
        assert token not in shown and secret not in shown, (kind, shown)
        used = [value for value in (token, secret) if value in url]
        message = f"error posting to {url}: " + ", ".join(
            f"value {value} rejected" for value in used
        )
        scrubbed = redact_text(message, url)
        assert all(value not in scrubbed for value in used), (kind, scrubbed)


def test_redaction_keeps_what_helps() -> None:
    url = build_apprise_url("email", GOOD["email"][0])
    assert redact(url) == "mailtos://***@smtp.qq.com:465?***"
    assert redact("wecombot://secretkey1234") == "wecombot://***"
    assert redact("ntfys://ntfy.sh/topic-secret") == "ntfys://ntfy.sh/***"
    assert redact("ntfy://topic-secret") == "ntfy://***"
    assert redact("jsons://hooks.example.com/a/b?-token=x") == "jsons://hooks.example.com/***?***"
    assert redact("tgram://123:abc/42") == "tgram://***/***"


@pytest.mark.parametrize("url", ["", "nothing", None, 42, "://x", "a b://c"])
def test_redact_never_raises(url: object) -> None:
    assert redact(url) == "***"


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_redact_any_text(url: str) -> None:
    assert isinstance(redact(url), str)
    assert isinstance(redact_text(url, url), str)
