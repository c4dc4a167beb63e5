"""The example data of the pictures: stored as a family would have left it."""

from __future__ import annotations

from typing import TypeVar

from sqlite_utils import Database

from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.core.setup_state import SetupState
from guardian.services import sample_data
from guardian.services.family_setup import read_setup
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxStore
from guardian.storage.pin_state import PinStore
from tests.services import run
from tests.words import words_in

T = TypeVar("T")

HOOK = ChannelConfig("json", {"url": "http://127.0.0.1:9/hook"})


def person(name: str, number: str, *channels: ChannelConfig) -> Contact:
    phone = parse_phone(number).phone
    assert phone is not None
    return Contact(name, phone, "daughter", channels=list(channels))


def test_contacts_are_stored_in_order_with_their_ids(db: Database) -> None:
    stored = run(
        db,
        sample_data.add_contacts(
            [person("Lina", "13900139000", HOOK), person("Qiang", "010 8765 4321")]
        ),
    )
    assert [c.name for c in stored] == ["Lina", "Qiang"]
    assert all(c.id is not None for c in stored)
    assert stored[0].channels[0].id is not None
    assert ContactStore(db).list() == stored


def test_the_example_pin_opens_the_settings(db: Database) -> None:
    run(db, sample_data.set_pin())
    assert PinStore(db).try_pin(sample_data.EXAMPLE_PIN, words=words_in("zh")).outcome == "ok"
    assert OutboxStore(db).pending() == []  # nothing announced


def test_the_set_up_s_earlier_steps_are_stored_together(db: Database) -> None:
    state = SetupState(True, False, frozenset({"bank"}), frozenset({"alerts"}))
    run(db, sample_data.setup_progress(state, person=person("Lina", "13900139000", HOOK)))
    snapshot = run(db, read_setup)
    assert snapshot.has_pin and snapshot.has_channel
    assert snapshot.state == state
    run(db, sample_data.setup_progress(SetupState(), pin=None))
    assert run(db, read_setup).state == SetupState()


def test_the_outbox_examples_are_one_delivered_and_one_waiting(db: Database) -> None:
    lina = run(db, sample_data.add_contacts([person("Lina", "13900139000", HOOK)]))[0]
    channel_id = lina.channels[0].id
    assert channel_id is not None
    run(db, sample_data.outbox_examples(channel_id, "connection refused"))
    messages = sorted(OutboxStore(db).recent(), key=lambda m: m.id or 0)
    assert [m.status for m in messages] == ["delivered", "queued"]
    assert messages[1].last_error == "connection refused"
    assert run(db, sample_data.nothing) is None


def test_a_delivered_test_reaches_every_channel(db: Database) -> None:
    run(db, sample_data.add_contacts([person("Lina", "13900139000", HOOK)]))
    ids = run(db, sample_data.delivered_tests)
    assert len(ids) == 1
    message = OutboxStore(db).get(ids[0])
    assert message is not None and message.status == "delivered" and message.event == "test"
