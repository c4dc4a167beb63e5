"""Whom to call yourself to check a story: by who the caller said they were, or by a message.

Only the public numbers of the hotlines file are ever offered (``hotlines.toml``), never a
number the caller gave or a message holds. The caller's type chooses a ``[[verify]]`` entry
(police -> 110, phone company -> 10086 / 10010 / 10000, courier -> the couriers...). A message
is read for the organisations it names (工商银行, 中国移动, 医保, 顺丰, 支付宝, 微信支付...): a
named organisation wins over a word such as 快递 or 银行 that only says what kind it is.

Pure: no Qt, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from guardian.core.content import Content, HotlineKind, VerifyTarget
from guardian.core.i18n import Text

MAX_NAMED = 3
"""The most organisations one message's button offers."""

NOT_OFFERED = frozenset({HotlineKind.ANTIFRAUD, HotlineKind.WARNING_SMS})
"""Kinds never offered to check a story: 96110 has its own button; 12381 only sends texts."""

_LATIN = re.compile(r"^[a-z0-9 .&'-]+$")


def target_for_caller(content: Content, caller_id: str | None) -> VerifyTarget | None:
    """Return whom to call to check a caller who said they were ``caller_id``, or None.

    None for a caller type with nobody public to ask (a relative, a prize, "I don't know").
    """
    if caller_id is None:
        return None
    for target in content.verify.values():
        if caller_id in target.callers:
            return target
    return None


def _fold(text: str) -> str:
    """``text`` with full-width forms made plain and letters in one case."""
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=8)
def _pattern(names: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every (name, who) pair, the longest names first; and who each names."""
    owners: dict[str, str] = {}
    parts: list[str] = []
    for name, owner in sorted(names, key=lambda pair: -len(pair[0])):
        folded = _fold(name)
        owners[folded] = owner
        escaped = re.escape(folded)
        if _LATIN.match(folded):
            escaped = rf"(?<![a-z0-9]){escaped}(?![a-z0-9])"
        parts.append(escaped)
    return re.compile("|".join(parts)), owners


def _names(content: Content) -> tuple[tuple[str, str], ...]:
    pairs = [
        (name, hotline.id)
        for hotline in content.hotlines.values()
        if hotline.kind not in NOT_OFFERED
        for name in hotline.names
    ]
    pairs += [(name, target.id) for target in content.verify.values() for name in target.names]
    return tuple(pairs)


def named_organisations(content: Content, text: str) -> tuple[str, ...]:
    """Return the ids of the organisations ``text`` names, in the order they first appear.

    Hotline ids for named organisations ("icbc" for 工商银行); ``[[verify]]`` ids for words
    that only say what kind ("couriers" for 快递), left out when an organisation of that kind
    is named too (顺丰快递 gives "sf" alone). At each place the longest name wins (中国邮政储蓄
    银行 is the bank, not the post office); Latin names match whole words, in any case.
    """
    pattern, owners = _pattern(_names(content))
    found: list[str] = []
    for match in pattern.finditer(_fold(text)):
        owner = owners[match.group(0)]
        if owner not in found:
            found.append(owner)
    named = [content.hotlines[i] for i in found if i in content.hotlines]

    def covered(target: VerifyTarget) -> bool:
        return any(
            hotline.id in target.hotlines or (target.own_bank and hotline.kind is HotlineKind.BANK)
            for hotline in named
        )

    return tuple(i for i in found if i in content.hotlines or not covered(content.verify[i]))


def combine(targets: list[VerifyTarget], *, zh_joiner: str = "、") -> VerifyTarget | None:
    """One target offering everything ``targets`` offer (None for none; one stays itself)."""
    if not targets:
        return None
    if len(targets) == 1:
        return targets[0]
    hotlines = tuple(dict.fromkeys(h for target in targets for h in target.hotlines))
    notes = tuple(dict.fromkeys(note for target in targets for note in target.notes))
    return VerifyTarget(
        id="+".join(target.id for target in targets),
        name=Text(
            zh=zh_joiner.join(target.name.zh for target in targets),
            en=" or ".join(target.name.en for target in targets),
        ),
        hotlines=hotlines,
        own_bank=any(target.own_bank for target in targets),
        notes=notes,
    )


def _target(content: Content, target_id: str) -> VerifyTarget:
    """The target of ``target_id``, preferring the ``[[verify]]`` entry that is just its number.

    公安 in a message then gives "call 110 yourself", as the police caller's button says it.
    """
    if target_id in content.hotlines:
        for target in content.verify.values():
            if target.single == target_id:
                return target
    return content.verify_target(target_id)


def target_for_text(content: Content, text: str) -> VerifyTarget | None:
    """Return whom to call to check a message, from the organisations it names, or None."""
    ids = named_organisations(content, text)[:MAX_NAMED]
    return combine([_target(content, i) for i in ids])


def with_own_bank(
    content: Content, target: VerifyTarget | None, bank_id: str | None
) -> VerifyTarget | None:
    """``target`` with the person's own bank in it, when it asks for it and the family chose one.

    The bank comes first among the numbers; a target that is only "your bank" becomes the bank
    itself ("call 工商银行 yourself"). Without a chosen bank the target stays as it is (the
    screen then says to call the number on the back of the card).
    """
    if target is None or not target.own_bank or bank_id is None:
        return target
    bank = content.hotlines.get(bank_id)
    if bank is None or bank.kind is not HotlineKind.BANK:
        return target
    hotlines = (bank.id, *(h for h in target.hotlines if h != bank.id))
    if not target.hotlines:
        return replace(VerifyTarget.for_hotline(bank), notes=target.notes)
    return replace(target, hotlines=hotlines, own_bank=False)
