"""A slip of the finger loses nothing: where the header's buttons are, "listen again" beside the
question, a check left by "home" offered again, and "back" showing the answer given before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from guardian.core.records import CheckRecord
from guardian.core.risk import Answer
from guardian.storage.worker import DiskWorker
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.theme import TEXT_SIZES_PT

from .conftest import RecordingSpeaker, WindowMaker

# Room the header leaves between "home" and anything before it.
CLEAR_PX = 32


@pytest.fixture
def check_window(disk: DiskWorker, make_window: WindowMaker) -> MainWindow:
    """The real window, saving to a real SQLite database."""
    return make_window(disk=disk)


def stored(db_path: Path) -> list[tuple[int | None, str, dict[str, str]]]:
    """(id, status, answers) of every saved check, read as a later start would."""
    with sqlite3.connect(db_path) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute("select * from checks order by id").fetchall()
    records = [CheckRecord.from_row(dict(row)) for row in rows]
    return [(record.id, record.status, record.answers) for record in records]


def press(qtbot, button: QWidget) -> None:
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def start_check(window: MainWindow, qtbot) -> CheckCallScreen:
    """From home: "I got a suspicious call", no number, the caller said they were the police."""
    home = window.current_screen()
    assert isinstance(home, HomeScreen)
    press(qtbot, home.buttons["check_call"])
    screen = window.current_screen()
    assert isinstance(screen, CheckCallScreen)
    press(qtbot, screen.number_step.skip_button)
    press(qtbot, screen.caller_step.buttons["police"])
    assert screen.steps.currentWidget() is screen.question_step
    return screen


def settle(window: MainWindow) -> None:
    QApplication.processEvents()
    central = window.centralWidget()
    assert central is not None
    layout = central.layout()
    assert layout is not None
    layout.activate()
    QApplication.processEvents()


def in_header(window: MainWindow, widget: QWidget):
    """``widget``'s rectangle in the header's coordinates."""
    return QRect(widget.mapTo(window.header, QPoint(0, 0)), widget.size())


def check_header(window: MainWindow, *, navigation: bool) -> None:
    header = window.header
    shown = [
        child
        for child in header.findChildren(QWidget)
        if child.parent() is header and child.isVisible()
    ]
    assert window.replay_button in shown
    replay = in_header(window, window.replay_button)
    if not navigation:
        # On the home screen "listen again" is at the left, not in the corner of "home".
        assert replay.left() < header.width() // 4
        assert not window.home_button.isVisible() and not window.back_button.isVisible()
        return
    back = in_header(window, window.back_button)
    home = in_header(window, window.home_button)
    assert back.left() < replay.left()  # back first, at the left
    assert home.right() >= header.width() - 30  # home at the right
    for child in shown:
        if child is window.home_button:
            continue
        rect = in_header(window, child)
        if child is window.title_label:
            if rect.bottom() < home.top() or rect.top() > home.bottom():
                continue  # the title on its own row under the buttons
            # The title's words end with clear space before "home".
            words_right = rect.right() - child.contentsMargins().right()
            assert home.left() - words_right >= CLEAR_PX, child
            continue
        # Nothing else at the right: clear space between it and "home".
        assert rect.left() < home.left(), child
        assert home.left() - rect.right() >= CLEAR_PX, child


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [1024, 1280])
def test_back_left_home_alone_at_the_right_at_every_text_size(
    window: MainWindow, qtbot, lang: str, width: int
) -> None:
    window.resize(width, 800)
    window.ctx.settings.set_lang(lang)  # type: ignore[arg-type]
    for step in range(len(TEXT_SIZES_PT)):
        window.ctx.settings.set_text_step(step)
        settle(window)
        check_header(window, navigation=False)  # the home screen
        start_check(window, qtbot)
        settle(window)
        check_header(window, navigation=True)
        window.home()
        settle(window)


def test_no_voice_sign_sits_at_the_left_too(window: MainWindow, qtbot) -> None:
    window.voice_status.setVisible(True)  # as when no voice can be heard
    start_check(window, qtbot)
    settle(window)
    check_header(window, navigation=True)


def test_the_speaker_beside_the_question_reads_the_question(
    window: MainWindow, qtbot, speaker: RecordingSpeaker
) -> None:
    screen = start_check(window, qtbot)
    step = screen.question_step
    settle(window)
    button = step.replay_button
    assert step.isAncestorOf(button)  # on the question's page, not in the header
    question = step.question.geometry()
    beside = QRect(button.mapTo(step, QPoint(0, 0)), button.size())
    # Beside the question's words, on the same height, and large.
    assert beside.right() < question.left()
    assert beside.top() < question.bottom() and beside.bottom() > question.top()
    assert beside.height() >= window.ctx.theme.min_target_px * 1.5
    assert beside.height() > window.replay_button.height()  # larger than the header's
    speaker.said.clear()
    press(qtbot, button)
    assert speaker.said, "nothing was read"
    said = speaker.last()
    assert step.signal is not None and step.signal.spoken is not None
    assert window.ctx.pick(step.signal.spoken) in said
    assert said == step.spoken_text()


def test_home_in_the_middle_then_go_on_continues_the_same_check(
    check_window: MainWindow, qtbot, db_path: Path, speaker: RecordingSpeaker
) -> None:
    window = check_window
    screen = start_check(window, qtbot)
    press(qtbot, screen.question_step.buttons[Answer.NO])
    press(qtbot, screen.question_step.buttons[Answer.UNSURE])
    progress = screen.question_step.progress.text()
    question = screen.question_step.question.text()
    # Pressed by mistake at once: the last save may still be on the disk worker.
    press(qtbot, window.home_button)
    assert isinstance(window.current_screen(), HomeScreen)
    qtbot.waitUntil(lambda: window.unfinished is not None and window.unfinished.isVisible())
    offer = window.unfinished
    assert offer is not None
    assert offer.text.text() == window.ctx.t("unfinished.left_text")
    assert speaker.last() == offer.text.text()  # read aloud
    saved = stored(db_path)
    assert [status for _, status, _ in saved] == ["in_progress"]
    check_id = saved[0][0]
    assert offer.record.id == check_id

    press(qtbot, offer.finish_button)
    resumed = window.current_screen()
    assert isinstance(resumed, CheckCallScreen) and resumed is not screen
    assert resumed.question_step.progress.text() == progress  # the same question
    assert resumed.question_step.question.text() == question
    assert window.unfinished is None  # the offer went once used
    press(qtbot, resumed.question_step.buttons[Answer.NO])
    done: list[object] = []
    window.ctx.disk.submit(lambda db: None, on_done=done.append)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(done))
    saved = stored(db_path)
    assert len(saved) == 1 and saved[0][0] == check_id  # no second entry in the history
    assert sorted(saved[0][2].values()) == ["no", "no", "unsure"]


def test_discard_removes_the_check_left(check_window: MainWindow, qtbot, db_path: Path) -> None:
    window = check_window
    screen = start_check(window, qtbot)
    press(qtbot, screen.question_step.buttons[Answer.NO])
    press(qtbot, window.home_button)
    qtbot.waitUntil(lambda: window.unfinished is not None and window.unfinished.isVisible())
    offer = window.unfinished
    assert offer is not None
    press(qtbot, offer.discard_button)
    assert not offer.isVisible()
    qtbot.waitUntil(lambda: stored(db_path) == [])


def test_a_new_check_takes_the_offer_away(check_window: MainWindow, qtbot) -> None:
    window = check_window
    screen = start_check(window, qtbot)
    press(qtbot, screen.question_step.buttons[Answer.NO])
    press(qtbot, window.home_button)
    qtbot.waitUntil(lambda: window.unfinished is not None and window.unfinished.isVisible())
    start_check(window, qtbot)
    assert window.unfinished is None


def test_the_offer_shows_on_home_only(check_window: MainWindow, qtbot) -> None:
    window = check_window
    screen = start_check(window, qtbot)
    press(qtbot, screen.question_step.buttons[Answer.NO])
    press(qtbot, window.home_button)
    qtbot.waitUntil(lambda: window.unfinished is not None and window.unfinished.isVisible())
    window.open("hotline", number="110")
    assert window.unfinished is not None and not window.unfinished.isVisible()
    window.home()
    assert window.unfinished.isVisible()


def test_nothing_is_offered_after_the_verdict(check_window: MainWindow, qtbot) -> None:
    window = check_window
    screen = start_check(window, qtbot)
    press(qtbot, screen.question_step.buttons[Answer.YES])  # a decisive "yes": the verdict
    qtbot.waitUntil(lambda: screen.verdict is not None)
    press(qtbot, window.home_button)
    done: list[object] = []
    window.ctx.disk.submit(lambda db: None, on_done=done.append)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(done))
    QApplication.processEvents()
    assert window.unfinished is None


def test_back_shows_the_answer_given_before(
    window: MainWindow, qtbot, speaker: RecordingSpeaker
) -> None:
    screen = start_check(window, qtbot)
    step = screen.question_step
    first = step.question.text()
    assert not step.chosen.isVisible()
    assert all(not button.property("chosen") for button in step.buttons.values())
    press(qtbot, step.buttons[Answer.UNSURE])
    assert step.question.text() != first
    assert not step.chosen.isVisible()  # the next question was not answered before

    press(qtbot, window.back_button)
    assert step.question.text() == first
    words = window.ctx.t("question.chosen", answer=window.ctx.t("question.unsure"))
    assert step.chosen.isVisible() and step.chosen.text() == words == "您刚才选了：不确定"
    assert step.buttons[Answer.UNSURE].property("chosen") is True
    assert step.buttons[Answer.UNSURE].styleSheet() != ""
    assert not step.buttons[Answer.YES].property("chosen")
    assert not step.buttons[Answer.NO].property("chosen")
    assert words in speaker.last()  # and read aloud

    # Answered again differently: going on, the next question shows its own earlier answer.
    press(qtbot, step.buttons[Answer.NO])
    assert not step.chosen.isVisible()
    press(qtbot, window.back_button)
    assert step.chosen.text() == window.ctx.t("question.chosen", answer=window.ctx.t("question.no"))
    assert step.buttons[Answer.NO].property("chosen") is True
    assert not step.buttons[Answer.UNSURE].property("chosen")
    assert step.buttons[Answer.UNSURE].styleSheet() == ""


def test_back_to_the_pictures_marks_the_caller_chosen_before(
    window: MainWindow, qtbot, speaker: RecordingSpeaker
) -> None:
    screen = start_check(window, qtbot)  # the police
    callers = screen.caller_step
    press(qtbot, window.back_button)
    assert screen.steps.currentWidget() is callers
    police = callers.buttons["police"]
    assert police.property("chosen") is True and police.styleSheet() != ""
    assert not any(b.property("chosen") for key, b in callers.buttons.items() if key != "police")
    said = window.ctx.t("question.chosen", answer=police.label())
    assert said in speaker.last()  # read aloud with the pictures

    # Another caller this time: the check follows it, and going back marks that one.
    other = next(key for key, b in callers.buttons.items() if key != "police" and b.isVisible())
    press(qtbot, callers.buttons[other])
    assert screen.steps.currentWidget() is screen.question_step
    press(qtbot, window.back_button)
    assert callers.buttons[other].property("chosen") is True
    assert not police.property("chosen") and police.styleSheet() == ""

    # Back to the number and on again: a new check, nothing marked.
    press(qtbot, window.back_button)
    press(qtbot, screen.number_step.skip_button)
    assert not any(b.property("chosen") for b in callers.buttons.values())
