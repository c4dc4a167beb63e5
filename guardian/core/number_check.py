"""The number checker: what a caller's number itself says about the call.

The raw string is read first, before any library sees it: "+00 1234 567" is a disguised number
that ``phonenumbers`` would happily call American, and a leading "00" or "+" with a country code
other than 86 means the call came from abroad. Then:

* 110, 119, 120, 122 and other official short numbers shown as the caller: ``caller_id_110``
  (they never call to handle a case, and caller ID can be faked);
* mobile numbers on virtual-operator segments (170, 171, 162, 165, 167): ``virtual_operator``;
* 96110 is the real anti-fraud line and 12381 sends the official warning texts: never flagged,
  and marked as a warning line (the risk engine weighs what such a caller asked for);
* bank hotlines (from the content catalog): no signal, but a note that the number is the bank's
  public one, that caller ID can be faked, and to call back on the number printed on the card;
* 400 and 800 numbers: a note that anyone can rent one and a real company never needs your codes;
* every other domestic number: no signal, and a note that this never means "safe".

The notes' words come from the content catalog (``number_notes.toml``). Pure: ``phonenumbers``
is the only library used (its geocoder is not imported).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

import phonenumbers
from phonenumbers import PhoneNumberType, shortnumberinfo

from guardian.core.content import Content, Hotline, HotlineKind
from guardian.core.i18n import Text

HOME_REGION = "CN"
HOME_CODE = "86"
VIRTUAL_SEGMENTS: tuple[str, ...] = ("170", "171", "162", "165", "167")
"""Mobile segments of China's virtual operators."""

OFFICIAL_SHORT_NUMBERS: tuple[str, ...] = ("110", "119", "120", "122", "12110")
"""Emergency and police numbers that never call you to handle a case."""

MIN_DIGITS = 3
MAX_DIGITS = 17

_SEPARATORS = re.compile(r"[\s\-\.\(\)/_\u2010-\u2015\u00b7]+")
_SPOOFED_OFFICIAL = re.compile(r"^0\d{2,3}(" + "|".join(OFFICIAL_SHORT_NUMBERS) + r")$")


class NumberType(str, Enum):
    """What kind of line a number is."""

    MOBILE = "mobile"
    FIXED_LINE = "fixed_line"
    TOLL_FREE = "toll_free"
    SHARED_COST = "shared_cost"
    PREMIUM_RATE = "premium_rate"
    SERVICE = "service"
    VOIP = "voip"
    UNKNOWN = "unknown"


_LIBRARY_TYPES = {
    PhoneNumberType.MOBILE: NumberType.MOBILE,
    PhoneNumberType.FIXED_LINE: NumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE: NumberType.FIXED_LINE,
    PhoneNumberType.TOLL_FREE: NumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST: NumberType.SHARED_COST,
    PhoneNumberType.PREMIUM_RATE: NumberType.PREMIUM_RATE,
    PhoneNumberType.VOIP: NumberType.VOIP,
    PhoneNumberType.UAN: NumberType.SERVICE,
    PhoneNumberType.PERSONAL_NUMBER: NumberType.MOBILE,
}


ERRORS = {
    "empty": Text("请输入一个电话号码。", "Please type a telephone number."),
    "characters": Text(
        "电话号码只能有数字，开头可以有“+”。",
        "A telephone number may only have digits, with an optional '+' in front.",
    ),
    "length": Text(
        f"电话号码应该是{MIN_DIGITS}到{MAX_DIGITS}位数字。",
        f"A telephone number has {MIN_DIGITS} to {MAX_DIGITS} digits.",
    ),
}


@dataclass(frozen=True)
class NumberResult:
    """What a caller's number says about the call.

    Attributes:
        raw: the number as typed.
        digits: the cleaned number (digits, with a leading "+" when one was typed).
        e164: the number in E.164 form ("+8613812345678"), or None (short or unreadable).
        region: the two-letter region it belongs to ("CN", "GB"), or None.
        type: the kind of line.
        signals: ids of the danger signals the number shows.
        notes: plain advice about this number (needs the content catalog).
        hotline: the known hotline it is, when it is one (needs the content catalog).
        error: why the input is not a telephone number, or None when it is one.
        warning_line: whether it is the real anti-fraud line (96110) or the official warning
            number (12381): they warn people, and never ask for money, codes or apps.
    """

    raw: str
    digits: str
    e164: str | None
    region: str | None
    type: NumberType
    signals: tuple[str, ...] = ()
    notes: tuple[Text, ...] = ()
    hotline: Hotline | None = None
    error: Text | None = None
    warning_line: bool = False

    @property
    def ok(self) -> bool:
        """Whether the input was read as a telephone number."""
        return self.error is None


def clean_number(raw: str) -> str:
    """Return ``raw`` with full-width forms, blank space and separators removed.

    "＋44 (0)20-7946 0000" becomes "+4402079460000"; letters and other marks are kept, so
    the caller can refuse them.
    """
    text = unicodedata.normalize("NFKC", raw)
    return _SEPARATORS.sub("", text).strip()


