"""A bar chart of checks per week, stacked by level, with words and numbers (never colour alone)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from guardian.core.history_chart import WeekBucket
from guardian.ui.theme import COLOURS

LEVEL_ORDER = ("high", "medium", "low")
LEVEL_COLOURS = {"high": COLOURS.high_edge, "medium": COLOURS.medium_edge, "low": COLOURS.low_edge}


class WeeklyChart(QWidget):
    """Draws one stacked bar a week; each segment carries its count, each week its date.

    Args:
        weeks: the buckets to draw, oldest first.
        level_names: the word for each level, shown in the legend.
        date_format: a ``str.format`` template for the week's date, with ``{month}`` and ``{day}``.
        body_pt: the text size to draw with.
    """

    def __init__(
        self,
        weeks: Sequence[WeekBucket],
        level_names: dict[str, str],
        date_format: str,
        body_pt: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.weeks = list(weeks)
        self.level_names = level_names
        self.date_format = date_format
        self.body_pt = body_pt
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())
        total = sum(week.total for week in self.weeks)
        self.setAccessibleName(", ".join(f"{level_names[lv]}" for lv in LEVEL_ORDER))
        self.setAccessibleDescription(str(total))

    def set_weeks(self, weeks: Sequence[WeekBucket]) -> None:
        """Show new buckets."""
        self.weeks = list(weeks)
        self.update()

    def sizeHint(self) -> QSize:
        """Tall enough for the bars, the dates under them and the legend."""
        line = round(self.body_pt * 1.9)
        return QSize(600, line * 7)

    def _font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.body_pt * scale)
        font.setBold(bold)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the legend, then the bars with their counts and dates."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = QColor(COLOURS.ink)
        small = self._font(0.8)
        painter.setFont(small)
        line = painter.fontMetrics().height()
        # Legend: a swatch and the level's words, side by side.
        x = 0.0
        for level in LEVEL_ORDER:
            painter.fillRect(QRectF(x, 4, line * 0.8, line * 0.8), QColor(LEVEL_COLOURS[level]))
            painter.setPen(ink)
            text = self.level_names[level]
            painter.drawText(QRectF(x + line, 0, 2000, line), Qt.AlignmentFlag.AlignLeft, text)
            x += line * 1.6 + painter.fontMetrics().horizontalAdvance(text)
        top = line * 1.5
        bottom = self.height() - line * 1.3
        count = max(1, len(self.weeks))
        slot = self.width() / count
        peak = max([week.total for week in self.weeks] + [1])
        bar_width = slot * 0.6
        for index, week in enumerate(self.weeks):
            left = index * slot + (slot - bar_width) / 2
            y = bottom
            for level in reversed(LEVEL_ORDER):
                value = week.count(level)
                if not value:
                    continue
                height = (bottom - top - line) * value / peak
                rect = QRectF(left, y - height, bar_width, height)
                painter.fillRect(rect, QColor(LEVEL_COLOURS[level]))
                if height >= line:
                    painter.setPen(QColor("#ffffff"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(value))
                y -= height
            painter.setPen(ink)
            painter.setFont(self._font(0.8, bold=True))
            painter.drawText(
                QRectF(index * slot, y - line, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                str(week.total),
            )
            painter.setFont(small)
            when = self.date_format.format(month=week.start_date.month, day=week.start_date.day)
            painter.drawText(
                QRectF(index * slot, bottom + 4, slot, line), Qt.AlignmentFlag.AlignCenter, when
            )
        painter.setPen(QColor(COLOURS.border))
        painter.drawLine(0, round(bottom), self.width(), round(bottom))
        painter.end()
