"""The camera screen: hold the phone up to the computer's camera and take its picture.

A large live picture from the camera with a bright frame to put the phone's screen in, one
sentence ("把手机屏幕放进框里", read aloud when the screen opens) and one huge "拍下来". When the
picture has been still for about a second (:class:`~guardian.core.steady_frames.SteadyWatch`)
it is taken by itself, and the screen says so. The picture taken is handed to ``on_picture``
(the 用图片查 page reads it as it reads an opened picture: the words land in the 查一查 box and
are checked) after the screen has closed. The camera runs only while the screen shows.

Frames come from :class:`~guardian.pictures.frames.FrameSource`: the default camera, or a
video file given as ``video`` (how the screen is tested and pictured without a camera). A
camera that cannot start is said in one plain sentence; nothing is raised.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from guardian.core.steady_frames import SteadyWatch
from guardian.ui.caller_choice import WORD_JOINER
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, scrolling

if TYPE_CHECKING:
    from guardian.pictures.frames import FrameSource

PROBLEM_KEYS: dict[str, str] = {
    "no_camera": "camera.no_camera",
    "no_permission": "camera.no_permission",
    "camera_failed": "camera.camera_failed",
    "video_unreadable": "camera.video_unreadable",
}
"""The sentence said for each reason no frames come (the codes of frames.PROBLEMS)."""

GUIDE_COLOUR = "#ffd400"
"""The frame guide: a bright yellow that stands out on a dark room and a light screen."""
GUIDE_HEIGHT = 0.9
"""The guide's height, as a part of the picture's height (a phone held upright)."""
GUIDE_ASPECT = 0.62
"""The guide's width to height (a phone's screen)."""


def fitted(image_size: QSize, area: QSize) -> QRectF:
    """Where a picture of ``image_size`` goes in ``area``: as large as fits, in the middle."""
    if image_size.isEmpty() or area.isEmpty():
        return QRectF(0, 0, area.width(), area.height())
    scale = min(area.width() / image_size.width(), area.height() / image_size.height())
    width, height = image_size.width() * scale, image_size.height() * scale
    return QRectF((area.width() - width) / 2, (area.height() - height) / 2, width, height)


def guide_rect(picture: QRectF) -> QRectF:
    """The frame guide inside the picture's place: an upright phone's shape, in the middle."""
    height = picture.height() * GUIDE_HEIGHT
    width = min(height * GUIDE_ASPECT, picture.width() * 0.9)
    return QRectF(
        picture.center().x() - width / 2, picture.center().y() - height / 2, width, height
    )


LAST_WORDS_CHARS = 4
"""How many Chinese characters at the end of a line of words always stay together."""


def no_lone_end(text: str, chars: int = LAST_WORDS_CHARS) -> str:
    """``text`` for display, its last ``chars`` Chinese characters kept on one line.

    A long Chinese sentence then never leaves one character alone on its last line
    ("把手机屏幕放进框" and "里" alone): the line breaks before "放进框里" instead.
    """
    end = len(text.rstrip("。！？，.!?,"))
    start = end
    while start > 0 and end - start < chars and "\u3400" <= text[start - 1] <= "\u9fff":
        start -= 1
    if end - start < 2:
        return text
    joined = WORD_JOINER.join(text[start:end])
    return text[:start] + joined + text[end:]


class Preview(QWidget):
    """The live picture, as large as the room allows, with the bright frame guide on it.

    Attributes:
        image: the picture shown (None: a dark area, the guide alone).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.setMinimumSize(160, 120)  # the words around it come first at the largest text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_image(self, image: QImage) -> None:
        """Show ``image`` (the newest frame)."""
        self.image = image
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The picture scaled into the widget, the guide drawn over it."""
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QColor("#1b1b1b"))
            size = self.image.size() if self.image is not None else QSize(4, 3)
            place = fitted(size, self.size())
            if self.image is not None:
                painter.drawImage(place, self.image)
            pen = QPen(QColor(GUIDE_COLOUR))
            pen.setWidth(max(6, self.height() // 90))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(guide_rect(place), 18, 18)
        finally:
            painter.end()


class CameraScreen(Screen):
    """The camera's live picture, the frame guide, and "拍下来".

    Still for about a second, the picture is taken by itself.

    Args:
        ctx: the shared app context.
        on_picture: called with the picture taken, after the screen has closed (None: the
            screen only shows the camera, and "拍下来" closes it).
        video: play this video file instead of using the camera (tests and pictures).
        steady: the watch that says when the picture is still (a new one when None).

    Attributes:
        preview: the live picture with its guide.
        status: the line beside it: hold still (or that it was taken).
        problem: why there is no picture (shown in place of the rest).
        take_button: "拍下来".
        taken: the picture taken (None until then).
        taken_by_itself: whether it was taken because the picture was still.
    """

    title_key = "camera.title"

    def __init__(
        self,
        ctx: AppContext,
        on_picture: Callable[[QImage], object] | None = None,
        video: Path | None = None,
        steady: SteadyWatch | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._on_picture = on_picture
        self._video = video
        self.steady = steady or SteadyWatch()
        self.source: FrameSource | None = None
        self.taken: QImage | None = None
        self.taken_by_itself = False
        self._problem: str | None = None
        self._entering = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(body)
        # The window is wide: the live picture on the left, as tall as the window allows; the
        # words and "拍下来" beside it, so that large text never squeezes the picture.
        row = QHBoxLayout(body)
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(24)
        self.preview = Preview()
        self.preview.setAccessibleName(ctx.t("camera.preview_name"))
        row.addWidget(self.preview, 4)
        column = QVBoxLayout()
        column.setSpacing(16)
        row.addLayout(column, 3)
        # The words scroll if they ever need more room than the window has; "拍下来" stays.
        words = QWidget()
        words_layout = QVBoxLayout(words)
        words_layout.setContentsMargins(0, 0, 0, 0)
        words_layout.setSpacing(16)
        self.guide = label(no_lone_end(ctx.t("camera.guide")), "title")
        words_layout.addWidget(self.guide)
        self.status = label(ctx.t("camera.hint"))
        words_layout.addWidget(self.status)
        self.problem = label("", "banner")
        self.problem.setVisible(False)
        words_layout.addWidget(self.problem)
        words_layout.addStretch(1)
        column.addWidget(scrolling(words), 1)
        self.take_button = BigButton(
            ctx.t("camera.take"),
            "camera",
            role="primary",
            icon_px=ctx.theme.tile_icon_px,
            description=ctx.t("camera.take_description"),
        )
        self.take_button.clicked.connect(lambda: self.take(by_itself=False))
        column.addWidget(self.take_button)

    # -- entering and leaving ----------------------------------------------------------------

    def entered(self) -> None:
        """Start the camera (or the video) when the screen shows."""
        if self.taken is not None:
            return
        if self.source is None:
            from guardian.pictures.frames import FrameSource  # Qt Multimedia: loaded here

            self.source = FrameSource(self)
            self.source.frame_ready.connect(self._frame)
            self.source.failed.connect(self._failed)
        self.steady.reset()
        self._problem = None
        self.status.setText(self.ctx.t("camera.hint"))
        self.problem.setVisible(False)
        for widget in (self.guide, self.status, self.take_button):
            widget.setVisible(True)
        # A camera missing is known at once: the screen then reads that out as it opens.
        self._entering = True
        try:
            if self._video is not None:
                self.source.start_video(self._video)
            else:
                self.source.start_camera()
        finally:
            self._entering = False

    def leaving(self) -> None:
        """Stop the camera while another screen shows."""
        self.stop()

    def closing(self) -> None:
        """Stop the camera for good."""
        self.stop()

    def stop(self) -> None:
        """Stop the frames; the last one stays shown."""
        if self.source is not None:
            self.source.stop()

    # -- what it says ------------------------------------------------------------------------

    def spoken_text(self) -> str:
        """The guide sentence and the hint, or why there is no picture."""
        if self._problem is not None:
            return self.problem.text()
        return self.ctx.sentences(self.ctx.t("camera.guide"), self.status.text())

    # -- frames and taking the picture ----------------------------------------------------------

    def _frame(self, image: QImage) -> None:
        if self.taken is not None:
            return
        self.preview.show_image(image)
        hint = self.ctx.t("camera.hint")
        if self.status.text() != hint:  # "no picture yet" said before: there is one now
            self.status.setText(hint)
        from guardian.pictures.frames import thumbnail

        if self.steady.add(thumbnail(image), time.monotonic()):
            self.take(by_itself=True)

    def _failed(self, code: str) -> None:
        """No frames will come: why, said in place of the guide and "拍下来" (nothing to take)."""
        self._problem = code
        self.problem.setText(self.ctx.t(PROBLEM_KEYS.get(code, "camera.camera_failed")))
        self.problem.setVisible(True)
        for widget in (self.guide, self.status, self.take_button):
            widget.setVisible(False)
        if not self._entering:
            self.ctx.say(self.problem.text())

    def take(self, *, by_itself: bool = False) -> None:
        """Take the picture shown now, close the screen and hand the picture on.

        Without a picture yet it says so (and why, when the camera could not start).
        """
        if self.taken is not None:
            return
        image = self.preview.image
        if image is None or image.isNull():
            if self._problem is not None:
                self.ctx.say(self.problem.text())
            else:
                self.status.setText(self.ctx.t("camera.no_frame"))
                self.ctx.say(self.status.text())
            return
        self.taken = QImage(image)
        self.taken_by_itself = by_itself
        self.stop()
        self.status.setText(self.ctx.t("camera.taken_auto" if by_itself else "camera.taken"))
        on_picture = self._on_picture
        self.ctx.navigator().back()
        if on_picture is not None:
            on_picture(self.taken)
            # Said after the page that reads the picture has spoken: the picture was taken.
            self.ctx.say(self.status.text())
