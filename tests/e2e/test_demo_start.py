"""`main.py --demo` starts in demo mode with a throwaway data folder: the real one stays empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.process import offscreen_env, run_python

pytestmark = pytest.mark.e2e


def test_demo_start_leaves_the_real_data_folder_untouched(tmp_path: Path) -> None:
    real = tmp_path / "real-data"
    env = offscreen_env(GUARDIAN_DATA_DIR=str(real))
    result = run_python("main.py", "--demo", "--quit-after-start", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not real.exists() or not any(real.iterdir())
