"""Pieces every family-settings screen shares: the page frame, form fields, jobs, the outbox.

The family settings are used by a grown-up who sets things up once, but the person sees them
too: large type, one clear main action, messages that stay until the next press, nothing
that times out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guardian.services.jobs import Job
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, scrolling

log = logging.getLogger(__name__)

T = TypeVar("T")


def replace_or_show(ctx: AppContext, screen: Screen) -> None:
    """Show ``screen`` in place of the current one when the window can, else on top of it.

    The main window can replace a screen, so that "back" from the settings hub goes home and
    not to the PIN pad again, and "back" from a channel form returns to the contact, not to the
    list of kinds.
    """
    nav = ctx.navigator()
    replace_screen = getattr(nav, "replace_screen", None)
    if callable(replace_screen):
        replace_screen(screen)
    else:
        nav.show_screen(screen)


def wake_outbox(ctx: AppContext) -> None:
    """Tell the alert sender to look at the outbox now, when it runs."""
    outbox = ctx.services.outbox
    if outbox is not None:
        outbox.wake()


class FamilyScreen(Screen):
    """A family-settings page: a scrolling body, a message line, and a row of actions below.

    Subclasses add their widgets to ``self.body`` and their main buttons to ``self.action_row``.
    :meth:`run` sends a job to the disk worker and drops its answer if the screen was closed
    meanwhile.

    Args:
        ctx: the shared app context.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.closed = False
        page = QWidget()
        self.body = QVBoxLayout(page)
        self.body.setContentsMargins(40, 20, 40, 20)
        self.body.setSpacing(16)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll_area = scrolling(page)
        outer.addWidget(self.scroll_area, 1)
        self.message = label("", "banner")
        self.message.setVisible(False)
        message_row = QHBoxLayout()
        message_row.setContentsMargins(40, 8, 40, 0)
        message_row.addWidget(self.message)
        outer.addLayout(message_row)
        self.action_bar = QWidget()
        self.action_row = QHBoxLayout(self.action_bar)
        self.action_row.setContentsMargins(40, 12, 40, 18)
        self.action_row.setSpacing(16)
        outer.addWidget(self.action_bar)
        self._outer = outer
        self.discarded = False
        self._leave: Callable[[], None] | None = None
        self.leave_prompt: QWidget | None = None

    def button(
        self,
        key: str,
        icon: str | None = None,
        *,
        role: str | None = None,
        action: Callable[[], None] | None = None,
        description_key: str = "",
        **values: Any,
    ) -> BigButton:
        """Return a big button with the words ``key`` (and an optional pictogram)."""
        ctx = self.ctx
        text = ctx.t(key, **values)
        button = BigButton(
            text,
            icon,
            role=role,
            icon_px=ctx.theme.button_icon_px,
            description=ctx.t(description_key, **values) if description_key else text,
        )
        if action is not None:
            button.clicked.connect(lambda _=False: action())
        return button

    def show_message(self, text: str, *, speak: bool = True) -> None:
        """Show ``text`` under the page until it is replaced, and read it aloud."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if speak and text:
            self.ctx.say(text)

    def show_first_error(self, fields: list[FormField]) -> None:
        """Scroll to the first field with an error and put the focus in it."""
        for field in fields:
            if field.error_text():
                self.scroll_area.ensureWidgetVisible(field, 0, 40)
                self.scroll_area.ensureWidgetVisible(field.error, 0, 40)
                field.field.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def clear_message(self) -> None:
        """Hide the message line."""
        self.message.setText("")
        self.message.setVisible(False)

    def run(
        self,
        job: Job[T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``job`` on the disk worker; the answers reach this screen only while it is open.

        Where nothing can be read or saved (no database, or the app is closing), the page says
        so and no job starts.
        """
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            # No database, or the app is closing (an answer arriving now, say the set-up state
            # just read, starts no new work; a closing window shows nothing anyway).
            log.info("nothing can be saved now: a family-settings job was not started")
            self.show_message(self.ctx.t("family.no_storage"))
            return

        def done(result: T) -> None:
            if not self.closed and on_done is not None:
                on_done(result)

        def failed(error: Exception) -> None:
            log.error("a family-settings job failed: %s", error)
            if self.closed:
                return
            if on_error is not None:
                on_error(error)
            else:
                self.show_message(self.ctx.t("family.save_failed"))

        disk.submit(job, on_done=done, on_error=failed)

    def closing(self) -> None:
        """Remember that the screen is gone, so late answers from the disk are dropped."""
        self.closed = True

    # -- leaving with unsaved changes ------------------------------------------------------

    def unsaved(self) -> bool:
        """Whether the page holds changes that are not saved yet (a form says so)."""
        return False

    def save_then(self, leave: Callable[[], None]) -> None:
        """Save the page's changes, then call ``leave``; not at all when they cannot be saved.

        A form shows why it cannot save (under its fields) and stays open.
        """
        leave()

    def has_unsaved_work(self) -> bool:
        """Whether the page has changes not saved yet that the person has not given up."""
        return not self.discarded and self.unsaved()

    def ask_to_save(self, leave: Callable[[], None]) -> None:
        """Ask "not saved yet, save it?" in place of the page's buttons, and read it aloud.

        "Save" saves and then leaves, "don't save" leaves, "keep filling in" stays.
        """
        self._leave = leave
        if self.leave_prompt is None:
            self.leave_prompt = self._make_leave_prompt()
        self.clear_message()
        self.action_bar.setVisible(False)
        self.leave_prompt.setVisible(True)
        self.prompt_save.setFocus()
        self.ctx.say(self.ctx.t("family.unsaved_question"))

    def _make_leave_prompt(self) -> QWidget:
        prompt = QWidget()
        layout = QVBoxLayout(prompt)
        layout.setContentsMargins(40, 12, 40, 18)
        layout.setSpacing(12)
        self.prompt_question = label(self.ctx.t("family.unsaved_question"), "banner")
        layout.addWidget(self.prompt_question)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.prompt_save = self.button(
            "family.unsaved_save", "answer_yes", role="primary", action=self._prompt_save
        )
        self.prompt_discard = self.button(
            "family.unsaved_discard", "answer_no", action=self._prompt_discard
        )
        self.prompt_continue = self.button(
            "family.unsaved_continue", "back", action=self._prompt_continue
        )
        row.addWidget(self.prompt_save, 1)
        row.addWidget(self.prompt_discard, 1)
        row.addWidget(self.prompt_continue, 1)
        layout.addLayout(row)
        prompt.setVisible(False)
        self._outer.addWidget(prompt)
        return prompt

    def leave_prompt_shown(self) -> bool:
        """Whether the page is asking whether to save before leaving."""
        return self.leave_prompt is not None and not self.leave_prompt.isHidden()

    def _close_prompt(self) -> Callable[[], None] | None:
        if self.leave_prompt is not None:
            self.leave_prompt.setVisible(False)
        self.action_bar.setVisible(True)
        leave, self._leave = self._leave, None
        return leave

    def _prompt_save(self) -> None:
        leave = self._close_prompt()
        self.save_then(leave or (lambda: None))

    def _prompt_discard(self) -> None:
        leave = self._close_prompt()
        self.discarded = True
        if leave is not None:
            leave()

    def _prompt_continue(self) -> None:
        self._close_prompt()
        self.ctx.say(self.ctx.t("family.unsaved_continued"))


