"""The content catalog: danger signals, the wizard flow, tips, hotlines, number notes, advice.

The hotlines file also says whom to call to check a story yourself (``[[verify]]``): by who the
caller said they were, and by the names a message gives; only the public numbers in the file
are ever offered, never a number from the caller or a message.

The catalog lives as TOML files in ``assets/content`` with both languages side by side in every
entry. :func:`parse_content` turns the parsed files into frozen objects and checks them strictly:
unknown keys, missing keys, duplicate ids, dangling references, a missing language and text too
long for a large-font screen are all refused with a :class:`ContentError` that names the file
and the entry. Reading the files is not done here (the core does no I/O).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum, IntEnum
from types import MappingProxyType
from typing import Any

from guardian.core.i18n import LANGS, Text

# The rules every content file is checked by live in toml_checks; the error and the limits are
# offered here too, where the content's users have always found them.
from guardian.core.toml_checks import SOURCE_MAX as SOURCE_MAX
from guardian.core.toml_checks import ContentError as ContentError
from guardian.core.toml_checks import Entry, entries
from guardian.core.toml_checks import Limit as Limit


class UnknownIdError(KeyError):
    """An id names nothing in the catalog.

    Attributes:
        kind: what was looked up ("signal", "caller", "hotline").
        id: the id that was not found.
    """

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(kind, id)
        self.kind = kind
        self.id = id

    def __str__(self) -> str:
        return f"unknown {self.kind} id: {self.id!r}"


class Severity(IntEnum):
    """How strongly a signal points to fraud; a larger value is stronger."""

    MODERATE = 1
    STRONG = 2
    DECISIVE = 3

    @property
    def label(self) -> str:
        """The lower-case name used in the content files ("decisive"...)."""
        return self.name.lower()


class HotlineKind(str, Enum):
    """What a fixed telephone number is for."""

    EMERGENCY = "emergency"
    ANTIFRAUD = "antifraud"
    BANK = "bank"
    WARNING_SMS = "warning_sms"
    CARRIER = "carrier"
    GOVERNMENT = "government"
    PAYMENT = "payment"
    COURIER = "courier"


TITLE_LIMIT = Limit(zh=14, en=48)
REASON_LIMIT = Limit(zh=40, en=120)
QUESTION_LIMIT = Limit(zh=24, en=80)
SPOKEN_LIMIT = Limit(zh=22, en=90)
"""A question read aloud: one idea, short enough to take in by ear."""
CALLER_SPOKEN_LIMIT = Limit(zh=60, en=180)
LABEL_LIMIT = Limit(zh=10, en=32)
CALLER_PAGES = 2
"""The pages of caller pictures: the first, and the one behind its "someone else" picture."""
PAGE_SIZES = {1: 8, 2: 9}
"""How many callers fit on each page (the first also shows the "someone else" picture)."""
CALLER_KEYS = ("id", "icon", "label", "spoken", "implies", "questions", "page", "fraud_types")
TIP_LIMIT = Limit(zh=40, en=130)
TIP_SPOKEN_LIMIT = Limit(zh=80, en=240)
NAME_LIMIT = Limit(zh=14, en=48)
LINE_LIMIT = Limit(zh=40, en=130)
HEADLINE_LIMIT = Limit(zh=14, en=48)
NOTE_LIMIT = Limit(zh=60, en=200)
"""The longest a ``source`` (who says so) may be, in characters."""
ORG_NAME_MAX = 32
"""The longest a name of an organisation, as a message writes it, may be."""
VERIFY_NOTES_MAX = 2

VERDICT_IDS: tuple[str, ...] = ("high", "medium", "low", "nothing_found", "warning_line")
"""The verdicts, each with its own words: the three levels; the lowest level when nothing at all
was found; and the lowest level when the real anti-fraud line called and asked for nothing."""
ABOUT: tuple[str, ...] = ("call", "message")
"""What a verdict can be about; each verdict has advice for each."""
NUMBER_NOTE_IDS: tuple[str, ...] = (
    "overseas",
    "bad_country",
    "official_short",
    "virtual",
    "antifraud",
    "warning_sms",
    "bank",
    "company",
    "service",
    "ordinary",
    "unknown",
)
"""The notes the number checker gives; ``bank`` names the bank with {name} and {number}."""
NOTE_PLACEHOLDERS = {"bank": {"name", "number"}}
ADVICE_ITEMS_MIN = 2
ADVICE_ITEMS_MAX = 4
WHAT_TO_SAY_MAX = 3

_NUMBER = re.compile(r"^[0-9]+$")
_PLACEHOLDER = re.compile(r"\{(\w*)\}")


@dataclass(frozen=True)
class Signal:
    """One danger signal: a mark of telephone or text-message fraud.

    Attributes:
        id: stable id ("safe_account").
        severity: how strongly it points to fraud.
        icon: pictogram name in ``assets/icons`` (without ``.svg``).
        title: short name shown on the verdict.
        reason: one plain sentence on why it is fraud.
        source: who says so: the official body and the kind of statement, in Chinese.
        question: the yes/no question the wizard shows, or None when it is never asked
            (number signals, text matches, running programs).
        spoken: the question as read aloud (one short idea), or None with it.
    """

    id: str
    severity: Severity
    icon: str
    title: Text
    reason: Text
    source: str = ""
    question: Text | None = None
    spoken: Text | None = None

    @property
    def asked(self) -> bool:
        """Whether the wizard can ask about this signal."""
        return self.question is not None


@dataclass(frozen=True)
class CallerType:
    """Who the caller said they were: one picture choice in the wizard.

    Attributes:
        id: stable id ("police").
        icon: pictogram name.
        label: caption under the picture.
        spoken: the sentence read aloud for this choice.
        implies: signal ids that choosing this caller adds by itself.
        questions: signal ids asked for this caller, most telling first.
        page: the page of pictures it is on: 1, or 2 (behind the "someone else" picture).
        fraud_types: the kinds of fraud (ids in fraud_types.toml) this caller leads to.
    """

    id: str
    icon: str
    label: Text
    spoken: Text
    implies: tuple[str, ...]
    questions: tuple[str, ...]
    page: int = 1
    fraud_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class MoreChoice:
    """The picture on the first page that opens the second page of callers.

    Attributes:
        icon: pictogram name.
        label: caption beside the picture.
        spoken: the sentence read aloud for this choice.
        page_spoken: the sentence read aloud when the second page opens.
        page_question: the heading of the second page (it holds the rest of the callers).
        none_label: caption of the last picture on the second page, for a caller who fits
            none of the pictures ("都不是 / 我不知道").
        none_spoken: the sentence read aloud for that picture.
        none_caller: the caller type (on the first page) whose path that picture leads to;
            its pictogram is that caller's.
    """

    icon: str
    label: Text
    spoken: Text
    page_spoken: Text
    page_question: Text
    none_label: Text
    none_spoken: Text
    none_caller: str


@dataclass(frozen=True)
class WizardFlow:
    """Which questions the suspicious-call check asks, per caller type.

    Attributes:
        max_questions: the longest a path may be for a caller on the first page (a caller on
            the second page takes one more tap to choose, so its path is one shorter).
        common: signal ids every path asks, after the caller's own questions.
        callers: the caller types, in the order they are shown.
        caller_question: the question above the caller pictures.
        caller_spoken: the sentence read aloud with it.
        covered_by: for a common question, the questions that ask the same thing in a
            caller's own words: a caller whose own questions include one is not asked it again.
        more: the picture that opens the second page, or None when every caller is on the
            first.
    """

    max_questions: int
    common: tuple[str, ...]
    callers: tuple[CallerType, ...]
    caller_question: Text
    caller_spoken: Text
    covered_by: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    more: MoreChoice | None = None

    def on_page(self, page: int) -> tuple[CallerType, ...]:
        """Return the caller types on ``page`` (1 or 2), in the order they are shown."""
        return tuple(caller for caller in self.callers if caller.page == page)

    def caller(self, caller_id: str) -> CallerType:
        """Return the caller type ``caller_id``.

        Raises:
            UnknownIdError: no caller type has that id.
        """
        for caller in self.callers:
            if caller.id == caller_id:
                return caller
        raise UnknownIdError("caller", caller_id)

    def questions_for(self, caller_id: str) -> tuple[str, ...]:
        """Return the signal ids asked for ``caller_id``: its own, then the common ones.

        A common question is left out when the caller's own questions already ask the same
        thing in their own words (``covered_by``), unless the caller asks it itself.

        Raises:
            UnknownIdError: no caller type has that id.
        """
        caller = self.caller(caller_id)
        own = set(caller.questions)
        common = (
            signal_id
            for signal_id in self.common
            if signal_id in own or own.isdisjoint(self.covered_by.get(signal_id, ()))
        )
        return tuple(dict.fromkeys((*caller.questions, *common)))


@dataclass(frozen=True)
class Tip:
    """A short piece of anti-fraud advice (tip of the day).

    Attributes:
        id: stable id.
        text: the tip as shown.
        spoken: the tip as read aloud (may be a little fuller).
        source: who says so: the official body and the kind of statement, in Chinese.
    """

    id: str
    text: Text
    spoken: Text
    source: str = ""


@dataclass(frozen=True)
class NumberNote:
    """What the number checker says about one kind of number.

    Attributes:
        id: which kind of number (one of ``NUMBER_NOTE_IDS``).
        text: the note; the ``bank`` note holds {name} and {number}.
        source: who says so: the official body and the kind of statement, in Chinese.
    """

    id: str
    text: Text
    source: str


@dataclass(frozen=True)
class Hotline:
    """A fixed telephone number worth knowing.

    Attributes:
        id: stable id ("police", "icbc"...).
        number: the digits to dial or to recognise.
        kind: what the number is for.
        name: who answers.
        what_to_say: short lines on what to tell them (empty when not needed).
        source: where the number is published, in Chinese.
        names: how a message names the organisation ("工商银行", "ICBC"); empty when a
            message's words should never point to it.
    """

    id: str
    number: str
    kind: HotlineKind
    name: Text
    what_to_say: tuple[Text, ...] = ()
    source: str = ""
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerifyTarget:
    """Whom to call yourself to check what a caller or a message said.

    Attributes:
        id: stable id (a ``[[verify]]`` entry's, or the hotline's for one named organisation).
        name: who, as in "call {name} yourself and ask".
        hotlines: the public numbers to offer (hotline ids), in order.
        own_bank: the person's own bank comes first: the bank the family chose, else the
            number on the back of their card.
        notes: short lines shown above the numbers ("the number in your shopping app").
        callers: the caller types (wizard ids) this is offered for.
        names: how a message names the organisations (words such as "快递").
    """

    id: str
    name: Text
    hotlines: tuple[str, ...] = ()
    own_bank: bool = False
    notes: tuple[Text, ...] = ()
    callers: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @classmethod
    def for_hotline(cls, hotline: Hotline) -> VerifyTarget:
        """The target that is one organisation's own public number."""
        return cls(id=hotline.id, name=hotline.name, hotlines=(hotline.id,), names=hotline.names)

    @property
    def single(self) -> str | None:
        """The one hotline id when this target is just that number, else None."""
        if len(self.hotlines) == 1 and not self.own_bank and not self.notes:
            return self.hotlines[0]
        return None


