"""The steps of the family's first set-up: their names, pictograms, and what is done.

Shared by the set-up itself, its checklist on the family settings and its PIN step.
"""

from __future__ import annotations

from guardian.core.setup_state import SetupFacts, SetupStep
from guardian.services.family_setup import SetupSnapshot
from guardian.ui.context import AppContext

#: The pictogram of each step (its button on the page and in the checklist).
STEP_ICONS: dict[SetupStep, str] = {
    "pin": "settings_lock",
    "family": "family",
    "alerts": "alert",
    "autostart": "power",
    "bank": "bank",
}


def setup_facts(snapshot: SetupSnapshot, ctx: AppContext) -> SetupFacts:
    """What is set up now: the stored PIN and contacts, the start-up file, the chosen bank."""
    from guardian.desktop import autostart_enabled

    bank = ctx.bank_hotline
    return SetupFacts(
        pin=snapshot.has_pin,
        family=bool(snapshot.contacts),
        channel=snapshot.has_channel,
        autostart=autostart_enabled(),
        bank=bool(bank),
    )


def step_name(ctx: AppContext, step: SetupStep) -> str:
    """The step's name, as its page's heading and its checklist button say it."""
    return ctx.t(f"setup.step_{step}")
