"""Loading the modules the next screens need on a background thread, while the window idles.

Importing a module runs its code once; done on the window's thread, a large import (the alert
outbox pulls in phone-number rules, the check screens their widgets) would make the window
stutter. Imported here first, the later import on the window's thread is only a look-up.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

# What the window will import soon after it shows, in the order it is likely needed: the speech
# engine and the rules that turn a sentence into what is read aloud, the check (a frightened
# person may press its button as soon as the window shows: the window then waits for what is
# being imported here), the remote-app guard, the outbox, the family's call card (the
# verdict's first action), the message check.
SOON = (
    "guardian.speech.espeak",
    "guardian.core.speech_text",
    "guardian.ui.check_call",
    "guardian.guard.watcher",
    "guardian.alerts.outbox_worker",
    "guardian.ui.call_card",
    "guardian.ui.check_message",
    "guardian.ui.money_sent",
    "guardian.storage.checks",
)
# Cached reads to do then as well ("module:function"): the content files behind the check, the
# message checker's phrases and model, and the list of remote-control programs.
PREPARE = (
    "guardian.content_loader:load_content",
    "guardian.phrases_loader:load_phrases",
    "guardian.phrases_loader:load_text_model",
    "guardian.guard.scan:load_remote_apps",
)


class Warmup(QObject):
    """Imports ``modules`` and runs ``tasks`` on a plain thread, then calls ``then``.

    Args:
        modules: dotted module names to import.
        then: called on the thread that made the Warmup once the imports are done (also if
            one failed: the import is then tried again where it is needed, and logged here).
        tasks: "module:function" names of functions without arguments, called on the plain
            thread after the imports to fill their caches (reading the content files, say); one
            that fails is logged, and is done again where its result is needed.

    Signals:
        done: the imports finished.
    """

    done = Signal()

    def __init__(
        self,
        modules: Sequence[str] = SOON,
        then: Callable[[], None] | None = None,
        parent: QObject | None = None,
        *,
        tasks: Sequence[str] = PREPARE,
    ) -> None:
        super().__init__(parent)
        self._modules = tuple(modules)
        self._tasks = tuple(tasks)
        if then is not None:
            self.done.connect(then)
        self._thread = threading.Thread(target=self._run, name="guardian-warmup", daemon=True)
        self._stopping = threading.Event()

    def start(self) -> None:
        """Begin importing."""
        self._thread.start()

    def wait(self, seconds: float = 10.0) -> None:
        """Stop after the module or task at hand and wait for that (at shutdown).

        Nothing more is loaded and ``done`` is not emitted: the app is closing.
        """
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(seconds)

    def _run(self) -> None:
        for name in self._modules:
            if self._stopping.is_set():
                return
            try:
                importlib.import_module(name)
            except Exception:  # a broken module is reported where it is really used
                log.exception("could not load %s ahead of time", name)
        for task in self._tasks:
            if self._stopping.is_set():
                return
            module, _, function = task.partition(":")
            try:
                getattr(importlib.import_module(module), function)()
            except Exception:  # reported again where the result is really used
                log.exception("could not prepare %s ahead of time", task)
        if not self._stopping.is_set():
            self.done.emit()
