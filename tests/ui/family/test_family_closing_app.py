"""A family screen whose answer from the disk arrives while the app closes starts no new work."""

from __future__ import annotations

from pathlib import Path

from guardian.storage.worker import DiskWorker
from guardian.ui.family.bank import BankSettingScreen
from tests.ui.conftest import MakeCtx


def test_a_job_asked_for_after_the_disk_worker_stopped_is_not_started(
    qtbot, tmp_path: Path, make_ctx: MakeCtx
) -> None:
    disk = DiskWorker(tmp_path / "guardian.db")
    ctx = make_ctx(disk=disk)
    screen = BankSettingScreen(ctx)
    qtbot.addWidget(screen)
    disk.shutdown()
    assert disk.stopped
    ran: list[int] = []
    screen.run(lambda db: ran.append(1))  # what a late callback does while the app closes
    assert ran == []  # no error raised, nothing queued on a stopped worker
