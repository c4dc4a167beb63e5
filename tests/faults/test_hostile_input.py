"""Very long (1 MB) and binary input: always a clear result or a plain error, quickly.

Nothing here may raise out of the function under test, and each call has a time bound well
above what it takes on an ordinary computer.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlite_utils import Database

from guardian.assets import load_catalog
from guardian.content_loader import load_content
from guardian.core.contacts import validate_contact
from guardian.core.i18n import LANGS
from guardian.core.number_check import check_number
from guardian.core.report_card import FIELDS, ReportCard
from guardian.core.text_check import check_text
from guardian.phrases_loader import load_phrases
from guardian.storage.database import open_database
from guardian.storage.history_io import HistoryImportError, import_json
from guardian.ui.check_message import MAX_TEXT

ROOT = Path(__file__).resolve().parents[2]
MEGABYTE = 1_000_000
T = TypeVar("T")

FRAUD = "您的账户涉嫌洗钱，请把钱转到安全账户，验证码不要告诉任何人。http://a.example/pay 5000元 "


def random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


LONG_TEXT = (FRAUD * (MEGABYTE // len(FRAUD) + 1))[:MEGABYTE]
BINARY_LATIN1 = random_bytes(MEGABYTE, 1).decode("latin-1")  # every byte value, NULs too
BINARY_ESCAPED = random_bytes(MEGABYTE, 2).decode("utf-8", "surrogateescape")  # lone surrogates
DIGITS = "1" * MEGABYTE
CONTROL = "\x00\x07\x1b[31m\u202e\ufeff\ud800" * 1000

HOSTILE = {
    "long_chinese": LONG_TEXT,
    "binary_latin1": BINARY_LATIN1,
    "binary_surrogates": BINARY_ESCAPED,
    "digits": DIGITS,
    "control": CONTROL,
}


def timed(seconds: float, call: Callable[[], T]) -> T:
    started = time.monotonic()
    result = call()
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    return result


@pytest.mark.parametrize("name", [n for n in HOSTILE if n != "digits"])
def test_check_text_gives_a_verdict_for_a_megabyte_of_anything(name):
    content, phrases = load_content(), load_phrases()
    result = timed(20, lambda: check_text(HOSTILE[name], content, phrases))
    assert result.assessment.level is not None
    if name == "long_chinese":
        assert result.level.value == "high"
        assert "safe_account" in result.signal_ids


@pytest.mark.parametrize("name", list(HOSTILE))
def test_check_text_at_the_screen_limit_is_quick(name):
    text = HOSTILE[name][:MAX_TEXT]
    result = timed(2, lambda: check_text(text, load_content(), load_phrases()))
    assert result.assessment.level is not None


def test_check_text_of_a_long_run_of_digits_is_quick():
    text = DIGITS[:10_000]
    timed(1, lambda: check_text(text, load_content(), load_phrases()))


def test_a_megabyte_pasted_into_the_message_screen_gets_a_verdict_quickly(qtbot, tmp_path):
    from guardian.ui.check_message import CheckMessageScreen
    from tests.ui.conftest import WindowMaker

    make_window = WindowMaker(qtbot)
    try:
        window = make_window(db_path=tmp_path / "guardian.db")
        window.current_screen().buttons["check_message"].click()
        view = window.current_screen()
        assert isinstance(view, CheckMessageScreen)
        # Not DIGITS: Qt lays out one unbroken megabyte line for over a minute (left to do:
        # the text box should refuse text past MAX_TEXT as it is pasted).
        for text in (LONG_TEXT, BINARY_LATIN1):
            view.text_field.setPlainText(text)
            timed(5, view.check_text_button.click)
            assert view.result is not None and view.result.assessment.level is not None
            assert len(view.result.subject) <= MAX_TEXT
            view.handle_back()
    finally:
        make_window.close_all()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_check_number_refuses_what_is_not_a_number_plainly(name):
    result = timed(2, lambda: check_number(HOSTILE[name], load_content()))
    assert result.ok is False
    assert result.error is not None and result.error.get("en")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_report_card_keeps_each_field_within_its_limit(name):
    card = ReportCard()
    for field_name, (_label, limit) in FIELDS.items():
        timed(2, lambda f=field_name: card.set(f, HOSTILE[name]))
        value = getattr(card, field_name)
        assert len(value) <= limit
        assert all(ch.isprintable() or ch == "\n" for ch in value)
    assert isinstance(card.spoken("zh"), str)
    again = ReportCard.from_mapping(card.to_mapping())
    assert again == card


@pytest.mark.parametrize("name", list(HOSTILE))
def test_validate_contact_names_each_bad_field(name):
    value = HOSTILE[name]
    form: dict[str, Any] = {
        "name": value,
        "phone": value,
        "relationship": value,
        "photo_path": value,
        "channels": [{"kind": "json", "fields": {"url": value}}, {"kind": value, "fields": {}}],
    }
    result = timed(5, lambda: validate_contact(form))
    assert result.contact is None
    assert {"name", "phone"} <= set(result.errors)
    catalog = load_catalog()
    for error in result.errors.values():
        assert all(catalog.template(lang, error.key) for lang in LANGS), error
        assert error.sentence(lambda key, **values: catalog.get("zh", key, **values))


@pytest.mark.parametrize("form", [None, 42, b"\x00" * MEGABYTE, ["name"], {"name": None}])
def test_validate_contact_answers_a_form_that_is_not_a_form(form):
    result = timed(2, lambda: validate_contact(form))
    assert result.contact is None and result.errors


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "guardian.db")
    yield database
    database.close()


def checks_count(db: Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM checks").fetchone()[0])


@pytest.mark.parametrize("seed", [1, 2])
def test_importing_binary_garbage_is_refused_plainly(db, tmp_path, seed):
    source = tmp_path / "history.json"
    source.write_bytes(random_bytes(MEGABYTE, seed))
    with pytest.raises(HistoryImportError) as caught:
        timed(5, lambda: import_json(db, source))
    assert source.name in str(caught.value)
    assert checks_count(db) == 0


def test_importing_one_megabyte_of_nested_brackets_is_refused_plainly(db, tmp_path):
    source = tmp_path / "history.json"
    source.write_text("[" * MEGABYTE, encoding="utf-8")
    with pytest.raises(HistoryImportError):
        timed(5, lambda: import_json(db, source))
    assert checks_count(db) == 0


def test_importing_a_check_with_a_one_megabyte_text_is_clear(db, tmp_path):
    """A check whose message is 1 MB either comes in whole or is refused by name."""
    exported = tmp_path / "history.json"
    check = {
        "kind": "text",
        "status": "finished",
        "started_at": "2024-05-01T08:30:00+00:00",
        "updated_at": "2024-05-01T08:31:00+00:00",
        "caller_number": None,
        "caller_type": None,
        "answers": {},
        "level": "high",
        "signals": ["safe_account"],
        "stopped_early": False,
        "text": LONG_TEXT,
        "actions": [],
        "lang": "zh",
    }
    exported.write_text(
        json.dumps({"format": "guardian-history", "version": 1, "checks": [check]}),
        encoding="utf-8",
    )
    try:
        result = timed(10, lambda: import_json(db, exported))
    except HistoryImportError as error:
        assert "checks[0]" in str(error) or exported.name in str(error)
        assert checks_count(db) == 0
    else:
        assert result.added == 1
        stored = db.execute("SELECT text FROM checks").fetchone()[0]
        assert stored == LONG_TEXT


def run_cli(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "guardian", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_the_command_line_refuses_a_megabyte_of_text_plainly():
    done = run_cli("check-text", "--lang", "en", stdin=LONG_TEXT.encode("utf-8"))
    assert done.returncode == 2
    error = done.stderr.decode("utf-8")
    assert "Traceback" not in error
    assert "too long" in error or "UTF-8" in error


def test_the_command_line_refuses_binary_input_plainly():
    done = run_cli("check-text", "--lang", "en", stdin=random_bytes(MEGABYTE, 3))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr.decode("utf-8", "replace")


def test_the_command_line_number_check_refuses_a_huge_number_plainly():
    done = run_cli("check-number", "--lang", "en", DIGITS[:100_000], stdin=b"")
    assert done.returncode != 0 or b"digits" in done.stdout
    assert b"Traceback" not in done.stderr


def test_the_command_line_calls_text_of_four_byte_characters_too_long():
    # 20,001 characters of 4 bytes each: the read stops inside the 20,001st.
    done = run_cli("check-text", "--lang", "en", stdin=("\U0001f600" * 20_001).encode("utf-8"))
    assert done.returncode == 2
    assert "too long" in done.stderr.decode("utf-8")


def test_the_command_line_calls_long_chinese_text_too_long_wherever_it_is_cut():
    done = run_cli("check-text", "--lang", "en", stdin=("a" + "安" * 400_000).encode("utf-8"))
    assert done.returncode == 2
    assert "too long" in done.stderr.decode("utf-8")
