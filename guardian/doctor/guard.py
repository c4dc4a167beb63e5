"""The remote-control guard check: the list of programs, and which of them run now."""

from __future__ import annotations

from guardian.core.i18n import Lang
from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import GUARD_BROKEN, GUARD_NONE, GUARD_SOME


def check_guard(lang: Lang) -> CheckResult:
    """Read the list of remote-control programs and say which of them are running now."""
    from guardian.core.remote_apps import RemoteAppsError
    from guardian.guard.scan import load_remote_apps, scan_processes

    try:
        apps = load_remote_apps()
    except (RemoteAppsError, OSError, ValueError) as error:
        return CheckResult("guard", False, GUARD_BROKEN.get(lang).format(error=error))
    found = scan_processes(apps)
    if not found:
        return CheckResult("guard", True, GUARD_NONE.get(lang))
    separator = "、" if lang == "zh" else ", "
    names = separator.join(item.app.name.get(lang) for item in found)
    return CheckResult("guard", True, GUARD_SOME.get(lang).format(names=names))
