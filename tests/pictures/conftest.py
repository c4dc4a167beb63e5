"""Pictures of phone messages for the picture reader's tests, drawn with Qt like a screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QTextOption
from PySide6.QtWidgets import QApplication


def _chinese_family() -> str:
    for family in QFontDatabase.families():
        if QFontDatabase.writingSystems(family).count(
            QFontDatabase.WritingSystem.SimplifiedChinese
        ):
            return family
    pytest.fail("no Chinese font on this machine: make test installs one (system-test)")


def draw_message(
    path: Path, lines: list[str], size: tuple[int, int] = (1080, 2400), text_px: int = 0
) -> Path:
    """Draw ``lines`` as an SMS bubble on a phone-sized screenshot and save it to ``path``.

    The words are ``text_px`` pixels high (by default a 24th of the width, at least 24).
    """
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f2f2f7"))
    painter = QPainter(image)
    try:
        font = QFont(_chinese_family())
        font.setPixelSize(text_px or max(24, width // 24))
        painter.setFont(font)
        painter.setPen(QColor("#111111"))
        painter.drawText(QRectF(40, 40, width - 80, 80), "10:08")
        top = 220.0
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for line in lines:
            box = painter.boundingRect(QRectF(80, top, width * 0.72, 2000), line, option)
            painter.setBrush(QColor("#ffffff"))
            painter.setPen(QColor("#ffffff"))
            painter.drawRoundedRect(box.adjusted(-28, -20, 28, 20), 28, 28)
            painter.setPen(QColor("#111111"))
            painter.drawText(box, line, option)
            top = box.bottom() + 80
    finally:
        painter.end()
    assert image.save(str(path))
    return path


@pytest.fixture
def message_picture(qapp: QApplication, tmp_path: Path):
    """Draw a message picture: ``message_picture(lines, name="m.png", size=(w, h), text_px=0)``."""

    def draw(
        lines: list[str],
        name: str = "message.png",
        size: tuple[int, int] = (1080, 2400),
        text_px: int = 0,
    ):
        return draw_message(tmp_path / name, lines, size, text_px)

    return draw
