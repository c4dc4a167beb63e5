"""The speakers with real child processes: never blocking, stoppable at once, honest failures."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from guardian.speech.espeak import EspeakSpeaker
from guardian.speech.factory import create_speaker
from guardian.speech.pyttsx3_speaker import Pyttsx3Speaker
from guardian.speech.speaker import NullSpeaker
from tests.conftest import require_program
from tests.speech.conftest import LONG_EN, LONG_ZH, REAL_TIME_SINK, process_gone

MakeSpeaker = Callable[..., EspeakSpeaker]
STOP_LIMIT = 0.200  # seconds from stop() to every reading process gone


def wait_for_pids(speaker: EspeakSpeaker | Pyttsx3Speaker, timeout: float = 5.0) -> tuple[int, ...]:
    """Poll (without sleeping) until the speaker's processes exist; return their ids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = speaker.process_ids()
        if pids:
            return pids
    raise AssertionError("no reading process started")


def seconds_until_gone(pids: tuple[int, ...], limit: float = 2.0) -> float:
    """Return the time until every pid is gone, polling in a bounded loop."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if all(process_gone(pid) for pid in pids):
            return time.monotonic() - start
    return float("inf")


def test_say_returns_at_once_and_speech_starts(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker(player=REAL_TIME_SINK, probe=False)
    finished: list[bool] = []
    speaker.finished.connect(lambda: finished.append(True))
    with qtbot.waitSignal(speaker.started, timeout=5000):
        begin = time.monotonic()
        speaker.say(LONG_ZH, "zh")
        returned_after = time.monotonic() - begin
        assert not finished, "say() waited for the utterance"
    assert returned_after < 1.0  # measured: well under a millisecond
    pids = speaker.process_ids()
    assert len(pids) == 2  # espeak-ng and the player
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        speaker.stop()


@pytest.mark.parametrize(("lang", "text"), [("zh", LONG_ZH), ("en", LONG_EN)])
def test_stop_ends_the_processes_within_200_ms(
    qtbot: QtBot, make_speaker: MakeSpeaker, lang: str, text: str
) -> None:
    speaker = make_speaker(player=REAL_TIME_SINK, probe=False)
    failures: list[str] = []
    speaker.failed.connect(failures.append)
    with qtbot.waitSignal(speaker.started, timeout=5000):
        speaker.say(text, lang)  # type: ignore[arg-type]
    pids = speaker.process_ids()
    assert pids and not any(process_gone(pid) for pid in pids)
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        speaker.stop()
        gone_after = seconds_until_gone(pids)
    assert gone_after < STOP_LIMIT, f"processes still alive {gone_after:.3f} s after stop()"
    assert speaker.process_ids() == ()
    assert not failures, "a stop is not a failure"
    assert speaker.available


def test_a_new_say_interrupts_the_one_before(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker(player=REAL_TIME_SINK, probe=False)
    events: list[str] = []
    speaker.started.connect(lambda: events.append("started"))
    speaker.finished.connect(lambda: events.append("finished"))
    with qtbot.waitSignal(speaker.started, timeout=5000):
        speaker.say(LONG_ZH, "zh")
    first = speaker.process_ids()
    speaker.say(LONG_EN, "en")
    assert seconds_until_gone(first) < STOP_LIMIT
    qtbot.waitUntil(lambda: events.count("started") == 2, timeout=5000)
    second = speaker.process_ids()
    assert second and not set(first) & set(second)
    assert events == ["started", "finished", "started"]
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        speaker.stop()
    assert events.count("finished") == 2


def test_many_quick_says_leave_only_the_last(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker(player=REAL_TIME_SINK, probe=False)
    for index in range(10):
        speaker.say(f"{LONG_ZH} {index}", "zh")
    qtbot.waitUntil(lambda: len(speaker.process_ids()) == 2, timeout=5000)
    with qtbot.waitSignal(speaker.finished, timeout=5000):
        speaker.stop()


def test_an_utterance_that_plays_to_the_end_finishes(
    qtbot: QtBot, make_speaker: MakeSpeaker
) -> None:
    speaker = make_speaker(player=REAL_TIME_SINK, probe=False)
    failures: list[str] = []
    speaker.failed.connect(failures.append)
    with qtbot.waitSignals([speaker.started, speaker.finished], timeout=10000, order="strict"):
        speaker.say("好", "zh")
    assert not failures
    assert speaker.available and speaker.unavailable_reason == ""


def test_a_missing_sound_device_is_reported(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    aplay = require_program("aplay")
    speaker = make_speaker(player=(aplay, "-q", "-D", "guardian_no_such_device", "-"), probe=False)
    assert speaker.available  # not known yet
    with (
        qtbot.waitSignal(speaker.availability_changed, timeout=5000) as availability,
        qtbot.waitSignal(speaker.failed, timeout=5000) as failure,
        qtbot.waitSignal(speaker.finished, timeout=5000),
    ):
        speaker.say("请拨打110", "zh")
    assert availability.args == [False]
    assert not speaker.available
    assert "sound device" in failure.args[0]
    assert speaker.unavailable_reason == failure.args[0]


def test_the_device_check_at_start_reports_a_missing_device(
    qtbot: QtBot, make_speaker: MakeSpeaker
) -> None:
    aplay = require_program("aplay")
    speaker = make_speaker(player=(aplay, "-q", "-D", "guardian_no_such_device", "-"))
    qtbot.waitUntil(lambda: not speaker.available, timeout=5000)
    assert "sound device" in speaker.unavailable_reason


def test_this_computers_sound_is_reported_either_way(
    qtbot: QtBot, make_speaker: MakeSpeaker
) -> None:
    """With the default player, speech either plays or says why not: never silently nothing."""
    speaker = make_speaker()
    outcome: list[str] = []
    speaker.failed.connect(outcome.append)
    with qtbot.waitSignal(speaker.finished, timeout=15000):
        speaker.say("好", "zh")
    if outcome:
        assert not speaker.available
        assert speaker.unavailable_reason == outcome[0]
    else:
        assert speaker.available


def test_a_missing_program_is_reported(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    speaker = EspeakSpeaker(program="/nonexistent/espeak-ng", player=REAL_TIME_SINK, probe=False)
    try:
        with qtbot.waitSignal(speaker.failed, timeout=5000) as failure:
            speaker.say("你好", "zh")
        assert "could not be started" in failure.args[0]
        assert not speaker.available
    finally:
        speaker.shutdown()


def test_text_with_nothing_to_read_starts_nothing(make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker(player=REAL_TIME_SINK, probe=False)
    speaker.say("🙂 ✅", "zh")
    assert speaker.process_ids() == ()


def test_rate_and_volume_are_clamped(make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker(probe=False, rate=10, volume=3.0)
    assert speaker.rate is None or speaker.rate == 10  # the constructor keeps the choice
    speaker.set_rate(10)
    assert speaker.rate_for("zh") == 80
    speaker.set_rate(None)
    assert speaker.rate_for("zh") == 140 and speaker.rate_for("en") == 150
    assert speaker.volume == 1.0
    speaker.set_volume(-1)
    assert speaker.volume == 0.0


def test_say_after_shutdown_does_nothing(make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker(player=REAL_TIME_SINK, probe=False)
    speaker.shutdown()
    speaker.say(LONG_ZH, "zh")
    assert speaker.process_ids() == ()


def test_null_speaker_says_nothing_and_says_why(qtbot: QtBot) -> None:
    speaker = NullSpeaker("no speech engine")
    with qtbot.assertNotEmitted(speaker.started), qtbot.assertNotEmitted(speaker.failed):
        speaker.say("请拨打110", "zh")
        speaker.stop()
    assert not speaker.available
    assert speaker.unavailable_reason == "no speech engine"
    speaker.shutdown()


def test_create_speaker_by_preference(espeak: str) -> None:
    off = create_speaker("none")
    assert isinstance(off, NullSpeaker) and off.unavailable_reason
    with pytest.raises(ValueError, match="unknown speech engine"):
        create_speaker("loudspeaker")
    chosen = create_speaker("espeak", rate=120, volume=0.5)
    try:
        assert isinstance(chosen, EspeakSpeaker)
        assert chosen.rate_for("zh") == 120 and chosen.volume == 0.5
    finally:
        chosen.shutdown()


def test_create_speaker_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUARDIAN_SPEECH", "none")
    assert isinstance(create_speaker(), NullSpeaker)


def test_pyttsx3_speaker_is_stoppable_at_once(qtbot: QtBot) -> None:
    speaker = Pyttsx3Speaker()
    try:
        with qtbot.waitSignal(speaker.started, timeout=5000):
            speaker.say(LONG_EN, "en")
        pids = speaker.process_ids()
        with qtbot.waitSignal(speaker.finished, timeout=5000):
            speaker.stop()
            assert seconds_until_gone(pids) < STOP_LIMIT
    finally:
        speaker.shutdown()


@pytest.mark.slow
def test_measured_latencies(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    """Measure say() -> reading process running, and stop() -> processes gone (printed)."""
    speaker = make_speaker(player=REAL_TIME_SINK, probe=False)
    to_start: list[float] = []
    to_gone: list[float] = []
    say_calls: list[float] = []
    for _ in range(7):
        begin = time.monotonic()
        speaker.say(LONG_ZH, "zh")
        say_calls.append(time.monotonic() - begin)
        pids = wait_for_pids(speaker)
        to_start.append(time.monotonic() - begin)
        assert not any(process_gone(pid) for pid in pids)
        with qtbot.waitSignal(speaker.finished, timeout=5000):
            speaker.stop()
            to_gone.append(seconds_until_gone(pids))
    print(
        f"\nsay() call median {statistics.median(say_calls) * 1000:.2f} ms; "
        f"say() -> child started median {statistics.median(to_start) * 1000:.1f} ms; "
        f"stop() -> processes gone median {statistics.median(to_gone) * 1000:.2f} ms "
        f"(max {max(to_gone) * 1000:.2f} ms)"
    )
    assert max(to_gone) < STOP_LIMIT
