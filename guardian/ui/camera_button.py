"""The "把手机屏幕对着摄像头" button of the picture ways in: opens the camera screen.

Whether the computer has a camera is asked the first time the button shows (that loads Qt
Multimedia, so the start of the app never pays for it). Without one it turns into plain words,
"这台电脑没有摄像头" in grey beside a crossed-out camera, with no frame and nothing to press
(it cannot be mistaken for a button); the page still says it aloud.

Example::

    camera = CameraButton(ctx, on_picture=pictures.read_image)
    row.addWidget(camera)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QShowEvent
from PySide6.QtWidgets import QWidget

from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, svg_pixmap

CAMERA_ROUTE = "camera_capture"
"""The route of the camera screen."""

NO_CAMERA_ICON = "camera_none"
"""The pictogram beside the words when there is no camera: a crossed-out camera."""

AS_WORDS = "QPushButton, QPushButton:disabled { border: none; background: transparent; }"
"""The style of the button when there is no camera: no frame, no background (plain words)."""


def camera_present() -> bool:
    """Whether this computer has a camera (loads Qt Multimedia the first time)."""
    from guardian.pictures.frames import has_camera

    return has_camera()


class CameraButton(BigButton):
    """Opens the camera screen; its picture is handed to ``on_picture``.

    Args:
        ctx: the shared app context.
        on_picture: called with the picture taken, once the camera screen has closed.
        has_camera: tells whether there is a camera (asked once, when the button first shows;
            :func:`camera_present` unless given).

    Attributes:
        present: whether a camera was found (None until the button has shown).
    """

    def __init__(
        self,
        ctx: AppContext,
        on_picture: Callable[[QImage], object],
        *,
        has_camera: Callable[[], bool] = camera_present,
        icon_px: int = 48,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx.t("camera.button"),
            "camera",
            role=None,
            icon_px=icon_px,
            description=ctx.t("camera.button_description"),
            parent=parent,
        )
        self.ctx = ctx
        self._on_picture = on_picture
        self._has_camera = has_camera
        self.present: bool | None = None
        self.clicked.connect(self.open_camera)

    def showEvent(self, event: QShowEvent) -> None:
        """Ask once, before the button is first drawn, whether there is a camera."""
        self.check_camera()
        super().showEvent(event)

    def check_camera(self) -> bool:
        """Whether there is a camera (asked once); without one the button says so."""
        if self.present is None:
            self.show_present(bool(self._has_camera()))
        return bool(self.present)

    def show_present(self, present: bool) -> None:
        """Show the button as for a computer with a camera, or as plain words without one.

        Without a camera it is grey words beside a crossed-out camera: no frame, no focus, and
        nothing happens when pressed.
        """
        self.present = present
        key = "camera.button" if present else "camera.button_none"
        words = self.ctx.t(key)
        self._text = words
        self.text_widget.setText(words)
        self.setAccessibleName(words)
        self.setAccessibleDescription(
            self.ctx.t("camera.button_description" if present else "camera.no_camera")
        )
        self.icon_name = "camera" if present else NO_CAMERA_ICON
        if self.icon_widget is not None:
            px = self.icon_widget.width()
            self.icon_widget.setPixmap(svg_pixmap(self.icon_name, px))
        self.setEnabled(present)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if present else Qt.FocusPolicy.NoFocus)
        self.setStyleSheet("" if present else AS_WORDS)
        self.text_widget.setStyleSheet(
            "" if present else f"color: {self.ctx.theme.colours.ink_soft}; font-weight: normal;"
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor if present else Qt.CursorShape.ArrowCursor)
        self.updateGeometry()

    def spoken_text(self) -> str:
        """What is said of this way in: the button's words, or that there is no camera."""
        if self.present is False:
            return self.ctx.t("camera.no_camera")
        return self.ctx.t("camera.button_spoken")

    def open_camera(self) -> None:
        """Open the camera screen, or say that this computer has no camera."""
        if not self.check_camera():
            self.ctx.say(self.ctx.t("camera.no_camera"))
            return
        self.ctx.navigator().open(CAMERA_ROUTE, on_picture=self._on_picture)
