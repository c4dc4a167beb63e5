"""The sound player crashing in the middle of a sentence: reported, never a hang, speech goes on."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot

from tests.speech.conftest import LONG_ZH

# A player that takes some sound, then dies as a crashed program would.
CRASHING_PLAYER = (
    sys.executable,
    "-c",
    "import os, sys\nsys.stdin.buffer.read(20000)\nos._exit(134)\n",
)


def test_a_player_that_crashes_mid_sentence_is_reported_and_speech_goes_on(
    qtbot: QtBot, make_speaker
) -> None:
    speaker = make_speaker(player=CRASHING_PLAYER, probe=False)
    with (
        qtbot.waitSignal(speaker.failed, timeout=10_000) as failure,
        qtbot.waitSignal(speaker.finished, timeout=10_000),
    ):
        speaker.say(LONG_ZH, "zh")
    assert failure.args[0].strip()
    # The next sentence starts again: one crash does not leave the voice stuck.
    with qtbot.waitSignal(speaker.started, timeout=10_000):
        speaker.say("请拨打110", "zh")
    with qtbot.waitSignal(speaker.finished, timeout=10_000):
        speaker.stop()
