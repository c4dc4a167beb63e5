"""``guardian doctor``: one plain line per check, read-only, exit 0 only when all is well."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from guardian.assets import load_catalog
from guardian.core.contacts import validate_contact
from guardian.core.i18n import Lang
from guardian.core.records import CheckRecord
from guardian.doctor import CHECKS, CheckResult, Words, format_report, label_key, run_checks
from guardian.doctor.backups import check_backups
from guardian.doctor.data_folder import check_data_folder
from guardian.doctor.database import check_database
from guardian.doctor.guard import check_guard
from guardian.doctor.outbox import check_outbox
from guardian.doctor.speech import check_speech
from guardian.doctor.tel import check_tel_handler
from guardian.storage.backup import backup_date, make_backup
from guardian.storage.checks import CheckStore
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxStore
from guardian.storage.paths import backups_dir, database_path
from tests.conftest import require_program
from tests.xdg_home import xdg_home

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)
TOKEN = "SECRETtoken0123456789"


def words(lang: Lang) -> Words:
    """The doctor's sentences in ``lang``."""
    return Words(load_catalog(), lang)


def run_doctor(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guardian", "doctor", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def a_check() -> CheckRecord:
    return CheckRecord(
        kind="call",
        status="finished",
        started_at=T0,
        updated_at=T0,
        answers={"safe_account": "yes"},
        level="high",
        signals=["safe_account"],
        lang="zh",
    )


def fill(folder: Path, checks: int = 2) -> Path:
    """A data folder as a running Guardian leaves it: checks and a backup of today."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    db_path = database_path(folder)
    db = open_database(db_path)
    try:
        for _ in range(checks):
            CheckStore(db).save(a_check())
    finally:
        db.close()
    make_backup(db_path, backups_dir(folder), datetime.now().astimezone())
    return db_path


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- the command ---------------------------------------------------------------------------


def test_json_gives_every_check_with_ok_and_detail(tmp_path):
    done = run_doctor("--json", "--lang", "en", env={"GUARDIAN_DATA_DIR": str(tmp_path / "d")})
    results = json.loads(done.stdout)
    assert [item["check"] for item in results] == list(CHECKS)
    for item in results:
        assert set(item) == {"check", "ok", "detail"}
        assert isinstance(item["ok"], bool) and item["detail"]
    assert done.returncode == (0 if all(item["ok"] for item in results) else 1)
    assert "Traceback" not in done.stderr


def test_the_report_is_one_line_per_check_in_chinese_by_default(tmp_path):
    done = run_doctor(env={"GUARDIAN_DATA_DIR": str(tmp_path / "d")})
    lines = done.stdout.strip().splitlines()
    assert len(lines) == len(CHECKS) + 1
    catalog = load_catalog()
    for line, check in zip(lines, CHECKS, strict=False):
        assert line.startswith(("[正常] ", "[有问题] "))
        assert catalog.get("zh", label_key(check)) in line
    problems = sum(line.startswith("[有问题]") for line in lines)
    assert lines[-1] == ("全部正常。" if not problems else lines[-1])
    assert done.returncode == (1 if problems else 0)


def test_a_fresh_computer_is_all_well_apart_from_what_the_machine_lacks(tmp_path):
    done = run_doctor(
        "--json", "--lang", "en", env={"GUARDIAN_DATA_DIR": str(tmp_path / "never-started")}
    )
    results = {item["check"]: item for item in json.loads(done.stdout)}
    for name in ("data_folder", "database", "backups", "outbox", "speech", "tel"):
        assert results[name]["ok"], results[name]
    assert "first time Guardian opens" in results["data_folder"]["detail"]
    assert not (tmp_path / "never-started").exists()  # the doctor made nothing


def test_a_problem_makes_the_exit_status_one(tmp_path):
    folder = tmp_path / "d"
    fill(folder)
    database_path(folder).write_bytes(b"this is not a database" * 100)
    done = run_doctor("--lang", "en", env={"GUARDIAN_DATA_DIR": str(folder)})
    assert done.returncode == 1
    assert "[PROBLEM] History file: The history file is damaged" in done.stdout
    assert "Open Guardian" in done.stdout


def test_format_report_sums_up():
    results = [CheckResult("font", True, "fine."), CheckResult("backups", False, "old.")]
    assert format_report(results, "en").splitlines() == [
        "[OK] Chinese font: fine.",
        "[PROBLEM] Backups: old.",
        "1 problem(s). Please do what each line says, or read these lines to your family.",
    ]
    assert format_report(results[:1], "zh").splitlines()[-1] == "全部正常。"


def test_a_check_that_breaks_is_reported_and_the_others_still_run(tmp_path, monkeypatch):
    import guardian.doctor.report as doctor

    def broken(lang):
        raise RuntimeError("boom")

    monkeypatch.setattr(doctor, "check_tel_handler", broken)
    results = run_checks("en", data_folder=tmp_path, only=["tel", "outbox"])
    assert [(r.check, r.ok) for r in results] == [("tel", False), ("outbox", True)]
    assert "could not be checked: boom" in results[0].detail


# -- the data: nothing is changed ----------------------------------------------------------


def test_a_used_data_folder_is_all_well_and_left_exactly_as_it_was(tmp_path):
    folder = tmp_path / "d"
    fill(folder, checks=3)
    before = snapshot(folder)
    results = {
        r.check: r
        for r in run_checks(
            "en", data_folder=folder, only=["data_folder", "database", "backups", "outbox"]
        )
    }
    assert all(r.ok for r in results.values()), results
    assert "3 checks" in results["database"].detail
    assert "1 backup(s)" in results["backups"].detail
    assert "Today's backup is done" in results["backups"].detail
    assert snapshot(folder) == before  # no -wal, no -shm, nothing rewritten


def test_files_open_to_other_users_are_named(tmp_path):
    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    folder = tmp_path / "d"
    fill(folder)
    database_path(folder).chmod(0o644)
    result = check_data_folder(folder, words("en"))
    assert not result.ok
    assert "guardian.db" in result.detail and "chmod -R go=" in result.detail


def test_a_missing_database_with_backups_says_guardian_restores_it(tmp_path):
    folder = tmp_path / "d"
    fill(folder)
    database_path(folder).unlink()
    result = check_database(folder, words("zh"))
    assert not result.ok and "从备份恢复" in result.detail


def test_no_backup_for_a_used_database_is_a_problem(tmp_path):
    folder = tmp_path / "d"
    fill(folder)
    shutil.rmtree(backups_dir(folder))
    result = check_backups(folder, words("en"), datetime.now().date())
    assert not result.ok and "No backup yet" in result.detail


def test_an_old_backup_is_a_problem_and_a_damaged_one_too(tmp_path):
    folder = tmp_path / "d"
    fill(folder)
    [backup] = backups_dir(folder).iterdir()
    made = backup_date(backup)
    assert made is not None
    assert not check_backups(folder, words("en"), made + timedelta(days=365)).ok
    backup.write_bytes(b"\x00" * 4096)
    result = check_backups(folder, words("en"), made)
    assert not result.ok and "damaged" in result.detail


def test_waiting_alerts_are_counted_and_their_error_holds_no_token(tmp_path):
    folder = tmp_path / "d"
    db_path = fill(folder)
    db = open_database(db_path)
    try:
        form = validate_contact(
            {
                "name": "女儿",
                "phone": "13800138000",
                "channels": [{"kind": "wecom", "fields": {"key": "wecomkey0123456"}}],
            }
        )
        assert form.contact is not None
        contact = ContactStore(db).add(form.contact)
        outbox = OutboxStore(db)
        [first] = outbox.enqueue_for_contacts("title", "body", event="high_verdict")
        outbox.enqueue_for_contacts("title", "body", event="high_verdict")
        outbox.claim(first)
        outbox.mark_retry(first, f"refused by json://x:{TOKEN}@hooks.example.com/a", 60)
    finally:
        db.close()
    assert contact is not None
    result = check_outbox(folder, words("en"))
    assert not result.ok
    assert result.detail.startswith("2 alert(s) to the family are not delivered yet")
    assert TOKEN not in result.detail
    assert "json://***@hooks.example.com" in result.detail


# -- speech, calls, guard ---------------------------------------------------------------------


@pytest.fixture
def espeak_on(monkeypatch) -> None:
    require_program("espeak-ng")
    monkeypatch.setenv("GUARDIAN_SPEECH", "espeak")


def test_speech_that_is_turned_off_is_not_a_problem(tmp_path):
    result = check_speech(words("en"), tmp_path)  # GUARDIAN_SPEECH=none in every test
    assert result.ok and "turned off" in result.detail


@pytest.mark.parametrize(("player", "works"), [("true", True), ("false", False)])
def test_speech_is_played_through_the_player(tmp_path, monkeypatch, espeak_on, player, works):
    import guardian.speech.espeak as espeak

    monkeypatch.setattr(espeak, "default_player", lambda: (shutil.which(player), "-"))
    result = check_speech(words("en"), tmp_path)
    assert result.ok is works
    assert ("voice works" in result.detail) is works
    assert ("No sound device" in result.detail) is not works


def test_speech_on_this_computer_is_reported_plainly(tmp_path, espeak_on):
    require_program("aplay")
    result = check_speech(words("en"), tmp_path)
    assert result.detail in {
        "The voice works.",
        "No sound device: nothing can be heard. Check that the speakers or headphones are "
        "plugged in and the volume is up.",
    }


def fake_program(folder: Path, name: str, output: str) -> None:
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(f"#!/bin/sh\nprintf '%s' '{output}'\n")
    program.chmod(0o755)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG files are Linux's")
def test_the_tel_handler_is_named_when_one_is_set(tmp_path, monkeypatch):
    for name, value in xdg_home(tmp_path, dialler=True).items():
        monkeypatch.setenv(name, value)
    result = check_tel_handler(words("en"))
    assert result.ok and result.detail == "The call button dials with KDE Connect."


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG files are Linux's")
def test_no_tel_handler_means_the_number_is_shown_to_dial(tmp_path, monkeypatch):
    for name, value in xdg_home(tmp_path, dialler=False).items():
        monkeypatch.setenv(name, value)
    result = check_tel_handler(words("zh"))
    assert result.ok and "用大字显示号码" in result.detail


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="made from the Linux sleep")
def test_a_running_remote_control_program_is_named(tmp_path):
    program = tmp_path / f"anydesk-{uuid.uuid4().hex[:6]}"
    sleep = shutil.which("sleep")
    assert sleep
    shutil.copy2(sleep, program)
    child = subprocess.Popen([str(program), "600"])
    try:
        result = check_guard(words("en"))
    finally:
        child.terminate()
        child.wait(timeout=10)
    assert result.ok and "AnyDesk" in result.detail and "stranger" in result.detail
