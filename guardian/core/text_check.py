"""The message checker: finds the red signals in an SMS, or in what a caller said.

The phrase patterns live in ``assets/content/phrases.toml`` (both languages, data not code);
:func:`parse_phrases` checks them and compiles a :class:`PhraseBook`. :func:`check_text` then:

1. normalises the text (full-width to half-width, lower case, common traditional characters to
   simplified, spaces and filler marks between Chinese characters dropped), keeping a map back
   to the original positions so every match can be highlighted where the person typed it;
2. finds every phrase of every signal, "near" rules whose parts must appear close together, and
   the story markers of each kind of fraud in the catalog (``fraud_types.toml``), which count as
   the ``fraud_story`` signal and name the kind;
3. sets aside matches that read as advice or a warning: a negation or advice word shortly before
   the phrase in its own clause ("公检法不会要求转账", but not "不用担心，把验证码说给他"), or a
   sentence about fraud as a topic ("那是骗子，别理他") unless it makes a decisive demand. A text
   that asks for nothing and tells the person not to pay (a real police or bank warning) has
   its other signals set aside too. Naming 96110 or the anti-fraud centre switches nothing off:
   a claim to be them is an official claim like any other;
4. weighs what is left with the risk engine (source "text"); when that finds nothing, a small
   statistical model (:mod:`guardian.core.text_model`), if given, may raise the text to the
   middle level with its strongest phrases marked, never higher.

Everything here is pure and deterministic: no I/O, no clock, no randomness.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from guardian.core.content import Content, ContentError, Severity, Signal
from guardian.core.fraud_types import FraudType, parse_fraud_types
from guardian.core.i18n import LANGS, Lang
from guardian.core.risk import Assessment, Level, assess
from guardian.core.text_model import TextModel

Span = tuple[int, int]

CUE_KINDS: tuple[str, ...] = ("negation", "topic", "question", "request", "advice")
"""The kinds of cue words in ``[cues]`` of phrases.toml."""

NEGATION_WINDOW = 12
"""How far before a Chinese phrase (in normalised characters) a negation word still counts."""

NEGATION_WINDOW_LATIN = 40
"""The same for a phrase in a Latin script, whose words are longer."""

STORY_SIGNAL = "fraud_story"
"""The signal that a fraud kind's story markers count as."""

MODEL_SIGNAL = "looks_like_fraud"
"""The signal the statistical model's opinion counts as."""

MODEL_AGREES = {Level.MEDIUM: 0.3, Level.HIGH: 0.15}
"""For each level the phrases reach, the model's probability at or above which it agrees.

Below it the phrases' signals are set aside: the text as a whole reads like the ordinary
messages (for the middle level, clearly more likely ordinary than fraud; for the highest, far
more). On
the training texts, cross-validated, this spared most real warnings, police and bank calls that
share the fraud's words ("不要把验证码告诉任何人", "请下载国家反诈中心App")."""

ASK_SIGNALS = frozenset(
    {
        "money_to_their_account",
        "loan_or_credit",
        "pay_first_to_receive",
        "phishing_link",
        "relative_in_trouble",
    }
)
"""Signals that are asks (besides every decisive signal): a text that makes one is no advice."""

# Between a negation and the phrase it governs: words that turn it into reassurance ("不用担心
# 把钱转过来") or lead on to a demand ("不要挂，然后把...").
_NOT_GOVERNED = re.compile(
    r"担心|害怕|怕|紧张|慌|着急|犹豫|怀疑|顾虑|多想|挂|然后|只要|就行|就可以|"
    r"\bworry\b|\bpanic\b|\bhang up\b|\bjust\b"
)

_DENIAL = frozenset("不没非")

_SHORT_MATCH = 8
"""A match this short is marked whole; a longer one only on its key words (its groups)."""

_SCRIPT: dict[str, re.Pattern[str]] = {
    "zh": re.compile(r"[\u3400-\u9fff]"),
    "en": re.compile(r"[a-z]"),
}

# A prohibition that follows the words it is about ("屏幕共享千万不能开").
_AFTER_NEGATION = re.compile(
    r"(千万|一定|绝对|坚决|都|也)?(不能|不要|别|不可|勿|不得|不许)(再)?(开|点|给|说|告诉|装|下载|转|信|理|扫|碰|交|借|签)"
)