@dataclass(frozen=True)
class VerdictWords:
    """The words of one verdict.

    Attributes:
        headline: the verdict in a few words.
        call: what to do after a phone call, two to four short items.
        message: what to do after a text message, two to four short items.
    """

    headline: Text
    call: tuple[Text, ...]
    message: tuple[Text, ...]

    def items(self, about: str = "call") -> tuple[Text, ...]:
        """Return what to do after a call (``about="call"``) or a text message ("message")."""
        return self.message if about == "message" else self.call


@dataclass(frozen=True)
class Advice:
    """The rules line and the words of every verdict.

    Attributes:
        rules: 不听、不信、不汇款、不转账, in every language.
        verdicts: the words keyed by verdict id (``VERDICT_IDS``).
    """

    rules: Text
    verdicts: Mapping[str, VerdictWords]

    def for_verdict(self, verdict: str) -> VerdictWords:
        """Return the words of ``verdict`` (one of ``VERDICT_IDS``).

        Raises:
            KeyError: the verdict is unknown.
        """
        return self.verdicts[verdict]

    def for_level(self, level: str, *, found: bool = True) -> VerdictWords:
        """Return the words for ``level`` ("high", "medium", "low" or a ``Level``).

        Args:
            level: the risk level.
            found: whether any danger signal was found; the lowest level without one has
                its own words (it never names a signal it did not find).

        Raises:
            KeyError: the level is unknown.
        """
        key = level.value if isinstance(level, Enum) else level
        if key == "low" and not found:
            key = "nothing_found"
        if key not in ("high", "medium", "low", "nothing_found"):
            raise KeyError(key)
        return self.verdicts[key]


