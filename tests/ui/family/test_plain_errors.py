"""Family screens say what went wrong in plain words, never in a system's or a library's own.

Real failures are made (a refused local port, a name that does not exist, a wrong password at
a local SMTP server, a start-up folder that cannot be written, a speech program that fails)
and each family screen that reports them is read: a plain sentence, and none of the raw words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from guardian.alerts.outbox_worker import OutboxWorker
from guardian.core.contacts import Contact, validate_contact
from guardian.core.delivery_problems import PROBLEMS
from guardian.core.i18n import Lang
from guardian.speech.speaker import Speaker
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxStore
from guardian.ui.context import AppContext
from guardian.ui.family.doctor_screen import DoctorScreen
from guardian.ui.family.hub import FamilySettingsScreen
from guardian.ui.family.outbox_status import OutboxStatusScreen
from guardian.ui.family.voice import VoiceSettingsScreen
from tests.alerts.conftest import Mail, free_port, smtp_server  # noqa: F401 (fixture)
from tests.ui.conftest import MakeCtx, RecordingSpeaker

# Words that belong to a system or a library, never on a family screen.
RAW = re.compile(
    r"refused|errno|traceback|exception|connection error|no-such-host|smtp|"
    r"127\.0\.0\.1|\b[a-z][\w.-]*:\d{2,5}\b|permission denied|not a directory|notify|apprise",
    re.IGNORECASE,
)


def raw_words(widget: QWidget) -> list[str]:
    """The shown labels that hold a raw word (the hidden "详细信息" text is not shown)."""
    found = []
    for shown in widget.findChildren(QLabel):
        if shown.isVisibleTo(widget) and RAW.search(shown.text()):
            found.append(shown.text())
    return found


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "guardian.db"


@pytest.fixture
def failed_alerts(db_path: Path, smtp_server: Mail, qtbot) -> Iterator[list[str]]:  # noqa: F811
    """Three alerts that really failed: a refused port, a missing name, a wrong password."""
    channels = [
        {"kind": "json", "fields": {"url": f"http://127.0.0.1:{free_port()}/hook"}},
        {"kind": "json", "fields": {"url": "http://no-such-host.invalid/hook"}},
        {
            "kind": "email",
            "fields": {
                "host": "127.0.0.1",
                "port": str(smtp_server.port),
                "security": "none",
                "username": "grandma",
                "password": "wrong-password",
                "from": "guardian@example.com",
                "to": "son@example.com",
            },
        },
    ]
    result = validate_contact({"name": "小红", "phone": "13812345678", "channels": channels})
    assert result.contact is not None, result.errors
    db = open_database(db_path)
    try:
        contact = ContactStore(db).add(result.contact)
        assert isinstance(contact, Contact)
        store = OutboxStore(db)
        ids = [
            store.enqueue(channel.id or 0, "t", "b", event="test") for channel in contact.channels
        ]
    finally:
        db.close()
    worker = OutboxWorker(db_path, backoff=(60.0,), timeout=3.0, poll_seconds=0.5)
    failed: list[int] = []
    worker.failed.connect(lambda message_id, _error: failed.append(message_id))
    worker.wake()
    qtbot.waitUntil(lambda: set(ids) <= set(failed), timeout=30_000)
    worker.shutdown()
    db = open_database(db_path)
    try:
        errors = [OutboxStore(db).get(i).last_error or "" for i in ids]  # type: ignore[union-attr]
    finally:
        db.close()
    assert all(errors), errors
    assert smtp_server.logins == [("grandma", "wrong-password")]  # the login was really tried
    yield errors


@pytest.fixture
def ctx_on_disk(make_ctx: MakeCtx, db_path: Path, tmp_path: Path) -> MakeCtx:
    """Contexts saving to the test's database, with the test's folder as the data folder."""

    def make(lang: Lang, speaker: Speaker | None = None) -> AppContext:
        return make_ctx(lang, speaker=speaker, db_path=db_path, data_dir=tmp_path)

    return make


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_alerts_page_says_why_in_plain_words(
    failed_alerts: list[str], ctx_on_disk, qtbot, lang: str
) -> None:
    assert any(RAW.search(error) for error in failed_alerts)  # the raw words are real
    ctx = ctx_on_disk(lang)
    screen = OutboxStatusScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: len(screen.messages) == 3, timeout=10_000)
    texts = [screen.row_text(message) for message in screen.messages]
    for text in texts:
        assert not RAW.search(text), text
    everything = "\n".join(texts)
    if lang == "zh":
        assert "网址打不开" in everything and "邮箱连不上，请检查授权码" in everything
    else:
        assert "does not open" in everything and "mailbox cannot be reached" in everything
    assert raw_words(screen) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_computer_check_keeps_the_raw_words_behind_details(
    failed_alerts: list[str], ctx_on_disk, qtbot, lang: str
) -> None:
    ctx = ctx_on_disk(lang)
    screen = DoctorScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: len(screen.results) == 8, timeout=20_000)
    outbox = next(r for r in screen.results if r.check == "outbox")
    assert RAW.search(outbox.detail)  # the check's own line names the server
    assert raw_words(screen) == []
    assert not RAW.search(ctx.speaker.last())  # nor is it read aloud
    reasons = [ctx.pick(PROBLEMS[p]) for p in ("unreachable", "email")]
    assert any(reason in screen.shown_detail(outbox) for reason in reasons)
    # The exact words wait behind "详细信息", as plain text, for a helper on the phone.
    assert screen.details.isVisibleTo(screen) and not screen.details.text.isVisibleTo(screen)
    screen.details.button.click()
    assert screen.details.text.isVisibleTo(screen)
    assert screen.details.text.textFormat().name == "PlainText"
    assert RAW.search(screen.details.details())
    screen.closing()


class _SilentSpeaker(RecordingSpeaker):
    """A speech program that failed with its own words."""

    @property
    def available(self) -> bool:
        return False

    @property
    def unavailable_reason(self) -> str:
        return "speech stopped with an error: aplay: main:831: audio open error: [Errno 2]"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_failed_voice_is_told_in_plain_words(ctx_on_disk, qtbot, lang: str) -> None:
    ctx = ctx_on_disk(lang, _SilentSpeaker())
    voice = VoiceSettingsScreen(ctx)
    qtbot.addWidget(voice)
    assert not RAW.search(voice.status.text()) and "aplay" not in voice.status.text()
    assert ("音箱" if lang == "zh" else "speakers") in voice.status.text()
    doctor = DoctorScreen(ctx)
    qtbot.addWidget(doctor)
    qtbot.waitUntil(lambda: len(doctor.results) == 8, timeout=20_000)
    speech = next(r for r in doctor.results if r.check == "speech")
    assert not speech.ok and "aplay" not in speech.detail
    assert all("aplay" not in text for text in [*raw_words(doctor), ctx.speaker.last()])
    assert "aplay" in doctor.details.details()
    doctor.closing()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_start_up_that_cannot_be_changed_is_told_in_plain_words(
    ctx_on_disk, qtbot, tmp_path: Path, monkeypatch, lang: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".config").write_text("a file where the folder should be")  # a real OSError
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("APPDATA", str(home / "AppData"))
    ctx = ctx_on_disk(lang)
    hub = FamilySettingsScreen(ctx)
    qtbot.addWidget(hub)
    hub.show()
    hub.buttons["autostart"].click()
    assert hub.autostart_message.isVisibleTo(hub)
    shown = hub.autostart_message.text()
    assert shown == ctx.t("family.autostart_failed")
    assert not RAW.search(shown) and str(home) not in shown
    assert raw_words(hub) == []
