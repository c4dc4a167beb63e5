"""Turn on-screen text into text a speech engine reads the way a person would.

Rules, in the order they apply:

* Markup goes: HTML tags and entities, Markdown emphasis, headings, links and bullets.
* Icons and emoji go (symbols, pictographs, private-use icon-font characters, joiners).
* Numbers are read out in words, so the result never depends on an engine's own number rules:
  amounts (``¥5,000``, ``3168元``) and counts (``第3题``, ``24小时``) naturally (五千元,
  三千一百六十八元); percentages (百分之三十); clock times; years digit by digit (二零二四年);
  and any other run of three or more digits, which is a telephone or short number, digit by
  digit, with ``1`` read ``幺`` in Chinese (110 -> 幺幺零, 96110 -> 九六幺幺零; in English
  "one one zero"). So are a number that starts with 0 (the "00" in front of a number from
  abroad: 零零) and China's country code 86 (八六). Groups in a written number
  (``138 0013 8000``) become short pauses; a "+" before digits is read 加, on its own 加号.
* Punctuation is reduced to the commas and full stops speech engines pause on, and whitespace
  is collapsed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

from guardian.core.i18n import Lang

__all__ = ["digits_aloud", "for_speech", "number_aloud"]

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_PHONE_DIGITS = "零幺二三四五六七八九"
_EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

_PAUSE = {"zh": "，", "en": ", "}
_STOP = {"zh": "。", "en": ". "}

# ---------------------------------------------------------------------------------------------
# Numbers in words
# ---------------------------------------------------------------------------------------------


def digits_aloud(digits: str, lang: Lang) -> str:
    """Read a string of digits one by one, as telephone numbers are read.

    Args:
        digits: ASCII digits only.
        lang: the language to read in.

    Returns:
        ``"幺幺零"`` for ``"110"`` in Chinese, ``"one one zero"`` in English.
    """
    if lang == "zh":
        return "".join(_ZH_PHONE_DIGITS[int(d)] for d in digits)
    return " ".join(_EN_DIGITS[int(d)] for d in digits)


def _zh_below_10000(n: int, *, leading: bool) -> str:
    """Read 0 < n < 10000 in Chinese; ``leading`` says nothing bigger comes before it."""
    units = ("千", "百", "十", "")
    digits = f"{n:04d}"
    parts: list[str] = []
    pending_zero = False
    started = False
    for digit_char, unit in zip(digits, units, strict=True):
        digit = int(digit_char)
        if digit == 0:
            if started or not leading:
                pending_zero = True
            continue
        if pending_zero and (started or not leading):
            parts.append("零")
        pending_zero = False
        if unit == "十" and digit == 1 and not started and leading:
            parts.append("十")
        elif unit == "千" and digit == 2:
            parts.append("两千")
        else:
            parts.append(_ZH_DIGITS[digit] + unit)
        started = True
    return "".join(parts)


def _zh_integer(n: int) -> str:
    if n == 0:
        return "零"
    if n >= 10**16:
        return digits_aloud(str(n), "zh").replace("幺", "一")
    sections: list[tuple[int, str]] = []
    for unit in ("", "万", "亿", "万亿"):
        sections.append((n % 10000, unit))
        n //= 10000
        if n == 0:
            break
    sections.reverse()
    parts: list[str] = []
    need_zero = False
    for index, (value, unit) in enumerate(sections):
        if value == 0:
            need_zero = bool(parts)
            continue
        leading = index == 0
        if not leading and (need_zero or value < 1000):
            parts.append("零")
        text = _zh_below_10000(value, leading=True)
        if text == "二" and unit:
            text = "两"
        parts.append(text + unit)
        need_zero = False
    return "".join(parts)


def _en_below_1000(n: int) -> str:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append(f"{_EN_DIGITS[hundreds]} hundred")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_EN_TENS[tens] + (f"-{_EN_DIGITS[ones]}" if ones else ""))
    elif rest >= 10:
        words.append(_EN_TEENS[rest - 10])
    elif rest:
        words.append(_EN_DIGITS[rest])
    return " ".join(words)


def _en_integer(n: int) -> str:
    if n == 0:
        return "zero"
    if n >= 10**15:
        return digits_aloud(str(n), "en")
    words: list[str] = []
    for value, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"),
                        (10**3, "thousand")):  # fmt: skip
        count, n = divmod(n, value)
        if count:
            words.append(f"{_en_below_1000(count)} {name}")
    if n:
        words.append(_en_below_1000(n))
    return " ".join(words)


def number_aloud(number: str, lang: Lang) -> str:
    """Read a quantity naturally: ``"3168"`` -> 三千一百六十八, ``"3.5"`` -> 三点五.

    Args:
        number: ASCII digits, optionally with thousands commas and one decimal point.
        lang: the language to read in.

    Returns:
        The number in words.
    """
    whole, _, fraction = number.replace(",", "").partition(".")
    whole = whole or "0"
    if lang == "zh":
        text = _zh_integer(int(whole))
        if fraction:
            text += "点" + "".join(_ZH_DIGITS[int(d)] for d in fraction)
        return text
    text = _en_integer(int(whole))
    if fraction:
        text += " point " + " ".join(_EN_DIGITS[int(d)] for d in fraction)
    return text


# ---------------------------------------------------------------------------------------------
# Markup, icons and characters
# ---------------------------------------------------------------------------------------------

_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr|hr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_LINE_PREFIX = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*+•·▪●◦][ \t]+)", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|`+|~~)")
_WIDE_CHARS = str.maketrans({"％": "%", "￥": "¥", "＋": "+", "＄": "$", "：": ":"})
# Categories that are never spoken: other symbols (emoji, pictograms, arrows), modifier
# symbols (skin tones), format characters (joiners), private use (icon fonts), surrogates,
# enclosing marks (keycaps).
_SILENT_CATEGORIES = {"So", "Sk", "Cf", "Co", "Cs", "Cn", "Me"}
_SPOKEN_SYMBOLS = {
    "℃": {"zh": "摄氏度", "en": " degrees Celsius"},
    "°": {"zh": "度", "en": " degrees"},
    "&": {"zh": "和", "en": " and "},
    "+": {"zh": "加", "en": " plus "},
}


def _normalise_characters(text: str, lang: Lang) -> str:
    out: list[str] = []
    for char in text.translate(_WIDE_CHARS):
        if char in _SPOKEN_SYMBOLS and char != "+":
            out.append(_SPOKEN_SYMBOLS[char][lang])
            continue
        category = unicodedata.category(char)
        if category == "Nd":
            out.append(str(unicodedata.digit(char)))
        elif category == "No" and "CIRCLED" in unicodedata.name(char, ""):
            # Step markers such as ①②③ are read as "1." "2." "3.".
            value = int(unicodedata.numeric(char))
            out.append(f"{_STOP[lang]}{value}{_PAUSE[lang]}")
        elif (
            category in _SILENT_CATEGORIES
            or char in "\ufe0e\ufe0f√"
            or (category == "Sm" and "ARROW" in unicodedata.name(char, ""))
        ) or (category == "Cc" and char not in "\n\t"):
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _strip_markup(text: str) -> str:
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_LINE_PREFIX.sub("", text)
    return _MD_EMPHASIS.sub("", text)


# ---------------------------------------------------------------------------------------------
# Number patterns
# ---------------------------------------------------------------------------------------------

_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ZH_BIG = {"万": 10**4, "千": 10**3, "百": 10**2, "亿": 10**8}
# Money and magnitude words: the number before them is always a quantity.
_ZH_MONEY_UNITS = "元钱|元|块钱|块|角|万|亿|千|百|倍"
# Counting words: a quantity only when short, since "95588人工服务" is a telephone number.
_ZH_COUNT_UNITS = (
    "天|日|个|位|人(?!工)|岁|次|条|张|笔|小时|分钟|秒|米|公里|斤|克|户|家|名|期|周|年级|月|"
    "题|步|项|种|分(?!机)|层|遍|句|道|件"
)
_ZH_UNITS = _ZH_MONEY_UNITS + "|" + _ZH_COUNT_UNITS
_EN_UNITS = (
    "yuan|RMB|dollars?|percent|times|days?|hours?|minutes?|seconds?|weeks?|months?|years?|"
    "people|persons?|calls?|questions?|steps?|signs?|signals?|messages?|kilometres?|metres?"
)

_CURRENCY = re.compile(
    r"(?P<sign>[¥$]|\bRMB|\bCNY)\s*(?P<num>" + _AMOUNT + r")\s*(?P<big>[万千百亿]?)\s*"
    r"(?P<unit>元钱|元|块钱|块|yuan|RMB)?",
)
_PERCENT = re.compile(r"(?P<num>" + _AMOUNT + r")\s*%")
_CLOCK = re.compile(r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])")
_ZH_YEAR = re.compile(r"(?<![\d.,])(?P<num>\d{4})(?=\s*年(?!级))")
_EN_YEAR = re.compile(r"(?<![\d.,+\-])(?P<num>(?:19|20)\d{2})(?!\d|[.,]\d|\s*[-‐–]\s*\d)")
_ORDINAL_ZH = re.compile(r"第\s*(?P<num>\d+)")
_RANGE = {
    "zh": re.compile(
        r"(?P<a>"
        + _AMOUNT
        + r")\s*[-~～–—至到]\s*(?P<b>"
        + _AMOUNT
        + r")(?=\s*(?:"
        + _ZH_UNITS
        + r"))"
    ),
    "en": re.compile(
        r"(?P<a>"
        + _AMOUNT
        + r")\s*(?:[-~–—]|to)\s*(?P<b>"
        + _AMOUNT
        + r")(?=\s*(?:"
        + _EN_UNITS
        + r")\b)",
        re.IGNORECASE,
    ),
}
_WITH_UNIT = {
    "zh": re.compile(
        r"(?:(?P<num>" + _AMOUNT + r")(?=\s*(?:" + _ZH_MONEY_UNITS + r"))"
        r"|(?<![\d.,])(?P<count>[1-9]\d{0,3}(?:\.\d+)?)(?=\s*(?P<unit>" + _ZH_COUNT_UNITS + r")))"
    ),
    "en": re.compile(r"(?P<num>" + _AMOUNT + r")(?=\s*(?:" + _EN_UNITS + r")\b)", re.IGNORECASE),
}
_GROUPED = re.compile(r"(?<![\d,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?)(?!\d|,\d)")
_DECIMAL = re.compile(r"(?<![\d.])(?P<num>\d+\.\d+)(?!\d|\.\d)")
# A telephone or short number: optional + (or "00" and a country code), then digit groups
# joined by single spaces or dashes.
_PHONE = re.compile(
    r"(?P<plus>\+\s?)?(?P<num>(?:00[ \-]\d{1,3}[ \-](?=\d))?\d+(?:(?:[ \-‐–]|\s-\s)\d{3,})*)"
)
_MOBILE = re.compile(r"1\d{10}")
COUNTRY_CODE = "86"
"""China's country code: on its own it is a code, read digit by digit, not eighty-six."""
_LONE_PLUS = {"zh": "加号", "en": " plus sign "}
_DIGITS = re.compile(r"\d+")


