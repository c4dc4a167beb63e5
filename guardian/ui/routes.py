"""Which screen each route opens. A route missing here opens an honest placeholder."""

from __future__ import annotations

from collections.abc import Callable

from guardian.ui.screen import Screen


def build_routes() -> dict[str, Callable[..., Screen]]:
    """Return the screen factory of every route that has a screen."""
    return {}
