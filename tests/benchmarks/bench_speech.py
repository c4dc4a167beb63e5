"""Speech latency of the real EspeakSpeaker: how soon it is heard, and how soon it is silent.

There may be no sound card, so the player is a stand-in for ``aplay``: a small Python program
that takes WAV from standard input at the pace it would be heard (22050 samples a second,
16-bit mono), which keeps the reading processes alive as real playback does. When it first
receives bytes it appends the time (CLOCK_MONOTONIC, shared by every process) to a file.

For each run and language:

- ``start_ms``: ``say()`` until every process of the utterance is running (``process_ids()``);
- ``audio_ms``: ``say()`` until the player first receives sound (bytes past the WAV header);
- ``replace_audio_ms``: ``say()`` while another utterance is playing, until the new one's first
  bytes reach the player;
- ``stop_ms``: ``stop()`` until every process of the utterance has exited and been reaped;
  ``stop_killed_ms`` until each is dead (a zombie not yet reaped counts as dead).

As a cross-check, ``espeak_first_audio_ms`` is the time from starting ``espeak-ng --stdout``
alone until its first sound bytes on standard output.

Usage: python tests/benchmarks/bench_speech.py [--runs N]

Prints one JSON object on standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

AUDIO_TARGET_MS = 150.0
STOP_TARGET_MS = 200.0

TEXTS = {
    "zh": "请注意，" + "公安机关不会通过电话办案，也不会要求您把钱转到安全账户。" * 8,
    "en": "Please listen. " + "The police never ask you to move money to a safe account. " * 8,
}
SECOND_TEXTS = {
    "zh": "如果对方让您转账，请马上挂断电话，然后拨打九六幺幺零。" * 4,
    "en": "If the caller asks you to send money, hang up and call the anti-fraud line. " * 4,
}

# The stand-in player. With a mark file as its argument it appends the time its first sound
# samples arrive (the first bytes past the 44-byte WAV header).
_SINK = (
    "import os, sys, time\n"
    "chunk = os.read(0, 65536)\n"
    "while 0 < len(chunk) <= 44 and (more := os.read(0, 65536)):\n"
    "    chunk += more\n"
    "if len(sys.argv) > 1 and len(chunk) > 44:\n"
    "    with open(sys.argv[1], 'a', encoding='ascii') as mark:\n"
    "        mark.write(f'{time.monotonic_ns()}\\n')\n"
    "start = time.monotonic(); taken = 0\n"
    "while chunk:\n"
    "    taken += len(chunk)\n"
    "    time.sleep(max(0.0, start + taken / 44100 - time.monotonic()))\n"
    "    chunk = os.read(0, 4410)\n"
)


def sink_command(mark: Path | None = None) -> tuple[str, ...]:
    """The stand-in player's command; with ``mark``, it notes when its first sound arrives."""
    command: tuple[str, ...] = (sys.executable, "-I", "-S", "-c", _SINK)
    return (*command, str(mark)) if mark is not None else command


def process_state(pid: int) -> str:
    """'running', 'dead' (a zombie waiting to be reaped) or 'gone'."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
    return "dead" if state in ("Z", "X") else "running"


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> int:
    """Poll ``condition`` every half millisecond; return the monotonic time it first held."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the speaker did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.0005)
    return time.monotonic_ns()


def marks(path: Path) -> list[int]:
    """The times the player noted, oldest first."""
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return []
    return [int(line) for line in text.split()]


