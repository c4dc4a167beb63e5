"""The demo scenarios from ``assets/content/scenarios``, read once per process.

The app's own come from its one bundle (:mod:`guardian.content_bundle`).
"""

from __future__ import annotations

from guardian.content_bundle import load_bundle, read_scenarios, scenario_files
from guardian.core.content import Content
from guardian.core.scenarios import Scenario

__all__ = ["load_scenarios", "scenario_files"]


def load_scenarios(content: Content | None = None) -> tuple[Scenario, ...]:
    """Read, check and return every demo scenario, in file-name order.

    Args:
        content: the catalog the scenarios refer to (the app's own when omitted; the result is
            then the bundle's, read once for the process).

    Raises:
        ContentError: a scenario file is malformed; the message names the file and the entry.
        FileNotFoundError: the assets folder is missing.
    """
    if content is None:
        return load_bundle().scenarios
    return read_scenarios(content)
