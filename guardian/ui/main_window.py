"""The main window: a fixed header over a stack of screens.

The header is always, left to right: back, listen again, the title, and home alone at the right
with clear space before it, so that the button pressed most is never beside the one that
leaves a check. A check left by "home" is offered to go on with on the home screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guardian.ui.context import AppContext
from guardian.ui.fonts import FontChoice
from guardian.ui.layouts import TITLE_BELOW, TitleRowLayout
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, icon_label, label, set_plain_tooltip

if TYPE_CHECKING:
    from guardian.core.records import CheckRecord
    from guardian.ui.unfinished import UnfinishedOffer

log = logging.getLogger(__name__)

ScreenFactory = Callable[..., Screen]


class MainWindow(QMainWindow):
    """Holds the header and the screen stack, and is the app's navigator.

    Args:
        ctx: the shared app context; the window attaches itself as ``ctx.nav``.
        routes: screen factories by route name; a route without one opens a placeholder.
        home_factory: builds the home screen (rebuilt when language or text size changes).
        font_choice: the font checked at start-up (or later, see set_font_choice); a banner says
            so when Chinese cannot be drawn.
    """

    def __init__(
        self,
        ctx: AppContext,
        routes: Mapping[str, ScreenFactory],
        home_factory: ScreenFactory,
        font_choice: FontChoice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.routes = dict(routes)
        self._home_factory = home_factory
        self._font_choice = font_choice
        # A check interrupted or left unfinished, offered on the home screen (None: no offer).
        self.unfinished: UnfinishedOffer | None = None
        # Counts the checks started: an offer that comes after a newer check began is dropped.
        self._checks_started = 0
        ctx.nav = self
        self.resize(1280, 860)
        self.setMinimumSize(1024, 720)

        central = QWidget()
        outer = self._outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = QFrame()  # a frame draws its style sheet background by itself
        self.header.setObjectName("header")
        outer.addWidget(self.header)
        self.font_banner = label("", "banner")
        self.font_banner.setVisible(False)
        outer.addWidget(self.font_banner)
        self.notice = QWidget()
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(24, 8, 24, 8)
        self.notice_text = label("", "banner")
        notice_layout.addWidget(self.notice_text, 1)
        self.notice_button = BigButton(ctx.t("notice.ok"), "answer_yes", role=None)
        self.notice_button.clicked.connect(lambda: self.notice.setVisible(False))
        notice_layout.addWidget(self.notice_button)
        self.notice.setVisible(False)
        outer.addWidget(self.notice)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        ctx.speaker.availability_changed.connect(self._update_voice_status)
        ctx.language_changed.connect(self._rebuild)
        ctx.text_step_changed.connect(self._rebuild)
        FirstPaintWatcher(self, self._add_shortcuts)  # not needed to draw the first screen
        self._rebuild()  # builds the header and the home screen

    def _add_shortcuts(self) -> None:
        """Alt+Left goes back and Alt+Home goes home, as in a web browser."""
        from PySide6.QtGui import QKeySequence, QShortcut

        QShortcut(QKeySequence("Alt+Left"), self, self.back)
        QShortcut(QKeySequence("Alt+Home"), self, self.home)

    # -- header ------------------------------------------------------------------------------

    def _build_header(self) -> None:
        old = self.header.layout()
        if old is not None:
            QWidget().setLayout(old)  # hand the old layout and its children to a throwaway
        # The title beside the buttons while it fits on two lines, else on its own row below.
        layout = TitleRowLayout(self.header, title_lines=2, below=TITLE_BELOW)
        roomy = self.ctx.theme.roomy
        layout.setContentsMargins(24 if roomy else 12, 10, 24 if roomy else 12, 10)
        layout.setSpacing(16 if roomy else 8)
        px = self.ctx.theme.button_icon_px
        self.back_button = BigButton(
            self.ctx.t("nav.back"),
            "back",
            role=None,
            icon_px=px,
            description=self.ctx.t("nav.back_description"),
        )
        self.back_button.clicked.connect(self.back)
        self.title_label = label("", "heading", wrap=True)
        # Clear space between the title's words and "home", the only button at the right.
        self.title_label.setContentsMargins(0, 0, 40 if roomy else 24, 0)
        self.voice_status = QWidget()
        self.voice_status.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        status_layout = QHBoxLayout(self.voice_status)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(icon_label("speaker_off", px))
        self.voice_status_text = label(self.ctx.t("voice.unavailable"), "soft", wrap=False)
        status_layout.addWidget(self.voice_status_text)
        # At the largest sizes the title needs the room: the pictogram alone says "no voice".
        self.voice_status_text.setVisible(self.ctx.theme.roomy)
        self.replay_button = BigButton(
            self.ctx.t("nav.replay"),
            "speaker",
            role=None,
            icon_px=px,
            description=self.ctx.t("nav.replay_description"),
        )
        self.replay_button.clicked.connect(self.replay)
        self.home_button = BigButton(
            self.ctx.t("nav.home"),
            "home",
            role=None,
            icon_px=px,
            description=self.ctx.t("nav.home_description"),
        )
        self.home_button.clicked.connect(self.home)
        self.tip_button = BigButton(
            self.ctx.t("home.tip"),
            "tip",
            role=None,
            icon_px=px,
            description=self.ctx.t("home.tip_description"),
        )
        self.tip_button.clicked.connect(lambda: self.open("tip"))
        # "Listen again" at the left, beside "back": never beside "home", and on the home
        # screen (no back, no home) not in the corner where "home" is everywhere else.
        layout.add_leading(self.back_button)
        layout.add_leading(self.replay_button)
        layout.add_leading(self.voice_status)
        layout.set_title(self.title_label)
        layout.add_trailing(self.tip_button)
        layout.add_trailing(self.home_button)
        self._update_voice_status()

    def _update_voice_status(self, *_: object) -> None:
        speaker = self.ctx.speaker
        self.voice_status.setVisible(not speaker.available)
        reason = speaker.unavailable_reason
        set_plain_tooltip(self.voice_status, reason)
        self.voice_status.setAccessibleName(self.ctx.t("voice.unavailable"))
        self.voice_status.setAccessibleDescription(reason)

    def _update_header(self) -> None:
        screen = self.current_screen()
        if screen is None:
            return
        self.title_label.setText(screen.title())
        navigation = screen.shows_navigation and self.stack.count() > 1
        self.header.setVisible(screen.shows_header)
        self.tip_button.setVisible(screen.offers_tip)
        self.back_button.setVisible(navigation)
        self.home_button.setVisible(navigation)
        self.setWindowTitle(f"{self.ctx.t('app.title')} - {screen.title()}")
        self._update_offer()

    def offer_unfinished(self, record: object, *, just_left: bool = False) -> None:
        """Offer, on the home screen, to finish or discard a check that was not finished.

        Args:
            record: the check (a CheckRecord; anything else is ignored), with its history
                number when it was saved, so that going on with it continues that entry.
            just_left: it was left by "home" a moment ago (else: interrupted before this start).
        """
        from guardian.core.records import CheckRecord

        if not isinstance(record, CheckRecord):
            return
        from guardian.ui.unfinished import UnfinishedOffer  # only when there is one: loaded then

        self._drop_offer()
        offer = self.unfinished = UnfinishedOffer(self.ctx, record, just_left=just_left)
        offer.settled.connect(self._update_offer)
        self._outer.insertWidget(self._outer.indexOf(self.stack), offer)
        self._update_offer()
        if self.stack.currentIndex() == 0:
            self.ctx.say(offer.text.text())

    def _offer_left(self, record: CheckRecord, checks_started: int) -> None:
        """Offer the check just left by "home", unless a newer check began in the meantime."""
        if checks_started == self._checks_started:
            self.offer_unfinished(record, just_left=True)

    def _drop_offer(self) -> None:
        """Take away the offer to go on with a check (a newer one replaces it, or a check began)."""
        offer = self.unfinished
        if offer is None:
            return
        self.unfinished = None
        offer.used = True
        offer.setVisible(False)
        self._outer.removeWidget(offer)
        offer.deleteLater()

    def _update_offer(self) -> None:
        """Show the offer on the home screen only: other screens keep all their room."""
        offer = self.unfinished
        if offer is not None:
            offer.setVisible(not offer.used and self.stack.currentIndex() == 0)

    def show_notice(self, text: str) -> None:
        """Show ``text`` above every screen until the person presses "OK", and read it aloud."""
        self.notice_text.setText(text)
        self.notice.setVisible(True)
        self.ctx.say(text)

    @property
    def font_choice(self) -> FontChoice | None:
        """The font the app was checked to use (None until it was checked)."""
        return self._font_choice

    def set_font_choice(self, choice: FontChoice) -> None:
        """Show the banner about Chinese text when ``choice`` cannot draw all of it."""
        self._font_choice = choice
        self._update_font_banner()

    def _update_font_banner(self) -> None:
        choice = self._font_choice
        missing = choice is not None and not choice.covers_chinese
        self.font_banner.setVisible(missing)
        if missing:
            self.font_banner.setText(self.ctx.t("font.missing"))

    # -- navigation --------------------------------------------------------------------------

    def current_screen(self) -> Screen | None:
        """The screen being shown."""
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def open(self, route: str, **kwargs: Any) -> None:
        """Show the screen for ``route``; a route not built yet shows an honest placeholder."""
        factory = self.routes.get(route)
        if factory is None:
            from guardian.ui.placeholder import PlaceholderScreen  # every built route has one

            log.info("route %s has no screen yet", route)
            self.show_screen(PlaceholderScreen(self.ctx, route))
            return
        self.show_screen(factory(self.ctx, **kwargs))

    def show_screen(self, screen: Screen) -> None:
        """Show ``screen`` on top of the current one."""
        self._check_starting(screen)
        self._leave_current()
        screen.header_changed.connect(self._update_header)
        self.stack.addWidget(screen)
        self._enter(screen)

    def hold(self, screen: Screen) -> None:
        """Keep ``screen``, built ahead, hidden under the screens' stack until it is shown.

        Styled under the window's style sheet and laid out at the stack's size now, it costs
        less when it is shown (:meth:`show_screen` adds it to the stack as any screen).
        """
        screen.hide()
        screen.setParent(self.stack)
        screen.resize(self.stack.size())

    def replace_screen(self, screen: Screen) -> None:
        """Show ``screen`` in place of the current one (which is closed)."""
        self._check_starting(screen)
        self._leave_current()
        if self.stack.count() > 1:
            self._drop(self.stack.count() - 1)
        screen.header_changed.connect(self._update_header)
        self.stack.addWidget(screen)
        self._enter(screen)

    def _check_starting(self, screen: Screen) -> None:
        """A new check begins: the offer to go on with an earlier one goes."""
        if screen.starts_check:
            self._checks_started += 1
            self._drop_offer()

    def back(self) -> None:
        """Go back one step in the current screen, or close it and show the one before it."""
        screen = self.current_screen()
        if screen is not None and screen.handle_back():
            self._update_header()
            return
        if self.stack.count() <= 1:
            return
        if screen is not None and screen.has_unsaved_work():
            screen.ask_to_save(self.back)
            return
        self._leave_current()
        self._drop(self.stack.count() - 1)
        self._enter_current()

    def home(self) -> None:
        """Close every screen above the home screen.

        A screen with unsaved work (the top one first) is shown, if it is not already, and asks
        whether to save it; the way home goes on once it was saved or not to be saved. A check
        left before its verdict is then offered to go on with ("go on" / "discard").
        """
        if self.stack.count() <= 1:
            return
        for index in range(self.stack.count() - 1, 0, -1):
            screen = self.stack.widget(index)
            if isinstance(screen, Screen) and screen.has_unsaved_work():
                if index < self.stack.count() - 1:
                    self._leave_current()
                    while self.stack.count() - 1 > index:
                        self._drop(self.stack.count() - 1)
                    self._enter_current()
                screen.ask_to_save(self.home)
                return
        self._leave_current()
        left: list[Screen] = []
        while self.stack.count() > 1:
            widget = self.stack.widget(self.stack.count() - 1)
            self._drop(self.stack.count() - 1)  # a last save of a check is queued here
            if isinstance(widget, Screen):
                left.append(widget)
        self._enter_current()
        checks_started = self._checks_started
        for screen in left:
            screen.offer_to_resume(lambda record: self._offer_left(record, checks_started))

    def replay(self) -> None:
        """Read the current screen aloud again (with the offer to go on with a check, if shown)."""
        screen = self.current_screen()
        if screen is None:
            return
        offer = self.unfinished
        if offer is not None and offer.isVisible():
            self.ctx.say(self.ctx.sentences(offer.text.text(), screen.spoken_text()))
        else:
            self.ctx.say(screen.spoken_text())

    def _drop(self, index: int) -> None:
        """Remove the screen at ``index`` from the stack and delete it."""
        widget = self.stack.widget(index)
        if isinstance(widget, Screen):
            widget.closing()
        if widget is not None:
            self.stack.removeWidget(widget)
            widget.deleteLater()

    def _leave_current(self) -> None:
        screen = self.current_screen()
        self.ctx.speaker.stop()
        if screen is not None:
            screen.leaving()

    def _enter(self, screen: Screen) -> None:
        self.stack.setCurrentWidget(screen)
        self._enter_current()

    def _enter_current(self) -> None:
        self.stack.setCurrentIndex(self.stack.count() - 1)
        screen = self.current_screen()
        self._update_header()
        if screen is None:
            return
        screen.entered()
        if self.ctx.auto_read:
            self.ctx.say(screen.spoken_text())

    def _rebuild(self, *_: object) -> None:
        """Apply the text size and language: restyle, and rebuild the header and home screen."""
        app = QApplication.instance()
        style = self.ctx.theme.stylesheet()
        if isinstance(app, QApplication) and app.styleSheet() != style:
            app.setStyleSheet(style)  # restyles every widget: only when the size really changed
        self._leave_current()
        while self.stack.count():
            self._drop(0)
        self._build_header()
        self.notice_button.text_widget.setText(self.ctx.t("notice.ok"))
        self._update_font_banner()
        self.stack.addWidget(self._home_factory(self.ctx))
        offer = self.unfinished
        if offer is not None and not offer.used:
            # Its words in the new language (or size): the same check offered again.
            self.offer_unfinished(offer.record, just_left=offer.just_left)
        self._update_header()
        screen = self.current_screen()
        if screen is not None:
            screen.entered()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop speech before the window goes."""
        self.ctx.speaker.stop()
        super().closeEvent(event)


class FirstPaintWatcher(QObject):
    """Calls ``callback`` once, right after ``widget`` is first painted."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fire the callback after the first paint event."""
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, callback)  # not after the widget is gone
        return False