def check_number(raw: str, content: Content | None = None) -> NumberResult:
    """Read a caller's number and say what it tells about the call.

    Args:
        raw: the number as typed or shown ("+44 20 7946 0000", "0086 138 1234 5678", "110").
        content: the catalog: the notes' words, and the hotlines (bank hotlines are named).
            Without it the result has no notes; every other rule still applies.

    Returns:
        The reading. Input that is not a telephone number gives a result whose ``error``
        explains why, in every language; this function never raises.
    """
    digits = clean_number(raw)
    if not digits:
        return _error(raw, digits, "empty")
    plus = digits.startswith("+")
    body = digits[1:] if plus else digits
    if body and (not body.isascii() or not body.isdigit()):
        return _error(raw, digits, "characters")
    if not MIN_DIGITS <= len(body) <= MAX_DIGITS:
        return _error(raw, digits, "length")

    international: str | None = None
    if plus:
        international = body
    elif body.startswith("00"):
        international = body[2:]
    if international is not None:
        if international.startswith(HOME_CODE):
            national = international[len(HOME_CODE) :]
            if not national:
                return _error(raw, digits, "length")
            return _domestic(raw, digits, national, content, dialled_from_abroad=True)
        return _overseas(raw, digits, international, content)
    return _domestic(raw, digits, body, content, dialled_from_abroad=False)


def _error(raw: str, digits: str, key: str) -> NumberResult:
    return NumberResult(
        raw=raw, digits=digits, e164=None, region=None, type=NumberType.UNKNOWN, error=ERRORS[key]
    )


def _notes(content: Content | None, *note_ids: str) -> tuple[Text, ...]:
    """The catalog's notes ``note_ids`` (none without the catalog)."""
    if content is None:
        return ()
    return tuple(
        content.number_notes[note_id].text
        for note_id in note_ids
        if note_id in content.number_notes
    )


def _overseas(raw: str, digits: str, international: str, content: Content | None) -> NumberResult:
    note_ids = ["overseas"]
    e164: str | None = None
    region: str | None = None
    kind = NumberType.UNKNOWN
    if not international or international.startswith("0"):
        note_ids.append("bad_country")
    else:
        try:
            parsed = phonenumbers.parse("+" + international, None)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is not None:
            found = phonenumbers.region_code_for_number(parsed)
            region = found if found and found != "ZZ" else None
            if phonenumbers.is_valid_number(parsed):
                e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
                kind = _LIBRARY_TYPES.get(phonenumbers.number_type(parsed), NumberType.UNKNOWN)
    return NumberResult(
        raw=raw,
        digits=digits,
        e164=e164,
        region=region,
        type=kind,
        signals=("overseas_number",),
        notes=_notes(content, *note_ids),
    )


def _domestic(
    raw: str, digits: str, national: str, content: Content | None, *, dialled_from_abroad: bool
) -> NumberResult:
    def result(
        kind: NumberType,
        signals: tuple[str, ...] = (),
        notes: tuple[Text, ...] = (),
        e164: str | None = None,
        hotline: Hotline | None = None,
        warning_line: bool = False,
    ) -> NumberResult:
        return NumberResult(
            raw=raw,
            digits=digits,
            e164=e164,
            region=HOME_REGION,
            type=kind,
            signals=signals,
            notes=notes,
            hotline=hotline,
            warning_line=warning_line,
        )

    hotline = content.hotline_by_number(national) if content is not None else None
    if national == "96110" or (hotline is not None and hotline.kind is HotlineKind.ANTIFRAUD):
        return result(
            NumberType.SERVICE,
            notes=_notes(content, "antifraud"),
            hotline=hotline,
            warning_line=True,
        )
    if national == "12381" or (hotline is not None and hotline.kind is HotlineKind.WARNING_SMS):
        return result(
            NumberType.SERVICE,
            notes=_notes(content, "warning_sms"),
            hotline=hotline,
            warning_line=True,
        )
    if (
        national in OFFICIAL_SHORT_NUMBERS
        or (hotline is not None and hotline.kind is HotlineKind.EMERGENCY)
        or _SPOOFED_OFFICIAL.match(national)
    ):
        return result(
            NumberType.SERVICE,
            signals=("caller_id_110",),
            notes=_notes(content, "official_short"),
            hotline=hotline,
        )
    if hotline is not None and hotline.kind is HotlineKind.BANK:
        notes = tuple(
            Text(
                note.zh.format(name=hotline.name.zh, number=hotline.number),
                note.en.format(name=hotline.name.en, number=hotline.number),
            )
            for note in _notes(content, "bank")
        )
        return result(NumberType.SERVICE, notes=notes, hotline=hotline)

    try:
        parsed = phonenumbers.parse(national, HOME_REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None:
        return result(NumberType.UNKNOWN, notes=_notes(content, "unknown"))

    if len(national) == 11 and national[:3] in VIRTUAL_SEGMENTS:
        return result(
            NumberType.MOBILE,
            signals=("virtual_operator",),
            notes=_notes(content, "virtual"),
            e164=_e164(parsed),
        )
    if phonenumbers.is_valid_number(parsed):
        kind = _LIBRARY_TYPES.get(phonenumbers.number_type(parsed), NumberType.UNKNOWN)
        if national.startswith(("400", "800")):
            return result(kind, notes=_notes(content, "company"), e164=_e164(parsed))
        return result(kind, notes=_notes(content, "ordinary"), e164=_e164(parsed))
    if not dialled_from_abroad and shortnumberinfo.is_valid_short_number_for_region(parsed, "CN"):
        return result(NumberType.SERVICE, notes=_notes(content, "service"))
    return result(NumberType.UNKNOWN, notes=_notes(content, "unknown"))


def _e164(parsed: phonenumbers.PhoneNumber) -> str:
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
