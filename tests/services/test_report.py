"""The report card's jobs on a real SQLite file: read with the latest check, kept as typed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TypeVar

import pytest
from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.core.report_card import ReportCard
from guardian.services import report
from guardian.services.jobs import Job, RunAtOnce
from guardian.storage.checks import CheckStore
from guardian.storage.settings import SettingsStore

T = TypeVar("T")
T0 = datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)


@pytest.fixture
def runner(db: Database) -> RunAtOnce:
    return RunAtOnce(db)


def run(runner: RunAtOnce, job: Job[T]) -> T:
    results: list[T] = []
    runner.submit(job, on_done=results.append)
    return results[0]


def check(minutes: int) -> CheckRecord:
    when = T0 + timedelta(minutes=minutes)
    return CheckRecord(
        kind="number",
        status="finished",
        started_at=when,
        updated_at=when,
        caller_number=f"9558{minutes}",
        level="high",
        lang="zh",
    )


def refuse_writes_of(db: Database, key: str) -> None:
    """Make the file refuse to store ``key``, as a full disk would refuse a write."""
    db.execute(
        f"CREATE TRIGGER refuse BEFORE INSERT ON settings WHEN NEW.key = '{key}' "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )


def test_a_new_card_reads_as_nothing_kept(runner: RunAtOnce) -> None:
    assert run(runner, report.load) == report.StoredCard(None, None, None)


def test_load_gives_the_kept_card_the_latest_check_and_where_it_was_filled_from(
    db: Database, runner: RunAtOnce
) -> None:
    store = CheckStore(db)
    store.save(check(0))
    latest_id = store.save(check(5))
    run(runner, report.keep_filled_from({"amount": "5万元"}, latest_id))
    stored = run(runner, report.load)
    assert stored.saved == {"amount": "5万元"}
    assert stored.latest is not None and stored.latest.id == latest_id
    assert stored.filled_from == latest_id


def test_keep_replaces_the_whole_card(db: Database, runner: RunAtOnce) -> None:
    run(runner, report.keep({"amount": "5万元", "bank": "某银行"}))
    run(runner, report.keep({"amount": "3000元"}))
    assert SettingsStore(db).get(report.SETTINGS_KEY) == {"amount": "3000元"}


def test_a_choice_is_written_on_the_kept_card_and_the_rest_stays(
    db: Database, runner: RunAtOnce
) -> None:
    run(runner, report.keep({"amount": "5万元"}))
    run(runner, report.remember_choice("paid_with", "wechat"))
    card = ReportCard.from_mapping(SettingsStore(db).get(report.SETTINGS_KEY))
    assert (card.amount, card.paid_with) == ("5万元", "wechat")


def test_an_unknown_choice_is_refused_before_any_job(runner: RunAtOnce) -> None:
    with pytest.raises(ValueError):
        report.remember_choice("paid_with", "gold bars")


def test_a_card_that_cannot_be_kept_is_not_marked_as_filled_from_the_check(
    db: Database, runner: RunAtOnce
) -> None:
    run(runner, report.keep({"amount": "5万元"}))
    refuse_writes_of(db, report.PREFILLED_KEY)
    errors: list[Exception] = []
    runner.submit(
        report.keep_filled_from({"amount": "5万元", "caller_number": "95588"}, 7),
        on_error=errors.append,
    )
    assert len(errors) == 1
    stored = run(runner, report.load)
    assert stored.saved == {"amount": "5万元"}  # not half of the filled-in card
    assert stored.filled_from is None