@dataclass(frozen=True)
class Content:
    """Every piece of checked content.

    Attributes:
        signals: every signal by id, in catalog order.
        wizard: the question flow.
        tips: every tip, in file order.
        hotlines: every hotline by id, in file order.
        advice: rules line and the words of every verdict.
        number_notes: what the number checker says, by note id (``NUMBER_NOTE_IDS``).
        verify: whom to call to check a story yourself, by id, in file order.
    """

    signals: Mapping[str, Signal]
    wizard: WizardFlow
    tips: tuple[Tip, ...]
    hotlines: Mapping[str, Hotline]
    advice: Advice
    number_notes: Mapping[str, NumberNote]
    verify: Mapping[str, VerifyTarget]

    def signal(self, signal_id: str) -> Signal:
        """Return the signal ``signal_id``.

        Raises:
            UnknownIdError: no signal has that id.
        """
        try:
            return self.signals[signal_id]
        except KeyError:
            raise UnknownIdError("signal", signal_id) from None

    def hotline(self, hotline_id: str) -> Hotline:
        """Return the hotline ``hotline_id``.

        Raises:
            UnknownIdError: no hotline has that id.
        """
        try:
            return self.hotlines[hotline_id]
        except KeyError:
            raise UnknownIdError("hotline", hotline_id) from None

    def hotline_by_number(self, number: str) -> Hotline | None:
        """Return the hotline whose number is exactly ``number``, or None."""
        for hotline in self.hotlines.values():
            if hotline.number == number:
                return hotline
        return None

    def caller(self, caller_id: str) -> CallerType:
        """Return the caller type ``caller_id``.

        Raises:
            UnknownIdError: no caller type has that id.
        """
        return self.wizard.caller(caller_id)

    def verify_target(self, target_id: str) -> VerifyTarget:
        """Return the ``[[verify]]`` entry ``target_id``, or the target of hotline ``target_id``.

        Raises:
            UnknownIdError: neither has that id.
        """
        if target_id in self.verify:
            return self.verify[target_id]
        if target_id in self.hotlines:
            return VerifyTarget.for_hotline(self.hotlines[target_id])
        raise UnknownIdError("verify target", target_id)

    def questions_for(self, caller_id: str) -> tuple[Signal, ...]:
        """Return the signals asked, in order, when the caller said they were ``caller_id``.

        Raises:
            UnknownIdError: no caller type has that id.
        """
        return tuple(self.signals[sid] for sid in self.wizard.questions_for(caller_id))

    def catalog_index(self, signal_id: str) -> int:
        """Return the position of ``signal_id`` in the catalog.

        Raises:
            UnknownIdError: no signal has that id.
        """
        for index, known in enumerate(self.signals):
            if known == signal_id:
                return index
        raise UnknownIdError("signal", signal_id)

    def asked_signals(self) -> Iterator[Signal]:
        """Yield every signal the wizard can ask about, in catalog order."""
        return (signal for signal in self.signals.values() if signal.asked)


