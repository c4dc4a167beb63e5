"""Choosing the speech engine for this computer, and writing speech to a WAV file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject

from guardian.core.i18n import Lang
from guardian.speech.speaker import NullSpeaker, Speaker

# Each engine's module is imported only when that engine is tried: the window starts sooner.

#: The engine names ``create_speaker`` understands.
ENGINES = ("auto", "espeak", "pyttsx3", "none")
#: Environment variable that chooses the engine when no preference is given.
ENGINE_VARIABLE = "GUARDIAN_SPEECH"


def _order(preference: str) -> tuple[str, ...]:
    if preference in ("espeak", "pyttsx3", "none"):
        return (preference,)
    if sys.platform.startswith("linux"):
        return ("espeak", "pyttsx3")
    return ("pyttsx3", "espeak")


def create_speaker(
    preference: str | None = None,
    *,
    rate: int | None = None,
    volume: float | None = None,
    parent: QObject | None = None,
) -> Speaker:
    """Return the speaker for this computer; the app makes exactly one.

    Args:
        preference: "espeak", "pyttsx3", "none" or "auto" (the default: espeak-ng on Linux,
            pyttsx3 on Windows and macOS, whichever else is installed otherwise). When None,
            the ``GUARDIAN_SPEECH`` environment variable is used if set.
        rate: words per minute for every language; None for each language's default.
        volume: loudness from 0.0 to 1.0; None for the default.
        parent: the owning QObject.

    Returns:
        A working speaker, or a ``NullSpeaker`` whose ``unavailable_reason`` says why there is
        none. A speaker whose sound device turns out missing reports it itself.

    Raises:
        ValueError: ``preference`` names no engine.
    """
    chosen = (preference or os.environ.get(ENGINE_VARIABLE) or "auto").strip().lower()
    if chosen not in ENGINES:
        raise ValueError(f"unknown speech engine {chosen!r} (use one of {', '.join(ENGINES)})")
    if chosen == "none":
        return NullSpeaker("speech is turned off", parent)
    missing: list[str] = []
    for engine in _order(chosen):
        if engine == "espeak":
            from guardian.speech.espeak import EspeakSpeaker, find_espeak

            program = find_espeak()
            if program:
                return EspeakSpeaker(parent, rate=rate, volume=volume, program=program)
            missing.append("espeak-ng is not installed")
        elif engine == "pyttsx3":
            from guardian.speech.pyttsx3_speaker import Pyttsx3Speaker, pyttsx3_installed

            if pyttsx3_installed():
                return Pyttsx3Speaker(parent, rate=rate, volume=volume)
            missing.append("pyttsx3 is not installed")
    return NullSpeaker("; ".join(missing) or "no speech engine", parent)


def synthesize_to_wav(
    text: str,
    lang: Lang,
    path: str | os.PathLike[str],
    *,
    rate: int | None = None,
    volume: float | None = None,
) -> Path:
    """Write ``text`` read aloud in ``lang`` to the WAV file ``path``; blocks until written.

    Uses espeak-ng when installed, pyttsx3 otherwise. The text goes through ``for_speech``.

    Args:
        text: the text, as shown on screen.
        lang: its language.
        path: where to write the WAV file (overwritten).
        rate: words per minute; None for the language's default.
        volume: loudness from 0.0 to 1.0; None for the default.

    Returns:
        The path written.

    Raises:
        RuntimeError: no engine could write the file; the message says why.
    """
    from guardian.speech.espeak import find_espeak, synthesize_with_espeak
    from guardian.speech.pyttsx3_speaker import synthesize_with_pyttsx3

    target = Path(path)
    words_per_minute = rate if rate is not None else Speaker.DEFAULT_RATE[lang]
    loudness = Speaker.DEFAULT_VOLUME if volume is None else volume
    if find_espeak():
        return synthesize_with_espeak(text, lang, target, rate=words_per_minute, volume=loudness)
    return synthesize_with_pyttsx3(text, lang, target, rate=words_per_minute, volume=loudness)
