"""Start-up order: the window first, then the speech engine, the database, the guard, the outbox,
the picture reader and the window's icon."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from guardian.app import StartOptions, build_window, shutdown
from guardian.speech.late import LateSpeaker
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.routes import drop_prepared_check, prepare_check, prepared_check


def test_only_the_window_is_made_before_the_first_paint(qapp: QApplication, qtbot) -> None:
    qapp.setWindowIcon(QIcon())  # as a fresh start has it
    window = build_window(qapp, StartOptions(lang="zh"))
    try:
        speaker = window.ctx.speaker
        assert isinstance(speaker, LateSpeaker)
        assert speaker.engine is None
        assert window.ctx.disk is not None and not window.ctx.disk.is_running()
        services = window.ctx.services
        assert services.guard is None and services.outbox is None and services.warmup is None
        assert services.picture_reader is None and qapp.windowIcon().isNull()
        window.show()
        qtbot.waitUntil(lambda: window.ctx.services.outbox is not None, timeout=10_000)
        assert speaker.engine is not None
        assert window.ctx.services.guard is not None
        assert window.ctx.disk.is_running()
        # One reader for every picture screen, so its model loads once.
        assert window.ctx.services.picture_reader is not None
        assert not qapp.windowIcon().isNull()
    finally:
        shutdown(window)


def test_the_check_is_built_ahead_and_begins_when_it_opens(qapp: QApplication, qtbot) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    try:
        window.show()
        qtbot.waitUntil(lambda: prepared_check(window.ctx) is not None, timeout=10_000)
        lang, step, ahead = prepared_check(window.ctx) or (None, None, None)
        assert (lang, step) == ("zh", window.ctx.text_step)
        assert isinstance(ahead, CheckCallScreen)
        assert not ahead.isVisible()
        # It waits in the window, at the size it will show, styled by the window's style sheet.
        assert ahead.parent() is window.stack and ahead.size() == window.stack.size()
        assert window.stack.indexOf(ahead) == -1, "not a screen of the stack until opened"
        built_at = ahead.record.started_at
        qtbot.wait(20)
        window.open("check_call")
        assert window.current_screen() is ahead, "the screen built ahead is the one opened"
        assert ahead.isVisible()
        assert ahead.record.started_at > built_at, "the check begins when it opens"
        assert prepared_check(window.ctx) is None
        window.home()
        qtbot.waitUntil(lambda: prepared_check(window.ctx) is not None, timeout=5_000)
        next_check = prepared_check(window.ctx).screen
        assert next_check is not ahead, "back home, the next check is built ahead"
    finally:
        shutdown(window)
    assert prepared_check(window.ctx) is None


def test_a_check_built_for_another_language_is_not_opened(qapp: QApplication, qtbot) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    try:
        window.show()
        qtbot.waitUntil(lambda: prepared_check(window.ctx) is not None, timeout=10_000)
        ahead = prepared_check(window.ctx).screen
        window.ctx.settings.set_lang("en")
        window.open("check_call")
        screen = window.current_screen()
        assert isinstance(screen, CheckCallScreen) and screen is not ahead
        assert screen.record.lang == "en"
    finally:
        shutdown(window)


def test_the_check_ahead_is_built_over_turns_and_not_for_a_language_left(
    qapp: QApplication, qtbot
) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    try:
        window.show()
        qtbot.waitUntil(lambda: prepared_check(window.ctx) is not None, timeout=10_000)
        drop_prepared_check(window.ctx)
        # The number step is built now; the screen around it in a later turn.
        prepare_check(window.ctx)
        assert prepared_check(window.ctx) is None
        qtbot.waitUntil(lambda: prepared_check(window.ctx) is not None, timeout=5_000)
        assert prepared_check(window.ctx).lang == "zh"
        # The language changes between the two turns: no screen is left for the language left.
        drop_prepared_check(window.ctx)
        prepare_check(window.ctx)
        window.ctx.settings.set_lang("en")
        qtbot.wait(50)
        ahead = prepared_check(window.ctx)
        assert ahead is None or ahead.lang == "en"
    finally:
        shutdown(window)
