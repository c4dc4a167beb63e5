"""The standalone build (``python packaging/build.py``) as a family member would run it.

Runs when ``build/dist/guardian`` exists, or when ``GUARDIAN_TEST_DIST=1``: then a missing
build fails, it never skips.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_program
from tests.pictures.conftest import draw_message

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


FRAUD_SMS = [
    "【公安局】您的银行卡涉嫌洗钱，",
    "请立即把卡里的钱转到安全账户，",
    "联系电话 010-58889999",
]


def printed_json(done: subprocess.CompletedProcess[bytes]) -> dict:
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8").strip()
    try:
        return json.loads(text)
    except ValueError:
        return json.loads(text.splitlines()[-1])


def squeezed(text: str) -> str:
    return "".join(text.split())


def verdict(result: dict) -> tuple:
    return result["level"], result["headline"], sorted(t["id"] for t in result["types"])


def test_it_reads_a_screenshot_of_a_fraud_sms_as_its_typed_words(
    built: Path, qapp, tmp_path: Path
) -> None:
    # The reader's models and settings come inside the build: without them nothing is read.
    picture = draw_message(tmp_path / "sms.png", FRAUD_SMS)
    from_picture = printed_json(run("check-image", "--json", str(picture)))
    assert "安全账户" in squeezed(from_picture["text"])
    assert "58889999" in squeezed(from_picture["text"])
    typed = printed_json(run("check-text", "--json", "".join(FRAUD_SMS)))
    assert typed["level"] == "high"
    assert verdict(from_picture) == verdict(typed)


def test_a_file_that_is_not_a_picture_gets_a_sentence_not_a_trace(
    built: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.png"
    note.write_text("not a picture", encoding="utf-8")
    done = run("check-image", str(note))
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


def test_the_window_starts_on_the_home_screen_with_its_words_drawn(
    built: Path, tmp_path: Path
) -> None:
    picture = tmp_path / "window.png"
    done = run("--check-window", str(picture), "--lang", "zh")
    shown = printed_json(done)
    assert b"Traceback" not in done.stderr
    catalog = json.loads((ROOT / "assets/i18n/zh_CN.json").read_text(encoding="utf-8"))
    assert shown["screen"] == "HomeScreen"
    assert catalog["home.check_call"] in shown["buttons"]
    assert catalog["home.check_message"] in shown["buttons"]
    # The picture of the window, read by the build's own reader: the Chinese is drawn.
    read = printed_json(run("check-image", "--json", str(picture)))
    assert squeezed(catalog["home.check_call"]) in squeezed(read["text"])


def test_the_reader_and_the_camera_parts_are_in_the_build(built: Path) -> None:
    internal = built.parent / "_internal"
    models = {p.name for p in (internal / "rapidocr" / "models").glob("*.onnx")}
    assert len(models) >= 3, models  # finding the lines, their direction, reading them
    assert (internal / "rapidocr" / "config.yaml").is_file()
    assert list((internal / "onnxruntime" / "capi").glob("*onnxruntime*"))
    # Only the ONNX Runtime engine: the other engines and the training tools stay out.
    assert not (internal / "torch").exists()
    assert not (internal / "onnxruntime" / "transformers").exists()
    if importlib.util.find_spec("PySide6.QtMultimedia") is not None:
        plugins = internal / "PySide6" / "Qt" / "plugins" / "multimedia"
        assert list(plugins.glob("*ffmpegmediaplugin*")), "no FFmpeg plug-in for the camera"
        assert list((internal / "PySide6").glob("QtMultimedia.*"))
