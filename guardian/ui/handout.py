"""The printed handout for community demonstrations: rules, red signals, numbers to call.

One or two A4 pages in large type: the rules line (不听、不信、不汇款、不转账), the red signals
most worth remembering with their pictograms, 110 and 96110, and blank lines where a family
writes its own numbers. The same drawing goes to a PDF file or to a printer.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from guardian.assets import icon_path, load_catalog
from guardian.core.content import Content
from guardian.core.i18n import Catalog, Lang
from guardian.ui.theme import COLOURS

log = logging.getLogger(__name__)

#: The signals on the handout, in order: the decisive ones first, then the common stories.
HANDOUT_SIGNALS: tuple[str, ...] = (
    "safe_account",
    "official_wants_money",
    "asks_code_or_password",
    "screen_share_or_app",
    "cash_pickup",
    "isolation",
    "transferred_to_police",
    "pay_first_to_receive",
    "relative_in_trouble",
    "new_number_acquaintance",
    "investment_high_return",
)

#: The numbers printed large, by hotline id.
HANDOUT_HOTLINES: tuple[str, ...] = ("police", "antifraud")

FAMILY_LINES = 3
PAGE_MARGIN_MM = 12.0
RESOLUTION_DPI = 300

# Type sizes in points: large for older readers holding the sheet at arm's length.
TITLE_PT = 26
RULES_PT = 30
HEADING_PT = 21
SIGNAL_TITLE_PT = 19
SIGNAL_REASON_PT = 15
NUMBER_PT = 30
BODY_PT = 16
FOOTER_PT = 12


def print_supported() -> bool:
    """Whether Qt's printing module is installed (it is optional in some Qt builds)."""
    try:
        from PySide6 import QtPrintSupport  # noqa: F401
    except ImportError:
        return False
    return True


