"""The pyttsx3 speaker: the system voices (SAPI5 on Windows, NSSpeech on macOS).

pyttsx3 runs in a child process for each utterance (see ``pyttsx3_child``), so that stopping is
immediate and its known faults stay contained.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject

from guardian.core.i18n import Lang
from guardian.speech.process import Outcome, Pipeline, ProcessSpeaker, last_line


def pyttsx3_installed() -> bool:
    """Whether the pyttsx3 package can be imported (without importing it)."""
    return importlib.util.find_spec("pyttsx3") is not None


def _child_command(lang: Lang, rate: int, volume: float) -> list[str]:
    return [
        sys.executable, "-m", "guardian.speech.pyttsx3_child",
        "--lang", lang, "--rate", str(rate), "--volume", f"{volume:.2f}",
    ]  # fmt: skip


def _linux_player() -> list[str]:
    aplay = shutil.which("aplay") if sys.platform.startswith("linux") else None
    return [aplay, "-q"] if aplay else []


def synthesize_with_pyttsx3(
    text: str, lang: Lang, path: Path, *, rate: int, volume: float = 1.0, timeout: float = 60.0
) -> Path:
    """Write ``text`` read in ``lang`` to ``path`` with pyttsx3, in a child process; blocks.

    Returns:
        ``path``.

    Raises:
        RuntimeError: pyttsx3 is missing, failed, or wrote no sound.
    """
    from guardian.core.speech_text import for_speech  # not needed to open the window

    if not pyttsx3_installed():
        raise RuntimeError("pyttsx3 is not installed")
    try:
        result = subprocess.run(
            [*_child_command(lang, rate, volume), "--wav", str(path)],
            input=for_speech(text, lang).encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RuntimeError(f"pyttsx3 could not write {path}: {error}") from error
    if result.returncode != 0:
        detail = last_line(result.stderr.decode("utf-8", "replace"))
        raise RuntimeError(f"pyttsx3 could not write {path}: {detail}")
    return path


class Pyttsx3Speaker(ProcessSpeaker):
    """Reads aloud with pyttsx3; the default on Windows and macOS, selectable on Linux.

    Stopping kills the child process, so it is immediate even though pyttsx3's own ``stop()``
    is not. On Linux the sound is played with ``aplay`` so a missing sound device is reported.

    Args:
        parent: the owning QObject.
        rate: words per minute for every language; None for each language's default.
        volume: loudness from 0.0 to 1.0; None for the default.

    Signals:
        started: an utterance began (its child process is running).
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
    ) -> None:
        super().__init__(parent, rate=rate, volume=volume, probe=False)

    def pipeline_for(self, text: str, lang: Lang) -> Pipeline:
        """Return the pyttsx3 child process reading ``text``."""
        command = _child_command(lang, self.rate_for(lang), self.volume)
        player = _linux_player()
        if player:
            command += ["--player", *player]
        return Pipeline(commands=(tuple(command),), stdin=text.encode("utf-8"))

    def failure_reason(self, outcome: Outcome) -> str:
        """Explain a failed utterance in plain words, or return "" when it played."""
        if outcome.returncodes and outcome.returncodes[0] != 0:
            detail = last_line(" ".join(outcome.errors))
            if "audio open error" in detail or "no soundcards" in detail.lower():
                return f"no working sound device: the computer cannot play sound ({detail})"
            return f"the system voice failed: {detail or outcome.returncodes[0]}"
        return ""
