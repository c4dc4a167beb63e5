"""The picture a message was read from, with a box around each of its marked words.

The part of the picture that holds the words is shown, as large as the room allows (never
smaller than :data:`MIN_HEIGHT_PX`), with its proportions kept. Each marked part of a line (the
marked words only, not the whole line: see :func:`~guardian.core.picture_marks.part_of`) gets a
thick box in the verdict's colour over a white edge, so it shows on a dark or a light picture.

Example::

    shown = MarkedPicture(kept, colour="#b42318", name="...", max_height=lambda: 500)
    layout.addWidget(shown)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from guardian.core.picture_marks import KeptPicture
from guardian.ui.theme import Colours

MIN_HEIGHT_PX = 240
"""The least height the picture is shown at: its words and boxes stay clear."""
BOX_PEN_PX = 6
"""The width of a box's line."""
BOX_PAD_PX = 6
"""How far a box stands off the words it surrounds."""
BOX_PAD_ACROSS = 0.2
"""How far a box stands off its words at the sides, as a share of their height: the place of
the marked words in a line is only estimated from their characters, so a little room is left."""
EDGE = "#b8c2cf"


def level_colour(colours: Colours, level: str) -> str:
    """The colour of a verdict's level (the edge of its banner)."""
    return str(getattr(colours, f"{level}_edge", colours.primary))


class MarkedPicture(QWidget):
    """Shows a :class:`~guardian.core.picture_marks.KeptPicture` with its marked words boxed.

    Args:
        picture: the picture and its boxes.
        colour: the boxes' colour (the verdict's).
        name: what the picture is, for the screen reader.
        max_height: the most height the room gives it now (None: as tall as its width asks).

    Attributes:
        image: the part of the picture shown (null when the file could not be opened).
        box_count: how many boxes are drawn.
    """

    def __init__(
        self,
        picture: KeptPicture,
        colour: str,
        name: str,
        max_height: Callable[[], int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.picture = picture
        self.colour = QColor(colour)
        self._max_height = max_height
        self.setAccessibleName(name)
        left, top, right, bottom = picture.shown_area
        self._origin = QPointF(left, top)
        whole = QImage.fromData(picture.image)
        self._area = QRect(round(left), round(top), round(right - left), round(bottom - top))
        self.image = whole.copy(self._area) if not whole.isNull() else whole
        self.box_count = len(picture.marked) if not self.image.isNull() else 0
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        """Its height follows from its width (the picture's proportions)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """As tall as the picture at ``width``, within the room, never under the least height."""
        if self.image.isNull():
            return MIN_HEIGHT_PX
        natural = round(width * self.image.height() / max(1, self.image.width()))
        if self._max_height is not None:
            natural = min(natural, self._max_height())
        return max(MIN_HEIGHT_PX, natural)

    def sizeHint(self) -> QSize:
        """Its height at its present width."""
        width = max(self.width(), 400)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """Never smaller than the least height."""
        return QSize(MIN_HEIGHT_PX, MIN_HEIGHT_PX)

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: as large as fits, proportions kept, at the left."""
        if self.image.isNull():
            return QRectF()
        scale = min(
            self.width() / max(1, self.image.width()), self.height() / max(1, self.image.height())
        )
        return QRectF(0, 0, self.image.width() * scale, self.image.height() * scale)

    def box_polygons(self) -> list[QPolygonF]:
        """The boxes, in the widget's pixels."""
        target = self.picture_rect()
        if target.isEmpty():
            return []
        scale = target.width() / max(1, self.image.width())
        polygons = []
        for box in self.picture.marked:
            points = [
                QPointF(
                    target.left() + (x - self._origin.x()) * scale,
                    target.top() + (y - self._origin.y()) * scale,
                )
                for x, y in box.corners
            ]
            centre = QPointF(sum(p.x() for p in points) / 4, sum(p.y() for p in points) / 4)
            across = max(BOX_PAD_PX, BOX_PAD_ACROSS * box.height * scale)
            padded = []
            for point in points:
                dx, dy = point.x() - centre.x(), point.y() - centre.y()
                padded.append(
                    QPointF(
                        point.x() + (across if dx >= 0 else -across),
                        point.y() + (BOX_PAD_PX if dy >= 0 else -BOX_PAD_PX),
                    )
                )
            polygons.append(QPolygonF(padded))
        return polygons

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the picture, its edge, and the boxes."""
        target = self.picture_rect()
        if target.isEmpty():
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawImage(target, self.image)
            painter.setPen(QPen(QColor(EDGE), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(target.adjusted(1, 1, -1, -1))
            painter.setClipRect(target)
            for polygon in self.box_polygons():
                painter.setPen(QPen(QColor("#ffffff"), BOX_PEN_PX + 4))
                painter.drawPolygon(polygon)
                painter.setPen(QPen(self.colour, BOX_PEN_PX))
                painter.drawPolygon(polygon)
        finally:
            painter.end()
