"""The running workers are kept until shut down, and shut down at exit."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from guardian.kept_workers import KeptWorkers
from guardian.storage import worker as disk_module
from guardian.storage.database import open_database
from guardian.storage.worker import DiskWorker


def test_a_disk_worker_is_kept_while_it_runs_and_let_go_after(tmp_path: Path) -> None:
    disk = DiskWorker(tmp_path / "guardian.db")
    assert disk.is_running() and disk in disk_module._running
    disk.shutdown()
    assert not disk.is_running() and disk not in disk_module._running


def test_shutting_down_all_finishes_the_queued_writes(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "guardian.db"
    kept: KeptWorkers[DiskWorker] = KeptWorkers()
    disk = DiskWorker(path)
    kept.add(disk)
    for number in range(20):
        disk.submit(lambda db, n=number: db["notes"].insert({"n": n}))
    kept.shut_down_all()  # what happens at exit
    assert not disk.is_running() and len(kept) == 0
    assert open_database(path)["notes"].count == 20


def test_letting_go_of_a_worker_never_kept_changes_nothing(tmp_path: Path) -> None:
    kept: KeptWorkers[DiskWorker] = KeptWorkers()
    disk = DiskWorker(tmp_path / "guardian.db")
    try:
        kept.discard(disk)
        assert len(kept) == 0
    finally:
        disk.shutdown()