# Words in quotation marks, as a warning quotes what fraudsters say (“养老金上调需交手续费”).
_QUOTED = re.compile(r"“[^”]{1,60}”|\"[^\"]{1,60}\"|「[^」]{1,60}」|『[^』]{1,60}』")

# A demand the person tells of ("他让我把钱转过去"), which counts even in a text about fraud.
_REPORTED_DEMAND = re.compile(r"(他|她|对方|那人|那个人|他们)(让|叫|要|要求|逼|非要)(我|我们)")

# Same-length spellings that stand for the usual words (homophones, common slips).
_SPELLINGS = (
    ("验正码", "验证码"), ("效验码", "校验码"), ("薇信", "微信"), ("威信", "微信"),
    ("徽信", "微信"), ("危信", "微信"), ("扣扣", "qq"), ("屏慕", "屏幕"),
    ("共亨", "共享"), ("公按", "公安"), ("检查院", "检察院"), ("俭察院", "检察院"),
    ("冻洁", "冻结"), ("东结", "冻结"), ("洗前", "洗钱"), ("账护", "账户"),
    ("转张", "转账"), ("汇欵", "汇款"),
    ("保正金", "保证金"), ("手绪费", "手续费"), ("兼值", "兼职"), ("刷但", "刷单"),
    ("返力", "返利"), ("徵信", "征信"), ("证信", "征信"), ("贷欵", "贷款"),
    ("v信", "微信"), ("vx", "微信"), ("wx", "微信"), ("蜜码", "密码"),
    ("秘码", "密码"), ("银行咔", "银行卡"),
)  # fmt: skip

MAX_CHECKED_CHARS = 50_000
"""Only this many characters at the start of a text are checked (far beyond any message; a
megabyte pasted by mistake still gets a verdict in well under a second)."""

MAX_NEAR_MATCHES = 40
"""At most this many matches of each part of a near rule are paired (keeps long texts fast)."""

_TERM = re.compile(r"<([a-z][a-z0-9_]*)>")
_SENTENCE_BREAK = re.compile(r"[。!?;\n【】]|\.(?=\s|$)")
_CLAUSE_BREAK = re.compile(r"[。!?;\n【】,]|\.(?=\s|$)|:(?!//)")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_FILLERS = frozenset("*·•・_|~^")

# Traditional characters common in fraud texts, each followed by its simplified form.
_TRADITIONAL_PAIRS = (
    "帳账 戶户 賬账 碼码 驗验 證证 銀银 轉转 錢钱 凍冻 結结 檢检 緊紧 請请 "
    "點点 擊击 連连 網网 號号 開开 匯汇 險险 費费 處处 務务 額额 萬万 億亿 "
    "領领 獎奖 補补 貼贴 養养 資资 產产 報报 騙骗 詐诈 讓让 說说 話话 電电 "
    "機机 們们 個个 會会 這这 對对 為为 從从 來来 裡里 寶宝 關关 係系 聯联 "
    "員员 醫医 稅税 單单 遞递 槍枪 違违 傳传 掛挂 斷断 訴诉 屬属 賠赔 償偿 "
    "訂订 購购 穩稳 賺赚 臺台 軟软 體体 載载 議议 視视 頻频 現现 門门 當当 "
    "馬马 時时 內内 別别 換换 誰谁 舊旧 親亲 孫孙 兒儿 禍祸 車车 歲岁 擔担 "
    "隊队 執执 審审 調调 査查 罰罚 還还 給给 應应 該该 麼么 嗎吗 裏里 樣样 "
    "發发 鐘钟 計计 劃划 優优 問问 題题 過过 進进 記记 錄录 護护 復复 製制 "
    "備备 認认 識识 贊赞 職职 綫线 線线 長长 營营 賣卖 買买 價价 錯错 幫帮 將将 師师 "
    "飛飞 艙舱 動动 區区 聽听 團团 寫写 貸贷 憑凭 實实 辦办 紅红 藥药 療疗 "
    "廳厅 災灾 難难 總总 層层 鎖锁 獲获 雙双 歸归 惡恶 偽伪 "
)
_TO_SIMPLIFIED = {ord(pair[0]): pair[1] for pair in _TRADITIONAL_PAIRS.split()}
_TO_SIMPLIFIED[ord("帐")] = "账"  # 帐户 is a common variant of 账户 in simplified text too

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


