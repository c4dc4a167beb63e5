"""The dialling check: which program dials ``tel:`` addresses."""

from __future__ import annotations

from guardian.core.i18n import Lang
from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import TEL_CHECKED_WHEN_CALLING, TEL_HANDLER, TEL_NONE
from guardian.tel_handler import find_tel_handler


def check_tel_handler(lang: Lang) -> CheckResult:
    """Say which program dials ``tel:`` addresses, the one the call screens use.

    No dialling program is not a fault: the call screen then shows the number in big digits.
    The answer comes from :func:`guardian.tel_handler.find_tel_handler`, the same place the
    call screens ask.
    """
    name = find_tel_handler(lang)
    if name is None:
        return CheckResult("tel", True, TEL_NONE.get(lang))
    if not name:
        return CheckResult("tel", True, TEL_CHECKED_WHEN_CALLING.get(lang))
    return CheckResult("tel", True, TEL_HANDLER.get(lang).format(handler=name))
