"""The message checker: finds the red signals in an SMS, or in what a caller said.

The phrase patterns live in ``assets/content/phrases.toml`` (both languages, data not code);
:func:`guardian.core.phrase_book.parse_phrases` checks them and compiles a phrase book.
:func:`check_text` then:

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
   middle level with its strongest phrases marked, never higher. When the phrases find something
   in a text the model reads, as a whole, as clearly ordinary (a bank's or the police's warning
   that shares the fraud's words), their signals are set aside, except the plainest asks
   (:data:`STANDING_ASKS`) made of the reader in a text that does not tell the person not to
   pay or tell ("请把验证码发给本号码"), which stand whatever the model says.

The steps live in small modules: :mod:`~guardian.core.text_normalise` (step 1),
:mod:`~guardian.core.phrase_hits` (step 2), :mod:`~guardian.core.money_amounts` (the sums of
money), :mod:`~guardian.core.text_spans` (positions); this module sets aside and weighs (steps 3
and 4). Everything here is pure and deterministic: no I/O, no clock, no randomness.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from guardian.core.content import Content, Severity, Signal
from guardian.core.fraud_types import FraudType
from guardian.core.i18n import LANGS, Lang
from guardian.core.money_amounts import Amount, amounts_in
from guardian.core.phrase_book import PhraseBook
from guardian.core.phrase_hits import STORY_SIGNAL, Hit, Layout, find_hits, find_links, story_hits
from guardian.core.risk import Assessment, Level, assess
from guardian.core.text_model import TextModel
from guardian.core.text_normalise import MAX_CHECKED_CHARS, normalise
from guardian.core.text_spans import Span, inside, merge, overlaps, to_original

NEGATION_WINDOW = 12
"""How far before a Chinese phrase (in normalised characters) a negation word still counts."""

NEGATION_WINDOW_LATIN = 40
"""The same for a phrase in a Latin script, whose words are longer."""

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

STANDING_ASKS = frozenset({"safe_account", "asks_code_or_password", "cash_pickup"})
"""Asks no real bank, police or shop ever makes: demanded of the reader in a text that does not
tell the person not to pay or tell, they stand even where the model reads the text as ordinary."""

# Between a negation and the phrase it governs: words that turn it into reassurance ("不用担心
# 把钱转过来") or lead on to a demand ("不要挂，然后把...").
_NOT_GOVERNED = re.compile(
    r"担心|害怕|怕|紧张|慌|着急|犹豫|怀疑|顾虑|多想|挂|然后|只要|就行|就可以|"
    r"\bworry\b|\bpanic\b|\bhang up\b|\bjust\b"
)

_DENIAL = frozenset("不没非")

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
        phrases: the compiled phrase book (:func:`guardian.core.phrase_book.parse_phrases`).
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
    layout = Layout(normal)
    # A language's phrases are only looked for in a text that has its script.
    langs = tuple(lang for lang in langs if _SCRIPT[lang].search(normal)) or langs[:1]

    hits: list[Hit] = []
    for entry in phrases.signals:
        hits.extend(find_hits(normal, entry, langs))
    hits.extend(story_hits(normal, phrases.types, langs))
    # A negation inside a prohibition belongs to it ("不要告诉家人" is a demand, not advice).
    prohibitions = [span for hit in hits if hit.negative for span in hit.parts]
    negations = [
        (m.start(), m.end())
        for m in cues.negation.finditer(normal)
        if m.end() > m.start() and not inside((m.start(), m.end()), prohibitions)
    ]
    negation_starts = [span[0] for span in negations]
    told_not_to = any(
        not inside((m.start(), m.end()), prohibitions) for m in cues.advice.finditer(normal)
    )

    def negated(part: Span) -> bool:
        # "屏幕共享千万不能开", "验证码不要告诉别人": a prohibition right after the words.
        after = _AFTER_NEGATION.match(normal, part[1])
        if after is not None and not inside((after.start(), after.end()), prohibitions):
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
            return asked or inside(part, quoted)

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
    # The asks of the story's own kind count too: for fake goods, "加我微信" is where the
    # payment outside the platform begins.
    story_asks = {ask for kind in phrases.types if kind.id in story_types for ask in kind.asks}
    weighed = dict(counted)
    if (
        STORY_SIGNAL in weighed
        and len(weighed) > 1
        and not any(is_ask(sid) or sid in story_asks for sid in weighed)
    ):
        del weighed[STORY_SIGNAL]
    assessment = assess(
        content, {}, extra=[(signal_id, "text") for signal_id in weighed], about="message"
    )
    if model is not None:
        probability = model.probability(normal)
        # The plainest asks made of the reader ("请把验证码发给本号码"), in a text that does not
        # tell the person not to pay or tell, stand whatever the model says: a screenshot's clock
        # or a "反诈民警提醒" sender line is no reason to doubt them.
        demand_stands = not told_not_to and any(
            any(demanded(part) for part in spans)
            for signal_id, spans in counted.items()
            if signal_id in STANDING_ASKS
        )
        if (
            assessment.level is not Level.LOW
            and probability < MODEL_AGREES[assessment.level]
            and not demand_stands
        ):
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
        keys = [m for m in marked.get(signal_id, ()) if any(overlaps(m, p) for p in parts)]
        spans = merge(to_original(span, origin) for span in (keys or parts))
        return SignalMatch(
            signal=content.signal(signal_id),
            spans=spans,
            phrases=tuple(text[start:end] for start, end in spans),
        )

    matches = tuple(build(sid, counted[sid]) for sid in assessment.signal_ids)
    if STORY_SIGNAL in counted and STORY_SIGNAL not in weighed:
        matches += (build(STORY_SIGNAL, counted[STORY_SIGNAL]),)
    advice_only = tuple(build(sid, spans) for sid, spans in advice.items() if sid not in counted)
    links = find_links(normal, origin, phrases)
    kinds = tuple(
        phrases.fraud_type(type_id)
        for type_id in sorted(story_types, key=lambda type_id: story_types[type_id])
    )
    return TextResult(
        text=text,
        matches=matches,
        advice_only=advice_only,
        amounts=amounts_in(text, normal, origin),
        links=links,
        reads_as_warning=told_not_to or any_topic,
        assessment=assessment,
        types=kinds,
    )
