"""Demo scenarios: fraud calls written as the caller's lines, for community demonstrations.

Each scenario lives in its own TOML file under ``assets/content/scenarios``. A scenario names
the caller type the room will pick in the wizard, the caller's lines in order (each with the red
signal it shows, if any) and two to four teaching points. :func:`parse_scenarios` checks them as
strictly as the rest of the content: unknown keys, duplicate ids, unknown signal or caller ids,
a missing language and over-long text are refused with a :class:`ContentError` naming the file
and the entry. A line's signal must also be one the wizard can find for that caller type, so
the room can always catch every signal a scenario shows.

Reading the files is not done here (the core does no I/O).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from guardian.core.content import LINE_LIMIT, Content
from guardian.core.i18n import Text

# The entry reader every content file is read with, so scenarios are checked by the same rules
# and report problems in the same words.
from guardian.core.toml_checks import ContentError, Entry, Limit

#: The folder under ``assets/content`` that holds one TOML file per scenario.
SCENARIO_FOLDER = "scenarios"

#: A scenario title sits on a card, nine to a projected screen: one short line in Chinese.
SCENARIO_TITLE_LIMIT = Limit(zh=8, en=30)
DIFFICULTY_MIN = 1
DIFFICULTY_MAX = 3
LINES_MIN = 2
LINES_MAX = 8
TEACHING_MIN = 2
TEACHING_MAX = 4


@dataclass(frozen=True)
class ScenarioLine:
    """One thing the caller says.

    Attributes:
        text: the words, as shown in the subtitle and read aloud.
        signal: the id of the red signal this line shows, or None.
    """

    text: Text
    signal: str | None = None


@dataclass(frozen=True)
class Scenario:
    """A fraud call to play to a room.

    Attributes:
        id: stable id ("phone_bill_police").
        title: the name on the scenario card.
        caller: the wizard caller type the caller claims to be ("operator").
        difficulty: 1 (easy to spot) to 3 (hard to spot).
        lines: the caller's lines, in the order they are played.
        teaching: two to four points read out after the reveal.
    """

    id: str
    title: Text
    caller: str
    difficulty: int
    lines: tuple[ScenarioLine, ...]
    teaching: tuple[Text, ...]

    @property
    def signal_ids(self) -> tuple[str, ...]:
        """The distinct signals the lines show, in the order they first appear."""
        return tuple(dict.fromkeys(line.signal for line in self.lines if line.signal))


@dataclass(frozen=True)
class Score:
    """How many of a scenario's signals the room caught.

    Attributes:
        caught: the scenario's signals the room's answers found, in scenario order.
        missed: the scenario's signals the room did not find, in scenario order.
    """

    caught: tuple[str, ...]
    missed: tuple[str, ...]

    @property
    def total(self) -> int:
        """How many signals the scenario shows."""
        return len(self.caught) + len(self.missed)

    @property
    def count(self) -> int:
        """How many of them the room caught."""
        return len(self.caught)

    def was_caught(self, signal_id: str) -> bool:
        """Whether the room caught ``signal_id``."""
        return signal_id in self.caught


def score(scenario: Scenario, found: Iterable[str]) -> Score:
    """Compare the signals the room's verdict found with those the scenario shows.

    Args:
        scenario: the scenario that was played.
        found: the signal ids the room's verdict found (other signals are ignored).
    """
    found_ids = set(found)
    caught = tuple(sid for sid in scenario.signal_ids if sid in found_ids)
    missed = tuple(sid for sid in scenario.signal_ids if sid not in found_ids)
    return Score(caught=caught, missed=missed)


def catchable_signals(content: Content, caller_id: str) -> frozenset[str]:
    """Return the signals the wizard can find for ``caller_id``: implied or asked.

    Raises:
        UnknownIdError: no caller type has that id.
    """
    caller = content.caller(caller_id)
    return frozenset((*caller.implies, *content.wizard.questions_for(caller_id)))


def parse_scenario(stem: str, table: Mapping[str, Any], content: Content) -> Scenario:
    """Check one parsed scenario file and build the scenario.

    Args:
        stem: the file name without ``.toml`` (used to name the file in errors).
        table: the parsed TOML file.
        content: the catalog whose signal and caller ids the scenario may name.

    Raises:
        ContentError: the file is malformed; the message names the file and the entry.
    """
    where = f"{SCENARIO_FOLDER}/{stem}.toml"
    if isinstance(table, Mapping) and isinstance(table.get("id"), str):
        where = f"{where}, scenario {table['id']!r}"
    entry = Entry(
        where, table, required=["id", "title", "caller", "difficulty", "teaching", "line"]
    )
    scenario_id = entry.ident("id")
    caller_id = entry.ident("caller")
    known_callers = [caller.id for caller in content.wizard.callers]
    if caller_id not in known_callers:
        entry.fail(
            f"caller {caller_id!r} is not a caller type in wizard.toml "
            f"(one of {', '.join(known_callers)})"
        )
    difficulty = entry.integer("difficulty")
    if not DIFFICULTY_MIN <= difficulty <= DIFFICULTY_MAX:
        entry.fail(f"difficulty must be {DIFFICULTY_MIN} to {DIFFICULTY_MAX}, found {difficulty}")
    teaching = entry.texts("teaching", LINE_LIMIT)
    if not TEACHING_MIN <= len(teaching) <= TEACHING_MAX:
        entry.fail(f"teaching has {len(teaching)} points; give {TEACHING_MIN} to {TEACHING_MAX}")
    catchable = catchable_signals(content, caller_id)
    raw_lines = entry.table_list("line")
    if not LINES_MIN <= len(raw_lines) <= LINES_MAX:
        entry.fail(f"line has {len(raw_lines)} entries; give {LINES_MIN} to {LINES_MAX}")
    lines: list[ScenarioLine] = []
    for number, raw_line in enumerate(raw_lines, start=1):
        line = Entry(f"{where}, line {number}", raw_line, required=["text"], optional=["signal"])
        signal_id = line.ident("signal") if line.has("signal") else None
        if signal_id is not None:
            if signal_id not in content.signals:
                line.fail(f"signal {signal_id!r} is not a signal in signals.toml")
            if signal_id not in catchable:
                line.fail(
                    f"signal {signal_id!r} is never asked or implied when the caller is "
                    f"{caller_id!r}, so the room could not catch it"
                )
        lines.append(ScenarioLine(text=line.text("text", LINE_LIMIT), signal=signal_id))
    scenario = Scenario(
        id=scenario_id,
        title=entry.text("title", SCENARIO_TITLE_LIMIT),
        caller=caller_id,
        difficulty=difficulty,
        lines=tuple(lines),
        teaching=teaching,
    )
    if not scenario.signal_ids:
        entry.fail("no line shows a signal; the room would have nothing to find")
    return scenario


def parse_scenarios(raw: Mapping[str, Mapping[str, Any]], content: Content) -> tuple[Scenario, ...]:
    """Check every parsed scenario file and return the scenarios in file-name order.

    Args:
        raw: each parsed scenario file, keyed by file stem.
        content: the catalog whose signal and caller ids the scenarios may name.

    Raises:
        ContentError: a file is malformed, or two files share an id; the message names them.
    """
    scenarios: list[Scenario] = []
    seen: dict[str, str] = {}
    for stem in sorted(raw):
        scenario = parse_scenario(stem, raw[stem], content)
        if scenario.id in seen:
            raise ContentError(
                f"{SCENARIO_FOLDER}/{stem}.toml, scenario {scenario.id!r}: duplicate id "
                f"(also {SCENARIO_FOLDER}/{seen[scenario.id]}.toml)"
            )
        seen[scenario.id] = stem
        scenarios.append(scenario)
    if not scenarios:
        raise ContentError(f"{SCENARIO_FOLDER}/: there are no scenario files")
    return tuple(scenarios)
