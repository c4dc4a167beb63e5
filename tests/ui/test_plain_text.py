"""What a person typed or a file held is shown as it is: never as HTML, on every screen.

A label on Qt's automatic text format renders anything that looks like HTML, so a contact named
``<img src=/dev/zero>`` would make Qt read that file until the app aborts. These checks use an
image that does exist instead (a label that renders it shows the picture); every label in the
window must be on the plain-text format and show the string exactly as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QWidget

from guardian.assets import icon_path
from guardian.core.contacts import Contact, parse_phone
from guardian.core.i18n import Lang
from guardian.core.records import CheckRecord
from guardian.core.report_card import FIELDS, ReportCard
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database
from guardian.storage.history_io import export_json
from guardian.ui.call_card import CallCardScreen, CallFamilyListScreen
from guardian.ui.check_message import CheckMessageScreen
from guardian.ui.family.contact_form import ContactFormScreen
from guardian.ui.family.contacts import ContactListScreen
from guardian.ui.history import HistoryScreen
from guardian.ui.history_detail import HistoryDetailScreen
from guardian.ui.main_window import MainWindow
from guardian.ui.report_card import ReportCardScreen
from guardian.ui.report_pdf import report_html
from tests.ui.conftest import RecordingSpeaker, WindowMaker
from tests.ui.family.test_family import Family, make_family

#: A picture that exists: a label that renders HTML would show it instead of these words.
PICTURE = f'<img src="{icon_path("home")}">'

#: Markup, a link, a very long string, right-to-left and zero-width characters.
HOSTILE = (
    PICTURE,
    "<b>x</b>",
    "<a href=x>y</a>",
    "<i>" + "很长的名字 long name " * 200 + "</i>",
    "\u202e<u>abc</u>\u200b\u200d\u2066مرحبا\u2069",
)

#: Strings the contact form accepts as a name or relationship (at most 20 printable
#: characters): a picture relative to the working folder, markup, a link, Arabic, a full name.
STORABLE = (
    "<img src=home.svg>",
    "<b>x</b>",
    "<a href=x>y</a>",
    "<b>مرحبا</b>",
    "<i>" + "长" * 13 + "</i>",
)


def shown_texts(window: QWidget) -> list[str]:
    """The text of every label in ``window``, after checking each one shows plain text."""
    labels = window.findChildren(QLabel)
    rendered = [lbl.text() for lbl in labels if lbl.textFormat() != Qt.TextFormat.PlainText]
    # Those that look like HTML first; a pictogram's label has no words but keeps the rule too.
    rendered.sort(key=lambda text: (not Qt.mightBeRichText(text), not text))
    assert not rendered, f"{len(rendered)} labels would render HTML: {rendered[:3]}"
    return [lbl.text() for lbl in labels]


def assert_shown_as_typed(window: QWidget, strings: Iterable[str]) -> None:
    """Every label is plain text, and each of ``strings`` is in one of them as it was typed."""
    QApplication.processEvents()
    texts = shown_texts(window)
    for string in strings:
        assert any(string in text for text in texts), f"{string[:40]!r} is not shown"


def tooltip_shows(tooltip: str) -> str:
    """What Qt shows for ``tooltip`` (it renders one that looks like HTML as HTML)."""
    document = QTextDocument()
    if Qt.mightBeRichText(tooltip):
        document.setHtml(tooltip)
    else:
        document.setPlainText(tooltip)
    return document.toPlainText()


def contact(name: str, number: str, relationship: str, position: int) -> Contact:
    phone = parse_phone(number).phone
    assert phone is not None
    return Contact(
        name=name,
        phone=phone,
        relationship=relationship,
        position=position,
        primary=position == 0,
        id=position + 1,
    )


@pytest.fixture
def family(disk, db_path, make_window: WindowMaker) -> Family:
    return make_family(make_window, disk, db_path)


def test_names_and_relationships_on_the_call_screens_are_shown_as_typed(
    family: Family, speaker: RecordingSpeaker
) -> None:
    contacts = [
        contact(text, f"1381234{index:04d}", HOSTILE[-1 - index], index)
        for index, text in enumerate(HOSTILE)
    ]
    listing = family.show(CallFamilyListScreen(family.ctx, contacts, opener=lambda _: False))
    assert isinstance(listing, CallFamilyListScreen)
    assert_shown_as_typed(family.window, HOSTILE)
    for index, person in enumerate(listing.contacts):
        listing.open_card(index)
        card = family.screen()
        assert isinstance(card, CallCardScreen)
        assert card.name_label.text() == person.name
        assert_shown_as_typed(family.window, [person.name, person.relationship])
        card.call_button.click()  # "use your phone" and the digits
        card.next_button.click()
        assert_shown_as_typed(family.window, [card.contact.name])
        family.window.back()
    assert speaker.said  # every card was read aloud, with its names as text


def test_stored_contacts_are_shown_as_typed_in_the_family_settings(family: Family) -> None:
    for index, name in enumerate(STORABLE):
        family.add_contact(name, f"1391234{index:04d}")
    listing = family.show(ContactListScreen(family.ctx))
    assert isinstance(listing, ContactListScreen)
    family.settle()
    assert_shown_as_typed(family.window, STORABLE)
    for person in listing.contacts:
        form = family.show(ContactFormScreen(family.ctx, person))
        assert form.title() == family.ctx.t("contacts.edit_title", name=person.name)
        assert_shown_as_typed(family.window, [form.title()])
        form.delete_button.click()  # asks once more, in its own words
        assert_shown_as_typed(family.window, [family.ctx.t("contacts.delete_confirm")])
        family.window.back()


def test_an_imported_history_is_shown_as_typed(
    qtbot, make_window: WindowMaker, db_path, tmp_path
) -> None:
    # The file comes from another computer's export: its numbers and messages are its own
    # (numbers as long as a saved number may be, messages up to the longest message).
    other = open_database(tmp_path / "other.db")
    now = datetime.now(timezone.utc)
    for index, number in enumerate(STORABLE):
        when = now - timedelta(hours=index)
        CheckStore(other).save(
            CheckRecord(
                kind="text" if index % 2 else "call",
                status="finished",
                started_at=when,
                updated_at=when,
                caller_number=number,
                text=HOSTILE[-1 - index] if index % 2 else None,
                level="high",
                lang="zh",
            )
        )
    export = tmp_path / "history.json"
    export_json(other, export)
    other.close()
    window = make_window(db_path=db_path, routes={})
    ctx = window.ctx
    screen = HistoryScreen(ctx)
    window.show_screen(screen)
    screen.import_from(export)
    qtbot.waitUntil(lambda: len(screen.rows) == len(STORABLE))
    assert_shown_as_typed(window, STORABLE)
    for record in list(screen.records):
        detail = HistoryDetailScreen(ctx, record)
        window.show_screen(detail)
        shown = [record.caller_number or ""] + ([record.text] if record.text else [])
        assert_shown_as_typed(window, shown)
        window.back()


def test_a_checked_message_and_number_are_shown_as_typed(window: MainWindow) -> None:
    screen = CheckMessageScreen(window.ctx)
    window.show_screen(screen)
    for text in HOSTILE:
        screen.text_field.setPlainText(text)
        screen.check_text_button.click()
        kept = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")
        # Only the marked words are HTML here, and the message is escaped into it.
        assert screen.marked.toPlainText() == kept
        assert_shown_as_typed(window, [])
        screen.check_another()
    for number in ("<b>110</b>", "<a href=x>95588</a>", PICTURE):
        screen.number_field.setText(number)
        screen.check_number_button.click()
        assert_shown_as_typed(window, [])
        screen.check_another()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_card_shows_and_prints_its_fields_as_typed(
    make_window: WindowMaker, lang: Lang
) -> None:
    card = ReportCard()
    values = {}
    for index, name in enumerate(FIELDS):
        value = HOSTILE[index % len(HOSTILE)][: FIELDS[name][1]]
        card.set(name, value)
        values[name] = getattr(card, name)
    html = report_html(card, lang, "<b>title</b>", "<i>note</i>", "____")
    printed = QTextDocument()
    printed.setHtml(html)
    for value in [*values.values(), "<b>title</b>", "<i>note</i>"]:
        assert value in printed.toPlainText()
    window = make_window(lang=lang)
    screen = ReportCardScreen(window.ctx)
    window.show_screen(screen)
    screen._loaded((card.to_mapping(), None, None))
    assert_shown_as_typed(window, [])
    for name, field in screen.fields.items():
        shown = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
        assert shown == values[name]


class SilentSpeaker(RecordingSpeaker):
    """A speaker without sound, for a reason given by the system."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    @property
    def available(self) -> bool:
        return False

    @property
    def unavailable_reason(self) -> str:
        return self.reason


