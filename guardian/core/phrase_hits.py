"""Finding the phrases of the phrase book in a normalised text.

Each match is a hit: the signal it shows, where (in the normal text), and which key words to
mark. Whether a hit counts or reads as advice is decided by :mod:`guardian.core.text_check`.
Pure: no I/O.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from guardian.core.fraud_types import FraudType
from guardian.core.i18n import Lang
from guardian.core.phrase_book import NearRule, PhraseBook, SignalPhrases
from guardian.core.text_spans import Span, merge, to_original

STORY_SIGNAL = "fraud_story"
"""The signal that a fraud kind's story markers count as."""

MAX_NEAR_MATCHES = 40
"""At most this many matches of each part of a near rule are paired (keeps long texts fast)."""

_SHORT_MATCH = 8
"""A match this short is marked whole; a longer one only on its key words (its groups)."""

_SENTENCE_BREAK = re.compile(r"[。!?;\n【】]|\.(?=\s|$)")
_CLAUSE_BREAK = re.compile(r"[。!?;\n【】,]|\.(?=\s|$)|:(?!//)")


@dataclass(frozen=True)
class Hit:
    """One match of a phrase, a near rule or a story marker, in normalised positions."""

    signal_id: str
    parts: tuple[Span, ...]  # normalised positions
    negative: bool = False
    type_id: str | None = None  # the fraud kind whose story marker this is
    marks: tuple[Span, ...] = ()  # the key words to mark, when not the whole of each part


def key_words(match: re.Match[str]) -> tuple[Span, ...]:
    """The pattern's groups that matched (its key words), without the gaps between them."""
    if match.end() - match.start() <= _SHORT_MATCH:
        return ()
    spans = [
        match.span(group)
        for group in range(1, (match.re.groups or 0) + 1)
        if match.start(group) >= 0 and match.end(group) > match.start(group)
    ]
    return merge(spans) if spans else ()


class Layout:
    """Clause and sentence boundaries of a normalised text."""

    def __init__(self, normal: str) -> None:
        self.clauses = [m.start() for m in _CLAUSE_BREAK.finditer(normal)]
        self.sentences = [m.start() for m in _SENTENCE_BREAK.finditer(normal)]
        self.length = len(normal)

    @staticmethod
    def _around(breaks: list[int], position: int, length: int) -> Span:
        index = bisect.bisect_right(breaks, position)
        start = breaks[index - 1] + 1 if index > 0 else 0
        # A break inside the phrase itself ends it; look for the first break at or after it.
        end = breaks[index] if index < len(breaks) else length
        return start, end

    def clause(self, position: int) -> Span:
        """The clause around ``position``."""
        return self._around(self.clauses, position, self.length)

    def sentence(self, position: int) -> Span:
        """The sentence around ``position``."""
        return self._around(self.sentences, position, self.length)


def find_hits(normal: str, entry: SignalPhrases, langs: Sequence[Lang]) -> list[Hit]:
    """Every match in ``normal`` of ``entry``'s phrases and near rules in ``langs``."""
    hits: list[Hit] = []
    for lang in langs:
        pattern = entry.any[lang]
        if pattern is not None:
            hits.extend(
                Hit(entry.signal_id, ((m.start(), m.end()),), entry.negative, marks=key_words(m))
                for m in pattern.finditer(normal)
                if m.end() > m.start()
            )
        for rule in entry.near[lang]:
            hits.extend(_near_hits(normal, entry, rule))
    return hits


def _near_hits(normal: str, entry: SignalPhrases, rule: NearRule) -> list[Hit]:
    found: list[list[Span]] = []
    for part in rule.parts:
        spans: list[Span] = []
        for match in part.finditer(normal):
            if match.end() > match.start():
                spans.append((match.start(), match.end()))
                if len(spans) >= MAX_NEAR_MATCHES:
                    break
        if not spans:
            return []
        found.append(spans)
    hits: list[Hit] = []
    for anchor in found[0]:
        chosen = [anchor]
        for spans in found[1:]:
            nearest = min(spans, key=lambda s: abs(s[0] - anchor[0]))
            chosen.append(nearest)
        if len(set(chosen)) < len(chosen):
            continue  # one piece of text may not serve as two parts
        start = min(s[0] for s in chosen)
        end = max(s[1] for s in chosen)
        if end - start <= rule.within:
            hits.append(Hit(entry.signal_id, tuple(sorted(chosen)), entry.negative))
    return hits


def story_hits(normal: str, types: Sequence[FraudType], langs: Sequence[Lang]) -> list[Hit]:
    """Every match in ``normal`` of the story markers of ``types``, as the story signal."""
    hits: list[Hit] = []
    for kind in types:
        for lang in langs:
            pattern = kind.markers[lang]
            hits.extend(
                Hit(STORY_SIGNAL, ((m.start(), m.end()),), type_id=kind.id, marks=key_words(m))
                for m in pattern.finditer(normal)
                if m.end() > m.start()
            )
    return hits


def find_links(normal: str, origin: list[int], phrases: PhraseBook) -> tuple[Span, ...]:
    """The web links in ``normal``, as spans of the original text."""
    if phrases.link is None:
        return ()
    return merge(
        to_original((m.start(), m.end()), origin)
        for m in phrases.link.finditer(normal)
        if m.end() > m.start()
    )
