"""The espeak-ng speaker: the ``espeak-ng`` program run as a child process for each utterance.

On Linux the speech is written as WAV to a pipe and played by ``aplay``, because ``espeak-ng``
playing by itself exits 0 even when there is no sound device (it only prints ALSA errors),
while ``aplay`` exits 1 with "audio open error". Both programs run in their own process groups,
so ``stop()`` kills them at once. Where ``aplay`` is missing, ``espeak-ng`` plays by itself and
its error output is read to tell a failure.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject

from guardian.core.i18n import Lang
from guardian.speech.process import Command, Outcome, Pipeline, ProcessSpeaker, last_line

#: espeak-ng voice for each language. ``cmn-latn-pinyin`` is real Mandarin; the plain ``cmn``
#: voice reads many characters with English rules.
VOICES: dict[Lang, str] = {"zh": "cmn-latn-pinyin", "en": "en-us"}

#: Words a failing sound device prints, as opposed to harmless notices.
_DEVICE_ERRORS = ("audio open error", "cannot find card", "no soundcards", "unknown pcm",
                  "error:", "connection refused", "no such device")  # fmt: skip


def find_espeak() -> str | None:
    """Return the path of the ``espeak-ng`` program (or the older ``espeak``), or None."""
    return shutil.which("espeak-ng") or shutil.which("espeak")


def default_player() -> Command | None:
    """Return the command that plays WAV from standard input here, or None to let espeak-ng play.

    ``aplay`` reports a missing sound device by its exit status, so it is preferred on Linux.
    """
    if sys.platform.startswith("linux"):
        aplay = shutil.which("aplay")
        if aplay:
            return (aplay, "-q", "-")
    return None


def espeak_arguments(lang: Lang, *, rate: int, volume: float) -> list[str]:
    """Return the espeak-ng options for ``lang``, a speed in words per minute and a loudness.

    Args:
        lang: the language, which picks the voice.
        rate: words per minute.
        volume: loudness from 0.0 to 1.0, mapped onto espeak-ng's amplitude 0 to 200.
    """
    return ["-v", VOICES[lang], "-s", str(rate), "-a", str(round(volume * 200)), "-b", "1"]


def synthesize_with_espeak(
    text: str,
    lang: Lang,
    path: Path,
    *,
    rate: int,
    volume: float = 1.0,
    program: str | None = None,
    timeout: float = 60.0,
) -> Path:
    """Write ``text`` read in ``lang`` to the WAV file ``path`` with espeak-ng; blocks.

    Args:
        text: the text to read; it goes through ``for_speech`` first.
        lang: the language of the text.
        path: where to write the WAV file.
        rate: words per minute.
        volume: loudness from 0.0 to 1.0.
        program: the espeak-ng program; found on the PATH when None.
        timeout: seconds to wait for espeak-ng.

    Returns:
        ``path``.

    Raises:
        RuntimeError: espeak-ng is missing, failed, or wrote no sound.
    """
    from guardian.core.speech_text import for_speech  # not needed to open the window

    program = program or find_espeak()
    if program is None:
        raise RuntimeError("espeak-ng is not installed")
    command = [program, *espeak_arguments(lang, rate=rate, volume=volume), "-w", str(path)]
    try:
        result = subprocess.run(
            [*command, "--stdin"],
            input=for_speech(text, lang).encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RuntimeError(f"espeak-ng could not write {path}: {error}") from error
    if result.returncode != 0 or not path.exists() or path.stat().st_size <= 44:
        detail = last_line(result.stderr.decode("utf-8", "replace"))
        raise RuntimeError(f"espeak-ng could not write {path}: {detail or result.returncode}")
    return path


def _silent_wav(seconds: float = 0.05, rate: int = 22050) -> bytes:
    frames = int(seconds * rate)
    data = b"\x00\x00" * frames
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    return header + b"data" + struct.pack("<I", len(data)) + data


class EspeakSpeaker(ProcessSpeaker):
    """Reads aloud with the ``espeak-ng`` program; the default on Linux.

    Each utterance runs ``espeak-ng`` (and the player, when there is one) as child processes in
    their own process groups; a new ``say()`` or ``stop()`` kills them at once. When the sound
    device cannot be opened, ``available`` turns False with a plain reason and ``failed`` is
    sent. A silent check of the sound device runs once when the speaker is made.

    Args:
        parent: the owning QObject.
        rate: words per minute for every language; None for each language's default.
        volume: loudness from 0.0 to 1.0; None for the default.
        program: the espeak-ng program; found on the PATH when None.
        player: the command that plays WAV from standard input; ``default_player()`` when
            None; an empty tuple lets espeak-ng play by itself.
        probe: check the sound device once at the start.

    Signals:
        started: an utterance began playing (its processes are running).
        finished: the utterance ended (played, stopped, replaced or failed); one per started.
        failed(str): an utterance could not be played; the argument says why.
        availability_changed(bool): whether speech can be heard changed.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        rate: int | None = None,
        volume: float | None = None,
        program: str | None = None,
        player: Sequence[str] | None = None,
        probe: bool = True,
    ) -> None:
        self._program = program or find_espeak() or "espeak-ng"
        self._player: Command | None = (
            default_player() if player is None else (tuple(player) or None)
        )
        super().__init__(parent, rate=rate, volume=volume, probe=probe)

    @property
    def player(self) -> Command | None:
        """The command that plays the sound, or None when espeak-ng plays by itself."""
        return self._player

    def pipeline_for(self, text: str, lang: Lang) -> Pipeline:
        """Return espeak-ng (and the player) reading ``text``, given on standard input."""
        espeak = [
            self._program,
            *espeak_arguments(lang, rate=self.rate_for(lang), volume=self.volume),
        ]
        if self._player is None:
            return Pipeline(commands=((*espeak, "--stdin"),), stdin=text.encode("utf-8"))
        return Pipeline(
            commands=((*espeak, "--stdout", "--stdin"), self._player),
            stdin=text.encode("utf-8"),
        )

    def probe_pipeline(self) -> Pipeline | None:
        """Play a twentieth of a second of silence through the player to check the device."""
        if self._player is None:
            return None
        return Pipeline(commands=(self._player,), stdin=_silent_wav())

    def failure_reason(self, outcome: Outcome) -> str:
        """Tell a missing sound device or a broken espeak-ng from a played utterance."""
        codes, errors = outcome.returncodes, outcome.errors
        if self._player is not None and len(codes) == len(errors):
            player_code, player_error = codes[-1], errors[-1]
            if player_code != 0:
                return _no_device(player_error)
            if len(codes) > 1 and codes[0] != 0:
                detail = last_line(errors[0])
                return f"espeak-ng failed: {detail or f'exit status {codes[0]}'}"
            return ""
        error = errors[0] if errors else ""
        if codes and codes[0] != 0:
            return (
                _no_device(error)
                if _mentions_device(error)
                else (f"espeak-ng failed: {last_line(error) or f'exit status {codes[0]}'}")
            )
        # espeak-ng exits 0 even when it could not open the sound device; its errors tell.
        return _no_device(error) if _mentions_device(error) else ""


def _mentions_device(error: str) -> bool:
    lowered = error.lower()
    return any(marker in lowered for marker in _DEVICE_ERRORS)


def _no_device(error: str) -> str:
    detail = last_line(error)
    reason = "no working sound device: the computer cannot play sound"
    return f"{reason} ({detail})" if detail else reason
