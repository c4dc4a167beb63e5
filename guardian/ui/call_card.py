"""Calling family: a full-screen card per contact, the list to pick one, and "no number yet".

The card shows the photo (or the first letter of the name in a circle), the name, the
relationship and the number in huge grouped digits. Where the computer can dial (Phone Link,
FaceTime, KDE Connect...; see :mod:`guardian.ui.phone`), the call starts as the card opens and
the card says which program is calling. Where nothing can dial, the card says, in order, to
hang up on the caller first, then to pick up the phone and call this number, and reads the
digits aloud. What does not fit goes to the next page, never behind a scroll bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from guardian.core.contacts import Contact
from guardian.core.i18n import Lang
from guardian.services import contacts as stored_contacts
from guardian.ui.context import AppContext
from guardian.ui.family.common import replace_or_show
from guardian.ui.family_alerts import not_told_notice, queue_family_alert, show_not_told
from guardian.ui.paged_column import PagedColumn
from guardian.ui.phone import UrlOpener, can_dial, default_opener, dial, dialling_words
from guardian.ui.screen import Screen
from guardian.ui.theme import COLOURS
from guardian.ui.turns import one_a_turn
from guardian.ui.widgets import BigButton, label, page_layout, plain_label, scrolling


def call_order(contacts: Sequence[Contact]) -> list[Contact]:
    """The contacts in the order to call them: the primary one first, then the list's order."""
    return sorted(contacts, key=lambda c: (not c.primary, c.position, c.id or 0))


def spoken_digits(number: str, lang: Lang) -> str:
    """The number digit by digit in its groups, for the voice: "138 1234" -> "1 3 8, 1 2 3 4"."""
    groups = [g for g in number.replace("-", " ").split() if g]
    plus = "加" if lang == "zh" else "plus"
    spoken = [" ".join(plus if ch == "+" else ch for ch in group) for group in groups]
    return ("，" if lang == "zh" else ", ").join(spoken)


def initial_pixmap(name: str, px: int) -> QPixmap:
    """A circle with the first letter of ``name``, for a contact without a photo."""
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(COLOURS.primary))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, px, px)
    font = QFont(painter.font())
    font.setPixelSize(round(px * 0.5))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(COLOURS.on_primary))
    initial = name.strip()[:1].upper() or "?"
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, initial)
    painter.end()
    return pixmap