class FormField(QWidget):
    """A caption, the field itself, an optional hint, and the field's own error line.

    Args:
        caption: what the field is.
        field: the input widget.
        hint: a short help line, or empty.
        extra: more widgets to put beside the field (a "show" button...).
    """

    def __init__(
        self,
        caption: str,
        field: QWidget,
        hint: str = "",
        extra: tuple[QWidget, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.caption = label(caption, "heading")
        layout.addWidget(self.caption)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(field, 1)
        for widget in extra:
            row.addWidget(widget)
        layout.addLayout(row)
        self.error = label("", "banner")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.hint: QLabel | None = None
        if hint:
            self.hint = label(hint, "soft")
            layout.addWidget(self.hint)
        field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_error(self, text: str) -> None:
        """Show ``text`` right under the field (empty hides it)."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def error_text(self) -> str:
        """The error shown under the field, or empty."""
        return self.error.text() if not self.error.isHidden() else ""


def two_press(
    button: BigButton, ctx: AppContext, confirm_text: str, act: Callable[[], None]
) -> None:
    """Make ``button`` ask once more (in its own words, read aloud) before it does ``act``."""
    original = button.label()

    def pressed() -> None:
        if button.property("confirming"):
            button.setProperty("confirming", False)
            button.text_widget.setText(original)
            button.setAccessibleName(original)
            act()
            return
        button.setProperty("confirming", True)
        button.text_widget.setText(confirm_text)
        button.setAccessibleName(confirm_text)
        ctx.say(confirm_text)

    button.clicked.connect(lambda _=False: pressed())
