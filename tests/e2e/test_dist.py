"""The standalone build (``python packaging/build.py``) as a family member would run it.

Runs when ``build/dist/guardian`` exists, or when ``GUARDIAN_TEST_DIST=1``: then a missing
build fails, it never skips.
"""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_program

DIST = ROOT / "build" / "dist" / "guardian"
REQUIRED = os.environ.get("GUARDIAN_TEST_DIST", "") == "1"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(
        not REQUIRED and not DIST.exists(),
        reason="no standalone build in build/dist/guardian (python packaging/build.py makes "
        "one; GUARDIAN_TEST_DIST=1 requires it)",
    ),
]


def program(console: bool = False) -> Path:
    """The built program; on Windows the console one for subcommands that print."""
    if sys.platform == "win32":
        return DIST / ("guardian-cli.exe" if console else "guardian.exe")
    return DIST / "guardian"


@pytest.fixture(scope="module")
def built() -> Path:
    path = program()
    if not path.is_file():
        pytest.fail(f"{path} is missing: build it with python packaging/build.py")
    return path


def run(
    *args: str, console: bool = True, speech: bool = False
) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if speech:
        env.pop("GUARDIAN_SPEECH", None)
    return subprocess.run(
        [str(program(console)), *args],
        cwd=DIST.parent,  # not the source folder: nothing may come from it
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_it_starts_paints_and_quits(built: Path) -> None:
    done = run("--quit-after-start", console=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr


def test_it_writes_speech_to_a_wav_file(built: Path, tmp_path: Path) -> None:
    if sys.platform.startswith("linux"):
        require_program("espeak-ng")
    target = tmp_path / "x.wav"
    done = run("say", "--wav", str(target), "你好", speech=True)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    with wave.open(str(target), "rb") as sound:
        frames = sound.readframes(sound.getnframes())
        assert sound.getnframes() > sound.getframerate() // 10  # more than 0.1 s
    assert any(frames), "the WAV file is silent"


def test_it_checks_a_text_message(built: Path) -> None:
    done = run("check-text", "请把钱转到安全账户")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8")
    assert "极可能是诈骗" in out
    assert "安全账户" in out


def test_every_subcommand_is_found_in_the_frozen_build(built: Path) -> None:
    done = run("--help")
    assert done.returncode == 0
    listed = done.stdout.decode("utf-8")
    names = sorted(p.stem for p in (ROOT / "guardian" / "commands").glob("[!_]*.py"))
    for name in names:
        if name != "desktop":  # one module, two commands
            assert name.replace("_", "-") in listed, name
    assert "install-desktop" in listed and "uninstall-desktop" in listed


def test_it_runs_its_own_modules_with_dash_m_and_no_others(built: Path) -> None:
    done = run("-m", "guardian", "--version")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode("utf-8").startswith("guardian ")
    refused = run("-m", "os")
    assert refused.returncode == 2
    assert b"only Guardian's own modules" in refused.stderr


def test_the_alert_plugins_are_files_apprise_can_list(built: Path) -> None:
    # apprise lists its plugin folders before importing them: without the files on disk every
    # alert fails with FileNotFoundError (packaging/guardian.spec, COLLECTION_MODES).
    internal = built.parent / "_internal"
    for folder in ("plugins", "attachment", "config"):
        listed = list((internal / "apprise" / folder).glob("*.py"))
        assert len(listed) > 2, f"apprise/{folder} has no module files in the build"
    plugins = {p.stem for p in (internal / "apprise" / "plugins").glob("*.py")}
    assert {"custom_json", "dingtalk", "telegram", "ntfy", "bark"} <= plugins
