"""Train the message checker's statistical second opinion and write assets/content/text_model.json.

    .venv/bin/python scripts/train_text_model.py [--out PATH]

Reads the training texts of tests/data/corpus (never the held-out split named in
tests/corpus.py), normalises each text as the checker does, and fits scikit-learn's logistic
regression over binary character n-grams weighted by idf, with L2 normalisation. The n-grams that
weigh least are dropped and the model is fitted again on the rest, so that the shipped weights
give exactly scikit-learn's probabilities (guardian.core.text_model scores without scikit-learn).
The threshold is chosen from cross-validated scores on the training split: the lowest one that
keeps false alarms on ordinary messages at or below the target.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guardian.core.text_model import MODEL_FORMAT, model_text  # noqa: E402
from guardian.core.text_normalise import normalise  # noqa: E402
from tests.corpus import Sample, read_training  # noqa: E402

MIN_N, MAX_N = 1, 4
KEEP = 8000
"""How many n-grams the shipped model keeps (those that weigh most either way)."""
FALSE_ALARM_TARGET = 0.01
"""The highest share of ordinary training messages (cross-validated) the threshold may flag."""
C = 16.0


def features(samples: list[Sample]) -> list[str]:
    """Return the texts as the model reads them."""
    return [model_text(normalise(sample.text)[0]) for sample in samples]


def vectorizer(vocabulary: list[str] | None = None):  # type: ignore[no-untyped-def]
    """Return the n-gram vectorizer (binary, idf-weighted, L2-normalised)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer="char",
        ngram_range=(MIN_N, MAX_N),
        lowercase=False,
        binary=True,
        use_idf=True,
        norm="l2",
        min_df=1 if vocabulary else 2,
        vocabulary=vocabulary,
    )


def fit(texts: list[str], labels: list[int], vocabulary: list[str] | None = None):  # type: ignore[no-untyped-def]
    """Fit the vectorizer and the model; return both."""
    from sklearn.linear_model import LogisticRegression

    vec = vectorizer(vocabulary)
    matrix = vec.fit_transform(texts)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    model.fit(matrix, labels)
    return vec, model


def fit_pruned(texts: list[str], labels: list[int], keep: int):  # type: ignore[no-untyped-def]
    """Fit, keep the ``keep`` n-grams that weigh most either way, and fit again on those."""
    vec, model = fit(texts, labels)
    names = vec.get_feature_names_out()
    weights = model.coef_[0]
    ranked = sorted(range(len(names)), key=lambda index: -abs(weights[index]))[:keep]
    return fit(texts, labels, sorted(str(names[index]) for index in ranked))


def train(samples: list[Sample], keep: int = KEEP) -> dict[str, object]:
    """Train on ``samples`` and return the model file's contents."""
    from sklearn.model_selection import StratifiedKFold

    texts = features(samples)
    labels = [int(sample.fraud) for sample in samples]

    # Cross-validated scores on the training split choose the threshold; each fold chooses its
    # own n-grams, so no text's score comes from a model that saw it.
    scores = [0.0] * len(texts)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
    for train_index, test_index in folds.split(texts, labels):
        fold_vec, fold_model = fit_pruned(
            [texts[i] for i in train_index], [labels[i] for i in train_index], keep
        )
        probabilities = fold_model.predict_proba(
            fold_vec.transform([texts[i] for i in test_index])
        )[:, 1]
        for index, probability in zip(test_index, probabilities, strict=True):
            scores[index] = float(probability)
    ordinary = sorted(
        (s for s, label in zip(scores, labels, strict=True) if not label), reverse=True
    )
    allowed = int(len(ordinary) * FALSE_ALARM_TARGET)
    threshold = max(0.5, ordinary[allowed] + 1e-6) if ordinary else 0.5

    vec, model = fit_pruned(texts, labels, keep)
    names = vec.get_feature_names_out()
    return {
        "format": MODEL_FORMAT,
        "about": "char n-gram logistic regression trained on the tests/data/corpus training texts",
        "min_n": MIN_N,
        "max_n": MAX_N,
        "threshold": round(threshold, 6),
        "bias": float(model.intercept_[0]),
        "weights": {
            str(name): round(float(weight), 6)
            for name, weight in zip(names, model.coef_[0], strict=True)
        },
        "idf": {str(name): round(float(idf), 6) for name, idf in zip(names, vec.idf_, strict=True)},
    }


def main() -> int:
    """Train and write the model file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets/content/text_model.json")
    args = parser.parse_args()
    samples = read_training()
    contents = train(samples)
    args.out.write_text(
        json.dumps(contents, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    fraud = sum(sample.fraud for sample in samples)
    print(
        f"trained on {fraud} fraud and {len(samples) - fraud} ordinary texts; "
        f"{len(contents['weights'])} n-grams; threshold {contents['threshold']}; "  # type: ignore[arg-type]
        f"{args.out.stat().st_size // 1024} KiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