def _currency(match: re.Match[str], lang: Lang) -> str:
    number = match["num"]
    big = match["big"] or ""
    dollars = match["sign"] == "$"
    if lang == "zh":
        return number_aloud(number, "zh") + big + ("美元" if dollars else "元")
    value = float(number.replace(",", "")) * (_ZH_BIG.get(big, 1))
    spoken = number_aloud(_plain_number(value), "en")
    return f"{spoken} {'dollars' if dollars else 'yuan'}"


def _plain_number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _percent(match: re.Match[str], lang: Lang) -> str:
    if lang == "zh":
        return "百分之" + number_aloud(match["num"], "zh")
    return number_aloud(match["num"], "en") + " percent"


def _clock(match: re.Match[str], lang: Lang) -> str:
    hour, minute = int(match["h"]), int(match["m"])
    if lang == "zh":
        text = _zh_integer(hour).replace("二", "两") if hour == 2 else _zh_integer(hour)
        if minute == 0:
            return text + "点"
        minutes = _zh_integer(minute)
        return f"{text}点{'零' + minutes if minute < 10 else minutes}分"
    if minute == 0:
        return f"{_en_integer(hour)} o'clock"
    if minute < 10:
        return f"{_en_integer(hour)} oh {_en_integer(minute)}"
    return f"{_en_integer(hour)} {_en_integer(minute)}"


