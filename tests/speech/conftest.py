"""Fixtures for speech tests: espeak-ng required, speakers always shut down, nothing leaked."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from guardian.speech.espeak import EspeakSpeaker
from tests.conftest import require_program

# A stand-in for a sound device: it takes WAV from standard input at the pace it would be heard
# (22050 samples a second, 16-bit mono), so the reading processes stay alive like real playback.
REAL_TIME_SINK = (
    sys.executable,
    "-c",
    "import sys, time\n"
    "start = time.monotonic(); taken = 0\n"
    "while chunk := sys.stdin.buffer.read(4410):\n"
    "    taken += len(chunk)\n"
    "    time.sleep(max(0.0, start + taken / 44100 - time.monotonic()))\n",
)

LONG_ZH = "请注意，" + "公安机关不会通过电话办案，也不会要求您把钱转到安全账户。" * 12
LONG_EN = "Please listen. " + "The police never ask you to move money to a safe account. " * 12


@pytest.fixture
def espeak() -> str:
    return require_program("espeak-ng")


def process_gone(pid: int) -> bool:
    """Whether ``pid`` no longer names a live process (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


@pytest.fixture
def make_speaker(espeak: str) -> Iterator[Callable[..., EspeakSpeaker]]:
    """Build EspeakSpeakers that are shut down after the test; fail if anything is left."""
    made: list[EspeakSpeaker] = []
    threads_before = {t.ident for t in threading.enumerate()}

    def make(**options: object) -> EspeakSpeaker:
        speaker = EspeakSpeaker(program=espeak, **options)  # type: ignore[arg-type]
        made.append(speaker)
        return speaker

    yield make
    pids = [pid for speaker in made for pid in speaker.process_ids()]
    for speaker in made:
        speaker.shutdown()
        assert speaker._worker.isFinished(), "the speech worker thread is still running"
    assert all(process_gone(pid) for pid in pids), "a speech process outlived its speaker"
    leaked = [t for t in threading.enumerate() if t.ident not in threads_before]
    assert not leaked, f"threads left running: {leaked}"
