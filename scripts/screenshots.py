"""Write a PNG of every screen, in Chinese and English, at the default and the largest text size.

Usage: python scripts/screenshots.py OUTPUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea

from guardian.app import StartOptions, build_window, shutdown
from guardian.core.i18n import LANGS, Lang
from guardian.core.records import CheckRecord
from guardian.core.remote_apps import ProcessInfo, match_processes
from guardian.core.risk import Answer
from guardian.guard.scan import load_remote_apps
from guardian.speech.speaker import Speaker
from guardian.storage.checks import CheckStore
from guardian.ui.check_call import CheckCallScreen
from guardian.ui.check_message import CheckMessageScreen
from guardian.ui.demo.screenshot_scenes import (
    demo_line,
    demo_picker,
    demo_reveal,
    demo_reveal_last,
    demo_reveal_middle,
)
from guardian.ui.family import screenshot_scenes as family_scenes
from guardian.ui.family import setup_scenes
from guardian.ui.family.screenshot_scenes import wait_for
from guardian.ui.history import HistoryScreen
from guardian.ui.history_detail import HistoryDetailScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.money_sent import MoneySentScreen
from guardian.ui.remote_warning import RemoteAppWarningScreen
from guardian.ui.report_card import ReportCardScreen
from guardian.ui.theme import TEXT_SIZES_PT

Scene = Callable[[MainWindow], None]


class PictureSpeaker(Speaker):
    """A voice that works but is not heard: the pictures show a computer whose speech works,
    whatever the sound card of the machine that makes them (often none)."""

    @property
    def available(self) -> bool:
        """Always: the header shows no "voice unavailable" mark."""
        return True

    def say(self, text: str, lang: Lang) -> None:
        """Say nothing."""

    def stop(self) -> None:
        """Nothing to stop."""


def home(window: MainWindow) -> None:
    """The home screen as it opens."""


def placeholder(window: MainWindow) -> None:
    """A part of the app that is not ready yet."""
    window.open("demo")


def check(window: MainWindow) -> CheckCallScreen:
    """Open the suspicious-call check."""
    window.open("check_call")
    screen = window.current_screen()
    assert isinstance(screen, CheckCallScreen)
    return screen


def check_number(window: MainWindow) -> None:
    """The caller's number, half typed."""
    screen = check(window)
    for key in "1701234":
        screen.number_step.keys[key].click()


def check_caller(window: MainWindow) -> None:
    """Who did the caller say they were?"""
    check(window).number_step.skip_button.click()


def check_caller_more(window: MainWindow) -> None:
    """The second page of callers, behind "someone else"."""
    screen = check(window)
    screen.number_step.skip_button.click()
    assert screen.caller_step.more_button is not None
    screen.caller_step.more_button.click()


def check_question(window: MainWindow) -> None:
    """The first question for a caller who said they were the police."""
    screen = check(window)
    screen.number_step.skip_button.click()
    screen.caller_step.buttons["police"].click()


def answer_all(window: MainWindow, number: str, caller: str, answers: dict[str, str]) -> None:
    """Run a whole check: answers by signal id, "no" for every other question."""
    screen = check(window)
    if number:
        screen.number_step.field.setText(number)
        screen.number_step.next_button.click()
    else:
        screen.number_step.skip_button.click()
    screen.caller_step.buttons[caller].click()
    while screen.verdict is None:
        signal = screen.question_step.signal
        assert signal is not None
        screen.question_step.buttons[Answer(answers.get(signal.id, "no"))].click()
        QApplication.processEvents()
        wait_for(lambda s=signal: screen.verdict is not None or screen.question_step.signal != s)


def verdict_high(window: MainWindow) -> None:
    """Fake police asking for a transfer to a "safe account": stopped at once."""
    answer_all(window, "", "police", {"safe_account": "yes", "official_wants_money": "yes"})


def verdict_medium(window: MainWindow) -> None:
    """A "grandchild" in trouble: one strong signal."""
    answer_all(window, "", "relative", {"relative_in_trouble": "yes"})


def verdict_low(window: MainWindow) -> None:
    """An ordinary call: every answer "no"."""
    answer_all(window, "", "courier", {})


