"""The home screen: four giant buttons, and two smaller ones under them.

The older person's home holds only what they need: start a check, call the family, call 110,
"I already sent money", check a message or number, and the family settings (behind the PIN).
The tip of the day has its button in the header row, at the right (where other screens have
"home"), so it takes no line from the giant buttons.
Text size, language and demo mode are set up by the family or a volunteer: in the family
settings, with ``guardian --demo``, or with the volunteer's shortcut :data:`DEMO_SHORTCUT`.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, QTime, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guardian.ui.context import AppContext
from guardian.ui.routes import prepare_check
from guardian.ui.screen import Screen
from guardian.ui.turns import next_turn
from guardian.ui.widgets import BigButton, label, line_widths, scrolling

# (route, catalog key, pictogram, style role) for the four giant buttons, in reading order.
MAIN_ACTIONS = (
    ("check_call", "home.check_call", "call_check", "primary"),
    ("call_family", "home.call_family", "family", "tile"),
    ("call_police", "home.call_police", "police", "danger"),
    ("money_sent", "home.money_sent", "money_sent", "tile"),
)

# The two smaller buttons under them, side by side at every text size.
MORE_ACTIONS = (
    ("check_message", "home.check_message", "message_check"),
    ("family_settings", "home.family_settings", "settings_lock"),
)

#: The volunteer's way into demo mode from the home screen (also: the family settings, and
#: ``guardian --demo``). Nothing on the home screen itself opens it.
DEMO_SHORTCUT = "Ctrl+Shift+D"

#: Height of the window kept for everything but the four giant buttons (header, date, the
#: smaller buttons, margins) at the largest text size, in pixels. The giant buttons share the
#: rest, the same at every text size, so they never shrink when the text grows.
RESERVED_PX = 400

#: The giant buttons are never lower than this, whatever the window's height.
MIN_MAIN_PX = 150


def main_button_height(window_height: int) -> int:
    """The height of each giant button in a window ``window_height`` pixels high.

    It depends on the window only, not on the text size: larger text never makes the main
    buttons lower (the room left over at smaller sizes goes above the smaller buttons).
    """
    return max(MIN_MAIN_PX, (window_height - RESERVED_PX) // 2)


def _words_height(button: BigButton) -> int:
    """The height ``button`` needs for its words as they wrap at its present width.

    Measured on the button as laid out now (its padding, border and inner margins), with room
    for the focus ring, which is thicker than the border it replaces.
    """
    words = button.text_widget
    inner = button.layout()
    if inner is None or button.height() <= 0:
        return 0
    inner.activate()  # the words' place for the button's present size
    if words.width() <= 0:
        return 0
    frame = button.height() - words.height()
    if not button.hasFocus():
        frame += _FOCUS_RING_EXTRA_PX
    return words.heightForWidth(words.width()) + frame


def _last_line_share(words: QLabel) -> float:
    """How much of the words' width their last line fills (1.0 for words on one line)."""
    widths = line_widths(words, words.width())
    return 1.0 if len(widths) <= 1 else widths[-1] / max(1, words.width())


#: How much higher a button's focus ring is than its border, above and below together.
_FOCUS_RING_EXTRA_PX = 2 * (6 - 3)


