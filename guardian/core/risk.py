"""The risk engine: from answers and other findings to a verdict.

The rules, in order:

* any decisive signal -> high;
* two strong signals -> high;
* one strong signal, or two moderate ones -> medium;
* otherwise -> low (which never means "safe": it means no typical signs were found).

A "yes" counts at the signal's own severity. "Not sure" on a decisive or strong question counts
as moderate; on a moderate question it counts for nothing. A caller type's implied signals and
signals found by number, text or running-program checks count at their own severity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from guardian.core.content import Content, Severity, Signal
from guardian.core.i18n import Text

Source = Literal["answer", "caller", "number", "text", "apps"]
SOURCES: tuple[Source, ...] = ("answer", "caller", "number", "text", "apps")


class Level(str, Enum):
    """How likely it is that the call or message is fraud."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Answer(str, Enum):
    """The person's answer to one wizard question."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Finding:
    """One signal that counted towards the verdict.

    Attributes:
        signal: the signal found.
        weight: how much it counted (lower than the signal's severity for a "not sure").
        source: where it came from: "answer", "caller", "number", "text" or "apps".
    """

    signal: Signal
    weight: Severity
    source: str


@dataclass(frozen=True)
class Assessment:
    """The verdict.

    Attributes:
        level: how likely it is fraud.
        findings: the signals that counted, strongest first, each signal once.
        headline: the verdict in a few words (极可能是诈骗...).
        advice: what to do, for this level.
        rules: the rules line (不听、不信、不汇款、不转账).
    """

    level: Level
    findings: tuple[Finding, ...]
    headline: Text
    advice: tuple[Text, ...]
    rules: Text

    @property
    def signal_ids(self) -> tuple[str, ...]:
        """The ids of the signals found, in the order of ``findings``."""
        return tuple(finding.signal.id for finding in self.findings)


def answer_weight(severity: Severity, answer: Answer) -> Severity | None:
    """Return how much ``answer`` to a question of ``severity`` counts, or None for nothing."""
    if answer is Answer.YES:
        return severity
    if answer is Answer.UNSURE and severity >= Severity.STRONG:
        return Severity.MODERATE
    return None


def level_for(weights: Iterable[Severity]) -> Level:
    """Return the level for findings of these weights (one weight per distinct signal)."""
    counts = dict.fromkeys(Severity, 0)
    for weight in weights:
        counts[Severity(weight)] += 1
    if counts[Severity.DECISIVE] >= 1 or counts[Severity.STRONG] >= 2:
        return Level.HIGH
    if counts[Severity.STRONG] == 1 or counts[Severity.MODERATE] >= 2:
        return Level.MEDIUM
    return Level.LOW


def assess(
    content: Content,
    answers: Mapping[str, Answer],
    *,
    caller: str | None = None,
    extra: Iterable[tuple[str, str]] = (),
) -> Assessment:
    """Weigh everything that is known about a call and give the verdict.

    Args:
        content: the signal catalog and advice.
        answers: the person's answers, by signal id.
        caller: the caller type the person chose; its implied signals count.
        extra: (signal id, source) pairs found by number, text or running-program checks;
            each counts at the signal's own severity.

    Returns:
        The verdict, with each signal found once (at the greatest weight it reached).

    Raises:
        UnknownIdError: a signal or caller id is not in the catalog (the error names it).
        ValueError: an answer or a source is not one Guardian knows.
    """
    found: dict[str, Finding] = {}

    def add(signal: Signal, weight: Severity | None, source: str) -> None:
        if weight is None:
            return
        known = found.get(signal.id)
        if known is None or weight > known.weight:
            found[signal.id] = Finding(signal=signal, weight=weight, source=source)

    for signal_id, answer in answers.items():
        signal = content.signal(signal_id)
        try:
            given = Answer(answer)
        except ValueError:
            raise ValueError(f"unknown answer {answer!r} for signal {signal_id!r}") from None
        add(signal, answer_weight(signal.severity, given), "answer")
    if caller is not None:
        for signal_id in content.caller(caller).implies:
            signal = content.signal(signal_id)
            add(signal, signal.severity, "caller")
    for signal_id, source in extra:
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r} for signal {signal_id!r}")
        signal = content.signal(signal_id)
        add(signal, signal.severity, source)

    order = {signal_id: index for index, signal_id in enumerate(content.signals)}
    findings = tuple(sorted(found.values(), key=lambda f: (-f.weight, order[f.signal.id])))
    level = level_for(f.weight for f in findings)
    words = content.advice.for_level(level.value)
    return Assessment(
        level=level,
        findings=findings,
        headline=words.headline,
        advice=words.items,
        rules=content.advice.rules,
    )
