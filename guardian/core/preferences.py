"""The person's preferences (language, text size, voice), as plain data that tolerates bad input."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from guardian.core.i18n import DEFAULT_LANG, LANGS, Lang

SETTINGS_KEY = "preferences"
RATE_RANGE = (80, 260)
DEFAULT_TEXT_STEP = 1
ENGINES = ("auto", "espeak", "pyttsx3", "none")


class Preferences(NamedTuple):
    """What the family chose for the person (read before the window first shows).

    Attributes:
        lang: the language of the screens and the voice.
        text_step: the text-size step (0 is the smallest).
        auto_read: read each screen aloud when it opens.
        speech_rate: words per minute, or None for each language's default (slower than usual).
        speech_volume: loudness from 0.0 to 1.0.
        speech_engine: "auto", "espeak", "pyttsx3" or "none".
        bank_hotline: the hotline id of the person's own bank, when the family set it.
        person_name: how the family calls the person in alerts (e.g. 妈妈); empty is neutral.
    """

    lang: Lang = DEFAULT_LANG
    text_step: int = DEFAULT_TEXT_STEP
    auto_read: bool = True
    speech_rate: int | None = None
    speech_volume: float = 0.8
    speech_engine: str = "auto"
    bank_hotline: str | None = None
    person_name: str = ""

    def to_mapping(self) -> dict[str, Any]:
        """Return the preferences as JSON-ready data."""
        return dict(self._asdict())

    @classmethod
    def from_mapping(cls, data: object) -> Preferences:
        """Read preferences saved earlier; anything missing or malformed keeps its default."""
        if not isinstance(data, Mapping):
            return cls()
        default = cls()
        lang = data.get("lang")
        auto_read = data.get("auto_read")
        engine = data.get("speech_engine")
        bank = data.get("bank_hotline")
        name = data.get("person_name")
        volume = _number_in(data.get("speech_volume"), 0.0, 1.0)
        step = _number_in(data.get("text_step"), 0, 10)
        rate = _number_in(data.get("speech_rate"), *RATE_RANGE)
        return cls(
            lang=lang if lang in LANGS else default.lang,
            text_step=int(step) if step is not None and step == int(step) else default.text_step,
            auto_read=auto_read if isinstance(auto_read, bool) else default.auto_read,
            speech_rate=int(rate) if rate is not None and rate == int(rate) else None,
            speech_volume=float(volume) if volume is not None else default.speech_volume,
            speech_engine=engine if engine in ENGINES else default.speech_engine,
            bank_hotline=bank if isinstance(bank, str) and 0 < len(bank) <= 32 else None,
            person_name=name.strip()[:20] if isinstance(name, str) else default.person_name,
        )


def _number_in(value: object, low: float, high: float) -> float | None:
    """Return ``value`` when it is a number (not a bool) between ``low`` and ``high``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if low <= value <= high else None
