"""The doctor's words: the catalog keys of every sentence it says, and a lookup in one language.

The sentences themselves are in the catalogs (``assets/i18n``, keys ``doctor.*``), in both
languages. A sentence with a blank (``{reason}``, ``{error}``) is filled by the check that says it.
"""

from __future__ import annotations

from guardian.core.i18n import CatalogWords

Words = CatalogWords
"""The lookup the checks take: the catalog bound to one language."""

CHECKS = ("font", "speech", "tel", "data_folder", "database", "backups", "outbox", "guard")
"""The checks, in the order they run."""


def label_key(check: str) -> str:
    """The catalog key of a check's name."""
    return f"doctor.label_{check}"


OK_MARK = "doctor.ok_mark"
PROBLEM_MARK = "doctor.problem_mark"
ALL_WELL = "doctor.all_well"
SOME_PROBLEMS = "doctor.some_problems"
CHECK_FAILED = "doctor.check_failed"
FONT_OK = "doctor.font_ok"
FONT_MISSING = "doctor.font_missing"
FONT_NONE = "doctor.font_none"
SPEECH_WORKS = "doctor.speech_works"
SPEECH_OFF = "doctor.speech_off"
SPEECH_NO_DEVICE = "doctor.speech_no_device"
SPEECH_NO_ENGINE = "doctor.speech_no_engine"
SPEECH_BROKEN = "doctor.speech_broken"
SPEECH_UNTESTED = "doctor.speech_untested"
TEL_HANDLER = "doctor.tel_handler"
TEL_NONE = "doctor.tel_none"
TEL_CHECKED_WHEN_CALLING = "doctor.tel_checked_when_calling"
FOLDER_NOT_YET = "doctor.folder_not_yet"
FOLDER_CANNOT_BE_MADE = "doctor.folder_cannot_be_made"
FOLDER_OK = "doctor.folder_ok"
FOLDER_NOT_A_FOLDER = "doctor.folder_not_a_folder"
FOLDER_NOT_WRITABLE = "doctor.folder_not_writable"
FOLDER_OPEN_TO_OTHERS = "doctor.folder_open_to_others"
DB_MISSING = "doctor.db_missing"
DB_MISSING_WITH_BACKUP = "doctor.db_missing_with_backup"
DB_OK = "doctor.db_ok"
DB_DAMAGED = "doctor.db_damaged"
DB_NEWER = "doctor.db_newer"
DB_UNREADABLE = "doctor.db_unreadable"
BACKUPS_NONE = "doctor.backups_none"
BACKUPS_NOT_NEEDED = "doctor.backups_not_needed"
BACKUPS_OK = "doctor.backups_ok"
BACKUPS_OLD = "doctor.backups_old"
BACKUPS_DAMAGED = "doctor.backups_damaged"
TODAY_DONE = "doctor.today_done"
TODAY_NOT_YET = "doctor.today_not_yet"
OUTBOX_NONE = "doctor.outbox_none"
OUTBOX_WAITING = "doctor.outbox_waiting"
OUTBOX_LAST_ERROR = "doctor.outbox_last_error"
OUTBOX_FAILED = "doctor.outbox_failed"
GUARD_NONE = "doctor.guard_none"
GUARD_SOME = "doctor.guard_some"
GUARD_BROKEN = "doctor.guard_broken"