# ---------------------------------------------------------------------------------------------
# Parsing and validation


def _file(
    raw: Mapping[str, Mapping[str, Any]],
    stem: str,
    keys: Collection[str],
    optional: Collection[str] = (),
) -> Entry:
    if stem not in raw:
        raise ContentError(f"{stem}.toml: the file is missing")
    return Entry(f"{stem}.toml", raw[stem], required=keys, optional=optional)


def _parse_signals(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, Signal]:
    file = _file(raw, "signals", ["signal"])
    signals: dict[str, Signal] = {}
    for signal_id, table, where in entries(file, "signal", "signal"):
        entry = Entry(
            where,
            table,
            required=["id", "severity", "icon", "title", "reason", "source"],
            optional=["question", "spoken"],
        )
        severity_name = entry.string("severity")
        try:
            severity = Severity[severity_name.upper()]
        except KeyError:
            entry.fail(
                f"severity {severity_name!r} must be one of "
                + ", ".join(s.label for s in sorted(Severity, reverse=True))
            )
        question = entry.optional_text("question", QUESTION_LIMIT)
        spoken = entry.optional_text("spoken", SPOKEN_LIMIT)
        if question is not None and spoken is None:
            entry.fail("spoken is missing (every question is also read aloud)")
        if spoken is not None and question is None:
            entry.fail("question is missing (spoken is only used with a question)")
        signals[signal_id] = Signal(
            id=signal_id,
            severity=severity,
            icon=entry.ident("icon"),
            title=entry.text("title", TITLE_LIMIT),
            reason=entry.text("reason", REASON_LIMIT),
            source=entry.source(),
            question=question,
            spoken=spoken,
        )
    return signals


