"""`main.py --demo` starts in demo mode with a throwaway data folder: the real one stays empty."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


def test_demo_start_leaves_the_real_data_folder_untouched(tmp_path: Path) -> None:
    real = tmp_path / "real-data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GUARDIAN_DATA_DIR=str(real))
    result = subprocess.run(
        [sys.executable, "main.py", "--demo", "--quit-after-start"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not real.exists() or not any(real.iterdir())
