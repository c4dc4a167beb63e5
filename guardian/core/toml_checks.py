"""The checks every content file is read with: one TOML table at a time, each problem named.

Shared by the content catalog (:mod:`guardian.core.content`), the demo scenarios, the fraud
kinds and the remote-control programs, so that every file is checked by the same rules and
reports its problems in the same words. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from guardian.core.i18n import LANGS, Text

SOURCE_MAX = 120
"""The longest a source (who says so) may be, in characters."""

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
"""What an id looks like: lower case letters, digits and underscores, a letter first."""

_CJK = re.compile(r"[\u3400-\u9fff]")

Fail = Callable[[str], NoReturn]
"""Raises the error for a problem, given the problem in words."""


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Limit:
    """The longest a text may be in each language, in characters."""

    zh: int
    en: int


class Entry:
    """One TOML table being read; every problem is reported with ``where`` in front.

    Args:
        where: names the file and the entry ("signals.toml, signal 'safe_account'").
        table: the parsed table.
        required: keys that must be present.
        optional: keys that may be present.
        error: the error raised for a problem (a file's own kind of :class:`ContentError`).
    """

    def __init__(
        self,
        where: str,
        table: object,
        required: Collection[str],
        optional: Collection[str] = (),
        error: type[ContentError] = ContentError,
    ) -> None:
        self.where = where
        self.error = error
        if not isinstance(table, Mapping):
            self.fail(f"expected a table, found {type_name(table)}")
        self.table: Mapping[str, Any] = table
        unknown = [key for key in table if key not in required and key not in optional]
        if unknown:
            self.fail(f"unknown key {', '.join(map(repr, unknown))}")
        for key in required:
            if key not in table:
                self.fail(f"{key} is missing")

    def fail(self, problem: str) -> NoReturn:
        """Raise the entry's error (a :class:`ContentError`) about this entry."""
        raise self.error(f"{self.where}: {problem}")

    def has(self, key: str) -> bool:
        """Whether ``key`` is present."""
        return key in self.table

    def string(self, key: str) -> str:
        """Return the non-empty string under ``key``."""
        value = self.table[key]
        if not isinstance(value, str):
            self.fail(f"{key} must be a string, found {type_name(value)}")
        if not value.strip():
            self.fail(f"{key} is empty")
        return value

    def ident(self, key: str) -> str:
        """Return the id-like string (lower case, digits, underscores) under ``key``."""
        value = self.string(key)
        if not ID_PATTERN.match(value):
            self.fail(f"{key} {value!r} must be lower case letters, digits and underscores")
        return value

    def source(self, key: str = "source") -> str:
        """Return who says so under ``key``: Chinese, one line, at most ``SOURCE_MAX`` long."""
        value = self.string(key)
        if value != value.strip() or "\n" in value:
            self.fail(f"{key} must be one line without blank space around it")
        if len(value) > SOURCE_MAX:
            self.fail(f"{key} is {len(value)} characters long; the limit is {SOURCE_MAX}")
        if not _CJK.search(value):
            self.fail(f"{key} must name the official body in Chinese")
        return value

    def integer(self, key: str) -> int:
        """Return the positive integer under ``key``."""
        value = self.table[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(f"{key} must be a positive whole number, found {value!r}")
        return value

    def flag(self, key: str) -> bool:
        """Return the true or false value under ``key`` (false when absent)."""
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{key} must be true or false, found {value!r}")
        return value

    def words(self, key: str, longest: int) -> tuple[str, ...]:
        """Return the list of words under ``key`` (empty when absent); each appears once."""
        value = self.table.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{key} must be a list of words, found {type_name(value)}")
        seen: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{key} holds {item!r}, which is not a word")
            if item != item.strip() or "\n" in item:
                self.fail(f"{key} holds {item!r}, with blank space around it")
            if len(item) > longest:
                self.fail(f"{key} holds {item!r}, longer than {longest} characters")
            if item.casefold() in (word.casefold() for word in seen):
                self.fail(f"{key} holds {item!r} twice")
            seen.append(item)
        return tuple(seen)

    def ids(self, key: str) -> tuple[str, ...]:
        """Return the list of ids under ``key``; an id may appear only once."""
        value = self.table[key]
        if not isinstance(value, list):
            self.fail(f"{key} must be a list of ids, found {type_name(value)}")
        seen: list[str] = []
        for item in value:
            if not isinstance(item, str) or not ID_PATTERN.match(item):
                self.fail(f"{key} holds {item!r}, which is not an id")
            if item in seen:
                self.fail(f"{key} names {item!r} twice")
            seen.append(item)
        return tuple(seen)

    def text(self, key: str, limit: Limit) -> Text:
        """Return the text in every language under ``key``, within ``limit``."""
        return text_in_every_language(self.fail, key, self.table[key], limit)

    def optional_text(self, key: str, limit: Limit) -> Text | None:
        """Return the text under ``key``, or None when the key is absent."""
        return self.text(key, limit) if key in self.table else None

    def texts(self, key: str, limit: Limit) -> tuple[Text, ...]:
        """Return a list of texts under ``key`` (each a ``{zh = ..., en = ...}`` table)."""
        value = self.table[key]
        if not isinstance(value, list):
            self.fail(f"{key} must be a list of {{zh = ..., en = ...}} texts")
        return tuple(
            text_in_every_language(self.fail, f"{key}[{index + 1}]", item, limit)
            for index, item in enumerate(value)
        )

    def table_list(self, key: str) -> list[Mapping[str, Any]]:
        """Return the array of tables under ``key`` (``[[key]]`` in TOML)."""
        value = self.table[key]
        if not isinstance(value, list) or not value:
            self.fail(f"{key} must be a non-empty array of tables ([[{key}]])")
        return value


def type_name(value: object) -> str:
    """How a wrong value is named in an error ("a table", "a list", "a string", "a number")."""
    return {dict: "a table", list: "a list", str: "a string", int: "a number"}.get(
        type(value), type(value).__name__
    )


def text_in_every_language(fail: Fail, key: str, value: object, limit: Limit) -> Text:
    """Check ``value``, the text under ``key``, and return it.

    It must be a table with a non-empty string for every language, without blank space around
    it and within ``limit``; ``fail`` is called with the problem otherwise.
    """
    if not isinstance(value, Mapping):
        fail(f"{key} must give every language ({key}.zh = ..., {key}.en = ...)")
    unknown = [lang for lang in value if lang not in LANGS]
    if unknown:
        fail(f"unknown key {', '.join(repr(f'{key}.{lang}') for lang in unknown)}")
    parts: dict[str, str] = {}
    for lang in LANGS:
        if lang not in value:
            fail(f"{key}.{lang} is missing")
        part = value[lang]
        if not isinstance(part, str):
            fail(f"{key}.{lang} must be a string, found {type_name(part)}")
        if not part.strip():
            fail(f"{key}.{lang} is empty")
        if part != part.strip():
            fail(f"{key}.{lang} starts or ends with blank space")
        longest = getattr(limit, lang)
        if len(part) > longest:
            fail(f"{key}.{lang} is {len(part)} characters long; the limit is {longest}")
        parts[lang] = part
    return Text(zh=parts["zh"], en=parts["en"])


def entries(file: Entry, key: str, kind: str) -> Iterator[tuple[str, Mapping[str, Any], str]]:
    """Yield (id, table, where) for each ``[[key]]`` table of ``file``, refusing duplicate ids.

    Args:
        file: the checked file.
        key: the name of its array of tables (``signal`` for ``[[signal]]``).
        kind: what an entry is called in a message (``signal #3``, ``signal 'urgency'``).

    Raises:
        ContentError: an entry is not a table, or its id is missing, malformed or used twice.
    """
    seen: dict[str, int] = {}
    for number, table in enumerate(file.table_list(key), start=1):
        where = f"{file.where}, {kind} #{number}"
        if not isinstance(table, Mapping):
            raise ContentError(f"{where}: expected a table, found {type_name(table)}")
        entry_id = table.get("id")
        if entry_id is None:
            raise ContentError(f"{where}: id is missing")
        if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
            raise ContentError(
                f"{where}: id {entry_id!r} must be lower case letters, digits and underscores"
            )
        where = f"{file.where}, {kind} {entry_id!r}"
        if entry_id in seen:
            raise ContentError(f"{where}: duplicate id (also {kind} #{seen[entry_id]})")
        seen[entry_id] = number
        yield entry_id, table, where
