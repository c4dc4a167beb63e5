"""Preferences survive anything the settings file may hold."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guardian.core.preferences import Preferences


def test_round_trip() -> None:
    prefs = Preferences(lang="en", text_step=3, auto_read=False, speech_rate=120, speech_volume=0.5)
    assert Preferences.from_mapping(prefs.to_mapping()) == prefs


def test_bad_values_fall_back_to_defaults() -> None:
    data = {
        "lang": "fr",
        "text_step": True,
        "auto_read": "yes",
        "speech_rate": 9999,
        "speech_volume": 3,
        "speech_engine": "robot",
    }
    assert Preferences.from_mapping(data) == Preferences()
    assert Preferences.from_mapping(None) == Preferences()
    assert Preferences.from_mapping({"text_step": 2.5}).text_step == Preferences().text_step


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=10,
)


@given(st.dictionaries(st.sampled_from(list(Preferences().to_mapping())) | st.text(), json_values))
def test_anything_gives_valid_preferences(data: dict[str, object]) -> None:
    prefs = Preferences.from_mapping(data)
    assert prefs.lang in ("zh", "en")
    assert 0.0 <= prefs.speech_volume <= 1.0
    assert isinstance(prefs.text_step, int)
