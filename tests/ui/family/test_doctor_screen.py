"""电脑体检 in family settings: the checks on screen, read aloud, run off the window thread."""

from __future__ import annotations

from pathlib import Path

from guardian.ui.family.doctor_screen import DoctorScreen
from guardian.ui.family.hub import FamilySettingsScreen
from tests.ui.conftest import MakeCtx, WindowMaker
from tests.ui.test_elder_friendly import problems_on


def test_the_hub_opens_the_checks_and_they_report(
    qtbot, speaker, make_window: WindowMaker, tmp_path: Path
) -> None:
    window = make_window(data_dir=tmp_path)
    ctx = window.ctx
    hub = FamilySettingsScreen(ctx)
    window.show_screen(hub)
    hub.buttons["doctor"].click()
    screen = window.current_screen()
    assert isinstance(screen, DoctorScreen)
    qtbot.waitUntil(lambda: len(screen.results) == 8, timeout=20_000)
    checks = [result.check for result in screen.results]
    assert checks[:2] == ["font", "speech"]
    assert {"database", "backups", "outbox", "guard"} <= set(checks)
    speech = next(r for r in screen.results if r.check == "speech")
    assert speech.ok is True  # the recording speaker can be heard
    problems = [r for r in screen.results if not r.ok]
    if problems:
        assert f"有 {len(problems)} 项有问题" in screen.status.text()
    else:
        assert screen.status.text() == "都正常。"
    assert speaker.last().startswith(screen.status.text())
    for problem in problems:
        assert problem.detail in speaker.last()
    window.resize(1280, 860)
    qtbot.wait(10)
    assert problems_on(window, ctx.text_step) == []
    window.home()


def test_the_hub_switches_start_at_login(
    qtbot, speaker, make_ctx: MakeCtx, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    ctx = make_ctx(data_dir=tmp_path)
    hub = FamilySettingsScreen(ctx)
    qtbot.addWidget(hub)
    button = hub.buttons["autostart"]
    assert button.text_widget.text() == "开机自动打开：已关闭"
    button.click()
    entry = tmp_path / ".config" / "autostart" / "guardian.desktop"
    assert entry.is_file() and "Exec=" in entry.read_text(encoding="utf-8")
    assert button.text_widget.text() == "开机自动打开：已打开"
    assert speaker.last() == "开机自动打开：已打开"
    button.click()
    assert not entry.exists()
    assert button.text_widget.text() == "开机自动打开：已关闭"