class HomeScreen(Screen):
    """The first screen: one press to start a check, call family, call 110 or get help.

    Args:
        ctx: the shared app context.
    """

    title_key = "app.title"
    shows_navigation = False
    offers_tip = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._fit_pending = False
        theme = ctx.theme
        body = QWidget()
        layout = QVBoxLayout(body)
        roomy = theme.roomy
        gap = 20 if roomy else 8
        layout.setContentsMargins(36, 12 if roomy else 8, 36, 16 if roomy else 8)
        layout.setSpacing(gap)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Only a safety net (a banner above every screen): the screen fits 1024 x 720 as it is.
        outer.addWidget(scrolling(body))

        self.clock = label("", "soft", wrap=True)
        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._update_clock)
        self._update_clock()
        layout.addWidget(self.clock)

        grid = QGridLayout()
        grid.setSpacing(gap)
        self.buttons: dict[str, BigButton] = {}
        self.main_buttons: list[BigButton] = []
        for index, (route, key, icon, role) in enumerate(MAIN_ACTIONS):
            button = BigButton(
                ctx.t(key),
                icon,
                role=role,
                icon_px=theme.tile_icon_px,
                description=ctx.t(f"{key}_description"),
            )
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFixedHeight(main_button_height(self._window_height()))
            button.clicked.connect(lambda _=False, r=route: ctx.navigator().open(r))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[route] = button
            self.main_buttons.append(button)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addStretch(1)

        more = QHBoxLayout()
        more.setSpacing(gap)
        for route, key, icon in MORE_ACTIONS:
            button = BigButton(
                ctx.t(key),
                icon,
                role=None,
                icon_px=theme.button_icon_px,
                description=ctx.t(f"{key}_description"),
            )
            policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            policy.setHeightForWidth(True)
            button.setSizePolicy(policy)
            button.clicked.connect(lambda _=False, r=route: ctx.navigator().open(r))
            more.addWidget(button, 1)
            self.buttons[route] = button
        layout.addLayout(more)
        # A scroll bar (under a banner) makes the words wrap narrower: fit the buttons again.
        self._body = body
        body.installEventFilter(self)

        # For volunteers: Ctrl+Shift+D opens demo mode while the home screen shows (a shortcut
        # belongs to its window by default; the Qt namespace is not used before the first paint).
        self.demo_shortcut = QShortcut(QKeySequence(DEMO_SHORTCUT), self)
        self.demo_shortcut.activated.connect(self.open_demo)

    def spoken_text(self) -> str:
        """A greeting and what the main button is for."""
        return self.ctx.t("home.spoken")

    def entered(self) -> None:
        """Keep the clock right while the home screen shows; put the focus on the main button."""
        self._update_clock()
        self._clock_timer.start(30_000)
        self._fit_main_buttons()
        self.buttons["check_call"].setFocus()
        if self.ctx.prepare_ahead:
            # After this screen is drawn: the next check, built while the person reads it.
            next_turn(self, lambda: prepare_check(self.ctx))

    def leaving(self) -> None:
        """Stop the clock while another screen shows."""
        self._clock_timer.stop()

    def open_demo(self) -> None:
        """Open demo mode (the volunteer's shortcut), only while the home screen shows."""
        if self.isVisible():
            self.ctx.navigator().open("demo")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Size the giant buttons for the window's height (never for the text size)."""
        super().resizeEvent(event)
        self._fit_soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit the giant buttons again when the page's width changes."""
        if watched is self._body and event.type() == QEvent.Type.Resize:
            self._fit_soon()
        return False

    def _window_height(self) -> int:
        window = self.window()
        return window.height() if window is not self else self.height()

    def _fit_soon(self) -> None:
        """Fit the giant buttons once the layouts have placed everything for the new size."""
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_main_buttons)

    def _fit_main_buttons(self) -> None:
        self._fit_pending = False
        base = main_button_height(self._window_height())
        # The largest pictures beside which the words fit the buttons' height and no caption
        # ends in a scrap of a line (a lone "话"): smaller pictures rather than words that
        # wrap badly only to keep a picture large.
        fitting: list[int] = []
        for icon_px in self._icon_sizes():
            for button in self.main_buttons:
                button.set_icon_px(icon_px)
            if all(_words_height(button) <= base for button in self.main_buttons):
                fitting.append(icon_px)
                if all(_last_line_share(button.text_widget) >= 0.2 for button in self.main_buttons):
                    break
        else:
            # No size leaves every caption tidy: the largest pictures the words fit beside.
            for button in self.main_buttons:
                button.set_icon_px(fitting[0] if fitting else self._icon_sizes()[-1])
        # Never lower than the words need: a button that cut them off would be worse.
        height = max(base, *(_words_height(button) for button in self.main_buttons))
        for button in self.main_buttons:
            if button.minimumHeight() != height:
                button.setFixedHeight(height)

    def _icon_sizes(self) -> tuple[int, ...]:
        """The pictures' sizes on the giant buttons, largest first."""
        theme = self.ctx.theme
        return (
            theme.tile_icon_px,
            round(theme.tile_icon_px * 0.75),
            theme.button_icon_px,
            round(theme.body_pt * 1.2),
        )

    def _update_clock(self) -> None:
        language = QLocale.Language.Chinese if self.ctx.lang == "zh" else QLocale.Language.English
        now = self.ctx.now()
        shown = QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute))
        self.clock.setText(QLocale(language).toString(shown, self.ctx.t("home.clock_format")))
