"""The catalog of fraud kinds (``assets/content/fraud_types.toml``).

Each kind has a name, one sentence on why it is fraud, what to do, the official body that says
so, the asks (signal ids) its story leads to, and the patterns that mark its story in text. The
message checker marks a story with the ``fraud_story`` signal and names the kind; the verdict
shows the name, the sentence and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from guardian.core.i18n import LANGS, Lang, Text
from guardian.core.toml_checks import ContentError, Entry, Limit, entries

TYPE_NAME_LIMIT = Limit(zh=14, en=48)
TYPE_LINE_LIMIT = Limit(zh=40, en=130)
SOURCE_LIMIT = 120
"""The longest a source line may be, in characters."""

PatternCompiler = Callable[[str, object], re.Pattern[str]]
"""Compiles one pattern (with the phrase book's terms); ``where`` names it in errors."""


@dataclass(frozen=True)
class FraudType:
    """One common kind of fraud.

    Attributes:
        id: stable id ("task_rebate").
        name: the fraud's common name ("刷单返利").
        why: one plain sentence on why it is fraud.
        todo: what to do.
        source: the official body that says so, and the kind of statement.
        asks: the signal ids this story leads to.
        markers: per language, one pattern joining the story's markers (:func:`parse_fraud_types`
            requires markers in every language).
    """

    id: str
    name: Text
    why: Text
    todo: Text
    source: str
    asks: tuple[str, ...]
    markers: Mapping[Lang, re.Pattern[str]]


def parse_fraud_types(
    raw: Mapping[str, Any],
    compile_pattern: PatternCompiler,
    signal_ids: Collection[str] | None = None,
) -> tuple[FraudType, ...]:
    """Check the parsed ``fraud_types.toml`` and build the catalog.

    Args:
        raw: the parsed file (``[[type]]`` tables).
        compile_pattern: compiles a marker pattern, expanding the phrase book's terms.
        signal_ids: the ids in the signal catalog; when given, every ask must name one.

    Returns:
        The kinds, in file order.

    Raises:
        ContentError: the file is malformed; the message names the entry.
    """
    file = Entry("fraud_types.toml", raw, required=["type"])
    types: list[FraudType] = []
    for type_id, table, where in entries(file, "type", "type"):
        entry = Entry(
            where, table, required=["id", "name", "why", "todo", "source", "asks", "markers"]
        )
        source = entry.string("source")
        if len(source) > SOURCE_LIMIT:
            entry.fail(f"source is {len(source)} characters long; the limit is {SOURCE_LIMIT}")
        asks = entry.ids("asks")
        if not asks:
            entry.fail("asks is empty (name the signals this story leads to)")
        if signal_ids is not None:
            for ask in asks:
                if ask not in signal_ids:
                    entry.fail(f"asks names {ask!r}, which is not a signal in signals.toml")
        markers = entry.table["markers"]
        if not isinstance(markers, Mapping) or set(markers) != set(LANGS):
            entry.fail("markers must give a list of patterns in every language")
        compiled: dict[Lang, re.Pattern[str]] = {}
        for lang in LANGS:
            patterns = markers[lang]
            if not isinstance(patterns, list) or not patterns:
                entry.fail(f"markers.{lang} must be a non-empty list of patterns")
            parts = [
                compile_pattern(f"{where}, markers.{lang}[{index}]", pattern)
                for index, pattern in enumerate(patterns, start=1)
            ]
            try:
                compiled[lang] = re.compile("|".join(f"(?:{part.pattern})" for part in parts))
            except re.error as error:  # pragma: no cover - each part compiled on its own
                raise ContentError(f"{where}: markers.{lang}: {error}") from None
        types.append(
            FraudType(
                id=type_id,
                name=entry.text("name", TYPE_NAME_LIMIT),
                why=entry.text("why", TYPE_LINE_LIMIT),
                todo=entry.text("todo", TYPE_LINE_LIMIT),
                source=source,
                asks=asks,
                markers=compiled,
            )
        )
    return tuple(types)
