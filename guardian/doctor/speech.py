"""The voice check: read a short sentence aloud through the sound device."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import (
    SPEECH_BROKEN,
    SPEECH_NO_DEVICE,
    SPEECH_NO_ENGINE,
    SPEECH_OFF,
    SPEECH_UNTESTED,
    SPEECH_WORKS,
    Words,
)
from guardian.doctor.sqlite_read import open_read_only

_TIMEOUT_S = 15.0


def speech_engine_choice(folder: Path) -> str:
    """Return the speech engine Guardian would use: the saved choice, else the environment's."""
    from guardian.core.preferences import SETTINGS_KEY, Preferences
    from guardian.speech.factory import ENGINE_VARIABLE
    from guardian.storage.paths import database_path

    saved = Preferences.from_mapping(_saved_setting(database_path(folder), SETTINGS_KEY))
    if saved.speech_engine != "auto":
        return saved.speech_engine
    return (os.environ.get(ENGINE_VARIABLE) or "auto").strip().lower()


def _saved_setting(db_path: Path, key: str) -> object:
    if not db_path.is_file():
        return None
    try:
        connection = open_read_only(db_path)
        try:
            row = connection.execute(
                "SELECT value_json FROM settings WHERE key = ?", (key,)
            ).fetchone()
        finally:
            connection.close()
        return json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return None


def check_speech(words: Words, folder: Path) -> CheckResult:
    """Read a short sentence into a WAV file and play it, to tell "voice works" from "no sound".

    With espeak-ng and a player (``aplay`` on Linux) the sound really goes to the device, so a
    missing sound card is found. With the system voice (pyttsx3, Windows and macOS) only its
    presence is checked.
    """
    from guardian.speech.espeak import default_player, find_espeak, synthesize_with_espeak
    from guardian.speech.pyttsx3_speaker import pyttsx3_installed

    engine = speech_engine_choice(folder)
    if engine == "none":
        return CheckResult("speech", True, words(SPEECH_OFF))
    use_espeak = find_espeak() is not None and (
        engine == "espeak" or (engine != "pyttsx3" and sys.platform.startswith("linux"))
    )
    if not use_espeak:
        if pyttsx3_installed() and engine != "espeak":
            return CheckResult("speech", True, words(SPEECH_UNTESTED, engine="pyttsx3"))
        if find_espeak() is not None:
            use_espeak = True
        else:
            reason = "espeak-ng, pyttsx3"
            return CheckResult("speech", False, words(SPEECH_NO_ENGINE, reason=reason))
    with tempfile.TemporaryDirectory(prefix="guardian-doctor-") as temporary:
        wav = Path(temporary) / "voice.wav"
        sentence = words("app.title")
        try:
            synthesize_with_espeak(
                sentence, words.lang, wav, rate=160, volume=0.3, timeout=_TIMEOUT_S
            )
        except RuntimeError as error:
            return CheckResult("speech", False, words(SPEECH_BROKEN, reason=error))
        player = default_player()
        if player is None:
            return CheckResult("speech", True, words(SPEECH_UNTESTED, engine="espeak-ng"))
        command = [part for part in player if part != "-"] + [str(wav)]
        try:
            played = subprocess.run(command, capture_output=True, timeout=_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return CheckResult("speech", False, words(SPEECH_NO_DEVICE))
    if played.returncode != 0:
        return CheckResult("speech", False, words(SPEECH_NO_DEVICE))
    return CheckResult("speech", True, words(SPEECH_WORKS))