def hotline_110(window: MainWindow) -> None:
    """The 110 card."""
    window.open("call_police")


def hotline_96110(window: MainWindow) -> None:
    """The 96110 card."""
    window.open("call_antifraud")


def call_card_dialling(window: MainWindow) -> None:
    """The family's card where the computer dials (as with Phone Link): the call has started."""
    window.ctx.services = replace(window.ctx.services, find_phone_handler=lambda lang: "Phone Link")
    family_scenes.call_card_with_handler(window)


def tip(window: MainWindow) -> None:
    """Today's tip."""
    window.open("tip")


def money_sent(window: MainWindow) -> None:
    """The steps after money was sent: the first one, hang up."""
    window.open("money_sent")


def _money_step(window: MainWindow, step: str) -> MoneySentScreen:
    window.open("money_sent")
    screen = window.current_screen()
    assert isinstance(screen, MoneySentScreen)
    for _ in range(screen.order().index(step)):
        screen.next_button.click()  # each step before it done, and ticked
    return screen


def money_sent_bank(window: MainWindow) -> None:
    """Step 2: how the money left, to know whom to call to stop it."""
    _money_step(window, "bank")


def money_sent_calls(window: MainWindow) -> None:
    """Step 2 answered "I don't know": the bank, WeChat Pay and Alipay."""
    _money_step(window, "bank").choose_payment("unknown")


def money_sent_police(window: MainWindow) -> None:
    """Step 3: call 110."""
    _money_step(window, "police")


def money_sent_card(window: MainWindow) -> None:
    """Step 5: print the report card for the police."""
    _money_step(window, "card")


def money_sent_sharing(window: MainWindow) -> None:
    """A remote-control program still runs: closing it is the first step."""
    window.open("money_sent")
    screen = window.current_screen()
    assert isinstance(screen, MoneySentScreen)
    found = match_processes(load_remote_apps(), [ProcessInfo(1, "AnyDesk.exe", None)], "win32")
    screen.programs_changed(found)
    screen.go_to("sharing")


def money_sent_done(window: MainWindow) -> None:
    """Every step done: well done, and a fee to get the money back is the same fraud."""
    screen = _money_step(window, "card")
    screen.next_button.click()


def bank_choice(window: MainWindow) -> None:
    """Which bank to call: the first page of banks."""
    window.open("call_bank")


def report_card(window: MainWindow) -> None:
    """The report card as it opens, filled in from the latest check."""
    ctx = window.ctx
    when = ctx.now() - timedelta(minutes=40)
    record = CheckRecord(
        kind="call",
        status="finished",
        level="high",
        signals=["safe_account", "official_wants_money"],
        caller_number="+8617012345678",
        caller_type="police",
        started_at=when,
        updated_at=when,
        lang=ctx.lang,
    )
    done: list[bool] = []
    assert ctx.disk is not None
    ctx.disk.submit(lambda db: CheckStore(db).save(record), on_done=lambda _: done.append(True))
    wait_for(lambda: bool(done))
    window.open("report_card")
    screen = window.current_screen()
    assert isinstance(screen, ReportCardScreen)
    wait_for(lambda: not screen._loading)


def report_card_form(window: MainWindow) -> None:
    """The report card's form, for the family or the police, partly filled in."""
    report_card(window)
    screen = window.current_screen()
    assert isinstance(screen, ReportCardScreen)
    screen.show_form()
    name = "王某某" if window.ctx.lang == "zh" else "Wang"
    typed = {"receiving_account": "6222 0212 3456 7890", "receiving_name": name, "amount": "50000"}
    for field, text in typed.items():
        box = screen.fields[field]
        assert isinstance(box, QLineEdit)
        box.setText(text)


