"""The person's preferences: read back as stored, saved with the stored voice engine kept."""

from __future__ import annotations

import math
from typing import TypeVar

from sqlite_utils import Database

from guardian.core.preferences import SETTINGS_KEY, Preferences
from guardian.services.jobs import RunAtOnce
from guardian.services.settings import read_preferences, save_preferences
from guardian.storage.settings import SettingsStore
from tests.services import run

T = TypeVar("T")


def test_nothing_stored_reads_as_the_defaults(db: Database) -> None:
    assert run(db, read_preferences) == Preferences()


def test_a_malformed_stored_value_reads_as_the_defaults(db: Database) -> None:
    SettingsStore(db).set(SETTINGS_KEY, {"text_step": "huge", "lang": "xx"})
    assert run(db, read_preferences) == Preferences()


def test_a_save_stores_what_the_app_holds_and_keeps_the_stored_voice_engine(
    db: Database,
) -> None:
    SettingsStore(db).set(
        SETTINGS_KEY, Preferences(speech_engine="espeak", text_step=0).to_mapping()
    )
    live = Preferences(lang="en", text_step=3, speech_rate=120, person_name="Mum")
    saved = run(db, save_preferences(live))
    assert saved == live._replace(speech_engine="espeak")
    assert run(db, read_preferences) == saved
    assert SettingsStore(db).get(SETTINGS_KEY)["person_name"] == "Mum"


def test_a_second_save_replaces_the_first(db: Database) -> None:
    run(db, save_preferences(Preferences(lang="en", bank_hotline="icbc")))
    run(db, save_preferences(Preferences(lang="zh")))
    assert run(db, read_preferences) == Preferences(lang="zh")


def test_a_value_that_cannot_be_stored_leaves_the_stored_preferences_as_they_were(
    db: Database,
) -> None:
    before = run(db, save_preferences(Preferences(lang="en", text_step=2)))
    errors: list[Exception] = []
    RunAtOnce(db).submit(
        save_preferences(Preferences(speech_volume=math.nan)), on_error=errors.append
    )
    assert len(errors) == 1 and isinstance(errors[0], ValueError)
    assert run(db, read_preferences) == before
