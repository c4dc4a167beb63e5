"""Demo mode driven as a volunteer would: play a call, let the room answer, reveal, next person."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from guardian.assets import asset_path, load_catalog
from guardian.content_loader import load_content
from guardian.core.i18n import LANGS, Lang
from guardian.core.risk import Answer
from guardian.core.scenarios import Scenario
from guardian.scenarios_loader import load_scenarios
from guardian.ui.caller_choice import CallerChoiceStep
from guardian.ui.context import AppContext
from guardian.ui.demo import DEMO_RATE, DemoScreen, screenshot_scenes
from guardian.ui.demo.pages import PickerPage, PlayPage
from guardian.ui.demo.reveal import RevealPage
from guardian.ui.family.hub import FamilySettingsScreen
from guardian.ui.handout import write_handout
from guardian.ui.home import DEMO_SHORTCUT, HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.question_step import QuestionStep
from guardian.ui.widgets import BigButton
from tests.ui.conftest import RecordingSpeaker

SCENARIO = "phone_bill_police"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def scenarios() -> tuple[Scenario, ...]:
    return load_scenarios()


def window_shortcuts(window: MainWindow) -> list[QShortcut]:
    """The main window's own shortcuts (made after its first paint), not its screens'."""
    return [shortcut for shortcut in window.findChildren(QShortcut) if shortcut.parent() is window]


def open_demo(window: MainWindow, **options: object) -> DemoScreen:
    screen = DemoScreen(window.ctx, **options)  # type: ignore[arg-type]
    window.show_screen(screen)
    assert window.current_screen() is screen
    return screen


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


class WatchedDisk:
    """Stands in for the disk worker and remembers any job handed to it."""

    def __init__(self) -> None:
        self.jobs: list[object] = []

    def submit(self, job: object, *args: object, **kwargs: object) -> None:
        self.jobs.append(job)


def data_files() -> list[Path]:
    return [p for p in Path(os.environ["GUARDIAN_DATA_DIR"]).rglob("*") if p.is_file()]


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


# --- strings ------------------------------------------------------------------------------------


def test_demo_strings_are_demo_keys_in_both_languages() -> None:
    catalog = load_catalog()
    for lang in LANGS:
        demo_keys = {key for key in catalog.keys(lang) if key.startswith("demo.")}
        assert len(demo_keys) > 40
        for key in demo_keys:
            assert (catalog.template(lang, key) or "").strip(), f"{lang}:{key} is empty"


def test_every_demo_key_the_code_uses_exists() -> None:
    sources = [*Path(asset_path("..", "guardian", "ui", "demo")).glob("*.py")]
    sources.append(Path(asset_path("..", "guardian", "ui", "handout.py")))
    used: set[str] = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r'"(demo\.[a-z0-9_.]+)"', text))
        # Keys built from a prefix: every value they can take.
        if '"demo.difficulty_' in text or "demo.difficulty_{" in text:
            used |= {"demo.difficulty_1", "demo.difficulty_2", "demo.difficulty_3"}
        for prefix in re.findall(r'_button\("(demo\.[a-z_]+)"', text):
            used.add(f"{prefix}_description")
    assert used
    catalog = load_catalog()
    for lang in LANGS:
        assert used - catalog.keys(lang) == set(), lang


# --- the whole demo, end to end -----------------------------------------------------------------


def test_a_scripted_demo_run_from_picker_to_next_person(
    qtbot, window: MainWindow, speaker: RecordingSpeaker, scenarios: tuple[Scenario, ...]
) -> None:
    scenario = next(s for s in scenarios if s.id == SCENARIO)
    lines = [line.text.zh for line in scenario.lines]
    disk = WatchedDisk()
    window.ctx.disk = disk  # type: ignore[assignment]
    screen = open_demo(window)
    assert speaker.rate == DEMO_RATE
    assert screen.badge.isVisible() and screen.leave_button.isVisible()
    assert isinstance(screen.pages.currentWidget(), PickerPage)
    assert set(screen.picker.cards) == {s.id for s in scenarios}

    # Stage 1 -> 2: pick the card, then play the call.
    click(qtbot, screen.picker.cards[SCENARIO])
    assert screen.stage == "play" and screen.scenario == scenario
    page = screen.play_page
    assert isinstance(screen.pages.currentWidget(), PlayPage)
    assert page.subtitle.text() == "请按“播放电话”，听听骗子是怎么说的。"
    assert not page.done_button.isEnabled() and not page.replay_button.isEnabled()
    click(qtbot, page.play_button)
    assert speaker.last() == lines[0]
    assert page.subtitle.text() == lines[0]
    assert page.pause_button.isVisible() and not page.play_button.isVisible()

    # While playing, the end of a line moves on to the next one.
    speaker.finished.emit()
    assert speaker.last() == lines[1]
    assert page.subtitle.text() == lines[1]

    # Pause: the end of the stopped line does not move on.
    click(qtbot, page.pause_button)
    speaker.finished.emit()
    assert screen.line_index == 1 and speaker.last() == lines[1]
    assert page.play_button.isVisible()

    # The presenter leads with "next line" for the rest; each line is shown and read.
    for index in range(2, len(lines)):
        click(qtbot, page.next_button)
        assert page.subtitle.text() == lines[index]
        assert page.progress.text() == f"第 {index + 1} 句 / 共 {len(lines)} 句"
        assert speaker.rate == DEMO_RATE
    assert not page.next_button.isEnabled()
    assert page.done_button.isEnabled()
    spoken_lines = [text for text, _ in speaker.said if text in lines]
    assert spoken_lines == lines

    # Stage 3: the room answers the check's own questions.
    click(qtbot, page.done_button)
    assert screen.stage == "answer"
    assert isinstance(screen.pages.currentWidget(), CallerChoiceStep)
    click(qtbot, screen.caller_step.buttons["operator"])
    assert screen.wizard is not None and screen.wizard.caller is not None
    assert screen.wizard.caller.id == scenario.caller
    room = {"phone_bill_or_suspension": Answer.YES, "transferred_to_police": Answer.YES}
    asked = []
    while screen.verdict is None or not screen.verdict_page.isVisible():
        assert isinstance(screen.pages.currentWidget(), QuestionStep)
        signal = screen.question_step.signal
        assert signal is not None
        asked.append(signal.id)
        click(qtbot, screen.question_step.buttons[room.get(signal.id, Answer.NO)])
    assert "safe_account" in asked and "isolation" in asked
    verdict = screen.verdict
    assert verdict.assessment.level.value == "medium"  # one strong, one moderate
    for name in ("call_family", "call_police", "call_antifraud", "home"):
        assert not verdict.buttons[name].isVisible(), name

    # Stage 4: the reveal.
    click(qtbot, screen.reveal_button)
    assert screen.stage == "reveal"
    reveal = screen.reveal_page
    assert isinstance(reveal, RevealPage)
    # One slide a signal, in call order, each saying whether the room found it.
    signal_slides = [slide for slide in reveal.slides if slide.kind == "signal"]
    assert [slide.signal_id for slide in signal_slides] == list(scenario.signal_ids)
    found = [reveal.score.was_caught(slide.signal_id or "") for slide in signal_slides]
    assert found == [True, True, False, False, False]
    assert (reveal.score.count, reveal.score.total) == (2, 5)
    said = speaker.last()
    assert said.startswith("第 1 个危险信号，共 5 个")
    assert lines[0] in said
    while reveal.forward_button.isVisible():
        click(qtbot, reveal.forward_button)
    assert reveal.score_label.text() == "大家找出了 5 个危险信号中的 2 个"
    said = speaker.last()
    for point in scenario.teaching:
        assert point.zh in said

    # Next person: back to the cards, nothing of this run kept.
    click(qtbot, reveal.next_button)
    assert screen.stage == "pick"
    assert isinstance(screen.pages.currentWidget(), PickerPage)
    assert screen.scenario is None and screen.wizard is None and screen.reveal_page is None
    assert screen.badge.isVisible()

    # Nothing was handed to the disk, and nothing was written where the app keeps data.
    assert disk.jobs == []
    assert not screen.presenter.disk.accepting_jobs
    assert data_files() == []


def test_a_decisive_answer_shows_the_verdict_and_the_room_may_go_on(
    qtbot, window: MainWindow
) -> None:
    screen = open_demo(window)
    screen.pick(SCENARIO)
    screen.start_answers()
    click(qtbot, screen.caller_step.buttons["police"])  # the room picks another caller type
    assert screen.question_step.signal is not None
    assert screen.question_step.signal.id == "safe_account"  # the scenario's path: operator
    click(qtbot, screen.question_step.buttons[Answer.YES])
    assert screen.verdict is not None and screen.verdict.assessment.level.value == "high"
    more = screen.verdict.buttons["continue"]
    assert more.isVisible()
    click(qtbot, more)
    assert isinstance(screen.pages.currentWidget(), QuestionStep)
    while screen.pages.currentWidget() is screen.question_step:
        click(qtbot, screen.question_step.buttons[Answer.NO])
    screen.reveal()
    assert screen.reveal_page is not None
    assert screen.reveal_page.score.caught == ("safe_account",)
    assert "大家选的是：公安、法院" in screen.reveal_page.caller_label.text()


def test_back_steps_inside_the_demo_and_never_closes_it(qtbot, window: MainWindow) -> None:
    screen = open_demo(window)
    window.back()
    assert window.current_screen() is screen and screen.stage == "pick"
    screen.pick(SCENARIO)
    screen.start_answers()
    click(qtbot, screen.caller_step.buttons["operator"])
    first = screen.question_step.signal
    click(qtbot, screen.question_step.buttons[Answer.NO])
    window.back()
    assert screen.question_step.signal is first
    window.back()
    assert screen.pages.currentWidget() is screen.caller_step
    window.back()
    assert screen.stage == "play"
    window.back()
    assert screen.stage == "pick"
    assert window.current_screen() is screen


def test_alt_home_leaves_the_demo_like_the_button(qtbot, window: MainWindow) -> None:
    screen = open_demo(window)
    # The window's shortcuts are made right after its first paint.
    qtbot.waitUntil(lambda: len(window_shortcuts(window)) == 2, timeout=5000)
    screen.picker.cards[SCENARIO].setFocus()
    qtbot.keyClick(screen.picker.cards[SCENARIO], Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert isinstance(window.current_screen(), HomeScreen)


def test_the_demo_loads_every_scenario_by_itself(qtbot, ctx: AppContext) -> None:
    screen = DemoScreen(ctx)
    qtbot.addWidget(screen)
    assert len(screen.scenarios) == len(load_scenarios())


# --- leaving ------------------------------------------------------------------------------------


def test_one_ordinary_press_on_leave_the_demo_goes_home_and_restores_the_speed(
    qtbot, window: MainWindow, speaker: RecordingSpeaker
) -> None:
    window.ctx.settings.set_speech_rate(160)  # the family chose it
    screen = open_demo(window)
    assert speaker.rate == DEMO_RATE
    assert screen.leave_button.label() == "退出演示"
    assert screen.leave_button.height() >= window.ctx.theme.min_target_px
    screen.pick(SCENARIO)
    screen.play()
    with qtbot.waitSignal(screen.leave_requested, timeout=1000):
        click(qtbot, screen.leave_button)  # a press and a release: no holding
    assert isinstance(window.current_screen(), HomeScreen)
    assert speaker.rate == 160
    assert not screen.playing


def test_the_demo_takes_the_whole_window_and_the_header_comes_back_after(
    qtbot, window: MainWindow
) -> None:
    assert window.header.isVisible()
    screen = open_demo(window)
    # On a projector every line counts: the demo's own bar only (演示, the stage, 退出演示).
    assert not window.header.isVisible()
    assert screen.leave_button.isVisible()
    click(qtbot, screen.leave_button)
    assert isinstance(window.current_screen(), HomeScreen)
    assert window.header.isVisible()


def test_the_leave_button_says_in_both_languages_that_one_press_leaves(
    qtbot, ctx: AppContext
) -> None:
    for lang, words in (("zh", "退出演示"), ("en", "Leave the demo")):
        ctx.settings.set_lang(lang)  # type: ignore[arg-type]
        screen = DemoScreen(ctx)
        qtbot.addWidget(screen)
        assert screen.leave_button.label() == words
        description = screen.leave_button.accessibleDescription()
        assert "3" not in description and "hold" not in description.lower()
        assert "按住" not in description


# --- the ways in ---------------------------------------------------------------------------------


def test_the_home_screen_has_no_way_into_the_demo_but_the_volunteers_shortcut(
    qtbot, window: MainWindow
) -> None:
    home = window.current_screen()
    assert isinstance(home, HomeScreen)
    assert "demo" not in home.buttons
    for button in home.findChildren(BigButton):
        assert "演示" not in button.label()
    window.activateWindow()
    home.buttons["check_call"].setFocus()
    qtbot.keyClick(home.buttons["check_call"], Qt.Key.Key_D, CTRL_SHIFT)
    screen = window.current_screen()
    assert isinstance(screen, DemoScreen)
    click(qtbot, screen.leave_button)
    assert window.current_screen() is not screen


def test_the_shortcut_does_nothing_away_from_the_home_screen(qtbot, window: MainWindow) -> None:
    assert DEMO_SHORTCUT == "Ctrl+Shift+D"
    window.open("tip")
    tip = window.current_screen()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL_SHIFT)
    assert window.current_screen() is tip


def test_the_family_settings_open_the_demo(qtbot, window: MainWindow) -> None:
    hub = FamilySettingsScreen(window.ctx)
    window.show_screen(hub)
    button = hub.buttons["demo"]
    assert button.label() == "演示模式"
    click(qtbot, button)
    screen = window.current_screen()
    assert isinstance(screen, DemoScreen)
    click(qtbot, screen.leave_button)
    assert isinstance(window.current_screen(), HomeScreen)


def test_guardian_demo_is_a_command_line_option() -> None:
    from guardian.cli import build_parser

    assert build_parser().parse_args(["--demo"]).demo is True


# --- the handout --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_is_a_one_or_two_page_pdf(qapp, tmp_path: Path, lang: Lang) -> None:
    path = write_handout(tmp_path / "handout.pdf", load_content(), lang, catalog=load_catalog())
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 10_000
    assert 1 <= pdf_pages(data) <= 2


def test_the_print_button_saves_the_handout_where_asked(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    screen = open_demo(window)
    assert screen.handout_button.isVisible()
    assert screen.default_handout_path().name == "防骗宣传单.pdf"
    written = screen.save_handout(tmp_path / "out.pdf")
    assert written == tmp_path / "out.pdf" and written.read_bytes().startswith(b"%PDF")
    assert str(written) in screen.picker.handout_status.text()
    assert screen.picker.handout_row.isVisible()
    assert data_files() == []


def test_a_handout_that_cannot_be_written_says_so(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    screen = open_demo(window)
    assert screen.save_handout(tmp_path / "missing-folder" / "out.pdf") is None
    assert screen.picker.handout_status.text().startswith("宣传单没能保存")
    assert not screen.picker.print_button.isVisible()


# --- screenshots ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scene", ["demo_picker", "demo_line", "demo_reveal", "demo_reveal_middle", "demo_reveal_last"]
)
def test_the_screenshot_scenes_run(window: MainWindow, scene: str) -> None:
    getattr(screenshot_scenes, scene)(window)
    assert isinstance(window.current_screen(), DemoScreen)
    assert data_files() == []
