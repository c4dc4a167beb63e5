"""The person's preferences as stored: read them, and save what the app holds live.

The preferences (language, text size, voice, bank, how the family calls the person) are one
JSON value in the ``settings`` table under :data:`~guardian.core.preferences.SETTINGS_KEY`.
"""

from __future__ import annotations

from sqlite_utils import Database

from guardian.core.preferences import SETTINGS_KEY, Preferences
from guardian.services.jobs import Job
from guardian.storage.settings import SettingsStore


def read_preferences(db: Database) -> Preferences:
    """The stored preferences (the defaults for anything missing or malformed)."""
    return Preferences.from_mapping(SettingsStore(db).get(SETTINGS_KEY))


def save_preferences(current: Preferences) -> Job[Preferences]:
    """A job that stores ``current`` as the preferences, keeping the stored voice engine.

    The voice engine is chosen outside the screens (on the command line or in the file), so
    it is read in the same job and kept; everything else comes from ``current``. A save made
    just after another one therefore never brings an older value back. The job returns the
    preferences as stored.
    """

    def save(db: Database) -> Preferences:
        store = SettingsStore(db)
        stored = Preferences.from_mapping(store.get(SETTINGS_KEY))
        merged = current._replace(speech_engine=stored.speech_engine)
        store.set(SETTINGS_KEY, merged.to_mapping())
        return merged

    return save
