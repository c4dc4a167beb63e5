from __future__ import annotations

import subprocess
import sys
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from guardian.alerts.delivery import deliver, url_is_supported
from guardian.core.channels import (
    EMAIL_PRESETS,
    REDACTED,
    EmailPreset,
    build_apprise_url,
    secret_values,
)
from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.core.delivery_problems import plain_reason
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxStore

from .conftest import Mail, Webhook, free_port


def test_json_webhook_receives_title_and_body(webhook: Webhook) -> None:
    url = build_apprise_url("json", {"url": webhook.url})
    result = deliver(url, "【防骗守护】测试通知", "这是一条测试", timeout=5)
    assert result.ok and result.error == ""
    (post,) = webhook.received()
    assert post["title"] == "【防骗守护】测试通知"
    assert post["message"] == "这是一条测试"
    assert webhook.paths == ["/hook/tok-abc-12345?key=sekrit-value-999"]


def test_an_error_answer_is_a_redacted_failure(webhook: Webhook) -> None:
    webhook.status = 500
    url = build_apprise_url("json", {"url": webhook.url})
    result = deliver(url, "t", "b", timeout=5)
    assert not result.ok
    assert "500" in result.error
    assert "tok-abc-12345" not in result.error and "sekrit-value-999" not in result.error


def test_a_refused_connection_is_a_redacted_failure() -> None:
    # When it cannot connect, the Nextcloud plugin names the person the alert was for, so the
    # reason it gives holds something the error must hide (most plugins name only the server).
    server = f"127.0.0.1:{free_port()}"
    url = build_apprise_url(
        "custom", {"url": f"ncloud://grandma:pa55-word-777@{server}/liu-daughter-2291"}
    )
    result = deliver(url, "t", "b", timeout=2)
    assert not result.ok and "Nextcloud" in result.error
    assert "liu-daughter-2291" not in result.error and "pa55-word-777" not in result.error
    assert REDACTED in result.error  # the name was there, and was hidden


def test_unknown_url_is_a_failure_not_an_exception() -> None:
    result = deliver("nosuchservice://token-123456", "t", "b", timeout=1)
    assert not result.ok and "token-123456" not in result.error
    assert not url_is_supported("nosuchservice://token-123456")
    assert url_is_supported("json://127.0.0.1/")


def _subject(raw: bytes) -> str:
    return str(make_header(decode_header(message_from_bytes(raw)["Subject"])))


def test_plain_smtp_without_login(smtp_server: Mail) -> None:
    fields = {
        "host": "127.0.0.1",
        "port": str(smtp_server.port),
        "security": "none",
        "from": "guardian@example.com",
        "to": "daughter@example.com",
    }
    result = deliver(build_apprise_url("email", fields), "【防骗守护】测试", "正文", timeout=5)
    assert result.ok, result.error
    (envelope,) = smtp_server.received()
    assert envelope.mail_from == "guardian@example.com"
    assert envelope.rcpt_tos == ["daughter@example.com"]
    assert _subject(envelope.original_content or b"") == "【防骗守护】测试"


def test_smtp_login_and_a_wrong_password_is_redacted(smtp_server: Mail) -> None:
    fields = {
        "host": "127.0.0.1",
        "port": smtp_server.port,
        "security": "none",
        "username": "grandma",
        "password": "pa:ss@word",
        "from": "guardian@example.com",
        "to": "son@example.com",
    }
    assert deliver(build_apprise_url("email", fields), "t", "b", timeout=5).ok
    assert smtp_server.logins == [("grandma", "pa:ss@word")]
    assert len(smtp_server.received()) == 1
    fields["password"] = "wrong-secret-pw"
    url = build_apprise_url("email", fields)
    result = deliver(url, "t", "b", timeout=1, secrets=tuple(secret_values("email", fields)))
    assert not result.ok
    assert "wrong-secret-pw" not in result.error
    assert len(smtp_server.received()) == 1


@pytest.mark.parametrize(
    ("kind", "address", "code"),
    [
        ("qqmail", "grandma@qq.com", "abcdefghijklmnop"),
        ("163mail", "son@163.com", "QRSTUVWXYZABCDEF"),
    ],
)
def test_a_mail_preset_needs_only_the_address_and_the_authorisation_code(
    kind: str,
    address: str,
    code: str,
    smtp_server: Mail,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The real service's server is replaced by the local one (which has no TLS), for this test.
    domains = EMAIL_PRESETS[kind].domains
    monkeypatch.setitem(
        EMAIL_PRESETS, kind, EmailPreset("127.0.0.1", smtp_server.port, "none", domains)
    )
    smtp_server.accept(address, code)
    pasted = " ".join(code[i : i + 4] for i in range(0, len(code), 4))  # as it is often copied
    parsed = parse_phone("13900139000").phone
    assert parsed is not None
    contact = Contact(
        "儿子", parsed, "son", channels=[ChannelConfig(kind, {"address": address, "code": pasted})]
    )
    db = open_database(tmp_path / "guardian.db")
    try:
        ContactStore(db).add(contact)
        store = OutboxStore(db)
        [message_id] = store.enqueue_for_contacts("【防骗守护】测试通知", "正文", event="test")
        message = store.get(message_id)
        assert message is not None
        destination = store.destination(message)  # the address the outbox sends to
        assert destination is not None
    finally:
        db.close()

    result = deliver(
        destination.url, "【防骗守护】测试通知", "正文", timeout=5, secrets=destination.secrets
    )
    assert result.ok, result.error
    assert smtp_server.logins == [(address, code)]
    (envelope,) = smtp_server.received()
    assert envelope.mail_from == address
    assert envelope.rcpt_tos == [address]  # from the address to itself
    assert _subject(envelope.original_content or b"") == "【防骗守护】测试通知"

    # A wrong code: nothing arrives, and the family reads why in plain words.
    smtp_server.accepted.discard((address, code))
    result = deliver(destination.url, "t", "b", timeout=2, secrets=destination.secrets)
    assert not result.ok
    assert code not in result.error and address not in result.error
    assert plain_reason(result.error, kind).zh == "邮箱连不上，请检查授权码"
    assert len(smtp_server.received()) == 1


def test_the_delivery_code_loads_ahead_a_plugin_at_a_time() -> None:
    # In a fresh interpreter: apprise is loaded by then in this one.
    code = (
        "import sys, time\n"
        "from guardian.alerts.delivery import load_delivery_code\n"
        "assert 'apprise' not in sys.modules\n"
        "pauses = []\n"
        "time.sleep = pauses.append\n"
        "load_delivery_code(pause_s=0.001)\n"
        "plugins = [n for n in sys.modules if n.startswith('apprise.plugins.')]\n"
        "assert 'apprise.plugins.custom_json' in sys.modules, plugins\n"
        "assert len(pauses) >= 100 and set(pauses) == {0.001}, len(pauses)\n"
    )
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
