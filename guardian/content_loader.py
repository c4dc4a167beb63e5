"""The content catalog from ``assets/content``, read once per process.

It is the app's one bundle's (:mod:`guardian.content_bundle`).
"""

from __future__ import annotations

from guardian.content_bundle import load_bundle
from guardian.core.content import Content


def load_content() -> Content:
    """Read, check and return the content catalog (the app's one bundle's, read on first call).

    Raises:
        ContentError: a content file is malformed; the message names the file and the entry.
        FileNotFoundError: the assets folder is missing.
    """
    return load_bundle().content
