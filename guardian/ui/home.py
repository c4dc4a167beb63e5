"""The home screen: four giant buttons, a row of smaller ones, the date, text size and language."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.routes import PREPARE_AHEAD, prepare_check
from guardian.ui.screen import Screen
from guardian.ui.theme import TEXT_SIZES_PT
from guardian.ui.widgets import BigButton, label, scrolling

# (route, catalog key, pictogram, style role) for the four giant buttons, in reading order.
MAIN_ACTIONS = (
    ("check_call", "home.check_call", "call_check", "primary"),
    ("call_family", "home.call_family", "family", "tile"),
    ("call_police", "home.call_police", "police", "danger"),
    ("money_sent", "home.money_sent", "money_sent", "tile"),
)

# The smaller buttons under them.
MORE_ACTIONS = (
    ("check_message", "home.check_message", "message_check"),
    ("tip", "home.tip", "tip"),
    ("family_settings", "home.family_settings", "settings_lock"),
    ("demo", "home.demo", "demo"),
)


class HomeScreen(Screen):
    """The first screen: one press to start a check, call family, call 110 or get help.

    Args:
        ctx: the shared app context.
    """

    title_key = "app.title"
    shows_navigation = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
        body = QWidget()
        layout = QVBoxLayout(body)
        # At the largest sizes the room between the buttons shrinks, so that in Chinese the
        # whole screen fits a 1280 x 860 window without scrolling.
        roomy = theme.roomy
        gap = 20 if roomy else 12
        layout.setContentsMargins(36, 20 if roomy else 12, 36, 24 if roomy else 12)
        layout.setSpacing(gap)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))

        top = QHBoxLayout()
        top.setSpacing(16)
        self.clock = label("", "soft", wrap=True)
        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._update_clock)
        self._update_clock()
        top.addWidget(self.clock, 1)
        self.smaller = self._option_button(
            "home.text_smaller", lambda: ctx.set_text_step(ctx.text_step - 1)
        )
        self.larger = self._option_button(
            "home.text_larger", lambda: ctx.set_text_step(ctx.text_step + 1)
        )
        self.smaller.setEnabled(ctx.text_step > 0)
        self.larger.setEnabled(ctx.text_step < len(TEXT_SIZES_PT) - 1)
        self.language = BigButton(
            ctx.t("home.other_language"),
            "language",
            role=None,
            icon_px=theme.button_icon_px,
            wrap=False,
            description=ctx.t("home.other_language_description"),
        )
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language.clicked.connect(self._switch_language)
        for widget in (self.smaller, self.larger, self.language):
            top.addWidget(widget)
        layout.addLayout(top)

        grid = QGridLayout()
        grid.setSpacing(gap)
        self.buttons: dict[str, BigButton] = {}
        for index, (route, key, icon, role) in enumerate(MAIN_ACTIONS):
            button = BigButton(
                ctx.t(key),
                icon,
                role=role,
                icon_px=theme.tile_icon_px,
                description=ctx.t(f"{key}_description"),
            )
            button.setMinimumHeight(theme.tile_icon_px + 48)
            button.clicked.connect(lambda _=False, r=route: ctx.navigator().open(r))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[route] = button
        layout.addLayout(grid, 1)

        more = QGridLayout()
        more.setSpacing(16 if roomy else gap)
        # Four in a row fit short Chinese words; longer (English) words get two rows of two.
        columns = 4 if ctx.lang == "zh" and theme.roomy else 2
        for index, (route, key, icon) in enumerate(MORE_ACTIONS):
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
            more.addWidget(button, index // columns, index % columns)
            self.buttons[route] = button
        layout.addLayout(more)

    def _option_button(self, key: str, action: object) -> BigButton:
        description = self.ctx.t(f"{key}_description")
        button = BigButton(self.ctx.t(key), None, role=None, description=description)
        button.setAccessibleName(description)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.setMinimumWidth(self.ctx.theme.min_target_px * 2)
        button.clicked.connect(action)
        return button

    def spoken_text(self) -> str:
        """A greeting and what the main button is for."""
        return self.ctx.t("home.spoken")

    def entered(self) -> None:
        """Keep the clock right while the home screen shows; put the focus on the main button."""
        self._update_clock()
        self._clock_timer.start(30_000)
        self.buttons["check_call"].setFocus()
        if self.ctx.services.get(PREPARE_AHEAD):
            # After this screen is drawn: the next check, built while the person reads it.
            QTimer.singleShot(0, self, lambda: prepare_check(self.ctx))

    def leaving(self) -> None:
        """Stop the clock while another screen shows."""
        self._clock_timer.stop()

    def _update_clock(self) -> None:
        language = QLocale.Language.Chinese if self.ctx.lang == "zh" else QLocale.Language.English
        now = self.ctx.now()
        shown = QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute))
        self.clock.setText(QLocale(language).toString(shown, self.ctx.t("home.clock_format")))

    def _switch_language(self) -> None:
        self.ctx.set_lang("en" if self.ctx.lang == "zh" else "zh")
