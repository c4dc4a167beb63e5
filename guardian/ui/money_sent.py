"""I already sent money: calm, numbered steps, each with one big button, in the right order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.family_alerts import not_told_notice, queue_family_alert, show_not_told
from guardian.ui.layouts import TRAILING_BELOW, TitleRowLayout
from guardian.ui.remote_warning import RemoteAppAlert
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, scrolling

# (step key, route the button opens or None, pictogram, style role)
STEPS = (
    ("money.step_110", "call_police", "police", "danger"),
    ("money.step_bank", "call_bank", "call", "primary"),
    ("money.step_sharing", None, "sig_screen_share_or_app", None),
    ("money.step_family", "call_family", "family", "tile"),
    ("money.step_card", "report_card", "printer", "tile"),
)


class MoneySentScreen(Screen):
    """Walks the person through the calls that can still stop the money.

    Args:
        ctx: the shared app context.
    """

    title_key = "money.title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
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
        self.step_texts: list[QLabel] = []
        for number, (key, route, icon, role) in enumerate(STEPS, start=1):
            card = QFrame()
            card.setProperty("role", "card")
            # The button beside the words while they fit on three lines, else under them.
            row = TitleRowLayout(card, title_lines=3, below=TRAILING_BELOW, squeeze=False)
            row.setContentsMargins(20, 14, 20, 14)
            row.setSpacing(20)
            badge = label(str(number), "headline", wrap=False)
            badge.setFixedWidth(theme.title_pt * 2)
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.add_leading(badge)
            text = label(ctx.t(key))
            self.step_texts.append(text)
            row.set_title(text)
            if route is not None:
                button = BigButton(
                    ctx.t(f"{key}_button"),
                    icon,
                    role=role,
                    icon_px=theme.button_icon_px,
                    description=ctx.t(key),
                )
                button.clicked.connect(lambda _=False, r=route: ctx.navigator().open(r))
                row.add_trailing(button)
                self.buttons[route] = button
            layout.addWidget(card)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))
        self.remote_apps = RemoteAppAlert(ctx, parent=self)
        self.remote_apps.start()
        self.closed = False
        queue_family_alert(ctx, "money_sent", on_not_queued=self._family_not_told)

    def _family_not_told(self) -> None:
        """The alert could not be saved yet (it is tried again on its own): say so."""
        if not self.closed:
            show_not_told(self, self.family_notice)

    def closing(self) -> None:
        """Stop watching for remote-control programs."""
        self.closed = True
        self.remote_apps.stop()

    def spoken_text(self) -> str:
        """The calm opening, that the family does not know yet (if so), and every step."""
        ctx = self.ctx
        steps = [
            ctx.t("money.step_spoken", number=number, text=ctx.t(key))
            for number, (key, *_) in enumerate(STEPS, start=1)
        ]
        notice = self.family_notice.text() if self.family_notice.isVisibleTo(self) else ""
        return ctx.sentences(ctx.t("money.calm"), notice, *steps)
