"""How the history screens show a check's fields: its time, and long text cut short."""

from __future__ import annotations

from datetime import datetime

from guardian.ui.context import AppContext

__all__ = ["SHOWN_CHARS", "SHOWN_NUMBER_CHARS", "local_time", "shown"]


def local_time(moment: datetime) -> str:
    """A check's time as the person's computer shows it."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


SHOWN_CHARS = 5000
"""The most characters of one field a history screen shows (as long as the longest message
Guardian saves; a check imported before import limited its fields may hold more, and laying out
a megabyte of text would stop the window for seconds)."""

SHOWN_NUMBER_CHARS = 40
"""The most characters of a caller's number shown in a row of the list."""


def shown(ctx: AppContext, value: str, limit: int = SHOWN_CHARS) -> str:
    """``value`` as a history screen shows it: cut after ``limit`` characters, saying so."""
    if len(value) <= limit:
        return value
    return value[:limit] + ctx.t("history.clipped", count=len(value) - limit)
