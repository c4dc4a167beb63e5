"""Screenshot scenes of the family's first set-up: every step, as the family member sees it.

Each takes the main window (with its disk worker) on an empty data folder. Nothing is sent:
the test message's pages are shown as the sender's reports would leave them.
"""

from __future__ import annotations

from collections.abc import Callable

from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.core.setup_state import SetupState, SetupStep
from guardian.services import sample_data
from guardian.ui.family.hub import FamilySettingsScreen
from guardian.ui.family.pin import SetupPinScreen
from guardian.ui.family.screenshot_scenes import on_disk, settle, show, wait_for
from guardian.ui.family.setup import SetupScreen, TestStatus
from guardian.ui.main_window import MainWindow

EXAMPLE_TOKEN = "0123456789abcdef0123456789abcdef"


def _prepare(
    window: MainWindow,
    *,
    pin: bool = True,
    contact: bool = False,
    channel: bool = False,
    skipped: frozenset[SetupStep] = frozenset(),
    confirmed: frozenset[SetupStep] = frozenset(),
) -> None:
    """Store what the earlier steps left: a PIN, a family member (with WeChat), the state."""
    zh = window.ctx.lang == "zh"
    phone = parse_phone("13812345678").phone
    assert phone is not None
    channels = [ChannelConfig("pushplus", {"token": EXAMPLE_TOKEN})] if channel else []
    person = Contact("李娜" if zh else "Lina", phone, "daughter", channels=channels)
    job = sample_data.setup_progress(
        SetupState(True, False, skipped, confirmed),
        pin="2468" if pin else None,
        person=person if contact else None,
    )
    on_disk(window, job)


def _setup(window: MainWindow, page: str) -> SetupScreen:
    """Open the set-up and wait until it shows ``page``."""
    screen = SetupScreen(window.ctx)
    show(window, screen)
    wait_for(lambda: screen.page == page)
    settle(window)
    return screen


def _test(screen: SetupScreen, status: TestStatus, error: str = "") -> None:
    """Show the test message's page as the sender's report would leave it."""
    screen.test = status
    screen.test_ids = {1: "pushplus"}
    screen.reports = {1: error} if status != "sending" else {}
    screen._outbox = object()  # the sender runs
    screen._show_page()


def pin_page(window: MainWindow) -> None:
    """Step 1, as it opens on the first start: the PIN, which only a family member sets."""
    _setup(window, "pin")


def pin_pad(window: MainWindow) -> None:
    """The PIN pad of step 1, two digits typed."""
    screen = SetupPinScreen(window.ctx)
    show(window, screen)
    wait_for(lambda: screen.step == "setup")
    screen.pad.type_pin("24")


def family_page(window: MainWindow) -> None:
    """Step 2: the first family member."""
    _prepare(window)
    _setup(window, "family")


def alerts_page(window: MainWindow) -> None:
    """Step 3: how she gets alerts (WeChat suggested)."""
    _prepare(window, contact=True)
    _setup(window, "alerts")


def alerts_sending(window: MainWindow) -> None:
    """Step 3: the test message on its way."""
    _prepare(window, contact=True, channel=True)
    _test(_setup(window, "alerts"), "sending")


def alerts_delivered(window: MainWindow) -> None:
    """Step 3: the test message arrived."""
    _prepare(window, contact=True, channel=True)
    _test(_setup(window, "alerts"), "delivered")


def alerts_failed(window: MainWindow) -> None:
    """Step 3: the test message did not arrive, and why in plain words (a wrong token)."""
    _prepare(window, contact=True, channel=True)
    error = "Failed to send PushPlus notification: code=903: Invalid user token."
    _test(_setup(window, "alerts"), "failed", error)


def autostart_page(window: MainWindow) -> None:
    """Step 4: open when the computer starts (on, unless the family says no)."""
    _prepare(window, contact=True, channel=True, confirmed=frozenset({"alerts"}))
    _setup(window, "autostart")


def bank_page(window: MainWindow) -> None:
    """Step 5: the person's own bank."""
    done: frozenset[SetupStep] = frozenset({"alerts", "autostart"})
    _prepare(window, contact=True, channel=True, confirmed=done)
    _setup(window, "bank")


def done_page(window: MainWindow) -> None:
    """The end of the set-up, two steps skipped: they stay listed in the family settings."""
    skipped: frozenset[SetupStep] = frozenset({"autostart", "bank"})
    _prepare(window, contact=True, channel=True, skipped=skipped, confirmed=frozenset({"alerts"}))
    _setup(window, "done")


def checklist(window: MainWindow) -> None:
    """The family settings afterwards: "2 still to set up", each a big button."""
    _prepare(window, contact=True, channel=True, confirmed=frozenset({"alerts"}))
    hub = FamilySettingsScreen(window.ctx)
    show(window, hub)
    wait_for(lambda: bool(hub.checklist.buttons))
    settle(window)


SCENES: dict[str, Callable[[MainWindow], None]] = {
    "setup-pin": pin_page,
    "setup-pin-pad": pin_pad,
    "setup-family": family_page,
    "setup-alerts": alerts_page,
    "setup-alerts-sending": alerts_sending,
    "setup-alerts-delivered": alerts_delivered,
    "setup-alerts-failed": alerts_failed,
    "setup-autostart": autostart_page,
    "setup-bank": bank_page,
    "setup-done": done_page,
    "setup-checklist": checklist,
}
"""Every set-up scene by the name of its picture."""
