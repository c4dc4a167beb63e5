"""Loads the demo scenarios from ``assets/content/scenarios`` once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from guardian.assets import asset_path, read_toml
from guardian.content_loader import load_content
from guardian.core.content import Content
from guardian.core.scenarios import SCENARIO_FOLDER, Scenario, parse_scenarios


def scenario_files() -> dict[str, dict[str, Any]]:
    """Parse every scenario TOML file, keyed by file stem."""
    folder = asset_path("content", SCENARIO_FOLDER)
    return {
        path.stem: read_toml("content", SCENARIO_FOLDER, path.name)
        for path in sorted(folder.glob("*.toml"))
    }


def load_scenarios(content: Content | None = None) -> tuple[Scenario, ...]:
    """Read, check and return every demo scenario, in file-name order.

    Args:
        content: the catalog the scenarios refer to (the app's own when omitted; the result is
            then cached for the process).

    Raises:
        ContentError: a scenario file is malformed; the message names the file and the entry.
        FileNotFoundError: the assets folder is missing.
    """
    if content is None:
        return _load_default()
    return parse_scenarios(scenario_files(), content)


@lru_cache(maxsize=1)
def _load_default() -> tuple[Scenario, ...]:
    return parse_scenarios(scenario_files(), load_content())
