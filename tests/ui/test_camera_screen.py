"""The camera path of 用图片查, tested without a camera.

The camera screen is fed from tests/data/camera_phone.avi (a phone held up to a camera, moving
a little, then still; made by scripts/make_camera_video.py) through Qt Multimedia's video sink,
as a camera's frames would come. Held still, the picture is taken by itself, read by the real
text reader on the 用图片查 page, and checked as the typed words are. Without a camera the
button says so plainly.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QTextLayout, QTextOption

from guardian.core.text_check import check_text
from guardian.ui.camera_button import CAMERA_ROUTE, CameraButton
from guardian.ui.camera_screen import CameraScreen
from guardian.ui.check_message import CheckMessageScreen
from guardian.ui.context import AppContext
from guardian.ui.main_window import MainWindow
from guardian.ui.theme import TEXT_SIZES_PT
from tests.ui.conftest import RecordingSpeaker

VIDEO = Path(__file__).resolve().parent.parent / "data" / "camera_phone.avi"
FACTS = json.loads(VIDEO.with_suffix(".json").read_text(encoding="utf-8"))
WAIT_MS = 60_000


def squeezed(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def open_picture_page(window: MainWindow) -> CheckMessageScreen:
    window.open("check_message")
    screen = window.current_screen()
    assert isinstance(screen, CheckMessageScreen)
    screen.to_picture.click()
    return screen


def open_camera(window: MainWindow, check: CheckMessageScreen) -> CameraScreen:
    window.ctx.navigator().open(
        CAMERA_ROUTE, on_picture=check.picture_input.read_image, video=VIDEO
    )
    camera = window.current_screen()
    assert isinstance(camera, CameraScreen)
    return camera


def test_held_still_the_picture_is_taken_by_itself_and_checked_like_typed_words(
    qtbot, make_window, speaker: RecordingSpeaker
) -> None:
    window = make_window()
    ctx = window.ctx
    check = open_picture_page(window)
    camera = open_camera(window, check)
    # Opening says where to put the phone.
    assert "把手机屏幕放进框里" in speaker.last()
    assert camera.guide.isVisible() and camera.take_button.isVisible()
    qtbot.waitUntil(lambda: camera.preview.image is not None, timeout=WAIT_MS)
    assert camera.taken is None  # the phone still moves at first: nothing taken yet
    qtbot.waitUntil(lambda: camera.taken is not None, timeout=WAIT_MS)
    assert camera.taken_by_itself
    frames_seen = camera.source.frames if camera.source is not None else 0
    # Taken only once the phone had been still for about a second.
    assert frames_seen >= FACTS["moving_frames"] + FACTS["fps"] * 0.8
    assert camera.source is not None and not camera.source.running
    # Back on the 查一查 screen, which reads the picture as it reads an opened one.
    assert window.current_screen() is check
    said = [text for text, _ in speaker.said]
    assert ctx.t("camera.taken_auto") in said
    qtbot.waitUntil(lambda: check.result is not None, timeout=WAIT_MS)
    result = check.result
    assert result is not None and result.kind == "text"
    read = squeezed(result.subject)
    for words in ("工商银行", "洗钱", "安全账户", "冻结"):
        assert words in read, result.subject
    typed = check_text(FACTS["text"], ctx.content, ctx.phrases, model=ctx.text_model)
    assert result.assessment.level == typed.assessment.level
    assert result.assessment.verdict == typed.assessment.verdict
    assert set(result.assessment.signal_ids) == set(typed.assessment.signal_ids)
    # The words are in the box, to be corrected if misread.
    assert squeezed(check.text_field.toPlainText()) == read


def test_take_it_takes_the_picture_shown_now(qtbot, make_window, speaker) -> None:
    window = make_window()
    check = open_picture_page(window)
    taken: list[QImage] = []
    window.ctx.navigator().open(CAMERA_ROUTE, on_picture=taken.append, video=VIDEO)
    camera = window.current_screen()
    assert isinstance(camera, CameraScreen)
    # No picture yet: it says so instead of taking nothing.
    camera.preview.image = None
    camera.take_button.click()
    assert camera.taken is None
    assert speaker.last() == window.ctx.t("camera.no_frame")
    qtbot.waitUntil(lambda: camera.preview.image is not None, timeout=WAIT_MS)
    camera.take_button.click()
    assert camera.taken is not None and not camera.taken_by_itself
    assert len(taken) == 1 and taken[0].width() == FACTS["size"][0]
    assert window.current_screen() is check
    assert speaker.last() == window.ctx.t("camera.taken")


def test_the_camera_stops_when_the_screen_closes(qtbot, make_window) -> None:
    window = make_window()
    check = open_picture_page(window)
    camera = open_camera(window, check)
    source = camera.source
    assert source is not None
    qtbot.waitUntil(lambda: source.frames >= 3, timeout=WAIT_MS)
    assert source.running
    window.back()
    assert window.current_screen() is check
    assert not source.running
    assert camera.taken is None


def test_a_camera_that_will_not_start_is_said_plainly(
    qtbot, make_window, speaker, monkeypatch
) -> None:
    from guardian.pictures import frames

    monkeypatch.setattr(frames.QMediaDevices, "videoInputs", staticmethod(lambda: []))
    window = make_window()
    window.open(CAMERA_ROUTE)
    camera = window.current_screen()
    assert isinstance(camera, CameraScreen)
    sentence = window.ctx.t("camera.no_camera")
    assert camera.problem.text() == sentence
    assert [text for text, _ in speaker.said].count(sentence) == 1  # read out once, as it opens
    assert speaker.last() == sentence
    assert camera.spoken_text() == sentence
    # Nothing to take: the sentence takes the place of the guide and "拍下来".
    assert camera.problem.isVisible()
    assert not camera.take_button.isVisible() and not camera.guide.isVisible()
    camera.take()
    assert camera.taken is None
    assert speaker.last() == sentence


def test_without_a_camera_the_button_says_so(qtbot, make_window, speaker, monkeypatch) -> None:
    from guardian.pictures import frames

    monkeypatch.setattr(frames, "has_camera", lambda: False)
    window = make_window()
    check = open_picture_page(window)
    button = check.picture_input.camera_button
    assert button.isVisible()
    assert button.text_widget.text() == "这台电脑没有摄像头"
    assert button.accessibleName() == "这台电脑没有摄像头"
    assert window.ctx.t("camera.no_camera") in check.spoken_text()
    # Plain grey words beside a crossed-out camera: no frame, no focus, nothing to press.
    assert not button.isEnabled()
    assert not button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert button.icon_name == "camera_none"
    assert button.icon_widget is not None and button.icon_widget.isVisible()
    assert "border: none" in button.styleSheet()
    ink = button.text_widget.palette().color(button.text_widget.foregroundRole())
    assert ink.name() == window.ctx.theme.colours.ink_soft
    # Nothing drawn round the words: no background, no border (a button draws both).
    shot = button.grab().toImage()
    middle = shot.height() // 2
    for x, y in ((2, 2), (1, middle), (shot.width() - 2, middle), (shot.width() // 2, 1)):
        assert shot.pixelColor(x, y).alpha() == 0, (x, y)
    button.click()
    assert window.current_screen() is check


def test_a_camera_button_looks_and_works_as_the_other_buttons(qtbot, make_ctx) -> None:
    ctx: AppContext = make_ctx()
    one = CameraButton(ctx, lambda image: None, has_camera=lambda: False)
    qtbot.addWidget(one)
    one.show()
    assert not one.isEnabled()
    one.show_present(True)
    assert one.isEnabled() and one.styleSheet() == "" and one.icon_name == "camera"
    assert one.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_with_a_camera_the_button_opens_the_camera_screen(
    qtbot, make_window, speaker, monkeypatch
) -> None:
    from guardian.pictures import frames

    monkeypatch.setattr(frames, "has_camera", lambda: True)
    window = make_window()
    check = open_picture_page(window)
    button = check.picture_input.camera_button
    assert button.text_widget.text() == "把手机屏幕对着摄像头"
    assert "把手机屏幕对着摄像头" in check.spoken_text()
    monkeypatch.setattr(frames.FrameSource, "start_camera", lambda self: None)
    button.click()
    assert isinstance(window.current_screen(), CameraScreen)


def test_the_button_in_english(qtbot, make_ctx) -> None:
    ctx: AppContext = make_ctx(lang="en")
    none = CameraButton(ctx, lambda image: None, has_camera=lambda: False)
    qtbot.addWidget(none)
    none.show()
    assert none.text_widget.text() == "This computer has no camera"
    one = CameraButton(ctx, lambda image: None, has_camera=lambda: True)
    qtbot.addWidget(one)
    one.show()
    assert one.text_widget.text() == "Hold the phone to the camera"


def last_line(label_text: str, font: QFont, width: int) -> str:
    """The last line of ``label_text`` laid out ``width`` pixels wide in ``font``."""
    layout = QTextLayout(label_text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(label_text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines[-1]


def test_the_guide_never_leaves_one_character_alone_on_its_last_line(qtbot, make_window) -> None:
    window = make_window(text_step=len(TEXT_SIZES_PT) - 1)
    check = open_picture_page(window)
    camera = open_camera(window, check)
    qtbot.waitUntil(lambda: camera.guide.width() > 0)
    guide = camera.guide
    assert squeezed(guide.text()) == "把手机屏幕放进框里"
    font = guide.font()
    one_char = QFontMetrics(font).horizontalAdvance("里")
    # As shown, and at every width from five characters to the whole line.
    for width in (guide.contentsRect().width(), *range(5 * one_char, 10 * one_char, 7)):
        last = squeezed(last_line(guide.text(), font, width))
        assert len(last) >= 2, (width, last)
