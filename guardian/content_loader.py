"""Loads the content catalog from ``assets/content`` once per process."""

from __future__ import annotations

from functools import lru_cache

from guardian.assets import content_files
from guardian.core.content import Content, parse_content


@lru_cache(maxsize=1)
def load_content() -> Content:
    """Read, check and return the content catalog (cached after the first call).

    Raises:
        ContentError: a content file is malformed; the message names the file and the entry.
        FileNotFoundError: the assets folder is missing.
    """
    return parse_content(content_files())