# ---------------------------------------------------------------------------------------------
# The phrase book


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
    """Every compiled phrase pattern and cue, ready for :func:`check_text`.

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


# ---------------------------------------------------------------------------------------------
# Normalisation


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


_CHAR_CACHE: dict[str, str] = {}


def _normal_char(char: str) -> str:
    cached = _CHAR_CACHE.get(char)
    if cached is None:
        cached = unicodedata.normalize("NFKC", char).lower().translate(_TO_SIMPLIFIED)
        if len(_CHAR_CACHE) < 20_000:
            _CHAR_CACHE[char] = cached
    return cached


def normalise(text: str) -> tuple[str, list[int]]:
    """Return the normal form of ``text`` and, per normal character, its original index.

    Full-width forms become half-width, letters lower case, common traditional characters
    simplified; zero-width characters are dropped; runs of blank space become one space, and
    blank space or filler marks between Chinese characters (or a Chinese character and a digit)
    are dropped, so "安 全 账 户" reads as "安全账户"; common misspellings and homophones of the
    key words ("验正码", "薇信") read as the words they stand for.

    Returns:
        (normal text, origin) where ``origin[i]`` is the index in ``text`` of normal character
        ``i``; ``origin`` has one extra entry, ``len(text)``.
    """
    out: list[str] = []
    origin: list[int] = []
    pending_gap = -1  # index of a dropped blank or filler run awaiting a decision
    for index, char in enumerate(text):
        if char in _ZERO_WIDTH:
            continue
        if char.isspace() or (char in _FILLERS and out and _is_cjk(out[-1])):
            if pending_gap < 0:
                pending_gap = index
            continue
        normal = _normal_char(char)
        if not normal:
            continue
        if pending_gap >= 0:
            if out:
                before, after = out[-1], normal[0]
                joined = (_is_cjk(before) or before.isdigit()) and (
                    _is_cjk(after) or after.isdigit()
                )
                if not joined or (before.isdigit() and after.isdigit()):
                    gap = text[pending_gap]
                    out.append(" " if gap.isspace() else _normal_char(gap) or " ")
                    origin.append(pending_gap)
            pending_gap = -1
        for piece in normal:
            out.append(piece)
            origin.append(index)
    origin.append(len(text))
    normal = "".join(out)
    for written, meant in _SPELLINGS:
        if written in normal:
            normal = normal.replace(written, meant)
    return normal, origin


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class SignalMatch:
    """One signal found in the text, with where it was found.

    Attributes:
        signal: the signal.
        spans: (start, end) positions in the original text of each matched phrase, in order.
        phrases: the matched pieces of the original text, one per span.
    """

    signal: Signal
    spans: tuple[Span, ...]
    phrases: tuple[str, ...]


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


@dataclass(frozen=True)
class TextResult:
    """What the checker found in one text.

    Attributes:
        text: the text checked.
        matches: the signals that count, in the order of the assessment's findings; last, a
            fraud story that is shown but was not weighed (it is not among the findings) when
            it only stood beside another mark that is no ask.
        advice_only: signals whose phrases appear only as advice or a warning (they do not
            count; shown so the person can see why).
        amounts: sums of money mentioned.
        links: (start, end) of each web link.
        reads_as_warning: the text tells the person not to pay or talks about fraud as a topic.
        assessment: the verdict from the risk engine.
        types: the fraud kinds whose story the text tells, in the order they appear.
    """

    text: str
    matches: tuple[SignalMatch, ...]
    advice_only: tuple[SignalMatch, ...]
    amounts: tuple[Amount, ...]
    links: tuple[Span, ...]
    reads_as_warning: bool
    assessment: Assessment = field(repr=False)
    types: tuple[FraudType, ...] = ()

    @property
    def level(self) -> Level:
        """How likely the text is fraud."""
        return self.assessment.level

    @property
    def signal_ids(self) -> tuple[str, ...]:
        """The ids of the signals that count, strongest first."""
        return tuple(match.signal.id for match in self.matches)

    def spans_for(self, signal_id: str) -> tuple[Span, ...]:
        """Return the spans of ``signal_id`` (empty when it was not found)."""
        for match in self.matches:
            if match.signal.id == signal_id:
                return match.spans
        return ()


# ---------------------------------------------------------------------------------------------
# Checking


@dataclass(frozen=True)
class _Hit:
    signal_id: str
    parts: tuple[Span, ...]  # normalised positions
    negative: bool = False
    type_id: str | None = None  # the fraud kind whose story marker this is
    marks: tuple[Span, ...] = ()  # the key words to mark, when not the whole of each part


def _key_words(match: re.Match[str]) -> tuple[Span, ...]:
    """The pattern's groups that matched (its key words), without the gaps between them."""
    if match.end() - match.start() <= _SHORT_MATCH:
        return ()
    spans = [
        match.span(group)
        for group in range(1, (match.re.groups or 0) + 1)
        if match.start(group) >= 0 and match.end(group) > match.start(group)
    ]
    return _merge(spans) if spans else ()


