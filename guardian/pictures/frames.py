"""Moving pictures for the camera screen: from the computer's camera, or from a video file.

Both come the same way: Qt Multimedia hands each frame to a ``QVideoSink``, and
:class:`FrameSource` turns it into a ``QImage`` and emits it on the window's thread. The camera
goes through a ``QMediaCaptureSession``; a video file (how the camera path is tested without a
camera) through a ``QMediaPlayer`` with the same kind of sink. What goes wrong is told as a
code (:data:`PROBLEMS`) for the screen to say in words, never raised.

This module loads Qt Multimedia, which takes a moment: import it only when a camera is wanted.

Example::

    source = FrameSource()
    source.frame_ready.connect(show)
    source.failed.connect(lambda code: say(code))
    source.start_camera()   # or source.start_video(Path("phone.avi"))
    ...
    source.stop()
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLoggingCategory,
    QObject,
    QSize,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage

# Set before Qt Multimedia loads, which looks for optional system libraries (PipeWire, VA-API
# video decoding) and warns for each one missing: a computer without them plays and films as
# well, so those notes are no warnings here. (QT_LOGGING_RULES, when set, still decides.)
QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")

from PySide6.QtMultimedia import (  # noqa: E402
    QCamera,
    QMediaCaptureSession,
    QMediaDevices,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)

log = logging.getLogger(__name__)

PROBLEMS = ("no_camera", "no_permission", "camera_failed", "video_unreadable")
"""Why no frames come: no camera on this computer; the system does not let the app use it; the
camera would not start (another program is using it, or it is broken); the video file cannot
be played."""

THUMBNAIL = QSize(32, 24)
"""The size of the grey thumbnails compared to tell whether the picture is steady."""


def has_camera() -> bool:
    """Whether this computer has a camera Qt can use."""
    return bool(QMediaDevices.videoInputs())


def thumbnail(image: QImage, size: QSize = THUMBNAIL) -> list[int]:
    """``image`` shrunk to ``size`` in shades of grey: its values (0-255), row by row."""
    small = image.scaled(
        size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    ).convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = small.width(), small.height()
    data = bytes(small.constBits())
    line = small.bytesPerLine()
    return [value for row in range(height) for value in data[row * line : row * line + width]]


def _camera_permission() -> str:
    """``granted``, ``denied`` or ``ask``: whether the system lets the app use the camera."""
    from PySide6.QtCore import QCameraPermission

    app = QCoreApplication.instance()
    if app is None:
        return "granted"
    status = app.checkPermission(QCameraPermission())
    if status == Qt.PermissionStatus.Granted:
        return "granted"
    if status == Qt.PermissionStatus.Denied:
        return "denied"
    return "ask"


class FrameSource(QObject):
    """Frames from the camera or from a video file, as QImages on the window's thread.

    Signals:
        frame_ready(QImage): a new frame (the newest is also kept in :attr:`latest`).
        failed(str): no (more) frames will come, and why: one of :data:`PROBLEMS`.
        finished(): a video file played to its end (a camera never ends by itself).

    Attributes:
        latest: the newest frame, or None before the first one.
        frames: how many frames have come since the last start.
    """

    frame_ready = Signal(QImage)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.latest: QImage | None = None
        self.frames = 0
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._frame)
        self._session: QMediaCaptureSession | None = None
        self._camera: QCamera | None = None
        self._player: QMediaPlayer | None = None

    @property
    def running(self) -> bool:
        """Whether frames are coming (or about to)."""
        if self._camera is not None:
            return self._camera.isActive()
        if self._player is not None:
            return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        return False

    def start_camera(self) -> None:
        """Start the default camera; ``failed`` says why when it cannot start."""
        self.stop()
        if not has_camera():
            self._fail("no_camera")
            return
        permission = _camera_permission()
        if permission == "denied":
            self._fail("no_permission")
            return
        if permission == "ask":
            from PySide6.QtCore import QCameraPermission

            app = QCoreApplication.instance()
            if app is not None:
                app.requestPermission(QCameraPermission(), self, self._permission_answered)
            return
        self._open_camera()

    def _permission_answered(self, permission: object) -> None:
        if _camera_permission() == "granted":
            self._open_camera()
        else:
            self._fail("no_permission")

    def _open_camera(self) -> None:
        device = QMediaDevices.defaultVideoInput()
        if device.isNull():
            self._fail("no_camera")
            return
        self.frames = 0
        camera = QCamera(device, self)
        camera.errorOccurred.connect(self._camera_error)
        session = QMediaCaptureSession(self)
        session.setCamera(camera)
        session.setVideoSink(self.sink)
        self._camera, self._session = camera, session
        camera.start()

    def start_video(self, path: Path) -> None:
        """Play the video file at ``path`` into the same sink as a camera would."""
        self.stop()
        if not path.is_file():
            self._fail("video_unreadable")
            return
        self.frames = 0
        player = QMediaPlayer(self)
        player.setVideoSink(self.sink)
        player.errorOccurred.connect(self._player_error)
        player.mediaStatusChanged.connect(self._player_status)
        self._player = player
        player.setSource(QUrl.fromLocalFile(str(path)))
        player.play()

    def stop(self) -> None:
        """Stop the camera or the video (the newest frame stays in :attr:`latest`)."""
        camera, player, session = self._camera, self._player, self._session
        self._camera = self._player = self._session = None
        if camera is not None:
            camera.errorOccurred.disconnect(self._camera_error)
            camera.stop()
            if session is not None:
                session.deleteLater()
            camera.deleteLater()
        if player is not None:
            player.errorOccurred.disconnect(self._player_error)
            player.mediaStatusChanged.disconnect(self._player_status)
            player.stop()
            player.deleteLater()

    @Slot(QVideoFrame)
    def _frame(self, frame: QVideoFrame) -> None:
        if self._camera is None and self._player is None:
            return  # a frame still on its way after stop()
        if not frame.isValid():
            return
        image = frame.toImage()
        if image.isNull():
            return
        self.latest = image
        self.frames += 1
        self.frame_ready.emit(image)

    def _camera_error(self, error: QCamera.Error, detail: str) -> None:
        if error == QCamera.Error.NoError:
            return
        log.warning("the camera failed: %s", detail)
        self.stop()
        self._fail("camera_failed")

    def _player_error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        log.warning("the video could not be played: %s", detail)
        self.stop()
        self._fail("video_unreadable")

    def _player_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.stop()
            self._fail("video_unreadable")
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.finished.emit()

    def _fail(self, code: str) -> None:
        self.failed.emit(code)
