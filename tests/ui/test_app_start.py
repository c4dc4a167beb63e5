"""Start-up order: the window first, then the speech engine, the database, the guard, the outbox."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication

from guardian.app import StartOptions, build_window, shutdown
from guardian.speech.late import LateSpeaker


def test_only_the_window_is_made_before_the_first_paint(qapp: QApplication, qtbot) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    try:
        speaker = window.ctx.speaker
        assert isinstance(speaker, LateSpeaker)
        assert speaker.engine is None
        assert window.ctx.disk is not None and not window.ctx.disk.is_running()
        assert not {"guard", "outbox", "warmup"} & set(window.ctx.services)
        window.show()
        qtbot.waitUntil(lambda: "outbox" in window.ctx.services, timeout=10_000)
        assert speaker.engine is not None
        assert "guard" in window.ctx.services
        assert window.ctx.disk.is_running()
        assert gc.get_freeze_count() > 0  # start-up's objects kept out of full collections
    finally:
        shutdown(window)
    assert gc.get_freeze_count() == 0