class _Layout:
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
        return self._around(self.clauses, position, self.length)

    def sentence(self, position: int) -> Span:
        return self._around(self.sentences, position, self.length)


def _find_hits(normal: str, entry: SignalPhrases, langs: Sequence[Lang]) -> list[_Hit]:
    hits: list[_Hit] = []
    for lang in langs:
        pattern = entry.any[lang]
        if pattern is not None:
            hits.extend(
                _Hit(entry.signal_id, ((m.start(), m.end()),), entry.negative, marks=_key_words(m))
                for m in pattern.finditer(normal)
                if m.end() > m.start()
            )
        for rule in entry.near[lang]:
            hits.extend(_near_hits(normal, entry, rule))
    return hits


def _near_hits(normal: str, entry: SignalPhrases, rule: NearRule) -> list[_Hit]:
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
    hits: list[_Hit] = []
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
            hits.append(_Hit(entry.signal_id, tuple(sorted(chosen)), entry.negative))
    return hits


def check_text(
    text: str,
    content: Content,
    phrases: PhraseBook,
    lang: Lang | None = None,
    model: TextModel | None = None,
) -> TextResult:
    """Find the red signals in ``text`` and weigh them.

    Args:
        text: an SMS, or what a caller said, in Chinese or English (or both); only its first
            :data:`MAX_CHECKED_CHARS` characters are checked.
        content: the signal catalog and advice.
        phrases: the compiled phrase book (:func:`parse_phrases`).
        lang: use only this language's phrases; None (the default) uses every language, which
            suits mixed text.
        model: the statistical second opinion; when the phrases find nothing that counts and
            the model suspects the text, it counts as the ``looks_like_fraud`` signal (the
            middle level, never higher on its own); when the phrases flag a text that the model
            finds ordinary (below :data:`MODEL_AGREES`), their signals are set aside.

    Returns:
        The signals found with their spans, the fraud kinds whose story it tells, the sums of
        money and links mentioned, and the verdict. Never raises for any text.

    Raises:
        UnknownIdError: the phrase book names a signal the catalog lacks (a set-up fault).
    """
    langs: tuple[Lang, ...] = LANGS if lang is None else (lang,)
    cues = phrases.all_cues if lang is None else phrases.cues[lang]
    normal, origin = normalise(text[:MAX_CHECKED_CHARS])
    layout = _Layout(normal)
    # A language's phrases are only looked for in a text that has its script.
    langs = tuple(lang for lang in langs if _SCRIPT[lang].search(normal)) or langs[:1]

    hits: list[_Hit] = []
    for entry in phrases.signals:
        hits.extend(_find_hits(normal, entry, langs))
    hits.extend(_story_hits(normal, phrases.types, langs))
    # A negation inside a prohibition belongs to it ("不要告诉家人" is a demand, not advice).
    prohibitions = [span for hit in hits if hit.negative for span in hit.parts]
    negations = [
        (m.start(), m.end())
        for m in cues.negation.finditer(normal)
        if m.end() > m.start() and not _inside((m.start(), m.end()), prohibitions)
    ]
    negation_starts = [span[0] for span in negations]
    told_not_to = any(
        not _inside((m.start(), m.end()), prohibitions) for m in cues.advice.finditer(normal)
    )

    def negated(part: Span) -> bool:
        # "屏幕共享千万不能开", "验证码不要告诉别人": a prohibition right after the words.
        after = _AFTER_NEGATION.match(normal, part[1])
        if after is not None and not _inside((after.start(), after.end()), prohibitions):
            return True
        window = NEGATION_WINDOW_LATIN if normal[part[0]].isascii() else NEGATION_WINDOW
        index = bisect.bisect_left(negation_starts, layout.clause(part[0])[0])
        while index < len(negations) and negations[index][0] < part[1]:
            end = negations[index][1]
            if (
                end <= part[1]
                and part[0] - end <= window
                and not _NOT_GOVERNED.search(normal, end, max(end, part[0]))
            ):
                return True
            index += 1
        return False

    topic_cache: dict[Span, bool] = {}

    def topical(part: Span) -> bool:
        sentence = layout.sentence(part[0])
        if sentence not in topic_cache:
            piece = normal[sentence[0] : sentence[1] + 1]
            # "这不是诈骗" and "没骗你" reassure: they are no talk about fraud.
            about_fraud = any(
                match.start() == 0 or piece[match.start() - 1] not in _DENIAL
                for match in cues.topic.finditer(piece)
            )
            topic_cache[sentence] = about_fraud and cues.question.search(piece) is None
        return topic_cache[sentence]

    def demanded(part: Span) -> bool:
        start, end = layout.clause(part[0])
        return cues.request.search(normal, start, max(end, part[1])) is not None

    def reported(part: Span) -> bool:
        start, _ = layout.clause(part[0])
        return _REPORTED_DEMAND.search(normal, start, part[1]) is not None

    def is_ask(signal_id: str) -> bool:
        return signal_id in ASK_SIGNALS or content.signal(signal_id).severity is Severity.DECISIVE

    counted: dict[str, list[Span]] = {}
    advice: dict[str, list[Span]] = {}
    marked: dict[str, list[Span]] = {}
    story_types: dict[str, int] = {}
    any_topic = any(
        match.start() == 0 or normal[match.start() - 1] not in _DENIAL
        for match in cues.topic.finditer(normal)
    )
    for hit in hits:
        decisive = content.signal(hit.signal_id).severity is Severity.DECISIVE
        is_topic = any(topical(part) for part in hit.parts)
        if any(negated(part) for part in hit.parts):
            suppressed = True
            told_not_to = told_not_to or is_ask(hit.signal_id)
        elif is_topic:
            suppressed = not (decisive and any(demanded(part) for part in hit.parts))
        else:
            suppressed = False
        (advice if suppressed else counted).setdefault(hit.signal_id, []).extend(hit.parts)
        marked.setdefault(hit.signal_id, []).extend(hit.marks or hit.parts)
        if not suppressed and hit.type_id is not None:
            story_types.setdefault(hit.type_id, hit.parts[0][0])
    # A text that asks for nothing and tells the person not to pay, or talks about fraud as a
    # thing, is a warning: a real police or bank call, a 12381 text. Whatever else it names is
    # set aside with the advice.
    # In a text about fraud, an ask counts only as a demand made of the reader ("请把钱转到...",
    # "他让我把验证码..."), not as a description of what fraudsters say.
    if any_topic or told_not_to:
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(normal)]

        def mentioned(part: Span) -> bool:
            sentence = layout.sentence(part[0])
            asked = cues.question.search(normal, sentence[0], sentence[1] + 1) is not None
            return asked or _inside(part, quoted)

        for signal_id in [sid for sid in counted if is_ask(sid)]:
            if not any(
                (demanded(part) or reported(part)) and not mentioned(part)
                for part in counted[signal_id]
            ):
                advice.setdefault(signal_id, []).extend(counted.pop(signal_id))
    if (told_not_to or any_topic) and not any(is_ask(signal_id) for signal_id in counted):
        for signal_id, spans in counted.items():
            advice.setdefault(signal_id, []).extend(spans)
        counted = {}
        story_types = {}

    # A story is a second strong mark only beside an ask: "我换新号码了" is one mark, not two.
    weighed = dict(counted)
    if STORY_SIGNAL in weighed and len(weighed) > 1 and not any(map(is_ask, weighed)):
        del weighed[STORY_SIGNAL]
    assessment = assess(
        content, {}, extra=[(signal_id, "text") for signal_id in weighed], about="message"
    )
    if model is not None:
        probability = model.probability(normal)
        if assessment.level is not Level.LOW and probability < MODEL_AGREES[assessment.level]:
            # Phrases a warning shares with fraud ("不要把验证码告诉任何人", "下载国家反诈中心
            # App") in a text that, as a whole, reads like the ordinary messages: set aside.
            for signal_id, spans in counted.items():
                advice.setdefault(signal_id, []).extend(spans)
            counted, weighed, story_types = {}, {}, {}
            assessment = assess(content, {}, extra=[], about="message")
        elif assessment.level is Level.LOW and probability >= model.threshold:
            counted[MODEL_SIGNAL] = weighed[MODEL_SIGNAL] = model.strongest(normal)
            assessment = assess(
                content, {}, extra=[(signal_id, "text") for signal_id in weighed], about="message"
            )

    def build(signal_id: str, parts: list[Span]) -> SignalMatch:
        # Mark the key words of the phrases that counted (or were set aside) for this signal.
        keys = [m for m in marked.get(signal_id, ()) if any(_overlaps(m, p) for p in parts)]
        spans = _merge(_to_original(span, origin) for span in (keys or parts))
        return SignalMatch(
            signal=content.signal(signal_id),
            spans=spans,
            phrases=tuple(text[start:end] for start, end in spans),
        )

    matches = tuple(build(sid, counted[sid]) for sid in assessment.signal_ids)
    if STORY_SIGNAL in counted and STORY_SIGNAL not in weighed:
        matches += (build(STORY_SIGNAL, counted[STORY_SIGNAL]),)
    advice_only = tuple(build(sid, spans) for sid, spans in advice.items() if sid not in counted)
    links = _links(normal, origin, phrases)
    kinds = tuple(
        phrases.fraud_type(type_id)
        for type_id in sorted(story_types, key=lambda type_id: story_types[type_id])
    )
    return TextResult(
        text=text,
        matches=matches,
        advice_only=advice_only,
        amounts=_amounts(text, normal, origin),
        links=links,
        reads_as_warning=told_not_to or any_topic,
        assessment=assessment,
        types=kinds,
    )


