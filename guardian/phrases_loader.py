"""Loads the message checker's phrase book, fraud-kind catalog and model once per process."""

from __future__ import annotations

import json
import logging
from functools import lru_cache

from guardian.assets import asset_path, read_toml
from guardian.content_loader import load_content
from guardian.core.phrase_book import PhraseBook, parse_phrases
from guardian.core.text_model import ModelError, TextModel, parse_model

MODEL_FILE = "text_model.json"
"""The statistical model's file in ``assets/content``."""

_log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def load_phrases() -> PhraseBook:
    """Read, check and compile the phrase book and fraud kinds (cached after the first call).

    Every signal it names is checked against the content catalog.

    Raises:
        ContentError: phrases.toml, fraud_types.toml or another content file is malformed; the
            message names the file and the entry.
        FileNotFoundError: the assets folder or the file is missing.
    """
    return parse_phrases(
        read_toml("content", "phrases.toml"),
        signal_ids=load_content().signals,
        types=read_toml("content", "fraud_types.toml"),
    )


@lru_cache(maxsize=1)
def load_text_model() -> TextModel | None:
    """Read the statistical model (cached after the first call).

    Returns:
        The model, or None when its file is missing or damaged (the checker then relies on its
        phrases alone; the problem is logged).
    """
    path = asset_path("content", MODEL_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_model(json.load(handle))
    except (OSError, ValueError, ModelError) as error:
        _log.warning("the text model could not be read: %s", error)
        return None
