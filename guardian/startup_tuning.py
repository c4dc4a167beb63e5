"""Start-up tuning: every setting that makes the window appear or answer sooner, in one place.

Each function states its rule; the figures that justify it belong to the benchmarks
(``tests/benchmarks/bench_startup.py`` measures the start-up with the tuning on and off,
``tests/benchmarks/bench_stall.py`` the longest time the window stops answering), never to
comments, where they would go stale.

One switch turns all of it off: start Guardian with the environment variable
``GUARDIAN_NO_TUNING=1`` and it runs with the interpreter's own settings. Use it to measure the
tuning, or to rule it out when looking for the cause of a fault. Nothing here changes what the
window shows or says, only when.

Only public, documented interpreter settings and import hooks are used here; nothing replaces a
part of a library.

One rule of the same kind lives in the code of the first screen and cannot be switched off:
nothing built before the first paint uses Python's ``Qt`` namespace (``PySide6.QtCore.Qt``),
whose first use makes all of its enums at once. Those widgets set such values by name with
``guardian.ui.widgets.set_enum_property``; ``tests/e2e/test_first_paint.py`` keeps the rule,
and the start-up benchmark measures what it saves (``guardian_qt_namespace_first``).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from importlib.machinery import ModuleSpec
from types import ModuleType

SWITCH = "GUARDIAN_NO_TUNING"
"""The environment variable that turns the tuning off when set to anything but "" or "0"."""


def enabled() -> bool:
    """Whether the tuning is on: it is, unless ``GUARDIAN_NO_TUNING`` is set (and not "0")."""
    return os.environ.get(SWITCH, "") in ("", "0")


class SqliteUtilsWithoutNumpy:
    """An import hook that lets sqlite-utils load without NumPy, and everything else with it.

    Rule: sqlite-utils imports NumPy whenever it is installed, only to store NumPy's number
    types; Guardian stores none, and NumPy (installed for the picture reader) would otherwise
    be loaded at every start, on the disk thread, for nothing. On the thread that imports the
    package ``sqlite_utils``, the one request for NumPy that follows is answered "not
    installed", which sqlite-utils takes as such; then the hook removes itself. Any other
    thread, and any import of NumPy before sqlite-utils, gets NumPy as usual.

    Installed at the head of ``sys.meta_path`` (a documented import hook); a finder that only
    ever declines or refuses, it never loads a module itself.
    """

    def __init__(self) -> None:
        self._importing_thread: int | None = None

    def find_spec(
        self,
        fullname: str,
        path: object = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        """Note the thread that imports sqlite-utils; refuse NumPy to that thread once."""
        if fullname == "sqlite_utils" and self._importing_thread is None:
            self._importing_thread = threading.get_ident()
        elif fullname == "numpy" and self._importing_thread == threading.get_ident():
            self.remove()
            raise ModuleNotFoundError("left out for sqlite-utils", name=fullname)
        return None

    def remove(self) -> None:
        """Take the hook out of ``sys.meta_path`` (nothing happens if it is not there)."""
        if self in sys.meta_path:
            sys.meta_path.remove(self)


_hooks: list[SqliteUtilsWithoutNumpy] = []


def before_start() -> None:
    """The very first step: the collector off, and sqlite-utils to load without NumPy.

    Rule: start-up makes many objects that live as long as the app (classes, enums, widgets),
    and the collector's passes over them find nothing to free; ``after_start_up_work`` turns
    it back on. For NumPy see :class:`SqliteUtilsWithoutNumpy` (nothing to do when sqlite-utils
    or NumPy is loaded already).
    """
    if not enabled():
        return
    gc.disable()
    if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
        hook = SqliteUtilsWithoutNumpy()
        sys.meta_path.insert(0, hook)
        _hooks.append(hook)


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
    """Undo the tuning: what start-up set aside may be collected again; the hook is gone."""
    if not enabled():
        return
    gc.unfreeze()
    gc.enable()
    while _hooks:
        _hooks.pop().remove()
