"""Family settings behind the PIN: contacts, alert channels, voice, text, bank, alerts sent.

Route factories for :func:`guardian.ui.routes.build_routes`:

- ``family_settings``: :func:`family_settings_route` (the PIN first, then the settings).
- ``call_family``: :func:`guardian.ui.call_card.call_family_route`.
"""

from __future__ import annotations

from typing import Any

from guardian.ui.context import AppContext
from guardian.ui.screen import Screen


def family_settings_route(ctx: AppContext, **_: Any) -> Screen:
    """The ``family_settings`` route: set or type the PIN, then the settings hub."""
    from guardian.ui.family.pin import PinScreen

    return PinScreen(ctx)
