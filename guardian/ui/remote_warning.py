"""The full-screen warning when a remote-control or screen-sharing program is running.

While a check or the "I already sent money" steps are open, the remote-app watcher scans the
computer; a program found there opens this warning (once per program) and is read aloud.

The main button is "帮我关掉" (close it for me). It asks once, "Guardian 要关掉 AnyDesk，可以吗？",
and only after "可以" does Guardian end the program (the app's ``services.stop_app``, run on
a worker thread), scan again, and say whether it worked. When it did not (not allowed, or the
program came back), the screen says to phone the family and how to switch the computer off.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from guardian.core.remote_apps import Found
from guardian.ui.background import BackgroundCall
from guardian.ui.context import AppContext
from guardian.ui.paged_column import PagedColumn
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, icon_label, label

_log = logging.getLogger(__name__)

STEP_KEYS = ("remote.step_hang_up", "remote.step_bank")

WARNING, CONFIRM, CLOSING, CLOSED, NOT_CLOSED = "warning", "confirm", "closing", "closed", "failed"
PAGES = (WARNING, CONFIRM, CLOSING, CLOSED, NOT_CLOSED)


class ProgramStopper(Protocol):
    """Ends remote-control programs; blocking, so it is called off the window's thread."""

    def stop(self, programs: list[Found]) -> list[Found]:
        """End ``programs`` and return those of them that still run afterwards."""


