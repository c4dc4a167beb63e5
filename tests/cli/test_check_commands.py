"""``python -m guardian check-text`` and ``check-number`` run as child processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def run(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONUTF8": "1"}
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "guardian", *args],
        cwd=ROOT,
        env=env,
        input=data,
        stdin=None if data is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        check=False,
    )


def out(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8")


def err(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stderr.decode("utf-8")


def as_json(done: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    assert done.returncode == 0, err(done)
    result: dict[str, Any] = json.loads(out(done))
    return result


FRAUD = "您好，这里是市公安局，您的账户涉嫌洗钱，请立即将资金转入安全账户。"


def test_check_text_json_with_spans() -> None:
    result = as_json(run("check-text", "--json", FRAUD))
    assert result["level"] == "high"
    assert {"level", "signals", "advice"} <= set(result)
    ids = [signal["id"] for signal in result["signals"]]
    assert ids[0] == "safe_account"
    first = result["signals"][0]
    assert set(first) == {"id", "severity", "title", "reason", "spans"}
    assert first["severity"] == "decisive"
    assert [FRAUD[s:e] for s, e in first["spans"]] == ["安全账户"]
    assert 2 <= len(result["advice"]) <= 4
    assert any("不要点短信里的链接" in item for item in result["advice"])
    assert not any("挂断" in item for item in result["advice"])


def test_check_text_from_standard_input_in_english() -> None:
    text = "This is Officer Wang. Transfer your savings to a safe account immediately."
    result = as_json(run("check-text", "--json", "--lang", "en", stdin=text))
    assert result["level"] == "high"
    assert result["headline"] == "Very likely fraud"
    signal = result["signals"][0]
    assert signal["id"] == "safe_account"
    assert [text[s:e] for s, e in signal["spans"]] == ["safe account"]


def test_check_text_language_before_the_command() -> None:
    result = as_json(run("--lang", "en", "check-text", "--json", "公检法不会通过电话要求转账"))
    assert result["level"] == "low"
    assert result["signals"] == []
    assert result["headline"] == "We did not see a common scam"


def test_check_text_plain_output_marks_the_phrases() -> None:
    done = run("check-text", FRAUD)
    assert done.returncode == 0, err(done)
    text = out(done)
    assert "极可能是诈骗" in text
    assert "⟪安全账户⟫" in text
    assert "不听、不信、不汇款、不转账" in text


def test_check_text_plain_output_for_an_official_warning() -> None:
    done = run("check-text", "【12381】您正在接听的可能是诈骗电话，请立即挂断。")
    assert done.returncode == 0, err(done)
    assert "没看出常见的骗局" in out(done)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("check-text",), "", "空"),
        (("check-text", "   "), None, "空"),
        (("check-text", "--lang", "en"), b"\xff\xfe\xfa", "UTF-8"),
        (("check-text", "--lang", "en"), "x" * 20_001, "too long"),
    ],
)
def test_check_text_bad_input_exits_2(
    args: tuple[str, ...], stdin: str | bytes | None, message: str
) -> None:
    done = run(*args, stdin=stdin)
    assert done.returncode == 2
    assert message in err(done)
    assert out(done) == ""


def test_check_number_json_overseas() -> None:
    result = as_json(run("check-number", "--json", "+44 20 7946 0000"))
    assert result["number"] == {"e164": "+442079460000", "region": "GB", "type": "fixed_line"}
    assert [s["id"] for s in result["signals"]] == ["overseas_number"]
    assert result["level"] == "medium"
    assert result["notes"]
    assert result["signals"][0]["spans"] == []


def test_check_number_96110_is_low_with_a_note_in_english() -> None:
    result = as_json(run("check-number", "--json", "--lang", "en", "96110"))
    assert result["level"] == "low"
    assert result["signals"] == []
    assert any("listen" in note for note in result["notes"])
    assert result["number"]["type"] == "service"


def test_check_number_plain_output() -> None:
    done = run("check-number", "110")
    assert done.returncode == 0, err(done)
    assert "来电显示110" in out(done)
    assert "很可能有诈" in out(done)


def test_check_number_bank_note() -> None:
    result = as_json(run("check-number", "--json", "95588"))
    assert result["signals"] == []
    assert any("工商银行" in note for note in result["notes"])


@pytest.mark.parametrize(("number", "lang", "message"), [
    ("abc", "zh", "不是电话号码"),
    ("12", "en", "is not a telephone number"),
])  # fmt: skip
def test_check_number_bad_input_exits_2(number: str, lang: str, message: str) -> None:
    done = run("check-number", "--lang", lang, number)
    assert done.returncode == 2
    assert message in err(done)
    assert out(done) == ""


def test_check_number_needs_a_number() -> None:
    done = run("check-number")
    assert done.returncode == 2


def test_check_text_json_names_the_kind_of_fraud() -> None:
    text = "在家做点赞任务，一单返佣金5元，先充值300元激活任务"
    result = as_json(run("check-text", "--json", text))
    assert result["level"] == "high"
    assert [kind["id"] for kind in result["types"]] == ["task_rebate"]
    assert result["types"][0]["name"] == "刷单返利"
    assert "公安部" in result["types"][0]["source"]


def test_check_text_json_lists_a_story_that_was_not_weighed() -> None:
    # "I changed my number" is one mark, not two: the story is shown but not weighed.
    result = as_json(run("check-text", "--json", "猜猜我是谁，我换新号码了，存一下"))
    ids = [signal["id"] for signal in result["signals"]]
    assert "fraud_story" in ids and len(ids) > 1
    assert [kind["id"] for kind in result["types"]] == ["guess_who"]


def test_check_text_batch_scores_a_whole_file_in_one_process() -> None:
    lines = [
        json.dumps({"text": FRAUD, "id": 1, "label": "fraud"}, ensure_ascii=False),
        "",
        "not json at all",
        json.dumps({"id": 3}),
        json.dumps({"text": "妈，周六回家吃饭。", "id": 4}, ensure_ascii=False),
    ]
    done = run("check-text", "--batch", "--lang", "en", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, err(done)
    rows = [json.loads(line) for line in out(done).splitlines()]
    assert len(rows) == 4
    assert rows[0]["id"] == 1 and rows[0]["label"] == "fraud" and rows[0]["level"] == "high"
    assert "text" not in rows[0]
    assert rows[1] == {"line": 3, "error": "This line is not a JSON object with a text."}
    assert rows[2]["line"] == 4 and "error" in rows[2]
    assert rows[3]["id"] == 4 and rows[3]["level"] == "low" and rows[3]["types"] == []