def portrait_pixmap(contact: Contact, px: int) -> QPixmap:
    """The contact's photo scaled to ``px``, or the initial when there is none (or it is gone)."""
    if contact.photo_path:
        photo = QPixmap(contact.photo_path)
        if not photo.isNull():
            return photo.scaled(
                px,
                px,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
    return initial_pixmap(contact.name, px)


class CallCardScreen(Screen):
    """One contact to call, full screen; "can't get through" moves to the next one.

    Where the computer can dial, the call starts when the card shows (and when it moves to the
    next contact), and "call again" dials once more. Where nothing can dial, the card says to
    hang up on the caller first, then to call this number on the phone.

    Args:
        ctx: the shared app context.
        contacts: every contact that can be called, in the order to try them.
        index: the contact to show first.
        opener: opens the ``tel:`` address; see :func:`guardian.ui.phone.default_opener`.
    """

    def __init__(
        self,
        ctx: AppContext,
        contacts: Sequence[Contact],
        index: int = 0,
        opener: UrlOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        if not contacts:
            raise ValueError("a call card needs at least one contact")
        self.contacts = list(contacts)
        self.index = index % len(self.contacts)
        self.opener = opener or default_opener(ctx)
        self.can_dial = can_dial(ctx)
        self.call_started = False
        self.dialled: list[str] = []
        theme = ctx.theme
        roomy = theme.roomy
        self.portrait_px = theme.min_target_px
        self.number_max_pt = round(theme.title_pt * (3 if roomy else 1.6))
        self.pages = PagedColumn(ctx, spacing=18)
        # Where the computer dials: what it is doing. Where it cannot: hang up, then dial. The
        # number goes with the line above it wherever a page holds both, the photo or initial
        # and the name beside it.
        self.hang_up_first = label(ctx.t("phone.hang_up_first"), "title")
        self.calling = label("", "title")
        self.dial_yourself = label("", "title")
        number_block = QWidget()
        row = QHBoxLayout(number_block)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        who = QVBoxLayout()
        who.setSpacing(4)
        self.portrait = plain_label()
        self.portrait.setFixedSize(self.portrait_px, self.portrait_px)
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        self.name_label = label("", "heading", wrap=False)
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        who.addWidget(self.name_label)
        self.relationship_label = label("", wrap=False)
        self.relationship_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        who.addWidget(self.relationship_label)
        row.addLayout(who)
        self.number_label = label("", wrap=False)
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.number_label, 1)
        self.not_through = label(ctx.t("phone.not_through"))
        self.pages.add(self.hang_up_first, shown=not self.can_dial)
        self.pages.add(self.calling, keep_with_next=True, shown=False)
        self.pages.add(self.dial_yourself, keep_with_next=True, shown=not self.can_dial)
        self.pages.add(number_block)
        self.pages.add(self.not_through, shown=False)
        self.message = label("", "banner")
        message_pt = theme.title_pt if roomy else theme.body_pt
        self.message.setStyleSheet(f"font-size: {message_pt}pt; font-weight: bold;")
        # Shown only when the alert to the family could not be saved yet; it stays while the
        # person goes through the contacts.
        self.family_notice = not_told_notice()
        self.pages.insert_first(self.message, shown=False)
        self.pages.insert_first(self.family_notice, shown=False)
        self.closed = False
        self.shown_once = False
        # The buttons close the last page: on the first page whenever everything fits.
        actions = QWidget()
        buttons = QHBoxLayout(actions)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(20)
        self.call_button = BigButton(
            ctx.t("phone.call_again"),
            "call",
            role="primary",
            icon_px=theme.button_icon_px * (2 if roomy else 1),
            description=ctx.t("phone.call_again_description"),
        )
        self.call_button.clicked.connect(self.dial)
        self.call_button.setVisible(self.can_dial)
        self.next_button = BigButton(
            ctx.t("call.next"),
            "next",
            role="tile",
            icon_px=theme.button_icon_px,
            description=ctx.t("call.next_description"),
        )
        self.next_button.clicked.connect(self.next_contact)
        buttons.addWidget(self.call_button, 3 if roomy else 1)
        buttons.addWidget(self.next_button, 2 if roomy else 1)
        self.pages.add(actions)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 20)
        outer.addWidget(self.pages)
        self._show()

    @property
    def contact(self) -> Contact:
        """The contact shown."""
        return self.contacts[self.index]

    def title(self) -> str:
        """The word "call" and the contact's name."""
        return self.ctx.t("call.title", name=self.contact.name)

    def spoken_text(self) -> str:
        """Whom to call; calling, or first hang up, then dial; the number digit by digit.

        First, once it is shown, that the family does not know yet.
        """
        ctx = self.ctx
        contact = self.contact
        relationship = contact.relationship_label(ctx.t)
        if self.call_started:
            steps = [self.calling.text()]
        else:
            steps = [self.hang_up_first.text(), self.dial_yourself.text()]
        return ctx.sentences(
            self.family_notice.text() if self.pages.is_shown(self.family_notice) else "",
            ctx.t("call.spoken_who", name=contact.name, relationship=relationship)
            if relationship
            else contact.name,
            *steps,
            ctx.t("call.spoken_number", digits=spoken_digits(contact.phone.display, ctx.lang)),
            ctx.t("call.spoken_how_dial" if self.call_started else "call.spoken_how_phone"),
        )

    def _show(self) -> None:
        ctx = self.ctx
        contact = self.contact
        self.portrait.setPixmap(portrait_pixmap(contact, self.portrait_px))
        self.portrait.setAccessibleName(ctx.t("call.photo", name=contact.name))
        self.name_label.setText(contact.name)
        relationship = contact.relationship_label(ctx.t)
        self.relationship_label.setText(relationship)
        self.relationship_label.setVisible(bool(relationship))
        self.dial_yourself.setText(ctx.t("phone.dial_person", name=contact.name))
        self.number_label.setText(contact.phone.display)
        self.number_label.setAccessibleName(contact.phone.e164)
        self.call_started = False
        self._set_calling(False)
        self._fit_number()
        self.pages.set_shown(self.message, False)
        self.pages.relayout()
        self.pages.show_page(0)
        self.header_changed.emit()

    def _set_calling(self, started: bool) -> None:
        """Show that the call started, or the two steps to dial on the phone."""
        self.pages.set_shown(self.calling, started)
        self.pages.set_shown(self.dial_yourself, not started)
        self.pages.set_shown(self.not_through, started)
        self.pages.set_shown(self.hang_up_first, not started)
        self.call_button.setVisible(self.can_dial)
        self.pages.relayout()

    def _fit_number(self) -> None:
        """The biggest number size that fits beside the photo (three times the title, at most)."""
        beside = max(
            self.portrait_px,
            self.name_label.sizeHint().width(),
            self.relationship_label.sizeHint().width(),
        )
        width = max(self.width() - 80 - beside - 40, 300)
        text = self.number_label.text()
        font = QFont(self.number_label.font())
        font.setBold(True)

        def advance(points: int) -> int:
            font.setPointSize(points)
            return QFontMetrics(font).horizontalAdvance(text)

        points = self.number_max_pt
        widest = advance(points)
        if widest > width:
            # The words grow about in step with their size: start two steps above the size
            # that scaling gives, then step down (in steps of 2 from the largest, as before).
            scaled = points * width // max(widest, 1)
            least = points - 2 * ((points - self.ctx.theme.title_pt + 1) // 2)
            points = max(least, points - 2 * max(1, (points - scaled) // 2 - 2))
            while points > self.ctx.theme.title_pt and advance(points) > width:
                points -= 2
        # The application style sheet sets every size, so the number needs its own rule.
        self.number_label.setStyleSheet(f"font-size: {points}pt; font-weight: bold;")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the number to the new width."""
        super().resizeEvent(event)
        self._fit_number()
        self.pages.relayout()

    def entered(self) -> None:
        """Where the computer can dial, the call starts the first time the card shows."""
        if self.can_dial and not self.shown_once:
            self.shown_once = True
            self.dial(speak=False)  # the card reads itself aloud as it opens

    def show_family_not_told(self) -> None:
        """Say that the alert to the family could not be saved yet (it is tried again)."""
        if not self.closed:
            self.pages.set_shown(self.family_notice, True)
            show_not_told(self, self.family_notice)
            self.pages.relayout()  # measured again with its words
            self.pages.show_page(0)

    def closing(self) -> None:
        """Nothing more is shown on a closed card."""
        self.closed = True

    def show_message(self, text: str) -> None:
        """Show ``text`` above the buttons until the next press."""
        self.message.setText(text)
        self.pages.set_shown(self.message, bool(text))
        if text:
            self.pages.relayout()
            self.pages.show_page(self.pages.page_of(self.message) or 0)

    def dial(self, *, speak: bool = True) -> None:
        """Start the call; where nothing took it, say to hang up and dial on the phone.

        Where nothing can dial, the card already says so and there is nothing to start.
        """
        ctx = self.ctx
        if not self.can_dial:
            return
        contact = self.contact
        self.dialled.append(contact.phone.e164)
        self.pages.set_shown(self.message, False)
        started = dial(ctx, contact.phone.e164, self.opener)
        self.call_started = started
        if started:
            self.calling.setText(dialling_words(ctx, contact.name))
        else:
            self.can_dial = False  # nothing took it: dial on the phone
        self._set_calling(started)
        if speak:
            ctx.say(self.spoken_text())

    def next_contact(self) -> None:
        """Show the next contact (after the last comes the first); say when there is no other.

        Where the computer can dial, the call to the next contact starts at once.
        """
        ctx = self.ctx
        if len(self.contacts) < 2:
            self.show_message(ctx.t("call.no_other"))
            ctx.say(ctx.t("call.no_other"))
            return
        self.index = (self.index + 1) % len(self.contacts)
        self._show()
        if self.can_dial:
            self.dial()
        else:
            ctx.say(self.spoken_text())


class CallFamilyListScreen(Screen):
    """Several contacts: one big button each (the primary one first) opens its card.

    Args:
        ctx: the shared app context.
        contacts: the contacts, in any order.
        opener: handed to the cards.
    """

    title_key = "call.family_title"

    def __init__(
        self,
        ctx: AppContext,
        contacts: Sequence[Contact],
        opener: UrlOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.contacts = call_order(contacts)
        self.opener = opener
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(18)
        self.prompt = label(ctx.t("call.pick"), "title")
        layout.addWidget(self.prompt)
        self.family_notice = not_told_notice()
        self.closed = False
        layout.addWidget(self.family_notice)
        grid = QGridLayout()
        grid.setSpacing(18)
        columns = 2
        portrait_px = round(ctx.theme.tile_icon_px * (2 if ctx.theme.roomy else 1.4))
        self.buttons: list[BigButton] = []
        for index, contact in enumerate(self.contacts):
            button = BigButton(
                self.button_text(contact),
                "contact",
                role="tile",
                icon_px=portrait_px,
                vertical=True,
                lines=2,
                description=ctx.t("call.pick_description", name=contact.name),
            )
            if button.icon_widget is not None:
                # The person's photo or initial instead of the generic pictogram.
                button.icon_widget.setPixmap(portrait_pixmap(contact, portrait_px))
            button.clicked.connect(lambda _=False, i=index: self.open_card(i))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        layout.addLayout(grid)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))

    def button_text(self, contact: Contact) -> str:
        """Name, relationship, and "first to call" for the primary contact."""
        ctx = self.ctx
        relationship = contact.relationship_label(ctx.t)
        text = (
            ctx.t("call.name_relationship", name=contact.name, relationship=relationship)
            if relationship
            else contact.name
        )
        return ctx.t("call.primary_button", who=text) if contact.primary else text

    def spoken_text(self) -> str:
        """That the family does not know yet (if so), the question and every name."""
        notice = self.family_notice.text() if self.family_notice.isVisibleTo(self) else ""
        return self.ctx.sentences(notice, self.prompt.text(), *(c.name for c in self.contacts))

    def show_family_not_told(self) -> None:
        """Say that the alert to the family could not be saved yet (it is tried again)."""
        if not self.closed:
            show_not_told(self, self.family_notice)

    def closing(self) -> None:
        """Nothing more is shown on a closed list."""
        self.closed = True

    def open_card(self, index: int) -> None:
        """Show the card of one contact (its "can't get through" goes on down the list)."""
        card = CallCardScreen(self.ctx, self.contacts, index, self.opener)
        if self.family_notice.isVisibleTo(self):
            card.show_family_not_told()
        self.ctx.navigator().show_screen(card)


class NoFamilyNumberScreen(Screen):
    """No contact yet (or they cannot be read): say so kindly, and offer 110 and 96110.

    Args:
        ctx: the shared app context.
        unreadable: the contacts could not be read (instead of: none set up yet).
    """

    title_key = "call.family_title"

    def __init__(
        self, ctx: AppContext, *, unreadable: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
        layout = page_layout(self)
        # The words scroll when the largest text leaves no other way; the buttons stay in view.
        words = QWidget()
        words_layout = QVBoxLayout(words)
        words_layout.setContentsMargins(0, 0, 0, 0)
        words_layout.setSpacing(24)
        self.headline = label(ctx.t("call.none_unreadable" if unreadable else "call.none"), "title")
        words_layout.addWidget(self.headline)
        self.hint = label(ctx.t("call.none_hint"))
        words_layout.addWidget(self.hint)
        self.family_notice = not_told_notice()
        self.closed = False
        words_layout.addWidget(self.family_notice)
        words_layout.addStretch(1)
        layout.addWidget(scrolling(words), 1)
        row = QHBoxLayout()
        row.setSpacing(20)
        self.police_button = BigButton(
            ctx.t("call.police"),
            "police",
            role="danger",
            icon_px=theme.tile_icon_px,
            description=ctx.t("call.police_description"),
        )
        self.police_button.clicked.connect(lambda: ctx.navigator().open("call_police"))
        self.antifraud_button = BigButton(
            ctx.t("call.antifraud"),
            "hotline_96110",
            role="tile",
            icon_px=theme.tile_icon_px,
            description=ctx.t("call.antifraud_description"),
        )
        self.antifraud_button.clicked.connect(lambda: ctx.navigator().open("call_antifraud"))
        for button in (self.police_button, self.antifraud_button):
            row.addWidget(button)
        layout.addLayout(row, 2)

    def spoken_text(self) -> str:
        """What is missing, where the family adds numbers, and the two hotlines."""
        notice = self.family_notice.text() if self.family_notice.isVisibleTo(self) else ""
        return self.ctx.sentences(
            self.headline.text(), self.hint.text(), notice, self.ctx.t("call.none_spoken")
        )

    def show_family_not_told(self) -> None:
        """Say that the alert to the family could not be saved yet (it is tried again)."""
        if not self.closed:
            show_not_told(self, self.family_notice)

    def closing(self) -> None:
        """Nothing more is shown on a closed screen."""
        self.closed = True


def screen_for_contacts(
    ctx: AppContext, contacts: Sequence[Contact], opener: UrlOpener | None = None
) -> Screen:
    """The card for one contact, the list for several, or "no number yet" for none."""
    if not contacts:
        return NoFamilyNumberScreen(ctx)
    if len(contacts) == 1:
        return CallCardScreen(ctx, contacts, 0, opener)
    return CallFamilyListScreen(ctx, contacts, opener)


def open_call_family(ctx: AppContext, opener: UrlOpener | None = None) -> None:
    """Read the contacts through the disk worker, then show the right screen on top.

    One contact opens its card at once; several show the list; none shows the kind screen with
    110 and 96110.
    """
    disk = ctx.disk
    if not disk.accepting_jobs:
        ctx.navigator().show_screen(NoFamilyNumberScreen(ctx, unreadable=True))
        return
    disk.submit(
        stored_contacts.read_all,
        on_done=lambda contacts: ctx.navigator().show_screen(
            screen_for_contacts(ctx, contacts, opener)
        ),
        on_error=lambda error: ctx.navigator().show_screen(
            NoFamilyNumberScreen(ctx, unreadable=True)
        ),
    )


class CallFamilyScreen(Screen):
    """The "call family" route: reads the contacts, then gives its place to the right screen.

    Args:
        ctx: the shared app context.
        opener: handed to the cards.
        tell_family: queue the "called family" alert when the screen first shows (building it
            queues nothing); if it cannot be saved, the screen that follows says that the
            family does not know yet.
    """

    title_key = "call.family_title"

    def __init__(
        self,
        ctx: AppContext,
        opener: UrlOpener | None = None,
        parent: QWidget | None = None,
        *,
        tell_family: bool = False,
    ) -> None:
        super().__init__(ctx, parent)
        self.opener = opener
        self.current = False
        self.closed = False
        self.ready: Screen | None = None
        self.handed: Screen | None = None
        self.family_not_told = False
        layout = page_layout(self)
        self.reading = label(ctx.t("call.reading"), "title")
        layout.addWidget(self.reading)
        layout.addStretch(1)
        self.tell_family = tell_family  # once, when the screen first shows
        disk = ctx.disk
        if not disk.accepting_jobs:
            self.ready = NoFamilyNumberScreen(ctx, unreadable=True)
        else:
            disk.submit(stored_contacts.read_all, on_done=self._read, on_error=self._unreadable)

    def _read(self, contacts: list[Contact]) -> None:
        """Build the right screen, draw it once out of sight, then hand it over.

        Three turns of the event loop of their own (the answer often comes while this screen
        is being drawn, and the card's large words take a while to draw the first time).
        """
        built: list[Screen] = []

        def build() -> None:
            screen = screen_for_contacts(self.ctx, contacts, self.opener)
            if self.ctx.nav is not None:
                self.ctx.nav.hold(screen)  # styled and laid out at the size it will show at
            built.append(screen)

        def drop() -> None:
            for screen in built:
                screen.deleteLater()

        one_a_turn(
            self,
            [build, lambda: built[0].grab(), lambda: self._hand_over(built[0])],
            going_on=lambda: not self.closed,
            stopped=drop,
        )

    def _unreadable(self, error: Exception) -> None:
        if not self.closed:
            self._hand_over(NoFamilyNumberScreen(self.ctx, unreadable=True))

    def _hand_over(self, screen: Screen) -> None:
        self.ready = screen
        if self.family_not_told:
            _tell_not_told(screen)
        if self.current:
            self._replace()

    def _replace(self) -> None:
        if self.closed or not self.current or self.ready is None:
            return
        screen, self.ready = self.ready, None
        self.handed = screen
        replace_or_show(self.ctx, screen)

    def _family_not_told(self) -> None:
        """The alert could not be saved yet: the screen shown now or next says so."""
        self.family_not_told = True
        for screen in (self.ready, self.handed):
            if screen is not None:
                _tell_not_told(screen)

    def entered(self) -> None:
        """Tell the family (the first time the screen shows), and hand over at once.

        The hand-over waits for the contacts when they were not read before the screen showed.
        """
        self.current = True
        if self.tell_family:
            self.tell_family = False
            queue_family_alert(self.ctx, "called_family", on_not_queued=self._family_not_told)
        if self.ready is not None:
            # After the window has finished showing this screen, not in the middle of it.
            QTimer.singleShot(0, self._replace)

    def leaving(self) -> None:
        """Another screen covers this one."""
        self.current = False

    def closing(self) -> None:
        """Drop a late answer from the disk."""
        self.closed = True
        if self.ready is not None:
            self.ready.deleteLater()
            self.ready = None


def _tell_not_told(screen: Screen) -> None:
    show = getattr(screen, "show_family_not_told", None)
    if callable(show):
        show()


def call_family_route(ctx: AppContext, *, tell_family: bool = False, **_: Any) -> Screen:
    """The ``call_family`` route: the card, the list, or "no number yet".

    With ``tell_family`` the family is first told that the person is calling them.
    """
    return CallFamilyScreen(ctx, tell_family=tell_family)