def _parse_wizard(
    raw: Mapping[str, Mapping[str, Any]], signals: Mapping[str, Signal]
) -> WizardFlow:
    file = _file(
        raw,
        "wizard",
        ["max_questions", "common", "caller", "caller_question", "caller_spoken"],
        optional=["covered_by", "more"],
    )

    def check_asked(entry: Entry, key: str, ids: tuple[str, ...]) -> None:
        for signal_id in ids:
            if signal_id not in signals:
                entry.fail(f"{key} names {signal_id!r}, which is not a signal in signals.toml")
            if not signals[signal_id].asked:
                entry.fail(f"{key} names {signal_id!r}, whose signal has no question text")

    max_questions = file.integer("max_questions")
    common = file.ids("common")
    check_asked(file, "common", common)
    covered_by = _covered_by(file, common, check_asked)
    more = _more_choice(file)
    kinds = _fraud_type_ids(raw)
    flow = WizardFlow(
        max_questions=max_questions,
        common=common,
        callers=(),
        caller_question=file.text("caller_question", QUESTION_LIMIT),
        caller_spoken=file.text("caller_spoken", CALLER_SPOKEN_LIMIT),
        covered_by=MappingProxyType(covered_by),
        more=more,
    )
    callers: list[CallerType] = []
    for caller_id, table, where in entries(file, "caller", "caller"):
        entry = Entry(
            where,
            table,
            required=CALLER_KEYS,
        )
        implies = entry.ids("implies")
        for signal_id in implies:
            if signal_id not in signals:
                entry.fail(f"implies names {signal_id!r}, which is not a signal in signals.toml")
        questions = entry.ids("questions")
        check_asked(entry, "questions", questions)
        for signal_id in questions:
            if signal_id in implies:
                entry.fail(f"questions asks {signal_id!r}, which this caller already implies")
        page = entry.integer("page")
        if page > CALLER_PAGES:
            entry.fail(f"page must be 1 or {CALLER_PAGES}, found {page}")
        if page > 1 and more is None:
            entry.fail("page 2 needs the [more] picture that opens it")
        fraud_types = entry.ids("fraud_types")
        if not fraud_types:
            entry.fail("fraud_types is empty (name the kinds of fraud this caller leads to)")
        for type_id in fraud_types:
            if type_id not in kinds:
                entry.fail(
                    f"fraud_types names {type_id!r}, which is not a kind in fraud_types.toml"
                )
        caller = CallerType(
            id=caller_id,
            icon=entry.ident("icon"),
            label=entry.text("label", LABEL_LIMIT),
            spoken=entry.text("spoken", CALLER_SPOKEN_LIMIT),
            implies=implies,
            questions=questions,
            page=page,
            fraud_types=fraud_types,
        )
        path = replace(flow, callers=(caller,)).questions_for(caller_id)
        # Choosing a caller on page 2 takes one more tap, so its path is one question shorter.
        longest = max_questions - (page - 1)
        if len(path) > longest:
            on_page = f", {longest} on page {page}" if page > 1 else ""
            entry.fail(
                f"the path has {len(path)} questions (its own and the common ones); "
                f"max_questions is {max_questions}{on_page}"
            )
        callers.append(caller)
    for page, most in PAGE_SIZES.items():
        count = sum(1 for caller in callers if caller.page == page)
        also = ""
        if page == CALLER_PAGES and more is not None:
            most -= 1  # the last picture there is for a caller who fits none of them
            also = " (and the picture for none of them)"
        if count > most:
            file.fail(f"page {page} has {count} callers; it has room for {most}{also}")
    if more is not None and not any(caller.page == CALLER_PAGES for caller in callers):
        file.fail("[more] opens page 2, but no caller is on it")
    if more is not None and not any(
        caller.id == more.none_caller and caller.page == 1 for caller in callers
    ):
        file.fail(f"[more] none_caller {more.none_caller!r} is not a caller on page 1")
    return replace(flow, callers=tuple(callers))


