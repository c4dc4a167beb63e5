"""The caller's pictures are built while the number is typed; a quick press still shows them all."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from guardian.ui.caller_choice import CallerChoiceStep
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton
from tests.ui.conftest import WindowMaker

pytestmark = pytest.mark.usefixtures("app_font")


def open_check(make_window: WindowMaker) -> CheckCallScreen:
    window = make_window(size=(1280, 860))
    window.open("check_call")
    screen = window.current_screen()
    assert isinstance(screen, CheckCallScreen)
    return screen


def caller_steps(screen: CheckCallScreen) -> list[CallerChoiceStep]:
    """The caller steps in the check's stack of steps, looked up without building one."""
    found = [screen.steps.widget(index) for index in range(screen.steps.count())]
    return [step for step in found if isinstance(step, CallerChoiceStep)]


def rows_of(step: CallerChoiceStep) -> list[list[list[str]]]:
    """The words on the pictures, row by row, page by page ("" for a blank place)."""
    pages: list[list[list[str]]] = []
    for column in step.columns:
        rows: list[list[str]] = []
        for row in column.blocks:
            layout = row.layout()
            assert layout is not None
            places = [layout.itemAt(index).widget() for index in range(layout.count())]
            rows.append([w.label() if isinstance(w, BigButton) else "" for w in places])
        pages.append(rows)
    return pages


def assert_complete(step: CallerChoiceStep, ctx: AppContext) -> None:
    """Every caller of the content has its picture, in its row, page and order."""
    flow = ctx.content.wizard
    assert step.complete
    assert list(step.buttons) == [c.id for c in (*flow.on_page(1), *flow.on_page(2))]
    assert step.more_button is not None
    pictures = [ctx.pick(c.label) for c in flow.on_page(1)] + [step.more_button.label()]
    assert step.none_button is not None  # the last picture on page 2: none of these
    second = [ctx.pick(c.label) for c in flow.on_page(2)] + [step.none_button.label()]
    shown = rows_of(step)
    assert [words for row in shown[0] for words in row if words] == pictures
    assert [words for row in shown[1] for words in row if words] == second
    for page in shown:
        assert all(len(row) == 3 for row in page)


def test_the_caller_step_is_built_while_the_number_step_shows(
    make_window: WindowMaker, qtbot
) -> None:
    screen = open_check(make_window)
    assert screen.steps.currentWidget() is screen.number_step
    # Nobody has pressed anything: the pictures are built while the person types the number.
    qtbot.waitUntil(lambda: bool(caller_steps(screen)) and caller_steps(screen)[0].complete)
    (ahead,) = caller_steps(screen)
    assert screen.steps.currentWidget() is screen.number_step  # nothing changed on screen
    assert not ahead.isVisible()
    assert_complete(ahead, screen.ctx)
    screen.number_step.field.setText("17012345678")
    screen.number_step.next_button.click()
    assert screen.steps.currentWidget() is ahead is screen.caller_step
    QApplication.processEvents()
    flow = screen.ctx.content.wizard
    visible = [b for b in ahead.buttons.values() if b.isVisible()]
    assert [b.label() for b in visible] == [screen.ctx.pick(c.label) for c in flow.on_page(1)]
    assert ahead.more_button is not None and ahead.more_button.isVisible()
    assert ahead.spoken_text().startswith(screen.ctx.pick(flow.caller_spoken))


@pytest.mark.parametrize("idle_turns", [0, 3])
def test_a_press_before_the_pictures_are_built_shows_every_picture(
    make_window: WindowMaker, idle_turns: int
) -> None:
    screen = open_check(make_window)
    for _ in range(idle_turns):  # a few pieces built, not all
        QApplication.processEvents()
    screen.number_step.skip_button.click()
    step = screen.steps.currentWidget()
    assert isinstance(step, CallerChoiceStep) and step is screen.caller_step
    assert caller_steps(screen) == [step]  # one step: the one begun ahead was finished
    assert_complete(step, screen.ctx)
    QApplication.processEvents()
    assert step.more_button is not None and step.more_button.isVisible()
    step.more_button.click()
    QApplication.processEvents()
    flow = screen.ctx.content.wizard
    visible = [b for b in step.buttons.values() if b.isVisible()]
    assert [b.label() for b in visible] == [screen.ctx.pick(c.label) for c in flow.on_page(2)]
    step.buttons[flow.on_page(2)[0].id].click()
    assert screen.steps.currentWidget() is screen.question_step


def test_a_step_built_in_pieces_matches_one_built_at_once(make_window: WindowMaker) -> None:
    window = make_window()
    ctx = window.ctx
    holder = QWidget()
    at_once = CallerChoiceStep(ctx, holder)
    in_pieces = CallerChoiceStep(ctx, holder, in_pieces=True)
    assert not in_pieces.complete and not in_pieces.buttons
    for _ in range(3):
        assert not in_pieces.build_piece()
    assert 0 < len(in_pieces.buttons) < len(at_once.buttons)
    in_pieces.finish_building()
    assert_complete(at_once, ctx)
    assert_complete(in_pieces, ctx)
    assert rows_of(in_pieces) == rows_of(at_once)
    assert in_pieces.build_piece()  # nothing left to build
    holder.deleteLater()
