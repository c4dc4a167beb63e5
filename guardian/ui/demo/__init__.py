"""Demo mode for community volunteers: fraud calls played to a room, answered, then revealed."""

from __future__ import annotations

from guardian.ui.demo.screen import DEMO_RATE, DemoScreen

__all__ = ["DEMO_RATE", "DemoScreen"]
