"""Make the short video the camera path is tested with: a phone held up to a camera.

A phone showing a fraud text message is held in front of the camera: for the first part of the
video it moves a little (the hand settles), then it is held still. Drawn with Qt (QPainter on a
QImage), each frame saved as a JPEG, the frames written as a Motion-JPEG AVI file: a container
simple enough to write here by hand, which Qt Multimedia plays on every platform. No camera and
no tool outside the project are needed.

Beside the video a JSON file holds the message's words and how the video is made (frames per
second, how many frames move, how many are still), for the tests to compare with.

Usage: python scripts/make_camera_video.py [OUT_DIR]   (default: tests/data)
"""

from __future__ import annotations

import json
import math
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QTextOption,
)

NAME = "camera_phone"
MESSAGE = "【工商银行】您的银行卡涉嫌洗钱，将被冻结。请立即把钱转到安全账户。"
FPS = 10
MOVING_FRAMES = 15
STILL_FRAMES = 25
SIZE = (640, 480)
PHONE = QRectF(190, 14, 260, 452)
JPEG_QUALITY = 60


def chinese_family() -> str:
    for family in QFontDatabase.families():
        if QFontDatabase.writingSystems(family).count(
            QFontDatabase.WritingSystem.SimplifiedChinese
        ):
            return family
    raise SystemExit("no Chinese font on this machine (make test installs one)")


def draw_phone(painter: QPainter, family: str) -> None:
    """The phone, in its own coordinates: a black body, a light screen, one message bubble.

    No status bar: the person puts the message in the frame guide, not the phone's clock.
    """
    body = QRectF(0, 0, PHONE.width(), PHONE.height())
    painter.setPen(QColor("#0c0c0c"))
    painter.setBrush(QColor("#141414"))
    painter.drawRoundedRect(body, 26, 26)
    screen = body.adjusted(10, 22, -10, -22)
    painter.setBrush(QColor("#f2f2f7"))
    painter.setPen(QColor("#f2f2f7"))
    painter.drawRect(screen)
    font = QFont(family)
    font.setPixelSize(21)
    painter.setFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    area = QRectF(screen.left() + 22, screen.top() + 60, screen.width() - 44, 400)
    box = painter.boundingRect(area, MESSAGE, option)
    painter.setBrush(QColor("#ffffff"))
    painter.setPen(QColor("#ffffff"))
    painter.drawRoundedRect(box.adjusted(-12, -10, 12, 10), 14, 14)
    painter.setPen(QColor("#111111"))
    painter.drawText(box, MESSAGE, option)


def frame(index: int, family: str) -> QImage:
    """Frame ``index``: the phone moving a little while index < MOVING_FRAMES, then still."""
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    image.fill(QColor("#5b5247"))  # a wooden table behind
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if index < MOVING_FRAMES:  # the hand settles: a wobble, smaller each frame
            left = 1 - index / (2 * MOVING_FRAMES)
            phase = index * 2.3
            dx, dy = 18 * left * math.sin(phase), 10 * left * math.cos(phase)
            angle = 3 * left * math.sin(phase + 1)
        else:
            dx, dy, angle = 0.0, 0.0, 0.0
        centre = PHONE.center() + QPointF(dx, dy)
        painter.translate(centre)
        painter.rotate(angle)
        painter.translate(-PHONE.width() / 2, -PHONE.height() / 2)
        draw_phone(painter, family)
        painter.resetTransform()
        # A camera's light flickers a little from frame to frame, even on a still picture.
        painter.fillRect(QRectF(0, 0, *SIZE), QColor(255, 255, 255, (index * 7) % 3 * 2))
    finally:
        painter.end()
    return image


def jpeg(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPG", JPEG_QUALITY):
        raise SystemExit("Qt could not write a JPEG")
    buffer.close()
    return bytes(data.data())


def chunk(fourcc: bytes, payload: bytes) -> bytes:
    padding = b"\0" if len(payload) % 2 else b""
    return fourcc + struct.pack("<I", len(payload)) + payload + padding


def riff_list(kind: bytes, fourcc: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload) + 4) + fourcc + payload


def mjpeg_avi(frames: list[bytes], width: int, height: int, fps: int) -> bytes:
    """An AVI file holding ``frames`` (JPEG files) as one Motion-JPEG video stream."""
    largest = max(len(f) for f in frames)
    avih = struct.pack(
        "<14I",
        1_000_000 // fps,  # microseconds per frame
        largest * fps,  # most bytes a second
        0,
        0x10,  # AVIF_HASINDEX
        len(frames),
        0,
        1,  # one stream
        largest,
        width,
        height,
        0,
        0,
        0,
        0,
    )
    strh = (
        b"vids"
        + b"MJPG"
        + struct.pack("<IHHIIIIIIiI", 0, 0, 0, 0, 1, fps, 0, len(frames), largest, -1, 0)
        + struct.pack("<4h", 0, 0, width, height)
    )
    strf = struct.pack(
        "<IiiHH4sIiiII", 40, width, height, 1, 24, b"MJPG", width * height * 3, 0, 0, 0, 0
    )
    header = riff_list(
        b"LIST",
        b"hdrl",
        chunk(b"avih", avih)
        + riff_list(b"LIST", b"strl", chunk(b"strh", strh) + chunk(b"strf", strf)),
    )
    movi = b""
    index = b""
    for data in frames:
        offset = 4 + len(movi)  # from the "movi" word
        movi += chunk(b"00dc", data)
        index += b"00dc" + struct.pack("<III", 0x10, offset, len(data))  # a key frame
    body = header + riff_list(b"LIST", b"movi", movi) + chunk(b"idx1", index)
    return riff_list(b"RIFF", b"AVI ", body)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "tests" / "data"
    out.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication.instance() or QGuiApplication([])
    family = chinese_family()
    frames = [jpeg(frame(i, family)) for i in range(MOVING_FRAMES + STILL_FRAMES)]
    video = out / f"{NAME}.avi"
    video.write_bytes(mjpeg_avi(frames, *SIZE, FPS))
    facts = {
        "text": MESSAGE,
        "fps": FPS,
        "moving_frames": MOVING_FRAMES,
        "still_frames": STILL_FRAMES,
        "size": list(SIZE),
    }
    (out / f"{NAME}.json").write_text(
        json.dumps(facts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{video}: {len(frames)} frames, {video.stat().st_size // 1024} KB")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
