"""The report card on paper: A4, large type, the person's words as they wrote them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from guardian.core.i18n import Lang
from guardian.core.report_card import FIELDS, ReportCard

PAPER_BODY_PT = 16


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    )


def report_html(card: ReportCard, lang: Lang, title: str, note: str, blank: str) -> str:
    """Return the card as simple HTML: every field, with blank lines for the empty ones."""
    rows = []
    for name, (label, _) in FIELDS.items():
        value = getattr(card, name)
        shown = _escape(value) if value else f'<span style="color:#555">{blank}</span>'
        rows.append(f"<p><b>{_escape(label.get(lang))}</b><br>{shown}</p>")
    return f"<h1>{_escape(title)}</h1><p>{_escape(note)}</p>" + "".join(rows)


def write_report_pdf(path: Path, html: str) -> Path:
    """Write ``html`` to an A4 PDF at ``path`` in large type; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle("Guardian report card")
    document = QTextDocument()
    app = QApplication.instance()
    font = QFont(app.font() if isinstance(app, QApplication) else QFont())
    font.setPointSize(PAPER_BODY_PT)
    document.setDefaultFont(font)
    document.setHtml(html)
    document.print_(writer)
    return path
