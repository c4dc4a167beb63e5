"""The font check: does a font draw every Chinese character of the screens?"""

from __future__ import annotations

import os
import sys

from guardian.doctor.result import CheckResult
from guardian.doctor.sentences import FONT_MISSING, FONT_NONE, FONT_OK, Words


def check_font(words: Words) -> CheckResult:
    """Check that a font draws every Chinese character of the screens.

    Uses the running QGuiApplication, or makes one (offscreen on Linux, so no screen is
    needed).
    """
    from guardian.assets import load_catalog

    _ensure_gui_application()
    from guardian.ui.fonts import choose_for_catalog

    choice = choose_for_catalog(load_catalog())
    if choice.family is None:
        return CheckResult("font", False, words(FONT_NONE))
    if choice.missing:
        detail = words(FONT_MISSING, family=choice.family, count=len(choice.missing))
        return CheckResult("font", False, detail)
    return CheckResult("font", True, words(FONT_OK, family=choice.family))


def _ensure_gui_application() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        # Fonts come from fontconfig either way; offscreen needs no display.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Kept alive for the rest of the command: Qt allows one per process.
    _keep.append(QGuiApplication(sys.argv[:1]))


_keep: list[object] = []
