"""The phrase book: the patterns of ``phrases.toml`` checked and compiled.

``phrases.toml`` (both languages, data not code) names, per signal, the phrases that show it,
"near" rules whose parts must appear close together, reusable ``[terms]`` and the ``[cues]``
(negation, topic, question, request and advice words). :func:`parse_phrases` checks the file
and compiles it into a :class:`PhraseBook` for :func:`guardian.core.text_check.check_text`.
Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from guardian.core.content import ContentError
from guardian.core.fraud_types import FraudType, parse_fraud_types
from guardian.core.i18n import LANGS, Lang

CUE_KINDS: tuple[str, ...] = ("negation", "topic", "question", "request", "advice")
"""The kinds of cue words in ``[cues]`` of phrases.toml."""

_TERM = re.compile(r"<([a-z][a-z0-9_]*)>")


@dataclass(frozen=True)
class NearRule:
    """Patterns that must all match within ``within`` characters of each other.

    Attributes:
        within: the widest distance, in normalised characters, from the first part's start to
            the last part's end.
        parts: one compiled pattern per part.
    """

    within: int
    parts: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class SignalPhrases:
    """The patterns that find one signal in text.

    Attributes:
        signal_id: the signal these patterns find.
        any: per language, one pattern joining every single phrase (None when there are none).
        near: per language, the near rules.
        negative: the phrases are themselves prohibitions ("不要告诉家人"), so negation words
            inside them belong to the demand and are not read as advice.
    """

    signal_id: str
    any: Mapping[Lang, re.Pattern[str] | None]
    near: Mapping[Lang, tuple[NearRule, ...]]
    negative: bool = False


@dataclass(frozen=True)
class Cues:
    """Cue words for one language (or for all of them joined), each kind one pattern.

    Attributes:
        negation: advice and negation words ("不会", "never").
        topic: words that make a sentence about fraud ("骗子", "scam").
        question: marks of a question ("是不是", "?").
        request: marks of a direct demand ("请", "必须", "please").
        advice: telling the person not to pay, believe or tell ("不要转账", "don't believe").
    """

    negation: re.Pattern[str]
    topic: re.Pattern[str]
    question: re.Pattern[str]
    request: re.Pattern[str]
    advice: re.Pattern[str]


@dataclass(frozen=True)
class PhraseBook:
    """Every compiled phrase pattern and cue, ready for the checker.

    Attributes:
        signals: the patterns of each signal that text can show, in file order.
        cues: cue words per language.
        all_cues: cue words of every language joined (used when no language is given).
        link: the pattern of a web link (``terms.link``), or None.
        types: the catalog of fraud kinds with their story markers.
    """

    signals: tuple[SignalPhrases, ...]
    cues: Mapping[Lang, Cues]
    all_cues: Cues
    link: re.Pattern[str] | None = None
    types: tuple[FraudType, ...] = ()

    def fraud_type(self, type_id: str) -> FraudType:
        """Return the fraud kind ``type_id``.

        Raises:
            KeyError: there is no such kind.
        """
        for kind in self.types:
            if kind.id == type_id:
                return kind
        raise KeyError(type_id)

    @property
    def signal_ids(self) -> tuple[str, ...]:
        """The ids of the signals that text can show, in file order."""
        return tuple(entry.signal_id for entry in self.signals)


def parse_phrases(
    raw: Mapping[str, Any],
    signal_ids: Collection[str] | None = None,
    types: Mapping[str, Any] | None = None,
) -> PhraseBook:
    """Check the parsed ``phrases.toml`` and compile its patterns.

    Args:
        raw: the parsed file (``[terms]``, ``[cues]`` and ``[[signal]]``).
        signal_ids: the ids in the signal catalog; when given, every entry must name one.
        types: the parsed ``fraud_types.toml``; its markers may use the terms of ``raw``.

    Returns:
        The compiled phrase book.

    Raises:
        ContentError: the file is malformed (unknown or missing keys, a bad pattern, a pattern
            that matches empty text, an unknown term or signal, a duplicate id); the message
            names the entry.
    """
    where = "phrases.toml"
    _keys(where, raw, required=("terms", "cues", "signal"))
    terms = _parse_terms(raw["terms"])
    cues = _parse_cues(raw["cues"], terms)
    entries = raw["signal"]
    if not isinstance(entries, list) or not entries:
        raise ContentError(f"{where}: signal must be a non-empty array of tables ([[signal]])")
    signals: list[SignalPhrases] = []
    seen: set[str] = set()
    for number, table in enumerate(entries, start=1):
        entry_where = f"{where}, signal #{number}"
        if not isinstance(table, Mapping):
            raise ContentError(f"{entry_where}: expected a table")
        signal_id = table.get("id")
        if not isinstance(signal_id, str) or not signal_id:
            raise ContentError(f"{entry_where}: id is missing")
        entry_where = f"{where}, signal {signal_id!r}"
        if signal_id in seen:
            raise ContentError(f"{entry_where}: duplicate id")
        seen.add(signal_id)
        if signal_ids is not None and signal_id not in signal_ids:
            raise ContentError(f"{entry_where}: not a signal in signals.toml")
        signals.append(_parse_signal(entry_where, table, terms))
    all_cues = Cues(
        **{kind: _join(getattr(cues[lang], kind) for lang in LANGS) for kind in CUE_KINDS}
    )
    link = _compile(f"{where}, terms.link", terms["link"], {}) if "link" in terms else None
    kinds: tuple[FraudType, ...] = ()
    if types is not None:
        kinds = parse_fraud_types(
            types, lambda at, pattern: _compile(at, pattern, terms), signal_ids
        )
    return PhraseBook(signals=tuple(signals), cues=cues, all_cues=all_cues, link=link, types=kinds)


def _keys(
    where: str, table: object, required: Sequence[str], optional: Sequence[str] = ()
) -> Mapping[str, Any]:
    if not isinstance(table, Mapping):
        raise ContentError(f"{where}: expected a table")
    unknown = [key for key in table if key not in required and key not in optional]
    if unknown:
        raise ContentError(f"{where}: unknown key {', '.join(map(repr, unknown))}")
    for key in required:
        if key not in table:
            raise ContentError(f"{where}: {key} is missing")
    return table


def _parse_terms(raw: object) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise ContentError("phrases.toml, terms: expected a table")
    terms: dict[str, str] = {}
    for name, pattern in raw.items():
        where = f"phrases.toml, terms.{name}"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise ContentError(f"{where}: a term name must be lower case letters and digits")
        if not isinstance(pattern, str) or not pattern:
            raise ContentError(f"{where}: must be a non-empty pattern string")
        if _TERM.search(pattern):
            raise ContentError(f"{where}: a term may not use another term")
        terms[name] = pattern
        _compile(where, pattern, {})
    return terms


def _parse_cues(raw: object, terms: Mapping[str, str]) -> dict[Lang, Cues]:
    table = _keys("phrases.toml, cues", raw, required=CUE_KINDS)
    per_lang: dict[Lang, dict[str, re.Pattern[str]]] = {lang: {} for lang in LANGS}
    for kind in CUE_KINDS:
        where = f"phrases.toml, cues.{kind}"
        langs = _keys(where, table[kind], required=LANGS)
        for lang in LANGS:
            patterns = _pattern_list(f"{where}.{lang}", langs[lang], terms, allow_empty=False)
            per_lang[lang][kind] = _join(patterns)
    return {lang: Cues(**per_lang[lang]) for lang in LANGS}


def _parse_signal(where: str, table: Mapping[str, Any], terms: Mapping[str, str]) -> SignalPhrases:
    _keys(where, table, required=("id", *LANGS), optional=("near", "negative"))
    negative = table.get("negative", False)
    if not isinstance(negative, bool):
        raise ContentError(f"{where}: negative must be true or false")
    any_patterns: dict[Lang, re.Pattern[str] | None] = {}
    for lang in LANGS:
        patterns = _pattern_list(f"{where}, {lang}", table[lang], terms, allow_empty=True)
        any_patterns[lang] = _join(patterns) if patterns else None
    near: dict[Lang, list[NearRule]] = {lang: [] for lang in LANGS}
    rules = table.get("near", [])
    if not isinstance(rules, list):
        raise ContentError(f"{where}: near must be an array of tables ([[signal.near]])")
    for number, rule in enumerate(rules, start=1):
        rule_where = f"{where}, near #{number}"
        rule_table = _keys(rule_where, rule, required=("within",), optional=LANGS)
        within = rule_table["within"]
        if isinstance(within, bool) or not isinstance(within, int) or within < 1:
            raise ContentError(f"{rule_where}: within must be a positive whole number")
        if not any(lang in rule_table for lang in LANGS):
            raise ContentError(f"{rule_where}: give the parts in at least one language")
        for lang in LANGS:
            if lang not in rule_table:
                continue
            parts = _pattern_list(f"{rule_where}, {lang}", rule_table[lang], terms, False)
            if len(parts) < 2:
                raise ContentError(f"{rule_where}, {lang}: a near rule needs at least two parts")
            near[lang].append(NearRule(within=within, parts=tuple(parts)))
    for lang in LANGS:
        if any_patterns[lang] is None and not near[lang]:
            raise ContentError(f"{where}: no pattern in {lang}")
    return SignalPhrases(
        signal_id=str(table["id"]),
        any=any_patterns,
        near={lang: tuple(near[lang]) for lang in LANGS},
        negative=negative,
    )


def _pattern_list(
    where: str, value: object, terms: Mapping[str, str], allow_empty: bool
) -> list[re.Pattern[str]]:
    if not isinstance(value, list) or not (value or allow_empty):
        raise ContentError(f"{where}: must be a {'' if allow_empty else 'non-empty '}list")
    return [_compile(f"{where}[{i}]", item, terms) for i, item in enumerate(value, start=1)]


def _compile(where: str, pattern: object, terms: Mapping[str, str]) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise ContentError(f"{where}: must be a non-empty pattern string")

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in terms:
            raise ContentError(f"{where}: unknown term <{name}> (not in [terms])")
        return f"(?:{terms[name]})"

    expanded = _TERM.sub(expand, pattern)
    try:
        compiled = re.compile(expanded)
    except re.error as error:
        raise ContentError(f"{where}: bad pattern {pattern!r}: {error}") from None
    if compiled.search("") is not None:
        raise ContentError(f"{where}: pattern {pattern!r} matches empty text")
    return compiled


def _join(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns))
