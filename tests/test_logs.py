"""The log file: private, size-capped, and free of alert addresses, tokens and phone numbers."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from guardian.logs import (
    LOG_BACKUP_COUNT,
    MAX_LOG_BYTES,
    log_file_path,
    redact_log_text,
    setup_logging,
)

pytestmark = pytest.mark.usefixtures("restore_logging")

ALERT_URL = "json://family:pa55word-XYZ@hooks.example.com/notify/abcdefTOKEN123?token=qq77secret88"
PHONE = "13800138000"


def flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_record_with_an_alert_url_and_a_phone_number_is_written_redacted(tmp_path):
    path = setup_logging(tmp_path)
    assert path == log_file_path(tmp_path) == tmp_path / "logs" / "guardian.log"
    log = logging.getLogger("guardian.test")
    log.error("sending to %s failed; the caller was %s", ALERT_URL, PHONE)
    try:
        raise ConnectionError(f"refused by {ALERT_URL} while calling +86 139 1234 5678")
    except ConnectionError:
        log.exception("delivery failed for token=SECRETsecret42")
    flush()
    text = path.read_text(encoding="utf-8")
    for secret in ("pa55word-XYZ", "abcdefTOKEN123", "qq77secret88", "family:", PHONE,
                   "SECRETsecret42", "1234 5678", "139 1234"):  # fmt: skip
        assert secret not in text, secret
    assert "json://***@hooks.example.com/***?***" in text
    assert "*******8000" in text  # the last four digits stay, to tell numbers apart
    assert "+** *** **** 5678" in text
    assert "Traceback" in text and "ConnectionError" in text  # the exception is still there


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_log_folder_and_files_are_private(tmp_path):
    os.umask(0o022)
    path = setup_logging(tmp_path)
    assert path is not None
    logging.getLogger("guardian.test").warning("hello")
    flush()
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


def test_the_file_rotates_at_the_size_cap_and_keeps_three_old_files(tmp_path):
    path = setup_logging(tmp_path)
    assert path is not None
    log = logging.getLogger("guardian.test")
    line = "x" * 200
    for number in range(int(MAX_LOG_BYTES * (LOG_BACKUP_COUNT + 1.5)) // 250):
        log.info("line %d %s", number, line)
    flush()
    files = sorted(path.parent.iterdir())
    assert [p.name for p in files] == ["guardian.log"] + [
        f"guardian.log.{n}" for n in range(1, LOG_BACKUP_COUNT + 1)
    ]
    for file in files:
        assert file.stat().st_size <= MAX_LOG_BYTES
        if os.name == "posix":
            assert mode(file) == 0o600
    assert path.parent.joinpath("guardian.log.1").stat().st_size > MAX_LOG_BYTES * 0.9


def test_only_warnings_reach_stderr_unless_verbose(tmp_path, capsys):
    setup_logging(tmp_path)
    log = logging.getLogger("guardian.test")
    log.info("an ordinary line")
    log.warning("a warning about %s", PHONE)
    err = capsys.readouterr().err
    assert "an ordinary line" not in err
    assert "a warning about *******8000" in err
    setup_logging(tmp_path, verbose=True)
    log.info("now shown")
    assert "now shown" in capsys.readouterr().err


def test_calling_it_twice_does_not_double_the_lines(tmp_path):
    setup_logging(tmp_path)
    path = setup_logging(tmp_path)
    assert path is not None
    logging.getLogger("guardian.test").warning("once")
    flush()
    assert path.read_text(encoding="utf-8").count("once") == 1


def test_a_folder_that_cannot_be_written_logs_to_stderr_only(unwritable_folder, capsys):
    assert setup_logging(unwritable_folder) is None
    logging.getLogger("guardian.test").error("still reported")
    assert "still reported" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call 110 or 96110", "call 110 or 96110"),
        ("backup guardian-20240101.db", "backup guardian-****0101.db"),
        ("dingtalk://abcdef0123456789/", "dingtalk://***"),
        ("mailtos://user:pw@smtp.qq.com:465?to=a@b.cn", "mailtos://***@smtp.qq.com:465?***"),
        ("password: hunter22", "password: ***"),
        ("1.5 秒", "1.5 秒"),
    ],
)
def test_redaction_keeps_what_is_harmless(text, expected):
    assert redact_log_text(text) == expected


def test_redaction_never_raises_on_odd_text():
    odd = "\x00\udcff" + "9" * 100_000 + "://" * 1000
    assert isinstance(redact_log_text(odd), str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("caller 138-1234-5678", "caller ***-****-5678"),
        ("caller 138.1234.5678", "caller ***.****.5678"),
        ("office 0755-8888-1234", "office ****-****-1234"),
        ("from +86-138-1234-5678.", "from +**-***-****-5678."),
        ("call 110, 96110 or 400-12", "call 110, 96110 or 400-12"),
    ],
)
def test_phone_numbers_written_with_dashes_or_dots_are_masked(text, expected, tmp_path):
    assert redact_log_text(text) == expected
    path = setup_logging(tmp_path)
    assert path is not None
    logging.getLogger("some.library").warning("the number was %s", text)
    flush()
    assert expected in path.read_text(encoding="utf-8")
