"""Loads the message checker's phrase book from ``assets/content/phrases.toml`` once per process."""

from __future__ import annotations

from functools import lru_cache

from guardian.assets import read_toml
from guardian.content_loader import load_content
from guardian.core.text_check import PhraseBook, parse_phrases


@lru_cache(maxsize=1)
def load_phrases() -> PhraseBook:
    """Read, check and compile the phrase book (cached after the first call).

    Every signal it names is checked against the content catalog.

    Raises:
        ContentError: phrases.toml or another content file is malformed; the message names the
            file and the entry.
        FileNotFoundError: the assets folder or the file is missing.
    """
    return parse_phrases(read_toml("content", "phrases.toml"), signal_ids=load_content().signals)
