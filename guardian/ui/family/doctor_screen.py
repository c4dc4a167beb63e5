"""电脑体检 (check this computer): the doctor's checks on screen, for a family member on the phone.

The checks that read the disk or scan programs run on a plain thread; the font check needs
Qt's font database and runs on the window's thread (a few milliseconds). The voice line comes
from the app's own speaker, which already knows whether sound can be heard.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from guardian.doctor import LABELS, CheckResult, run_checks
from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.widgets import label

BACKGROUND_CHECKS = ("tel", "data_folder", "database", "backups", "outbox", "guard")


class _Results(QObject):
    """Carries the results from the checking thread to the window's thread.

    Signals:
        ready(list): the results of the background checks.
    """

    ready = Signal(list)


class DoctorScreen(FamilyScreen):
    """Runs the checks and shows one plain line each: OK, or the problem and what to do.

    Args:
        ctx: the shared app context.
    """

    title_key = "family.doctor"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.results: list[CheckResult] = []
        self.status = label(ctx.t("family.doctor_running"), "title")
        self.body.addWidget(self.status)
        self.lines = QWidget()
        self.body.addWidget(self.lines)
        self.body.addStretch(1)
        self._carrier = _Results(self)
        self._carrier.ready.connect(self._show)
        folder = ctx.services.get("data_dir")
        lang = ctx.lang
        self._first = run_checks(lang, data_folder=folder, only=("font",))
        speaker = ctx.speaker
        self._first.append(
            CheckResult(
                "speech",
                speaker.available,
                ctx.t("family.doctor_voice_ok")
                if speaker.available
                else ctx.t("family.doctor_voice_problem", reason=speaker.unavailable_reason),
            )
        )
        carrier = self._carrier
        self._thread = threading.Thread(
            target=lambda: carrier.ready.emit(
                run_checks(lang, data_folder=folder, only=BACKGROUND_CHECKS)
            ),
            name="guardian-doctor",
            daemon=True,
        )
        self._thread.start()

    def _show(self, background: list[CheckResult]) -> None:
        from PySide6.QtWidgets import QVBoxLayout

        self.results = self._first + background
        layout = QVBoxLayout(self.lines)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for result in self.results:
            mark = self.ctx.t("family.doctor_ok" if result.ok else "family.doctor_problem")
            name = self.ctx.pick(LABELS[result.check])
            line = label(f"{mark} {name}: {result.detail}", None if result.ok else "banner")
            layout.addWidget(line)
        problems = sum(not result.ok for result in self.results)
        self.status.setText(
            self.ctx.t("family.doctor_all_ok")
            if problems == 0
            else self.ctx.t("family.doctor_problems", count=problems)
        )
        self.ctx.say(self.spoken_text())

    def closing(self) -> None:
        """Wait for the checks to end (they take about a second) before the screen goes."""
        self._thread.join(timeout=10)

    def spoken_text(self) -> str:
        """The summary, then each problem."""
        if not self.results:
            return self.ctx.t("family.doctor_running")
        problems = [
            f"{self.ctx.pick(LABELS[r.check])}: {r.detail}" for r in self.results if not r.ok
        ]
        return self.ctx.sentences(self.status.text(), *problems)
