"""Demo mode: a presenter plays a fraud call to a room, the room answers, then the reveal.

Nothing here reaches the real history or any alert: the demo builds its own context without a
disk worker and saves nothing. Demo mode is opened by a volunteer or the family (the family
settings, ``guardian --demo``, or Ctrl+Shift+D on the home screen), never from the older
person's home screen; one ordinary press on the big "leave the demo" button closes it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guardian.core.risk import Answer
from guardian.core.scenarios import Scenario, score
from guardian.core.wizard import Wizard
from guardian.ui.caller_choice import CallerChoiceStep
from guardian.ui.context import AppContext
from guardian.ui.demo.pages import PickerPage, PlayPage
from guardian.ui.demo.reveal import RevealPage
from guardian.ui.handout import paint_handout, print_supported, write_handout
from guardian.ui.layouts import TITLE_BELOW, TitleRowLayout
from guardian.ui.question_step import QuestionStep
from guardian.ui.screen import Screen
from guardian.ui.theme import Theme
from guardian.ui.verdict import VerdictView
from guardian.ui.widgets import BigButton, icon_label, label

log = logging.getLogger(__name__)

#: Speaking speed for the caller's lines and the demo's words, in words per minute: slower
#: than the app's own, so a room with echo and hard-of-hearing listeners can follow.
DEMO_RATE = 120

#: The presenter's text size step (28 pt), whatever the app's own setting; the caller's line
#: itself is drawn far larger.
PRESENTER_STEP = 2

#: The words above each stage (the picker has its own prompt).
_STAGE_KEYS = {
    "pick": "demo.pick_prompt",
    "play": "demo.stage_listen",
    "answer": "demo.stage_answer",
    "reveal": "demo.stage_reveal",
}


def presenter_stylesheet(theme: Theme) -> str:
    """The style sheet of the demo: the app's own at ``theme``, plus the demo's roles."""
    c = theme.colours
    card = line = round(theme.body_pt * 0.86)
    return theme.stylesheet() + (
        f'QWidget[role="badge"] {{ background: {c.medium_bg};'
        f" border: 4px solid {c.medium_edge}; border-radius: 12px; }}\n"
        f'QLabel[role="badge_part"] {{ font-size: {theme.tile_pt}pt; font-weight: bold;'
        " background: transparent; border: none; }\n"
        f'QLabel[role="line"] {{ font-size: {line}pt; }}\n'
        f'QLabel[role="mark"] {{ font-size: {line}pt; font-weight: bold; }}\n'
        f'QPushButton[role="card"] {{ background: {c.surface}; padding: 10px 14px; }}\n'
        f'QLabel[button="card"] {{ font-size: {card}pt; font-weight: bold; }}\n'
    )


class DemoScreen(Screen):
    """The presenter's screen for community demonstrations.

    The stages: pick a scenario; play the call line by line with subtitles; the room answers
    the same questions as the real check (the caller type comes from the scenario); the reveal
    shows one slide a red signal, with the line that showed it, then the score and the teaching
    points; "next person" starts again. A DEMO badge and the big "leave the demo" button stay
    at the top throughout: one ordinary press on it (or Alt+Home) shows the home screen again.

    Args:
        ctx: the shared app context (its disk is never used).
        scenarios: the scenarios to offer (loaded from the assets when None).
        rate: the speaking speed while the demo is showing (restored when it closes).

    Signals:
        leave_requested: "leave the demo" was pressed.
        stage_changed(str): the stage shown now: "pick", "play", "answer" or "reveal".
    """

    title_key = "demo.title"
    shows_navigation = False
    shows_header = False  # the demo's own bar: 演示, the stage, 退出演示

    leave_requested = Signal()
    stage_changed = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        scenarios: Iterable[Scenario] | None = None,
        *,
        rate: int = DEMO_RATE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        if scenarios is None:
            scenarios = ctx.scenarios
        self.scenarios: tuple[Scenario, ...] = tuple(scenarios)
        self.rate = rate
        # The demo's own context: presenter-sized text, and no disk, so nothing can be saved.
        self.presenter = AppContext(
            ctx.catalog,
            ctx.speaker,
            lang=ctx.lang,
            text_step=PRESENTER_STEP,
            auto_read=ctx.auto_read,
            content=ctx.content,
            bundle=ctx.bundle,
            disk=None,
            clock=ctx.clock,
            parent=self,
        )
        self.setStyleSheet(presenter_stylesheet(self.presenter.theme))
        self.stage = "pick"
        self.scenario: Scenario | None = None
        self.line_index = -1
        self.playing = False
        self.wizard: Wizard | None = None
        self.room_caller: str | None = None
        self.verdict: VerdictView | None = None
        self.reveal_page: RevealPage | None = None
        self.handout_path: Path | None = None
        self._awaiting_start = False
        self._active = False
        self._build()
        ctx.speaker.started.connect(self._speech_started)
        ctx.speaker.finished.connect(self._speech_finished)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        p = self.presenter
        theme = p.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        # The stage's words beside the badge and buttons while they fit, else on a row below.
        bar = TitleRowLayout(title_lines=2, below=TITLE_BELOW)
        bar.setContentsMargins(32, 12, 32, 0)
        bar.setSpacing(20)
        self.badge = QWidget()
        self.badge.setProperty("role", "badge")
        self.badge.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        badge_layout = QHBoxLayout(self.badge)
        badge_layout.setContentsMargins(14, 6, 20, 6)
        badge_layout.setSpacing(10)
        badge_icon = icon_label("demo", theme.button_icon_px)
        self.badge_text = label(p.t("demo.badge"), "badge_part", wrap=False)
        badge_icon.setProperty("role", "badge_part")
        badge_layout.addWidget(badge_icon)
        badge_layout.addWidget(self.badge_text)
        self.badge.setAccessibleName(p.t("demo.badge"))
        self.badge.setAccessibleDescription(p.t("demo.badge_description"))
        self.badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        bar.add_leading(self.badge)
        self.stage_label = label("", "heading")
        bar.set_title(self.stage_label)
        self.handout_button = BigButton(
            p.t("demo.handout"),
            "printer",
            role=None,
            icon_px=theme.button_icon_px,
            description=p.t("demo.handout_description"),
        )
        self.handout_button.clicked.connect(lambda: self.save_handout())
        bar.add_trailing(self.handout_button)
        self.leave_button = BigButton(
            p.t("demo.leave"),
            "home",
            role=None,
            icon_px=theme.button_icon_px,
            description=p.t("demo.leave_description"),
        )
        self.leave_button.clicked.connect(self._leave_pressed)
        bar.add_trailing(self.leave_button)
        layout.addLayout(bar)

        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.picker = PickerPage(p, self.scenarios)
        self.picker.picked.connect(self.pick)
        self.picker.print_button.clicked.connect(self.print_handout)
        self.play_page = PlayPage(p)
        self.play_page.play_pressed.connect(self.play)
        self.play_page.pause_pressed.connect(self.pause)
        self.play_page.replay_pressed.connect(self.replay_line)
        self.play_page.next_pressed.connect(self.next_line)
        self.play_page.done_pressed.connect(self.start_answers)
        self.caller_step = CallerChoiceStep(p)
        self.caller_step.chosen.connect(self._caller_chosen)
        self.caller_step.page_changed.connect(lambda _: self._show(self.caller_step, "answer"))
        self.question_step = QuestionStep(p)
        self.question_step.answered.connect(self._answered)
        self.question_step.back_requested.connect(self.handle_back)
        self.verdict_page = QWidget()
        verdict_layout = QVBoxLayout(self.verdict_page)
        verdict_layout.setContentsMargins(0, 0, 0, 0)
        verdict_layout.setSpacing(0)
        self.reveal_button = BigButton(
            p.t("demo.reveal"),
            "next",
            role="primary",
            icon_px=theme.button_icon_px,
            description=p.t("demo.reveal_description"),
        )
        self.reveal_button.clicked.connect(self.reveal)
        reveal_row = QHBoxLayout()
        reveal_row.setContentsMargins(36, 0, 36, 16)
        reveal_row.addWidget(self.reveal_button)
        verdict_layout.addLayout(reveal_row)
        for page in (
            self.picker,
            self.play_page,
            self.caller_step,
            self.question_step,
            self.verdict_page,
        ):
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(self.picker)
        self.stage_label.setText(self._stage_text("pick"))

    # -- screen hooks ------------------------------------------------------------------------

    def spoken_text(self) -> str:
        """What the current stage reads aloud."""
        page = self.pages.currentWidget()
        if page is self.play_page:
            return self._play_spoken()
        if page is self.verdict_page and self.verdict is not None:
            return self.verdict.spoken_text()
        if isinstance(page, (PickerPage, CallerChoiceStep, QuestionStep, RevealPage)):
            return page.spoken_text()
        return self.title()

    def entered(self) -> None:
        """Switch to the demo's speed: lent by the settings, never saved as the person's."""
        if not self._active:
            self._active = True
            self.ctx.settings.hold_speech_rate(self.rate)
        if self.pages.currentWidget() is self.picker:
            self.picker.focus_first()

    def leaving(self) -> None:
        """Stop playing and give back the app's own speaking speed."""
        self.playing = False
        if self._active:
            self._active = False
            self.ctx.settings.release_speech_rate()

    def handle_back(self) -> bool:
        """Step back inside the demo; the demo itself closes through "leave the demo"."""
        page = self.pages.currentWidget()
        if page is self.play_page:
            self.next_person()
        elif page is self.caller_step and self.caller_step.page > 1:
            self.caller_step.show_page(1)
            self._show(self.caller_step, "answer")
        elif page is self.caller_step and self.scenario is not None:
            self._show_play()
        elif page in (self.question_step, self.verdict_page) and self.wizard is not None:
            self.wizard.back()
            if self.wizard.caller is None:
                self._show(self.caller_step, "answer")
            else:
                self._show_question()
        return True

    # -- stage 1: pick -----------------------------------------------------------------------

    def pick(self, scenario_id: str) -> None:
        """Choose the scenario ``scenario_id`` and show its first screen.

        Raises:
            KeyError: no scenario has that id.
        """
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                self.scenario = scenario
                break
        else:
            raise KeyError(scenario_id)
        self.line_index = -1
        self.playing = False
        self.play_page.show_scenario(scenario)
        self._show_play()

    def _show_play(self) -> None:
        self.playing = False
        assert self.scenario is not None
        self.play_page.show_line(self.scenario, self.line_index, playing=False)
        self._show(self.play_page, "play")

    # -- stage 2: play -----------------------------------------------------------------------

    def _play_spoken(self) -> str:
        if self.scenario is None:
            return ""
        if self.line_index < 0:
            return self.presenter.sentences(
                self.presenter.pick(self.scenario.title), self.presenter.t("demo.play_intro")
            )
        return self.presenter.pick(self.scenario.lines[self.line_index].text)

    def play(self) -> None:
        """Read the lines aloud one after another from the current one (the first if none)."""
        if self.scenario is None:
            return
        self.playing = True
        self.line_index = max(self.line_index, 0)
        self._speak_line()

    def pause(self) -> None:
        """Stop reading; the current line stays on screen."""
        self.playing = False
        self.ctx.speaker.stop()
        self._update_play()

    def next_line(self) -> None:
        """Show and read the next line (the presenter leads: reading goes on line by line)."""
        if self.scenario is None or self.line_index >= len(self.scenario.lines) - 1:
            return
        self.playing = False
        self.line_index += 1
        self._speak_line()

    def replay_line(self) -> None:
        """Read the current line again."""
        if self.scenario is None or self.line_index < 0:
            return
        self.playing = False
        self._speak_line()

    def _speak_line(self) -> None:
        assert self.scenario is not None
        self._update_play()
        self._awaiting_start = True
        self.presenter.say(self.presenter.pick(self.scenario.lines[self.line_index].text))

    def _update_play(self) -> None:
        assert self.scenario is not None
        self.play_page.show_line(self.scenario, self.line_index, playing=self.playing)

    def _speech_started(self) -> None:
        self._awaiting_start = False

    def _speech_finished(self) -> None:
        """After a line has been read to the end, go on to the next while playing."""
        if not self.playing or self._awaiting_start or self.scenario is None:
            return
        if self.pages.currentWidget() is not self.play_page:
            return
        if self.line_index >= len(self.scenario.lines) - 1:
            self.playing = False
            self._update_play()
            return
        self.line_index += 1
        self._speak_line()

    # -- stage 3: the room answers -----------------------------------------------------------

    def start_answers(self) -> None:
        """Stop the call and let the room answer the check's questions."""
        if self.scenario is None:
            return
        self.playing = False
        self.ctx.speaker.stop()
        self.wizard = Wizard(self.ctx.content)
        self.room_caller = None
        self.caller_step.show_page(1)
        self._show(self.caller_step, "answer")

    def _caller_chosen(self, caller_id: str) -> None:
        assert self.wizard is not None and self.scenario is not None
        self.room_caller = caller_id
        # The scenario says who the caller claimed to be; the room's pick is shown in the reveal.
        self.wizard.choose_caller(self.scenario.caller)
        self._show_question()

    def _show_question(self) -> None:
        assert self.wizard is not None
        current = self.wizard.current
        if current is None:
            self._show_verdict()
            return
        number, total = self.wizard.progress()
        self.question_step.show_question(current, number, total)
        self._show(self.question_step, "answer")

    def _answered(self, answer: str) -> None:
        if self.wizard is None or self.wizard.current is None:
            return
        self.wizard.answer(Answer(answer))
        self._show_question()

    def _show_verdict(self) -> None:
        assert self.wizard is not None
        layout = self.verdict_page.layout()
        assert layout is not None
        if self.verdict is not None:
            layout.removeWidget(self.verdict)
            self.verdict.deleteLater()
        self.verdict = VerdictView(
            self.presenter,
            self.wizard.assessment(),
            stopped_early=self.wizard.stopped_early,
            offer_continue=True,  # the room may answer the rest before the reveal
        )
        # In a demo nobody is called: only "go on answering" stays; "show the answers" follows.
        for row in self.verdict.action_rows:
            self.verdict.pages.set_shown(row, False)
        self.verdict.action.connect(self._verdict_action)
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.verdict, 1)
        self._show(self.verdict_page, "answer")

    def _verdict_action(self, action: str) -> None:
        if action == "continue" and self.wizard is not None:
            self.wizard.continue_answering()
            self._show_question()

    # -- stage 4: the reveal -----------------------------------------------------------------

    def reveal(self) -> None:
        """Show the slides: each red signal and the line that showed it, then the lesson."""
        if self.scenario is None or self.wizard is None:
            return
        result = score(self.scenario, self.wizard.assessment().signal_ids)
        if self.reveal_page is not None:
            self.pages.removeWidget(self.reveal_page)
            self.reveal_page.deleteLater()
        # The slides follow the app's own text size (A+), not the presenter's fixed one.
        self.reveal_page = RevealPage(
            self.presenter, self.scenario, result, self.room_caller, step=self.ctx.text_step
        )
        self.reveal_page.next_person.connect(self.next_person)
        self.pages.addWidget(self.reveal_page)
        # The slides are the point of the demo: each is always read out.
        self._show(self.reveal_page, "reveal", speak=True)

    def next_person(self) -> None:
        """Forget the scenario and the room's answers, and show the scenario cards again."""
        self.playing = False
        self.ctx.speaker.stop()
        self.scenario = None
        self.line_index = -1
        self.wizard = None
        self.room_caller = None
        if self.reveal_page is not None:
            self.pages.removeWidget(self.reveal_page)
            self.reveal_page.deleteLater()
            self.reveal_page = None
        self._show(self.picker, "pick")

    # -- moving between pages -----------------------------------------------------------------

    def _show(self, page: QWidget, stage: str, *, speak: bool | None = None) -> None:
        self.pages.setCurrentWidget(page)
        self.stage = stage
        self.stage_label.setText(self._stage_text(stage))
        self.handout_button.setVisible(stage == "pick")
        if page is self.picker:
            self.picker.focus_first()
        else:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stage_changed.emit(stage)
        self.header_changed.emit()
        if speak if speak is not None else self.ctx.auto_read:
            self.presenter.say(self.spoken_text())

    def _stage_text(self, stage: str) -> str:
        return self.presenter.t(_STAGE_KEYS[stage])

    # -- leaving -----------------------------------------------------------------------------

    def _leave_pressed(self) -> None:
        self.leave_requested.emit()
        self.leave()

    def leave(self) -> None:
        """Close the demo and return to the home screen."""
        self.playing = False
        nav = self.ctx.nav
        if nav is not None:
            nav.home()

    # -- the handout -----------------------------------------------------------------------

    def default_handout_path(self) -> Path:
        """Where the handout is offered to be saved: the user's Documents folder."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder or Path.home()) / self.presenter.t("demo.handout_file")

    def ask_handout_path(self) -> str:
        """Ask the presenter where to save the handout; empty when they cancelled."""
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.presenter.t("demo.handout_dialog"),
            str(self.default_handout_path()),
            self.presenter.t("demo.handout_filter"),
        )
        if chosen and not chosen.lower().endswith(".pdf"):
            chosen += ".pdf"
        return chosen

    def save_handout(self, path: str | Path | None = None) -> Path | None:
        """Save the handout as a PDF (asking where when ``path`` is None) and say where.

        Returns:
            The file written, or None when cancelled or it could not be written.
        """
        target = path if path is not None else self.ask_handout_path()
        if not target:
            return None
        try:
            written = write_handout(
                target, self.ctx.content, self.ctx.lang, catalog=self.ctx.catalog
            )
        except OSError as error:
            log.error("the handout could not be written: %s", error)
            self.picker.show_handout_status(
                self.presenter.t("demo.handout_failed", error=error), can_print=False
            )
            return None
        self.handout_path = written
        self.picker.show_handout_status(
            self.presenter.t("demo.handout_saved", path=written), can_print=print_supported()
        )
        return written

    def print_handout(self) -> None:
        """Offer the printer dialog and print the handout (when Qt's printing is installed)."""
        if not print_supported():
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            paint_handout(printer, self.ctx.content, self.ctx.lang, catalog=self.ctx.catalog)
        except OSError as error:
            log.error("the handout could not be printed: %s", error)
            self.picker.show_handout_status(
                self.presenter.t("demo.handout_failed", error=error), can_print=True
            )
