"""One contact's form: name, relationship, phone, photo and alert channels; save, test, delete.

Every problem is shown in the person's language right under its field and read aloud. A save
or a delete is told first to the alert channels that existed before it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from guardian.core.contacts import (
    NAME_MAX_LENGTH,
    RELATIONSHIP_MAX_LENGTH,
    RELATIONSHIPS,
    ChannelConfig,
    Contact,
    validate_contact,
)
from guardian.services import family_changes
from guardian.services.alerts import queue_test_alert
from guardian.services.contacts import add_photo
from guardian.services.family_changes import Guarded, words_for
from guardian.ui.context import AppContext
from guardian.ui.family.channel_words import channel_summary
from guardian.ui.family.common import FamilyScreen, FormField, two_press, wake_outbox
from guardian.ui.family.photos import IMAGE_FILTER, photo_png
from guardian.ui.widgets import BigButton, BigComboBox, label

log = logging.getLogger(__name__)

PREVIEW_PX = 128
FORM_FIELDS = ("name", "relationship", "phone", "photo_path")


class ChannelRow(QFrame):
    """One alert channel in the form: what it is, "change", and "remove" (asks twice).

    Args:
        text: the channel's summary.
        edit: the "change" button.
        remove: the "remove" button.
    """

    def __init__(
        self, text: str, edit: BigButton, remove: BigButton, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(12)
        self.text = label(text)
        layout.addWidget(self.text, 1)
        layout.addWidget(edit)
        layout.addWidget(remove)
        self.edit_button = edit
        self.remove_button = remove


class ContactFormScreen(FamilyScreen):
    """Adds a contact, or changes or deletes one.

    Args:
        ctx: the shared app context.
        contact: the stored contact to change, or None for a new one.
    """

    def __init__(
        self, ctx: AppContext, contact: Contact | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.original = contact
        self.channels: list[ChannelConfig] = [
            ChannelConfig(c.kind, dict(c.fields), c.id)
            for c in (contact.channels if contact else [])
        ]
        self.photo_path: str | None = contact.photo_path if contact else None
        self.dirty = False
        self._after_save: Callable[[], None] | None = None
        self.saved: Contact | None = None
        self.queued_alerts: list[int] = []
        self.channel_rows: list[ChannelRow] = []

        self.name_edit = QLineEdit(contact.name if contact else "")
        self.name_edit.setMaxLength(NAME_MAX_LENGTH * 2)
        self.name_edit.setAccessibleName(ctx.t("contacts.name"))
        self.name_edit.setPlaceholderText(ctx.t("contacts.name_placeholder"))
        self.relationship_box = BigComboBox(ctx.theme)
        self.relationship_box.setEditable(True)
        self.relationship_box.addItem("")
        for key in RELATIONSHIPS.values():
            self.relationship_box.addItem(ctx.t(key))
        self.relationship_box.setCurrentText(contact.relationship_label(ctx.t) if contact else "")
        line_edit = self.relationship_box.lineEdit()
        if line_edit is not None:
            line_edit.setMaxLength(RELATIONSHIP_MAX_LENGTH * 2)
            line_edit.setAccessibleName(ctx.t("contacts.relationship"))
        self.relationship_box.setAccessibleName(ctx.t("contacts.relationship"))
        self.phone_edit = QLineEdit(contact.phone.display if contact else "")
        self.phone_edit.setAccessibleName(ctx.t("contacts.phone"))
        self.phone_edit.setPlaceholderText(ctx.t("contacts.phone_placeholder"))
        self.photo_preview = label("")
        self.photo_preview.setFixedSize(PREVIEW_PX, PREVIEW_PX)
        self.photo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_button = self.button("contacts.photo_choose", None, action=self.choose_photo)
        self.photo_remove = self.button("contacts.photo_remove", None, action=self.remove_photo)
        self.fields: dict[str, FormField] = {
            "name": FormField(ctx.t("contacts.name"), self.name_edit, ctx.t("contacts.name_hint")),
            "relationship": FormField(
                ctx.t("contacts.relationship"),
                self.relationship_box,
                ctx.t("contacts.relationship_hint"),
            ),
            "phone": FormField(
                ctx.t("contacts.phone"), self.phone_edit, ctx.t("contacts.phone_hint")
            ),
            "photo_path": FormField(
                ctx.t("contacts.photo"),
                self.photo_preview,
                ctx.t("contacts.photo_hint"),
                (self.photo_button, self.photo_remove),
            ),
        }
        for field in self.fields.values():
            self.body.addWidget(field)
        self.name_edit.textChanged.connect(lambda _: self._edited("name"))
        self.relationship_box.currentTextChanged.connect(lambda _: self._edited("relationship"))
        self.phone_edit.textChanged.connect(lambda _: self._edited("phone"))

        self.body.addWidget(label(ctx.t("contacts.channels"), "heading"))
        self.body.addWidget(label(ctx.t("contacts.channels_hint"), "soft"))
        self.channel_list = QWidget()
        self.channel_layout_v = QVBoxLayout(self.channel_list)
        self.channel_layout_v.setContentsMargins(0, 0, 0, 0)
        self.channel_layout_v.setSpacing(10)
        self.body.addWidget(self.channel_list)
        self.no_channels = label(ctx.t("contacts.no_channels"), "banner")
        self.body.addWidget(self.no_channels)
        self.add_channel_button = self.button(
            "contacts.add_channel", "alert", action=self.add_channel
        )
        self.body.addWidget(self.add_channel_button)
        self.body.addStretch(1)

        self.save_button = self.button(
            "contacts.save", "answer_yes", role="primary", action=self.save
        )
        self.test_button = self.button("contacts.test_alert", "alert", action=self.send_test)
        self.delete_button = self.button("contacts.delete", "delete")
        two_press(self.delete_button, ctx, ctx.t("contacts.delete_confirm"), self.delete)
        self.action_row.addWidget(self.save_button, 2)
        self.action_row.addWidget(self.test_button, 1)
        self.action_row.addWidget(self.delete_button, 1)
        self._show_channels()
        self._show_photo()
        self._update_buttons()

    # -- what shows ------------------------------------------------------------------------

    def title(self) -> str:
        """The words "add a contact", or the contact's name."""
        if self.original is None:
            return self.ctx.t("contacts.add_title")
        return self.ctx.t("contacts.edit_title", name=self.original.name)

    def spoken_text(self) -> str:
        """The title and what to fill in."""
        return self.ctx.sentences(self.title(), self.ctx.t("contacts.form_spoken"))

    def _update_buttons(self) -> None:
        stored = self.original is not None
        self.test_button.setVisible(stored)
        self.delete_button.setVisible(stored)
        self.photo_remove.setEnabled(self.photo_path is not None)

    def _show_photo(self) -> None:
        pixmap = QPixmap(self.photo_path) if self.photo_path else QPixmap()
        if pixmap.isNull():
            self.photo_preview.setPixmap(QPixmap())
            self.photo_preview.setText(self.ctx.t("contacts.photo_none"))
            self.photo_preview.setWordWrap(True)
        else:
            self.photo_preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_PX,
                    PREVIEW_PX,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.photo_preview.setAccessibleName(self.ctx.t("contacts.photo"))

    def _show_channels(self) -> None:
        for row in self.channel_rows:
            self.channel_layout_v.removeWidget(row)
            row.deleteLater()
        self.channel_rows = []
        ctx = self.ctx
        for index, channel in enumerate(self.channels):
            text = channel_summary(channel, ctx.t)
            if channel.id is None:
                text = ctx.t("contacts.channel_unsaved", channel=text)
            edit = self.button("contacts.channel_edit", None)
            edit.clicked.connect(lambda _=False, i=index: self.edit_channel(i))
            edit.setAccessibleName(ctx.t("contacts.channel_edit_description", channel=text))
            remove = self.button("contacts.channel_remove", None)
            remove.setAccessibleName(ctx.t("contacts.channel_remove_description", channel=text))
            two_press(
                remove,
                ctx,
                ctx.t("contacts.channel_remove_confirm"),
                partial(self.remove_channel, index),
            )
            row = ChannelRow(text, edit, remove)
            self.channel_layout_v.addWidget(row)
            self.channel_rows.append(row)
        self.no_channels.setVisible(not self.channels)

    # -- editing ---------------------------------------------------------------------------

    def _edited(self, field: str) -> None:
        self.dirty = True
        self.fields[field].set_error("")

    def form_values(self) -> dict[str, object]:
        """The form as the fields for :func:`~guardian.core.contacts.validate_contact`."""
        original = self.original
        return {
            "name": self.name_edit.text(),
            "relationship": self.relationship_box.currentText(),
            "phone": self.phone_edit.text(),
            "photo_path": self.photo_path,
            "channels": list(self.channels),
            "id": original.id if original else None,
            "position": original.position if original else 0,
            "primary": original.primary if original else False,
        }

    def errors(self) -> dict[str, str]:
        """The error shown under each field that has one."""
        return {n: f.error_text() for n, f in self.fields.items() if f.error_text()}

    def choose_photo(self) -> None:
        """Ask for a picture file and use it."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.ctx.t("contacts.photo_choose"),
            folder or str(Path.home()),
            f"{self.ctx.t('contacts.photo_filter')} ({IMAGE_FILTER})",
        )
        if chosen:
            self.use_photo(Path(chosen))

    def use_photo(self, source: Path) -> None:
        """Copy ``source`` into the data folder (square, 256 px) and show it."""
        job = add_photo(source, photo_png, self.ctx.data_dir)
        self.run(job, self._photo_copied, self._photo_failed)

    def _photo_copied(self, path: Path) -> None:
        self.photo_path = str(path)
        self._edited("photo_path")
        self._show_photo()
        self._update_buttons()

    def _photo_failed(self, error: Exception) -> None:
        text = self.ctx.t("contacts.photo_failed")
        self.fields["photo_path"].set_error(text)
        self.ctx.say(text)

    def remove_photo(self) -> None:
        """Use no photo (the call card then shows the first letter of the name)."""
        self.photo_path = None
        self._edited("photo_path")
        self._show_photo()
        self._update_buttons()

    def add_channel(self) -> None:
        """Pick a kind of alert channel and fill in its form."""
        name = self.name_edit.text().strip()
        self.ctx.navigator().open(
            "family_channel_kind", contact_name=name, on_done=self._channel_added
        )

    def edit_channel(self, index: int) -> None:
        """Change one alert channel."""
        channel = self.channels[index]

        def done(changed: ChannelConfig) -> None:
            self.channels[index] = changed
            self._channels_changed()

        self.ctx.navigator().open(
            "family_channel_form", kind=channel.kind, channel=channel, on_done=done
        )

    def remove_channel(self, index: int) -> None:
        """Take one alert channel off the contact (saved with the contact)."""
        if 0 <= index < len(self.channels):
            del self.channels[index]
            self._channels_changed()

    def _channel_added(self, channel: ChannelConfig) -> None:
        self.channels.append(channel)
        self._channels_changed()

    def _channels_changed(self) -> None:
        self.dirty = True
        self._show_channels()
        self.show_message(self.ctx.t("contacts.remember_save"), speak=False)

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Check every field; show each problem under its field, or save the contact."""
        ctx = self.ctx
        result = validate_contact(self.form_values(), catalog=ctx.catalog)
        for name, field in self.fields.items():
            problem = result.errors.get(name)
            field.set_error(problem.sentence(ctx.t) if problem else "")
        if not result.ok or result.contact is None:
            spoken = [
                ctx.t(
                    "family.error_line",
                    field=self.fields[n].caption.text(),
                    error=p.sentence(ctx.t),
                )
                for n, p in result.errors.items()
                if n in self.fields
            ]
            other = [p.sentence(ctx.t) for n, p in result.errors.items() if n not in self.fields]
            self.show_message(
                "\n".join([ctx.t("contacts.fix_errors"), *spoken, *other]), speak=False
            )
            ctx.say(ctx.sentences(ctx.t("contacts.fix_errors"), *spoken, *other))
            self.show_first_error(list(self.fields.values()))
            self._after_save = None  # stays open to be corrected
            return
        contact = result.contact
        words = words_for(ctx.catalog, ctx.lang)
        job = family_changes.save_contact(contact, new=self.original is None, words=words)
        self.save_button.setEnabled(False)
        self.run(job, self._saved, self._save_failed)

    def _saved(self, guarded: Guarded[Contact]) -> None:
        self.save_button.setEnabled(True)
        if guarded.alerts:
            wake_outbox(self.ctx)
        self.queued_alerts = guarded.alerts
        contact = guarded.result
        self.saved = contact
        self.original = contact
        self.channels = [ChannelConfig(c.kind, dict(c.fields), c.id) for c in contact.channels]
        self.photo_path = contact.photo_path
        self.dirty = False
        self.header_changed.emit()
        self._show_channels()
        self._update_buttons()
        key = "contacts.saved_with_channels" if contact.channels else "contacts.saved"
        self.show_message(self.ctx.t(key, name=contact.name))
        leave, self._after_save = self._after_save, None
        if leave is not None and self.isVisible():  # not when another page was opened meanwhile
            leave()

    def _save_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self._after_save = None
        self.show_message(self.ctx.t("contacts.save_failed"))

    def send_test(self) -> None:
        """Queue a test alert to every saved channel of this contact, then wake the sender."""
        ctx = self.ctx
        contact = self.original
        if contact is None or contact.id is None:
            return
        if self.dirty:
            self.show_message(ctx.t("contacts.test_save_first"))
            return
        if not contact.channels:
            self.show_message(ctx.t("contacts.test_no_channels"))
            return
        self.run(
            queue_test_alert(contact.id, words_for(ctx.catalog, ctx.lang), ctx.now()),
            self._test_queued,
        )

    def _test_queued(self, ids: list[int]) -> None:
        wake_outbox(self.ctx)
        key = "contacts.test_queued" if self.ctx.services.outbox else "contacts.test_later"
        self.show_message(self.ctx.t(key, count=len(ids)))

    def delete(self) -> None:
        """Delete the contact (after the second press) and go back to the list."""
        contact = self.original
        if contact is None or contact.id is None:
            return
        words = words_for(self.ctx.catalog, self.ctx.lang)
        self.run(family_changes.delete_contact(contact.id, words=words), self._deleted)

    def _deleted(self, guarded: Guarded[None]) -> None:
        if guarded.alerts:
            wake_outbox(self.ctx)
        self.queued_alerts = guarded.alerts
        self.dirty = False
        self.ctx.say(
            self.ctx.t("contacts.deleted", name=self.original.name if self.original else "")
        )
        self.ctx.navigator().back()

    def unsaved(self) -> bool:
        """Whether something was typed, chosen or added since the last save."""
        return self.dirty

    def save_then(self, leave: Callable[[], None]) -> None:
        """Save the contact, and call ``leave`` once it is saved (not when it cannot be)."""
        self._after_save = leave
        self.save()