class RemoteAppWarningScreen(Screen):
    """Says what to do now, and closes the programs found when the person agrees.

    Pages, one at a time: the warning (with "帮我关掉"), the question "may Guardian close it?",
    "closing, please wait", and the result: closed, or not closed (phone the family, or switch
    the computer off).

    Args:
        ctx: the shared app context; ``ctx.services.stop_app`` ends the programs (absent:
            the result says they could not be closed).
        found: the programs found running.
    """

    title_key = "remote.title"

    def __init__(self, ctx: AppContext, found: list[Found], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.found = list(found)
        self.still_running: list[Found] = []
        self.page = WARNING
        self._closed = False
        self._closing: BackgroundCall[list[Found]] | None = None
        theme = ctx.theme
        names = self.program_names()
        px = theme.button_icon_px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 8, 36, 8)
        outer.setSpacing(14)
        self.pages: dict[str, QWidget] = {}
        self.texts: dict[str, list[QLabel]] = {}

        # The warning: what is running, what to do now, and the main button.
        # At the two larger text sizes the headline is body-sized, so the page still fits.
        headline_role = "title" if theme.roomy else "heading"
        self.headline = label(ctx.t("remote.headline", names=names), headline_role)
        self.steps = [label(f"{n}. {ctx.t(key)}") for n, key in enumerate(STEP_KEYS, 1)]
        self.family_button = self._family_button(px, "tile")
        self.close_button = BigButton(
            ctx.t("remote.close_for_me"), "sig_remote_app_running", role="primary", icon_px=px
        )
        self.close_button.clicked.connect(lambda: self.show_page(CONFIRM))
        self._add_page(
            outer,
            WARNING,
            [self.headline, *self.steps],
            [self.family_button, self.close_button],
        )

        # The one question before anything is ended.
        self.question = label(ctx.t("remote.confirm", names=names), "title")
        self.no_button = BigButton(ctx.t("remote.no"), "answer_no", role="answer", icon_px=px)
        self.no_button.clicked.connect(lambda: self.show_page(WARNING))
        self.yes_button = BigButton(ctx.t("remote.yes"), "answer_yes", role="primary", icon_px=px)
        self.yes_button.clicked.connect(self.close_programs)
        self._add_page(outer, CONFIRM, [self.question], [self.no_button, self.yes_button])

        # Working: nothing to press.
        self.closing_text = label(ctx.t("remote.closing", names=names), "title")
        self._add_page(outer, CLOSING, [self.closing_text], [])

        # Closed.
        self.closed_text = label(ctx.t("remote.closed", names=names), "title")
        self.closed_steps = [label(f"{n}. {ctx.t(key)}") for n, key in enumerate(STEP_KEYS, 1)]
        self.done_button = BigButton(ctx.t("remote.ok"), "answer_yes", role="primary", icon_px=px)
        self.done_button.clicked.connect(lambda: ctx.navigator().back())
        self._add_page(
            outer, CLOSED, [self.closed_text, *self.closed_steps], [self.done_button], "answer_yes"
        )

        # Not closed: phone the family, or switch the computer off.
        self.failed_text = label(ctx.t("remote.not_closed", names=names), "title")
        self.power_off = label(ctx.t("remote.power_off"))
        self.failed_family_button = self._family_button(px, "primary")
        self._add_page(
            outer, NOT_CLOSED, [self.failed_text, self.power_off], [self.failed_family_button]
        )
        self.show_page(WARNING, read=False)

    def _family_button(self, px: int, role: str) -> BigButton:
        button = BigButton(self.ctx.t("verdict.call_family"), "family", role=role, icon_px=px)
        button.clicked.connect(lambda: self.ctx.navigator().open("call_family"))
        return button

    def _add_page(
        self,
        outer: QVBoxLayout,
        name: str,
        texts: list[QLabel],
        buttons: list[BigButton],
        icon: str = "warning",
    ) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        first, *rest = texts
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)
        theme = self.ctx.theme
        row.addWidget(icon_label(icon, theme.tile_icon_px if theme.roomy else theme.button_icon_px))
        row.addWidget(first, 1)
        # What does not fit (a long list of programs, the largest text) goes to a next page.
        column = PagedColumn(self.ctx)
        column.add(top)
        for text in rest:
            column.add(text)
        layout.addWidget(column, 1)
        if buttons:
            row = QHBoxLayout()
            row.setSpacing(16)
            for button in buttons:
                row.addWidget(button)
            layout.addLayout(row)
        outer.addWidget(page, 1)
        self.pages[name] = page
        self.texts[name] = texts

    def program_names(self) -> str:
        """The names of the programs found, joined for a sentence."""
        joiner = "、" if self.ctx.lang == "zh" else ", "
        return joiner.join(self.ctx.pick(item.app.name) for item in self.found)

    def show_page(self, name: str, *, read: bool = True) -> None:
        """Show one page (see :data:`PAGES`) and, unless ``read`` is False, read it aloud."""
        self.page = name
        for page_name, page in self.pages.items():
            page.setVisible(page_name == name)
        if read:
            self.ctx.say(self.spoken_text())

    def close_programs(self) -> None:
        """End the programs found (the person has agreed), off the window's thread."""
        if self._closing is not None:
            return
        self.show_page(CLOSING)
        stopper = self.ctx.services.stop_app
        programs = list(self.found)
        self._closing = BackgroundCall(
            lambda: list(programs) if stopper is None else stopper.stop(programs),
            self._show_result,
            on_error=lambda error: self._show_result(programs),  # logged by the call
            name="guardian-stop-app",
        )
        self._closing.start()

    def wait_for_closing(self, timeout: float | None = None) -> None:
        """Wait until the programs are closed or given up on (for tests and shutting down)."""
        if self._closing is not None:
            self._closing.wait(timeout)

    def _show_result(self, still_running: list[Found]) -> None:
        if self._closed:
            return
        self._closing = None
        self.still_running = list(still_running)
        self.show_page(NOT_CLOSED if self.still_running else CLOSED)

    def handle_back(self) -> bool:
        """From the question, back to the warning; from anywhere else, close the screen."""
        if self.page == CONFIRM:
            self.show_page(WARNING)
            return True
        return False

    def closing(self) -> None:
        """Ignore a result that arrives after the screen has gone."""
        self._closed = True
        if self._closing is not None:
            self._closing.drop()

    def spoken_text(self) -> str:
        """What the page shows, top to bottom, then its buttons' words where they matter."""
        parts = [text.text() for text in self.texts[self.page]]
        if self.page == WARNING:
            parts = [self.headline.text(), *(self.ctx.t(key) for key in STEP_KEYS)]
            parts.append(self.ctx.t("remote.close_hint"))
        elif self.page == CLOSED:
            parts = [self.closed_text.text(), *(self.ctx.t(key) for key in STEP_KEYS)]
        return self.ctx.sentences(*parts)