def seed_history(window: MainWindow, count: int = 30) -> None:
    """Save ``count`` example checks spread over the last weeks."""
    now = datetime.now(timezone.utc)
    levels = ("high", "medium", "low", "low", "medium")
    records = [
        CheckRecord(
            kind="call",
            status="finished",
            started_at=now - timedelta(hours=index * 13),
            updated_at=now - timedelta(hours=index * 13),
            caller_number=f"+86 170 {1000 + index * 37:04d} 5678" if index % 2 else None,
            caller_type="police" if index % 3 == 0 else "relative",
            level=levels[index % len(levels)],
            signals=["official_claim", "safe_account"] if index % 5 == 0 else [],
            answers={"safe_account": "yes" if index % 5 == 0 else "no"},
            lang=window.ctx.lang,
        )
        for index in range(count)
    ]
    done: list[bool] = []
    assert window.ctx.disk is not None
    window.ctx.disk.submit(
        lambda db: [CheckStore(db).save(r) for r in records], on_done=lambda _: done.append(True)
    )
    wait_for(lambda: bool(done))


def history(window: MainWindow) -> None:
    """The family's history with its weekly chart."""
    seed_history(window)
    screen = HistoryScreen(window.ctx)
    window.show_screen(screen)
    wait_for(lambda: len(screen.rows) > 0)


def history_detail(window: MainWindow) -> None:
    """One check in full."""
    history(window)
    screen = window.current_screen()
    assert isinstance(screen, HistoryScreen)
    screen.rows[screen.records[0].id or 0].click()


def remote_warning(window: MainWindow) -> None:
    """The warning when a remote-control program runs during a check."""
    window.open("check_call")
    apps = load_remote_apps()
    found = match_processes(apps, [ProcessInfo(4242, "ToDesk.exe", None)], "win32")
    window.show_screen(RemoteAppWarningScreen(window.ctx, found))


def _remote_warning_page(page: str) -> Scene:
    """The remote-control warning on one of its later pages (nothing is really closed)."""

    def scene(window: MainWindow) -> None:
        remote_warning(window)
        screen = window.current_screen()
        assert isinstance(screen, RemoteAppWarningScreen)
        screen.show_page(page)

    return scene


def message_input(window: MainWindow) -> None:
    """The message check, empty, waiting for a text."""
    window.open("check_message")


def message_picture(window: MainWindow) -> None:
    """The ways to bring a picture of the message: open a file, paste, drop one, or the camera.

    Shown as on a computer with a camera, whether this one has one or not (the scene
    message-picture-no-camera shows the other case).
    """
    window.open("check_message")
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    screen.picture_input.camera_button.show_present(True)
    screen.to_picture.click()


def message_picture_no_text(window: MainWindow) -> None:
    """A picture with no words on it: said plainly, the ways in still there."""
    message_picture(window)
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    blank = QImage(600, 800, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    screen.picture_input.read_image(blank)
    wait_for(lambda: not screen.picture_input.reading, seconds=60)


def message_picture_read(window: MainWindow) -> None:
    """A screenshot of a fraud message read: its words checked, the marked words shown."""
    message_picture(window)
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    lines = (
        [
            "【公安局】您的银行卡涉嫌洗钱，",
            "请立即把卡里的钱转到安全账户，",
            "联系电话 010-58889999",
        ]
        if window.ctx.lang == "zh"
        else [
            "Police notice: your bank card is linked",
            "to money laundering. Move your",
            "savings to the safe account now.",
        ]
    )
    picture = QImage(1080, 1400, QImage.Format.Format_RGB32)
    picture.fill(QColor("#f2f2f7"))
    painter = QPainter(picture)
    font = painter.font()
    font.setPixelSize(44)
    painter.setFont(font)
    painter.setPen(QColor("#111111"))
    for number, line in enumerate(lines):
        painter.drawText(80, 240 + 90 * number, line)
    painter.end()
    screen.picture_input.read_image(picture)
    wait_for(lambda: screen.pages.currentWidget() is screen.result_page, seconds=60)


def message_picture_boxes(window: MainWindow) -> None:
    """The verdict's page with the picture: the marked words boxed, and "把图片留下给家人看"."""
    message_picture_read(window)
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    assert screen.pager is not None and screen.picture_block is not None
    page = screen.pager.page_of(screen.picture_block)
    assert page is not None
    screen.pager.show_page(page)


def history_picture(window: MainWindow) -> None:
    """A check from a picture whose picture was kept: the history's detail shows it, boxed."""
    message_picture_boxes(window)
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen) and screen.keep_picture_button is not None
    wait_for(lambda: screen.check is not None and screen.check.id is not None)
    screen.keep_picture_button.click()
    wait_for(lambda: screen.picture_kept)
    history = HistoryScreen(window.ctx)
    window.show_screen(history)
    wait_for(lambda: len(history.rows) > 0)
    history.rows[history.records[0].id or 0].click()
    detail = window.current_screen()
    assert isinstance(detail, HistoryDetailScreen)
    wait_for(lambda: detail.picture_view is not None and detail.picture_view.height() >= 240)
    area = detail.findChild(QScrollArea)
    shown = detail.picture_view
    if area is not None and shown is not None:
        # The picture at the top of the page, its heading just above it.
        bar = area.verticalScrollBar()
        wait_for(lambda: bar.maximum() >= shown.y() - 80 > 0)
        bar.setValue(shown.y() - 80)


