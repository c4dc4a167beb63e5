"""The UI string catalogs: the same keys and placeholders in every language."""

from __future__ import annotations

from guardian.assets import load_catalog
from guardian.core.i18n import Catalog, placeholders


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    assert load_catalog().mismatches() == []


def test_the_check_itself_finds_a_missing_key_and_a_placeholder_mismatch() -> None:
    catalog = Catalog({"zh": {"a": "{n} 条", "b": "x"}, "en": {"a": "{count} items"}})
    problems = catalog.mismatches()
    assert any(p.startswith("a: placeholders differ") for p in problems)
    assert "b: missing in en" in problems


def test_no_string_is_empty() -> None:
    catalog = load_catalog()
    for lang in ("zh", "en"):
        for key in catalog.keys(lang):
            assert (catalog.template(lang, key) or "").strip(), f"{lang}:{key} is empty"


def test_placeholders_are_found() -> None:
    assert placeholders("第 {number} 条 / 共 {total} 条") == {"number", "total"}