def write_handout(
    path: str | Path, content: Content, lang: Lang, *, catalog: Catalog | None = None
) -> Path:
    """Write the handout as an A4 PDF file.

    Args:
        path: where to write the file (an existing file is replaced).
        content: the signals, rules and hotlines to print.
        lang: the language to print in.
        catalog: the UI strings (the app's own when omitted).

    Returns:
        The path written.

    Raises:
        OSError: the file could not be written.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise OSError(f"the folder {folder} does not exist or cannot be written to")
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    writer.setResolution(RESOLUTION_DPI)
    strings = catalog or load_catalog()
    writer.setTitle(strings.get(lang, "demo.handout.title"))
    writer.setCreator(strings.get(lang, "app.title"))
    paint_handout(writer, content, lang, catalog=strings)
    if not target.is_file() or target.stat().st_size == 0:
        raise OSError(f"the handout could not be written to {target}")
    return target


def paint_handout(
    device: QPagedPaintDevice, content: Content, lang: Lang, *, catalog: Catalog | None = None
) -> int:
    """Draw the handout on a PDF writer or a printer, starting new pages as needed.

    Args:
        device: the paged device to draw on (set up with its page size and margins).
        content: the signals, rules and hotlines to print.
        lang: the language to print in.
        catalog: the UI strings (the app's own when omitted).

    Returns:
        The number of pages drawn.

    Raises:
        OSError: drawing could not start (the file or printer cannot be written to).
    """
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the handout could not be started (is the file or printer writable?)")
    try:
        page = _Page(painter, device, catalog or load_catalog(), lang)
        _draw(page, content)
        page.footer()
        return page.number
    finally:
        painter.end()


@dataclass
class _Page:
    """A cursor that flows blocks down the page and starts a new page when one is full."""

    painter: QPainter
    device: QPagedPaintDevice
    catalog: Catalog
    lang: Lang
    y: float = 0.0
    number: int = 1

    def __post_init__(self) -> None:
        self.dpi = float(self.device.logicalDpiY())
        rect = self.device.pageLayout().paintRectPixels(round(self.dpi))
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.family = QGuiApplication.font().family()

    def mm(self, value: float) -> float:
        """Millimetres in device pixels."""
        return value * self.dpi / 25.4

    def t(self, key: str, **values: object) -> str:
        """A UI string in the handout's language."""
        return self.catalog.get(self.lang, key, **values)

    def font(self, points: int, *, bold: bool = False) -> QFont:
        """The handout's font at ``points``."""
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def text_height(self, text: str, font: QFont, width: float) -> float:
        """How tall ``text`` is when wrapped to ``width``."""
        self.painter.setFont(font)
        flags = int(Qt.TextFlag.TextWordWrap)
        return self.painter.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()

    def room_for(self, height: float) -> None:
        """Start a new page unless ``height`` still fits on this one."""
        if self.y > 0 and self.y + height > self.height - self.mm(10):
            self.footer()
            self.device.newPage()
            self.number += 1
            self.y = 0.0

    def text(self, text: str, font: QFont, *, x: float = 0.0, gap: float = 2.0) -> float:
        """Draw wrapped ``text`` at the cursor (from ``x``) and move the cursor below it."""
        width = self.width - x
        height = self.text_height(text, font, width)
        self.room_for(height)
        self.painter.setFont(font)
        self.painter.setPen(QColor(COLOURS.ink))
        self.painter.drawText(QRectF(x, self.y, width, height), int(Qt.TextFlag.TextWordWrap), text)
        self.y += height + self.mm(gap)
        return height

    def footer(self) -> None:
        """Write the page number at the bottom of the page."""
        font = self.font(FOOTER_PT)
        self.painter.setFont(font)
        self.painter.setPen(QColor(COLOURS.ink_soft))
        self.painter.drawText(
            QRectF(0, self.height - self.mm(7), self.width, self.mm(7)),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
            self.t("demo.handout.page", number=self.number),
        )


def _draw(page: _Page, content: Content) -> None:
    painter = page.painter
    lang = page.lang
    page.text(page.t("demo.handout.title"), page.font(TITLE_PT, bold=True), gap=4)

    # The rules, in a thick box: the one thing to remember.
    rules = content.advice.rules.get(lang)
    rules_font = page.font(RULES_PT, bold=True)
    pad = page.mm(4)
    inner = page.width - 2 * pad
    box_height = page.text_height(rules, rules_font, inner) + 2 * pad
    page.room_for(box_height)
    painter.setPen(QPen(QColor(COLOURS.high_edge), page.mm(1.2)))
    painter.setBrush(QColor(COLOURS.high_bg))
    painter.drawRoundedRect(QRectF(0, page.y, page.width, box_height), pad, pad)
    painter.setFont(rules_font)
    painter.setPen(QColor(COLOURS.ink))
    painter.drawText(
        QRectF(pad, page.y + pad, inner, box_height - 2 * pad),
        int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
        rules,
    )
    page.y += box_height + page.mm(6)

    page.text(page.t("demo.handout.signals"), page.font(HEADING_PT, bold=True), gap=3)
    icon = page.mm(17)
    text_x = icon + page.mm(5)
    for signal_id in HANDOUT_SIGNALS:
        if signal_id not in content.signals:
            log.warning("handout signal %r is not in the catalog", signal_id)
            continue
        signal = content.signal(signal_id)
        title = signal.title.get(lang)
        reason = signal.reason.get(lang)
        title_font = page.font(SIGNAL_TITLE_PT, bold=True)
        reason_font = page.font(SIGNAL_REASON_PT)
        width = page.width - text_x
        gap = page.mm(1)
        text_height = (
            page.text_height(title, title_font, width)
            + gap
            + page.text_height(reason, reason_font, width)
        )
        row = max(icon, text_height)
        page.room_for(row)
        renderer = QSvgRenderer(str(icon_path(signal.icon)))
        if renderer.isValid():
            renderer.render(painter, QRectF(0, page.y, icon, icon))
        top = page.y
        page.text(title, title_font, x=text_x, gap=1)
        page.text(reason, reason_font, x=text_x, gap=0)
        page.y = top + row + page.mm(2.5)

    page.y += page.mm(2)
    page.text(page.t("demo.handout.numbers"), page.font(HEADING_PT, bold=True), gap=3)
    for hotline_id in HANDOUT_HOTLINES:
        if hotline_id not in content.hotlines:
            continue
        hotline = content.hotline(hotline_id)
        page.text(
            f"{hotline.number}    {hotline.name.get(lang)}", page.font(NUMBER_PT, bold=True), gap=2
        )
    page.text(page.t("demo.handout.real_96110"), page.font(BODY_PT), gap=3)

    # Blank lines for the family's own numbers, written in by hand.
    line_height = page.mm(12)
    heading = page.t("demo.handout.family")
    heading_font = page.font(HEADING_PT, bold=True)
    # The heading and its lines stay together on one page.
    page.room_for(
        page.text_height(heading, heading_font, page.width)
        + page.mm(2)
        + FAMILY_LINES * line_height
    )
    page.text(heading, heading_font, gap=2)
    label_font = page.font(BODY_PT + 2)
    name_label = page.t("demo.handout.family_name")
    phone_label = page.t("demo.handout.family_phone")
    for _ in range(FAMILY_LINES):
        page.room_for(line_height)
        base = page.y + line_height - page.mm(3)
        painter.setFont(label_font)
        painter.setPen(QColor(COLOURS.ink))
        half = page.width * 0.42
        painter.drawText(
            QRectF(0, page.y, half, line_height - page.mm(3)),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
            name_label,
        )
        painter.drawText(
            QRectF(half + page.mm(4), page.y, page.width - half, line_height - page.mm(3)),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
            phone_label,
        )
        painter.setPen(QPen(QColor(COLOURS.ink), page.mm(0.5)))
        name_end = painter.fontMetrics().horizontalAdvance(name_label) + page.mm(3)
        phone_end = (
            half + page.mm(4) + painter.fontMetrics().horizontalAdvance(phone_label) + page.mm(3)
        )
        painter.drawLine(int(name_end), int(base), int(half), int(base))
        painter.drawLine(int(phone_end), int(base), int(page.width), int(base))
        page.y += line_height
