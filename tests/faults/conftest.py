"""Shared helpers for the fault tests: a folder that really cannot be written, even as root."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def unwritable_folder(tmp_path: Path) -> Iterator[Path]:
    """A data folder where nothing can be created.

    For an ordinary user it is a folder with mode 0o500. The administrator (root) writes
    through any mode, so there it is a path whose parent is a regular file instead, which
    fails for everyone.
    """
    if os.name == "posix" and os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
    else:
        blocker = tmp_path / "a-file"
        blocker.write_text("a file where the data folder's parent should be")
        yield blocker / "Guardian"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Put the root logger back as it was after a test that calls setup_logging."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
