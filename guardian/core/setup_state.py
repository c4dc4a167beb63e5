"""The family's first set-up as plain data: its steps in order, which are done, which is next.

The set-up walks a family member through five steps: the family PIN, the first family member,
how they get alerts (with a test message that must arrive), opening Guardian when the computer
starts, and the person's own bank. Each step can be skipped and taken up again later; what is
missing afterwards is listed on the family settings until everything is set.

Whether a step is done comes from what is really set up (:class:`SetupFacts`: a PIN stored, a
contact saved...) together with what the set-up itself recorded (:class:`SetupState`: a test
message that arrived, the start-up choice made). The state is stored under :data:`SETUP_KEY`
in the settings; this module only turns it into and out of a mapping (no I/O here).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, cast, get_args

SetupStep = Literal["pin", "family", "alerts", "autostart", "bank"]

SETUP_STEPS: tuple[SetupStep, ...] = get_args(SetupStep)
"""The steps, in the order the set-up takes them."""

SETUP_KEY = "first_run_setup"
"""The settings key the set-up's state is stored under."""


@dataclass(frozen=True)
class SetupFacts:
    """What is set up right now, read from the stored settings and the computer.

    Attributes:
        pin: a family PIN is stored.
        family: at least one family member (contact) is saved.
        channel: a family member has a way to get alerts.
        autostart: Guardian opens when the computer starts.
        bank: the person's own bank is chosen.
    """

    pin: bool = False
    family: bool = False
    channel: bool = False
    autostart: bool = False
    bank: bool = False


def _steps(value: object) -> frozenset[SetupStep]:
    """The known step names in ``value`` (a list from the settings); anything else is dropped."""
    if not isinstance(value, (list, tuple, set, frozenset)):
        return frozenset()
    return frozenset(cast(SetupStep, s) for s in value if s in SETUP_STEPS)


def _ordered(steps: Iterable[SetupStep]) -> list[str]:
    chosen = set(steps)
    return [step for step in SETUP_STEPS if step in chosen]


@dataclass(frozen=True)
class SetupState:
    """What the set-up recorded: whether it began and ended, what was skipped or confirmed.

    Attributes:
        started: the whole set-up was opened once (it then no longer opens by itself at start,
            but from the family settings, until finished).
        finished: the family member went through to the end (the family settings then open
            as usual, with a list of what is still missing).
        skipped: steps put off for later; the set-up passes over them until taken up again.
        confirmed: steps the set-up saw settled: ``alerts`` once a test message arrived,
            ``autostart`` once the family member chose (on, or deliberately off).
    """

    started: bool = False
    finished: bool = False
    skipped: frozenset[SetupStep] = field(default_factory=frozenset)
    confirmed: frozenset[SetupStep] = field(default_factory=frozenset)

    # -- stored form -----------------------------------------------------------------------

    @classmethod
    def from_mapping(cls, data: object) -> SetupState:
        """The state stored as ``data``; a missing or damaged value reads as a fresh state."""
        if not isinstance(data, Mapping):
            return cls()
        return cls(
            started=data.get("started") is True,
            finished=data.get("finished") is True,
            skipped=_steps(data.get("skipped")),
            confirmed=_steps(data.get("confirmed")),
        )

    def to_mapping(self) -> dict[str, object]:
        """The state as JSON-friendly values, for the settings."""
        return {
            "started": self.started,
            "finished": self.finished,
            "skipped": _ordered(self.skipped),
            "confirmed": _ordered(self.confirmed),
        }

    # -- questions -------------------------------------------------------------------------

    def is_done(self, step: SetupStep, facts: SetupFacts) -> bool:
        """Whether ``step`` is set up.

        Alerts count once a family member has a channel and a test message to it arrived;
        start-up counts once it is on, or the family member chose to leave it off.
        """
        if step == "pin":
            return facts.pin
        if step == "family":
            return facts.family
        if step == "alerts":
            return facts.channel and "alerts" in self.confirmed
        if step == "autostart":
            return facts.autostart or "autostart" in self.confirmed
        return facts.bank

    def missing(self, facts: SetupFacts) -> tuple[SetupStep, ...]:
        """The steps not set up yet (skipped ones included), in order."""
        return tuple(step for step in SETUP_STEPS if not self.is_done(step, facts))

    def next_step(self, facts: SetupFacts) -> SetupStep | None:
        """The first step neither done nor skipped; None when the set-up has nothing left."""
        for step in SETUP_STEPS:
            if step not in self.skipped and not self.is_done(step, facts):
                return step
        return None

    def opens_at_start(self, facts: SetupFacts) -> bool:
        """Whether the set-up opens by itself when Guardian starts.

        Only on the very first start: never opened before, and no PIN yet (once there is one,
        everything the set-up changes stays behind it, in the family settings).
        """
        return not self.started and not self.finished and not facts.pin

    # -- changes ---------------------------------------------------------------------------

    def start(self) -> SetupState:
        """The state once the set-up has opened."""
        return replace(self, started=True)

    def skip(self, step: SetupStep) -> SetupState:
        """The state with ``step`` put off for later."""
        return replace(self, skipped=self.skipped | {step})

    def resume(self, step: SetupStep) -> SetupState:
        """The state with ``step`` taken up again (no longer skipped)."""
        return replace(self, skipped=self.skipped - {step})

    def confirm(self, step: SetupStep) -> SetupState:
        """The state with ``step`` seen settled (a test arrived; a start-up choice made)."""
        return replace(self, confirmed=self.confirmed | {step})

    def unconfirm(self, step: SetupStep) -> SetupState:
        """The state with ``step`` no longer seen settled (its channel was changed)."""
        return replace(self, confirmed=self.confirmed - {step})

    @property
    def pending(self) -> bool:
        """Whether the set-up was opened and not gone through to the end.

        The family settings then open the set-up again, after the PIN.
        """
        return self.started and not self.finished

    def finish(self) -> SetupState:
        """The state once the family member went through to the end."""
        return replace(self, started=True, finished=True)
