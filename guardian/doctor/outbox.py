"""The outbox check: alerts to the family not delivered yet."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from guardian.core.i18n import Lang
from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import (
    DB_UNREADABLE,
    OUTBOX_FAILED,
    OUTBOX_LAST_ERROR,
    OUTBOX_NONE,
    OUTBOX_WAITING,
    Words,
)
from guardian.doctor.sqlite_read import open_read_only


def check_outbox(folder: Path, words: Words) -> CheckResult:
    """Count the alerts not delivered yet; give the oldest one's date and the last error."""
    from guardian.core.delivery_problems import plain_reason
    from guardian.logs import redact_log_text
    from guardian.storage.paths import database_path

    path = database_path(folder)
    if not path.exists():
        return CheckResult("outbox", True, words(OUTBOX_NONE))
    try:
        connection = open_read_only(path)
    except sqlite3.Error as error:
        return CheckResult("outbox", False, words(DB_UNREADABLE, reason=error))
    try:
        has_outbox = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'"
        ).fetchone()
        if not has_outbox:
            return CheckResult("outbox", True, words(OUTBOX_NONE))
        count, oldest = connection.execute(
            "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status IN ('queued', 'sending')"
        ).fetchone()
        failed = connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE status = 'failed'"
        ).fetchone()[0]
        last_error = connection.execute(
            "SELECT last_error, channel_kind FROM outbox WHERE last_error IS NOT NULL "
            "AND status IN ('queued', 'sending') ORDER BY last_attempt_at DESC, id DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error as error:
        return CheckResult("outbox", False, words(DB_UNREADABLE, reason=error))
    finally:
        connection.close()
    if not count:
        return CheckResult("outbox", True, words(OUTBOX_NONE))
    error_text = ""
    if last_error and last_error[0]:
        # Stored already without tokens; hidden once more in case an older version stored one.
        stored = str(last_error[0])
        error_text = words(
            OUTBOX_LAST_ERROR,
            reason=plain_reason(stored, str(last_error[1] or "")).get(words.lang),
            error=redact_log_text(stored),
        )
    if failed:
        error_text += words(OUTBOX_FAILED, count=failed)
    detail = words(
        OUTBOX_WAITING, count=count, oldest=_time_text(oldest, words.lang), error=error_text
    )
    return CheckResult("outbox", False, detail)


def _time_text(value: object, lang: Lang) -> str:
    try:
        when = datetime.fromisoformat(str(value)).astimezone()
    except ValueError:
        return str(value)
    if lang == "zh":
        return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"
    return f"{when:%Y-%m-%d %H:%M}"
