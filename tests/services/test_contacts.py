"""What the contact screens read, on a real SQLite file: the contacts, the recent alerts, and
the contact photos kept in the data folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from guardian.core.contacts import Contact, validate_contact
from guardian.services import contacts
from guardian.services.jobs import RunAtOnce
from guardian.storage.contacts import ContactStore
from guardian.storage.outbox import OutboxStore
from tests.services import run

T = TypeVar("T")

PNG = b"\x89PNG\r\n\x1a\n made by the screen"


def add(db: Database, name: str, phone: str, url: str | None = None) -> Contact:
    channels = [{"kind": "json", "fields": {"url": url}}] if url else []
    result = validate_contact({"name": name, "phone": phone, "channels": channels})
    assert result.contact is not None, result.errors
    return ContactStore(db).add(result.contact)


def test_the_contacts_are_read_in_order_with_their_channels(db: Database) -> None:
    assert run(db, contacts.read_all) == []
    add(db, "小红", "13812345678", "http://127.0.0.1:9/a")
    second = add(db, "小明", "13998765432")
    assert second.id is not None
    ContactStore(db).reorder([second.id, 1])
    read = run(db, contacts.read_all)
    assert [c.name for c in read] == ["小明", "小红"]
    assert [len(c.channels) for c in read] == [0, 1]
    assert read[1].primary  # the first one added stays the primary one


def test_the_recent_alerts_are_read_newest_first_up_to_the_limit(db: Database) -> None:
    add(db, "小红", "13812345678", "http://127.0.0.1:9/a")
    store = OutboxStore(db)
    for title in ("first", "second", "third"):
        store.enqueue_for_contacts(title, "body", event="test")
    read = run(db, contacts.recent_alerts(2))
    assert [m.title for m in read] == ["third", "second"]
    assert all(isinstance(m, contacts.OutboxMessage) for m in read)
    assert run(db, contacts.recent_alerts(30))[-1].title == "first"


def test_a_photo_is_kept_under_a_new_name_in_the_private_photos_folder(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "chosen.jpg"
    source.write_bytes(b"the original picture")
    given: list[Path] = []

    def make(path: Path) -> bytes:
        given.append(path)
        return PNG

    data_folder = tmp_path / "data"
    first = run(db, contacts.add_photo(source, make, data_folder))
    second = run(db, contacts.add_photo(source, make, data_folder))
    assert given == [source, source]
    assert first.parent == second.parent == data_folder / contacts.PHOTOS_FOLDER
    assert first != second and first.suffix == ".png"
    assert first.read_bytes() == PNG
    assert source.read_bytes() == b"the original picture"
    if os.name == "posix":
        assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700


def test_without_a_data_folder_the_photo_goes_to_the_apps_one(
    db: Database, _isolated_data_dir: Path, tmp_path: Path
) -> None:
    kept = run(db, contacts.add_photo(tmp_path / "any.png", lambda _: PNG))
    assert kept.parent == _isolated_data_dir / contacts.PHOTOS_FOLDER


def test_a_picture_that_cannot_be_read_leaves_nothing_written(db: Database, tmp_path: Path) -> None:
    def unreadable(path: Path) -> bytes:
        raise ValueError(f"not a readable picture: {path.name}")

    errors: list[Exception] = []
    RunAtOnce(db).submit(
        contacts.add_photo(tmp_path / "broken.jpg", unreadable, tmp_path / "data"),
        on_error=errors.append,
    )
    assert [type(e) for e in errors] == [ValueError]
    assert not (tmp_path / "data").exists()
