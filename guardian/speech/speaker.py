"""The ``Speaker`` interface every screen talks to, and the silent fallback."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

from PySide6.QtCore import QObject, Signal

from guardian.core.i18n import Lang


class Speaker(QObject):
    """Reads text aloud. ``say`` returns at once; a new utterance interrupts the one before.

    Signals:
        started: an utterance began playing.
        finished: the utterance ended (played to the end or stopped).
        failed(str): an utterance could not be played; the argument says why.
        availability_changed(bool): whether speech can be heard changed.
    """

    started = Signal()
    finished = Signal()
    failed = Signal(str)
    availability_changed = Signal(bool)

    #: Speaking speed in words per minute for each language when none is chosen: slower than
    #: ordinary speech, for older listeners.
    DEFAULT_RATE: ClassVar[Mapping[Lang, int]] = MappingProxyType({"zh": 140, "en": 150})
    #: Loudness from 0.0 (silent) to 1.0 (loudest) when none is chosen.
    DEFAULT_VOLUME = 0.6

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        rate: int | None = None,
        volume: float | None = None,
    ) -> None:
        super().__init__(parent)
        self._rate = rate
        self._volume = self.DEFAULT_VOLUME if volume is None else _clamp_volume(volume)

    @property
    def rate(self) -> int | None:
        """The chosen speed in words per minute, or None for each language's default."""
        return self._rate

    def set_rate(self, rate: int | None) -> None:
        """Choose the speed in words per minute (80 to 400), or None for the defaults.

        Applies from the next utterance.
        """
        self._rate = None if rate is None else max(80, min(400, int(rate)))

    def rate_for(self, lang: Lang) -> int:
        """The speed in words per minute used for ``lang``."""
        return self._rate if self._rate is not None else self.DEFAULT_RATE[lang]

    @property
    def volume(self) -> float:
        """Loudness from 0.0 (silent) to 1.0 (loudest)."""
        return self._volume

    def set_volume(self, volume: float) -> None:
        """Choose the loudness from 0.0 to 1.0; applies from the next utterance."""
        self._volume = _clamp_volume(volume)

    @property
    def available(self) -> bool:
        """Whether speech can be heard on this computer."""
        return False

    @property
    def unavailable_reason(self) -> str:
        """Why speech cannot be heard (empty when it can)."""
        return ""

    def say(self, text: str, lang: Lang) -> None:
        """Start reading ``text`` in ``lang``, interrupting anything being read."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop reading at once."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """Stop and release the worker; called once when the app quits."""
        self.stop()


class NullSpeaker(Speaker):
    """A speaker for computers where nothing can be heard: it says nothing, and says why."""

    def __init__(self, reason: str = "no speech engine", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason = reason

    @property
    def unavailable_reason(self) -> str:
        """Why speech cannot be heard."""
        return self._reason

    def say(self, text: str, lang: Lang) -> None:
        """Do nothing: there is no voice."""

    def stop(self) -> None:
        """Do nothing: nothing is playing."""


def _clamp_volume(volume: float) -> float:
    return max(0.0, min(1.0, float(volume)))
