"""I already sent money: one calm step a screen, in the order that can still stop the money.

The steps: hang up on them and do not answer them again; call the bank to stop (freeze) the
money, by how it left (the person's own bank first, WeChat Pay 95017, Alipay 95188); call 110;
tell the family; print the report card for the police. While the remote-app guard sees a
remote-control or screen-sharing program running, closing it is an extra step, and the first.

Each step has one big "done, next step" button and a step back; a small row above shows which
step this is and ticks the steps done. The screen stays where the person was while they go to
a number card (110, the bank, the family) and come back. Nothing here cuts the network: the
alert to the family goes out over it. At the end, a warning: anyone who later offers to get
the money back for a fee is the same fraud.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guardian.core.remote_apps import Found
from guardian.core.report_card import PAYMENT_BANK, PAYMENT_HOTLINES, PAYMENT_METHODS
from guardian.ui.context import AppContext
from guardian.ui.family_alerts import not_told_notice, queue_family_alert, show_not_told
from guardian.ui.remote_alert import RemoteAppAlert
from guardian.ui.report_parts import remember_choice, warning_words
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, icon_label, label, scrolling

SHARING = "sharing"
HANG_UP = "hang_up"
BANK = "bank"
POLICE = "police"
FAMILY = "family"
CARD = "card"
FINISHED = "finished"
"""The page after the last step (not a step itself)."""

# step -> (pictogram, catalog key of its words, catalog key of the words under them)
STEPS: dict[str, tuple[str, str, str | None]] = {
    SHARING: ("sig_remote_app_running", "money.step_sharing_running", "money.step_sharing_detail"),
    HANG_UP: ("hang_up", "money.step_hang_up", "money.step_hang_up_detail"),
    BANK: ("call", "money.step_bank", None),
    POLICE: ("police", "money.step_110", None),
    FAMILY: ("family", "money.step_family", None),
    CARD: ("printer", "money.step_card", "money.step_card_detail"),
}
"""Every step; :meth:`MoneySentScreen.order` says which show, and in which order."""

USUAL_ORDER = (HANG_UP, BANK, POLICE, FAMILY, CARD)
"""The steps while no remote-control program is running."""

# The button a step has besides "done, next step": step -> (route, catalog key, pictogram, role)
STEP_BUTTONS: dict[str, tuple[str, str, str, str]] = {
    POLICE: ("call_police", "money.step_110_button", "police", "danger"),
    FAMILY: ("call_family", "money.step_family_button", "family", "tile"),
    CARD: ("report_card", "money.step_card_button", "printer", "tile"),
}

CALL_BANK = "call_bank"
"""The key of the "call my bank" button in :attr:`MoneySentScreen.buttons`."""
SHARING_HOW = "sharing"
"""The key of the "how to close it" button of the step that closes a running program."""


class MoneySentScreen(Screen):
    """Walks the person, one step a screen, through the calls that can still stop the money.

    Args:
        ctx: the shared app context (``services.guard`` tells which programs run).
    """

    title_key = "money.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.running: list[Found] = []
        self.paid_with = ""
        self.current = HANG_UP
        self.done: set[str] = set()
        self.closed = False
        self.buttons: dict[str, BigButton] = {}
        self.methods: dict[str, BigButton] = {}
        self.headlines: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        self.pages: dict[str, QWidget] = {}
        theme = ctx.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 6, 28, 10)
        outer.setSpacing(6)
        # Shown only when the alert to the family could not be saved yet.
        self.family_notice = not_told_notice()
        outer.addWidget(self.family_notice)
        outer.addLayout(self._progress_row())
        self.stack = QStackedWidget()
        for key in STEPS:
            page = self._bank_page() if key == BANK else self._step_page(key)
            self.pages[key] = page
            self.stack.addWidget(scrolling(page))
        self.pages[FINISHED] = self._finished_page()
        self.stack.addWidget(scrolling(self.pages[FINISHED]))
        outer.addWidget(self.stack, 1)
        row = QHBoxLayout()
        row.setSpacing(24)
        px = theme.button_icon_px
        self.previous_button = BigButton(
            ctx.t("money.previous"),
            "back",
            role=None,
            icon_px=px,
            description=ctx.t("money.previous_description"),
        )
        self.previous_button.clicked.connect(self.previous_step)
        keep_place = self.previous_button.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # "done, next" never jumps sideways
        self.previous_button.setSizePolicy(keep_place)
        self.next_button = BigButton(
            ctx.t("money.next"),
            "next",
            role="primary",
            icon_px=round(px * 1.2),
            description=ctx.t("money.next_description"),
            wrap=False,
        )
        self.next_button.clicked.connect(self.next_step)
        row.addWidget(self.previous_button, 2)
        row.addWidget(self.next_button, 3)
        outer.addLayout(row)
        self._show()
        # Which programs run now: closing one comes first while it runs.
        self.watcher = ctx.services.guard
        if self.watcher is not None:
            self.watcher.found.connect(self.programs_changed)
        self.remote_apps = RemoteAppAlert(ctx, parent=self)
        self.remote_apps.start()
        self.family_to_tell = True  # once, when the screen first shows

    # -- building ----------------------------------------------------------------------------

    def _progress_row(self) -> QHBoxLayout:
        """Which step this is in words, then a small box per step, ticked once it is done."""
        row = QHBoxLayout()
        row.setSpacing(10)
        self.progress = label("", "heading", wrap=False)
        row.addWidget(self.progress)
        row.addStretch(1)
        self.marks_row = QHBoxLayout()
        self.marks_row.setSpacing(8)
        row.addLayout(self.marks_row)
        self.marks: dict[str, QFrame] = {}
        self.ticks: dict[str, QLabel] = {}
        self.mark_numbers: dict[str, QLabel] = {}
        tick_px = round(self.ctx.theme.body_pt * 1.2)
        for key in STEPS:
            mark = QFrame()
            mark.setProperty("role", "card")
            mark.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            inner = QHBoxLayout(mark)
            inner.setContentsMargins(8, 2, 8, 2)
            inner.setSpacing(4)
            number = label("", wrap=False)
            inner.addWidget(number)
            self.mark_numbers[key] = number
            tick = icon_label("answer_yes", tick_px)
            inner.addWidget(tick)
            self.marks[key] = mark
            self.ticks[key] = tick
        return row

    def _compact(self) -> bool:
        """Whether a step's words are in bold body text, without the pictogram beside them.

        English needs about twice the lines of Chinese: at the two larger text sizes its steps
        are set this way, so every step fits on the screen without scrolling.
        """
        return not self.ctx.theme.roomy and self.ctx.lang != "zh"

    def _headline_role(self) -> str:
        """The style of a step's words (see :meth:`_compact`)."""
        return "heading" if self._compact() else "title"

    def _picture_px(self) -> int:
        """The size of a step's pictogram: beside its words, leaving them most of the width."""
        return round(self.ctx.theme.body_pt * 2.5)

    def _page(self, key: str) -> tuple[QWidget, QVBoxLayout]:
        """A step's page: its pictogram beside its words, the words under them."""
        icon, text_key, detail_key = STEPS[key]
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.setSpacing(24)
        if not self._compact():
            top.addWidget(icon_label(icon, self._picture_px()), 0, Qt.AlignmentFlag.AlignTop)
        headline = label(self.ctx.t(text_key, names=""), self._headline_role())
        self.headlines[key] = headline
        top.addWidget(headline, 1)
        layout.addLayout(top)
        if detail_key is not None:
            detail = label(self.ctx.t(detail_key))
            self.details[key] = detail
            layout.addWidget(detail)
        return page, layout

    def _step_page(self, key: str) -> QWidget:
        page, layout = self._page(key)
        ctx = self.ctx
        px = ctx.theme.button_icon_px
        button: BigButton | None = None
        if key in STEP_BUTTONS:
            route, words, icon, role = STEP_BUTTONS[key]
            button = BigButton(
                ctx.t(words), icon, role=role, icon_px=px, description=ctx.t(STEPS[key][1])
            )
            button.clicked.connect(lambda _=False, r=route: ctx.navigator().open(r))
            self.buttons[route] = button
        elif key == SHARING:
            button = BigButton(
                ctx.t("money.step_sharing_button"),
                "sig_remote_app_running",
                role="danger",
                icon_px=px,
                description=ctx.t("money.step_sharing_button"),
            )
            button.clicked.connect(self._show_how_to_close)
            self.buttons[SHARING_HOW] = button
        if button is not None:
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _bank_page(self) -> QWidget:
        """Stop the money: how it left (a choice), then whom to call for that way.

        Two parts of one step: the question with its choices, then (in place of them) what to
        do and the calls for the way chosen; "step back" returns to the question.
        """
        page, layout = self._page(BANK)
        ctx = self.ctx
        # The choices, until the person chose.
        self.choosing = QWidget()
        grid = QGridLayout(self.choosing)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        # Three in the first row, two wider ones in the second (a grid of six columns).
        for index, method in enumerate(PAYMENT_METHODS):
            button = BigButton(ctx.pick(PAYMENT_METHODS[method]), None, role=None)
            button.clicked.connect(lambda _=False, m=method: self.choose_payment(m))
            if index < 3:
                grid.addWidget(button, 0, index * 2, 1, 2)
            else:
                grid.addWidget(button, 1, (index - 3) * 3, 1, 3)
            self.methods[method] = button
        layout.addWidget(self.choosing)
        # The calls for the way chosen (the headline says what to do).
        self.chosen = QWidget()
        calls = QHBoxLayout(self.chosen)
        calls.setContentsMargins(0, 0, 0, 0)
        calls.setSpacing(16)
        px = ctx.theme.button_icon_px
        # Three calls side by side: at the larger text sizes, words only (the words are "call").
        call_icon = "call" if ctx.theme.roomy else None
        bank = BigButton(
            ctx.t("money.step_bank_button"),
            call_icon,
            role="primary",
            icon_px=px,
            description=ctx.t("money.paid_bank"),
        )
        bank.clicked.connect(lambda: ctx.navigator().open(CALL_BANK))
        self.buttons[CALL_BANK] = bank
        calls.addWidget(bank)
        for hotline_id in dict.fromkeys(h for ids in PAYMENT_HOTLINES.values() for h in ids):
            hotline = ctx.content.hotline(hotline_id)
            button = BigButton(
                ctx.t("money.call_button", name=ctx.pick(hotline.name), number=hotline.number),
                call_icon,
                role="primary",
                icon_px=px,
                description=hotline.number,
            )
            button.clicked.connect(
                lambda _=False, h=hotline_id: ctx.navigator().open("hotline_card", hotline_id=h)
            )
            self.buttons[hotline_id] = button
            calls.addWidget(button)
        layout.addWidget(self.chosen)
        layout.addStretch(1)
        self._show_methods()
        self.chosen.setVisible(False)
        return page

    @property
    def paid_action(self) -> QLabel:
        """The words of the step that stops the money: the question, or what to do once chosen."""
        return self.headlines[BANK]

    def _finished_page(self) -> QWidget:
        """Every step done: well done, and the warning about a fee to get the money back."""
        ctx = self.ctx
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(18)
        top = QHBoxLayout()
        top.setSpacing(24)
        if not self._compact():
            picture = icon_label("answer_yes", self._picture_px())
            top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        self.finished_text = label(ctx.t("money.finished"), self._headline_role())
        top.addWidget(self.finished_text, 1)
        layout.addLayout(top)
        self.warning = QFrame()
        self.warning.setProperty("level", "medium")
        row = QHBoxLayout(self.warning)
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(20)
        row.addWidget(icon_label("warning", ctx.theme.button_icon_px), 0, Qt.AlignmentFlag.AlignTop)
        self.warning_text = label(warning_words(ctx), "heading")
        row.addWidget(self.warning_text, 1)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        return page

    # -- the steps ----------------------------------------------------------------------------

    def order(self) -> list[str]:
        """The step keys in the order shown: closing a running program first, while it runs."""
        return [SHARING, *USUAL_ORDER] if self.running else list(USUAL_ORDER)

    @property
    def step_texts(self) -> list[QLabel]:
        """The words of each step, in the order shown."""
        return [self.headlines[key] for key in self.order()]

    def step_number(self) -> int:
        """The number of the step shown (counting from 1); one past the last when all are done."""
        order = self.order()
        return order.index(self.current) + 1 if self.current in order else len(order) + 1

    def go_to(self, key: str) -> None:
        """Show step ``key`` (or :data:`FINISHED`) and read it aloud.

        Raises:
            KeyError: ``key`` is not a step shown now.
        """
        if key != FINISHED and key not in self.order():
            raise KeyError(key)
        self.current = key
        self._show()
        self.header_changed.emit()
        self.ctx.say(self.spoken_text())

    def next_step(self) -> None:
        """The step shown is done: tick it and show the next (after the last: well done)."""
        order = self.order()
        if self.current == FINISHED:
            return
        self.done.add(self.current)
        index = order.index(self.current)
        self.go_to(order[index + 1] if index + 1 < len(order) else FINISHED)

    def previous_step(self) -> None:
        """Show the step before (its tick stays)."""
        order = self.order()
        if self.current == FINISHED:
            self.go_to(order[-1])
        elif self.current == BANK and self.has_chosen():
            self.change_payment()
        elif order.index(self.current) > 0:
            self.go_to(order[order.index(self.current) - 1])

    def handle_back(self) -> bool:
        """Go one step back for the header's back button; on the first step, leave the screen."""
        if self.current in (FINISHED, BANK) or self.order().index(self.current) > 0:
            self.previous_step()
            return True
        return False

    def _show(self) -> None:
        """Show the current page, the progress in words, and a tick on every step done."""
        order = self.order()
        self.stack.setCurrentIndex(self._index_of(self.current))
        total = len(order)
        if self.current == FINISHED:
            self.progress.setText(self.ctx.t("money.progress_all_done", total=total))
        else:
            self.progress.setText(
                self.ctx.t("money.progress", number=self.step_number(), total=total)
            )
        for mark in self.marks.values():
            self.marks_row.removeWidget(mark)
            mark.setVisible(False)
        for number, key in enumerate(order, start=1):
            mark = self.marks[key]
            number_label = self.mark_numbers[key]
            number_label.setText(str(number))
            done = key in self.done
            self.ticks[key].setVisible(done)
            number_label.setProperty("role", "heading" if key == self.current else None)
            number_label.style().unpolish(number_label)
            number_label.style().polish(number_label)
            mark.setAccessibleName(
                self.ctx.t("money.mark_done" if done else "money.mark", number=number)
            )
            self.marks_row.addWidget(mark)
            mark.setVisible(True)
        self.progress.setAccessibleName(self._progress_words())
        self.previous_button.setVisible(self.current == FINISHED or order.index(self.current) > 0)
        if self.current == BANK and not self.paid_with:
            self.paid_action.setText(self.ctx.t("money.step_paid"))
        self.next_button.setVisible(self.current != FINISHED)

    def _index_of(self, key: str) -> int:
        keys = [*STEPS, FINISHED]
        return keys.index(key)

    def _progress_words(self) -> str:
        """Which step this is, and how many are done, as said aloud."""
        done = len(self.done & set(self.order()))
        return self.ctx.sentences(self.progress.text(), self.ctx.t("money.done_count", done=done))

    def programs_changed(self, found: list[Found]) -> None:
        """The programs running changed: closing them becomes the first step while they run."""
        if self.closed:
            return
        self.running = list(found)
        ctx = self.ctx
        if self.running:
            joiner = "、" if ctx.lang == "zh" else ", "
            names = joiner.join(ctx.pick(item.app.name) for item in self.running)
            self.headlines[SHARING].setText(ctx.t("money.step_sharing_running", names=names))
        elif self.current == SHARING:
            self.current = HANG_UP  # closed: the step goes, the next one shows
        self._show()

    def _show_how_to_close(self) -> None:
        if self.running:
            self.ctx.navigator().open("remote_warning", found=self.running)

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
        self.choosing.setVisible(False)
        self.chosen.setVisible(any(b.isVisibleTo(self.chosen) for b in self._call_buttons()))
        remember_choice(self.ctx, "paid_with", method)
        self.ctx.say(self.payment_advice())

    def _call_buttons(self) -> list[BigButton]:
        return [self.buttons[CALL_BANK], *(self.buttons[k] for k in PAYMENT_HOTLINES["unknown"])]

    def has_chosen(self) -> bool:
        """Whether the step that stops the money shows what to do for a way chosen."""
        return not self.choosing.isVisibleTo(self.pages[BANK])

    def change_payment(self) -> None:
        """Show the ways the money may have left again, to choose another."""
        self.chosen.setVisible(False)
        self.choosing.setVisible(True)
        self.paid_action.setText(self.ctx.t("money.step_paid"))
        self.ctx.say(self.spoken_text())

    def payment_advice(self) -> str:
        """What to do for the way the money left (empty before the person chose)."""
        ctx = self.ctx
        method = self.paid_with
        if not method:
            return ""
        if method == "bank_card":
            return ctx.t("money.paid_bank")
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

    def entered(self) -> None:
        """Tell the family that money was sent, the first time the screen shows."""
        if self.family_to_tell:
            self.family_to_tell = False
            queue_family_alert(self.ctx, "money_sent", on_not_queued=self._family_not_told)

    def closing(self) -> None:
        """Stop watching for remote-control programs."""
        self.closed = True
        self.remote_apps.stop()
        if self.watcher is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                self.watcher.found.disconnect(self.programs_changed)

    def spoken_text(self) -> str:
        """The step shown, read aloud: where it is in the steps, what to do, how to go on.

        The first step starts with the calm opening; the family not knowing yet (if so) is said
        on every step; after the last step, the warning about a fee to get the money back.
        """
        ctx = self.ctx
        notice = self.family_notice.text() if self.family_notice.isVisibleTo(self) else ""
        if self.current == FINISHED:
            return ctx.sentences(notice, self.finished_text.text(), warning_words(ctx))
        calm = ctx.t("money.calm") if self.current == self.order()[0] else ""
        parts = [calm, notice, self._progress_words(), self.headlines[self.current].text()]
        detail = self.details.get(self.current)
        if detail is not None:
            parts.append(detail.text())
        if self.current == BANK and not self.has_chosen():
            joiner = "、" if ctx.lang == "zh" else ", "
            parts.append(joiner.join(ctx.pick(name) for name in PAYMENT_METHODS.values()))
        parts.append(ctx.t("money.next_hint"))
        return ctx.sentences(*parts)
