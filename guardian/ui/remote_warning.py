"""The full-screen warning when a remote-control or screen-sharing program is running.

While a check or the "I already sent money" steps are open, the remote-app watcher scans the
computer; a program found there opens this warning (once per program) and is read aloud.
Guardian never closes a program itself: it tells the person how.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from guardian.core.remote_apps import Found
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, icon_label, label, scrolling

STEP_KEYS = ("remote.step_hang_up", "remote.step_close", "remote.step_network", "remote.step_bank")


class RemoteAppWarningScreen(Screen):
    """Says what to do now, and how to close each program that was found.

    Args:
        ctx: the shared app context.
        found: the programs found running.
    """

    title_key = "remote.title"

    def __init__(self, ctx: AppContext, found: list[Found], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.found = list(found)
        theme = ctx.theme
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(36, 16, 36, 24)
        layout.setSpacing(14)
        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(icon_label("warning", theme.tile_icon_px))
        names = self.program_names()
        self.headline = label(ctx.t("remote.headline", names=names), "headline")
        top.addWidget(self.headline, 1)
        layout.addLayout(top)
        self.steps = [label(f"{n}. {ctx.t(key)}", "title") for n, key in enumerate(STEP_KEYS, 1)]
        for step in self.steps:
            layout.addWidget(step)
        for item in self.found:
            layout.addWidget(
                label(ctx.t("remote.how_to_close", name=ctx.pick(item.app.name)), "heading")
            )
            layout.addWidget(label(ctx.pick(item.app.close_steps)))
        layout.addWidget(label(ctx.t("remote.fallback")))
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body), 1)
        actions = QHBoxLayout()
        actions.setContentsMargins(36, 8, 36, 16)
        actions.setSpacing(16)
        px = theme.button_icon_px
        self.family_button = BigButton(
            ctx.t("verdict.call_family"), "family", role="tile", icon_px=px
        )
        self.family_button.clicked.connect(lambda: ctx.navigator().open("call_family"))
        self.done_button = BigButton(ctx.t("remote.done"), "answer_yes", role="primary", icon_px=px)
        self.done_button.clicked.connect(lambda: ctx.navigator().back())
        actions.addWidget(self.family_button)
        actions.addWidget(self.done_button)
        outer.addLayout(actions)

    def program_names(self) -> str:
        """The names of the programs found, joined for a sentence."""
        joiner = "、" if self.ctx.lang == "zh" else ", "
        return joiner.join(self.ctx.pick(item.app.name) for item in self.found)

    def spoken_text(self) -> str:
        """The headline, the steps, and how to close each program."""
        ctx = self.ctx
        parts = [self.headline.text(), *(ctx.t(key) for key in STEP_KEYS)]
        for item in self.found:
            parts.append(ctx.t("remote.how_to_close", name=ctx.pick(item.app.name)))
            parts.append(ctx.pick(item.app.close_steps))
        return ctx.sentences(*parts)


class RemoteAppAlert(QObject):
    """Links a screen to the app's remote-app watcher while the screen is open.

    Each program is warned about once per screen: the first time it is seen, ``on_found`` runs
    (to count the signal) and the warning screen opens.

    Args:
        ctx: the shared app context; ``ctx.services["guard"]`` is the watcher (absent: nothing).
        on_found: called with the programs found, before the warning opens.
        parent: the screen that owns the link.
    """

    def __init__(
        self,
        ctx: AppContext,
        on_found: Callable[[list[Found]], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._on_found = on_found
        self._warned: set[str] = set()
        self.watcher = ctx.services.get("guard")

    def start(self) -> None:
        """Start watching (scans now, then every few seconds)."""
        if self.watcher is None:
            return
        self.watcher.found.connect(self._found)
        self.watcher.start_polling()

    def stop(self) -> None:
        """Stop watching."""
        if self.watcher is None:
            return
        self.watcher.stop_polling()
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.watcher.found.disconnect(self._found)

    def _found(self, found: list[Found]) -> None:
        new = [item for item in found if item.app.id not in self._warned]
        if not new:
            return
        self._warned.update(item.app.id for item in new)
        if self._on_found is not None:
            self._on_found(found)
        self.ctx.navigator().show_screen(RemoteAppWarningScreen(self.ctx, found))