def message_camera(window: MainWindow) -> None:
    """The camera screen: the phone held still in the frame guide, a second before it is taken.

    The frames come from the test video of a phone held up to a camera (no camera is needed).
    """
    from guardian.ui.camera_screen import CameraScreen

    message_picture(window)
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    video = Path(__file__).resolve().parent.parent / "tests" / "data" / "camera_phone.avi"
    window.open("camera_capture", on_picture=screen.picture_input.read_image, video=video)
    camera = window.current_screen()
    assert isinstance(camera, CameraScreen)
    wait_for(lambda: camera.source is not None and camera.source.frames >= 17, seconds=60)
    camera.stop()  # the phone still in the frame, before the picture is taken by itself


def message_picture_no_camera(window: MainWindow) -> None:
    """The ways in on a computer without a camera: the camera button says so plainly."""
    message_picture(window)
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    screen.picture_input.camera_button.show_present(False)


def check_typed_text(window: MainWindow, zh: str, en: str) -> None:
    """Open the message check, type ``zh`` or ``en`` (by the window's language) and check it."""
    window.open("check_message")
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    screen.text_field.setPlainText(zh if window.ctx.lang == "zh" else en)
    screen.check_text_button.click()


def message_fraud(window: MainWindow) -> None:
    """A fraud text checked, with the matched phrases marked and the kind of fraud named."""
    check_typed_text(
        window,
        "【公安局】您的银行卡涉嫌洗钱，请在今天之内把存款转到安全账户配合调查，不要告诉家人。",
        "Police notice: your bank card is linked to money laundering. Move your savings "
        "to the safe account today and do not tell your family.",
    )


def message_story(window: MainWindow) -> None:
    """The opening of a common fraud, before any ask: the kind of fraud is named."""
    check_typed_text(
        window,
        "阿姨您好，我们招居家兼职，给商家视频点赞关注，一单3元日结，动动手指就能赚。",
        "Hi auntie, we are hiring: like and follow our merchants' videos, "
        "3 yuan per task, paid daily, easy money from home.",
    )


def message_ordinary(window: MainWindow) -> None:
    """An ordinary text checked."""
    check_typed_text(
        window,
        "妈，我周六中午回家吃饭，帮我留点饺子。",
        "Mum, I will be home for lunch on Saturday. Save me some dumplings.",
    )


def number_result(window: MainWindow) -> None:
    """An overseas number checked."""
    window.open("check_message")
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    screen.to_number.click()
    screen.number_field.setText("+44 20 7946 0958")
    screen.check_number_button.click()


def alert_settings(window: MainWindow) -> None:
    """The alert settings after a test message arrived: the weekly note's switch, on."""
    from guardian.services import sample_data
    from guardian.ui.family.contacts import ContactListScreen

    family_scenes.seed_contacts(window)
    family_scenes.on_disk(window, sample_data.delivered_tests)
    screen = ContactListScreen(window.ctx, for_channels=True)
    family_scenes.show(window, screen)
    assert screen.weekly_note is not None
    settle(QApplication.instance())  # type: ignore[arg-type]
    screen.scroll_area.ensureWidgetVisible(screen.weekly_note.switch)


