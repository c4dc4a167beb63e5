"""Work done one piece in each turn of the event loop."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from guardian.ui.turns import next_turn, one_a_turn


def test_the_pieces_run_in_order_one_a_turn(qapp: QApplication, qtbot) -> None:
    owner = QObject()
    done: list[int] = []
    one_a_turn(owner, [lambda n=n: done.append(n) for n in range(3)])
    assert done == [], "nothing runs before the event loop turns"
    time.sleep(0.005)  # the first turn's timer is due
    qapp.processEvents()
    assert done == [0], "one piece in a turn"
    qtbot.waitUntil(lambda: done == [0, 1, 2])


def test_a_timer_due_during_a_piece_runs_before_the_next_piece(qapp: QApplication, qtbot) -> None:
    """A timer that falls due while a piece works is not kept waiting for the next piece."""
    owner = QObject()
    events: list[str] = []

    def long_piece() -> None:
        events.append("piece 1")
        QTimer.singleShot(5, owner, lambda: events.append("timer"))
        time.sleep(0.03)  # the timer falls due meanwhile

    one_a_turn(owner, [long_piece, lambda: events.append("piece 2")])
    qtbot.waitUntil(lambda: "piece 2" in events)
    assert events == ["piece 1", "timer", "piece 2"]


def test_the_next_turn_comes_after_a_timer_that_is_due(qapp: QApplication, qtbot) -> None:
    owner = QObject()
    events: list[str] = []

    def work() -> None:
        QTimer.singleShot(5, owner, lambda: events.append("timer"))
        time.sleep(0.03)  # the timer falls due
        next_turn(owner, lambda: events.append("next turn"))

    QTimer.singleShot(0, owner, work)
    qtbot.waitUntil(lambda: len(events) == 2)
    assert events == ["timer", "next turn"]


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
