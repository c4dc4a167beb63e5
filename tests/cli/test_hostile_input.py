"""The command line given a megabyte of text, binary input or a huge number: a plain refusal,
never a stack trace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.hostile import DIGITS, LONG_TEXT, MEGABYTE, random_bytes

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "guardian", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_the_command_line_refuses_a_megabyte_of_text_plainly():
    done = run_cli("check-text", "--lang", "en", stdin=LONG_TEXT.encode("utf-8"))
    assert done.returncode == 2
    error = done.stderr.decode("utf-8")
    assert "Traceback" not in error
    assert "too long" in error or "UTF-8" in error


def test_the_command_line_refuses_binary_input_plainly():
    done = run_cli("check-text", "--lang", "en", stdin=random_bytes(MEGABYTE, 3))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr.decode("utf-8", "replace")


def test_the_command_line_number_check_refuses_a_huge_number_plainly():
    done = run_cli("check-number", "--lang", "en", DIGITS[:100_000], stdin=b"")
    assert done.returncode != 0 or b"digits" in done.stdout
    assert b"Traceback" not in done.stderr


def test_the_command_line_calls_text_of_four_byte_characters_too_long():
    # 20,001 characters of 4 bytes each: the read stops inside the 20,001st.
    done = run_cli("check-text", "--lang", "en", stdin=("\U0001f600" * 20_001).encode("utf-8"))
    assert done.returncode == 2
    assert "too long" in done.stderr.decode("utf-8")


def test_the_command_line_calls_long_chinese_text_too_long_wherever_it_is_cut():
    done = run_cli("check-text", "--lang", "en", stdin=("a" + "安" * 400_000).encode("utf-8"))
    assert done.returncode == 2
    assert "too long" in done.stderr.decode("utf-8")
