"""Start-up tuning: every setting that makes the window appear or answer sooner, in one place.

Each function states its rule; the figures that justify it belong to the benchmarks
(``tests/benchmarks/bench_startup.py`` measures the start-up with the tuning on and off,
``tests/benchmarks/bench_stall.py`` the longest time the window stops answering), never to
comments, where they would go stale.

One switch turns all of it off: start Guardian with the environment variable
``GUARDIAN_NO_TUNING=1`` and it runs with the interpreter's own settings. Use it to measure the
tuning, or to rule it out when looking for the cause of a fault. Nothing here changes what the
window shows or says, only when.

Only public, documented interpreter settings are used here; nothing replaces a part of a
library.

One rule of the same kind lives in the code of the first screen and cannot be switched off:
nothing built before the first paint uses Python's ``Qt`` namespace (``PySide6.QtCore.Qt``),
whose first use makes all of its enums at once. Those widgets set such values by name with
``guardian.ui.widgets.set_enum_property``; ``tests/e2e/test_first_paint.py`` keeps the rule,
and the start-up benchmark measures what it saves (``guardian_qt_namespace_first``).
"""

from __future__ import annotations

import gc
import os

SWITCH = "GUARDIAN_NO_TUNING"
"""The environment variable that turns the tuning off when set to anything but "" or "0"."""


def enabled() -> bool:
    """Whether the tuning is on: it is, unless ``GUARDIAN_NO_TUNING`` is set (and not "0")."""
    return os.environ.get(SWITCH, "") in ("", "0")


def before_start() -> None:
    """Turn the garbage collector off until the start-up work is done (the very first step).

    Rule: start-up makes many objects that live as long as the app (classes, enums, widgets),
    and the collector's passes over them find nothing to free; ``after_start_up_work`` turns
    it back on.
    """
    if not enabled():
        return
    gc.disable()


def after_start_up_work() -> None:
    """Keep what start-up loaded out of the collector's full passes, and collect again.

    Rule: everything loaded by the end of the start-up work lives as long as the app, so it is
    frozen (``gc.freeze``) and the collector, turned on again, looks only at what comes after.
    The few cycles start-up left behind are frozen with the rest rather than collected first,
    which would stop the window once more.
    """
    if not enabled():
        return
    gc.freeze()
    gc.enable()


def at_shutdown() -> None:
    """Undo ``after_start_up_work``: what start-up set aside may be collected again."""
    if not enabled():
        return
    gc.unfreeze()
    gc.enable()
