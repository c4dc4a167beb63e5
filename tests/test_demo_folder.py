"""A demo session's throwaway data folder: removed at the end, and after a crash by the next."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guardian.demo_folder import PREFIX, DemoFolder, remove_left_over


def test_a_demo_folder_is_private_in_use_and_removed_at_the_end(tmp_path: Path) -> None:
    demo = DemoFolder.create(tmp_path)
    assert demo.path.parent == tmp_path and demo.path.name.startswith(PREFIX)
    if os.name == "posix":
        assert demo.path.stat().st_mode & 0o077 == 0
    (demo.path / "guardian.db").write_bytes(b"data")
    assert remove_left_over(tmp_path) == 0  # the session is running
    demo.remove()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need no privilege on POSIX")
def test_links_and_files_named_like_a_demo_folder_are_left_alone(tmp_path: Path) -> None:
    kept = tmp_path / "someone-elses"
    kept.mkdir()
    (kept / "important.txt").write_text("keep", encoding="utf-8")
    (tmp_path / f"{PREFIX}link").symlink_to(kept)
    (tmp_path / f"{PREFIX}file").write_text("keep", encoding="utf-8")
    (tmp_path / f"{PREFIX}left").mkdir()
    assert remove_left_over(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{PREFIX}file",
        f"{PREFIX}link",
        "someone-elses",
    ]
    assert (kept / "important.txt").read_text(encoding="utf-8") == "keep"
