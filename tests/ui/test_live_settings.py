"""The live settings: one owner of the preferences, one signal per change, saved and kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from guardian.app import StartOptions, build_context
from guardian.assets import load_catalog
from guardian.core.preferences import RATE_RANGE, SETTINGS_KEY, Preferences
from guardian.services.jobs import RunAtOnce
from guardian.services.settings import read_preferences
from guardian.storage.database import open_database
from guardian.storage.paths import database_path
from guardian.storage.settings import SettingsStore
from guardian.storage.worker import DiskWorker
from guardian.ui.context import AppContext
from guardian.ui.demo import DEMO_RATE, DemoScreen
from guardian.ui.family.voice import RATE_STEP, VoiceSettingsScreen
from guardian.ui.home import HomeScreen
from guardian.ui.live_settings import (
    AUTO_READ,
    BANK_HOTLINE,
    LANG,
    NAMES,
    SPEECH_RATE,
    SPEECH_VOLUME,
    TEXT_STEP,
    LiveSettings,
)
from tests.ui.conftest import MakeCtx, RecordingSpeaker, WindowMaker


class Database:
    """A real SQLite file, opened once, with a runner that does each job on the spot."""

    def __init__(self, path: Path) -> None:
        self.db = open_database(path)
        self.runner = RunAtOnce(self.db)

    def stored(self) -> Preferences:
        """The preferences as the file holds them now."""
        return read_preferences(self.db)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "guardian.db")
    yield database
    database.db.close()


def names_of(settings: LiveSettings) -> list[str]:
    """Collects every name ``settings.changed`` carries from now on."""
    names: list[str] = []
    settings.changed.connect(names.append)
    return names


#: Each setter, with a value that differs from the defaults.
CHANGES: list[tuple[str, Callable[[LiveSettings, Any], None], Any]] = [
    (LANG, LiveSettings.set_lang, "en"),
    (TEXT_STEP, LiveSettings.set_text_step, 3),
    (AUTO_READ, LiveSettings.set_auto_read, False),
    (SPEECH_RATE, LiveSettings.set_speech_rate, 180),
    (SPEECH_VOLUME, LiveSettings.set_speech_volume, 0.4),
    (BANK_HOTLINE, LiveSettings.set_bank_hotline, "icbc"),
]


def test_every_name_has_a_setter_here() -> None:
    assert sorted(name for name, _, _ in CHANGES) == sorted(NAMES)


@pytest.mark.parametrize(("name", "setter", "value"), CHANGES, ids=[c[0] for c in CHANGES])
def test_each_setter_says_once_what_changed_and_saves_it(
    name: str, setter: Callable[[LiveSettings, Any], None], value: Any, database: Database
) -> None:
    speaker = RecordingSpeaker()
    settings = LiveSettings(speaker, Preferences(), disk=database.runner)
    names = names_of(settings)
    saved: list[Preferences] = []
    settings.saved.connect(saved.append)

    setter(settings, value)
    assert names == [name]
    assert getattr(settings, name) == value
    assert getattr(database.stored(), name) == value
    assert len(saved) == 1

    setter(settings, value)  # the same value again: nothing changes, nothing is saved
    assert names == [name]
    assert len(saved) == 1


def test_the_speed_and_loudness_reach_the_speaker() -> None:
    speaker = RecordingSpeaker()
    settings = LiveSettings(speaker, Preferences(speech_rate=120, speech_volume=0.5))
    assert (speaker.rate, speaker.volume) == (120, 0.5)  # applied when built
    settings.set_speech_rate(200)
    settings.set_speech_volume(0.9)
    assert (speaker.rate, speaker.volume) == (200, 0.9)
    settings.set_speech_rate(RATE_RANGE[1] + 100)  # kept within what a restart reads back
    assert settings.speech_rate == speaker.rate == RATE_RANGE[1]
    settings.set_speech_rate(None)
    assert speaker.rate is None
    assert settings.rate_for("zh") == speaker.rate_for("zh")


def test_the_context_shows_the_settings_and_passes_on_language_and_size(
    make_ctx: MakeCtx,
) -> None:
    ctx = make_ctx()
    langs: list[str] = []
    steps: list[int] = []
    ctx.language_changed.connect(langs.append)
    ctx.text_step_changed.connect(steps.append)
    ctx.settings.set_lang("en")
    ctx.settings.set_text_step(ctx.text_step + 1)
    ctx.settings.set_auto_read(False)
    assert (ctx.lang, ctx.auto_read) == ("en", False)
    assert langs == ["en"] and steps == [ctx.text_step]
    assert ctx.t("voice.title") == load_catalog().get("en", "voice.title")
    with pytest.raises(AttributeError):
        ctx.auto_read = True  # type: ignore[misc]  # read-only: the settings own it


def test_the_context_saves_through_its_own_runner(make_ctx: MakeCtx, database: Database) -> None:
    ctx = make_ctx()
    ctx.settings.set_auto_read(False)  # nothing to save to yet: nothing happens
    ctx.disk = database.runner
    ctx.settings.set_speech_volume(0.3)
    stored = database.stored()
    assert (stored.auto_read, stored.speech_volume) == (False, 0.3)


# -- a restart -----------------------------------------------------------------------------------


def start_context(
    qapp: QApplication, folder: Path, **options: Any
) -> tuple[AppContext, DiskWorker]:
    """The context as the app builds it from the data folder, with a real disk worker."""
    disk = DiskWorker(database_path(folder))
    start = StartOptions(make_speaker=RecordingSpeaker, **options)
    return build_context(load_catalog(), folder, disk, start), disk


def test_the_preferences_survive_a_restart(qapp: QApplication, tmp_path: Path) -> None:
    ctx, disk = start_context(qapp, tmp_path)
    assert (ctx.lang, ctx.auto_read, ctx.settings.speech_rate) == ("zh", True, None)
    ctx.settings.set_lang("en")
    ctx.settings.set_text_step(3)
    ctx.settings.set_auto_read(False)
    ctx.settings.set_speech_rate(180)
    ctx.settings.set_speech_volume(0.4)
    ctx.settings.set_bank_hotline("icbc")
    disk.shutdown()  # the app quits: every queued save is written

    again, disk = start_context(qapp, tmp_path)
    try:
        settings = again.settings
        assert (again.lang, again.text_step, again.auto_read) == ("en", 3, False)
        assert (settings.speech_rate, settings.speech_volume) == (180, 0.4)
        assert (again.speaker.rate, again.speaker.volume) == (180, 0.4)  # applied at start
        assert again.bank_hotline == "icbc"
    finally:
        disk.shutdown()


def test_a_language_given_at_start_wins_over_the_stored_one(
    qapp: QApplication, tmp_path: Path
) -> None:
    db = open_database(database_path(tmp_path))
    SettingsStore(db).set(SETTINGS_KEY, Preferences(lang="en", speech_engine="none").to_mapping())
    db.close()
    ctx, disk = start_context(qapp, tmp_path, lang="zh")
    try:
        assert ctx.lang == "zh"
        ctx.settings.set_auto_read(False)
        disk.shutdown()
        db = open_database(database_path(tmp_path))
        stored = read_preferences(db)
        db.close()
        assert (stored.auto_read, stored.speech_engine) == (False, "none")
    finally:
        disk.shutdown()


# -- the voice screen ----------------------------------------------------------------------------


def test_the_voice_buttons_go_through_the_settings(
    qtbot, make_ctx: MakeCtx, speaker: RecordingSpeaker, database: Database
) -> None:
    ctx = make_ctx(disk=database.runner)
    screen = VoiceSettingsScreen(ctx)
    qtbot.addWidget(screen)
    names = names_of(ctx.settings)
    start = ctx.settings.rate_for("zh")

    qtbot.mouseClick(screen.faster, Qt.MouseButton.LeftButton)
    assert names == [SPEECH_RATE]
    assert ctx.settings.speech_rate == speaker.rate == start + RATE_STEP
    assert screen.message.text() == ctx.t("voice.rate_now", rate=start + RATE_STEP)
    assert speaker.last() == screen.message.text()  # said at the new speed
    assert screen.rate_label.text() == ctx.t("voice.rate", rate=start + RATE_STEP)

    volume = ctx.settings.speech_volume
    qtbot.mouseClick(screen.quieter, Qt.MouseButton.LeftButton)
    assert names == [SPEECH_RATE, SPEECH_VOLUME]
    assert ctx.settings.speech_volume == speaker.volume == pytest.approx(volume - 0.1)

    qtbot.mouseClick(screen.auto_button, Qt.MouseButton.LeftButton)
    assert names == [SPEECH_RATE, SPEECH_VOLUME, AUTO_READ]
    assert ctx.auto_read is False
    assert screen.message.text() == ctx.t("voice.auto_off_now")

    stored = database.stored()
    assert stored.speech_rate == start + RATE_STEP
    assert stored.speech_volume == pytest.approx(volume - 0.1)
    assert stored.auto_read is False
    assert screen.saved == stored


class FailingRunner:
    """A runner whose every job fails, as on a full disk."""

    accepting_jobs = True

    def submit(self, job: Any, on_done: Any = None, on_error: Any = None) -> None:
        on_error(OSError("disk full"))

    def shutdown(self) -> None:
        """Nothing to finish."""


def test_the_voice_screen_says_when_a_change_was_not_saved(
    qtbot, make_ctx: MakeCtx, speaker: RecordingSpeaker
) -> None:
    ctx = make_ctx(disk=FailingRunner())
    screen = VoiceSettingsScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.mouseClick(screen.louder, Qt.MouseButton.LeftButton)
    assert screen.message.text() == ctx.t("family.save_failed")
    assert speaker.last() == ctx.t("family.save_failed")


# -- the demo's own speed --------------------------------------------------------------------------


def test_the_demo_gives_back_the_family_speed_and_never_saves_its_own(
    make_window: WindowMaker, speaker: RecordingSpeaker, database: Database
) -> None:
    window = make_window(ctx=make_window.ctx(disk=database.runner))
    ctx = window.ctx
    ctx.settings.set_speech_rate(160)
    assert database.stored().speech_rate == 160

    demo = DemoScreen(ctx)
    window.show_screen(demo)
    assert speaker.rate == DEMO_RATE
    assert ctx.settings.speech_rate == 160 and ctx.settings.held_rate == DEMO_RATE
    ctx.settings.set_speech_volume(0.5)  # anything saved meanwhile keeps the family's speed
    assert database.stored().speech_rate == 160
    assert speaker.rate == DEMO_RATE

    demo.leave_button.click()
    assert isinstance(window.current_screen(), HomeScreen)
    assert speaker.rate == 160 and ctx.settings.held_rate is None
    assert database.stored().speech_rate == 160
