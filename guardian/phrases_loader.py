"""The message checker's phrase book, fraud kinds and model, read once per process.

Both come from the app's one bundle (:mod:`guardian.content_bundle`).
"""

from __future__ import annotations

from guardian.content_bundle import MODEL_FILE, load_bundle
from guardian.core.phrase_book import PhraseBook
from guardian.core.text_model import TextModel

__all__ = ["MODEL_FILE", "load_phrases", "load_text_model"]


def load_phrases() -> PhraseBook:
    """Read, check and compile the phrase book and fraud kinds (kept after the first call).

    Every signal it names is checked against the content catalog.

    Raises:
        ContentError: phrases.toml, fraud_types.toml or another content file is malformed; the
            message names the file and the entry.
        FileNotFoundError: the assets folder or the file is missing.
    """
    return load_bundle().phrases


def load_text_model() -> TextModel | None:
    """Read the statistical model (kept after the first call).

    Returns:
        The model, or None when its file is missing or damaged (the checker then relies on its
        phrases alone; the problem is logged).
    """
    return load_bundle().text_model
