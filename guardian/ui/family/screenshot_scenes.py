"""Screenshot scenes of the family settings and the call card: each takes the main window.

The window needs a database (``ctx.disk`` runs its jobs); the scenes store example contacts in
it with :mod:`guardian.services.sample_data`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QUrl
from PySide6.QtWidgets import QApplication

from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.services import sample_data
from guardian.services.jobs import Job
from guardian.ui.call_card import CallCardScreen, CallFamilyListScreen, NoFamilyNumberScreen
from guardian.ui.family.channels import ChannelFormScreen, ChannelKindScreen
from guardian.ui.family.contact_form import ContactFormScreen
from guardian.ui.family.contacts import ContactListScreen
from guardian.ui.family.hub import FamilySettingsScreen
from guardian.ui.family.outbox_status import OutboxStatusScreen
from guardian.ui.family.pin import PinScreen
from guardian.ui.family.voice import VoiceSettingsScreen
from guardian.ui.main_window import MainWindow

T = TypeVar("T")

EXAMPLE_EMAIL = {
    "host": "smtp.qq.com",
    "security": "ssl",
    "username": "lina@qq.com",
    "password": "example-password",
    "from": "lina@qq.com",
    "to": "lina@qq.com",
}


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the event loop run until ``condition`` holds (the disk worker answers quickly)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not settle")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.002)


def on_disk(window: MainWindow, job: Job[T]) -> T:
    """Run ``job`` on the window's disk worker and return its result.

    Raises:
        Exception: what the job raised.
    """
    disk = window.ctx.disk
    assert disk.accepting_jobs, "the scene needs a database"
    results: list[T] = []
    errors: list[Exception] = []
    disk.submit(job, on_done=results.append, on_error=errors.append)
    wait_for(lambda: bool(results or errors))
    if errors:
        raise errors[0]
    return results[0]


def settle(window: MainWindow) -> None:
    """Wait until every disk job queued so far has answered."""
    on_disk(window, sample_data.nothing)
    QApplication.processEvents()


def example_contacts(window: MainWindow) -> list[Contact]:
    """Two contacts in the window's language, the first with an email channel."""
    zh = window.ctx.lang == "zh"
    email = [ChannelConfig("email", EXAMPLE_EMAIL)]
    people: list[tuple[str, str, str, list[ChannelConfig]]] = [
        ("李娜" if zh else "Lina", "13812345678", "daughter", email),
        ("王强" if zh else "Wang Qiang", "010 8765 4321", "son", []),
    ]
    contacts = []
    for name, number, relationship, channels in people:
        phone = parse_phone(number).phone
        assert phone is not None
        contacts.append(Contact(name, phone, relationship, channels=channels))
    return contacts


def seed_contacts(window: MainWindow) -> list[Contact]:
    """Save the example contacts and return them as stored."""
    return on_disk(window, sample_data.add_contacts(example_contacts(window)))


def show(window: MainWindow, screen: Any) -> None:
    """Show ``screen`` and wait for its first read from the disk."""
    window.show_screen(screen)
    settle(window)


def pin_entry(window: MainWindow) -> None:
    """The PIN pad, two digits typed."""
    on_disk(window, sample_data.set_pin("2468"))
    screen = PinScreen(window.ctx)
    show(window, screen)
    screen.pad.type_pin("24")


def settings_hub(window: MainWindow) -> None:
    """The settings, after the PIN."""
    show(window, FamilySettingsScreen(window.ctx))


def contact_list(window: MainWindow) -> None:
    """Two contacts, the first one primary with an email channel."""
    seed_contacts(window)
    show(window, ContactListScreen(window.ctx))


def contact_form_error(window: MainWindow) -> None:
    """A new contact with a number that is too short: the error under the field."""
    form = ContactFormScreen(window.ctx, None)
    show(window, form)
    form.name_edit.setText("李娜" if window.ctx.lang == "zh" else "Lina")
    form.relationship_box.setCurrentIndex(1)
    form.phone_edit.setText("138 1234")
    form.save_button.click()


def channel_kinds(window: MainWindow) -> None:
    """How to alert a family member: WeChat first, then email, the rest behind "more"."""
    name = "李娜" if window.ctx.lang == "zh" else "Lina"
    show(window, ChannelKindScreen(window.ctx, name, lambda channel: None))


def channel_setup(window: MainWindow) -> None:
    """A WeChat alert's form (PushPlus): where the token comes from, and the token pasted."""
    form = ChannelFormScreen(window.ctx, "pushplus", None, lambda channel: None)
    show(window, form)
    form.set_value("token", "0123456789abcdef0123456789abcdef")


def voice_settings(window: MainWindow) -> None:
    """Speed, loudness and reading aloud."""
    show(window, VoiceSettingsScreen(window.ctx))


def outbox_status(window: MainWindow) -> None:
    """One alert delivered and one still trying."""
    contacts = seed_contacts(window)
    channel_id = contacts[0].channels[0].id or 0
    error = "connection refused by smtp.qq.com:465"
    on_disk(window, sample_data.outbox_examples(channel_id, error))
    show(window, OutboxStatusScreen(window.ctx))


def _card(window: MainWindow, handled: bool) -> None:
    contacts = seed_contacts(window)

    def opener(url: QUrl) -> bool:
        return handled

    card = CallCardScreen(window.ctx, contacts, 0, opener)
    show(window, card)
    card.call_button.click()


def call_card_with_handler(window: MainWindow) -> None:
    """The card after "call", where the computer can dial."""
    _card(window, True)


def call_card_without_handler(window: MainWindow) -> None:
    """The card after "call", where nothing can dial: "please dial on your phone"."""
    _card(window, False)


def call_family_list(window: MainWindow) -> None:
    """Several contacts: whom to call."""
    show(window, CallFamilyListScreen(window.ctx, seed_contacts(window)))


def call_family_none(window: MainWindow) -> None:
    """No family number yet: 110 and 96110."""
    show(window, NoFamilyNumberScreen(window.ctx))


SCENES: dict[str, Callable[[MainWindow], None]] = {
    "family-pin": pin_entry,
    "family-hub": settings_hub,
    "family-contacts": contact_list,
    "family-contact-error": contact_form_error,
    "family-channel-kinds": channel_kinds,
    "family-channel": channel_setup,
    "family-voice": voice_settings,
    "family-outbox": outbox_status,
    "family-call-card": call_card_with_handler,
    "family-call-card-no-handler": call_card_without_handler,
    "family-call-list": call_family_list,
    "family-call-none": call_family_none,
}
"""Every scene by the name of its picture."""
