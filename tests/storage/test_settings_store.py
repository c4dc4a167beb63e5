from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from guardian.storage.database import open_database
from guardian.storage.settings import SettingsStore


@pytest.mark.parametrize(
    "value",
    [
        "zh",
        "防骗守护",
        0,
        1.25,
        True,
        None,
        [],
        ["110", "96110"],
        {"voice": "cmn-latn-pinyin", "rate": 150, "contacts": [{"name": "女儿", "order": 1}]},
    ],
)
def test_round_trip(db: Database, value: Any) -> None:
    SettingsStore(db).set("some.key", value)
    assert SettingsStore(db).get("some.key") == value


def test_default_when_missing(db: Database) -> None:
    settings = SettingsStore(db)
    assert settings.get("text_size") is None
    assert settings.get("text_size", 3) == 3


def test_a_stored_none_is_not_the_default(db: Database) -> None:
    settings = SettingsStore(db)
    settings.set("bank_hotline", None)
    assert settings.get("bank_hotline", "95588") is None


def test_set_replaces(db: Database) -> None:
    settings = SettingsStore(db)
    settings.set("lang", "zh")
    settings.set("lang", "en")
    assert settings.get("lang") == "en"
    assert settings.all() == {"lang": "en"}


def test_all_and_delete(db: Database) -> None:
    settings = SettingsStore(db)
    assert settings.all() == {}
    settings.set("lang", "zh")
    settings.set("text_size", 4)
    assert settings.all() == {"lang": "zh", "text_size": 4}
    settings.delete("lang")
    settings.delete("lang")
    assert settings.all() == {"text_size": 4}


def test_values_that_are_not_json_are_refused(db: Database) -> None:
    settings = SettingsStore(db)
    with pytest.raises(TypeError):
        settings.set("bad", object())
    with pytest.raises(ValueError):
        settings.set("bad", math.nan)
    assert settings.all() == {}


def test_settings_survive_reopening(db_path: Path) -> None:
    db = open_database(db_path)
    SettingsStore(db).set("auto_read", True)
    db.close()
    db = open_database(db_path)
    try:
        assert SettingsStore(db).get("auto_read") is True
    finally:
        db.close()
