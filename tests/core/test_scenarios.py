"""The demo scenarios: every file walked, the loader's refusals, and the scoring."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import pytest

from guardian.core.content import LINE_LIMIT, Content, ContentError, Limit
from guardian.core.i18n import LANGS, Text
from guardian.core.risk import Answer
from guardian.core.scenarios import (
    DIFFICULTY_MAX,
    DIFFICULTY_MIN,
    SCENARIO_TITLE_LIMIT,
    TEACHING_MAX,
    TEACHING_MIN,
    Scenario,
    ScenarioLine,
    catchable_signals,
    parse_scenarios,
    score,
)
from guardian.core.wizard import Wizard
from guardian.scenarios_loader import load_scenarios, scenario_files

Raw = dict[str, dict[str, Any]]

# The fraud stories the demo must tell, by scenario id.
REQUIRED_SCENARIOS = {
    "phone_bill_police",  # phone-bill arrears, then fake police and a safe account
    "parcel_drugs",  # a parcel with drugs
    "social_security_card",  # a misused social-security card
    "tv_show_prize",  # a prize or TV-show fee
    "tax_refund",  # a tax or subsidy refund
    "guess_who",  # "guess who I am" with a new number
    "grandchild_trouble",  # a grandchild in trouble
    "refund_screen_share",  # customer-service refund with screen sharing
    "elder_care_investment",  # an elder-care investment
}

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def _raw_scenarios() -> Raw:
    return scenario_files()


@pytest.fixture
def raw_scenarios(_raw_scenarios: Raw) -> Raw:
    """A fresh deep copy of the parsed scenario files, free to break."""
    return copy.deepcopy(_raw_scenarios)


@pytest.fixture(scope="module")
def scenarios() -> tuple[Scenario, ...]:
    return load_scenarios()


def within(text: Text, limit: Limit) -> bool:
    return all(len(text.get(lang)) <= getattr(limit, lang) for lang in LANGS)


def scenario_texts(scenario: Scenario) -> list[tuple[str, Text]]:
    texts = [(f"{scenario.id} title", scenario.title)]
    texts += [(f"{scenario.id} line {n}", line.text) for n, line in enumerate(scenario.lines, 1)]
    texts += [(f"{scenario.id} teaching {n}", t) for n, t in enumerate(scenario.teaching, 1)]
    return texts


# --- the real scenarios -------------------------------------------------------------------------


def test_every_required_story_is_there(scenarios: tuple[Scenario, ...]) -> None:
    assert len(scenarios) >= 8
    assert {s.id for s in scenarios} >= REQUIRED_SCENARIOS


def test_the_default_load_is_the_same_as_a_load_against_the_real_catalog(
    content: Content, scenarios: tuple[Scenario, ...]
) -> None:
    assert load_scenarios(content) == scenarios


def test_every_scenario_is_complete_and_fits(
    content: Content, scenarios: tuple[Scenario, ...]
) -> None:
    callers = {caller.id for caller in content.wizard.callers}
    for scenario in scenarios:
        assert scenario.caller in callers, scenario.id
        assert DIFFICULTY_MIN <= scenario.difficulty <= DIFFICULTY_MAX, scenario.id
        assert TEACHING_MIN <= len(scenario.teaching) <= TEACHING_MAX, scenario.id
        assert scenario.signal_ids, scenario.id
        assert within(scenario.title, SCENARIO_TITLE_LIMIT), scenario.id
        for line in scenario.lines:
            assert within(line.text, LINE_LIMIT), scenario.id
            assert line.signal is None or line.signal in content.signals, scenario.id
        for point in scenario.teaching:
            assert within(point, LINE_LIMIT), scenario.id


def test_every_text_has_both_languages(scenarios: tuple[Scenario, ...]) -> None:
    for scenario in scenarios:
        for where, text in scenario_texts(scenario):
            assert CJK.search(text.zh), f"{where}: the Chinese text has no Chinese characters"
            assert not CJK.search(text.en), f"{where}: the English text has Chinese characters"


def test_every_difficulty_is_offered(scenarios: tuple[Scenario, ...]) -> None:
    assert {s.difficulty for s in scenarios} == set(range(DIFFICULTY_MIN, DIFFICULTY_MAX + 1))


@pytest.mark.parametrize("scenario_id", sorted(REQUIRED_SCENARIOS))
def test_a_room_that_spots_every_signal_catches_them_all(
    content: Content, scenarios: tuple[Scenario, ...], scenario_id: str
) -> None:
    """Answering "yes" to exactly the scenario's signals finds each of them."""
    scenario = next(s for s in scenarios if s.id == scenario_id)
    wizard = Wizard(content)
    wizard.choose_caller(scenario.caller)
    while True:
        current = wizard.current
        if current is None:
            if not wizard.continue_answering():
                break
            continue
        wizard.answer(Answer.YES if current.id in scenario.signal_ids else Answer.NO)
    result = score(scenario, wizard.assessment().signal_ids)
    assert result.missed == ()
    assert result.count == result.total == len(scenario.signal_ids)


# --- scoring ------------------------------------------------------------------------------------


def _scenario(*signals: str | None) -> Scenario:
    return Scenario(
        id="sample",
        title=Text("样例", "Sample"),
        caller="operator",
        difficulty=1,
        lines=tuple(ScenarioLine(Text("话", "Words"), signal) for signal in signals),
        teaching=(Text("一", "One"), Text("二", "Two")),
    )


