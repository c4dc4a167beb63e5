"""The picture ways in to 查一查: open a picture file, paste one, or drop one here.

A family member forwards a screenshot of the message, or the person saves one: the words are
read from the picture, so nobody has to type them. Each way in is one big button with a
pictogram, "打开图片" the primary one (dropping needs none: a line says it can be done). The
words are read off the window's thread (:class:`~guardian.ui.background.BackgroundCall`);
meanwhile a large "正在看图……" and one big "取消" show, and nothing moves. The text reader is
made the first time a picture comes, so its model loads only when it is first needed.

What comes out: :attr:`PictureInput.words_read` with the words, which the screen holding the
widget puts in its text box and checks, showing :meth:`PictureInput.correction_note` with them;
or one plain sentence, shown large and read aloud, saying why the picture gave no words. Just
before the words, :attr:`PictureInput.picture_read` gives the picture itself (shrunk, in memory
only) with the place of each run of words on it, to box the marked words on.

Example::

    pictures = PictureInput(ctx)
    pictures.words_read.connect(self.take_words)
    layout.addWidget(pictures)
    ...
    pictures.closing()  # in the screen's closing()
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QStandardPaths, QUrl, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guardian.core.picture_marks import PictureWords
from guardian.pictures.keeping import picture_words
from guardian.pictures.reading import (
    PictureError,
    PictureReader,
    read_picture,
    read_picture_file,
)
from guardian.ui.background import BackgroundCall
from guardian.ui.camera_button import CameraButton
from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, label

log = logging.getLogger(__name__)

PICTURE_FILES = "*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff"
"""The picture files the file dialog offers (those the text reader opens)."""

PROBLEM_KEYS: dict[str, str] = {
    "not_a_picture": "picture.not_a_picture",
    "too_large": "picture.too_large",
    "no_text": "picture.no_text",
    "unreadable": "picture.unreadable",
    "reader_missing": "picture.reader_missing",
}
"""The sentence said for each reason a picture gave no words (the codes of PictureError)."""

NO_PICTURE_TO_PASTE = "picture.nothing_to_paste"
"""The sentence said when "粘贴图片" finds no picture on the clipboard."""

Source = Path | QImage
"""A picture to read: a file, or a picture pasted or dropped."""


def _picture_bytes(image: QImage) -> bytes:
    """``image`` as the bytes of a PNG file (any thread: QImage and QBuffer are reentrant)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"PNG")).write(image):
        raise PictureError("not_a_picture", "the picture could not be written as PNG")
    buffer.close()
    return bytes(data.data())


def _read(source: Source, reader: PictureReader) -> PictureWords | PictureError:
    """The words on ``source`` with the picture (in memory only), or why there are none.

    Runs off the window's thread.
    """
    try:
        if isinstance(source, QImage):
            if source.isNull():
                raise PictureError("not_a_picture", "an empty picture")
            data = _picture_bytes(source)
        else:
            data = read_picture_file(source)
        found = read_picture(data, reader)
        return picture_words(data, found)
    except PictureError as problem:
        log.info("a picture gave no words: %s", problem)
        return problem


def _local_file(urls: list[QUrl]) -> Path | None:
    """The one file on this computer in ``urls`` (None: none, or more than one)."""
    files = [url.toLocalFile() for url in urls if url.isLocalFile()]
    return Path(files[0]) if len(files) == 1 and files[0] else None


def _image_of(data: object) -> QImage | None:
    """The picture in a clipboard's or a drop's image data, if it holds one."""
    if isinstance(data, QPixmap):
        data = data.toImage()
    if isinstance(data, QImage) and not data.isNull():
        return data
    return None


class _Pages(QWidget):
    """One page at a time, as tall as the page shown (the others take no room)."""

    def __init__(self) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._current: QWidget | None = None

    def addWidget(self, page: QWidget) -> None:
        """Add ``page``; the first one added is shown."""
        self._layout.addWidget(page)
        page.setVisible(self._current is None)
        if self._current is None:
            self._current = page

    def setCurrentWidget(self, page: QWidget) -> None:
        """Show ``page`` and hide the others."""
        for index in range(self._layout.count()):
            item = self._layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setVisible(widget is page)
        self._current = page

    def currentWidget(self) -> QWidget | None:
        """The page shown."""
        return self._current


