"""Screenshot scenes of demo mode, for ``scripts/screenshots.py``: each takes the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from guardian.core.risk import Answer
from guardian.ui.demo.screen import DemoScreen
from guardian.ui.main_window import MainWindow

#: The scenario the scenes show, and the room's answers in the reveal (others are "no").
SCENE_SCENARIO = "phone_bill_police"
SCENE_ANSWERS = {
    "phone_bill_or_suspension": "yes",
    "transferred_to_police": "yes",
    "isolation": "unsure",
}


def open_demo(window: MainWindow) -> DemoScreen:
    """Show the demo screen on ``window`` and return it."""
    screen = DemoScreen(window.ctx)
    window.show_screen(screen)
    QApplication.processEvents()
    return screen


def demo_picker(window: MainWindow) -> None:
    """The scenario cards, as the demo opens."""
    open_demo(window)


def demo_line(window: MainWindow) -> None:
    """The call playing: the fourth line as a huge subtitle."""
    screen = open_demo(window)
    screen.pick(SCENE_SCENARIO)
    screen.play()
    for _ in range(3):
        screen.next_line()
    QApplication.processEvents()


def _revealed(window: MainWindow) -> DemoScreen:
    """The demo after the room answered, on the reveal's first slide."""
    screen = open_demo(window)
    screen.pick(SCENE_SCENARIO)
    screen.start_answers()
    screen.caller_step.buttons["operator"].click()
    while screen.wizard is not None and screen.wizard.current is not None:
        signal = screen.wizard.current
        answer = Answer(SCENE_ANSWERS.get(signal.id, "no"))
        screen.question_step.buttons[answer].click()
    screen.reveal()
    QApplication.processEvents()
    return screen


def demo_reveal(window: MainWindow) -> None:
    """The reveal's first slide: the first red signal, its line marked, the running score."""
    _revealed(window)


def demo_reveal_middle(window: MainWindow) -> None:
    """A slide in the middle of the reveal: a signal the room missed."""
    page = _revealed(window).reveal_page
    assert page is not None
    page.show_slide(3)
    QApplication.processEvents()


def demo_reveal_last(window: MainWindow) -> None:
    """The reveal's last slide: the verdict, the room's score and the lesson."""
    page = _revealed(window).reveal_page
    assert page is not None
    page.show_slide(len(page.slides) - 1)
    QApplication.processEvents()
