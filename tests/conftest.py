"""Test configuration shared by every test: offscreen Qt, honest handling of system tools, and
the fault fixtures (a folder that cannot be written, the root logger put back)."""

from __future__ import annotations

import gc
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt draws offscreen in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


def require_program(name: str) -> str:
    """Return the path of the system program ``name``.

    Under CI (``CI=true``) a missing program fails the test: the Makefile installs it, so its
    absence is a defect. Elsewhere the test is skipped with the reason.
    """
    path = shutil.which(name)
    if path:
        return path
    message = f"system program {name!r} is not installed (make test installs it)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every test at its own empty data folder, so nothing touches a real one."""
    folder = tmp_path_factory.mktemp("guardian-data")
    monkeypatch.setenv("GUARDIAN_DATA_DIR", str(folder))
    # Screens under test stay silent unless a test asks for a real engine.
    monkeypatch.setenv("GUARDIAN_SPEECH", "none")
    return folder


@pytest.fixture(autouse=True)
def _collect_garbage_on_this_thread() -> Iterator[None]:
    """Collect a test's reference cycles on the main thread when it ends.

    Left to the collector, a cycle holding a widget (and its timers) may be collected later on
    whatever thread happens to allocate then, a worker's, where Qt cannot stop the timers and
    the process can crash. Whatever is alive when a test starts is frozen first, so the
    collection only walks what the test itself made: a full one after each test would walk every
    imported module's objects and more than double the run.
    """
    gc.freeze()
    yield
    gc.collect()


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
