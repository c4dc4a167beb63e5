"""A speaker whose engine is made a moment after the window first shows.

Making the real speaker loads the engine's code and looks for its programs; the home screen
says nothing when it opens, so the window can be drawn first. ``LateSpeaker`` stands in for the
real one from the start: every screen holds it, and it passes everything on once the engine is
made (by ``start()``, or at the first ``say()`` if that comes sooner).

Example::

    speaker = LateSpeaker(lambda: create_speaker("espeak"))
    ...  # after the first paint:
    speaker.start()
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from guardian.core.i18n import Lang
from guardian.speech.speaker import NullSpeaker, Speaker


class LateSpeaker(Speaker):
    """Stands in for the speaker ``make`` returns, and makes it when first needed.

    Until the engine is made it counts as available (nothing is known to be wrong yet). It
    holds the chosen speed and loudness, gives them to the engine when it is made and passes on
    every change, so its own ``rate`` and ``volume`` are always the engine's. The engine's
    signals are passed on as this speaker's own.

    Args:
        make: returns the real speaker; called once.
        parent: the owning QObject.
        rate: words per minute for every language; None for each language's default.
        volume: loudness from 0.0 to 1.0; None for the default.
    """

    def __init__(
        self,
        make: Callable[[], Speaker],
        parent: QObject | None = None,
        *,
        rate: int | None = None,
        volume: float | None = None,
    ) -> None:
        super().__init__(parent, rate=rate, volume=volume)
        self._make: Callable[[], Speaker] | None = make
        self._engine: Speaker | None = None

    @property
    def engine(self) -> Speaker | None:
        """The real speaker, once made."""
        return self._engine

    def start(self) -> Speaker:
        """Make the real speaker now (once) and return it.

        After :meth:`shutdown` the real speaker is never made (its thread would outlive the
        app): a silent one stands in.
        """
        if self._engine is None:
            make, self._make = self._make, None
            if make is None:  # shut down before the engine was made
                self._engine = NullSpeaker("speech is shut down", self)
                return self._engine
            engine = make()  # kept alive by this reference; whoever made it may hold it too
            engine.set_rate(self._rate)
            engine.set_volume(self._volume)
            engine.started.connect(self.started)
            engine.finished.connect(self.finished)
            engine.failed.connect(self.failed)
            engine.availability_changed.connect(self.availability_changed)
            self._engine = engine
            if not engine.available:
                self.availability_changed.emit(False)
        return self._engine

    def set_rate(self, rate: int | None) -> None:
        """Choose the speed (80 to 400 words per minute), or None for the defaults."""
        super().set_rate(rate)
        if self._engine is not None:
            self._engine.set_rate(rate)

    def set_volume(self, volume: float) -> None:
        """Choose the loudness from 0.0 to 1.0."""
        super().set_volume(volume)
        if self._engine is not None:
            self._engine.set_volume(volume)

    @property
    def available(self) -> bool:
        """Whether speech can be heard: assumed until the engine is made and says otherwise."""
        return self._engine.available if self._engine is not None else True

    @property
    def unavailable_reason(self) -> str:
        """Why speech cannot be heard (empty when it can, or before the engine is made)."""
        return self._engine.unavailable_reason if self._engine is not None else ""

    def say(self, text: str, lang: Lang) -> None:
        """Read ``text`` in ``lang``, making the engine first if it is not made yet."""
        self.start().say(text, lang)

    def stop(self) -> None:
        """Stop reading at once (nothing plays before the engine is made)."""
        if self._engine is not None:
            self._engine.stop()

    def shutdown(self) -> None:
        """Stop and release the engine, if it was made; none is made afterwards."""
        self._make = None
        if self._engine is not None:
            self._engine.shutdown()
