"""I already sent money: calm, numbered steps, each with one big button, in the right order.

The order: while a remote-control or screen-sharing program is still running (the guard says
so), closing it comes first; then 110; then whoever can stop the payment, by how the money
left (the bank, WeChat Pay 95017, Alipay 95188; for a bank not in the list, the number on the
back of the card); then the family and the report card. Last, a warning: anyone who later
offers to get the money back for a fee is the same fraud.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from guardian.core.remote_apps import Found
from guardian.core.report_card import PAYMENT_BANK, PAYMENT_HOTLINES, PAYMENT_METHODS
from guardian.ui.context import AppContext
from guardian.ui.family_alerts import not_told_notice, queue_family_alert, show_not_told
from guardian.ui.hotline import HotlineScreen
from guardian.ui.layouts import TRAILING_BELOW, TitleRowLayout
from guardian.ui.remote_warning import RemoteAppAlert, RemoteAppWarningScreen
from guardian.ui.report_card import remember_choice, warning_words
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, icon_label, label, scrolling

SHARING = "money.step_sharing"
PAID = "money.step_paid"

# (step key, route the button opens or None, pictogram, style role)
STEPS = (
    (SHARING, None, "sig_screen_share_or_app", "danger"),
    ("money.step_110", "call_police", "police", "danger"),
    (PAID, None, "call", "primary"),
    ("money.step_family", "call_family", "family", "tile"),
    ("money.step_card", "report_card", "printer", "tile"),
)
"""Every step; :meth:`MoneySentScreen.order` says in which order they show."""

CALL_BANK = "call_bank"
"""The key of the "call my bank" button in :attr:`MoneySentScreen.buttons`."""
SHARING_HOW = "sharing"
"""The key of the "how to close it" button, shown while a program is running."""


class MoneySentScreen(Screen):
    """Walks the person through the calls that can still stop the money.

    Args:
        ctx: the shared app context (``services["guard"]`` tells which programs run).
    """

    title_key = "money.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.running: list[Found] = []
        self.paid_with = ""
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(36, 20, 36, 24)
        layout.setSpacing(18)
        self.calm = label(ctx.t("money.calm"), "title")
        layout.addWidget(self.calm)
        # Shown only when the alert to the family could not be saved yet.
        self.family_notice = not_told_notice()
        layout.addWidget(self.family_notice)
        self.buttons: dict[str, BigButton] = {}
        self.cards: dict[str, QFrame] = {}
        self.badges: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        self.steps_layout = QVBoxLayout()
        self.steps_layout.setSpacing(18)
        for key, route, icon, role in STEPS:
            paid = key == PAID
            self.cards[key] = self._paid_card() if paid else self._step_card(key, route, icon, role)
        layout.addLayout(self.steps_layout)
        self.warning = self._warning_card()
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self._arrange()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))
        # Which programs run now: the sharing step comes first while one does.
        self.watcher = ctx.services.get("guard")
        if self.watcher is not None:
            self.watcher.found.connect(self.programs_changed)
        self.remote_apps = RemoteAppAlert(ctx, parent=self)
        self.remote_apps.start()
        self.closed = False
        queue_family_alert(ctx, "money_sent", on_not_queued=self._family_not_told)

    # -- building ----------------------------------------------------------------------------

    def _badge(self, key: str) -> QLabel:
        badge = label("", "headline", wrap=False)
        badge.setFixedWidth(self.ctx.theme.title_pt * 2)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badges[key] = badge
        return badge

    def _step_card(self, key: str, route: str | None, icon: str, role: str | None) -> QFrame:
        """A step: its number, its words, and the button beside them (or under them)."""
        ctx = self.ctx
        card = QFrame()
        card.setProperty("role", "card")
        # The button beside the words while they fit on three lines, else under them.
        row = TitleRowLayout(card, title_lines=3, below=TRAILING_BELOW, squeeze=False)
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(20)
        row.add_leading(self._badge(key))
        text = label(ctx.t(key))
        self.texts[key] = text
        row.set_title(text)
        button: BigButton | None = None
        if route is not None:
            button = BigButton(
                ctx.t(f"{key}_button"),
                icon,
                role=role,
                icon_px=ctx.theme.button_icon_px,
                description=ctx.t(key),
            )
            button.clicked.connect(lambda _=False, r=route: ctx.navigator().open(r))
            self.buttons[route] = button
        elif key == SHARING:
            button = BigButton(
                ctx.t("money.step_sharing_button"),
                icon,
                role=role,
                icon_px=ctx.theme.button_icon_px,
                description=ctx.t("money.step_sharing_button"),
            )
            button.clicked.connect(self._show_how_to_close)
            button.setVisible(False)
            self.buttons[SHARING_HOW] = button
        if button is not None:
            row.add_trailing(button)
        return card

    def _paid_card(self) -> QFrame:
        """How the money left (a choice), then whom to call to stop it."""
        ctx = self.ctx
        theme = ctx.theme
        card = QFrame()
        card.setProperty("role", "card")
        row = QHBoxLayout(card)
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(20)
        row.addWidget(self._badge(PAID), 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(14)
        text = label(ctx.t(PAID))
        self.texts[PAID] = text
        column.addWidget(text)
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = 3 if theme.roomy else 2
        self.methods: dict[str, BigButton] = {}
        for index, method in enumerate(PAYMENT_METHODS):
            button = BigButton(ctx.pick(PAYMENT_METHODS[method]), None, role=None)
            button.clicked.connect(lambda _=False, m=method: self.choose_payment(m))
            grid.addWidget(button, index // columns, index % columns)
            self.methods[method] = button
        column.addLayout(grid)
        self.paid_action = label("", "heading")
        self.paid_action.setVisible(False)
        column.addWidget(self.paid_action)
        px = theme.button_icon_px
        bank = BigButton(
            ctx.t("money.step_bank_button"),
            "call",
            role="primary",
            icon_px=px,
            description=ctx.t("money.step_bank"),
        )
        bank.clicked.connect(lambda: ctx.navigator().open(CALL_BANK))
        self.buttons[CALL_BANK] = bank
        column.addWidget(bank)
        for hotline_id in dict.fromkeys(h for ids in PAYMENT_HOTLINES.values() for h in ids):
            hotline = ctx.content.hotline(hotline_id)
            button = BigButton(
                ctx.t("money.call_button", name=ctx.pick(hotline.name), number=hotline.number),
                "call",
                role="primary",
                icon_px=px,
                description=hotline.number,
            )
            button.clicked.connect(
                lambda _=False, h=hotline_id: ctx.navigator().show_screen(HotlineScreen(ctx, h))
            )
            self.buttons[hotline_id] = button
            column.addWidget(button)
        for key in (CALL_BANK, *PAYMENT_HOTLINES["unknown"]):
            self.buttons[key].setVisible(False)
        row.addLayout(column, 1)
        self._show_methods()
        return card

    def _warning_card(self) -> QFrame:
        """A fee to get the money back is the same fraud: framed, with the warning sign."""
        frame = QFrame()
        frame.setProperty("level", "medium")
        row = QHBoxLayout(frame)
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(20)
        row.addWidget(
            icon_label("warning", self.ctx.theme.button_icon_px), 0, Qt.AlignmentFlag.AlignTop
        )
        self.warning_text = label(warning_words(self.ctx), "title")
        row.addWidget(self.warning_text, 1)
        return frame

    # -- the order of the steps ----------------------------------------------------------------

    def order(self) -> list[str]:
        """The step keys in the order shown: closing a running program first."""
        keys = [key for key, *_ in STEPS if key != SHARING]
        position = 0 if self.running else keys.index(PAID) + 1
        keys.insert(position, SHARING)
        return keys

    def _arrange(self) -> None:
        """Put the steps in :meth:`order` and number them."""
        for card in self.cards.values():
            self.steps_layout.removeWidget(card)
        for number, key in enumerate(self.order(), start=1):
            self.steps_layout.addWidget(self.cards[key])
            self.badges[key].setText(str(number))

    @property
    def step_texts(self) -> list[QLabel]:
        """The words of each step, in the order shown."""
        return [self.texts[key] for key in self.order()]

    def programs_changed(self, found: list[Found]) -> None:
        """The programs running changed: the sharing step names them and moves first."""
        if self.closed:
            return
        self.running = list(found)
        ctx = self.ctx
        if self.running:
            joiner = "、" if ctx.lang == "zh" else ", "
            names = joiner.join(ctx.pick(item.app.name) for item in self.running)
            self.texts[SHARING].setText(ctx.t("money.step_sharing_running", names=names))
        else:
            self.texts[SHARING].setText(ctx.t(SHARING))
        self.buttons[SHARING_HOW].setVisible(bool(self.running))
        self._arrange()

    def _show_how_to_close(self) -> None:
        if self.running:
            self.ctx.navigator().show_screen(RemoteAppWarningScreen(self.ctx, self.running))

    # -- how the money left ---------------------------------------------------------------------

    def choose_payment(self, method: str) -> None:
        """The money left by ``method`` (a PAYMENT_METHODS id): show and say whom to call.

        The choice is written on the report card too.

        Raises:
            KeyError: ``method`` is not a way to pay Guardian knows.
        """
        if method not in PAYMENT_METHODS:
            raise KeyError(method)
        self.paid_with = method
        self._show_methods()
        hotlines = PAYMENT_HOTLINES.get(method, ())
        self.buttons[CALL_BANK].setVisible(method in PAYMENT_BANK)
        for key in PAYMENT_HOTLINES["unknown"]:
            self.buttons[key].setVisible(key in hotlines)
        self.paid_action.setText(self.payment_advice())
        self.paid_action.setVisible(True)
        remember_choice(self.ctx, "paid_with", method)
        self.ctx.say(self.payment_advice())

    def payment_advice(self) -> str:
        """What to do for the way the money left (empty before the person chose)."""
        ctx = self.ctx
        method = self.paid_with
        if not method:
            return ""
        if method == "bank_card":
            return ctx.sentences(ctx.t("money.step_bank"), ctx.t("bank.card_back"))
        if method == "cash":
            return ctx.t("money.paid_cash")
        if method == "unknown":
            return ctx.t("money.paid_unknown")
        hotline = ctx.content.hotline(PAYMENT_HOTLINES[method][0])
        return ctx.t("money.paid_app", name=ctx.pick(hotline.name), number=hotline.number)

    def _show_methods(self) -> None:
        """Mark the chosen way in words (never by colour alone)."""
        for method, button in self.methods.items():
            words = self.ctx.pick(PAYMENT_METHODS[method])
            if method == self.paid_with:
                words = self.ctx.t("card.chosen", name=words)
            button.text_widget.setText(words)
            button.setAccessibleName(words)

    # -- screen -------------------------------------------------------------------------------

    def _family_not_told(self) -> None:
        """The alert could not be saved yet (it is tried again on its own): say so."""
        if not self.closed:
            show_not_told(self, self.family_notice)

    def closing(self) -> None:
        """Stop watching for remote-control programs."""
        self.closed = True
        self.remote_apps.stop()
        if self.watcher is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                self.watcher.found.disconnect(self.programs_changed)

    def spoken_text(self) -> str:
        """The calm opening, that the family does not know yet (if so), every step, the warning."""
        ctx = self.ctx
        steps = []
        for number, key in enumerate(self.order(), start=1):
            text = self.texts[key].text()
            if key == PAID:
                joiner = "、" if ctx.lang == "zh" else ", "
                choices = joiner.join(ctx.pick(name) for name in PAYMENT_METHODS.values())
                text = ctx.sentences(text, choices, self.payment_advice())
            steps.append(ctx.t("money.step_spoken", number=number, text=text))
        notice = self.family_notice.text() if self.family_notice.isVisibleTo(self) else ""
        return ctx.sentences(ctx.t("money.calm"), notice, *steps, warning_words(ctx))
