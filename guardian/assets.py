"""The one place that resolves paths under ``assets/`` and reads the files there.

Source checkouts, editable installs, regular installs (data files under ``share/guardian``)
and frozen builds all keep the same layout below the assets root.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from guardian.core.i18n import LANGS, Catalog, Lang

I18N_FILES = {"zh": "zh_CN.json", "en": "en.json"}


@lru_cache(maxsize=1)
def assets_root() -> Path:
    """Return the folder that holds ``content/``, ``i18n/`` and ``icons/``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "assets")
    candidates.append(Path(__file__).resolve().parent.parent / "assets")
    candidates.append(Path(sys.prefix) / "share" / "guardian" / "assets")
    for candidate in candidates:
        if (candidate / "i18n").is_dir():
            return candidate
    raise FileNotFoundError(
        "Guardian's assets folder was not found; looked in: " + ", ".join(map(str, candidates))
    )


def asset_path(*parts: str) -> Path:
    """Return the path of a file under the assets root (it may not exist)."""
    return assets_root().joinpath(*parts)


def icon_path(name: str) -> Path:
    """Return the path of the SVG pictogram ``name``."""
    return asset_path("icons", f"{name}.svg")


def read_toml(*parts: str) -> dict[str, Any]:
    """Parse a TOML file under the assets root."""
    # Imported here: the home screen needs no TOML file, so the window opens without it.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    with asset_path(*parts).open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    return data


def read_json(*parts: str) -> Any:
    """Parse a JSON file under the assets root."""
    with asset_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)


BROKEN_INSTALL = (
    "防骗守护缺少文件或文件已损坏，打不开。请家人帮忙重新安装。\n"
    "Guardian cannot open: some of its files are missing or damaged. "
    "Ask your family to install it again."
)
"""What a person is told when the catalogs cannot be read: the one sentence that cannot come
from them, in both languages."""


class BrokenInstallError(Exception):
    """A file every start needs (the assets folder, a catalog) is missing or damaged."""


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """Load the UI string catalogs of every language.

    Raises:
        BrokenInstallError: the assets folder or a catalog is missing, unreadable or not a flat
            table of sentences; the message names the file.
    """
    strings: dict[Lang, dict[str, str]] = {}
    for lang in LANGS:
        name = I18N_FILES[lang]
        try:
            table = read_json("i18n", name)
        except (OSError, ValueError) as error:
            raise BrokenInstallError(f"the catalog {name} cannot be read: {error}") from error
        if not isinstance(table, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in table.items()
        ):
            raise BrokenInstallError(f"the catalog {name} is not a table of sentences")
        strings[lang] = table
    return Catalog(strings)


def content_files() -> dict[str, dict[str, Any]]:
    """Parse every TOML file in ``assets/content``, keyed by file stem (``signals``...)."""
    folder = asset_path("content")
    return {path.stem: read_toml("content", path.name) for path in sorted(folder.glob("*.toml"))}
