"""A button that acts only after being held down for a while (a guard against stray presses)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from guardian.ui.theme import COLOURS
from guardian.ui.widgets import BigButton

#: How long the button must be held before it acts, in milliseconds.
DEFAULT_HOLD_MS = 3000
#: How often the progress bar is redrawn while the button is held, in milliseconds.
PROGRESS_TICK_MS = 50

_HOLD_KEYS = (Qt.Key.Key_Enter, Qt.Key.Key_Return)


class HoldButton(BigButton):
    """A big button that emits ``held`` only after it has been held down for ``hold_ms``.

    A short press, or letting go early, does nothing. The mouse, a touch, or holding Space,
    Enter or Return all work. While it is held, a thick bar along the bottom fills up, so the
    person can see that holding is working; letting go empties it.

    Args:
        text: the words on the button (say that it must be held, and for how long).
        icon: pictogram name, or None for words only.
        hold_ms: how long it must be held, in milliseconds.
        role: style role (see :class:`BigButton`).
        icon_px: pictogram size in pixels.
        description: the accessible description.

    Signals:
        held: the button was held down for the whole hold time.
        progress_changed(float): how much of the hold time has passed, from 0.0 to 1.0.
    """

    held = Signal()
    progress_changed = Signal(float)

    def __init__(
        self,
        text: str,
        icon: str | None = None,
        *,
        hold_ms: int = DEFAULT_HOLD_MS,
        role: str | None = None,
        icon_px: int = 48,
        description: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            text,
            icon,
            role=role,
            icon_px=icon_px,
            description=description,
            parent=parent,
        )
        self._hold_ms = max(1, int(hold_ms))
        self._progress = 0.0
        self._clock = QElapsedTimer()
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.setInterval(self._hold_ms)
        self._hold_timer.timeout.connect(self._complete)
        self._tick = QTimer(self)
        self._tick.setInterval(PROGRESS_TICK_MS)
        self._tick.timeout.connect(self._update_progress)
        self.pressed.connect(self._start)
        self.released.connect(self._cancel)

    @property
    def hold_ms(self) -> int:
        """How long the button must be held, in milliseconds."""
        return self._hold_ms

    @property
    def holding(self) -> bool:
        """Whether the button is being held and the hold time has not run out yet."""
        return self._hold_timer.isActive()

    @property
    def progress(self) -> float:
        """How much of the hold time has passed, from 0.0 to 1.0."""
        return self._progress

    # -- holding ---------------------------------------------------------------------------

    def _start(self) -> None:
        if self._hold_timer.isActive():
            return
        self._clock.start()
        self._hold_timer.start()
        self._tick.start()
        self._set_progress(0.0)

    def _cancel(self) -> None:
        self._hold_timer.stop()
        self._tick.stop()
        self._set_progress(0.0)

    def _complete(self) -> None:
        self._tick.stop()
        self._set_progress(1.0)
        self.held.emit()

    def _update_progress(self) -> None:
        if self._hold_timer.isActive():
            self._set_progress(min(1.0, self._clock.elapsed() / self._hold_ms))

    def _set_progress(self, value: float) -> None:
        if value != self._progress:
            self._progress = value
            self.progress_changed.emit(value)
            self.update()

    # -- keyboard and focus ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Holding Enter or Return holds the button, like Space (which the base class handles)."""
        if event.key() in _HOLD_KEYS:
            if not event.isAutoRepeat():
                self.setDown(True)
                self._start()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        """Letting go of Enter or Return before the time is up does nothing."""
        if event.key() in _HOLD_KEYS:
            if not event.isAutoRepeat():
                self.setDown(False)
                self._cancel()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Losing the keyboard focus ends a hold."""
        self._cancel()
        super().focusOutEvent(event)

    # -- drawing ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the button, then the progress bar along its bottom while it is held."""
        super().paintEvent(event)
        if self._progress <= 0.0:
            return
        bar = max(8, self.height() // 8)
        inset = 6
        width = (self.width() - 2 * inset) * self._progress
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(COLOURS.primary))
        painter.drawRoundedRect(
            QRectF(inset, self.height() - inset - bar, width, bar), bar / 2, bar / 2
        )
        painter.end()
