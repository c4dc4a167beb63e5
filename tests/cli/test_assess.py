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
    signals = result["signals"]
    assert [s["id"] for s in signals] == [
        "safe_account",
        "official_claim",
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
    assert signals[2]["severity"] == "moderate"
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
        "headline": "No typical signs of fraud found",
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
    assert lines[0] == "Signs of possible fraud"
    assert "A relative in trouble needs money" in done.stdout
    assert "What to do:" in done.stdout
    chinese = run("--yes", "safe_account")
    assert chinese.returncode == 0, chinese.stderr
    assert chinese.stdout.splitlines()[:2] == ["极可能是诈骗", "不听、不信、不汇款、不转账"]


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