@pytest.mark.parametrize(
    "reason",
    [*HOSTILE, "aplay: <b>no</b>\n  card 0"],
    ids=["picture", "bold", "link", "long", "right-to-left", "lines"],
)
def test_why_there_is_no_voice_is_shown_as_written(make_window: WindowMaker, reason: str) -> None:
    window = make_window(speaker=SilentSpeaker(reason), show=False)
    assert tooltip_shows(window.voice_status.toolTip()) == reason
    assert window.voice_status.accessibleDescription() == reason
    assert_shown_as_typed(window, [])


#: The only places that hand Qt HTML, each escaping what a person or a file wrote into it.
HTML_ALLOWED = {"guardian/ui/check_message.py", "guardian/ui/report_pdf.py"}


def test_labels_and_tooltips_are_made_plain_in_one_place() -> None:
    root = Path(__file__).resolve().parents[2]
    made_here = []
    for path in sorted((root / "guardian").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "guardian/ui/widgets.py":
            continue
        source = path.read_text(encoding="utf-8")
        for needle in ("QLabel(", "setToolTip(", "TextFormat.RichText", "TextFormat.AutoText"):
            if needle in source:
                made_here.append(f"{name}: {needle}")
        if ("setHtml(" in source or "insertHtml(" in source) and name not in HTML_ALLOWED:
            made_here.append(f"{name}: HTML")
    assert made_here == [], "use widgets.plain_label / label / set_plain_tooltip"