def _covered_by(
    file: Entry,
    common: tuple[str, ...],
    check_asked: Callable[[Entry, str, tuple[str, ...]], None],
) -> dict[str, tuple[str, ...]]:
    """Read ``[covered_by]``: common questions that a caller's own may already ask."""
    if not file.has("covered_by"):
        return {}
    where = f"{file.where}, covered_by"
    table = Entry(where, file.table["covered_by"], required=(), optional=common)
    covered: dict[str, tuple[str, ...]] = {}
    for signal_id in table.table:
        ids = table.ids(signal_id)
        check_asked(table, signal_id, ids)
        if signal_id in ids:
            table.fail(f"{signal_id} names itself")
        covered[signal_id] = ids
    return covered


def _more_choice(file: Entry) -> MoreChoice | None:
    """Read ``[more]``: the picture that opens the second page of callers."""
    if not file.has("more"):
        return None
    entry = Entry(
        f"{file.where}, more",
        file.table["more"],
        required=[
            "icon",
            "label",
            "spoken",
            "page_spoken",
            "page_question",
            "none_label",
            "none_spoken",
            "none_caller",
        ],
    )
    return MoreChoice(
        icon=entry.ident("icon"),
        label=entry.text("label", LABEL_LIMIT),
        spoken=entry.text("spoken", CALLER_SPOKEN_LIMIT),
        page_spoken=entry.text("page_spoken", CALLER_SPOKEN_LIMIT),
        page_question=entry.text("page_question", QUESTION_LIMIT),
        none_label=entry.text("none_label", LABEL_LIMIT),
        none_spoken=entry.text("none_spoken", CALLER_SPOKEN_LIMIT),
        none_caller=entry.ident("none_caller"),
    )


