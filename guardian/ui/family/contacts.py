"""The family's contacts in order: the primary one marked in words, move up or down, edit, add."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from guardian.core.contacts import Contact
from guardian.services import contacts as stored_contacts
from guardian.services import family_changes
from guardian.services.family_changes import Guarded, kind_label, words_for
from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen, wake_outbox
from guardian.ui.family.weekly_note import WeeklyNotePanel
from guardian.ui.widgets import BigButton, label


class ContactRow(QFrame):
    """One contact in the list: who, the number, the alert channels, and its buttons.

    Args:
        text: the lines describing the contact; the first one (who) is shown in bold.
        buttons: the row's buttons, in order.
    """

    def __init__(self, text: str, buttons: list[BigButton], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        who, _, details = text.partition("\n")
        self.full_text = text
        self.setAccessibleName(text)
        layout.addWidget(label(who, "heading"))
        layout.addWidget(label(details))
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, button in enumerate(buttons):
            grid.addWidget(button, 0, index)
        layout.addLayout(grid)
        self.buttons = buttons


class ContactListScreen(FamilyScreen):
    """Lists the contacts; each can be edited, moved, or made the primary one.

    Every change is told first to the alert channels set up before it (see
    :mod:`guardian.services.family_changes`).

    Args:
        ctx: the shared app context.
        for_channels: opened from "alert channels": says that channels belong to a contact.
    """

    title_key = "contacts.title"

    def __init__(
        self, ctx: AppContext, *, for_channels: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.contacts: list[Contact] = []
        self.rows: dict[int, ContactRow] = {}
        self.loaded = False
        self.for_channels = for_channels
        self.intro = label(ctx.t("contacts.channels_intro" if for_channels else "contacts.intro"))
        if for_channels:
            self.intro.setProperty("role", "banner")
        self.body.addWidget(self.intro)
        self.empty = label(ctx.t("contacts.empty"), "heading")
        self.empty.setVisible(False)
        self.body.addWidget(self.empty)
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(14)
        self.body.addLayout(self.list_layout)
        self.weekly_note: WeeklyNotePanel | None = None
        if for_channels:  # the alert settings: the weekly note's switch below the contacts
            self.weekly_note = WeeklyNotePanel(ctx, self.run)
            self.body.addWidget(self.weekly_note)
        self.body.addStretch(1)
        self.add_button = self.button(
            "contacts.add", "contact", role="primary", action=self.add_contact
        )
        self.action_row.addWidget(self.add_button)

    def spoken_text(self) -> str:
        """The title, what the list is for, and how many there are."""
        ctx = self.ctx
        count = (
            ctx.t("contacts.count", count=len(self.contacts))
            if self.contacts
            else ctx.t("contacts.empty")
        )
        note = self.weekly_note.spoken_text() if self.weekly_note is not None else ""
        return ctx.sentences(self.title(), self.intro.text(), count, note)

    def entered(self) -> None:
        """Read the list again (a contact may have been added or changed meanwhile)."""
        self.reload()
        if self.weekly_note is not None:
            self.weekly_note.reload()  # a test message may have arrived meanwhile

    def reload(self) -> None:
        """Read the contacts from the disk."""
        self.run(stored_contacts.read_all, self._show)

    def _show(self, contacts: list[Contact]) -> None:
        for row in self.rows.values():
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = {}
        self.contacts = contacts
        self.loaded = True
        self.empty.setVisible(not contacts)
        for index, contact in enumerate(contacts):
            assert contact.id is not None
            row = self._row(index, contact)
            self.list_layout.addWidget(row)
            self.rows[contact.id] = row

    def row_text(self, index: int, contact: Contact) -> str:
        """The lines for one contact: place, name, relationship, primary, number, channels."""
        ctx = self.ctx
        relationship = contact.relationship_label(ctx.t)
        who = ctx.t(
            "contacts.row_name" if relationship else "contacts.row_name_only",
            number=index + 1,
            name=contact.name,
            relationship=relationship,
        )
        if contact.primary:
            who = ctx.t("contacts.row_primary", who=who)
        lines = [who, contact.phone.display]
        if contact.channels:
            kinds = "、".join(kind_label(c.kind, ctx.t) for c in contact.channels)
            lines.append(ctx.t("contacts.row_channels", kinds=kinds))
        else:
            lines.append(ctx.t("contacts.row_no_channels"))
        return "\n".join(lines)

    def _row(self, index: int, contact: Contact) -> ContactRow:
        assert contact.id is not None
        contact_id = contact.id
        edit = self.button("contacts.edit", None, action=lambda: self.edit_contact(contact_id))
        up = self.button("contacts.move_up", None, action=lambda: self.move_contact(contact_id, -1))
        down = self.button(
            "contacts.move_down", None, action=lambda: self.move_contact(contact_id, 1)
        )
        primary = self.button(
            "contacts.make_primary", None, action=lambda: self.make_primary(contact_id)
        )
        up.setEnabled(index > 0)
        down.setEnabled(index < len(self.contacts) - 1)
        primary.setVisible(not contact.primary)
        for button, key in ((up, "contacts.move_up"), (down, "contacts.move_down")):
            description = self.ctx.t(f"{key}_description", name=contact.name)
            button.setAccessibleName(description)
            button.setAccessibleDescription(description)
        edit.setAccessibleName(self.ctx.t("contacts.edit_description", name=contact.name))
        primary.setAccessibleName(
            self.ctx.t("contacts.make_primary_description", name=contact.name)
        )
        return ContactRow(self.row_text(index, contact), [edit, up, down, primary])

    # -- actions ---------------------------------------------------------------------------

    def add_contact(self) -> None:
        """Open an empty contact form."""
        self.ctx.navigator().open("family_contact_form")

    def edit_contact(self, contact_id: int) -> None:
        """Open the form of one contact."""
        contact = next((c for c in self.contacts if c.id == contact_id), None)
        if contact is not None:
            self.ctx.navigator().open("family_contact_form", contact=contact)

    def move_contact(self, contact_id: int, direction: int) -> None:
        """Move a contact one place up (-1) or down (+1)."""
        ids = [c.id for c in self.contacts if c.id is not None]
        if contact_id not in ids:
            return
        index = ids.index(contact_id)
        target = index + direction
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        words = words_for(self.ctx.catalog, self.ctx.lang)
        name = self.contacts[index].name
        job = family_changes.reorder_contacts(ids, words=words)
        self.run(job, lambda g: self._changed(g, self.ctx.t("contacts.moved", name=name)))

    def make_primary(self, contact_id: int) -> None:
        """Make a contact the first one to call and to alert."""
        contact = next((c for c in self.contacts if c.id == contact_id), None)
        if contact is None:
            return
        words = words_for(self.ctx.catalog, self.ctx.lang)
        name = contact.name
        job = family_changes.make_primary(contact_id, name, words=words)
        self.run(job, lambda g: self._changed(g, self.ctx.t("contacts.primary_now", name=name)))

    def _changed(self, guarded: Guarded[None], text: str) -> None:
        if guarded.alerts:
            wake_outbox(self.ctx)
        self.show_message(text)
        self.reload()
