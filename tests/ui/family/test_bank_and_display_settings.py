"""The bank and display pages change the live settings, which save each choice once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from guardian.core.preferences import Preferences
from guardian.services.jobs import RunAtOnce
from guardian.services.settings import read_preferences
from guardian.storage.database import Database as SQLite
from guardian.storage.database import open_database
from guardian.ui.family.bank import BankSettingScreen
from guardian.ui.family.display import DisplaySettingsScreen
from guardian.ui.home import HomeScreen
from guardian.ui.live_settings import BANK_HOTLINE, LANG, TEXT_STEP
from tests.ui.conftest import MakeCtx, RecordingSpeaker, WindowMaker


class CountingRunner:
    """Runs each job at once on a real SQLite file, and counts the jobs it was given."""

    def __init__(self, db: SQLite) -> None:
        self.db = db
        self._runner = RunAtOnce(db)
        self.jobs = 0

    @property
    def accepting_jobs(self) -> bool:
        """Whether jobs are taken (always, while the file is open)."""
        return self._runner.accepting_jobs

    def submit(
        self,
        job: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Count ``job``, then run it."""
        self.jobs += 1
        self._runner.submit(job, on_done=on_done, on_error=on_error)

    def shutdown(self) -> None:
        """Nothing to finish."""

    def stored(self) -> Preferences:
        """The preferences as the file holds them now."""
        return read_preferences(self.db)


@pytest.fixture
def runner(tmp_path: Path) -> Iterator[CountingRunner]:
    db = open_database(tmp_path / "guardian.db")
    yield CountingRunner(db)
    db.close()


class FailingRunner:
    """A runner whose every job fails, as on a full disk."""

    accepting_jobs = True

    def submit(self, job: Any, on_done: Any = None, on_error: Any = None) -> None:
        """Fail at once."""
        on_error(OSError("disk full"))

    def shutdown(self) -> None:
        """Nothing to finish."""


def changes_of(ctx: Any) -> list[str]:
    names: list[str] = []
    ctx.settings.changed.connect(names.append)
    return names


# -- the bank ------------------------------------------------------------------------------------


def test_a_bank_choice_is_saved_once(
    qtbot, make_ctx: MakeCtx, speaker: RecordingSpeaker, runner: CountingRunner
) -> None:
    ctx = make_ctx(disk=runner)
    screen = BankSettingScreen(ctx)
    qtbot.addWidget(screen)
    names = changes_of(ctx)
    bank_id = screen.banks[0].id

    qtbot.mouseClick(screen.buttons[bank_id], Qt.MouseButton.LeftButton)
    assert runner.jobs == 1
    assert names == [BANK_HOTLINE]
    stored = runner.stored()
    assert stored.bank_hotline == bank_id == ctx.bank_hotline
    assert screen.saved == stored
    words = ctx.t("family.bank_is", bank=screen._name(bank_id))
    assert screen.message.text() == words and speaker.last() == words
    chosen = ctx.t("family.chosen", name=screen._name(bank_id))
    assert screen.buttons[bank_id].text_widget.text() == chosen

    # The same bank again: said again, nothing to save.
    speaker.said.clear()
    qtbot.mouseClick(screen.buttons[bank_id], Qt.MouseButton.LeftButton)
    assert runner.jobs == 1
    assert names == [BANK_HOTLINE]
    assert speaker.last() == words

    qtbot.mouseClick(screen.buttons[""], Qt.MouseButton.LeftButton)
    assert runner.jobs == 2
    assert runner.stored().bank_hotline is None
    assert screen.message.text() == ctx.t("family.bank_is_none")


def test_the_bank_page_says_when_the_choice_was_not_saved(
    qtbot, make_ctx: MakeCtx, speaker: RecordingSpeaker
) -> None:
    ctx = make_ctx(disk=FailingRunner())
    screen = BankSettingScreen(ctx)
    qtbot.addWidget(screen)
    bank_id = screen.banks[0].id
    qtbot.mouseClick(screen.buttons[bank_id], Qt.MouseButton.LeftButton)
    assert ctx.bank_hotline == bank_id  # applied for now, even if not kept
    assert screen.message.text() == ctx.t("family.save_failed")
    assert speaker.last() == ctx.t("family.save_failed")


def test_a_closed_bank_page_shows_no_late_answer(
    qtbot, make_ctx: MakeCtx, speaker: RecordingSpeaker
) -> None:
    ctx = make_ctx(disk=FailingRunner())
    screen = BankSettingScreen(ctx)
    qtbot.addWidget(screen)
    screen.closing()
    speaker.said.clear()
    ctx.settings.set_bank_hotline(screen.banks[0].id)
    assert screen.message.text() == ""
    assert speaker.said == []


def test_the_bank_is_changed_only_through_the_settings(make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    with pytest.raises(AttributeError):
        ctx.bank_hotline = "icbc"  # type: ignore[misc]
    ctx.settings.set_bank_hotline("icbc")
    assert ctx.bank_hotline == "icbc"


# -- text size and language ----------------------------------------------------------------------


def test_the_display_page_saves_each_change_once_and_goes_home(
    make_window: WindowMaker, runner: CountingRunner
) -> None:
    window = make_window(ctx=make_window.ctx(disk=runner))
    ctx = window.ctx
    names = changes_of(ctx)
    langs: list[str] = []
    steps: list[int] = []
    ctx.language_changed.connect(langs.append)
    ctx.text_step_changed.connect(steps.append)
    screen = DisplaySettingsScreen(ctx)
    window.show_screen(screen)
    screen.choose_step(3)
    screen.choose_lang("en")
    assert runner.jobs == 0  # nothing before "save"

    screen.save_button.click()
    assert names == [LANG, TEXT_STEP]
    assert (langs, steps) == (["en"], [3])
    assert runner.jobs == 2
    stored = runner.stored()
    assert (stored.lang, stored.text_step) == ("en", 3)
    assert isinstance(window.current_screen(), HomeScreen)


def test_the_display_page_saved_unchanged_goes_home_saving_nothing(
    make_window: WindowMaker, runner: CountingRunner
) -> None:
    window = make_window(ctx=make_window.ctx(disk=runner))
    screen = DisplaySettingsScreen(window.ctx)
    window.show_screen(screen)
    screen.save_button.click()
    assert runner.jobs == 0
    assert isinstance(window.current_screen(), HomeScreen)


def test_the_context_has_no_second_way_to_change_language_or_size(make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    assert not hasattr(ctx, "set_lang")
    assert not hasattr(ctx, "set_text_step")
