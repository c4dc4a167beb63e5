"""The family's first set-up: a short sequence around the family screens that already exist.

PIN -> first family member -> how they get alerts (a test message that must arrive) -> open at
start-up (on unless the family member says no) -> the person's own bank -> done. Each step is
one page: what it is for, the button that opens the family screen doing it (the PIN pad, the
contact form, the channel list and form, the bank list), and "skip". When that screen is done,
the set-up is back and goes on by itself.

What is done comes from what is really stored (see :mod:`guardian.core.setup_state`); what the
set-up itself records (skipped steps, a test that arrived, the start-up choice) is kept in the
settings, so a skipped step can be taken up again after a restart. What is still missing is
listed on the family settings
(:class:`~guardian.ui.family.setup_checklist.SetupChecklist`), each item a big button.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from guardian.core.contacts import ChannelConfig, Contact
from guardian.core.delivery_problems import PROBLEMS, delivery_problem
from guardian.core.setup_state import SETUP_STEPS, SetupFacts, SetupState, SetupStep
from guardian.services import family_setup
from guardian.services.family_changes import Guarded, save_contact, words_for
from guardian.services.family_setup import SetupSnapshot, read_setup
from guardian.ui.context import AppContext
from guardian.ui.family.channel_words import channel_summary
from guardian.ui.family.common import FamilyScreen, wake_outbox
from guardian.ui.family.setup_steps import setup_facts, step_name
from guardian.ui.widgets import BigButton, label

log = logging.getLogger(__name__)

TestStatus = Literal["", "sending", "delivered", "failed"]

#: How often the set-up looks whether the sender has started, while a test waits for it.
OUTBOX_LOOK_MS = 500

# The buttons of the set-up pages: (catalog key, pictogram) by action.
ACTIONS: dict[str, tuple[str, str | None]] = {
    "pin": ("setup.pin_do", "settings_lock"),
    "family": ("setup.family_do", "contact"),
    "channel": ("setup.alerts_do", "alert"),
    "send": ("setup.alerts_send", "alert"),
    # After a failure that only new settings can mend (a wrong token, a mailbox that refuses
    # the code), changing them is the main action and sending again comes second.
    "change_main": ("setup.alerts_change", None),
    "retry_aside": ("setup.alerts_retry", "replay"),
    "retry": ("setup.alerts_retry", "replay"),
    "received": ("setup.alerts_received", "answer_yes"),
    "change": ("setup.alerts_change", None),
    "autostart_on": ("setup.autostart_on", "answer_yes"),
    "autostart_off": ("setup.autostart_off", "answer_no"),
    "bank": ("setup.bank_do", "bank"),
    "finish": ("setup.finish", "answer_yes"),
    "skip": ("setup.skip", "skip"),
}

# The main action of each page comes first; it is the largest.
MAIN_ACTIONS = frozenset(
    {
        "pin",
        "family",
        "channel",
        "send",
        "change_main",
        "retry",
        "received",
        "autostart_on",
        "bank",
        "finish",
    }
)

#: The reasons a test fails that only new settings mend: the token, the mailbox, the address.
SETTINGS_PROBLEMS = frozenset({"token", "email", "address"})


class SetupScreen(FamilyScreen):
    """The set-up, one step a page; each page opens the family screen that does the step.

    Args:
        ctx: the shared app context (``services.outbox`` sends the test message).
        only: do just this step (from the checklist), then go back; None: the whole sequence
            from the first step not done or skipped.
    """

    title_key = "setup.title"

    def __init__(
        self, ctx: AppContext, *, only: SetupStep | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.only = only
        self.state = SetupState()
        self.facts = SetupFacts()
        self.contact: Contact | None = None
        self.loaded = False
        self.page: SetupStep | Literal["loading", "done"] = "loading"
        self.test: TestStatus = ""
        self.test_ids: dict[int, str] = {}  # message id -> channel kind
        self.reports: dict[int, str] = {}  # message id -> "" when delivered, else the error
        self._outbox: object = None  # the sender listened to (None: not started yet)
        self.progress = label("", "soft")
        self.heading = label(ctx.t("setup.loading"), "title")
        self.why = label("")
        self.note = label("", "banner")
        self.note.setVisible(False)
        for widget in (self.progress, self.heading, self.why, self.note):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.action_buttons: dict[str, BigButton] = {}
        for name, (key, icon) in ACTIONS.items():
            button = self.button(
                key, icon, role="primary" if name in MAIN_ACTIONS else None, action=self._act(name)
            )
            button.setVisible(False)
            self.action_row.addWidget(button, 2 if name in MAIN_ACTIONS else 1)
            self.action_buttons[name] = button
        self._connect_outbox()
        self.reload()

    # -- what shows ------------------------------------------------------------------------

    def spoken_text(self) -> str:
        """Which step, what it is for, and how it went."""
        note = self.note.text() if not self.note.isHidden() else ""
        return self.ctx.sentences(self.progress.text(), self.heading.text(), self.why.text(), note)

    def shown_actions(self) -> list[str]:
        """The actions offered on the page, in order."""
        return [name for name, button in self.action_buttons.items() if not button.isHidden()]

    def _show(
        self, heading: str, why: str, note: str, actions: list[str], progress: str = ""
    ) -> None:
        old = self.spoken_text()
        self.progress.setText(progress)
        self.progress.setVisible(bool(progress))
        self.heading.setText(heading)
        self.why.setText(why)
        self.why.setVisible(bool(why))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        for name, button in self.action_buttons.items():
            button.setVisible(name in actions)
        main = next((self.action_buttons[a] for a in actions if a in MAIN_ACTIONS), None)
        if main is not None and self.isVisible():
            main.setFocus()
        if self.isVisible() and self.spoken_text() != old:
            self.ctx.say(self.spoken_text())

    def _show_page(self) -> None:
        ctx = self.ctx
        step = self.page
        if step == "loading":
            return
        if step == "done":
            missing = self.state.missing(self.facts)
            if missing:
                names = "、".join(step_name(ctx, s) for s in missing)
                if ctx.lang == "en":
                    names = ", ".join(step_name(ctx, s) for s in missing)
                note = ctx.t("setup.done_missing", count=len(missing), items=names)
            else:
                note = ""
            self._show(ctx.t("setup.done_heading"), ctx.t("setup.done_why"), note, ["finish"])
            return
        progress = ctx.t(
            "setup.progress", number=SETUP_STEPS.index(step) + 1, count=len(SETUP_STEPS)
        )
        heading = step_name(ctx, step)
        name = self.contact.name if self.contact is not None else ctx.t("setup.the_family")
        why = ctx.t(f"setup.step_{step}_why", name=name)
        note = ""
        actions: list[str]
        if step == "pin":
            note = ctx.t("setup.pin_family_only")
            actions = ["pin", "skip"]
        elif step == "family":
            actions = ["family", "skip"]
        elif step == "alerts":
            note, actions = self._alerts_page(name)
            if self.test:
                why = ""  # how the test went takes the room
        elif step == "autostart":
            actions = ["autostart_on", "autostart_off", "skip"]
        else:
            actions = ["bank", "skip"]
        self._show(heading, why, note, actions, progress)

    def _alerts_page(self, name: str) -> tuple[str, list[str]]:
        ctx = self.ctx
        contact = self.contact
        if contact is None:
            return ctx.t("setup.alerts_need_family"), ["family", "skip"]
        if not contact.channels:
            return "", ["channel", "skip"]
        channels = "、" if ctx.lang == "zh" else ", "
        summary = channels.join(channel_summary(c, ctx.t) for c in contact.channels)
        if self.test == "sending":
            if self._outbox is None:
                return ctx.t("setup.alerts_queued", name=name), ["skip"]
            return ctx.t("setup.alerts_sending", name=name, channel=summary), ["skip"]
        if self.test == "delivered":
            return ctx.t("setup.alerts_delivered", name=name), ["received", "change"]
        if self.test == "failed":
            problems = [
                delivery_problem(error, self.test_ids.get(mid, ""))
                for mid, error in self.reports.items()
                if mid in self.test_ids and error
            ]
            problem = problems[0] if problems else delivery_problem("")
            reason = ctx.pick(PROBLEMS[problem])
            if problem in SETTINGS_PROBLEMS:
                actions = ["change_main", "retry_aside", "skip"]
            else:
                actions = ["retry", "change", "skip"]
            return ctx.t("setup.alerts_failed", reason=reason), actions
        return ctx.t("setup.alerts_ready", name=name, channel=summary), ["send", "change", "skip"]

    # -- reading and moving on -------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored state and what is set up, then show the step that comes next."""
        self.run(read_setup, self._loaded)

    def entered(self) -> None:
        """Back from a family screen: look again at what is set up, and go on."""
        if self.loaded:
            self.reload()

    def _loaded(self, snapshot: SetupSnapshot) -> None:
        self.contact = snapshot.primary
        self.facts = setup_facts(snapshot, self.ctx)
        if not self.loaded:
            # Read once: from then on the screen holds the state (and stores each change).
            self.loaded = True
            state = snapshot.state
            self.state = state
            state = state.start() if self.only is None else state.resume(self.only)
            self._keep(state)
        self._advance()

    def _keep(self, state: SetupState) -> None:
        """Make ``state`` the set-up's state and store it (when it changed)."""
        changed = state != self.state
        self.state = state
        self.ctx.setup_pending = state.pending
        if changed:
            self.run(family_setup.save_state(state))

    def _advance(self) -> None:
        step: SetupStep | None
        if self.page == "alerts" and self.test in ("sending", "delivered", "failed"):
            step = "alerts"  # stay until the family member has seen how the test went
        elif self.only is not None:
            if self.state.is_done(self.only, self.facts) or self.only in self.state.skipped:
                self.page = "done"
                self.ctx.navigator().back()
                return
            step = self.only
        else:
            step = self.state.next_step(self.facts)
        if step is None:
            self.page = "done"
            self._keep(self.state.finish())
        else:
            self.page = step
        self._show_page()

    # -- the actions -----------------------------------------------------------------------

    def _act(self, name: str) -> Callable[[], None]:
        return lambda: getattr(self, f"do_{name}")()

    def do_skip(self) -> None:
        """Put the step off for later and go on."""
        if self.page in SETUP_STEPS:
            self.test = ""
            self._keep(self.state.skip(self.page))
            self._advance()

    def do_pin(self) -> None:
        """Open the PIN pad (set it, type it twice)."""
        self.ctx.navigator().open("family_setup_pin")

    def do_family(self) -> None:
        """Open an empty contact form; once it is saved, the set-up goes on by itself."""
        nav = self.ctx.navigator()
        nav.open("family_contact_form", contact=None, after_save=nav.back)

    def do_channel(self) -> None:
        """Open the list of ways to alert the family member (WeChat first)."""
        name = self.contact.name if self.contact is not None else ""
        self.ctx.navigator().open(
            "family_channel_kind", contact_name=name, on_done=self._channel_added
        )

    def do_change(self) -> None:
        """Open the form of the family member's last channel, to correct it."""
        contact = self.contact
        if contact is None or not contact.channels:
            self.do_channel()
            return
        channel = contact.channels[-1]
        self.ctx.navigator().open(
            "family_channel_form", kind=channel.kind, channel=channel, on_done=self._channel_changed
        )

    def do_change_main(self) -> None:
        """The same as :meth:`do_change`, offered first when only new settings can help."""
        self.do_change()

    def do_send(self) -> None:
        """Send a test message to every channel of the family member, and wait for it."""
        contact = self.contact
        if contact is None or contact.id is None:
            return
        ctx = self.ctx
        self._connect_outbox()
        job = family_setup.send_test(
            contact.id,
            person_name=ctx.person_name,
            when=ctx.now(),
            words=words_for(ctx.catalog, ctx.lang),
        )
        self.test = "sending"
        self.test_ids = {}
        self._keep(self.state.unconfirm("alerts"))
        self._show_page()
        self.run(job, self._test_queued)

    do_retry = do_send
    do_retry_aside = do_send

    def do_received(self) -> None:
        """The test arrived: go on."""
        self.test = ""
        self._advance()

    def do_autostart_on(self) -> None:
        """Open Guardian when the computer starts (the choice the set-up suggests)."""
        self._autostart(True)

    def do_autostart_off(self) -> None:
        """Leave Guardian closed when the computer starts (a choice, not a missing step)."""
        self._autostart(False)

    def do_bank(self) -> None:
        """Open the list of banks; a press on one chooses it and comes back."""
        nav = self.ctx.navigator()
        nav.open("family_bank", on_chosen=nav.back)

    def do_finish(self) -> None:
        """End the set-up: back to the home screen."""
        self._keep(self.state.finish())
        self.ctx.navigator().home()

    # -- alerts ----------------------------------------------------------------------------

    def _channel_added(self, channel: ChannelConfig) -> None:
        if self.contact is not None:
            self._save_channels([*self.contact.channels, channel])

    def _channel_changed(self, channel: ChannelConfig) -> None:
        if self.contact is not None:
            self._save_channels(
                [channel if c.id == channel.id else c for c in self.contact.channels]
            )

    def _save_channels(self, channels: list[ChannelConfig]) -> None:
        """Save the family member with ``channels`` (told to the channels there were), then test."""
        assert self.contact is not None
        contact = replace(self.contact, channels=channels)
        words = words_for(self.ctx.catalog, self.ctx.lang)
        job = save_contact(contact, new=False, words=words)
        self.page = "alerts"
        self.test = "sending"
        self._show_page()
        self.run(job, self._channels_saved, self._channels_not_saved)

    def _channels_saved(self, guarded: Guarded[Contact]) -> None:
        if guarded.alerts:
            wake_outbox(self.ctx)
        self.contact = guarded.result
        self.facts = replace(self.facts, channel=bool(guarded.result.channels))
        self.do_send()

    def _channels_not_saved(self, error: Exception) -> None:
        self.test = ""
        self._show_page()
        self.show_message(self.ctx.t("contacts.save_failed"))

    def _connect_outbox(self) -> bool:
        """Listen to the sender's reports; False while it has not started yet."""
        outbox = self.ctx.services.outbox
        if outbox is None:
            return False
        if outbox is not self._outbox:
            self._outbox = outbox
            outbox.delivered.connect(self._delivered)
            outbox.failed.connect(self._failed)
        return True

    def _wait_for_outbox(self) -> None:
        """Just after the app starts the sender may not run yet: look again shortly."""
        if self.closed or self.test != "sending":
            return
        if not self._connect_outbox():
            QTimer.singleShot(OUTBOX_LOOK_MS, self, self._wait_for_outbox)
            return
        wake_outbox(self.ctx)
        # Reports made before this screen listened are read from the outbox itself.
        self.run(family_setup.read_test_reports(list(self.test_ids)), self._reports_read)
        self._show_page()

    def _reports_read(self, reports: dict[int, str]) -> None:
        for message_id, error in reports.items():
            self.reports.setdefault(message_id, error)
        self._update_test()

    def _test_queued(self, ids: dict[int, str]) -> None:
        self.test_ids = ids
        if self._connect_outbox():
            wake_outbox(self.ctx)
        else:
            self._wait_for_outbox()
        self._update_test()

    def _delivered(self, message_id: int) -> None:
        self.reports[message_id] = ""
        self._update_test()

    def _failed(self, message_id: int, error: str) -> None:
        if self.reports.get(message_id) != "":  # a later failure never hides a delivery
            self.reports[message_id] = error or "?"
        self._update_test()

    def _update_test(self) -> None:
        if self.closed or self.test == "" or not self.test_ids:
            return
        seen = {mid: self.reports[mid] for mid in self.test_ids if mid in self.reports}
        if len(seen) == len(self.test_ids) and not any(seen.values()):
            status: TestStatus = "delivered"
        elif any(seen.values()):
            status = "failed"
        else:
            status = "sending"
        if status == self.test:
            return
        self.test = status
        if status == "delivered":
            self._keep(self.state.confirm("alerts"))
        self._show_page()

    # -- start-up --------------------------------------------------------------------------

    def _autostart(self, enabled: bool) -> None:
        from guardian.desktop import set_autostart

        try:
            set_autostart(enabled, lang=self.ctx.lang)
        except OSError as error:
            log.warning("start-up could not be changed: %s", error)
            self.show_message(self.ctx.t("family.autostart_failed"))  # the log keeps why
            return
        self.clear_message()
        self.facts = replace(self.facts, autostart=enabled)
        self._keep(self.state.confirm("autostart"))
        self._advance()

    # -- screen life -----------------------------------------------------------------------

    def closing(self) -> None:
        """Stop listening to the sender."""
        super().closing()
        outbox = self.ctx.services.outbox
        if outbox is not None and outbox is self._outbox:
            with contextlib.suppress(RuntimeError, TypeError):
                outbox.delivered.disconnect(self._delivered)
            with contextlib.suppress(RuntimeError, TypeError):
                outbox.failed.disconnect(self._failed)
