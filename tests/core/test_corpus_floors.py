"""Floors on the frozen held-out split: they catch a change that makes the checker worse.

The split (tests/data/corpus/test_split_5) was written before the checker was tuned, by writers who
had not read it, and is never tuned on; these floors sit a little under what the shipped checker
measures on it (``make bench`` prints the figures), so a regression fails here while a better
checker simply passes. They are not the goal: the goal is in the benchmark's targets.
"""

from __future__ import annotations

import collections

import pytest

from guardian.core.content import Content
from guardian.core.risk import Level
from guardian.core.text_check import TextResult, check_text
from guardian.phrases_loader import load_phrases, load_text_model
from tests.corpus import TEST_SPLIT, Sample, read_split

RECALL_FLOOR = 0.97
TYPE_RECALL_FLOOR = 0.85
FALSE_ALARM_CEILING = 0.015
PHRASES_ALONE_RECALL_FLOOR = 0.70
FLAGGED = (Level.HIGH, Level.MEDIUM)


@pytest.fixture(scope="module")
def split() -> list[Sample]:
    samples = read_split(TEST_SPLIT)
    assert sum(s.fraud for s in samples) >= 520 and sum(not s.fraud for s in samples) >= 500
    return samples


def results(samples: list[Sample], content: Content, with_model: bool) -> list[TextResult]:
    model = load_text_model() if with_model else None
    assert not with_model or model is not None
    phrases = load_phrases()
    return [check_text(sample.text, content, phrases, model=model) for sample in samples]


def test_the_checker_keeps_its_recall_and_false_alarms_on_unseen_text(
    split: list[Sample], content: Content
) -> None:
    found = results(split, content, with_model=True)
    per_type: dict[str, list[bool]] = collections.defaultdict(list)
    alarms = 0
    for sample, result in zip(split, found, strict=True):
        if sample.fraud:
            per_type[sample.group].append(result.level in FLAGGED)
        else:
            alarms += result.level in FLAGGED
    flagged = [hit for hits in per_type.values() for hit in hits]
    assert sum(flagged) / len(flagged) >= RECALL_FLOOR
    weakest = {kind: sum(hits) / len(hits) for kind, hits in per_type.items()}
    assert min(weakest.values()) >= TYPE_RECALL_FLOOR, weakest
    assert alarms / (len(split) - len(flagged)) <= FALSE_ALARM_CEILING


def test_the_phrases_alone_keep_their_recall(split: list[Sample], content: Content) -> None:
    fraud = [sample for sample in split if sample.fraud]
    found = results(fraud, content, with_model=False)
    assert sum(r.level in FLAGGED for r in found) / len(fraud) >= PHRASES_ALONE_RECALL_FLOOR


def test_every_flag_is_explained_by_marked_words(split: list[Sample], content: Content) -> None:
    for sample, result in zip(split, results(split, content, with_model=True), strict=True):
        if result.level in FLAGGED:
            assert any(match.spans for match in result.matches), sample.text
