"""How a phone number is shown to the eye: in the groups a phone shows it in.

An older person compares the number on the screen with the one on their phone digit by digit;
"170 1234 5678" is far easier to compare than "17012345678". Pure: no Qt, no I/O.
"""

from __future__ import annotations

SHORT = 6
"""Numbers of at most this many digits (110, 96110, 95588) stay whole."""

_THREE_DIGIT_AREAS = ("010", "02")
"""Area codes of three digits: Beijing (010) and 020-029; the others have four."""

_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋", "0123456789+")
"""Full-width digits and plus sign (typed with a Chinese input method) and their plain forms."""


def phone_digits(text: str) -> str:
    """Return the digits and plus signs of ``text``, in order, in their plain (ASCII) forms.

    Full-width digits and plus signs ("１３８", "＋") count as the plain ones; every other
    character (spaces, dashes, brackets, letters) is dropped: "＋86 (138) 1234" reads
    "+861381234". One character in gives at most one character out.
    """
    return "".join(char for char in text.translate(_FULL_WIDTH) if char in "0123456789+")


def group_digits(number: str) -> str:
    """Return ``number`` in groups separated by single spaces, also while it is being typed.

    Everything but digits and a leading plus sign is dropped. A mainland mobile number (1 and
    ten more digits, 13x to 19x) reads 3-4-4, "+86" or "0086" set apart before it; a landline's
    area code (010, 02x, or four digits from 0) is set apart and the rest read in fours; 400
    and 800 numbers read 3-3-4; short service numbers stay whole; another country's number
    keeps the groups it was written in; anything else reads in fours. A partly typed number is
    grouped as far as it goes: "1701" reads "170 1".
    """
    plus = number.strip().startswith("+")
    digits = "".join(char for char in number if char.isdigit())
    prefix = ""
    if plus and digits.startswith("86"):
        prefix, digits = "+86", digits[2:]
    elif plus:
        prefix = "+"
    elif digits.startswith("0086"):
        prefix, digits = "0086", digits[4:]
    if prefix == "+":
        # Another country's groups are its own: keep the ones written, one space apart.
        return "+" + " ".join(_parts(number))
    body = _national(digits)
    return f"{prefix} {body}".strip() if prefix else body


def _national(digits: str) -> str:
    if len(digits) <= 11 and digits[:1] == "1" and digits[1:2] in ("", *"3456789"):
        return _groups(digits, (3, 4, 4))
    if digits.startswith(("400", "800")) and len(digits) <= 10:
        return _groups(digits, (3, 3, 4))
    if digits.startswith("0") and len(digits) > 3:
        area = 3 if digits.startswith(_THREE_DIGIT_AREAS) else 4
        return f"{digits[:area]} {_fours(digits[area:])}".strip()
    if len(digits) <= SHORT:
        return digits
    return _fours(digits)


def _groups(digits: str, sizes: tuple[int, ...]) -> str:
    parts: list[str] = []
    start = 0
    for size in sizes:
        if start >= len(digits):
            break
        parts.append(digits[start : start + size])
        start += size
    if start < len(digits):
        parts.append(digits[start:])
    return " ".join(parts)


def _parts(number: str) -> list[str]:
    return "".join(char if char.isdigit() else " " for char in number).split()


def _fours(digits: str) -> str:
    return " ".join(digits[start : start + 4] for start in range(0, len(digits), 4))
