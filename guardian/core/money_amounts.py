"""Sums of money named in a text ("5万元", "¥3,000", "两万") and the value of Chinese numerals.

Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardian.core.text_normalise import MAX_CHECKED_CHARS, normalise
from guardian.core.text_spans import to_original

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS.update({"七": 7, "八": 8, "九": 9})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_AMOUNT = re.compile(
    r"[¥$]\s?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s?万)?(?:\s?元)?"
    r"|[¥$]\s?\d+(?:\.\d+)?(?:\s?万)?(?:\s?元)?"
    r"|(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?\s?(?:万元|万块|万|元|块钱|块|yuan|rmb|dollars?)"
    r"|(?<![\d.,])\d+(?:\.\d+)?\s?(?:万元|万块|万|千元|元|块钱|块|yuan|rmb|dollars?)(?![a-z])"
    r"|[一二两三四五六七八九十百千零]+(?:万|亿)?(?:元|块钱|块)"
    r"|[一二两三四五六七八九十百千零]*[一二两三四五六七八九十][一二两三四五六七八九十百千零]*万"
    r"(?![一二三四五六七八九别不要记得千一分全])"
)


@dataclass(frozen=True)
class Amount:
    """A sum of money mentioned in the text.

    Attributes:
        start: where it starts in the original text.
        end: where it ends (exclusive).
        text: the original text of the sum ("5000元", "¥3,168", "两万").
        yuan: its value when it can be read, else None.
    """

    start: int
    end: int
    text: str
    yuan: float | None


def find_amounts(text: str) -> tuple[Amount, ...]:
    """Return the sums of money named in ``text`` ("5万元", "¥3,000", "两万"), in order.

    The same rule the checker uses for :attr:`~guardian.core.text_check.TextResult.amounts`;
    only the first :data:`MAX_CHECKED_CHARS` characters are read.
    """
    text = text[:MAX_CHECKED_CHARS]
    normal, origin = normalise(text)
    return amounts_in(text, normal, origin)


def amounts_in(text: str, normal: str, origin: list[int]) -> tuple[Amount, ...]:
    """The sums of money in ``text``, found in ``normal``, its form from :func:`normalise`."""
    found: list[Amount] = []
    for match in _AMOUNT.finditer(normal):
        start, end = to_original((match.start(), match.end()), origin)
        found.append(Amount(start, end, text[start:end], _amount_value(match.group())))
    return tuple(found)


def _amount_value(piece: str) -> float | None:
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", piece)
    factor = 10_000 if "万" in piece else (1000 if "千元" in piece else 1)
    if digits is not None:
        try:
            return float(digits.group().replace(",", "")) * factor
        except ValueError:  # pragma: no cover - the pattern only takes digits
            return None
    numerals = "".join(ch for ch in piece if ch in _CN_DIGITS or ch in _CN_UNITS or ch in "万亿")
    return float(chinese_number(numerals)) if numerals else None


def chinese_number(numerals: str) -> int:
    """Return the value of Chinese numerals ("两万", "三千五百", "十二").

    Characters that are not numerals are ignored; an empty string is 0.
    """
    total = 0
    section = 0
    digit = 0
    for char in numerals:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[char]
            digit = 0
        elif char in _CN_BIG_UNITS:
            total += (section + digit) * _CN_BIG_UNITS[char]
            section = 0
            digit = 0
    return total + section + digit
