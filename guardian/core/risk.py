"""The risk engine: from answers and other findings to a verdict.

The rules, in order:

* any decisive signal -> high;
* two strong signals -> high;
* one strong signal, or two moderate ones -> medium;
* otherwise -> low, which never means "safe": with a danger signal it says "a little
  suspicious"; only with none at all does it say that no common scam was seen.

A "yes" counts at the signal's own severity. "Not sure" on a decisive or strong question counts
as moderate; on a moderate question it counts for nothing. A caller type's implied signals and
signals found by number, text or running-program checks count at their own severity.

When the caller's number is the real anti-fraud line (96110) or the official warning number
(12381), the caller being official is no danger signal. Such a line warns people and never asks
for anything, so any ask for money, codes, apps or secrecy (:data:`ASKS`, or any decisive
signal) means someone is using its number: :data:`FAKE_WARNING_LINE`, decisive (strong when the
person was only unsure about the ask). With no ask and nothing else found, the verdict is the
calm "the anti-fraud line is warning you", which says to do as they say about not paying.
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

About = Literal["call", "message"]
"""What is being weighed: a phone call, or a text message (each has its own advice)."""

ASKS = frozenset(
    {
        "money_to_their_account",
        "loan_or_credit",
        "pay_first_to_receive",
        "investment_high_return",
        "relative_in_trouble",
        "phishing_link",
        "remote_app_running",
        "isolation",
    }
)
"""Signals that ask for money, codes, apps or secrecy, besides every decisive signal."""

FAKE_WARNING_LINE = "fake_warning_line"
"""The signal of an ask made from the anti-fraud line's number."""

OFFICIAL_CLAIM = "official_claim"
"""The signal that the caller said they were official (true of the anti-fraud line)."""


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
        advice: what to do, for this verdict and for a call or a text message.
        rules: the rules line (不听、不信、不汇款、不转账).
        verdict: which words were chosen: "high", "medium", "low" (a danger signal was
            found), "nothing_found" or "warning_line" (see ``content.VERDICT_IDS``).
    """

    level: Level
    findings: tuple[Finding, ...]
    headline: Text
    advice: tuple[Text, ...]
    rules: Text
    verdict: str = "nothing_found"

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


def is_ask(signal: Signal) -> bool:
    """Whether ``signal`` asks for money, codes, apps or secrecy."""
    return signal.severity is Severity.DECISIVE or signal.id in ASKS


def assess(
    content: Content,
    answers: Mapping[str, Answer],
    *,
    caller: str | None = None,
    extra: Iterable[tuple[str, str]] = (),
    warning_line: bool = False,
    about: About = "call",
) -> Assessment:
    """Weigh everything that is known about a call or a message and give the verdict.

    Args:
        content: the signal catalog and advice.
        answers: the person's answers, by signal id.
        caller: the caller type the person chose; its implied signals count.
        extra: (signal id, source) pairs found by number, text or running-program checks;
            each counts at the signal's own severity.
        warning_line: the number is the real anti-fraud line or the official warning number
            (``NumberResult.warning_line``); see the module's description.
        about: "call" or "message": which advice the verdict gives.

    Returns:
        The verdict, with each signal found once (at the greatest weight it reached).

    Raises:
        UnknownIdError: a signal or caller id is not in the catalog (the error names it).
        ValueError: an answer, a source or ``about`` is not one Guardian knows.
    """
    if about not in ("call", "message"):
        raise ValueError(f"unknown subject {about!r}: a verdict is about a call or a message")
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

    if warning_line:
        found.pop(OFFICIAL_CLAIM, None)
        asks = [finding for finding in found.values() if is_ask(finding.signal)]
        if asks:
            certain = any(finding.weight == finding.signal.severity for finding in asks)
            add(
                content.signal(FAKE_WARNING_LINE),
                Severity.DECISIVE if certain else Severity.STRONG,
                "number",
            )

    order = {signal_id: index for index, signal_id in enumerate(content.signals)}
    findings = tuple(sorted(found.values(), key=lambda f: (-f.weight, order[f.signal.id])))
    level = level_for(f.weight for f in findings)
    verdict: str = level.value
    if level is Level.LOW and not findings:
        verdict = "warning_line" if warning_line else "nothing_found"
    words = content.advice.for_verdict(verdict)
    return Assessment(
        level=level,
        findings=findings,
        headline=words.headline,
        advice=words.items(about),
        rules=content.advice.rules,
        verdict=verdict,
    )
