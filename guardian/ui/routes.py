"""Which screen each route opens. A route missing here opens an honest placeholder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guardian.ui.context import AppContext
from guardian.ui.screen import Screen


def _check_call(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.check_call import CheckCallScreen

    return CheckCallScreen(ctx)


def _hotline(hotline_id: str) -> Callable[..., Screen]:
    def build(ctx: AppContext, **_: Any) -> Screen:
        from guardian.ui.hotline import HotlineScreen

        return HotlineScreen(ctx, hotline_id)

    return build


def _tip(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.tip import TipScreen

    return TipScreen(ctx)


def _money_sent(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.money_sent import MoneySentScreen

    return MoneySentScreen(ctx)


def _call_bank(ctx: AppContext, **_: Any) -> Screen:
    """The bank the family chose, else the list of banks."""
    bank = ctx.services.get("bank_hotline")
    if isinstance(bank, str) and bank in ctx.content.hotlines:
        return _hotline(bank)(ctx)
    from guardian.ui.bank_choice import BankChoiceScreen

    return BankChoiceScreen(ctx)


def _report_card(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.report_card import ReportCardScreen

    return ReportCardScreen(ctx)


def _history(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.history import HistoryScreen

    return HistoryScreen(ctx)


def _check_message(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.check_message import CheckMessageScreen

    return CheckMessageScreen(ctx)


def _demo(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.demo import DemoScreen

    return DemoScreen(ctx)


def _family_settings(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.family import family_settings_route

    return family_settings_route(ctx)


def _call_family(ctx: AppContext, **_: Any) -> Screen:
    """The family's call card (or list); the family is told the person is calling."""
    from guardian.ui.call_card import call_family_route
    from guardian.ui.family_alerts import queue_family_alert

    queue_family_alert(ctx, "called_family")
    return call_family_route(ctx)


def build_routes() -> dict[str, Callable[..., Screen]]:
    """Return the screen factory of every route that has a screen."""
    return {
        "check_call": _check_call,
        "call_police": _hotline("police"),
        "call_antifraud": _hotline("antifraud"),
        "call_bank": _call_bank,
        "money_sent": _money_sent,
        "report_card": _report_card,
        "tip": _tip,
        "history": _history,
        "check_message": _check_message,
        "demo": _demo,
        "family_settings": _family_settings,
        "call_family": _call_family,
    }
