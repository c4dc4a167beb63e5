"""The report card on paper: A4, large type, the person's words as they wrote them."""

from __future__ import annotations

import html
import os
import tempfile
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from guardian.core.i18n import Lang
from guardian.core.report_card import ORDER, ReportCard, field_label

PAPER_BODY_PT = 16
FIELD_STYLE = "margin-top:0px; margin-bottom:2px"
"""Each field's paragraph: close enough that the whole card fits on one A4 page."""


def _escape(text: str) -> str:
    """``text`` as HTML that shows it as typed: markup in it is shown, never followed."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def report_html(
    card: ReportCard, lang: Lang, title: str, note: str, blank: str, warning: str = ""
) -> str:
    """Return the card as simple HTML: every field, with blank lines for the empty ones.

    ``warning`` (that a fee to get the money back is the same fraud) is printed under the
    note, framed, where the person sees it first.
    """
    rows = []
    for name in ORDER:
        value = card.shown(name, lang)
        shown = _escape(value) if value else f'<span style="color:#555">{_escape(blank)}</span>'
        rows.append(
            f'<p style="{FIELD_STYLE}"><b>{_escape(field_label(name).get(lang))}</b><br>{shown}</p>'
        )
    framed = (
        '<table border="2" cellpadding="8" width="100%"><tr><td>'
        f"<b>{_escape(warning)}</b></td></tr></table>"
        if warning
        else ""
    )
    return f"<h1>{_escape(title)}</h1><p>{_escape(note)}</p>{framed}" + "".join(rows)


def render_report_pdf(html_text: str) -> bytes:
    """Return ``html_text`` as the bytes of an A4 PDF in large type.

    Drawn in memory, so a place that cannot be written never gets a half-made file.

    Raises:
        OSError: Qt could not draw the PDF.
    """
    buffer = QBuffer()
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError("no memory to draw the report card in")
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle("Guardian report card")
    document = QTextDocument()
    app = QApplication.instance()
    font = QFont(app.font() if isinstance(app, QApplication) else QFont())
    # Latin letters and digits from the system's own font, Chinese from the app's: a CJK
    # family's Latin glyphs are drawn in PDFs that some readers cannot turn back into text.
    installed = set(QFontDatabase.families())
    latin = next((name for name in LATIN_FAMILIES if name in installed), None)
    font.setFamilies([name for name in (latin, font.family()) if name])
    font.setPointSize(PAPER_BODY_PT)
    document.setDefaultFont(font)
    document.setHtml(html_text)
    document.print_(writer)  # begins and ends its own painter on the writer
    del writer
    data = bytes(buffer.data().data())
    buffer.close()
    # print_() says nothing when its painter could not begin: a finished PDF is the proof.
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-64:]:
        raise OSError("the report card could not be drawn")
    return data


LATIN_FAMILIES = ("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans")
"""Families the report card's Latin letters and digits are drawn in, the first one installed."""


def write_report_pdf(path: Path, html_text: str) -> Path:
    """Write ``html_text`` to an A4 PDF at ``path`` in large type; return the path.

    The file is written beside ``path`` under another name and then renamed, so an earlier
    file of the same name stays whole when writing fails. The folder must exist.

    Raises:
        OSError: the PDF could not be drawn, or the file could not be written (the folder does
            not exist or cannot be written to, the disk is full...).
    """
    data = render_report_pdf(html_text)
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"the folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=".report-card-", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    if not path.is_file() or path.stat().st_size != len(data):
        raise OSError(f"the report card at {path} is missing or incomplete after writing")
    return path
