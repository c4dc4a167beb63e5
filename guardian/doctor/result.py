"""The outcome of one doctor check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check.

    Attributes:
        check: the check's id (one of :data:`~guardian.doctor.sentences.CHECKS`).
        ok: whether it is fine.
        detail: one plain sentence in the person's language: what was found, what to do.
    """

    check: str
    ok: bool
    detail: str

    def to_mapping(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {"check": self.check, "ok": self.ok, "detail": self.detail}
