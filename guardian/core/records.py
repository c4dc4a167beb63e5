"""The record of one check (a call, a message or a number), as kept in the history.

A :class:`CheckRecord` is plain data. :meth:`CheckRecord.to_row` turns it into a flat mapping of
strings, integers and ``None`` (JSON text for lists and mappings, ISO 8601 text for times), and
:meth:`CheckRecord.from_row` reads such a row back, so storage never needs to know what a check
contains.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from guardian.core.i18n import LANGS

KINDS: tuple[str, ...] = ("call", "text", "number")
"""What was checked: a telephone call, a message, or a number on its own."""

STATUSES: tuple[str, ...] = ("in_progress", "finished")
"""``in_progress`` until the verdict is shown; then ``finished``."""

LEVELS: tuple[str, ...] = ("high", "medium", "low")
"""The verdict, strongest first."""

ANSWERS: tuple[str, ...] = ("yes", "no", "unsure")
"""The answers a person can give to one question."""

ROW_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "status",
    "started_at",
    "updated_at",
    "caller_number",
    "caller_type",
    "answers_json",
    "level",
    "signals_json",
    "stopped_early",
    "text",
    "actions_json",
    "lang",
)
"""The keys of the mapping :meth:`CheckRecord.to_row` returns, in storage order."""


@dataclass(kw_only=True)
class CheckRecord:
    """One check, from the first question to what the person did after the verdict.

    Times are timezone-aware; they are converted to UTC when the record is made.

    Attributes:
        id: the history number, ``None`` until the record is first saved.
        kind: ``"call"``, ``"text"`` or ``"number"``.
        status: ``"in_progress"`` or ``"finished"``.
        started_at: when the check began (timezone-aware).
        updated_at: when the record last changed (timezone-aware).
        caller_number: the number as the person typed it, if any.
        caller_type: the id of who the caller claimed to be, if asked.
        answers: signal id -> ``"yes"``, ``"no"`` or ``"unsure"``, in the order asked.
        level: the verdict, ``"high"``, ``"medium"`` or ``"low"``; ``None`` before it is known.
        signals: ids of the red signals found.
        stopped_early: a decisive answer ended the questions before the last one.
        text: the message that was checked (for ``kind == "text"``).
        actions: what was done after the verdict, each a mapping of strings such as
            ``{"action": "called", "who": "女儿", "at": "2024-05-01T08:00:00+00:00"}``.
        lang: the language the check was made in (``"zh"`` or ``"en"``).

    Raises:
        ValueError: a field holds a value outside its allowed set or of the wrong shape; the
            message names the field.
    """

    id: int | None = None
    kind: str
    status: str = "in_progress"
    started_at: datetime
    updated_at: datetime
    caller_number: str | None = None
    caller_type: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    level: str | None = None
    signals: list[str] = field(default_factory=list)
    stopped_early: bool = False
    text: str | None = None
    actions: list[dict[str, str]] = field(default_factory=list)
    lang: str

    def __post_init__(self) -> None:
        self.validate()
        self.started_at = self.started_at.astimezone(timezone.utc)
        self.updated_at = self.updated_at.astimezone(timezone.utc)

    def validate(self) -> None:
        """Check every field; called on creation and again before the record is stored.

        Raises:
            ValueError: a field holds a value outside its allowed set or of the wrong shape;
                the message names the field.
        """
        if self.id is not None and (type(self.id) is not int or self.id <= 0):
            raise ValueError(f"id: expected a positive integer or None, got {self.id!r}")
        _check_choice("kind", self.kind, KINDS)
        _check_choice("status", self.status, STATUSES)
        if self.level is not None:
            _check_choice("level", self.level, LEVELS)
        _check_choice("lang", self.lang, LANGS)
        _check_time("started_at", self.started_at)
        _check_time("updated_at", self.updated_at)
        _check_optional_str("caller_number", self.caller_number)
        _check_optional_str("caller_type", self.caller_type)
        _check_optional_str("text", self.text)
        if not isinstance(self.stopped_early, bool):
            raise ValueError(f"stopped_early: expected True or False, got {self.stopped_early!r}")
        if not isinstance(self.answers, dict):
            raise ValueError(f"answers: expected a mapping, got {type(self.answers).__name__}")
        for signal_id, answer in self.answers.items():
            if not isinstance(signal_id, str):
                raise ValueError(f"answers: signal id {signal_id!r} is not text")
            _check_choice(f"answers[{signal_id!r}]", answer, ANSWERS)
        if not isinstance(self.signals, list) or not all(
            isinstance(signal_id, str) for signal_id in self.signals
        ):
            raise ValueError(f"signals: expected a list of signal ids, got {self.signals!r}")
        if not isinstance(self.actions, list):
            raise ValueError(f"actions: expected a list, got {type(self.actions).__name__}")
        for index, action in enumerate(self.actions):
            if not isinstance(action, dict) or not all(
                isinstance(key, str) and isinstance(value, str) for key, value in action.items()
            ):
                raise ValueError(
                    f"actions[{index}]: expected a mapping of text to text, got {action!r}"
                )

    def to_row(self) -> dict[str, Any]:
        """Return the record as a flat row for storage.

        Lists and mappings become JSON text, times become ISO 8601 text in UTC with
        microseconds (so they sort as text in time order), ``stopped_early`` becomes 0 or 1.

        Raises:
            ValueError: the record no longer passes :meth:`validate` (a field was changed to a
                value outside its allowed set); the message names the field.
        """
        self.validate()
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "started_at": _time_to_text(self.started_at),
            "updated_at": _time_to_text(self.updated_at),
            "caller_number": self.caller_number,
            "caller_type": self.caller_type,
            "answers_json": _to_json(self.answers),
            "level": self.level,
            "signals_json": _to_json(self.signals),
            "stopped_early": int(self.stopped_early),
            "text": self.text,
            "actions_json": _to_json(self.actions),
            "lang": self.lang,
        }

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> CheckRecord:
        """Build a record from a row made by :meth:`to_row`.

        Args:
            row: a mapping with every key in :data:`ROW_COLUMNS`; other keys are ignored.

        Raises:
            ValueError: a column is missing, holds JSON or a time that cannot be read, or a value
                outside its allowed set; the message names the column or field.
        """
        missing = [column for column in ROW_COLUMNS if column not in row]
        if missing:
            raise ValueError(f"{missing[0]}: missing from the row")
        stopped_early = row["stopped_early"]
        if stopped_early not in (0, 1) or isinstance(stopped_early, float):
            raise ValueError(f"stopped_early: expected 0 or 1, got {stopped_early!r}")
        return cls(
            id=row["id"],
            kind=row["kind"],
            status=row["status"],
            started_at=_time_from_text("started_at", row["started_at"]),
            updated_at=_time_from_text("updated_at", row["updated_at"]),
            caller_number=row["caller_number"],
            caller_type=row["caller_type"],
            answers=_from_json("answers_json", row["answers_json"]),
            level=row["level"],
            signals=_from_json("signals_json", row["signals_json"]),
            stopped_early=bool(stopped_early),
            text=row["text"],
            actions=_from_json("actions_json", row["actions_json"]),
            lang=row["lang"],
        )


def _check_choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")


def _check_optional_str(name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{name}: expected text or None, got {type(value).__name__}")


def _check_time(name: str, value: object) -> None:
    if not isinstance(value, datetime):
        raise ValueError(f"{name}: expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name}: the time has no timezone (use UTC)")


def _time_to_text(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _time_from_text(name: str, value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected ISO 8601 text, got {type(value).__name__}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"{name}: not an ISO 8601 time: {value!r}") from error
    if parsed.tzinfo is None:
        raise ValueError(f"{name}: the time has no timezone: {value!r}")
    return parsed


def _to_json(value: object) -> str:
    # ensure_ascii=False keeps Chinese readable in the database; allow_nan=False keeps the
    # text valid JSON.
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _from_json(name: str, value: object) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected JSON text, got {type(value).__name__}")
    try:
        return json.loads(value)
    except ValueError as error:
        raise ValueError(f"{name}: not valid JSON") from error
