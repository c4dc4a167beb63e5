"""The log file never holds a channel's secrets, whatever logger writes them (apprise included).

Each kind of channel is saved in a real database and a real delivery to it fails: a local
server that answers 500, a closed local port, an SMTP server that refuses the login (QQ Mail
and 163 Mail are pointed at it in place of their own servers). Channels whose server is fixed
(PushPlus, Server酱, WxPusher, DingTalk, WeCom, Feishu, Telegram) go through a proxy on a closed
local port, so nothing leaves the computer. Each failure also gets its plain reason. The log
is kept at the debug level, so apprise's most talkative lines are in it too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from guardian.alerts.delivery import deliver
from guardian.core.channels import CHANNEL_KINDS, EMAIL_PRESETS, EmailPreset
from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.core.delivery_problems import Problem, delivery_problem
from guardian.logs import forget_secrets, setup_logging
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxStore
from guardian.storage.startup import RecoveringOpener

from .conftest import Mail, Webhook, free_port

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Guardian's log set up as the app does (debug lines kept); returns a reader of the file."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    forget_secrets()
    path = setup_logging(tmp_path / "data", verbose=True)
    assert path is not None

    def read() -> str:
        for handler in logging.getLogger().handlers:
            handler.flush()
        return path.read_text(encoding="utf-8")

    yield read
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    forget_secrets()


@pytest.fixture
def closed_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every web request beyond this computer goes to a proxy on a closed local port."""
    proxy = f"http://127.0.0.1:{free_port()}"
    for name in PROXY_VARIABLES:
        monkeypatch.setenv(name, proxy)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    for name in ("ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def save_channel(db_path: Path, kind: str, fields: dict[str, str]) -> None:
    parsed = parse_phone("13900139000").phone
    assert parsed is not None
    contact = Contact(
        name="儿子", phone=parsed, relationship="son", channels=[ChannelConfig(kind, fields)]
    )
    db = open_database(db_path)
    try:
        ContactStore(db).add(contact)
    finally:
        db.close()


def channel_cases(webhook: Webhook, smtp: Mail) -> dict[str, tuple[dict[str, str], list[str]]]:
    """Each kind of channel: its fields, and the values that must never be in the log."""
    closed = free_port()
    return {
        "email": (
            {
                "host": "127.0.0.1",
                "port": str(smtp.port),
                "security": "none",
                "username": "grandma-login",
                "password": "wr0ng:pa@ss-77",
                "from": "granny.sender@example.com",
                "to": "son.receiver@example.com",
            },
            [
                "grandma-login",
                "wr0ng:pa@ss-77",
                "wr0ng%3Apa%40ss-77",
                "granny.sender",
                "son.receiver",
            ],
        ),
        "dingtalk": (
            {"token": "dtTOKEN0123456789abcdef", "secret": "SECsign0123456789"},
            ["dtTOKEN0123456789abcdef", "SECsign0123456789"],
        ),
        "wecom": ({"key": "wecom-key-5a6b7c8d"}, ["wecom-key-5a6b7c8d"]),
        "feishu": ({"token": "feishu-hook-9f8e7d6c"}, ["feishu-hook-9f8e7d6c"]),
        "telegram": (
            {"bot_token": "123456789:AAtelegramSECRET_xyz", "chat_id": "@grandma_family"},
            ["AAtelegramSECRET_xyz", "grandma_family"],
        ),
        "ntfy": (
            {"server": f"http://127.0.0.1:{webhook.port}", "topic": "grandma-alerts-7x9q"},
            ["grandma-alerts-7x9q"],
        ),
        "bark": (
            {"server": f"http://127.0.0.1:{webhook.port}", "device_key": "barkDEVICEkey4321"},
            ["barkDEVICEkey4321"],
        ),
        "json": (
            {
                "url": f"http://fam:hunter2-pw@127.0.0.1:{webhook.port}"
                "/hook/tok-abc-12345?key=sekrit-value-999"
            },
            ["hunter2-pw", "tok-abc-12345", "sekrit-value-999"],
        ),
        "custom": (
            {"url": f"json://127.0.0.1:{closed}/custom-path-secret-42?k=custom-query-secret"},
            ["custom-path-secret-42", "custom-query-secret"],
        ),
        "pushplus": (
            {"token": "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"},
            ["a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"],
        ),
        "serverchan": ({"sendkey": "SCT4242TsecretSENDKEY99"}, ["SCT4242TsecretSENDKEY99"]),
        "wxpusher": (
            {"app_token": "AT_wxSECRETapp7788", "uid": "UID_grandsonWX5566"},
            ["AT_wxSECRETapp7788", "wxSECRETapp7788", "UID_grandsonWX5566"],
        ),
        # Sent to the local SMTP server (see preset_on_this_computer), which refuses the code.
        "qqmail": (
            {"address": "granny.qq@qq.com", "code": "abcd wxyz qrst mnop"},
            ["granny.qq", "abcdwxyzqrstmnop", "abcd wxyz"],
        ),
        "163mail": (
            {"address": "son.mail@163.com", "code": "ZYXWVUTSRQPONMLK"},
            ["son.mail", "ZYXWVUTSRQPONMLK"],
        ),
    }


KINDS = [
    *("pushplus", "serverchan", "wxpusher", "qqmail", "163mail", "email"),
    *("dingtalk", "wecom", "feishu", "telegram", "ntfy", "bark", "json", "custom"),
]

# What the family reads about each failed delivery below.
PLAIN_REASONS: dict[str, Problem] = {
    **dict.fromkeys(("qqmail", "163mail", "email"), "email"),
    **dict.fromkeys(("ntfy", "bark", "json"), "server"),  # the local server answers 500
    **dict.fromkeys(
        ("pushplus", "serverchan", "wxpusher", "dingtalk", "wecom", "feishu", "telegram"),
        "unreachable",  # through a proxy on a closed local port
    ),
    "custom": "unreachable",  # a closed local port
}


def preset_on_this_computer(kind: str, smtp: Mail, monkeypatch: pytest.MonkeyPatch) -> None:
    """Send a QQ Mail or 163 Mail channel to the local SMTP server instead of the service's."""
    if kind in EMAIL_PRESETS:
        domains = EMAIL_PRESETS[kind].domains
        monkeypatch.setitem(
            EMAIL_PRESETS, kind, EmailPreset("127.0.0.1", smtp.port, "none", domains)
        )


def test_every_channel_kind_is_covered() -> None:
    assert sorted(KINDS) == sorted(CHANNEL_KINDS)
    assert sorted(PLAIN_REASONS) == sorted(CHANNEL_KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_a_failed_delivery_leaves_no_secret_in_the_log(
    kind: str,
    tmp_path: Path,
    log_file: Callable[[], str],
    webhook: Webhook,
    smtp_server: Mail,
    closed_proxy: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    webhook.status = 500
    preset_on_this_computer(kind, smtp_server, monkeypatch)
    fields, secrets = channel_cases(webhook, smtp_server)[kind]
    db_path = tmp_path / "data" / "guardian.db"
    save_channel(db_path, kind, fields)
    # As the outbox does: the alert is queued, its address made from the stored channel.
    db = open_database(db_path)
    try:
        store = OutboxStore(db)
        [message_id] = store.enqueue_for_contacts("【防骗守护】测试通知", "测试", event="test")
        message = store.get(message_id)
        assert message is not None
        destination = store.destination(message)
        assert destination is not None
    finally:
        db.close()
    result = deliver(
        destination.url, message.title, message.body, timeout=3, secrets=destination.secrets
    )
    assert not result.ok
    logging.getLogger("guardian.alerts").warning("delivery failed: %s", result.error)
    text = log_file()
    assert "apprise" in text  # apprise's own lines are in the file
    if kind in {"ntfy", "bark", "json"}:
        assert "500" in text  # the server was reached and answered with an error
    if kind in EMAIL_PRESETS:
        assert smtp_server.logins, "the local SMTP server was asked to let the address in"
    for secret in secrets:
        assert secret not in text, secret
    assert delivery_problem(result.error, kind) == PLAIN_REASONS[kind]


def test_the_log_hides_the_stored_channels_from_the_start_and_after_a_change(
    tmp_path: Path, log_file: Callable[[], str]
) -> None:
    db_path = tmp_path / "data" / "guardian.db"
    save_channel(db_path, "ntfy", {"topic": "grandma-alerts-7x9q"})
    forget_secrets()  # a new start of the app
    db = RecoveringOpener(tmp_path / "data" / "backups")(db_path)
    try:
        other = logging.getLogger("some.library")
        other.warning("Failed to send ntfy notification to topic 'grandma-alerts-7x9q'")
        store = ContactStore(db)
        [contact] = store.list()
        contact.channels = [ChannelConfig("wecom", {"key": "new-wecom-key-31337"})]
        store.update(contact)
        other.warning("WeCom key new-wecom-key-31337 refused")
    finally:
        db.close()
    text = log_file()
    assert "grandma-alerts-7x9q" not in text
    assert "new-wecom-key-31337" not in text
    assert "Failed to send ntfy notification to topic '***'" in text
