"""I already sent money: the steps in order, the bank, and the report card kept and printed."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from guardian.assets import load_catalog
from guardian.core.records import CheckRecord
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.worker import DiskWorker
from guardian.ui.bank_choice import BankChoiceScreen
from guardian.ui.context import AppContext
from guardian.ui.home import HomeScreen
from guardian.ui.hotline import HotlineScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.money_sent import STEPS, MoneySentScreen
from guardian.ui.report_card import ReportCardScreen
from guardian.ui.routes import build_routes
from tests.conftest import require_program


@pytest.fixture
def make_window(qtbot, speaker, db_path) -> Iterator:
    made: list[tuple[MainWindow, DiskWorker]] = []

    def make(lang: str = "zh", services: dict | None = None) -> MainWindow:
        disk = DiskWorker(db_path)
        ctx = AppContext(load_catalog(), speaker, lang=lang, disk=disk, services=services)
        window = MainWindow(ctx, build_routes(), HomeScreen)
        qtbot.addWidget(window)
        window.show()
        made.append((window, disk))
        return window

    yield make
    for window, disk in made:
        window.close()
        disk.shutdown()


def test_the_steps_come_in_order_and_are_read_aloud(make_window, speaker) -> None:
    window = make_window()
    window.current_screen().buttons["money_sent"].click()
    screen = window.current_screen()
    assert isinstance(screen, MoneySentScreen)
    texts = [t.text() for t in screen.step_texts]
    assert len(texts) == len(STEPS)
    assert "110" in texts[0] and "银行" in texts[1] and "家人" in texts[3]
    assert speaker.last().startswith(window.ctx.t("money.calm"))
    assert "第1步" in speaker.last() and "第5步" in speaker.last()
    screen.buttons["call_police"].click()
    assert window.current_screen().number_label.text() == "110"


def test_call_my_bank_lists_the_banks_then_shows_the_card(make_window) -> None:
    window = make_window()
    window.open("money_sent")
    window.current_screen().buttons["call_bank"].click()
    banks = window.current_screen()
    assert isinstance(banks, BankChoiceScreen)
    assert len(banks.buttons) == 15
    banks.buttons["icbc"].click()
    card = window.current_screen()
    assert isinstance(card, HotlineScreen)
    assert card.number_label.text() == "95588"
    assert "止付" in card.spoken_text()


def test_the_bank_the_family_chose_opens_directly(make_window) -> None:
    window = make_window(services={"bank_hotline": "ccb"})
    window.open("call_bank")
    assert window.current_screen().number_label.text() == "95533"


def test_the_report_card_is_kept_and_prefilled(make_window, qtbot, db_path) -> None:
    db = open_database(db_path)
    now = datetime.now(timezone.utc)
    CheckStore(db).save(
        CheckRecord(
            kind="call", caller_number="+8617012345678", started_at=now, updated_at=now, lang="zh"
        )
    )
    db.close()
    window = make_window()
    window.open("report_card")
    card = window.current_screen()
    assert isinstance(card, ReportCardScreen)
    qtbot.waitUntil(lambda: card.fields["caller_number"].text() == "+8617012345678")
    card.fields["amount"].insert("50000元")
    card.fields["what_they_said"].setPlainText("说我的卡涉嫌洗钱，要转到安全账户")
    window.back()
    window.open("report_card")
    again = window.current_screen()
    qtbot.waitUntil(lambda: again.fields["amount"].text() == "50000元")
    assert again.fields["what_they_said"].toPlainText().startswith("说我的卡涉嫌洗钱")
    again.read_button.click()
    assert "转了多少钱：50000元" in window.ctx.speaker.last()


def test_the_report_card_pdf_has_the_text(make_window, qtbot, tmp_path) -> None:
    pdftotext = require_program("pdftotext")
    window = make_window()
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading)
    qtbot.keyClicks(card.fields["receiving_account"], "6222021234567890")
    card.fields["receiving_name"].insert("王某某")
    path = card.save_pdf(tmp_path / "card.pdf")
    assert path is not None
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    assert "6222021234567890" in text.stdout
    assert "王某某" in text.stdout
    assert "收钱的账号" in text.stdout
    assert str(path) in card.saved_to.text()


UNWRITABLE = [
    # The folder exists, but nothing can be created in it (not even by root).
    pytest.param(
        "zh",
        lambda tmp: Path("/proc/guardian-report-card.pdf"),
        marks=pytest.mark.skipif(not Path("/proc").is_dir(), reason="a system without /proc"),
        id="zh-proc",
    ),
    pytest.param("en", lambda tmp: tmp / "no-such-folder" / "card.pdf", id="en-missing-folder"),
]


@pytest.mark.parametrize(("lang", "where"), UNWRITABLE)
def test_a_card_that_cannot_be_written_says_so_and_keeps_what_was_typed(
    make_window, qtbot, speaker, tmp_path, lang, where
) -> None:
    pdftotext = require_program("pdftotext")
    window = make_window(lang)
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading)
    card.fields["receiving_account"].insert("6222021234567890")
    card.fields["what_they_said"].setPlainText("safe account")
    path = where(tmp_path)
    assert card.save_pdf(path) is None
    catalog = load_catalog()
    not_saved = catalog.get(lang, "card.not_saved")
    assert card.saved_to.text() == not_saved
    assert speaker.last() == not_saved
    assert catalog.get(lang, "card.saved") not in [text for text, _ in speaker.said]
    assert not path.exists()
    assert card.fields["receiving_account"].text() == "6222021234567890"
    assert card.fields["what_they_said"].toPlainText() == "safe account"
    # The same card saved to a place that can be written has all of it.
    written = card.save_pdf(tmp_path / "card.pdf")
    assert written is not None
    text = subprocess.run(
        [pdftotext, str(written), "-"], capture_output=True, text=True, check=True
    )
    assert "6222021234567890" in text.stdout and "safe account" in text.stdout
    assert card.saved_to.text() == catalog.get(lang, "card.saved_to", path=str(written))
    assert speaker.last() == catalog.get(lang, "card.saved")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_nothing_typed_is_lost_on_disk(make_window, qtbot, db_path) -> None:
    window = make_window()
    window.open("report_card")
    card = window.current_screen()
    qtbot.waitUntil(lambda: not card._loading)
    card.fields["bank"].insert("建设银行")
    window.ctx.disk.shutdown()  # finishes every queued write
    with sqlite3.connect(db_path) as connection:
        (value,) = connection.execute(
            "select value_json from settings where key = 'report_card'"
        ).fetchone()
    assert "建设银行" in value