def espeak_first_audio_ms(program: str, text: str, voice_args: list[str]) -> float:
    """Start ``espeak-ng --stdout`` alone and return the ms until its first sound bytes."""
    started = time.monotonic_ns()
    process = subprocess.Popen(
        [program, *voice_args, "--stdout", "--stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(text.encode("utf-8"))
    process.stdin.close()
    first = b""
    while len(first) <= 44 and (more := os.read(process.stdout.fileno(), 65536)):
        first += more
    elapsed = (time.monotonic_ns() - started) / 1e6
    process.kill()
    process.wait()
    process.stdout.close()
    if len(first) <= 44:
        raise RuntimeError("espeak-ng wrote no sound")
    return elapsed


def median(values: list[float]) -> float:
    """The median, rounded for reading."""
    return round(statistics.median(values), 1)


def measure(runs: int) -> dict[str, Any]:
    """Run ``runs`` say/replace/stop cycles in each language and return the figures."""
    from PySide6.QtCore import QCoreApplication

    from guardian.core.speech_text import for_speech
    from guardian.speech.espeak import EspeakSpeaker, espeak_arguments, find_espeak

    program = find_espeak()
    if program is None:
        raise RuntimeError("espeak-ng is not installed")
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    result: dict[str, Any] = {"runs": runs, "player": "real-time stand-in (no sound card)"}
    targets: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="guardian-bench-speech-") as scratch:
        mark = Path(scratch) / "marks"
        speaker = EspeakSpeaker(program=program, player=sink_command(mark), probe=False)
        try:
            for lang in ("zh", "en"):
                samples: dict[str, list[float]] = {
                    "start_ms": [],
                    "audio_ms": [],
                    "replace_audio_ms": [],
                    "stop_killed_ms": [],
                    "stop_ms": [],
                    "espeak_first_audio_ms": [],
                }
                voice_args = espeak_arguments(
                    lang, rate=speaker.rate_for(lang), volume=speaker.volume
                )
                for _ in range(runs + 1):  # the first cycle warms the caches and is not kept
                    row = cycle(speaker, mark, lang)
                    row["espeak_first_audio_ms"] = espeak_first_audio_ms(
                        program, for_speech(TEXTS[lang], lang), voice_args
                    )
                    for name, value in row.items():
                        samples[name].append(value)
                figures: dict[str, Any] = {
                    name: median(values[1:]) for name, values in samples.items()
                }
                figures["samples"] = {
                    name: [round(v, 1) for v in values[1:]] for name, values in samples.items()
                }
                result[lang] = figures
                targets.append(
                    {
                        "name": f"speech say() to audio ({lang})",
                        "value": figures["audio_ms"],
                        "unit": "ms",
                        "target": f"< {AUDIO_TARGET_MS:g}",
                        "pass": figures["audio_ms"] < AUDIO_TARGET_MS,
                    }
                )
                targets.append(
                    {
                        "name": f"speech stop() to all processes gone ({lang})",
                        "value": figures["stop_ms"],
                        "unit": "ms",
                        "target": f"< {STOP_TARGET_MS:g}",
                        "pass": figures["stop_ms"] < STOP_TARGET_MS,
                    }
                )
        finally:
            speaker.shutdown()
            app.processEvents()
    result["targets"] = targets
    return result


def cycle(speaker: Any, mark: Path, lang: str) -> dict[str, float]:
    """Say a long text, replace it with another while it plays, then stop; return the times."""
    seen = len(marks(mark))
    said = time.monotonic_ns()
    speaker.say(TEXTS[lang], lang)
    running = wait_until(lambda: bool(speaker.process_ids()))
    wait_until(lambda: len(marks(mark)) > seen)
    heard = marks(mark)[seen]
    time.sleep(0.3)  # let it play for a moment
    seen = len(marks(mark))
    replaced = time.monotonic_ns()
    speaker.say(SECOND_TEXTS[lang], lang)
    wait_until(lambda: len(marks(mark)) > seen)
    heard_again = marks(mark)[seen]
    wait_until(lambda: len(speaker.process_ids()) == 2)
    time.sleep(0.2)
    pids = speaker.process_ids()
    stopped = time.monotonic_ns()
    speaker.stop()
    dead = wait_until(lambda: all(process_state(pid) != "running" for pid in pids))
    gone = wait_until(lambda: all(process_state(pid) == "gone" for pid in pids))
    return {
        "start_ms": (running - said) / 1e6,
        "audio_ms": (heard - said) / 1e6,
        "replace_audio_ms": (heard_again - replaced) / 1e6,
        "stop_killed_ms": (dead - stopped) / 1e6,
        "stop_ms": (gone - stopped) / 1e6,
    }


def main() -> int:
    """Measure and print the figures as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cycles per language (default 7)")
    options = parser.parse_args()
    print(json.dumps(measure(max(1, options.runs)), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