class PictureInput(QWidget):
    """The picture ways in: "打开图片", "粘贴图片", and a picture dropped on it.

    Args:
        ctx: the shared app context (words, text size, speech).
        reader: the text reader to use (one is made at the first picture when None, and kept).

    Signals:
        words_read(str): the words read from a picture, in reading order (never empty).
        picture_read(PictureWords): the picture just read, with its words and their places;
            emitted just before ``words_read``.
        reading_changed(bool): a picture began to be read (True), or the reading ended, with
            words, with a problem, or cancelled (False).

    Attributes:
        open_button, paste_button: the two ways in.
        cancel_button: shown while a picture is read; drops the reading.
        problem: the line that says why the last picture gave no words (hidden otherwise).
    """

    words_read = Signal(str)
    picture_read = Signal(object)
    reading_changed = Signal(bool)

    def __init__(
        self, ctx: AppContext, reader: PictureReader | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reader = reader
        self._call: BackgroundCall[PictureWords | PictureError] | None = None
        self._last_call: BackgroundCall[PictureWords | PictureError] | None = None
        self.setAcceptDrops(True)
        # As tall as its buttons: the message box above takes the room the page has.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setAccessibleName(ctx.t("picture.ways_in"))
        icon_px = ctx.theme.button_icon_px

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = _Pages()
        outer.addWidget(self.pages)

        self.choices_page = QWidget()
        choices = QVBoxLayout(self.choices_page)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(12)
        self.problem = label("", "banner")
        self.problem.setVisible(False)
        choices.addWidget(self.problem)
        # The one main way in, a screenshot saved on the computer: the big primary button, on
        # its own row; pasting and the camera below it.
        self.open_button = BigButton(
            ctx.t("picture.open"),
            "picture",
            role="primary",
            icon_px=icon_px,
            description=ctx.t("picture.open_description"),
        )
        self.open_button.clicked.connect(self.choose_file)
        self.paste_button = BigButton(
            ctx.t("picture.paste"),
            "picture_paste",
            role=None,
            icon_px=icon_px,
            description=ctx.t("picture.paste_description"),
        )
        self.paste_button.clicked.connect(self.paste)
        choices.addWidget(self.open_button)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.paste_button, 1)
        self.camera_button = CameraButton(ctx, self.read_image, icon_px=icon_px)
        row.addWidget(self.camera_button, 1)
        choices.addLayout(row)
        self.drop_hint = label(ctx.t("picture.drop_hint"), "soft")
        choices.addWidget(self.drop_hint)
        self.pages.addWidget(self.choices_page)

        self.reading_page = QWidget()
        reading = QVBoxLayout(self.reading_page)
        reading.setContentsMargins(0, 0, 0, 0)
        reading.setSpacing(12)
        self.reading_label = label(ctx.t("picture.reading"), "headline")
        reading.addWidget(self.reading_label)
        reading.addWidget(label(ctx.t("picture.reading_hint"), "soft"))
        self.cancel_button = BigButton(
            ctx.t("picture.cancel"),
            None,
            role=None,
            description=ctx.t("picture.cancel_description"),
        )
        self.cancel_button.clicked.connect(self.cancel)
        reading.addWidget(self.cancel_button)
        self.pages.addWidget(self.reading_page)

    # -- what the host uses ------------------------------------------------------------------

    @property
    def reader(self) -> PictureReader:
        """The text reader: the app's one, else one made on first use.

        The app's is ``ctx.services.picture_reader``; its model loads when it first reads.
        """
        if self._reader is None:
            self._reader = self.ctx.services.picture_reader or PictureReader()
        return self._reader

    @property
    def reading(self) -> bool:
        """Whether a picture is being read now."""
        return self._call is not None

    def correction_note(self) -> str:
        """The line to show with words read from a picture: they may be wrong, and can be fixed."""
        return self.ctx.t("picture.may_be_wrong")

    def spoken_text(self) -> str:
        """What the widget says: that a picture is being read, the last problem, or the ways in."""
        ctx = self.ctx
        if self.reading:
            return ctx.sentences(ctx.t("picture.reading"), ctx.t("picture.reading_hint"))
        if self.problem.isVisible():
            return self.problem.text()
        return ctx.sentences(ctx.t("picture.ways_in"), self.camera_button.spoken_text())

    def closing(self) -> None:
        """The screen is going: drop a reading still running (its words are thrown away)."""
        if self._call is not None:
            self._call.drop()
            self._call = None

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the last reading started has ended, even a cancelled one (for tests)."""
        if self._last_call is not None:
            self._last_call.wait(timeout)

    # -- the ways in -------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a picture file (from the Pictures, else the Downloads folder) and read it."""
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.ctx.t("picture.choose"),
            self.start_folder(),
            f"{self.ctx.t('picture.file_filter')} ({PICTURE_FILES})",
        )
        if chosen:
            self.read_file(Path(chosen))

    @staticmethod
    def start_folder() -> str:
        """Where the file dialog opens: the Pictures folder, else Downloads, else home."""
        for place in (
            QStandardPaths.StandardLocation.PicturesLocation,
            QStandardPaths.StandardLocation.DownloadLocation,
        ):
            folder = QStandardPaths.writableLocation(place)
            if folder and Path(folder).is_dir():
                return folder
        return str(Path.home())

    def read_file(self, path: Path) -> None:
        """Read the words of the picture file at ``path`` (the answer comes later)."""
        self._start(path)

    def read_image(self, image: QImage) -> None:
        """Read the words of ``image`` (pasted or dropped; the answer comes later)."""
        self._start(QImage(image))

    def paste(self) -> None:
        """Read the picture on the clipboard (or a picture file copied); say so if there is none."""
        data = QGuiApplication.clipboard().mimeData()
        image = _image_of(data.imageData()) if data is not None and data.hasImage() else None
        if image is not None:
            self.read_image(image)
            return
        path = _local_file(data.urls()) if data is not None and data.hasUrls() else None
        if path is not None:
            self.read_file(path)
            return
        self._problem(self.ctx.t(NO_PICTURE_TO_PASTE))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Take a picture, or one file, dragged here (not while a picture is read)."""
        data = event.mimeData()
        takes = not self.reading and (
            (data.hasImage() and _image_of(data.imageData()) is not None)
            or (data.hasUrls() and _local_file(data.urls()) is not None)
        )
        if takes:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Read the picture dropped here (a file that is no picture says so)."""
        if self.reading:
            event.ignore()
            return
        data = event.mimeData()
        path = _local_file(data.urls()) if data.hasUrls() else None
        image = _image_of(data.imageData()) if path is None and data.hasImage() else None
        if path is None and image is None:
            event.ignore()
            return
        event.acceptProposedAction()
        if path is not None:
            self.read_file(path)
        elif image is not None:
            self.read_image(image)

    def cancel(self) -> None:
        """Stop waiting for the picture being read: its words are thrown away."""
        if self._call is None:
            return
        self.closing()
        self._show_choices()
        self.ctx.say(self.ctx.t("picture.cancelled"))

    # -- reading -----------------------------------------------------------------------------

    def _start(self, source: Source) -> None:
        if self._call is not None:
            return  # one picture at a time: the buttons are hidden while one is read
        reader = self.reader
        call: BackgroundCall[PictureWords | PictureError] = BackgroundCall(
            lambda: _read(source, reader),
            self._answered,
            on_error=self._failed,
            name="guardian-picture",
        )
        self._call = self._last_call = call
        self.destroyed.connect(call.drop)
        self.problem.setVisible(False)
        self.pages.setCurrentWidget(self.reading_page)
        self.reading_changed.emit(True)
        call.start()
        self.ctx.say(self.spoken_text())

    def _answered(self, answer: PictureWords | PictureError) -> None:
        self._call = None
        if isinstance(answer, PictureError):
            self._show_choices()
            self._problem(self.ctx.t(PROBLEM_KEYS.get(answer.code, "picture.unreadable")))
            return
        self._show_choices()
        self.picture_read.emit(answer)
        self.words_read.emit(answer.text)

    def _failed(self, error: Exception) -> None:
        """The reader itself failed (already logged): the picture could not be read."""
        self._call = None
        self._show_choices()
        self._problem(self.ctx.t("picture.unreadable"))

    def _show_choices(self) -> None:
        self.pages.setCurrentWidget(self.choices_page)
        self.reading_changed.emit(False)

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(True)
        self.ctx.say(text)
