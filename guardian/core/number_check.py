"""The number checker: what a caller's number itself says about the call.

The raw string is read first, before any library sees it: "+00 1234 567" is a disguised number
that ``phonenumbers`` would happily call American, and a leading "00" or "+" with a country code
other than 86 means the call came from abroad. Then:

* 110, 119, 120, 122 and other official short numbers shown as the caller: ``caller_id_110``
  (they never call to handle a case, and caller ID can be faked);
* mobile numbers on virtual-operator segments (170, 171, 162, 165, 167): ``virtual_operator``;
* 96110 is the real anti-fraud centre and 12381 sends the official warning texts: never flagged,
  each with a note to listen to them;
* bank hotlines (from the content catalog): no signal, but a note to call back on the number
  printed on the card;
* 400 and 800 numbers: a note that companies use them and they never need your codes;
* every other domestic number: no signal, and a note that this never means "safe".

Pure: ``phonenumbers`` is the only library used (its geocoder is not imported).
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


NOTES = {
    "overseas": Text(
        "这是境外来电。没有亲友在国外，就不要接，更不要转账。",
        "This call comes from abroad. If you have no family or friends there, "
        "do not answer, and never send money.",
    ),
    "bad_country": Text(
        "“+00”后面不是真实的国家代码，这个号码是伪装的。",
        "There is no real country code after '+00': this number is disguised.",
    ),
    "official_short": Text(
        "110等号码不会打电话给您办案，来电显示也能作假。挂断后自己拨110核实。",
        "110 and similar numbers never call you to handle a case, and caller ID can be faked. "
        "Hang up and dial 110 yourself to check.",
    ),
    "virtual": Text(
        "这是虚拟运营商号码，常被骗子使用。陌生的就别接。",
        "This is a virtual-operator number; fraud gangs use them often. "
        "Do not deal with it if you do not know it.",
    ),
    "antifraud": Text(
        "96110是真正的反诈中心。它打来是在提醒您，请认真听，照它说的做。",
        "96110 is the real anti-fraud centre. If it calls you, it is warning you: "
        "listen to them and do what they say.",
    ),
    "warning_sms": Text(
        "12381是官方的反诈预警短信号码。收到它的短信，说明您可能正被骗，请停下来。",
        "12381 sends the official fraud-warning texts. A text from it means you may be "
        "being cheated right now: stop.",
    ),
    "bank": Text(
        "这是{name}的客服号码。有事请打您银行卡背面印的号码回过去问。",
        "This is the customer-service number of {name}. "
        "To check, call back on the number printed on your card.",
    ),
    "company": Text(
        "400、800开头的是企业号码。正规企业不会要您的验证码和密码。",
        "Numbers starting with 400 or 800 belong to companies. "
        "A real company never asks for your codes or passwords.",
    ),
    "service": Text(
        "这是服务短号码。有疑问就挂断，打您自己查到的号码问清楚。",
        "This is a short service number. If in doubt, hang up and call a number you "
        "found yourself.",
    ),
    "ordinary": Text(
        "号码本身没有异常，但这不代表安全。不认识的人要钱，一律不转。",
        "Nothing unusual about the number itself, but that does not make it safe. "
        "Never send money to someone you do not know.",
    ),
    "unknown": Text(
        "这不是一个常见的号码格式。陌生来电要多加小心。",
        "This is not a usual number format. Be careful with calls you do not recognise.",
    ),
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
        signals: ids of the red signals the number shows.
        notes: plain advice about this number.
        hotline: the known hotline it is, when it is one (needs the content catalog).
        error: why the input is not a telephone number, or None when it is one.
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
        content: the catalog; with it, bank hotlines are named and get a call-back note.
            Without it, every other rule still applies.

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
        return _overseas(raw, digits, international)
    return _domestic(raw, digits, body, content, dialled_from_abroad=False)


def _error(raw: str, digits: str, key: str) -> NumberResult:
    return NumberResult(
        raw=raw, digits=digits, e164=None, region=None, type=NumberType.UNKNOWN, error=ERRORS[key]
    )


def _overseas(raw: str, digits: str, international: str) -> NumberResult:
    notes = [NOTES["overseas"]]
    e164: str | None = None
    region: str | None = None
    kind = NumberType.UNKNOWN
    if not international or international.startswith("0"):
        notes.append(NOTES["bad_country"])
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
        notes=tuple(notes),
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
        )

    hotline = content.hotline_by_number(national) if content is not None else None
    if national == "96110" or (hotline is not None and hotline.kind is HotlineKind.ANTIFRAUD):
        return result(NumberType.SERVICE, notes=(NOTES["antifraud"],), hotline=hotline)
    if national == "12381" or (hotline is not None and hotline.kind is HotlineKind.WARNING_SMS):
        return result(NumberType.SERVICE, notes=(NOTES["warning_sms"],), hotline=hotline)
    if (
        national in OFFICIAL_SHORT_NUMBERS
        or (hotline is not None and hotline.kind is HotlineKind.EMERGENCY)
        or _SPOOFED_OFFICIAL.match(national)
    ):
        return result(
            NumberType.SERVICE,
            signals=("caller_id_110",),
            notes=(NOTES["official_short"],),
            hotline=hotline,
        )
    if hotline is not None and hotline.kind is HotlineKind.BANK:
        note = NOTES["bank"]
        named = Text(note.zh.format(name=hotline.name.zh), note.en.format(name=hotline.name.en))
        return result(NumberType.SERVICE, notes=(named,), hotline=hotline)

    try:
        parsed = phonenumbers.parse(national, HOME_REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None:
        return result(NumberType.UNKNOWN, notes=(NOTES["unknown"],))

    if len(national) == 11 and national[:3] in VIRTUAL_SEGMENTS:
        return result(
            NumberType.MOBILE,
            signals=("virtual_operator",),
            notes=(NOTES["virtual"],),
            e164=_e164(parsed),
        )
    if phonenumbers.is_valid_number(parsed):
        kind = _LIBRARY_TYPES.get(phonenumbers.number_type(parsed), NumberType.UNKNOWN)
        if national.startswith(("400", "800")):
            return result(kind, notes=(NOTES["company"],), e164=_e164(parsed))
        return result(kind, notes=(NOTES["ordinary"],), e164=_e164(parsed))
    if not dialled_from_abroad and shortnumberinfo.is_valid_short_number_for_region(parsed, "CN"):
        return result(NumberType.SERVICE, notes=(NOTES["service"],))
    return result(NumberType.UNKNOWN, notes=(NOTES["unknown"],))


def _e164(parsed: phonenumbers.PhoneNumber) -> str:
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
