"""The PIN's jobs: set, typed, locked, found missing; each alert stored with what it is about."""

from __future__ import annotations

from typing import TypeVar

import pytest
from sqlite_utils import Database

from guardian.assets import load_catalog
from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.core.field_error import Words
from guardian.core.pin import LOCK_SCHEDULE, MAX_FAILURES, PinPolicy
from guardian.services.family_changes import words_for
from guardian.services.jobs import RunAtOnce
from guardian.services.pin import seconds_locked, set_pin, status, try_pin
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxStore
from guardian.storage.pin_state import PIN_HASH_KEY, PinStore
from guardian.storage.settings import SettingsStore
from tests.clock import FakeClock
from tests.services import run
from tests.words import words_in

T = TypeVar("T")

HOOK = ChannelConfig("json", {"url": "http://127.0.0.1:9/hook"})


@pytest.fixture(scope="module")
def words() -> Words:
    return words_for(load_catalog(), "en")


def add_daughter(db: Database, *channels: ChannelConfig) -> Contact:
    phone = parse_phone("13900139000").phone
    assert phone is not None
    return ContactStore(db).add(Contact("Lina", phone, "daughter", channels=list(channels)))


def events(db: Database) -> list[str]:
    return [message.event for message in OutboxStore(db).pending()]


def test_the_first_pin_is_stored_without_an_alert(db: Database, words: Words) -> None:
    assert not run(db, status(PinPolicy(), words=words_in("en"), person_name="")).has_pin
    guarded = run(db, set_pin("2468", change=False, words=words))
    assert guarded.alerts == [] and guarded.changes == []
    assert run(db, status(PinPolicy(), words=words_in("en"), person_name="")).has_pin
    assert (
        run(db, try_pin("2468", PinPolicy(), words=words_in("en"), person_name="")).outcome == "ok"
    )
    assert events(db) == []


def test_a_changed_pin_is_told_to_the_channels_first(db: Database, words: Words) -> None:
    add_daughter(db, HOOK)
    run(db, set_pin("2468", change=False, words=words))
    assert events(db) == ["settings_changed"]  # set while contacts exist: announced
    guarded = run(db, set_pin("1357", change=True, words=words))
    assert guarded.changes == [words("pin.change_line")]
    assert len(guarded.alerts) == 1
    assert events(db) == ["settings_changed", "settings_changed"]
    assert words("pin.change_line") in OutboxStore(db).get(guarded.alerts[0]).body  # type: ignore[union-attr]
    assert (
        run(db, try_pin("1357", PinPolicy(), words=words_in("en"), person_name="")).outcome == "ok"
    )


def test_a_pin_that_cannot_be_stored_leaves_neither_pin_nor_alert(
    db: Database, words: Words
) -> None:
    add_daughter(db, HOOK)
    run(db, set_pin("2468", change=False, words=words))
    before = (PinStore(db).pin_hash(), events(db))
    errors: list[Exception] = []
    RunAtOnce(db).submit(set_pin("12", change=True, words=words), on_error=errors.append)
    assert len(errors) == 1 and isinstance(errors[0], ValueError)
    assert (PinStore(db).pin_hash(), events(db)) == before


def test_wrong_tries_lock_the_pin_and_tell_the_family(db: Database, words: Words) -> None:
    add_daughter(db, HOOK)
    run(db, set_pin("2468", change=False, words=words))
    clock = FakeClock()
    policy = PinPolicy(clock)
    for _ in range(MAX_FAILURES):
        attempt = run(db, try_pin("1111", policy, words=words_in("en"), person_name="Mum"))
    assert attempt.new_lock and attempt.outcome == "locked"
    assert events(db)[-1] == "pin_locked"
    assert "Mum" in OutboxStore(db).pending()[-1].title
    assert run(db, seconds_locked(policy)) == LOCK_SCHEDULE[0]
    assert run(db, status(policy, words=words_in("en"), person_name="")).seconds_locked > 0
    # Even the right PIN waits for the lock to end.
    assert (
        run(db, try_pin("2468", policy, words=words_in("en"), person_name="")).outcome == "locked"
    )
    clock.now += LOCK_SCHEDULE[0]
    assert run(db, seconds_locked(policy)) == 0
    assert run(db, try_pin("2468", policy, words=words_in("en"), person_name="")).outcome == "ok"


def test_a_pin_gone_while_contacts_exist_is_told_once(db: Database, words: Words) -> None:
    add_daughter(db, HOOK)
    run(db, set_pin("2468", change=False, words=words))
    SettingsStore(db).delete(PIN_HASH_KEY)  # the file was changed behind Guardian's back
    found = run(db, status(PinPolicy(), words=words_in("en"), person_name="Mum"))
    assert found.missing and found.has_channels and not found.has_pin
    assert len(found.alerts) == 1
    assert events(db)[-1] == "pin_missing"
    again = run(db, status(PinPolicy(), words=words_in("en"), person_name="Mum"))
    assert again.missing and again.alerts == []
    assert events(db).count("pin_missing") == 1
