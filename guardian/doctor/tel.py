"""The dialling check: which program dials ``tel:`` addresses."""

from __future__ import annotations

from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import TEL_CHECKED_WHEN_CALLING, TEL_HANDLER, TEL_NONE, Words
from guardian.tel_handler import find_tel_handler


def check_tel_handler(words: Words) -> CheckResult:
    """Say which program dials ``tel:`` addresses, the one the call screens use.

    No dialling program is not a fault: the call screen then shows the number in big digits.
    The answer comes from :func:`guardian.tel_handler.find_tel_handler`, the same place the
    call screens ask.
    """
    name = find_tel_handler(words.lang)
    if name is None:
        return CheckResult("tel", True, words(TEL_NONE))
    if not name:
        return CheckResult("tel", True, words(TEL_CHECKED_WHEN_CALLING))
    return CheckResult("tel", True, words(TEL_HANDLER, handler=name))
