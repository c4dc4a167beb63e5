"""Leaving 电脑体检 while its checks run: the window never waits, late results go unheard."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import guardian.doctor.report as report
from guardian.doctor import CheckResult
from guardian.ui.family.doctor_screen import DoctorScreen
from guardian.ui.home import HomeScreen
from tests.ui.conftest import MakeCtx, WindowMaker


@pytest.fixture
def slow_guard(monkeypatch: pytest.MonkeyPatch):
    """Hold the guard check (the last background check) until released; say when it is done."""
    release = threading.Event()
    started = threading.Event()
    done = threading.Event()
    real = report.check_guard

    def held(words):
        started.set()
        release.wait(timeout=30)
        try:
            return real(words)
        finally:
            done.set()

    monkeypatch.setattr(report, "check_guard", held)
    yield started, release, done
    release.set()


def test_leaving_while_the_checks_run_returns_at_once(
    qtbot, make_window: WindowMaker, speaker, tmp_path: Path, slow_guard, monkeypatch
) -> None:
    started, release, done = slow_guard
    thread_errors: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: thread_errors.append(args.exc_value))
    window = make_window(data_dir=tmp_path)
    ctx = window.ctx
    screen = DoctorScreen(ctx)
    window.show_screen(screen)
    assert started.wait(timeout=20)
    said_before = len(speaker.said)

    began = time.monotonic()
    window.home()  # closes the doctor screen for good and deletes it
    assert time.monotonic() - began < 1.0
    assert isinstance(window.current_screen(), HomeScreen)

    release.set()
    assert done.wait(timeout=20)
    qtbot.wait(300)  # room for a late hand-over to arrive, if one were sent
    assert thread_errors == []
    spoken = [text for text, _ in speaker.said[said_before:]]
    assert not any("有问题" in text or "都正常" in text for text in spoken)


def test_results_that_come_after_closing_are_dropped(
    qtbot, make_ctx: MakeCtx, tmp_path: Path, slow_guard
) -> None:
    started, release, done = slow_guard
    ctx = make_ctx(data_dir=tmp_path)
    screen = DoctorScreen(ctx)
    qtbot.addWidget(screen)
    assert started.wait(timeout=20)

    began = time.monotonic()
    screen.closing()
    assert time.monotonic() - began < 1.0

    release.set()
    assert done.wait(timeout=20)
    qtbot.wait(300)
    assert screen.results == []
    assert screen.status.text() == ctx.t("family.doctor_running")


def test_results_before_closing_are_shown(qtbot, make_ctx: MakeCtx, tmp_path: Path) -> None:
    ctx = make_ctx(data_dir=tmp_path)
    screen = DoctorScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: len(screen.results) == 8, timeout=20_000)
    assert all(isinstance(result, CheckResult) for result in screen.results)
    screen.closing()
    assert len(screen.results) == 8
