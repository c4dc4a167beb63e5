"""The stand-in speaker: the real engine is made after the window shows, and nothing is lost."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from guardian.speech.espeak import EspeakSpeaker
from guardian.speech.late import LateSpeaker
from guardian.speech.speaker import NullSpeaker, Speaker
from tests.speech.conftest import LONG_ZH, REAL_TIME_SINK


def test_nothing_is_made_until_it_is_started() -> None:
    made: list[Speaker] = []

    def make() -> Speaker:
        made.append(NullSpeaker("off"))
        return made[-1]

    speaker = LateSpeaker(make, rate=120, volume=0.3)
    assert made == []
    assert speaker.available and speaker.unavailable_reason == ""
    assert speaker.rate == 120 and speaker.volume == 0.3
    speaker.stop()  # nothing plays yet: no engine is made for it
    assert made == [] and speaker.engine is None
    assert speaker.start() is made[0] is speaker.engine
    assert speaker.start() is made[0]  # once only


def test_the_engine_gets_the_chosen_speed_and_loudness() -> None:
    speaker = LateSpeaker(lambda: NullSpeaker("off"), rate=120, volume=0.3)
    speaker.set_rate(200)
    speaker.set_volume(0.9)
    engine = speaker.start()
    assert (engine.rate, engine.volume) == (200, 0.9)
    speaker.set_rate(None)
    assert engine.rate is None and speaker.rate_for("zh") == Speaker.DEFAULT_RATE["zh"]


def test_an_engine_that_cannot_be_heard_is_announced(qtbot: QtBot) -> None:
    speaker = LateSpeaker(lambda: NullSpeaker("espeak-ng is not installed"))
    with qtbot.waitSignal(speaker.availability_changed, timeout=1000) as blocker:
        speaker.start()
    assert blocker.args == [False]
    assert not speaker.available
    assert speaker.unavailable_reason == "espeak-ng is not installed"


def test_the_first_sentence_makes_the_engine_and_is_read(
    qtbot: QtBot, make_speaker: Callable[..., EspeakSpeaker]
) -> None:
    engine = make_speaker(player=REAL_TIME_SINK, probe=False)
    speaker = LateSpeaker(lambda: engine)
    with qtbot.waitSignal(speaker.started, timeout=5000):
        speaker.say(LONG_ZH, "zh")
    assert speaker.engine is engine and engine.process_ids()
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        speaker.stop()


def test_after_shutdown_no_engine_is_made_and_nothing_is_read() -> None:
    made: list[Speaker] = []

    def make() -> Speaker:
        made.append(NullSpeaker("off"))
        return made[-1]

    speaker = LateSpeaker(make)
    speaker.shutdown()  # the app quit before the engine was needed
    speaker.say("数据已经从备份恢复", "zh")  # a notice that arrives with the last writes
    speaker.start()
    assert made == []
    assert speaker.engine is not None and not speaker.engine.available
