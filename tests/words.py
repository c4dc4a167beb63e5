"""The catalog's sentences in one language, as the code that writes alerts takes them."""

from __future__ import annotations

from functools import cache

from guardian.assets import load_catalog
from guardian.core.field_error import Words
from guardian.core.i18n import Catalog, Lang


@cache
def _catalog() -> Catalog:
    return load_catalog()


def words_in(lang: Lang) -> Words:
    """Return the lookup of the real catalogs' sentences in ``lang``."""
    return _catalog().words(lang)