def _en_year(match: re.Match[str]) -> str:
    year = int(match["num"])
    century, rest = divmod(year, 100)
    if rest == 0:
        return f"{_en_integer(century)} hundred"
    if 2000 <= year < 2010:
        return _en_integer(year)
    return f"{_en_integer(century)} {'oh ' if rest < 10 else ''}{_en_integer(rest)}"


def _phone(match: re.Match[str], lang: Lang) -> str:
    groups = [group for group in re.split(r"\D+", match["num"]) if group]
    if (
        match["plus"] is None
        and len(groups) == 1
        and len(groups[0]) < 3
        and not groups[0].startswith("0")
        and groups[0] != COUNTRY_CODE
    ):
        # A one- or two-digit number is a count: read it naturally.
        return number_aloud(groups[0], lang)
    if len(groups) == 1 and _MOBILE.fullmatch(groups[0]):
        number = groups[0]
        groups = [number[:3], number[3:7], number[7:]]
    spoken = _PAUSE[lang].join(digits_aloud(group, lang) for group in groups)
    if match["plus"] is not None:
        spoken = _SPOKEN_SYMBOLS["+"][lang].strip() + " " + spoken
    return f" {spoken} " if lang == "en" else spoken


# Before these words a lone 2 is read 两 (两个, 两天, 两元), elsewhere 二 (二月, 第二题).
_ZH_LIANG_BEFORE = (
    "元", "块", "万", "亿", "千", "百", "倍", "天", "个", "位", "人", "岁", "次",
    "条", "张", "笔", "小时", "分钟", "秒", "斤", "遍", "句", "件", "家", "名",
)  # fmt: skip


