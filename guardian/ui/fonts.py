"""Choosing a font that really draws Chinese, and saying so plainly when none does."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from guardian.core.i18n import Catalog

log = logging.getLogger(__name__)

# Preferred families, in order: Windows, macOS, then the common Linux fonts.
CJK_FAMILIES = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei")


class FontChoice(NamedTuple):
    """The family chosen for the whole app, and the characters it cannot draw."""

    family: str | None
    missing: frozenset[str] = frozenset()

    @property
    def covers_chinese(self) -> bool:
        """Whether the chosen family draws every character that was checked."""
        return self.family is not None and not self.missing


def missing_characters(family: str, texts: Iterable[str]) -> frozenset[str]:
    """Return the non-ASCII characters of ``texts`` that ``family`` has no glyph for."""
    metrics = QFontMetrics(QFont(family))
    wanted = {ch for ch in set("".join(texts)) if ord(ch) > 0x7F and not ch.isspace()}
    return frozenset(ch for ch in wanted if not metrics.inFontUcs4(ord(ch)))


def _candidate_families(preferred: Iterable[str]) -> Iterator[str]:
    """Yield the installed preferred families, then any other family that writes Chinese.

    Asking for the few preferred names is quicker than listing every family; the list of
    Chinese families is asked for only if the loop gets that far.
    """
    first = installed(preferred)
    yield from first
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    yield from sorted(name for name in chinese if name not in first)


def installed(families: Iterable[str]) -> list[str]:
    """The ``families`` installed here, in their order (asked by name: no list of every font)."""
    return [name for name in families if QFontDatabase.hasFamily(name)]


def first_installed(preferred: Iterable[str] = CJK_FAMILIES) -> str | None:
    """The first of the ``preferred`` families installed here, not yet checked for coverage."""
    return next(iter(installed(preferred)), None)


def choose_cjk_family(texts: Iterable[str], preferred: Iterable[str] = CJK_FAMILIES) -> FontChoice:
    """Pick the first installed preferred family, else any family that writes Chinese.

    Args:
        texts: the Chinese strings the app shows, used to check real coverage.
        preferred: families to try first, in order.

    Returns:
        The first candidate that draws every character; if none does, the first candidate
        with the characters it lacks; with no candidate at all, no family.
    """
    sample = list(texts)
    best: str | None = None
    for family in _candidate_families(preferred):
        missing = missing_characters(family, sample)
        if not missing:
            return FontChoice(family)
        log.info("font %s lacks %d characters", family, len(missing))
        best = best or family
    if best is not None:
        return FontChoice(best, missing_characters(best, sample))
    log.warning("no installed font can draw Chinese")
    return FontChoice(None, frozenset({"中"}))


def choose_for_catalog(catalog: Catalog) -> FontChoice:
    """Choose the family for every Chinese string of the catalog (see ``choose_cjk_family``)."""
    return choose_cjk_family(catalog.get("zh", key) for key in catalog.keys("zh"))
