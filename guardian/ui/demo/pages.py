"""The pages of the demo: the scenario picker and the call being played (the reveal: reveal.py)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guardian.core.scenarios import Scenario
from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, icon_label, label, scrolling, svg_pixmap


def difficulty_words(ctx: AppContext, difficulty: int) -> str:
    """Return "difficulty: easy" (or medium, hard) for a scenario card."""
    return ctx.t("demo.difficulty", level=ctx.t(f"demo.difficulty_{difficulty}"))


class PickerPage(QWidget):
    """The scenario cards, easiest first, and where a saved handout went.

    Args:
        ctx: the demo's context (presenter text size).
        scenarios: the scenarios to offer, shown easiest first.

    Signals:
        picked(str): the id of the scenario pressed.
    """

    picked = Signal(str)

    def __init__(
        self, ctx: AppContext, scenarios: Sequence[Scenario], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 16)
        layout.setSpacing(14)
        cards = QWidget()
        grid = QGridLayout(cards)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(14)
        columns = 3
        self.cards: dict[str, BigButton] = {}
        ordered = sorted(scenarios, key=lambda s: s.difficulty)
        for index, scenario in enumerate(ordered):
            title = ctx.pick(scenario.title)
            card = BigButton(
                f"{title}\n{difficulty_words(ctx, scenario.difficulty)}",
                ctx.content.caller(scenario.caller).icon,
                role="card",
                icon_px=theme.button_icon_px,
                description=ctx.t("demo.card_description", title=title),
            )
            card.clicked.connect(lambda _=False, s=scenario.id: self.picked.emit(s))
            grid.addWidget(card, index // columns, index % columns)
            self.cards[scenario.id] = card
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        layout.addWidget(scrolling(cards), 1)

        # Shown once a handout has been saved: where it went, and the printer button.
        self.handout_row = QWidget()
        row = QHBoxLayout(self.handout_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.print_button = BigButton(
            ctx.t("demo.print"),
            "printer",
            role=None,
            icon_px=theme.button_icon_px,
            description=ctx.t("demo.print_description"),
        )
        self.print_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.print_button.setVisible(False)
        self.handout_status = label("", "soft")
        row.addWidget(self.handout_status, 1)
        row.addWidget(self.print_button)
        self.handout_row.setVisible(False)
        layout.addWidget(self.handout_row)

    def focus_first(self) -> None:
        """Put the keyboard on the first card."""
        if self.cards:
            next(iter(self.cards.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def show_handout_status(self, message: str, *, can_print: bool) -> None:
        """Say where the handout went (or why not), and offer the printer when possible."""
        self.handout_status.setText(message)
        self.print_button.setVisible(can_print)
        self.handout_row.setVisible(True)

    def spoken_text(self) -> str:
        """The invitation to pick a story."""
        return self.ctx.t("demo.pick_spoken")


class SubtitleLabel(QLabel):
    """A line of the call in the largest type that fits the room it is given.

    Args:
        sizes_pt: the type sizes to try, largest first; the smallest is used if none fits.
    """

    def __init__(self, sizes_pt: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sizes_pt = tuple(sizes_pt)
        self.point_size = 0
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # The layout gives the room; the text size follows it (never the other way round).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self._fit()

    def set_subtitle(self, text: str) -> None:
        """Show ``text`` at the largest size that fits."""
        self.setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Choose the type size again for the new room."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect()
        chosen = self.sizes_pt[-1]
        for points in self.sizes_pt:
            font = QFont(self.font())
            font.setPointSize(points)
            font.setBold(True)
            needed = QFontMetrics(font).boundingRect(
                QRect(0, 0, max(1, room.width()), 100_000),
                int(Qt.TextFlag.TextWordWrap),
                self.text(),
            )
            if needed.height() <= room.height() and needed.width() <= room.width():
                chosen = points
                break
        if chosen != self.point_size:
            self.point_size = chosen
            self.setStyleSheet(f"font-size: {chosen}pt; font-weight: bold;")


class PlayPage(QWidget):
    """One line of the call at a time, as a huge subtitle, with the presenter's controls.

    Args:
        ctx: the demo's context (presenter text size).

    Signals:
        play_pressed: "play the call" was pressed.
        pause_pressed: "pause" was pressed.
        replay_pressed: "hear this line again" was pressed.
        next_pressed: "next line" was pressed.
        done_pressed: "let the room answer" was pressed.
    """

    play_pressed = Signal()
    pause_pressed = Signal()
    replay_pressed = Signal()
    next_pressed = Signal()
    done_pressed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 16)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.setSpacing(16)
        self.caller_icon = icon_label("caller_unknown", theme.button_icon_px)
        top.addWidget(self.caller_icon)
        self.scenario_title = label("", "heading")
        top.addWidget(self.scenario_title, 1)
        self.progress = label("", "heading", wrap=False)
        top.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)

        self.card = QFrame()
        self.card.setProperty("role", "card")
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(28, 14, 28, 14)
        card_layout.setSpacing(4)
        self.caller_says = label(ctx.t("demo.caller_says"), "soft")
        card_layout.addWidget(self.caller_says)
        title = theme.title_pt
        self.subtitle = SubtitleLabel(
            (round(title * 1.5), round(title * 1.3), round(title * 1.15), title, theme.body_pt)
        )
        card_layout.addWidget(self.subtitle, 1)
        layout.addWidget(self.card, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(14)
        px = theme.button_icon_px
        self.play_button = self._button("demo.play", "speaker", "primary", px)
        self.pause_button = self._button("demo.pause", "speaker_off", "primary", px)
        self.replay_button = self._button("demo.replay_line", "replay", None, px)
        self.next_button = self._button("demo.next_line", "next", None, px)
        self.done_button = self._button("demo.to_room", "audience", None, px)
        self.play_button.clicked.connect(self.play_pressed)
        self.pause_button.clicked.connect(self.pause_pressed)
        self.replay_button.clicked.connect(self.replay_pressed)
        self.next_button.clicked.connect(self.next_pressed)
        self.done_button.clicked.connect(self.done_pressed)
        # "Play" and "pause" share one place: only the one that can be pressed shows.
        for button in (
            self.play_button,
            self.pause_button,
            self.replay_button,
            self.next_button,
            self.done_button,
        ):
            buttons.addWidget(button)
        self.pause_button.setVisible(False)
        layout.addLayout(buttons)

    def _button(self, key: str, icon: str, role: str | None, px: int) -> BigButton:
        return BigButton(
            self.ctx.t(key),
            icon,
            role=role,
            icon_px=px,
            vertical=True,
            description=self.ctx.t(f"{key}_description"),
        )

    def show_scenario(self, scenario: Scenario) -> None:
        """Show the start of ``scenario``: its title and how to begin."""
        self.scenario_title.setText(self.ctx.pick(scenario.title))
        icon = self.ctx.content.caller(scenario.caller).icon
        self.caller_icon.setPixmap(svg_pixmap(icon, self.caller_icon.width()))
        self.show_line(scenario, -1, playing=False)

    def show_line(self, scenario: Scenario, index: int, *, playing: bool) -> None:
        """Show line ``index`` (-1: not started) and set which controls can be pressed."""
        total = len(scenario.lines)
        started = index >= 0
        last = index >= total - 1
        self.caller_says.setVisible(started)
        if started:
            self.subtitle.set_subtitle(self.ctx.pick(scenario.lines[index].text))
            self.progress.setText(self.ctx.t("demo.line_progress", number=index + 1, total=total))
        else:
            self.subtitle.set_subtitle(self.ctx.t("demo.play_intro"))
            self.progress.setText("")
        self.play_button.setVisible(not playing)
        self.pause_button.setVisible(playing)
        self.play_button.setEnabled(not (last and started))
        self.replay_button.setEnabled(started)
        self.next_button.setEnabled(not last)
        self.done_button.setEnabled(started)
        # Once the last line has been heard, answering is the main thing left to do.
        _set_role(self.done_button, "primary" if last else None)


def _set_role(widget: QWidget, role: str | None) -> None:
    """Change a widget's style role and restyle it and its children."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    for each in (widget, *widget.findChildren(QWidget)):
        each.style().unpolish(each)
        each.style().polish(each)
