"""Running the doctor's checks, and the report of their results in plain lines."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from guardian.core.i18n import Catalog, Lang
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
    CHECKS,
    OK_MARK,
    PROBLEM_MARK,
    SOME_PROBLEMS,
    Words,
    label_key,
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
    catalog: Catalog | None = None,
) -> list[CheckResult]:
    """Run every check (or those named in ``only``) and return their results in order.

    A check that fails unexpectedly gives a result that says so; nothing is raised.

    Args:
        lang: the language of the details.
        data_folder: the data folder to look at; :func:`data_folder_path` when None.
        today: the date that counts as today for the backups; the local date when None.
        only: the ids of the checks to run (of :data:`~guardian.doctor.sentences.CHECKS`); all
            when None.
        catalog: the sentences (the app's catalogs when None).
    """
    words = Words(catalog if catalog is not None else _load_catalog(), lang)
    folder = data_folder if data_folder is not None else data_folder_path()
    day = today or datetime.now().astimezone().date()
    checks: dict[str, Callable[[], CheckResult]] = {
        "font": lambda: check_font(words),
        "speech": lambda: check_speech(words, folder),
        "tel": lambda: check_tel_handler(words),
        "data_folder": lambda: check_data_folder(folder, words),
        "database": lambda: check_database(folder, words),
        "backups": lambda: check_backups(folder, words, day),
        "outbox": lambda: check_outbox(folder, words),
        "guard": lambda: check_guard(words),
    }
    wanted = list(checks) if only is None else [name for name in checks if name in set(only)]
    results: list[CheckResult] = []
    for name in wanted:
        try:
            results.append(checks[name]())
        except Exception as error:  # one broken check must not hide the others
            results.append(CheckResult(name, False, words(CHECK_FAILED, error=error)))
    return results


def format_report(
    results: Iterable[CheckResult], lang: Lang, catalog: Catalog | None = None
) -> str:
    """Return the results as plain lines, one per check, and a last line that sums them up.

    Args:
        results: what :func:`run_checks` found.
        lang: the language of the lines.
        catalog: the sentences (the app's catalogs when None).
    """
    words = Words(catalog if catalog is not None else _load_catalog(), lang)
    lines: list[str] = []
    problems = 0
    for result in results:
        mark = words(OK_MARK if result.ok else PROBLEM_MARK)
        label = words(label_key(result.check)) if result.check in CHECKS else result.check
        colon = "：" if lang == "zh" else ": "
        lines.append(f"{mark} {label}{colon}{result.detail}")
        problems += not result.ok
    lines.append(words(ALL_WELL) if not problems else words(SOME_PROBLEMS, count=problems))
    return "\n".join(lines)


def _load_catalog() -> Catalog:
    from guardian.assets import load_catalog

    return load_catalog()
