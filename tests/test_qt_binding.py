"""The installed Qt binding does not lose references on signal emission.

PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()`` under Python 3.11, and a
few hundred emits abort the interpreter; pyproject.toml excludes that version. This catches a
binding with the same fault before the app does.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    text = Signal(str)


def test_emitting_signals_keeps_reference_counts(qapp) -> None:
    emitter = _Emitter()
    received: list[str] = []
    emitter.plain.connect(lambda: received.append(""))
    emitter.text.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.plain.emit()
        emitter.text.emit("x")
    assert len(received) == 4000
    # The faulty binding loses exactly one reference per emit: 4000 here.
    assert sys.getrefcount(True) > before - 1000