def _story_hits(normal: str, types: Sequence[FraudType], langs: Sequence[Lang]) -> list[_Hit]:
    hits: list[_Hit] = []
    for kind in types:
        for lang in langs:
            pattern = kind.markers[lang]
            hits.extend(
                _Hit(STORY_SIGNAL, ((m.start(), m.end()),), type_id=kind.id, marks=_key_words(m))
                for m in pattern.finditer(normal)
                if m.end() > m.start()
            )
    return hits


def _overlaps(one: Span, other: Span) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _inside(span: Span, covers: Sequence[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in covers)


def _to_original(span: Span, origin: list[int]) -> Span:
    start, end = span
    return origin[start], origin[end - 1] + 1


def _merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _links(normal: str, origin: list[int], phrases: PhraseBook) -> tuple[Span, ...]:
    if phrases.link is None:
        return ()
    return _merge(
        _to_original((m.start(), m.end()), origin)
        for m in phrases.link.finditer(normal)
        if m.end() > m.start()
    )


def find_amounts(text: str) -> tuple[Amount, ...]:
    """Return the sums of money named in ``text`` ("5万元", "¥3,000", "两万"), in order.

    The same rule the checker uses for :attr:`TextResult.amounts`; only the first
    :data:`MAX_CHECKED_CHARS` characters are read.
    """
    text = text[:MAX_CHECKED_CHARS]
    normal, origin = normalise(text)
    return _amounts(text, normal, origin)


def _amounts(text: str, normal: str, origin: list[int]) -> tuple[Amount, ...]:
    found: list[Amount] = []
    for match in _AMOUNT.finditer(normal):
        start, end = _to_original((match.start(), match.end()), origin)
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
