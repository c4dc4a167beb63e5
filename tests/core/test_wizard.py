"""The wizard state machine: paths, early stop, back, and review after a stop."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardian.content_loader import load_content
from guardian.core.content import Content, Severity, UnknownIdError
from guardian.core.risk import Answer, Level
from guardian.core.wizard import Wizard

CONTENT = load_content()
CALLERS = [caller.id for caller in CONTENT.wizard.callers]
Y, N, U = Answer.YES, Answer.NO, Answer.UNSURE


def answer_all(wizard: Wizard, answer: Answer) -> None:
    while wizard.current is not None:
        wizard.answer(answer)


def test_every_question_is_reachable_by_some_caller(content: Content) -> None:
    reachable = {signal.id for cid in CALLERS for signal in content.questions_for(cid)}
    asked = {signal.id for signal in content.asked_signals()}
    assert asked - reachable == set()


@pytest.mark.parametrize("caller_id", CALLERS)
def test_paths_are_short_and_start_with_the_callers_own_question(
    content: Content, caller_id: str
) -> None:
    wizard = Wizard(content)
    wizard.choose_caller(caller_id)
    caller = content.caller(caller_id)
    # Choosing a caller on the second page of pictures takes one more tap.
    assert wizard.total <= 7 - (caller.page - 1)
    assert wizard.questions == content.questions_for(caller_id)
    assert wizard.questions[0].id == caller.questions[0]
    assert any(signal.severity is Severity.DECISIVE for signal in wizard.questions)
    assert all(signal.asked for signal in wizard.questions)


def test_start(content: Content) -> None:
    wizard = Wizard(content)
    assert wizard.caller is None
    assert wizard.current is None
    assert wizard.questions == ()
    assert wizard.progress() == (0, 0)
    assert not wizard.finished
    assert not wizard.back()
    with pytest.raises(RuntimeError):
        wizard.answer(Y)
    assert wizard.assessment().level is Level.LOW


def test_walk_a_path_to_the_end(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("relative")
    assert wizard.caller is not None and wizard.caller.id == "relative"
    assert wizard.progress() == (1, wizard.total)
    seen = []
    while wizard.current is not None:
        seen.append(wizard.current.id)
        assert wizard.progress() == (len(seen), wizard.total)
        wizard.answer(N)
    assert tuple(seen) == tuple(signal.id for signal in wizard.questions)
    assert wizard.finished and not wizard.stopped_early
    assert wizard.progress() == (wizard.total, wizard.total)
    assert wizard.answers == dict.fromkeys(seen, N)
    assert wizard.assessment().level is Level.LOW
    with pytest.raises(RuntimeError):
        wizard.answer(N)


def test_caller_implies_count_in_the_verdict(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("police")
    answer_all(wizard, N)
    result = wizard.assessment()
    assert result.level is Level.MEDIUM
    assert [(f.signal.id, f.source) for f in result.findings] == [("official_claim", "caller")]


def test_decisive_yes_stops_at_once(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("police")
    first = wizard.current
    assert first is not None and first.severity is Severity.DECISIVE
    wizard.answer(Y)
    assert wizard.stopped_early and wizard.finished
    assert wizard.current is None
    assert wizard.answers == {first.id: Y}
    assert wizard.progress() == (1, wizard.total)
    result = wizard.assessment()
    assert result.level is Level.HIGH
    assert result.findings[0].signal.id == first.id


def test_strong_yes_does_not_stop(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("relative")
    wizard.answer(N)  # relative_in_trouble
    assert wizard.current is not None and wizard.current.severity is Severity.STRONG
    wizard.answer(Y)
    assert not wizard.stopped_early and not wizard.finished


def test_unsure_on_a_decisive_question_does_not_stop(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("police")
    wizard.answer(U)
    assert not wizard.stopped_early
    assert wizard.index == 1


def test_back_from_an_early_stop_and_change_the_answer(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("operator")
    wizard.answer(Y)  # safe_account: decisive
    assert wizard.stopped_early
    assert wizard.back()
    assert not wizard.stopped_early and not wizard.finished
    assert wizard.current is not None and wizard.current.id == "safe_account"
    assert wizard.previous_answer("safe_account") is Y
    assert wizard.answers == {}
    wizard.answer(N)
    assert not wizard.stopped_early
    assert wizard.index == 1
    answer_all(wizard, N)
    assert wizard.finished and not wizard.stopped_early
    assert wizard.assessment().level is Level.LOW


def test_going_back_and_answering_yes_stops_and_drops_later_answers(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("operator")
    answer_all(wizard, N)
    while wizard.index > 0:
        wizard.back()
    assert wizard.current is not None and wizard.current.id == "safe_account"
    wizard.answer(Y)
    assert wizard.stopped_early
    assert wizard.answers == {"safe_account": Y}


def test_back_steps_to_the_caller_choice(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("courier")
    wizard.answer(N)
    assert wizard.back()
    assert wizard.index == 0 and wizard.caller is not None
    assert wizard.back()
    assert wizard.caller is None and wizard.current is None and wizard.questions == ()
    assert not wizard.back()
    wizard.choose_caller("courier")
    assert wizard.previous_answer(wizard.questions[0].id) is N


def test_choosing_another_caller_keeps_shared_answers_only(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("courier")
    answer_all(wizard, N)
    wizard.choose_caller("relative")
    assert wizard.index == 0 and wizard.answers == {}
    assert wizard.previous_answer("isolation") is N
    assert wizard.previous_answer("parcel_contraband") is None


def test_continue_answering_after_an_early_stop(content: Content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("customer_service")
    wizard.answer(Y)  # screen_share_or_app: decisive
    assert wizard.stopped_early
    assert wizard.continue_answering()
    assert not wizard.stopped_early and not wizard.finished
    assert wizard.current is not None and wizard.current.id == "open_online_banking"
    wizard.answer(Y)  # decisive again, but a review goes on
    assert not wizard.stopped_early and not wizard.finished
    answer_all(wizard, N)
    assert wizard.finished and not wizard.stopped_early
    assert len(wizard.answers) == wizard.total
    result = wizard.assessment()
    assert result.level is Level.HIGH
    assert result.signal_ids[:2] == ("open_online_banking", "screen_share_or_app")


def test_continue_answering_without_a_stop_changes_nothing(content: Content) -> None:
    wizard = Wizard(content)
    assert not wizard.continue_answering()
    wizard.choose_caller("prize")
    assert wizard.continue_answering()
    assert wizard.index == 0


def test_decisive_yes_on_the_last_question_is_not_an_early_stop(content: Content) -> None:
    # A flow whose last common question is a decisive one.
    flow = replace(content.wizard, common=("isolation", "asks_code_or_password"))
    wizard = Wizard(replace(content, wizard=flow))
    wizard.choose_caller("relative")
    assert wizard.questions[-1].severity is Severity.DECISIVE
    while wizard.index < wizard.total - 1:
        wizard.answer(N)
    wizard.answer(Y)
    assert wizard.finished and not wizard.stopped_early


def test_number_signals_count_as_number(content: Content) -> None:
    wizard = Wizard(content, caller_number="+85212345678", number_signals=["overseas_number"])
    assert wizard.caller_number == "+85212345678"
    assert wizard.number_signals == ("overseas_number",)
    wizard.choose_caller("unknown")
    answer_all(wizard, N)
    result = wizard.assessment()
    assert result.level is Level.MEDIUM
    assert [(f.signal.id, f.source) for f in result.findings] == [("overseas_number", "number")]


def test_the_typed_number_answers_the_question_about_it(content: Content) -> None:
    without = Wizard(content)
    without.choose_caller("police")
    assert "caller_id_110" in [signal.id for signal in without.questions]
    wizard = Wizard(content, caller_number="96110", warning_line=True)
    wizard.choose_caller("police")
    ids = [signal.id for signal in wizard.questions]
    assert "caller_id_110" not in ids
    assert ids == [sid for sid in (s.id for s in without.questions) if sid != "caller_id_110"]


def test_the_anti_fraud_line_asking_for_nothing_is_calm(content: Content) -> None:
    wizard = Wizard(content, caller_number="96110", warning_line=True)
    assert wizard.warning_line
    wizard.choose_caller("police")
    answer_all(wizard, N)
    calm = wizard.assessment()
    assert (calm.level, calm.verdict, calm.findings) == (Level.LOW, "warning_line", ())
    asked = Wizard(content, caller_number="96110", warning_line=True)
    asked.choose_caller("police")
    asked.answer(Y)  # the first question is decisive
    result = asked.assessment()
    assert result.level is Level.HIGH
    assert "fake_warning_line" in result.signal_ids
    assert "official_claim" not in result.signal_ids


def test_unknown_ids_are_named(content: Content) -> None:
    with pytest.raises(UnknownIdError, match="bogus_signal"):
        Wizard(content, number_signals=["bogus_signal"])
    wizard = Wizard(content)
    with pytest.raises(UnknownIdError, match="martian"):
        wizard.choose_caller("martian")
    assert wizard.caller is None


ACTIONS = st.sampled_from(["yes", "no", "unsure", "back", "continue"])


@settings(max_examples=200, deadline=None)
@given(caller=st.sampled_from(CALLERS), actions=st.lists(ACTIONS, max_size=30))
def test_any_sequence_of_actions_keeps_the_state_sound(caller: str, actions: list[str]) -> None:
    wizard = Wizard(CONTENT)
    wizard.choose_caller(caller)
    for action in actions:
        if action == "back":
            wizard.back()
            if wizard.caller is None:
                wizard.choose_caller(caller)
        elif action == "continue":
            wizard.continue_answering()
        elif wizard.current is not None:
            wizard.answer(Answer(action))
        number, total = wizard.progress()
        assert total == wizard.total <= 7
        assert 1 <= number <= total
        assert 0 <= wizard.index <= total
        assert (wizard.current is None) == wizard.finished
        asked = [signal.id for signal in wizard.questions[: wizard.index]]
        assert list(wizard.answers) == asked
        if wizard.stopped_early:
            stopper = wizard.questions[wizard.index - 1]
            assert stopper.severity is Severity.DECISIVE and wizard.answers[stopper.id] is Y
        if any(
            wizard.answers[sid] is Y and CONTENT.signal(sid).severity is Severity.DECISIVE
            for sid in wizard.answers
        ):
            assert wizard.assessment().level is Level.HIGH


def test_a_signal_noticed_on_the_computer_counts_in_the_verdict(content) -> None:
    wizard = Wizard(content)
    wizard.choose_caller("customer_service")
    while not wizard.finished:
        wizard.answer(Answer.NO)
    assert wizard.assessment().level.value == "low"
    wizard.notice("remote_app_running", "apps")
    assessment = wizard.assessment()
    assert assessment.level.value == "medium"
    assert [(f.signal.id, f.source) for f in assessment.findings] == [
        ("remote_app_running", "apps")
    ]
    assert wizard.noticed == {"remote_app_running": "apps"}
