"""The report card as it is kept: read with the latest check, written as it is typed.

The card is kept in the ``settings`` table under :data:`SETTINGS_KEY`, as
:meth:`~guardian.core.report_card.ReportCard.to_mapping` gives it. Each function here returns
a job for the app's job runner (see :mod:`guardian.services.jobs`) or is one.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.core.report_card import ReportCard
from guardian.services.jobs import Job
from guardian.storage.checks import CheckStore
from guardian.storage.database import write_transaction
from guardian.storage.settings import SettingsStore

SETTINGS_KEY = "report_card"
"""Where the card is kept."""

PREFILLED_KEY = "report_card_prefilled_from"
"""Where the history number of the check the card was last filled in from is kept: a check
fills the card once, so what the family changes or clears stays so."""


class StoredCard(NamedTuple):
    """What the card screen reads as it opens.

    Attributes:
        saved: the kept card as stored (None when there is none; read it with
            :meth:`~guardian.core.report_card.ReportCard.from_mapping`).
        latest: the newest check of the history, None when it is empty.
        filled_from: the history number of the check the card was last filled in from.
    """

    saved: object
    latest: CheckRecord | None
    filled_from: object


def load(db: Database) -> StoredCard:
    """Read the kept card, the latest check, and the check the card was filled in from (a job)."""
    latest = CheckStore(db).page(0, 1)
    settings = SettingsStore(db)
    return StoredCard(
        saved=settings.get(SETTINGS_KEY),
        latest=latest[0] if latest else None,
        filled_from=settings.get(PREFILLED_KEY),
    )


def keep(data: dict[str, Any]) -> Job[None]:
    """The job that keeps the card ``data`` (from ``ReportCard.to_mapping``), replacing it."""

    def job(db: Database) -> None:
        SettingsStore(db).set(SETTINGS_KEY, data)

    return job


def keep_filled_from(data: dict[str, Any], check_id: int | None) -> Job[None]:
    """The job that keeps the card ``data`` filled in from the check ``check_id``.

    Both are written in one transaction: the card is never kept as filled in from a check
    without what that check filled in, nor the other way round.
    """

    def job(db: Database) -> None:
        settings = SettingsStore(db)
        with write_transaction(db):
            settings.set(SETTINGS_KEY, data)
            settings.set(PREFILLED_KEY, check_id)

    return job


def remember_choice(name: str, value: str) -> Job[None]:
    """The job that writes the choice ``value`` of field ``name`` on the kept card.

    The rest of the card stays as it is kept.

    Raises:
        ValueError: ``value`` is not one of the field's choices (at once, not when the job
            runs).
    """
    ReportCard().set(name, value)

    def job(db: Database) -> None:
        store = SettingsStore(db)
        with write_transaction(db):
            card = ReportCard.from_mapping(store.get(SETTINGS_KEY))
            card.set(name, value)
            store.set(SETTINGS_KEY, card.to_mapping())

    return job
