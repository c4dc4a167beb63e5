"""Languages, bilingual text, and the UI string catalog looked up by dotted key."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def parse_lang(value: str) -> Lang:
    """Return the language code for ``value`` ("zh", "zh_CN", "en", "en_US"...).

    Raises:
        ValueError: the value names no language Guardian speaks.
    """
    code = value.strip().lower().replace("-", "_").split("_")[0]
    for lang in LANGS:
        if code == lang:
            return lang
    raise ValueError(f"unknown language: {value!r} (use zh or en)")


@dataclass(frozen=True)
class Text:
    """One piece of text in every language Guardian speaks."""

    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        """Return the text in ``lang``."""
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return self.zh


def placeholders(template: str) -> set[str]:
    """Return the names of the ``{name}`` placeholders in ``template``."""
    return set(_PLACEHOLDER.findall(template))


class Catalog:
    """UI strings for every language, looked up by dotted key (``home.check_call``).

    Args:
        strings: for each language, a flat mapping from dotted key to template.
    """

    def __init__(self, strings: Mapping[Lang, Mapping[str, str]]) -> None:
        self._strings = {lang: dict(strings[lang]) for lang in LANGS}

    def get(self, lang: Lang, key: str, **values: object) -> str:
        """Return the string for ``key`` in ``lang``, with ``values`` filled in.

        A missing key returns the key itself, so a gap shows on screen instead of crashing.
        """
        template = self._strings[lang].get(key)
        if template is None:
            return key
        return template.format(**values) if values else template

    def text(self, key: str, **values: object) -> Text:
        """Return the string for ``key`` in every language."""
        return Text(zh=self.get("zh", key, **values), en=self.get("en", key, **values))

    def keys(self, lang: Lang) -> set[str]:
        """Return every key defined for ``lang``."""
        return set(self._strings[lang])

    def template(self, lang: Lang, key: str) -> str | None:
        """Return the raw template for ``key`` in ``lang``, or None when it is missing."""
        return self._strings[lang].get(key)

    def words(self, lang: Lang) -> CatalogWords:
        """Return the lookup of this catalog's sentences in ``lang`` (safe on any thread)."""
        return CatalogWords(self, lang)

    def mismatches(self) -> list[str]:
        """Describe every key missing from a language or with different placeholders."""
        problems: list[str] = []
        all_keys = set().union(*(self.keys(lang) for lang in LANGS))
        for key in sorted(all_keys):
            present = {lang: self.template(lang, key) for lang in LANGS}
            missing = [lang for lang, tpl in present.items() if tpl is None]
            if missing:
                problems.append(f"{key}: missing in {', '.join(missing)}")
                continue
            names = {lang: placeholders(tpl or "") for lang, tpl in present.items()}
            if len({frozenset(n) for n in names.values()}) > 1:
                problems.append(f"{key}: placeholders differ {names}")
        return problems


@dataclass(frozen=True)
class CatalogWords:
    """A catalog bound to one language: ``words("doctor.all_well")`` is the sentence.

    It is the one lookup the code that writes sentences away from a screen takes (the doctor's
    checks, the family's alerts, the command line); see :class:`guardian.core.field_error.Words`.

    Attributes:
        catalog: the UI strings.
        lang: the language of the sentences.
    """

    catalog: Catalog
    lang: Lang

    def __call__(self, key: str, **values: object) -> str:
        """Return the sentence ``key`` with its blanks filled in."""
        return self.catalog.get(self.lang, key, **values)

    def template(self, key: str) -> str:
        """Return the sentence ``key`` with its blanks still open."""
        return self.catalog.template(self.lang, key) or key