def _with_unit(match: re.Match[str], lang: Lang) -> str:
    number = match["num"] or match["count"]
    if lang == "en":
        return number_aloud(number, "en") + " "
    if number == "2":
        following = match.string[match.end() :].lstrip()
        if following.startswith(_ZH_LIANG_BEFORE):
            return "两"
    return number_aloud(number, "zh")


def _read_numbers(text: str, lang: Lang) -> str:
    def sub(pattern: re.Pattern[str], reader: Callable[[re.Match[str]], str]) -> None:
        nonlocal text
        text = pattern.sub(reader, text)

    sub(_CURRENCY, lambda m: _currency(m, lang))
    sub(_PERCENT, lambda m: _percent(m, lang))
    sub(_CLOCK, lambda m: _clock(m, lang))
    if lang == "zh":
        sub(_ZH_YEAR, lambda m: "".join(_ZH_DIGITS[int(d)] for d in m["num"]))
        sub(_ORDINAL_ZH, lambda m: "第" + number_aloud(m["num"], "zh"))
    else:
        sub(_EN_YEAR, _en_year)
    to_word = "到" if lang == "zh" else " to "
    sub(_RANGE[lang], lambda m: number_aloud(m["a"], lang) + to_word + number_aloud(m["b"], lang))
    sub(_WITH_UNIT[lang], lambda m: _with_unit(m, lang))
    sub(_GROUPED, lambda m: number_aloud(m["num"], lang))
    sub(_DECIMAL, lambda m: number_aloud(m["num"], lang))
    sub(_PHONE, lambda m: _phone(m, lang))
    # Anything left (digits glued to odd punctuation) is read digit by digit.
    sub(_DIGITS, lambda m: digits_aloud(m.group(), lang))
    # A "+" with no digits after it is the sign itself ("00或+开头").
    return text.replace("+", _LONE_PLUS[lang])


