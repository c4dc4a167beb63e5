"""A small statistical second opinion on a text: a linear model over character n-grams.

The model is trained on our own corpus (``scripts/train_text_model.py``, scikit-learn's logistic
regression over binary character n-grams weighted by inverse document frequency and normalised
to unit length) and shipped as a JSON file of n-gram weights and their idf. Scoring needs no
library: for the n-grams of the text that the model knows, the sum of weight times idf divided
by the length of the idf vector, plus the bias, through the logistic function. The score equals
scikit-learn's ``predict_proba`` for the same text.

Pure: the caller reads the file and hands :func:`parse_model` its parsed JSON.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_DIGIT = re.compile(r"\d")

MODEL_FORMAT = 1
"""The version of the JSON layout this module reads."""


class ModelError(ValueError):
    """The model file is malformed."""


def model_text(normal: str) -> str:
    """Return the form of a normalised text that the model reads: every digit becomes 0."""
    return _DIGIT.sub("0", normal)


@dataclass(frozen=True)
class TextModel:
    """Character n-gram weights and the threshold above which a text looks like fraud.

    Attributes:
        weights: weight of each known n-gram.
        idf: inverse document frequency of each known n-gram (the same keys as ``weights``).
        bias: the intercept.
        threshold: the probability at or above which the text counts as suspect.
        min_n: the shortest n-gram.
        max_n: the longest n-gram.
    """

    weights: Mapping[str, float]
    idf: Mapping[str, float]
    bias: float
    threshold: float
    min_n: int
    max_n: int

    def _present(self, text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        weights = self.weights
        for size in range(self.min_n, self.max_n + 1):
            for start in range(len(text) - size + 1):
                gram = text[start : start + size]
                if gram in weights:
                    found.setdefault(gram, []).append(start)
        return found

    def probability(self, normal: str) -> float:
        """Return how likely the normalised text is fraud, from 0 to 1."""
        present = self._present(model_text(normal))
        if not present:
            return 1.0 / (1.0 + math.exp(-self.bias))
        idf = self.idf
        length = math.sqrt(sum(idf[gram] ** 2 for gram in present))
        total = sum(self.weights[gram] * idf[gram] for gram in present) / length
        return 1.0 / (1.0 + math.exp(-(total + self.bias)))

    def suspects(self, normal: str) -> bool:
        """Whether the normalised text scores at or above the threshold."""
        return self.probability(normal) >= self.threshold

    def strongest(self, normal: str, count: int = 4) -> list[tuple[int, int]]:
        """Return the spans (in ``normal``) of the ``count`` n-grams that weigh most for fraud.

        Each n-gram gives the span of its first place in the text; overlapping spans are not
        merged (the caller merges them). N-grams that weigh against fraud are never marked.
        """
        present = self._present(model_text(normal))
        ranked = sorted(
            (gram for gram in present if self.weights[gram] > 0),
            key=lambda gram: -self.weights[gram] * self.idf[gram],
        )
        spans: list[tuple[int, int]] = []
        for gram in ranked[:count]:
            start = present[gram][0]
            spans.append((start, start + len(gram)))
        return spans


def parse_model(raw: Mapping[str, Any]) -> TextModel:
    """Check a parsed model file and build the model.

    Raises:
        ModelError: a key is missing, of the wrong type, or the format is not this one.
    """
    if not isinstance(raw, Mapping):
        raise ModelError("the model file must hold a JSON object")
    if raw.get("format") != MODEL_FORMAT:
        raise ModelError(f"the model format must be {MODEL_FORMAT}, found {raw.get('format')!r}")
    try:
        weights = raw["weights"]
        idf = raw["idf"]
        bias = float(raw["bias"])
        threshold = float(raw["threshold"])
        min_n, max_n = int(raw["min_n"]), int(raw["max_n"])
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise ModelError(f"the model file is incomplete: {error}") from None
    if not isinstance(weights, Mapping) or not weights:
        raise ModelError("weights must be a non-empty object of n-gram: weight")
    if not isinstance(idf, Mapping) or set(idf) != set(weights):
        raise ModelError("idf must give one positive number for each n-gram of weights")
    if not 0.0 < threshold < 1.0 or not 1 <= min_n <= max_n <= 8:
        raise ModelError("threshold or n-gram sizes out of range")
    clean: dict[str, float] = {}
    frequencies: dict[str, float] = {}
    for gram, weight in weights.items():
        rarity = idf[gram]
        if (
            not isinstance(gram, str)
            or not isinstance(weight, int | float)
            or not isinstance(rarity, int | float)
            or rarity <= 0
        ):
            raise ModelError(f"bad weight entry {gram!r}")
        clean[gram] = float(weight)
        frequencies[gram] = float(rarity)
    return TextModel(
        weights=clean,
        idf=frequencies,
        bias=bias,
        threshold=threshold,
        min_n=min_n,
        max_n=max_n,
    )
