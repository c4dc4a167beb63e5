from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from guardian.core.contacts import ChannelConfig, Contact, validate_contact
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.migrations import KNOWN_MIGRATIONS


def contact(name: str, phone: str = "13812345678", **extra: Any) -> Contact:
    result = validate_contact({"name": name, "phone": phone, **extra})
    assert result.contact is not None, result.errors
    return result.contact


def test_schema_adds_contacts_channels_and_outbox(db: Database) -> None:
    assert KNOWN_MIGRATIONS[0] == "m001_checks_and_settings"
    assert {"contacts", "alert_channels", "outbox"} <= set(db.table_names())


def test_add_keeps_order_and_the_first_is_primary(db: Database) -> None:
    store = ContactStore(db)
    assert store.list() == [] and store.primary() is None
    first = store.add(contact("小红", relationship="daughter"))
    second = store.add(contact("小明", "96110"))
    assert [c.name for c in store.list()] == ["小红", "小明"]
    assert [c.position for c in store.list()] == [0, 1]
    assert first.primary and not second.primary
    assert second.phone.short and second.phone.e164 == "96110"
    assert store.primary() == store.get(first.id or 0)


def test_adding_a_primary_contact_moves_the_flag(db: Database) -> None:
    store = ContactStore(db)
    store.add(contact("A"))
    b = store.add(contact("B", primary=True))
    assert [c.primary for c in store.list()] == [False, True]
    assert store.primary() == b


def test_channels_are_stored_in_order_and_keep_their_ids(db: Database) -> None:
    store = ContactStore(db)
    saved = store.add(
        contact(
            "小红",
            channels=[
                {"kind": "wecom", "fields": {"key": "abc-123"}},
                {"kind": "ntfy", "fields": {"topic": "gran"}},
            ],
        )
    )
    wecom, ntfy = saved.channels
    assert wecom.id is not None and ntfy.id is not None
    assert store.channel(ntfy.id) == (saved, ntfy)
    # Edit: drop wecom, change ntfy, add email.
    saved.channels = [
        ChannelConfig("ntfy", {"topic": "gran-2"}, id=ntfy.id),
        ChannelConfig("email", {"host": "smtp.qq.com", "from": "a@qq.com", "to": "b@qq.com"}),
    ]
    saved.name = "小红红"
    updated = store.update(saved)
    assert updated.name == "小红红"
    assert [c.kind for c in updated.channels] == ["ntfy", "email"]
    assert updated.channels[0].id == ntfy.id
    assert updated.channels[0].fields["topic"] == "gran-2"
    assert store.channel(wecom.id) is None


def test_has_channels_counts_only_channels_still_set_up(db: Database) -> None:
    store = ContactStore(db)
    assert not store.has_channels()
    saved = store.add(contact("小红"))
    assert not store.has_channels(), "a contact without a channel cannot be alerted"
    saved.channels = [ChannelConfig("ntfy", {"topic": "gran"})]
    saved = store.update(saved)
    assert store.has_channels()
    saved.channels = []
    store.update(saved)
    assert not store.has_channels(), "a removed channel does not count"


def test_a_channel_of_another_contact_cannot_be_taken(db: Database) -> None:
    store = ContactStore(db)
    a = store.add(contact("A", channels=[{"kind": "wecom", "fields": {"key": "k1"}}]))
    b = store.add(contact("B"))
    b.channels = [ChannelConfig("wecom", {"key": "k2"}, id=a.channels[0].id)]
    with pytest.raises(ValueError, match="another contact"):
        store.update(b)
    assert store.get(a.id or 0) == a


def test_invalid_contacts_are_refused(db: Database) -> None:
    store = ContactStore(db)
    bad = contact("A")
    bad.name = ""
    with pytest.raises(ValueError, match="name"):
        store.add(bad)
    with pytest.raises(ValueError, match="saved"):
        store.update(contact("B"))
    ghost = contact("C")
    ghost.id = 99
    with pytest.raises(ValueError, match="99"):
        store.update(ghost)
    assert store.list() == []


def test_reorder_delete_and_primary(db: Database) -> None:
    store = ContactStore(db)
    a, b, c = (store.add(contact(name)) for name in "ABC")
    ids = [c.id or 0, a.id or 0, b.id or 0]
    store.reorder(ids)
    assert [x.name for x in store.list()] == ["C", "A", "B"]
    with pytest.raises(ValueError):
        store.reorder(ids[:2])
    with pytest.raises(ValueError):
        store.reorder([ids[0], ids[0], ids[1]])
    store.set_primary(b.id or 0)
    assert [x.primary for x in store.list()] == [False, False, True]
    with pytest.raises(ValueError):
        store.set_primary(12345)
    store.delete(b.id or 0)  # the primary one
    remaining = store.list()
    assert [x.name for x in remaining] == ["C", "A"]
    assert [x.position for x in remaining] == [0, 1]
    assert [x.primary for x in remaining] == [True, False]
    store.delete(777)  # nothing happens
    for x in remaining:
        store.delete(x.id or 0)
    assert store.list() == []


def test_contacts_survive_a_restart(db_path: Path) -> None:
    db = open_database(db_path)
    saved = ContactStore(db).add(
        contact(
            "小红", photo_path="/p/x.png", channels=[{"kind": "feishu", "fields": {"token": "t-1"}}]
        )
    )
    db.close()
    db = open_database(db_path)
    assert ContactStore(db).list() == [saved]
    db.close()


def test_deleting_a_contact_with_no_waiting_alert_deletes_its_channels(db: Database) -> None:
    store = ContactStore(db)
    saved = store.add(contact("A", channels=[{"kind": "wecom", "fields": {"key": "k1"}}]))
    store.delete(saved.id or 0)
    assert db.execute("SELECT COUNT(*) FROM alert_channels").fetchone()[0] == 0
