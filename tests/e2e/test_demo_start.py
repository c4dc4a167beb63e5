"""`main.py --demo` starts in demo mode with a throwaway data folder: the real one stays empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardian.instance_lock import InstanceLock
from tests.e2e.process import offscreen_env, run_python

pytestmark = pytest.mark.e2e


def test_demo_start_leaves_the_real_data_folder_untouched(tmp_path: Path) -> None:
    real = tmp_path / "real-data"
    env = offscreen_env(GUARDIAN_DATA_DIR=str(real))
    result = run_python("main.py", "--demo", "--quit-after-start", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not real.exists() or not any(real.iterdir())


def test_demo_leaves_no_folder_behind_and_removes_those_crashed_demos_left(
    tmp_path: Path,
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    crashed = temporary / "guardian-demo-crashed"
    (crashed / "backups").mkdir(parents=True)
    (crashed / "guardian.db").write_bytes(b"a demo's database")
    running = temporary / "guardian-demo-running"
    running.mkdir()
    held = InstanceLock(running)  # a demo open at this moment holds its folder's lock
    assert held.acquire()
    try:
        env = offscreen_env(GUARDIAN_DATA_DIR=str(tmp_path / "real-data"), TMPDIR=str(temporary))
        result = run_python("main.py", "--demo", "--quit-after-start", env=env)
    finally:
        held.release()
    assert result.returncode == 0, result.stderr
    left = sorted(p.name for p in temporary.iterdir() if p.name.startswith("guardian-demo-"))
    assert left == ["guardian-demo-running"]
