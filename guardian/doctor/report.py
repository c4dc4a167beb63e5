"""Running the doctor's checks, and the report of their results in plain lines."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from guardian.core.i18n import Lang
from guardian.doctor.backups import check_backups
from guardian.doctor.data_folder import check_data_folder
from guardian.doctor.database import check_database
from guardian.doctor.font import check_font
from guardian.doctor.guard import check_guard
from guardian.doctor.outbox import check_outbox
from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import (
    ALL_WELL,
    CHECK_FAILED,
    LABELS,
    OK_MARK,
    PROBLEM_MARK,
    SOME_PROBLEMS,
)
from guardian.doctor.speech import check_speech
from guardian.doctor.tel import check_tel_handler


def data_folder_path() -> Path:
    """Return the data folder Guardian uses here, without creating it."""
    from guardian.storage.paths import data_folder

    return data_folder()


def run_checks(
    lang: Lang,
    *,
    data_folder: Path | None = None,
    today: date | None = None,
    only: Iterable[str] | None = None,
) -> list[CheckResult]:
    """Run every check (or those named in ``only``) and return their results in order.

    A check that fails unexpectedly gives a result that says so; nothing is raised.

    Args:
        lang: the language of the details.
        data_folder: the data folder to look at; :func:`data_folder_path` when None.
        today: the date that counts as today for the backups; the local date when None.
        only: the ids of the checks to run (keys of :data:`LABELS`); all when None.
    """
    folder = data_folder if data_folder is not None else data_folder_path()
    day = today or datetime.now().astimezone().date()
    checks: dict[str, Callable[[], CheckResult]] = {
        "font": lambda: check_font(lang),
        "speech": lambda: check_speech(lang, folder),
        "tel": lambda: check_tel_handler(lang),
        "data_folder": lambda: check_data_folder(folder, lang),
        "database": lambda: check_database(folder, lang),
        "backups": lambda: check_backups(folder, lang, day),
        "outbox": lambda: check_outbox(folder, lang),
        "guard": lambda: check_guard(lang),
    }
    wanted = list(checks) if only is None else [name for name in checks if name in set(only)]
    results: list[CheckResult] = []
    for name in wanted:
        try:
            results.append(checks[name]())
        except Exception as error:  # one broken check must not hide the others
            results.append(CheckResult(name, False, CHECK_FAILED.get(lang).format(error=error)))
    return results


def format_report(results: Iterable[CheckResult], lang: Lang) -> str:
    """Return the results as plain lines, one per check, and a last line that sums them up."""
    lines: list[str] = []
    problems = 0
    for result in results:
        mark = (OK_MARK if result.ok else PROBLEM_MARK).get(lang)
        label = LABELS[result.check].get(lang) if result.check in LABELS else result.check
        colon = "：" if lang == "zh" else ": "
        lines.append(f"{mark} {label}{colon}{result.detail}")
        problems += not result.ok
    lines.append(
        ALL_WELL.get(lang) if not problems else SOME_PROBLEMS.get(lang).format(count=problems)
    )
    return "\n".join(lines)
