"""The family hears of every PIN lock and of a PIN that went missing, before anything changes."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from guardian.core.contacts import ChannelConfig, Contact, parse_phone
from guardian.core.pin import LOCK_SCHEDULE, MAX_FAILURES, PinPolicy
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxStore
from guardian.storage.pin_state import PIN_HASH_KEY, PinStore
from tests.clock import FakeClock
from tests.words import words_in


def add_contact(db: Database, *channels: ChannelConfig) -> Contact:
    phone = parse_phone("13900139000").phone
    assert phone is not None
    contact = Contact(name="女儿", phone=phone, relationship="daughter", channels=list(channels))
    return ContactStore(db).add(contact)


HOOK = ChannelConfig("json", {"url": "http://127.0.0.1:9/hook"})
NTFY = ChannelConfig("ntfy", {"topic": "grandma-alerts-7x9q"})


def events(db: Database) -> list[str]:
    return [message.event for message in OutboxStore(db).pending()]


def test_every_new_lock_is_announced_to_every_channel(tmp_path: Path) -> None:
    db = open_database(tmp_path / "guardian.db")
    try:
        add_contact(db, HOOK, NTFY)
        clock = FakeClock()
        store = PinStore(db, PinPolicy(clock))
        store.set_pin("2468")
        for lock in range(1, 4):
            for _ in range(MAX_FAILURES):
                attempt = store.try_pin("1111", words=words_in("en"), person_name="Mum")
            assert attempt.new_lock
            # Tries while locked are not announced again.
            assert not store.try_pin("1111", words=words_in("zh")).new_lock
            assert events(db) == ["pin_locked"] * 2 * lock
            clock.now += LOCK_SCHEDULE[lock - 1]
        newest = OutboxStore(db).pending()[-1]
        assert "Mum" in newest.title
        assert "5 times" in newest.body
        assert "60 minutes" in newest.body and "lock number 3" in newest.body
        assert store.try_pin("2468", words=words_in("zh")).outcome == "ok"
        assert len(events(db)) == 6
    finally:
        db.close()


def test_a_missing_pin_with_contacts_is_announced_once_before_a_new_one(tmp_path: Path) -> None:
    db = open_database(tmp_path / "guardian.db")
    try:
        add_contact(db, HOOK, NTFY)
        store = PinStore(db)
        store.set_pin("2468")
        assert store.status(words=words_in("zh")).has_pin
        # The PIN row is deleted behind Guardian's back.
        db.execute("DELETE FROM settings WHERE key = ?", [PIN_HASH_KEY])
        db.conn.commit()
        status = store.status(words=words_in("en"))
        assert not status.has_pin and status.missing and status.has_channels
        assert len(status.alerts) == 2
        assert events(db) == ["pin_missing", "pin_missing"]
        assert "gone" in OutboxStore(db).pending()[0].body
        again = store.status(words=words_in("en"))
        assert again.missing and again.alerts == []  # told once, still said on screen
        assert len(events(db)) == 2
        store.set_pin("1357")
        assert store.status(words=words_in("zh")).has_pin
        # Gone again later: a new incident, told again.
        db.execute("DELETE FROM settings WHERE key = ?", [PIN_HASH_KEY])
        db.conn.commit()
        assert len(store.status(words=words_in("zh")).alerts) == 2
    finally:
        db.close()


def test_a_missing_pin_without_channels_is_still_found(tmp_path: Path) -> None:
    db = open_database(tmp_path / "guardian.db")
    try:
        add_contact(db)
        status = PinStore(db).status(words=words_in("zh"))
        assert status.missing and not status.has_channels and status.alerts == []
    finally:
        db.close()


def test_no_contacts_is_a_first_set_up_and_a_reset_is_not_tampering(tmp_path: Path) -> None:
    db = open_database(tmp_path / "guardian.db")
    try:
        store = PinStore(db)
        first = store.status(words=words_in("zh"))
        assert not first.has_pin and not first.missing
        add_contact(db, HOOK)
        store.set_pin("2468")
        store.clear_pin()  # guardian reset-pin, which tells the family itself
        status = store.status(words=words_in("zh"))
        assert not status.has_pin and not status.missing and status.has_channels
        assert events(db) == []
    finally:
        db.close()
