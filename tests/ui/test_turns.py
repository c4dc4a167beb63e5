"""Work done one piece in each turn of the event loop."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from guardian.ui.turns import one_a_turn


def test_the_pieces_run_in_order_one_a_turn(qapp: QApplication, qtbot) -> None:
    owner = QObject()
    done: list[int] = []
    one_a_turn(owner, [lambda n=n: done.append(n) for n in range(3)])
    assert done == [], "nothing runs before the event loop turns"
    qapp.processEvents()
    assert done == [0], "one piece in a turn"
    qtbot.waitUntil(lambda: done == [0, 1, 2])


def test_the_rest_is_dropped_once_the_work_is_no_longer_wanted(qapp: QApplication, qtbot) -> None:
    owner = QObject()
    done: list[int] = []
    stopped: list[bool] = []
    one_a_turn(
        owner,
        [lambda n=n: done.append(n) for n in range(4)],
        going_on=lambda: len(done) < 2,
        stopped=lambda: stopped.append(True),
    )
    qtbot.waitUntil(lambda: stopped == [True])
    qtbot.wait(30)
    assert done == [0, 1]
    assert stopped == [True], "told once"