SCENES: dict[str, Scene] = {
    "pin-entry": family_scenes.pin_entry,
    "family-settings": family_scenes.settings_hub,
    "contact-list": family_scenes.contact_list,
    "alert-settings": alert_settings,
    "contact-form-error": family_scenes.contact_form_error,
    "channel-kinds": family_scenes.channel_kinds,
    "channel-setup": family_scenes.channel_setup,
    "voice-settings": family_scenes.voice_settings,
    "outbox-status": family_scenes.outbox_status,
    "call-card": call_card_dialling,
    "call-card-no-handler": family_scenes.call_card_without_handler,
    "call-family-list": family_scenes.call_family_list,
    "call-family-none": family_scenes.call_family_none,
    "demo-picker": demo_picker,
    "demo-line": demo_line,
    "demo-reveal": demo_reveal,
    "demo-reveal-middle": demo_reveal_middle,
    "demo-reveal-last": demo_reveal_last,
    "home": home,
    "check-number": check_number,
    "check-caller": check_caller,
    "check-caller-more": check_caller_more,
    "check-question": check_question,
    "verdict-high": verdict_high,
    "verdict-medium": verdict_medium,
    "verdict-low": verdict_low,
    "hotline-110": hotline_110,
    "hotline-96110": hotline_96110,
    "tip": tip,
    "money-sent": money_sent,
    "money-sent-bank": money_sent_bank,
    "money-sent-calls": money_sent_calls,
    "money-sent-police": money_sent_police,
    "money-sent-card": money_sent_card,
    "money-sent-sharing": money_sent_sharing,
    "money-sent-done": money_sent_done,
    "bank-choice": bank_choice,
    "report-card": report_card,
    "report-card-form": report_card_form,
    "history": history,
    "history-detail": history_detail,
    "remote-warning": remote_warning,
    "remote-warning-confirm": _remote_warning_page("confirm"),
    "remote-warning-closed": _remote_warning_page("closed"),
    "remote-warning-failed": _remote_warning_page("failed"),
    "message-input": message_input,
    "message-picture": message_picture,
    "message-picture-no-text": message_picture_no_text,
    "message-picture-read": message_picture_read,
    "message-picture-boxes": message_picture_boxes,
    "history-picture": history_picture,
    "message-camera": message_camera,
    "message-picture-no-camera": message_picture_no_camera,
    "message-fraud": message_fraud,
    "message-story": message_story,
    "message-ordinary": message_ordinary,
    "number-result": number_result,
    "placeholder": placeholder,
    **setup_scenes.SCENES,  # the family's first set-up, step by step
}

LARGEST = len(TEXT_SIZES_PT) - 1


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let the layouts the scene started finish before the picture is taken.

    A screen that just received rows from the disk worker lays them out in steps: each new
    size posts another layout request, so one pass over the events can catch it half done.
    """
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.005)


_DATA_ROOT: str | None = None
"""The temporary folder that holds each picture's own data folder (None: the system's)."""


def shoot(
    app: QApplication, out: Path, name: str, scene: Scene, lang: str, step: int | None
) -> Path:
    """Build a fresh window, play ``scene`` on it, and save what it shows."""
    # A fresh, empty data folder each time: nothing carries over from one picture to the next.
    os.environ["GUARDIAN_DATA_DIR"] = tempfile.mkdtemp(prefix="shot-", dir=_DATA_ROOT)
    options = StartOptions(lang=lang, make_speaker=PictureSpeaker)  # type: ignore[arg-type]
    window = build_window(app, options)
    if step is not None:
        window.ctx.settings.set_text_step(step)
    window.resize(1280, 860)
    window.show()
    scene(window)
    settle(app)
    suffix = "" if step is None else "-largest"
    path = out / f"{name}-{lang}{suffix}.png"
    window.grab().save(str(path))
    window.close()
    shutdown(window)
    window.deleteLater()
    # Delete it now: a restyle (text size change) would otherwise touch every old window too.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return path


def main() -> int:
    """Write every scene in every language, at the default and the largest text size."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    only = set(sys.argv[2:])
    global _DATA_ROOT
    # Every picture's data folder lives in one temporary folder, removed at the end.
    with tempfile.TemporaryDirectory(prefix="guardian-screenshots-") as root:
        _DATA_ROOT = root
        # Grouped by text size, so the application style sheet changes only once.
        for step in (None, LARGEST):
            for lang in LANGS:
                for name, scene in SCENES.items():
                    if not only or name in only:
                        print(shoot(app, out, name, scene, lang, step))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
