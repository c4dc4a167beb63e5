"""Running the real program as a process, from the project's folder."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def run_python(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run this Python with ``args`` in the project's folder; return what it printed."""
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def offscreen_env(**extra: str) -> dict[str, str]:
    """This process's environment with Qt drawing offscreen, plus ``extra``."""
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
