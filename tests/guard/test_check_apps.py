"""``python -m guardian check-apps`` run as a child process while a listed program runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import StartAs

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guardian", "check-apps", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONUTF8": "1", **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_json_lists_a_running_program(start_as: StartAs, unique: str) -> None:
    child = start_as(f"todesk-{unique}")
    done = run("--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["found"]
    todesk = next(item for item in found if item["id"] == "todesk")
    assert child.pid in todesk["pids"]
    assert todesk["name"] == "ToDesk"
    assert todesk["kind"] == "remote_control"
    assert "ToDesk" in todesk["close_steps"]


def test_text_output_in_chinese(start_as: StartAs, unique: str) -> None:
    child = start_as(f"sunloginclient{unique}")
    done = run()
    assert done.returncode == 0, done.stderr
    assert "向日葵远程控制" in done.stdout
    assert str(child.pid) in done.stdout
    assert "选“退出”" in done.stdout


def test_a_broken_list_exits_with_1(tmp_path: Path) -> None:
    # A copy of the assets folder with a broken list (and the real catalogs the command's
    # sentences come from), found through the frozen-build root.
    assets = tmp_path / "assets"
    (assets / "content").mkdir(parents=True)
    shutil.copytree(ROOT / "assets" / "i18n", assets / "i18n")
    (assets / "content" / "remote_apps.toml").write_text(
        '[[app]]\nid = "zoom"\ncolour = "blue"\n', encoding="utf-8"
    )
    code = (
        "import sys; sys._MEIPASS = sys.argv[1]; "
        "from guardian.cli import main; raise SystemExit(main(['check-apps', '--lang', 'en']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "remote_apps.toml, app 'zoom': unknown key 'colour'" in done.stderr
    assert done.stdout == ""
