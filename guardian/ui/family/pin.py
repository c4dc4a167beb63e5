"""The PIN in front of the family settings: set it the first time, type it every time after.

Every read and write of the PIN goes through the disk worker. Five wrong tries in a row lock
the keypad, for longer each time (5 minutes, 15 minutes, an hour...; see
:mod:`guardian.core.pin`), and each lock is announced to the family's alert channels; the
screen says how long is left in plain words and looks again once a minute (never a countdown
that moves every second).

A PIN that is gone while contacts are set up (the file was changed or damaged) is announced to
the family before the keypad offers a new one, and the screen says so first, on its own, with
one button to go on to set a new PIN; the new PIN is announced too.

The first set-up's PIN step (:class:`SetupPinScreen`) is the same pad; it says that only a
family member sets the PIN, and goes back to the set-up once the PIN is set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from guardian.core.field_error import Words
from guardian.core.i18n import Text
from guardian.core.pin import (
    PIN_MAX_DIGITS,
    PIN_MIN_DIGITS,
    PinAttempt,
    PinLockState,
    PinPolicy,
    validate_new_pin,
    validate_pin,
)
from guardian.services import pin as pin_jobs
from guardian.services.family_changes import Guarded, words_for
from guardian.services.jobs import Job
from guardian.services.pin import PinStatus
from guardian.ui.context import AppContext
from guardian.ui.family.common import wake_outbox
from guardian.ui.family.pin_pad import PinPad
from guardian.ui.family.setup_steps import step_name
from guardian.ui.routes import open_in_place
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label

T = TypeVar("T")

#: How often a locked keypad looks again whether the lock has ended.
LOCK_CHECK_MS = 60_000

PinStep = Literal["loading", "missing", "setup", "confirm", "entry", "locked", "done"]


def locked_message(seconds_left: float) -> Text:
    """The plain words for a lock with ``seconds_left`` to go (whole minutes, rounded up)."""
    return PinAttempt("locked", 0, seconds_left, PinLockState()).message() or Text("", "")


class PinScreen(Screen):
    """Sets the family PIN (typed twice), or asks for it and opens the settings.

    Args:
        ctx: the shared app context (its ``disk`` keeps the PIN).
        change: set a new PIN from inside the settings instead of guarding them.
        policy: the lock rules and their clock (the real ones by default).
    """

    def __init__(
        self,
        ctx: AppContext,
        *,
        change: bool = False,
        policy: PinPolicy | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.change = change
        self.policy = policy or PinPolicy()
        self.step: PinStep = "loading"
        self.closed = False
        self._first = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pad = PinPad(ctx)
        self.pad.submitted.connect(self._submitted)
        layout.addWidget(self.pad, 1)
        self.storage_note = label(ctx.t("family.no_storage"), "banner")
        self.storage_note.setVisible(False)
        layout.addWidget(self.storage_note)
        # The warning about a PIN that went missing, shown alone before the keypad.
        self.missing_page = QWidget()
        missing_layout = QVBoxLayout(self.missing_page)
        missing_layout.setContentsMargins(40, 20, 40, 20)
        missing_layout.setSpacing(24)
        self.missing_note = label("", "banner")
        missing_layout.addWidget(self.missing_note)
        missing_layout.addStretch(1)
        self.missing_continue = BigButton(
            ctx.t("pin.missing_continue"),
            "settings_lock",
            role="primary",
            icon_px=ctx.theme.button_icon_px,
            description=ctx.t("pin.missing_continue_description"),
        )
        self.missing_continue.clicked.connect(self._missing_seen)
        missing_layout.addWidget(self.missing_continue)
        self.missing_page.setVisible(False)
        layout.addWidget(self.missing_page, 1)
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(LOCK_CHECK_MS)
        self._lock_timer.timeout.connect(self.refresh_lock)
        self.pad.set_locked(True)
        # Reading the PIN's state may tell the family it went missing: done when it first shows.
        self._to_load = not change
        if change:
            self._to_setup()

    # -- what shows ------------------------------------------------------------------------

    def title(self) -> str:
        """The words "change PIN" inside the settings, else "family settings"."""
        return self.ctx.t("pin.change_title" if self.change else "family.title")

    def spoken_text(self) -> str:
        """What to type, and the message if there is one (or the warning about a lost PIN)."""
        if self.step == "missing":
            return self.ctx.sentences(self.missing_note.text(), self.missing_continue.label())
        return self.ctx.sentences(
            self.pad.prompt.text(), self.pad.hint.text(), self.pad.message_text()
        )

    def _show_pad(self, shown: bool) -> None:
        self.pad.setVisible(shown)
        self.missing_page.setVisible(not shown)

    def _to_missing(self, has_channels: bool) -> None:
        self.step = "missing"
        told = "pin.missing_told" if has_channels else "pin.missing_untold"
        self.missing_note.setText(self.ctx.t(told))
        self._show_pad(False)

    def _missing_seen(self) -> None:
        self._to_setup()
        self.pad.focus_field()
        self.header_changed.emit()
        self.ctx.say(self.spoken_text())

    def _to_setup(self, message: str = "") -> None:
        ctx = self.ctx
        self.step = "setup"
        self._first = ""
        self._show_pad(True)
        self.pad.show_keys(True)
        self.pad.set_locked(False)
        self.pad.clear()
        self.pad.set_prompt(
            ctx.t("pin.setup_prompt", low=PIN_MIN_DIGITS, high=PIN_MAX_DIGITS),
            ctx.t("pin.setup_hint"),
        )
        self.pad.show_message(message)

    def _to_entry(self, message: str = "") -> None:
        self.step = "entry"
        self.pad.show_keys(True)
        self.pad.set_locked(False)
        self.pad.clear()
        self.pad.set_prompt(self.ctx.t("pin.entry_prompt"), self.ctx.t("pin.entry_hint"))
        self.pad.show_message(message)
        self._lock_timer.stop()

    def _to_locked(self, seconds_left: float) -> None:
        self.step = "locked"
        self.pad.clear()
        self.pad.set_locked(True)
        self.pad.show_keys(False)  # nothing can be typed: the words get the room
        self.pad.set_prompt(self.ctx.t("pin.locked_prompt"), self.ctx.t("pin.locked_hint"))
        self.pad.show_message(self.ctx.pick(locked_message(seconds_left)))
        if not self._lock_timer.isActive() and not self.closed:
            self._lock_timer.start()

    # -- the disk --------------------------------------------------------------------------

    def _submit(self, job: Job[T], on_done: Callable[[T], None]) -> None:
        disk = self.ctx.disk
        if not disk.accepting_jobs:
            self.storage_note.setVisible(True)
            self.ctx.say(self.storage_note.text())
            return

        def done(result: T) -> None:
            if not self.closed:
                on_done(result)

        def failed(error: Exception) -> None:
            if not self.closed:
                self.pad.show_message(self.ctx.t("pin.storage_failed"))
                self.ctx.say(self.ctx.t("pin.storage_failed"))

        disk.submit(job, on_done=done, on_error=failed)

    def _person_name(self) -> str:
        return self.ctx.person_name

    def _words(self) -> Words:
        """The catalog's sentences in the language of now, for an alert written on the disk."""
        return words_for(self.ctx.catalog, self.ctx.lang)

    def _load(self) -> None:
        # A missing PIN is announced here, before the keypad can set a new one.
        job = pin_jobs.status(self.policy, words=self._words(), person_name=self._person_name())
        self._submit(job, self._loaded)

    def _loaded(self, status: PinStatus) -> None:
        if status.alerts:
            wake_outbox(self.ctx)
        if status.missing:
            self._to_missing(status.has_channels)
        elif not status.has_pin:
            self._to_setup()
        elif status.seconds_locked > 0:
            self._to_locked(status.seconds_locked)
        else:
            self._to_entry()
        self.header_changed.emit()
        if self.isVisible() and self.ctx.auto_read:
            self.ctx.say(self.spoken_text())

    def refresh_lock(self) -> None:
        """Look again how long the lock lasts (once a minute, and when the screen shows)."""
        if self.step != "locked":
            return
        self._submit(pin_jobs.seconds_locked(self.policy), self._lock_refreshed)

    def _lock_refreshed(self, seconds_left: float) -> None:
        if self.step != "locked":
            return
        if seconds_left > 0:
            self._to_locked(seconds_left)
        else:
            self._to_entry()
            self.ctx.say(self.spoken_text())

    # -- typing ----------------------------------------------------------------------------

    def _submitted(self, pin: str) -> None:
        if self.step == "setup":
            self._setup_first(pin)
        elif self.step == "confirm":
            self._setup_second(pin)
        elif self.step == "entry":
            self._try(pin)

    def _say_message(self, text: str) -> None:
        self.pad.show_message(text)
        self.ctx.say(text)

    def _setup_first(self, pin: str) -> None:
        problem = validate_pin(pin)
        if problem is not None:
            self.pad.clear()
            self._say_message(self.ctx.pick(problem))
            return
        self._first = pin
        self.step = "confirm"
        self.pad.clear()
        self.pad.set_prompt(self.ctx.t("pin.confirm_prompt"), self.ctx.t("pin.confirm_hint"))
        self.pad.show_message("")
        self.ctx.say(self.spoken_text())

    def _setup_second(self, pin: str) -> None:
        problem = validate_new_pin(self._first, pin)
        if problem is not None:
            self._to_setup(self.ctx.pick(problem))
            self.ctx.say(self.spoken_text())
            return
        self.pad.set_locked(True)
        self._submit(
            pin_jobs.set_pin(self._first, change=self.change, words=self._words()),
            self._saved,
        )

    def _saved(self, guarded: Guarded[None]) -> None:
        if guarded.alerts:
            wake_outbox(self.ctx)
        self.step = "done"
        self._first = ""
        self.pad.clear()
        if self.change:
            self.pad.set_prompt(self.ctx.t("pin.changed"), "")
            self.pad.show_message("")
            self.ctx.say(self.ctx.t("pin.changed"))
            self.ctx.navigator().back()
            return
        self.ctx.say(self.ctx.t("pin.set_done"))
        self._open_settings()

    def _try(self, pin: str) -> None:
        job = pin_jobs.try_pin(
            pin, self.policy, words=self._words(), person_name=self._person_name()
        )
        self.pad.set_locked(True)
        self._submit(job, self._tried)

    def _tried(self, attempt: PinAttempt) -> None:
        if attempt.new_lock:
            wake_outbox(self.ctx)  # the family is told of the lock
        if attempt.outcome == "ok":
            self.step = "done"
            self.pad.clear()
            self._open_settings()
            return
        message = self.ctx.pick(attempt.message() or Text("", ""))
        if attempt.outcome == "locked":
            self._to_locked(attempt.seconds_left)
        else:
            self._to_entry(message)
        self.ctx.say(message)

    def _open_settings(self) -> None:
        # The family's first set-up while it is not finished, else the settings.
        open_in_place(self.ctx, "family_hub")

    # -- screen life -----------------------------------------------------------------------

    def entered(self) -> None:
        """Read the PIN's state (the first time), look at the lock, focus the PIN field."""
        if self._to_load:
            self._to_load = False
            self._load()
        self.refresh_lock()
        if self.step == "locked" and not self._lock_timer.isActive():
            self._lock_timer.start()
        if self.step == "missing":
            self.missing_continue.setFocus()
        else:
            self.pad.focus_field()

    def leaving(self) -> None:
        """Stop looking at the lock while another screen shows."""
        self._lock_timer.stop()

    def closing(self) -> None:
        """Stop the lock check for good."""
        self.closed = True
        self._lock_timer.stop()


class SetupPinScreen(PinScreen):
    """The PIN pad as the set-up's first step: says that only a family member sets the PIN.

    A scammer on the phone may coach the person to set one; the pad's help line says so
    plainly while a new PIN is typed. Once the PIN is set (or typed, when one was already
    there) it goes back to the set-up.

    Args:
        ctx: the shared app context.
    """

    def title(self) -> str:
        """The step's name."""
        return step_name(self.ctx, "pin")

    def _to_setup(self, message: str = "") -> None:
        super()._to_setup(message)
        self.pad.set_prompt(self.pad.prompt.text(), self.ctx.t("setup.pin_family_only"))

    def _open_settings(self) -> None:
        # The PIN is set: back to the set-up, which goes on to the next step.
        self.ctx.navigator().back()
