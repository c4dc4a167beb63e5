"""Real synthesis with espeak-ng: the WAV files hold sound of the right length."""

from __future__ import annotations

import array
import math
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from guardian.speech.factory import synthesize_to_wav
from tests.conftest import ROOT


def wav_stats(path: Path) -> tuple[float, float]:
    """Return (seconds, RMS on a 0..1 scale) of a 16-bit WAV file."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples))) / 32768
    return seconds, rms


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "请不要转账，有疑问请拨打110或96110。"),
        ("en", "Never move money to a safe account. Call 110 or 96110."),
    ],
)
def test_synthesis_writes_sound(espeak: str, tmp_path: Path, lang: str, text: str) -> None:
    path = synthesize_to_wav(text, lang, tmp_path / "speech.wav")  # type: ignore[arg-type]
    seconds, rms = wav_stats(path)
    assert seconds > 1.0
    assert rms > 0.02, f"the WAV is (nearly) silent: RMS {rms:.4f}"


def test_numbers_are_read_digit_by_digit_so_take_longer(espeak: str, tmp_path: Path) -> None:
    # "110" read 幺幺零 is three syllables; 一百一十 would be four. Compare with the 4-digit
    # amount read naturally: both must produce sound and differ.
    short, _ = wav_stats(synthesize_to_wav("110", "zh", tmp_path / "a.wav"))
    amount, _ = wav_stats(synthesize_to_wav("3168元", "zh", tmp_path / "b.wav"))
    assert 0.3 < short < amount


def test_slower_rate_makes_longer_speech(espeak: str, tmp_path: Path) -> None:
    text = "公安机关不会通过电话办案。"
    slow, _ = wav_stats(synthesize_to_wav(text, "zh", tmp_path / "slow.wav", rate=100))
    fast, _ = wav_stats(synthesize_to_wav(text, "zh", tmp_path / "fast.wav", rate=250))
    assert slow > fast * 1.5


def test_synthesis_of_nothing_is_an_error(espeak: str, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        synthesize_to_wav("🙂", "zh", tmp_path / "none.wav")


@pytest.mark.e2e
def test_cli_say_writes_a_wav(espeak: str, tmp_path: Path) -> None:
    target = tmp_path / "cli.wav"
    result = subprocess.run(
        [sys.executable, "-m", "guardian", "say", "--wav", str(target), "请拨打110"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    seconds, rms = wav_stats(target)
    assert seconds > 1.0
    assert rms > 0.02


@pytest.mark.e2e
def test_cli_say_reports_when_speech_cannot_be_heard(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guardian", "say", "--lang", "en", "hello"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GUARDIAN_SPEECH": "none"},
        check=False,
    )
    assert result.returncode == 1
    assert "cannot speak" in result.stderr
    assert "turned off" in result.stderr
