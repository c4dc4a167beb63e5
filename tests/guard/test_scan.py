"""The process scan, against real child processes named like remote-control programs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import psutil
import pytest

from guardian.core.remote_apps import Found, RemoteApp
from guardian.guard.scan import running_processes, scan_processes

from .conftest import StartAs, end


def pids_of(found: list[Found], app_id: str) -> tuple[int, ...]:
    return next((item.pids for item in found if item.app.id == app_id), ())


def test_a_running_program_is_found_with_its_pid_and_gone_after_it_ends(
    apps: tuple[RemoteApp, ...], start_as: StartAs, unique: str
) -> None:
    child = start_as(f"anydesk-{unique}")
    found = scan_processes(apps)
    assert child.pid in pids_of(found, "anydesk")

    end(child)
    assert child.pid not in pids_of(scan_processes(apps), "anydesk")


@pytest.mark.parametrize("name", ["rustdesk", "x11vnc", "teamviewerd", "zoom"])
def test_exact_linux_names_are_found(
    apps: tuple[RemoteApp, ...], start_as: StartAs, name: str
) -> None:
    child = start_as(name)
    found = scan_processes(apps, platform="linux")
    assert any(child.pid in item.pids for item in found), found


def test_a_near_miss_name_is_not_found(
    apps: tuple[RemoteApp, ...], start_as: StartAs, unique: str
) -> None:
    child = start_as(f"zoomit{unique}")
    assert all(child.pid not in item.pids for item in scan_processes(apps))


def test_only_the_names_of_this_os_apply(
    apps: tuple[RemoteApp, ...], start_as: StartAs, unique: str
) -> None:
    # "zoom" is a Linux name; on Windows only "Zoom.exe" is.
    child = start_as("zoom")
    assert child.pid in pids_of(scan_processes(apps, platform="linux"), "zoom")
    assert child.pid not in pids_of(scan_processes(apps, platform="win32"), "zoom")


def test_every_visible_process_is_listed_with_name_and_program() -> None:
    processes = {info.pid: info for info in running_processes()}
    me = processes[os.getpid()]
    assert me.exe is not None
    assert os.path.samefile(me.exe, psutil.Process().exe())
    assert me.name


def test_processes_that_refuse_or_vanish_are_handled(
    apps: tuple[RemoteApp, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    class FakeProcess:
        def __init__(self, pid: int, name: str | None) -> None:
            self.pid = pid
            self.info = {"pid": pid, "name": name, "exe": None}

    def process_iter(attrs: list[str], ad_value: object = None) -> Iterator[FakeProcess]:
        assert attrs == ["pid", "name", "exe"]
        assert ad_value is None
        yield FakeProcess(4, None)  # its name was refused (AccessDenied gives None)
        yield FakeProcess(5, "AnyDesk.exe")
        raise psutil.AccessDenied(6)

    monkeypatch.setattr(psutil, "process_iter", process_iter)
    found = scan_processes(apps, platform="win32")
    assert [(item.app.id, item.pids) for item in found] == [("anydesk", (5,))]


def test_scanning_again_and_again_gives_the_same_answer(apps: tuple[RemoteApp, ...]) -> None:
    # How long a scan takes is measured by the benchmark (make bench), not asserted here.
    first = scan_processes(apps, platform=sys.platform)
    for _ in range(5):
        assert scan_processes(apps, platform=sys.platform) == first
