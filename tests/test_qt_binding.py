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


def test_the_quick_feature_check_gives_the_bindings_answers() -> None:
    import json
    import types

    from shibokensupport import feature  # type: ignore[import-not-found]

    import guardian.ui.home
    from guardian.qt_binding import quicken_feature_check

    assert quicken_feature_check(), "this PySide6 has no per-module check to make quicker"
    assert quicken_feature_check(), "a second call keeps the quick check"
    quick = feature._mod_uses_pyside
    original = quick.original
    for module in (guardian.ui.home, json, sys, types, feature):
        assert quick(module) == bool(original(module)), module.__name__
    assert quick(guardian.ui.home) is True
    assert quick(json) is False
