"""Family settings driven as a family member would: PIN, contacts, channels, anti-tamper, voice."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel

from guardian.assets import load_catalog
from guardian.core.channels import build_apprise_url
from guardian.core.contacts import (
    ERROR_NAME_REQUIRED,
    ERROR_PHONE_INVALID,
    ChannelConfig,
    Contact,
    parse_phone,
)
from guardian.core.i18n import LANGS, Catalog, Lang
from guardian.core.pin import PinPolicy
from guardian.core.preferences import SETTINGS_KEY, Preferences
from guardian.storage.contacts import ContactStore
from guardian.storage.database import open_database
from guardian.storage.outbox import OutboxMessage, OutboxStore
from guardian.storage.pin_state import PinStore
from guardian.storage.settings import SettingsStore
from guardian.storage.worker import DiskWorker
from guardian.ui.call_card import call_family_route
from guardian.ui.family import family_settings_route
from guardian.ui.family.bank import BankSettingScreen
from guardian.ui.family.channels import ChannelFormScreen, ChannelKindScreen
from guardian.ui.family.contact_form import ContactFormScreen
from guardian.ui.family.contacts import ContactListScreen
from guardian.ui.family.data_folder import DataFolderScreen
from guardian.ui.family.display import DisplaySettingsScreen
from guardian.ui.family.hub import FamilySettingsScreen
from guardian.ui.family.outbox_status import OutboxStatusScreen
from guardian.ui.family.pin import PinScreen
from guardian.ui.family.voice import RATE_STEP, VoiceSettingsScreen
from guardian.ui.history import HistoryScreen
from guardian.ui.home import HomeScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.routes import build_routes
from guardian.ui.screen import Screen
from guardian.ui.theme import TEXT_SIZES_PT
from tests.clock import FakeClock
from tests.ui.conftest import WindowMaker
from tests.ui.test_elder_friendly import problems_on


def family_catalog() -> Catalog:
    """The app's strings (the family settings' are part of them)."""
    return load_catalog()


def family_routes() -> dict[str, Callable[..., Screen]]:
    routes = build_routes()
    routes["family_settings"] = family_settings_route
    routes["call_family"] = call_family_route
    return routes


class Family:
    """The window, its context and disk, and helpers to wait on them."""

    def __init__(self, qtbot, window: MainWindow, disk: DiskWorker, db_path: Path) -> None:
        self.qtbot = qtbot
        self.window = window
        self.ctx = window.ctx
        self.disk = disk
        self.db_path = db_path

    def on_disk(self, job: Callable[[Any], Any]) -> Any:
        box: list[Any] = []
        self.disk.submit(job, on_done=box.append, on_error=box.append)
        self.qtbot.waitUntil(lambda: bool(box))
        if isinstance(box[0], Exception):
            raise box[0]
        return box[0]

    def settle(self) -> None:
        """Wait until every disk job queued so far has answered."""
        self.on_disk(lambda db: None)
        QApplication.processEvents()

    def screen(self) -> Screen:
        screen = self.window.current_screen()
        assert screen is not None
        return screen

    def show(self, screen: Screen) -> Screen:
        self.window.show_screen(screen)
        self.settle()
        return screen

    def add_contact(self, name: str, phone: str, channels: list[ChannelConfig] = ()) -> Contact:  # type: ignore[assignment]
        parsed = parse_phone(phone).phone
        assert parsed is not None
        contact = Contact(name=name, phone=parsed, relationship="daughter", channels=list(channels))
        return self.on_disk(lambda db: ContactStore(db).add(contact))


def read_db(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(db_path)


def stored_contacts(db_path: Path) -> list[Contact]:
    db = open_database(db_path)
    try:
        return ContactStore(db).list()
    finally:
        db.close()


def stored_outbox(db_path: Path) -> list[OutboxMessage]:
    db = open_database(db_path)
    try:
        return list(reversed(OutboxStore(db).recent(100)))
    finally:
        db.close()


EMAIL_FIELDS = {
    "host": "smtp.qq.com",
    "security": "ssl",
    "username": "me@qq.com",
    "password": "abcd1234",
    "from": "me@qq.com",
    "to": "kid@163.com",
}


def make_family(
    make_window: WindowMaker, disk: DiskWorker, db_path: Path, lang: Lang = "zh", step=1
) -> Family:
    """The app's window with the family's screens, saving through ``disk`` to ``db_path``.

    Ask for ``disk`` before ``make_window``: the window then closes before the disk stops.
    """
    window = make_window(
        catalog=family_catalog(),
        lang=lang,
        text_step=step,
        disk=disk,
        data_dir=db_path.parent / "data",
        routes=family_routes(),
        wait_exposed=False,
    )
    return Family(make_window.qtbot, window, disk, db_path)


@pytest.fixture
def family(disk, db_path, make_window: WindowMaker) -> Family:
    return make_family(make_window, disk, db_path)


# -- strings ---------------------------------------------------------------------------------


def type_pin(family: Family, screen: PinScreen, digits: str) -> None:
    """Type ``digits`` on the PIN pad, press OK, and wait for the answer from the disk."""
    screen.pad.type_pin(digits)
    screen.pad.ok_button.click()
    family.settle()


def test_family_strings_exist_in_both_languages() -> None:
    catalog = load_catalog()
    prefixes = ("family.", "pin.", "contacts.", "channel.", "call.", "voice.")
    for lang in LANGS:
        keys = {key for key in catalog.keys(lang) if key.startswith(prefixes)}
        assert len(keys) > 200
        for key in keys:
            assert (catalog.template(lang, key) or "").strip(), f"{lang}:{key}"


def test_first_time_the_pin_is_set_twice_then_asked_for(family: Family, speaker) -> None:
    family.window.open("family_settings")
    screen = family.screen()
    assert isinstance(screen, PinScreen)
    family.settle()
    assert screen.step == "setup"
    type_pin(family, screen, "12")
    assert screen.step == "setup"
    assert "4" in screen.pad.message_text()
    type_pin(family, screen, "1234")
    assert screen.step == "confirm"
    type_pin(family, screen, "4321")
    assert screen.step == "setup"
    assert "不一样" in screen.pad.message_text()
    assert "不一样" in speaker.last()
    type_pin(family, screen, "1234")
    type_pin(family, screen, "1234")
    hub = family.screen()
    assert isinstance(hub, FamilySettingsScreen)
    assert family.on_disk(lambda db: PinStore(db).has_pin())
    # "Back" from the settings goes home, not to the PIN pad.
    family.window.back()
    assert isinstance(family.screen(), HomeScreen)

    family.window.open("family_settings")
    gate = family.screen()
    assert isinstance(gate, PinScreen)
    family.settle()
    assert gate.step == "entry"
    type_pin(family, gate, "9999")
    assert "还可以再试4次" in gate.pad.message_text()
    assert gate.pad.pin() == ""
    type_pin(family, gate, "1234")
    assert isinstance(family.screen(), FamilySettingsScreen)


def test_five_wrong_pins_lock_for_five_minutes_even_after_reopening(
    family: Family, speaker
) -> None:
    family.on_disk(lambda db: PinStore(db).set_pin("2468"))
    clock = FakeClock()
    policy = PinPolicy(clock)
    screen = family.show(PinScreen(family.ctx, policy=policy))
    assert isinstance(screen, PinScreen)
    assert screen.step == "entry"
    for _ in range(5):
        type_pin(family, screen, "1111")
    assert screen.step == "locked"
    assert "5分钟" in screen.pad.message_text()
    assert "5分钟" in speaker.last()
    assert not screen.pad.ok_button.isEnabled()
    assert not screen.pad.keys["1"].isEnabled()
    screen.pad.type_pin("2468")
    assert screen.pad.pin() == ""  # nothing can be typed while locked

    # A fresh screen and a fresh connection see the same lock.
    family.window.back()
    again = family.show(PinScreen(family.ctx, policy=policy))
    assert isinstance(again, PinScreen)
    assert again.step == "locked"
    db = open_database(family.db_path)
    try:
        assert PinStore(db, policy).seconds_locked() == pytest.approx(300)
    finally:
        db.close()

    # The minutes left change once a minute, not every second.
    clock.now += 4 * 60 + 10
    again.refresh_lock()
    family.settle()
    assert "1分钟" in again.pad.message_text()
    clock.now += 60
    again.refresh_lock()
    family.settle()
    assert again.step == "entry"
    type_pin(family, again, "2468")
    assert isinstance(family.screen(), FamilySettingsScreen)


def test_the_lock_is_checked_again_once_a_minute(family: Family) -> None:
    family.on_disk(lambda db: PinStore(db).set_pin("2468"))
    screen = family.show(PinScreen(family.ctx, policy=PinPolicy(FakeClock())))
    assert isinstance(screen, PinScreen)
    for _ in range(5):
        type_pin(family, screen, "1111")
    assert screen._lock_timer.isActive()
    assert screen._lock_timer.interval() == 60_000
    family.window.back()
    assert not screen._lock_timer.isActive()


def test_changing_the_pin_from_the_settings(family: Family) -> None:
    family.on_disk(lambda db: PinStore(db).set_pin("2468"))
    family.show(FamilySettingsScreen(family.ctx))
    hub = family.screen()
    assert isinstance(hub, FamilySettingsScreen)
    hub.buttons["pin"].click()
    change = family.screen()
    assert isinstance(change, PinScreen)
    assert change.step == "setup"
    type_pin(family, change, "135790")
    type_pin(family, change, "135790")
    assert isinstance(family.screen(), FamilySettingsScreen)
    attempt = family.on_disk(
        lambda db: PinStore(db).try_pin("135790", words=lambda key, **values: key)
    )
    assert attempt.outcome == "ok"


# -- contacts --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contact_form_shows_each_error_under_its_field_and_reads_it(
    speaker, disk, db_path, make_window: WindowMaker, lang: Lang
) -> None:
    family = make_family(make_window, disk, db_path, lang)
    form = family.show(ContactFormScreen(family.ctx, None))
    assert isinstance(form, ContactFormScreen)
    form.phone_edit.setText("12")
    form.save_button.click()
    errors = form.errors()
    name_required = load_catalog().get(lang, ERROR_NAME_REQUIRED.key)
    phone_invalid = load_catalog().get(lang, ERROR_PHONE_INVALID.key)
    assert name_required == {"zh": "请填写名字", "en": "Please enter a name"}[lang]
    assert errors["name"] == name_required
    assert errors["phone"] == phone_invalid
    assert form.fields["name"].error.isVisibleTo(form)
    assert form.fields["phone"].error.isVisibleTo(form)
    assert "relationship" not in errors
    spoken = speaker.last()
    assert name_required in spoken
    assert phone_invalid in spoken
    assert stored_contacts(db_path) == []
    # Typing in a field takes its error away.
    form.name_edit.setText("Li" if lang == "en" else "李梅")
    assert "name" not in form.errors()


def fill_channel(family: Family, form: ContactFormScreen, kind: str, values: dict[str, str]):
    form.add_channel_button.click()
    picker = family.screen()
    assert isinstance(picker, ChannelKindScreen)
    picker.buttons[kind].click()
    channel_form = family.screen()
    assert isinstance(channel_form, ChannelFormScreen)
    for name, value in values.items():
        channel_form.set_value(name, value)
    channel_form.ok_button.click()
    assert family.screen() is form


def test_add_two_contacts_with_an_email_and_a_json_webhook_channel(family: Family) -> None:
    family.show(FamilySettingsScreen(family.ctx))
    family.screen().buttons["contacts"].click()  # type: ignore[attr-defined]
    contacts = family.screen()
    assert isinstance(contacts, ContactListScreen)
    family.settle()
    assert contacts.empty.isVisibleTo(contacts)

    contacts.add_button.click()
    form = family.screen()
    assert isinstance(form, ContactFormScreen)
    form.name_edit.setText("大女儿")
    form.relationship_box.setCurrentText("女儿")
    form.phone_edit.setText("138 1234 5678")
    fill_channel(family, form, "email", EMAIL_FIELDS)
    assert "还没保存" in form.channel_rows[0].text.text()
    assert "abcd1234" not in form.channel_rows[0].text.text()
    form.save_button.click()
    family.settle()
    assert form.saved is not None
    assert form.queued_alerts == []  # no channel existed before: nobody to warn
    family.window.back()
    assert family.screen() is contacts
    family.settle()

    contacts.add_button.click()
    form2 = family.screen()
    assert isinstance(form2, ContactFormScreen)
    form2.name_edit.setText("小儿子")
    form2.relationship_box.setCurrentText("儿子")
    form2.phone_edit.setText("010-1234 5678")
    fill_channel(family, form2, "json", {"url": "https://example.com/hook"})
    form2.save_button.click()
    family.settle()
    family.window.back()
    family.settle()

    stored = stored_contacts(family.db_path)
    assert [c.name for c in stored] == ["大女儿", "小儿子"]
    assert stored[0].primary and not stored[1].primary
    assert stored[0].relationship == "daughter"
    assert stored[1].phone.e164 == "+861012345678"
    email = stored[0].channels[0]
    assert build_apprise_url(email.kind, email.fields) == (
        "mailtos://me%40qq.com:abcd1234@smtp.qq.com:465"
        "?smtp=smtp.qq.com&from=me@qq.com&to=kid@163.com&mode=ssl"
    )
    webhook = stored[1].channels[0]
    assert build_apprise_url(webhook.kind, webhook.fields) == "jsons://example.com/hook"
    # The second contact was added while the first had a channel: the family was told.
    warnings = [m for m in stored_outbox(family.db_path) if m.event == "settings_changed"]
    assert [m.channel_id for m in warnings] == [email.id]
    assert "小儿子" in warnings[0].body

    assert list(contacts.rows) == [c.id for c in stored]
    first_row = contacts.rows[stored[0].id or 0].full_text
    assert "主要联系人" in first_row
    assert "电子邮件" in first_row


def test_channel_form_errors_are_under_their_fields(family: Family, speaker) -> None:
    done: list[ChannelConfig] = []
    form = family.show(ChannelFormScreen(family.ctx, "email", None, done.append))
    assert isinstance(form, ChannelFormScreen)
    form.set_value("host", "not a host")
    form.set_value("to", "nobody")
    form.ok_button.click()
    errors = form.errors()
    assert set(errors) >= {"host", "from", "to"}
    assert done == []
    assert "邮箱地址不对" in speaker.last()
    from PySide6.QtWidgets import QLineEdit

    password = form.inputs["password"]
    assert isinstance(password, QLineEdit)
    assert password.echoMode() == QLineEdit.EchoMode.Password


def test_editing_a_contact_first_warns_the_channels_that_existed_before(family: Family) -> None:
    anna = family.add_contact("安娜", "13812345678", [ChannelConfig("email", EMAIL_FIELDS)])
    ben = family.add_contact(
        "本", "13912345678", [ChannelConfig("json", {"url": "https://example.com/ben"})]
    )
    old_email = anna.channels[0].id
    ben_hook = ben.channels[0].id
    form = family.show(ContactFormScreen(family.ctx, anna))
    assert isinstance(form, ContactFormScreen)
    form.phone_edit.setText("170 1234 5678")
    form.channel_rows[0].remove_button.click()
    form.channel_rows[0].remove_button.click()  # the second press removes it
    assert form.channels == []
    fill_channel(family, form, "json", {"url": "https://evil.example.com/x"})
    form.save_button.click()
    family.settle()

    messages = stored_outbox(family.db_path)
    assert {m.channel_id for m in messages} == {old_email, ben_hook}
    assert all(m.event == "settings_changed" and m.status == "queued" for m in messages)
    body = messages[0].body
    assert "138 1234 5678" in body and "170 1234 5678" in body
    assert "删除了提醒方式" in body and "新加了提醒方式" in body
    stored = stored_contacts(family.db_path)[0]
    assert stored.phone.e164 == "+8617012345678"
    assert [c.kind for c in stored.channels] == ["json"]


def test_changing_the_webhook_warns_its_old_address(family: Family) -> None:
    anna = family.add_contact(
        "安娜", "13812345678", [ChannelConfig("json", {"url": "https://family.example.com/hook"})]
    )
    form = family.show(ContactFormScreen(family.ctx, anna))
    assert isinstance(form, ContactFormScreen)
    form.channel_rows[0].edit_button.click()
    channel_form = family.screen()
    assert isinstance(channel_form, ChannelFormScreen)
    channel_form.set_value("url", "https://elsewhere.example.com/x")
    channel_form.ok_button.click()
    assert family.screen() is form
    form.phone_edit.setText("170 1234 5678")
    form.save_button.click()
    family.settle()

    [warning] = stored_outbox(family.db_path)
    assert warning.event == "settings_changed" and warning.channel_id == anna.channels[0].id
    assert "138 1234 5678" in warning.body and "170 1234 5678" in warning.body
    stored = stored_contacts(family.db_path)[0]
    assert stored.channels[0].id == anna.channels[0].id
    assert stored.channels[0].fields["url"] == "https://elsewhere.example.com/x"
    db = open_database(family.db_path)
    try:
        destination = OutboxStore(db).destination(warning)
    finally:
        db.close()
    assert destination is not None and destination.url == "jsons://family.example.com/hook"


def test_a_contact_is_deleted_only_on_the_second_press(family: Family, speaker) -> None:
    anna = family.add_contact("安娜", "13812345678", [ChannelConfig("email", EMAIL_FIELDS)])
    family.show(ContactListScreen(family.ctx))
    form = family.show(ContactFormScreen(family.ctx, anna))
    assert isinstance(form, ContactFormScreen)
    form.delete_button.click()
    family.settle()
    assert len(stored_contacts(family.db_path)) == 1
    assert "再按一次" in speaker.last()
    form.delete_button.click()
    family.settle()
    assert stored_contacts(family.db_path) == []
    assert isinstance(family.screen(), ContactListScreen)
    warnings = stored_outbox(family.db_path)
    assert [m.event for m in warnings] == ["settings_changed"]
    assert "删除了联系人" in warnings[0].body


def test_reorder_and_primary_are_saved_and_reported(family: Family) -> None:
    anna = family.add_contact("安娜", "13812345678", [ChannelConfig("email", EMAIL_FIELDS)])
    ben = family.add_contact("本", "13912345678")
    screen = family.show(ContactListScreen(family.ctx))
    assert isinstance(screen, ContactListScreen)
    assert not screen.rows[anna.id or 0].buttons[1].isEnabled()  # the first cannot move up
    screen.rows[ben.id or 0].buttons[1].click()  # move up
    family.settle()
    assert [c.name for c in stored_contacts(family.db_path)] == ["本", "安娜"]
    screen.rows[ben.id or 0].buttons[3].click()  # make primary
    family.settle()
    stored = stored_contacts(family.db_path)
    assert stored[0].primary
    bodies = [m.body for m in stored_outbox(family.db_path)]
    assert len(bodies) == 2
    assert "顺序" in bodies[0] and "主要联系人改成了 本" in bodies[1]


def test_back_from_a_changed_contact_asks_whether_to_save(family: Family, speaker) -> None:
    form = family.show(ContactFormScreen(family.ctx, None))
    assert isinstance(form, ContactFormScreen)
    form.name_edit.setText("安娜")
    family.window.back()
    assert family.screen() is form
    assert form.leave_prompt_shown()
    assert speaker.last() == "还没保存，要保存吗？"
    assert [b.label() for b in (form.prompt_save, form.prompt_discard, form.prompt_continue)] == [
        "保存",
        "不保存",
        "接着填",
    ]
    assert not form.action_bar.isVisibleTo(form)  # the question's buttons in place of the page's
    # "Keep filling in": nothing lost.
    form.prompt_continue.click()
    assert family.screen() is form and not form.leave_prompt_shown()
    assert form.name_edit.text() == "安娜" and form.action_bar.isVisibleTo(form)
    # "Save" with a field missing: the errors show and the form stays.
    family.window.back()
    form.prompt_save.click()
    family.settle()
    assert family.screen() is form and "phone" in form.errors()
    assert stored_contacts(family.db_path) == []
    # "Don't save": the form closes without saving.
    family.window.back()
    form.prompt_discard.click()
    assert family.screen() is not form
    assert stored_contacts(family.db_path) == []


def test_a_form_nobody_changed_closes_without_asking(family: Family) -> None:
    anna = family.add_contact("安娜", "13812345678", [ChannelConfig("email", EMAIL_FIELDS)])
    form = family.show(ContactFormScreen(family.ctx, anna))
    family.window.back()
    assert family.screen() is not form
    channel = family.show(ChannelFormScreen(family.ctx, "email", anna.channels[0], lambda c: None))
    family.window.home()
    assert family.screen() is not channel and family.window.stack.count() == 1


def test_home_asks_for_each_changed_form_and_saves_what_was_chosen(family: Family) -> None:
    form = family.show(ContactFormScreen(family.ctx, None))
    assert isinstance(form, ContactFormScreen)
    form.name_edit.setText("大女儿")
    form.phone_edit.setText("138 1234 5678")
    form.add_channel_button.click()
    family.screen().buttons["pushplus"].click()  # type: ignore[attr-defined]
    channel_form = family.screen()
    assert isinstance(channel_form, ChannelFormScreen)
    channel_form.set_value("token", "0123456789abcdef0123456789abcdef")
    # Home from the channel's form: it asks there first...
    family.window.home()
    assert family.screen() is channel_form and channel_form.leave_prompt_shown()
    channel_form.prompt_save.click()
    # ...then the channel is on the contact, which asks in turn...
    assert family.screen() is form and form.leave_prompt_shown()
    assert [c.kind for c in form.channels] == ["pushplus"]
    form.prompt_save.click()
    family.settle()
    # ...and once it is saved, home goes on.
    assert family.window.stack.count() == 1
    [saved] = stored_contacts(family.db_path)
    assert saved.name == "大女儿"
    assert build_apprise_url(saved.channels[0].kind, saved.channels[0].fields) == (
        "pushplus://0123456789abcdef0123456789abcdef"
    )


def test_home_with_an_unsaved_text_size_asks_first(family: Family) -> None:
    screen = family.show(DisplaySettingsScreen(family.ctx))
    assert isinstance(screen, DisplaySettingsScreen)
    screen.size_buttons[3].click()
    family.window.home()
    assert family.screen() is screen and screen.leave_prompt_shown()
    screen.prompt_discard.click()
    assert family.window.stack.count() == 1
    assert family.ctx.text_step == 1


def test_wechat_comes_first_and_the_rest_waits_behind_more(family: Family) -> None:
    kinds = family.show(ChannelKindScreen(family.ctx, "安娜", lambda channel: None))
    assert isinstance(kinds, ChannelKindScreen)
    shown = [k for k, b in kinds.buttons.items() if b.isVisibleTo(kinds)]
    assert shown[:3] == ["pushplus", "serverchan", "wxpusher"]
    assert shown == ["pushplus", "serverchan", "wxpusher", "qqmail", "163mail", "email"]
    texts = [lbl.text() for lbl in kinds.findChildren(QLabel) if lbl.isVisibleTo(kinds)]
    assert texts.index("微信提醒（推荐）") < texts.index("邮箱提醒")
    assert kinds.more_button.label() == "更多（懂电脑的人用）"
    assert "最简单" not in " ".join(texts)
    kinds.more_button.click()
    assert kinds.buttons["dingtalk"].isVisibleTo(kinds)
    assert kinds.buttons["custom"].isVisibleTo(kinds)
    assert not kinds.more_button.isVisibleTo(kinds)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("pushplus", "www.pushplus.plus"),
        ("serverchan", "sct.ftqq.com"),
        ("wxpusher", "wxpusher.zjiecode.com"),
    ],
)
def test_each_wechat_form_says_where_the_token_comes_from(
    speaker, disk, db_path, make_window: WindowMaker, kind: str, where: str, lang: Lang
) -> None:
    family = make_family(make_window, disk, db_path, lang)
    form = family.show(ChannelFormScreen(family.ctx, kind, None, lambda channel: None))
    assert isinstance(form, ChannelFormScreen)
    steps = form.intro.text()
    assert where in steps
    assert ("微信扫码" if lang == "zh" else "WeChat") in steps
    assert steps in speaker.last()


@pytest.mark.parametrize(
    ("kind", "address", "host", "where"),
    [
        ("qqmail", "kid@qq.com", "smtp.qq.com", "QQ邮箱 设置→账户→开启SMTP服务后生成授权码"),
        ("163mail", "kid@163.com", "smtp.163.com", "163邮箱 设置→POP3/SMTP/IMAP→开启后得到授权码"),
    ],
)
def test_a_mail_preset_asks_only_for_the_address_and_the_code(
    family: Family, kind: str, address: str, host: str, where: str
) -> None:
    form = family.show(ContactFormScreen(family.ctx, None))
    assert isinstance(form, ContactFormScreen)
    form.name_edit.setText("儿子")
    form.phone_edit.setText("138 1234 5678")
    form.add_channel_button.click()
    family.screen().buttons[kind].click()  # type: ignore[attr-defined]
    channel_form = family.screen()
    assert isinstance(channel_form, ChannelFormScreen)
    assert list(channel_form.inputs) == ["address", "code"]
    hint = channel_form.fields["code"].hint
    assert hint is not None and hint.text() == where
    channel_form.set_value("address", address)
    channel_form.set_value("code", "abcd efgh ijkl mnop")
    channel_form.ok_button.click()
    assert family.screen() is form
    assert address in form.channel_rows[0].text.text()
    form.save_button.click()
    family.settle()
    [saved] = stored_contacts(family.db_path)
    url = build_apprise_url(saved.channels[0].kind, saved.channels[0].fields)
    assert f"@{host}:465?" in url and "abcdefghijklmnop" in url


def test_a_test_alert_is_queued_for_the_saved_channels(family: Family) -> None:
    woken: list[bool] = []

    class Outbox:
        def wake(self) -> None:
            woken.append(True)

    family.ctx.services = replace(family.ctx.services, outbox=Outbox())
    anna = family.add_contact("安娜", "13812345678", [ChannelConfig("email", EMAIL_FIELDS)])
    form = family.show(ContactFormScreen(family.ctx, anna))
    assert isinstance(form, ContactFormScreen)
    form.test_button.click()
    family.settle()
    messages = stored_outbox(family.db_path)
    assert [(m.event, m.channel_id) for m in messages] == [("test", anna.channels[0].id)]
    assert woken
    assert "1" in form.message.text()


def test_a_photo_is_copied_square_into_the_data_folder(family: Family, tmp_path: Path) -> None:
    source = tmp_path / "big.png"
    image = QImage(800, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(source))
    form = family.show(ContactFormScreen(family.ctx, None))
    assert isinstance(form, ContactFormScreen)
    form.use_photo(source)
    family.settle()
    assert form.photo_path is not None
    copy = Path(form.photo_path)
    assert copy.parent == family.db_path.parent / "data" / "photos"
    saved = QImage(str(copy))
    assert (saved.width(), saved.height()) == (256, 256)
    form.use_photo(tmp_path / "missing.png")
    family.settle()
    assert "照片打不开" in form.errors()["photo_path"]


# -- voice, text, bank, outbox, data -----------------------------------------------------------


def stored_preferences(family: Family) -> Preferences:
    return family.on_disk(lambda db: Preferences.from_mapping(SettingsStore(db).get(SETTINGS_KEY)))


def test_voice_controls_change_the_speaker_and_are_saved(family: Family, speaker) -> None:
    screen = family.show(VoiceSettingsScreen(family.ctx))
    assert isinstance(screen, VoiceSettingsScreen)
    start = speaker.rate_for("zh")
    screen.faster.click()
    screen.faster.click()
    assert speaker.rate == start + 2 * RATE_STEP
    screen.slower.click()
    assert speaker.rate == start + RATE_STEP
    volume = speaker.volume
    screen.louder.click()
    assert speaker.volume == pytest.approx(volume + 0.1)
    screen.auto_button.click()
    assert family.ctx.auto_read is False
    family.settle()
    prefs = stored_preferences(family)
    assert prefs.speech_rate == start + RATE_STEP
    assert prefs.speech_volume == pytest.approx(volume + 0.1)
    assert prefs.auto_read is False
    screen.test_button.click()
    assert speaker.last() == family.ctx.t("voice.test_sentence")


def test_the_bank_choice_applies_at_once_and_is_saved(family: Family) -> None:
    screen = family.show(BankSettingScreen(family.ctx))
    assert isinstance(screen, BankSettingScreen)
    bank_id = screen.banks[0].id
    screen.buttons[bank_id].click()
    family.settle()
    assert family.ctx.bank_hotline == bank_id
    assert stored_preferences(family).bank_hotline == bank_id
    assert "已选" in screen.buttons[bank_id].text_widget.text()
    screen.buttons[""].click()
    family.settle()
    assert stored_preferences(family).bank_hotline is None


def test_text_size_and_language_apply_on_save(family: Family) -> None:
    screen = family.show(DisplaySettingsScreen(family.ctx))
    assert isinstance(screen, DisplaySettingsScreen)
    screen.choose_step(3)
    screen.choose_lang("en")
    assert family.ctx.text_step == 1  # nothing changes before "save"
    screen.save_button.click()
    family.settle()
    assert (family.ctx.text_step, family.ctx.lang) == (3, "en")
    assert isinstance(family.screen(), HomeScreen)
    prefs = stored_preferences(family)
    assert (prefs.text_step, prefs.lang) == (3, "en")


def test_the_outbox_shows_each_alert_and_retries_on_request(family: Family) -> None:
    retried: list[bool] = []

    class Outbox(QObject):
        delivered = Signal(int)
        failed = Signal(int, str)

        def wake(self) -> None:
            pass

        def retry_now(self) -> None:
            retried.append(True)

    anna = family.add_contact("安娜", "13812345678", [ChannelConfig("email", EMAIL_FIELDS)])
    channel_id = anna.channels[0].id or 0

    def queue(db) -> None:
        store = OutboxStore(db)
        first = store.enqueue(channel_id, "t", "b", event="test")
        store.claim(first)
        store.mark_retry(first, "connection refused by smtp.qq.com", 30)
        second = store.enqueue(channel_id, "t", "b", event="high_verdict")
        store.claim(second)
        store.mark_delivered(second)

    family.on_disk(queue)
    family.ctx.services = replace(family.ctx.services, outbox=Outbox())
    screen = family.show(OutboxStatusScreen(family.ctx))
    assert isinstance(screen, OutboxStatusScreen)
    assert len(screen.rows) == 2
    newest, oldest = (screen.row_text(m) for m in screen.messages)
    assert "已送到" in newest and "安娜" in newest
    assert "等待发送" in oldest and "原因：邮箱连不上，请检查授权码" in oldest
    assert "connection refused" not in oldest  # the technical words stay in the log
    assert "abcd1234" not in newest + oldest
    screen.retry_button.click()
    assert retried


def test_the_outbox_says_in_plain_words_why_an_alert_was_given_up(family: Family) -> None:
    anna = family.add_contact("安娜", "13812345678", [ChannelConfig("email", EMAIL_FIELDS)])
    channel_id = anna.channels[0].id or 0

    def queue(db) -> None:
        store = OutboxStore(db)
        refused = store.enqueue(channel_id, "t", "b", event="money_sent")
        store.claim(refused)
        store.mark_failed(refused, "Not Found, error=404.", "refused", refused=True)
        later = store.enqueue(channel_id, "t", "b", event="high_verdict")
        store.claim(later)
        store.mark_delivered(later)

    family.on_disk(queue)
    screen = family.show(OutboxStatusScreen(family.ctx))
    assert isinstance(screen, OutboxStatusScreen)
    delivered, refused = (screen.row_text(m) for m in screen.messages)
    assert "已送到" in delivered
    assert "发不出去了" in refused
    assert family.ctx.t("family.outbox_failed_refused") in refused
    assert "没能送到的有 1 条" in screen.summary.text()
    assert "没能送到" in screen.spoken_text()


def test_the_data_folder_is_shown_with_the_reset_note(family: Family) -> None:
    screen = family.show(DataFolderScreen(family.ctx))
    assert isinstance(screen, DataFolderScreen)
    assert screen.path_label.text() == str(family.db_path.parent / "data")


def test_history_opens_from_the_settings(family: Family) -> None:
    family.show(FamilySettingsScreen(family.ctx))
    family.screen().buttons["history"].click()  # type: ignore[attr-defined]
    assert isinstance(family.screen(), HistoryScreen)


# -- every family screen meets the elder-friendly bar --------------------------------------------


def _seed_two(family: Family) -> list[Contact]:
    return [
        family.add_contact("安娜", "13812345678", [ChannelConfig("email", EMAIL_FIELDS)]),
        family.add_contact("本", "13912345678"),
    ]


def _pin(family: Family) -> None:
    family.show(PinScreen(family.ctx))


def _hub(family: Family) -> None:
    family.show(FamilySettingsScreen(family.ctx))


def _contacts(family: Family) -> None:
    _seed_two(family)
    family.show(ContactListScreen(family.ctx))


def _form_errors(family: Family) -> None:
    contacts = _seed_two(family)
    form = family.show(ContactFormScreen(family.ctx, contacts[0]))
    assert isinstance(form, ContactFormScreen)
    form.name_edit.setText("")
    form.phone_edit.setText("12")
    form.save_button.click()


def _kinds(family: Family) -> None:
    family.show(ChannelKindScreen(family.ctx, "安娜", lambda channel: None))


def _kinds_more(family: Family) -> None:
    kinds = family.show(ChannelKindScreen(family.ctx, "安娜", lambda channel: None))
    assert isinstance(kinds, ChannelKindScreen)
    kinds.more_button.click()


def _wechat_form(family: Family) -> None:
    form = family.show(ChannelFormScreen(family.ctx, "wxpusher", None, lambda channel: None))
    assert isinstance(form, ChannelFormScreen)
    form.set_value("app_token", "not a token")
    form.ok_button.click()


def _leave_prompt(family: Family) -> None:
    form = family.show(ContactFormScreen(family.ctx, None))
    assert isinstance(form, ContactFormScreen)
    form.name_edit.setText("安娜")
    family.window.back()
    assert form.leave_prompt_shown()


def _channel_form(family: Family) -> None:
    form = family.show(ChannelFormScreen(family.ctx, "email", None, lambda channel: None))
    assert isinstance(form, ChannelFormScreen)
    form.ok_button.click()


def _voice(family: Family) -> None:
    family.show(VoiceSettingsScreen(family.ctx))


def _display(family: Family) -> None:
    family.show(DisplaySettingsScreen(family.ctx))


def _bank(family: Family) -> None:
    family.show(BankSettingScreen(family.ctx))


def _outbox(family: Family) -> None:
    contacts = _seed_two(family)
    channel_id = contacts[0].channels[0].id or 0
    family.on_disk(lambda db: OutboxStore(db).enqueue(channel_id, "t", "b", event="test"))
    family.show(OutboxStatusScreen(family.ctx))


def _data(family: Family) -> None:
    family.show(DataFolderScreen(family.ctx))


FAMILY_SCENES: dict[str, Callable[[Family], None]] = {
    "pin": _pin,
    "hub": _hub,
    "contacts": _contacts,
    "form-errors": _form_errors,
    "kinds": _kinds,
    "kinds-more": _kinds_more,
    "channel-form": _channel_form,
    "wechat-form": _wechat_form,
    "leave-prompt": _leave_prompt,
    "voice": _voice,
    "display": _display,
    "bank": _bank,
    "outbox": _outbox,
    "data": _data,
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_SIZES_PT) - 1])
@pytest.mark.parametrize("scene", list(FAMILY_SCENES))
def test_every_family_screen_meets_the_bar(
    disk, db_path, make_window: WindowMaker, scene: str, lang: Lang, step: int
) -> None:
    family = make_family(make_window, disk, db_path, lang, step)
    FAMILY_SCENES[scene](family)
    family.settle()
    assert problems_on(family.window, step) == []
