"""电脑体检 (check this computer): the doctor's checks on screen, for a family member on the phone.

The checks that read the disk or scan programs run off the window's thread
(:class:`~guardian.ui.background.BackgroundCall`); once the screen has closed their results
are dropped, so closing never waits for the checks. The font check needs Qt's font database
and runs on the window's thread (a few milliseconds). The voice line comes from the app's own
speaker, which already knows whether sound can be heard.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtWidgets import QWidget

from guardian.core.i18n import Catalog, Lang
from guardian.doctor import CheckResult, label_key, run_checks, sentences
from guardian.ui.background import BackgroundCall
from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.family.details import TechnicalDetails
from guardian.ui.widgets import label

log = logging.getLogger(__name__)

BACKGROUND_CHECKS = ("tel", "data_folder", "database", "backups", "outbox", "guard")

# The doctor's sentences that carry a system's or a library's own words, and the name of the
# blank those words fill. The screen leaves those words out (they go behind "详细信息").
_TECHNICAL: tuple[tuple[str, str], ...] = (
    (sentences.CHECK_FAILED, "error"),
    (sentences.SPEECH_NO_ENGINE, "reason"),
    (sentences.SPEECH_BROKEN, "reason"),
    (sentences.DB_DAMAGED, "reason"),
    (sentences.DB_UNREADABLE, "reason"),
    (sentences.BACKUPS_DAMAGED, "reason"),
    (sentences.OUTBOX_LAST_ERROR, "error"),
    (sentences.GUARD_BROKEN, "error"),
)
_OPENERS = ("（", " (", "(", "：", ": ")
_CLOSERS = {"（": "）", " (": ")", "(": ")"}
_BLANK = re.compile(r"\{\w+\}")


def _technical_pattern(template: str, blank: str) -> tuple[re.Pattern[str], str] | None:
    """A pattern for ``template``'s technical part with the words around it, and its stand-in.

    The words around are those up to the blanks before and after it, so the pattern finds the
    part wherever the sentence sits inside another.
    """
    marker = "{" + blank + "}"
    at = template.find(marker)
    if at < 0:
        return None
    opener = next((o for o in _OPENERS if template.startswith(o, at - len(o))), "")
    closer = _CLOSERS.get(opener, "")
    if closer and not template.startswith(closer, at + len(marker)):
        opener, closer = "", ""
    start, end = at - len(opener), at + len(marker) + len(closer)
    before = _BLANK.split(template[:start])[-1]
    after = _BLANK.split(template[end:])[0]
    pattern = re.compile(
        re.escape(before) + re.escape(opener) + "(.+?)" + re.escape(closer) + re.escape(after),
        re.DOTALL,
    )
    return pattern, before + after


def plain_detail(detail: str, catalog: Catalog, lang: Lang) -> tuple[str, list[str]]:
    """``detail`` without the system's or a library's own words, and those words.

    A detail with none comes back as it is, with an empty list.
    """
    found: list[str] = []
    for key, blank in _TECHNICAL:
        made = _technical_pattern(catalog.template(lang, key) or "", blank)
        if made is None:
            continue
        pattern, plain = made

        def cut(match: re.Match[str], plain: str = plain) -> str:
            found.append(match.group(1).strip())
            return plain

        detail = pattern.sub(cut, detail)
    return detail, found


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
        self.details = TechnicalDetails(ctx)  # the exact words, for a helper on the phone
        self.body.addWidget(self.details)
        self.body.addStretch(1)
        self._closed = False
        folder = ctx.data_dir
        lang = ctx.lang
        catalog = ctx.catalog
        self._first = run_checks(lang, data_folder=folder, only=("font",), catalog=catalog)
        speaker = ctx.speaker
        self._speech_details = ""
        if speaker.available:
            voice = ctx.t("family.doctor_voice_ok")
        else:
            self._speech_details = speaker.unavailable_reason
            log.info("speech cannot be heard: %s", self._speech_details)
            reason = ctx.t("voice.cannot_play" if self._speech_details else "voice.no_reason")
            voice = ctx.t("family.doctor_voice_problem", reason=reason)
        self._first.append(CheckResult("speech", speaker.available, voice))
        self._checks = BackgroundCall(
            lambda: run_checks(lang, data_folder=folder, only=BACKGROUND_CHECKS, catalog=catalog),
            self._show,
            name="guardian-doctor",
        )
        self.destroyed.connect(self._checks.drop)  # also when the screen goes without closing
        self._checks.start()

    def _show(self, background: list[CheckResult]) -> None:
        from PySide6.QtWidgets import QVBoxLayout

        if self._closed:
            return  # the results came just as the screen closed
        self.results = self._first + background
        layout = QVBoxLayout(self.lines)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        technical: list[str] = []
        for result in self.results:
            mark = self.ctx.t("family.doctor_ok" if result.ok else "family.doctor_problem")
            name = self.ctx.t(label_key(result.check))
            line = label(
                f"{mark} {name}: {self.shown_detail(result)}", None if result.ok else "banner"
            )
            layout.addWidget(line)
            _, words = plain_detail(result.detail, self.ctx.catalog, self.ctx.lang)
            if result.check == "speech" and self._speech_details:
                words = [self._speech_details]
            if words:
                log.info("check %s: %s", result.check, result.detail)
                technical += [f"{name}: {w}" for w in words]
        self.details.set_details("\n".join(technical))
        problems = sum(not result.ok for result in self.results)
        self.status.setText(
            self.ctx.t("family.doctor_all_ok")
            if problems == 0
            else self.ctx.t("family.doctor_problems", count=problems)
        )
        self.ctx.say(self.spoken_text())

    def shown_detail(self, result: CheckResult) -> str:
        """What the screen says for ``result``: its detail without any system's own words."""
        return plain_detail(result.detail, self.ctx.catalog, self.ctx.lang)[0]

    def closing(self) -> None:
        """Let the screen go at once: checks still running finish on their own, unheard."""
        self._closed = True
        self._checks.drop()

    def spoken_text(self) -> str:
        """The summary, then each problem."""
        if not self.results:
            return self.ctx.t("family.doctor_running")
        problems = [
            f"{self.ctx.t(label_key(r.check))}: {self.shown_detail(r)}"
            for r in self.results
            if not r.ok
        ]
        return self.ctx.sentences(self.status.text(), *problems)
