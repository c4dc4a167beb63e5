"""The remote-control guard check: the list of programs, and which of them run now."""

from __future__ import annotations

from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import GUARD_BROKEN, GUARD_NONE, GUARD_SOME, Words


def check_guard(words: Words) -> CheckResult:
    """Read the list of remote-control programs and say which of them are running now."""
    from guardian.core.remote_apps import RemoteAppsError
    from guardian.guard.scan import load_remote_apps, scan_processes

    try:
        apps = load_remote_apps()
    except (RemoteAppsError, OSError, ValueError) as error:
        return CheckResult("guard", False, words(GUARD_BROKEN, error=error))
    found = scan_processes(apps)
    if not found:
        return CheckResult("guard", True, words(GUARD_NONE))
    separator = "、" if words.lang == "zh" else ", "
    names = separator.join(item.app.name.get(words.lang) for item in found)
    return CheckResult("guard", True, words(GUARD_SOME, names=names))
