"""Resetting a forgotten PIN from the command line keeps the data and tells the family."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from guardian.core.contacts import validate_contact
from guardian.storage.backup import make_backup
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxStore
from guardian.storage.pin_state import PinStore
from tests.conftest import ROOT


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GUARDIAN_DATA_DIR=str(data))
    return subprocess.run(
        [sys.executable, "-m", "guardian", *args, "reset-pin"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def set_up(data: Path) -> None:
    """A data folder with a contact (with one alert channel) and a PIN."""
    db = open_database(data / "guardian.db")
    contact = validate_contact(
        {
            "name": "儿子",
            "phone": "13900139000",
            "channels": [{"kind": "json", "fields": {"url": "http://127.0.0.1:9/hook"}}],
        }
    ).contact
    assert contact is not None
    ContactStore(db).add(contact)
    PinStore(db).set_pin("2468")
    db.close()


def test_reset_pin_clears_it_keeps_contacts_and_queues_a_notice(tmp_path: Path) -> None:
    set_up(tmp_path)
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "密码已经清除" in result.stdout
    db = open_database(tmp_path / "guardian.db")
    try:
        assert not PinStore(db).has_pin()
        assert [c.name for c in ContactStore(db).list()] == ["儿子"]
        [message] = OutboxStore(db).pending()
        assert "密码" in message.body
    finally:
        db.close()


def test_reset_pin_without_a_pin_says_so(tmp_path: Path) -> None:
    result = run(tmp_path, "--lang", "en")
    assert result.returncode == 0
    assert "No PIN has been set" in result.stdout


def remove_database(data: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{data / 'guardian.db'}{suffix}").unlink(missing_ok=True)


def test_reset_pin_with_the_database_missing_restores_the_backup_first(tmp_path: Path) -> None:
    set_up(tmp_path)
    backup = make_backup(
        tmp_path / "guardian.db", tmp_path / "backups", datetime.now().astimezone()
    )
    remove_database(tmp_path)
    result = run(tmp_path, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "restored from the backup" in result.stdout
    assert "The family PIN is cleared" in result.stdout
    db = open_database(tmp_path / "guardian.db")
    try:
        assert not PinStore(db).has_pin()
        assert [c.name for c in ContactStore(db).list()] == ["儿子"]
        [message] = OutboxStore(db).pending()
        assert "PIN" in message.body
    finally:
        db.close()
    assert backup.is_file()


def test_reset_pin_never_makes_an_empty_database_in_place_of_the_backups(tmp_path: Path) -> None:
    set_up(tmp_path)
    backup = make_backup(
        tmp_path / "guardian.db",
        tmp_path / "backups",
        datetime.now().astimezone() - timedelta(days=1),
    )
    remove_database(tmp_path)
    backup.write_bytes(b"not a database" * 100)  # the only backup is damaged
    result = run(tmp_path, "--lang", "en")
    assert result.returncode == 1
    assert "could not be cleared" in result.stderr
    assert not (tmp_path / "guardian.db").exists()
    assert backup.read_bytes() == b"not a database" * 100


def test_reset_pin_with_nothing_saved_yet_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run(data, "--lang", "en")
    assert result.returncode == 0
    assert "No PIN has been set" in result.stdout
    assert not (data / "guardian.db").exists()