def test_signal_ids_are_distinct_and_in_line_order() -> None:
    scenario = _scenario("urgency", None, "isolation", "urgency", "safe_account")
    assert scenario.signal_ids == ("urgency", "isolation", "safe_account")


def test_score_counts_the_scenario_signals_found_and_ignores_others() -> None:
    scenario = _scenario("urgency", None, "isolation", "safe_account")
    result = score(scenario, ["safe_account", "official_claim", "urgency"])
    assert result.caught == ("urgency", "safe_account")
    assert result.missed == ("isolation",)
    assert (result.count, result.total) == (2, 3)
    assert result.was_caught("urgency") and not result.was_caught("isolation")


def test_score_with_nothing_found() -> None:
    result = score(_scenario("urgency"), [])
    assert (result.count, result.total) == (0, 1)


def test_catchable_signals_are_the_implied_and_the_asked(content: Content) -> None:
    police = catchable_signals(content, "police")
    assert "official_claim" in police  # implied by the caller type
    assert "official_wants_money" in police  # asked
    assert "isolation" in police  # asked on every path
    assert "parcel_contraband" not in police


# --- refusals -----------------------------------------------------------------------------------

FILE = "scenarios/phone_bill_police.toml"
ENTRY = f"{FILE}, scenario 'phone_bill_police'"


def _set(path: str, value: Any) -> Callable[[Raw], None]:
    """Set a value inside the phone-bill scenario; ``path`` is dotted, list items by number."""

    def change(raw: Raw) -> None:
        node: Any = raw["phone_bill_police"]
        *parents, last = path.split(".")
        for part in parents:
            node = node[int(part) - 1] if part.isdigit() else node[part]
        if last.isdigit():
            node[int(last) - 1] = value
        else:
            node[last] = value

    return change


def _delete(path: str) -> Callable[[Raw], None]:
    def change(raw: Raw) -> None:
        node: Any = raw["phone_bill_police"]
        *parents, last = path.split(".")
        for part in parents:
            node = node[int(part) - 1] if part.isdigit() else node[part]
        del node[last]

    return change


def _duplicate(raw: Raw) -> None:
    raw["zz_copy"] = copy.deepcopy(raw["phone_bill_police"])


BAD_INPUTS: list[tuple[str, Callable[[Raw], None], str]] = [
    ("unknown key", _set("colour", "red"), f"{ENTRY}: unknown key 'colour'"),
    (
        "unknown key in a line",
        _set("line.2.speaker", "officer"),
        f"{ENTRY}, line 2: unknown key 'speaker'",
    ),
    ("duplicate id", _duplicate, "scenarios/zz_copy.toml, scenario 'phone_bill_police': duplicate"),
    (
        "unknown signal",
        _set("line.1.signal", "no_such_signal"),
        f"{ENTRY}, line 1: signal 'no_such_signal' is not a signal",
    ),
    (
        "signal the room could never catch",
        _set("line.1.signal", "parcel_contraband"),
        f"{ENTRY}, line 1: signal 'parcel_contraband' is never asked or implied",
    ),
    ("unknown caller", _set("caller", "bank_robot"), f"{ENTRY}: caller 'bank_robot' is not"),
    ("title without English", _delete("title.en"), f"{ENTRY}: title.en is missing"),
    ("line without Chinese", _delete("line.3.text.zh"), f"{ENTRY}, line 3: text.zh is missing"),
    (
        "teaching point without English",
        _set("teaching.1", {"zh": "挂断电话。"}),
        f"{ENTRY}: teaching[1].en is missing",
    ),
    ("line too long", _set("line.4.text.zh", "长" * 41), f"{ENTRY}, line 4: text.zh is 41"),
    ("title too long", _set("title.zh", "很长的标题很长的标题"), f"{ENTRY}: title.zh is 10"),
    ("difficulty too high", _set("difficulty", 4), f"{ENTRY}: difficulty must be 1 to 3"),
    ("difficulty not a number", _set("difficulty", "hard"), f"{ENTRY}: difficulty must be"),
    (
        "one teaching point",
        _set("teaching", [{"zh": "一", "en": "One"}]),
        f"{ENTRY}: teaching has 1",
    ),
    ("no lines", _set("line", []), f"{ENTRY}: line must be a non-empty array"),
    (
        "no signal at all",
        lambda raw: [line.pop("signal", None) for line in raw["phone_bill_police"]["line"]],
        f"{ENTRY}: no line shows a signal",
    ),
    ("missing caller", _delete("caller"), f"{ENTRY}: caller is missing"),
    (
        "bad id",
        _set("id", "Phone Bill"),
        "scenarios/phone_bill_police.toml, scenario 'Phone Bill': id",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"),
    [pytest.param(change, message, id=name) for name, change, message in BAD_INPUTS],
)
def test_a_bad_scenario_is_refused_naming_the_file_and_entry(
    content: Content, raw_scenarios: Raw, change: Callable[[Raw], None], message: str
) -> None:
    change(raw_scenarios)
    with pytest.raises(ContentError) as error:
        parse_scenarios(raw_scenarios, content)
    assert str(error.value).startswith(message), str(error.value)


def test_no_scenario_files_is_refused(content: Content) -> None:
    with pytest.raises(ContentError, match="no scenario files"):
        parse_scenarios({}, content)


def test_a_scenario_that_is_not_a_table_is_refused(content: Content) -> None:
    with pytest.raises(ContentError, match=r"scenarios/odd\.toml: expected a table"):
        parse_scenarios({"odd": ["not", "a", "table"]}, content)  # type: ignore[dict-item]