# ---------------------------------------------------------------------------------------------
# Punctuation and spacing
# ---------------------------------------------------------------------------------------------

_ZH_PUNCT = str.maketrans(
    {
        ",": "，", ";": "，", ":": "，", "；": "，", "：": "，", "、": "，", "|": "，",
        "—": "，", "–": "，", "(": "，", ")": "，", "（": "，", "）": "，", "【": "，",
        "】": "，", "[": "，", "]": "，", "{": "，", "}": "，",
        ".": "。", "…": "。", "．": "。", "｡": "。",
        "?": "？", "!": "！",
        "“": "", "”": "", "‘": "", "’": "", "\"": "", "「": "", "」": "", "『": "", "』": "",
        "《": "", "》": "", "〈": "", "〉": "", "<": "", ">": "", "#": "", "*": "", "_": "",
        "`": "", "~": "", "～": "", "=": "", "^": "", "\\": "", "/": "，",
    }
)  # fmt: skip
_EN_PUNCT = str.maketrans(
    {
        "，": ",", "、": ",", "；": ";", "：": ":", "。": ".", "．": ".", "？": "?", "！": "!",
        "…": ".", "—": ",", "–": ",", "(": ",", ")": ",", "（": ",", "）": ",", "[": ",",
        "]": ",", "【": ",", "】": ",", "{": ",", "}": ",", "|": ",",
        "“": "", "”": "", "\"": "", "「": "", "」": "", "《": "", "》": "", "<": "", ">": "",
        "#": "", "*": "", "_": "", "`": "", "~": "", "～": "", "=": "", "^": "", "\\": "",
        "/": ",",
    }
)  # fmt: skip

_ZH_PAUSES = "，。？！"
_ZH_RUNS = re.compile(r"\s*([，。？！])(?:\s*[，。？！])*\s*")
_EN_RUNS = re.compile(r"\s*([,;:.?!])(?:\s*[,;:.?!])*")
_EN_STRAY_DASH = re.compile(r"(?<!\w)-+|-+(?!\w)")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_LINES = re.compile(r"\s*\n\s*")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff，。？！]) (?=[\u3400-\u9fff，。？！])")


def _zh_run(match: re.Match[str]) -> str:
    marks = re.sub(r"\s", "", match.group())
    for strongest in "？！。":
        if strongest in marks:
            return strongest
    return "，"


def _en_run(match: re.Match[str]) -> str:
    marks = match.group()
    for strongest in "?!.":
        if strongest in marks:
            return strongest + " "
    return ", " if "," in marks or ";" in marks or ":" in marks else " "


def _punctuate(text: str, lang: Lang) -> str:
    # A line break is a pause: end the line with a full stop unless it already has one.
    lines = [line.strip() for line in _LINES.split(text)]
    text = _STOP[lang].join(line for line in lines if line)
    if lang == "zh":
        text = text.translate(_ZH_PUNCT).replace("-", " ")
        text = _SPACES.sub(" ", text)
        text = _ZH_RUNS.sub(_zh_run, text)
        text = _CJK_SPACE.sub("", text)
        return text.lstrip(" ，。？！").rstrip(" ，")
    text = text.translate(_EN_PUNCT)
    text = _EN_STRAY_DASH.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _EN_RUNS.sub(_en_run, text)
    text = _SPACES.sub(" ", text)
    return text.lstrip(" ,.?!").rstrip(" ,")


def for_speech(text: str, lang: Lang) -> str:
    """Return ``text`` as it should be read aloud in ``lang``.

    Args:
        text: text as shown on screen; may hold markup, icons, emoji and numbers.
        lang: the language the text is in, which decides how numbers are read.

    Returns:
        Plain text with every number in words, pauses only at commas and full stops, and
        single spaces. It holds no digits at all. Empty when nothing is left to read.

    Examples:
        >>> for_speech("请拨打110", "zh")
        '请拨打幺幺零'
        >>> for_speech("¥5,000", "zh")
        '五千元'
    """
    text = _strip_markup(text)
    text = _normalise_characters(text, lang)
    text = _read_numbers(text, lang)
    return _punctuate(text, lang)
