"""The "call them yourself and ask" button and its words, shared by the verdicts.

The check of a call and the check of a message both end, when the story names someone whose
public number is known, with one large button that opens the ``verify`` route.
"""

from __future__ import annotations

from guardian.core.content import VerifyTarget
from guardian.core.verify import with_own_bank
from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton


def resolved(ctx: AppContext, target: VerifyTarget | None) -> VerifyTarget | None:
    """``target`` with the bank the family chose in it, when it asks for the person's bank."""
    return with_own_bank(ctx.content, target, ctx.bank_hotline)


def verify_words(ctx: AppContext, target: VerifyTarget) -> str:
    """The words "call {name} yourself and ask", for ``target``."""
    return ctx.t("verify.button", name=ctx.pick(target.name))


def verify_button(ctx: AppContext, target: VerifyTarget) -> BigButton:
    """The one large button "call {name} yourself and ask" (the caller connects its press)."""
    return BigButton(
        verify_words(ctx, target),
        "call",
        role="tile",
        icon_px=ctx.theme.button_icon_px,
        description=ctx.t("verify.button_description"),
    )
