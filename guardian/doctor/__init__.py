"""``guardian doctor``: checks what Guardian needs on this computer, in plain words.

Each check gives one line that a family member can read out on the phone: whether it is fine,
and what to do when it is not. Nothing is changed: the database and the backups are opened
read-only, and the data folder is only looked at (one empty test file is made and removed to
see that it can be written).

Example::

    results = run_checks("zh")
    print(format_report(results, "zh"))

The modules: :mod:`~guardian.doctor.report` runs the checks and writes the report;
:mod:`~guardian.doctor.sentences` names every sentence (the sentences are in the catalogs, keys
``doctor.*``); :mod:`~guardian.doctor.result` the
outcome of one check; one module per check (``font``, ``speech``, ``tel``, ``data_folder``,
``database``, ``backups``, ``outbox``, ``guard``); :mod:`~guardian.doctor.sqlite_read` opens the
database read-only.
"""

from __future__ import annotations

from guardian.doctor.report import data_folder_path, format_report, run_checks
from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import CHECKS, Words, label_key

__all__ = [
    "CHECKS",
    "CheckResult",
    "Words",
    "data_folder_path",
    "format_report",
    "label_key",
    "run_checks",
]
