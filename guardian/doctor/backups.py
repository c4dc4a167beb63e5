"""The backups check: how many, the newest one's date, and whether today's is made."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from guardian.core.i18n import Lang
from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import (
    BACKUPS_DAMAGED,
    BACKUPS_NONE,
    BACKUPS_NOT_NEEDED,
    BACKUPS_OK,
    BACKUPS_OLD,
    TODAY_DONE,
    TODAY_NOT_YET,
    Words,
)

_BACKUP_STALE_DAYS = 7


def check_backups(folder: Path, words: Words, today: date) -> CheckResult:
    """Count the backups, say the newest one's date and whether today's exists."""
    from guardian.storage.backup import backup_date, backup_name, backup_problem, list_backups
    from guardian.storage.paths import backups_dir, database_path

    backup_folder = backups_dir(folder)
    backups = list_backups(backup_folder)
    if not backups:
        if database_path(folder).exists():
            return CheckResult("backups", False, words(BACKUPS_NONE))
        return CheckResult("backups", True, words(BACKUPS_NOT_NEEDED))
    newest = backups[0]
    newest_day = backup_date(newest)
    shown = _day_text(newest_day, words.lang) if newest_day else newest.name
    problem = backup_problem(newest)
    if problem is not None:
        detail = words(BACKUPS_DAMAGED, newest=shown, reason=problem)
        return CheckResult("backups", False, detail)
    if newest_day is not None and (today - newest_day).days > _BACKUP_STALE_DAYS:
        detail = words(BACKUPS_OLD, count=len(backups), newest=shown)
        return CheckResult("backups", False, detail)
    made_today = (backup_folder / backup_name(today)).is_file()
    detail = words(
        BACKUPS_OK,
        count=len(backups),
        newest=shown,
        today=words(TODAY_DONE if made_today else TODAY_NOT_YET),
    )
    return CheckResult("backups", True, detail)


def _day_text(day: date, lang: Lang) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day:%Y-%m-%d}"