def _fraud_type_ids(raw: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    """The ids of the kinds of fraud in ``fraud_types.toml`` (its own reader checks the rest)."""
    if "fraud_types" not in raw:
        raise ContentError("fraud_types.toml: the file is missing")
    types = raw["fraud_types"].get("type")
    if not isinstance(types, list):
        raise ContentError("fraud_types.toml: type must be a non-empty array of tables ([[type]])")
    return frozenset(
        table["id"]
        for table in types
        if isinstance(table, Mapping) and isinstance(table.get("id"), str)
    )


def _parse_tips(raw: Mapping[str, Mapping[str, Any]]) -> tuple[Tip, ...]:
    file = _file(raw, "tips", ["tip"])
    tips: list[Tip] = []
    for tip_id, table, where in entries(file, "tip", "tip"):
        entry = Entry(where, table, required=["id", "text", "spoken", "source"])
        tips.append(
            Tip(
                id=tip_id,
                text=entry.text("text", TIP_LIMIT),
                spoken=entry.text("spoken", TIP_SPOKEN_LIMIT),
                source=entry.source(),
            )
        )
    return tuple(tips)


def _parse_number_notes(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, NumberNote]:
    file = _file(raw, "number_notes", ["note"])
    notes: dict[str, NumberNote] = {}
    for note_id, table, where in entries(file, "note", "note"):
        entry = Entry(where, table, required=["id", "text", "source"])
        if note_id not in NUMBER_NOTE_IDS:
            entry.fail(f"id must be one of {', '.join(NUMBER_NOTE_IDS)}")
        text = entry.text("text", NOTE_LIMIT)
        allowed = NOTE_PLACEHOLDERS.get(note_id, set())
        for lang in LANGS:
            named = set(_PLACEHOLDER.findall(text.get(lang)))
            if named - allowed or (allowed and not allowed <= named):
                wanted = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
                entry.fail(f"text.{lang} has the placeholders {sorted(named)}; it needs {wanted}")
        notes[note_id] = NumberNote(id=note_id, text=text, source=entry.source())
    for note_id in NUMBER_NOTE_IDS:
        if note_id not in notes:
            file.fail(f"note {note_id!r} is missing")
    return {note_id: notes[note_id] for note_id in NUMBER_NOTE_IDS}


def _parse_hotlines(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, Hotline]:
    file = _file(raw, "hotlines", ["hotline", "verify"])
    hotlines: dict[str, Hotline] = {}
    numbers: dict[str, str] = {}
    for hotline_id, table, where in entries(file, "hotline", "hotline"):
        entry = Entry(
            where,
            table,
            required=["id", "number", "kind", "name", "source"],
            optional=["what_to_say", "names"],
        )
        number = entry.string("number")
        if not _NUMBER.match(number):
            entry.fail(f"number {number!r} must be digits only")
        if number in numbers:
            entry.fail(f"number {number} is also hotline {numbers[number]!r}")
        numbers[number] = hotline_id
        kind_name = entry.string("kind")
        try:
            kind = HotlineKind(kind_name)
        except ValueError:
            entry.fail(
                f"kind {kind_name!r} must be one of " + ", ".join(k.value for k in HotlineKind)
            )
        what_to_say = entry.texts("what_to_say", LINE_LIMIT) if entry.has("what_to_say") else ()
        if entry.has("what_to_say") and not 1 <= len(what_to_say) <= WHAT_TO_SAY_MAX:
            entry.fail(f"what_to_say must have 1 to {WHAT_TO_SAY_MAX} lines")
        if kind in (HotlineKind.EMERGENCY, HotlineKind.ANTIFRAUD) and not what_to_say:
            entry.fail(f"what_to_say is missing (every {kind.value} number needs it)")
        hotlines[hotline_id] = Hotline(
            id=hotline_id,
            number=number,
            kind=kind,
            name=entry.text("name", NAME_LIMIT),
            what_to_say=what_to_say,
            source=entry.source(),
            names=entry.words("names", ORG_NAME_MAX),
        )
    return hotlines


def _parse_verify(
    raw: Mapping[str, Mapping[str, Any]],
    hotlines: Mapping[str, Hotline],
    wizard: WizardFlow,
) -> dict[str, VerifyTarget]:
    file = _file(raw, "hotlines", ["hotline", "verify"])
    callers = {caller.id for caller in wizard.callers}
    named: dict[str, str] = {}  # a name, folded -> who it names
    for hotline in hotlines.values():
        for name in hotline.names:
            folded = name.casefold()
            if folded in named:
                raise ContentError(
                    f"{file.where}, hotline {hotline.id!r}: names {name!r}, "
                    f"which also names {named[folded]!r}"
                )
            named[folded] = hotline.id
    targets: dict[str, VerifyTarget] = {}
    offered_for: dict[str, str] = {}
    for target_id, table, where in entries(file, "verify", "verify"):
        entry = Entry(
            where,
            table,
            required=["id", "name", "hotlines"],
            optional=["callers", "names", "own_bank", "notes"],
        )
        if target_id in hotlines:
            entry.fail("id is also a hotline's id; give the entry its own")
        numbers = entry.ids("hotlines")
        for hotline_id in numbers:
            if hotline_id not in hotlines:
                entry.fail(f"hotlines names {hotline_id!r}, which is not a hotline")
        own_bank = entry.flag("own_bank")
        if not numbers and not own_bank:
            entry.fail("hotlines is empty (give the numbers to call, or own_bank = true)")
        chosen = entry.ids("callers") if entry.has("callers") else ()
        for caller_id in chosen:
            if caller_id not in callers:
                entry.fail(f"callers names {caller_id!r}, which is not a caller in wizard.toml")
            if caller_id in offered_for:
                entry.fail(f"callers names {caller_id!r}, also in {offered_for[caller_id]!r}")
            offered_for[caller_id] = target_id
        names = entry.words("names", ORG_NAME_MAX)
        for name in names:
            folded = name.casefold()
            if folded in named:
                entry.fail(f"names {name!r}, which also names {named[folded]!r}")
            named[folded] = target_id
        notes = entry.texts("notes", LINE_LIMIT) if entry.has("notes") else ()
        if len(notes) > VERIFY_NOTES_MAX:
            entry.fail(f"notes has {len(notes)} lines; give at most {VERIFY_NOTES_MAX}")
        targets[target_id] = VerifyTarget(
            id=target_id,
            name=entry.text("name", NAME_LIMIT),
            hotlines=numbers,
            own_bank=own_bank,
            notes=notes,
            callers=chosen,
            names=names,
        )
    return targets


def _parse_advice(raw: Mapping[str, Mapping[str, Any]]) -> Advice:
    file = _file(raw, "advice", ["rules", "verdict"])
    rules = file.text("rules", LINE_LIMIT)
    verdicts: dict[str, VerdictWords] = {}
    for verdict_id, table, where in entries(file, "verdict", "verdict"):
        entry = Entry(where, table, required=["id", "headline", *ABOUT])
        if verdict_id not in VERDICT_IDS:
            entry.fail(f"id must be one of {', '.join(VERDICT_IDS)}")
        items: dict[str, tuple[Text, ...]] = {}
        for about in ABOUT:
            items[about] = entry.texts(about, LINE_LIMIT)
            if not ADVICE_ITEMS_MIN <= len(items[about]) <= ADVICE_ITEMS_MAX:
                entry.fail(
                    f"{about} has {len(items[about])} entries; "
                    f"give {ADVICE_ITEMS_MIN} to {ADVICE_ITEMS_MAX}"
                )
        verdicts[verdict_id] = VerdictWords(
            headline=entry.text("headline", HEADLINE_LIMIT),
            call=items["call"],
            message=items["message"],
        )
    for verdict_id in VERDICT_IDS:
        if verdict_id not in verdicts:
            file.fail(f"verdict {verdict_id!r} is missing")
    return Advice(rules=rules, verdicts=MappingProxyType({k: verdicts[k] for k in VERDICT_IDS}))


def parse_content(raw: Mapping[str, Mapping[str, Any]]) -> Content:
    """Check the parsed content files and build the catalog.

    Args:
        raw: every parsed TOML file of ``assets/content``, keyed by file stem ("signals",
            "wizard", "tips", "hotlines", "advice", "number_notes"; of "fraud_types" only the
            ids, which the callers name). Other stems are left to their own readers.

    Returns:
        The checked, frozen catalog.

    Raises:
        ContentError: a file is missing or malformed; the message names the file and entry.
    """
    signals = _parse_signals(raw)
    wizard = _parse_wizard(raw, signals)
    hotlines = _parse_hotlines(raw)
    return Content(
        signals=MappingProxyType(signals),
        wizard=wizard,
        tips=_parse_tips(raw),
        hotlines=MappingProxyType(hotlines),
        advice=_parse_advice(raw),
        number_notes=MappingProxyType(_parse_number_notes(raw)),
        verify=MappingProxyType(_parse_verify(raw, hotlines, wizard)),
    )


"""The entry reader under its former name (:class:`~guardian.core.toml_checks.Entry`)."""
