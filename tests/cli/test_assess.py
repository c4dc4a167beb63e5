"""``python -m guardian assess`` run as a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run(
        [sys.executable, "-m", "guardian", "assess", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_json_output() -> None:
    done = run(
        "--caller", "police",
        "--yes", "safe_account",
        "--no", "asks_code_or_password,isolation",
        "--unsure", "freeze_or_arrest_threat",
        "--number", "+85212345678",
        "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["level"] == "high"
    assert result["headline"] == "极可能是诈骗"
    assert result["number"] == "+85212345678"
    assert any("境外" in note for note in result["number_notes"])
    signals = result["signals"]
    assert [s["id"] for s in signals] == [
        "safe_account",
        "official_claim",
        "overseas_number",
        "freeze_or_arrest_threat",
    ]
    assert signals[0] == {
        "id": "safe_account",
        "severity": "decisive",
        "title": signals[0]["title"],
        "reason": signals[0]["reason"],
        "source": "answer",
    }
    assert "安全账户" in signals[0]["title"]
    assert signals[1]["source"] == "caller"
    assert signals[2]["source"] == "number"
    assert signals[3]["severity"] == "moderate"
    assert 2 <= len(result["advice"]) <= 4
    assert "\\u" not in done.stdout


def test_json_in_english_with_the_language_before_the_command() -> None:
    env = {**os.environ, "PYTHONUTF8": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "guardian", "--lang", "en", "assess", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == {
        "level": "low",
        "headline": "We did not see a common scam",
        "signals": [],
        "advice": result["advice"],
        "rules": result["rules"],
    }
    assert "number" not in result
    assert any("stranger" in item for item in result["advice"])


def test_plain_output() -> None:
    done = run("--caller", "relative", "--yes", "relative_in_trouble", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Could well be fraud"
    assert "A relative in trouble needs money" in done.stdout
    assert "What to do:" in done.stdout
    chinese = run("--yes", "safe_account")
    assert chinese.returncode == 0, chinese.stderr
    assert chinese.stdout.splitlines()[:2] == ["极可能是诈骗", "不听、不信、不汇款、不转账"]


def test_the_anti_fraud_line_asking_for_nothing_is_calm() -> None:
    done = run("--caller", "police", "--number", "96110", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["level"] == "low"
    assert result["headline"] == "是反诈专线在提醒您"
    assert result["signals"] == []
    assert any("他们劝您别转钱，就听他们的" in item for item in result["advice"])
    assert result["number"] == "96110"


def test_the_anti_fraud_line_asking_for_a_safe_account_is_high() -> None:
    done = run("--caller", "police", "--number", "96110", "--yes", "safe_account", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["level"] == "high"
    fake = next(s for s in result["signals"] if s["id"] == "fake_warning_line")
    assert fake["source"] == "number" and fake["severity"] == "decisive"
    assert "真的96110" in fake["reason"] and "绝不会让您转钱、说验证码或装软件" in fake["reason"]
    assert "official_claim" not in [s["id"] for s in result["signals"]]


def test_110_shown_as_the_caller_counts() -> None:
    done = run("--number", "110", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Could well be fraud"
    assert "Caller number: 110" in done.stdout
    assert "110 or an official number" in done.stdout


def test_a_number_that_is_no_number_exits_2() -> None:
    done = run("--number", "abc", "--lang", "en", "--json")
    assert done.returncode == 2
    assert "abc" in done.stderr and "not a telephone number" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--yes", "safe_account,no_such_signal"), "no_such_signal"),
        (("--unsure", "martian_call"), "martian_call"),
        (("--caller", "alien"), "alien"),
    ],
)
def test_unknown_id_exits_2_naming_it(args: tuple[str, ...], named: str) -> None:
    for lang, words in (("en", "unknown"), ("zh", "没有")):
        done = run(*args, "--lang", lang, "--json")
        assert done.returncode == 2
        assert named in done.stderr and words in done.stderr
        assert done.stdout == ""


def test_a_signal_answered_twice_exits_2() -> None:
    done = run("--yes", "urgency", "--no", "urgency", "--lang", "en")
    assert done.returncode == 2
    assert "urgency" in done.stderr
