"""The pyttsx3 reader, run as a child process by ``Pyttsx3Speaker`` and ``synthesize_to_wav``.

Running pyttsx3 in its own process works around its faults: ``stop()`` does not interrupt
playback (we kill the process instead); ``say()`` after ``save_to_file()`` writes into the file
(each process does one thing); ``runAndWait()`` can return before the file exists and a process
that exits at once may write nothing (we wait until the file holds a whole WAV); with no sound
device its espeak driver fails silently (on Linux we synthesise to a file and play it with
``aplay``, whose exit status tells).

Usage: ``python -m guardian.speech.pyttsx3_child --lang zh [--rate N] [--volume V]
[--wav FILE] [--player CMD...]``, with the text on standard input (UTF-8, already prepared by
``for_speech``). Exits 0 when done, 1 with a reason on standard error otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

from guardian.core.i18n import Lang, parse_lang

_LANG_MARKERS: dict[Lang, tuple[str, ...]] = {
    "zh": ("zh", "cmn", "chinese", "mandarin", "huihui", "tingting", "yaoyao", "kangkang"),
    "en": ("en", "english", "zira", "david", "samantha", "alex"),
}


def _pick_voice(engine: Any, lang: Lang) -> None:
    """Choose a voice that speaks ``lang``, when the system has one."""
    try:
        voices = engine.getProperty("voices") or []
    except Exception:
        return
    for voice in voices:
        names = [str(getattr(voice, "id", "")), str(getattr(voice, "name", ""))]
        for language in getattr(voice, "languages", None) or []:
            names.append(
                language.decode("utf-8", "replace")
                if isinstance(language, bytes)
                else str(language)
            )
        haystack = " ".join(names).lower()
        if any(marker in haystack for marker in _LANG_MARKERS[lang]):
            engine.setProperty("voice", voice.id)
            return


def wait_for_wav(path: Path, timeout: float) -> bool:
    """Wait until ``path`` holds a complete WAV file with sound; return whether it does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, EOFError, wave.Error), wave.open(str(path), "rb") as wav:
            if wav.getnframes() > 0:
                return True
        time.sleep(0.05)
    return False


def _engine(lang: Lang, rate: int, volume: float) -> Any:
    import pyttsx3

    engine = pyttsx3.init()
    _pick_voice(engine, lang)
    engine.setProperty("rate", rate)
    engine.setProperty("volume", volume)
    return engine


def _save(text: str, lang: Lang, rate: int, volume: float, path: Path) -> bool:
    engine = _engine(lang, rate, volume)
    # The espeak driver prints "Audio saved to ..." on standard output: keep it off ours.
    with contextlib.redirect_stdout(sys.stderr):
        engine.save_to_file(text, str(path))
        engine.runAndWait()
    return wait_for_wav(path, timeout=30.0)


def main(argv: list[str] | None = None) -> int:
    """Read standard input aloud (or into ``--wav``); return the exit status."""
    parser = argparse.ArgumentParser(prog="guardian.speech.pyttsx3_child")
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--rate", type=int, default=140)
    parser.add_argument("--volume", type=float, default=1.0)
    parser.add_argument("--wav", type=Path)
    parser.add_argument("--player", nargs=argparse.REMAINDER, default=[])
    args = parser.parse_args(argv)
    lang = parse_lang(args.lang)
    text = sys.stdin.buffer.read().decode("utf-8", "replace")
    try:
        if args.wav is not None:
            if not _save(text, lang, args.rate, args.volume, args.wav):
                print(f"pyttsx3 wrote no sound to {args.wav}", file=sys.stderr)
                return 1
            return 0
        if args.player:
            # Linux: synthesise to a file, then play it with a program whose exit status tells
            # whether the sound device worked.
            handle, name = tempfile.mkstemp(suffix=".wav")
            os.close(handle)
            path = Path(name)
            try:
                if not _save(text, lang, args.rate, args.volume, path):
                    print("pyttsx3 produced no sound", file=sys.stderr)
                    return 1
                return subprocess.run([*args.player, str(path)], check=False).returncode
            finally:
                path.unlink(missing_ok=True)
        engine = _engine(lang, args.rate, args.volume)
        engine.say(text)
        engine.runAndWait()
    except Exception as error:
        print(f"pyttsx3 failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
