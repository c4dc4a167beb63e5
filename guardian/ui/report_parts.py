"""What the report card shares with the screens that fill it in.

The "I already sent money" steps write how the money was sent on the saved card, and say the
card's warning: a fee to get the money back is the same fraud.
"""

from __future__ import annotations

from guardian.core.report_card import recovery_fee_warning
from guardian.services import report
from guardian.ui.context import AppContext


def remember_choice(ctx: AppContext, name: str, value: str) -> None:
    """Write the choice ``value`` of field ``name`` on the saved card (the rest stays).

    Raises:
        ValueError: ``value`` is not one of the field's choices.
    """
    job = report.remember_choice(name, value)  # refused here, not on the disk worker
    if ctx.disk.accepting_jobs:
        ctx.disk.submit(job)


def warning_words(ctx: AppContext) -> str:
    """That a fee to get the money back is the same fraud, in the current language."""
    warning = recovery_fee_warning(ctx.content.tips)
    return ctx.pick(warning) if warning is not None else ""
