"""The verdict: level in words, icon and colour; each red signal and why; who to call."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from guardian.core.content import VerifyTarget
from guardian.core.risk import Assessment
from guardian.core.verify import target_for_caller
from guardian.ui.context import AppContext
from guardian.ui.verify import resolved, verify_button, verify_words
from guardian.ui.widgets import BigButton, icon_label, label, scrolling

# (action, catalog key, pictogram, style role)
VERDICT_ACTIONS = (
    ("call_family", "verdict.call_family", "family", "primary"),
    ("call_police", "verdict.call_110", "police", "danger"),
    ("call_antifraud", "verdict.call_96110", "hotline_96110", "tile"),
    ("home", "verdict.home", "home", "tile"),
)
OFFERED_HOTLINES = frozenset({"police", "antifraud"})
"""The hotlines the verdict's own buttons dial (110 and 96110)."""


def level_banner(ctx: AppContext, assessment: Assessment) -> tuple[QFrame, QLabel]:
    """The level in words, icon and colour: a framed banner, and its headline label."""
    level = assessment.level.value
    banner = QFrame()
    banner.setProperty("level", level)
    layout = QHBoxLayout(banner)
    layout.setContentsMargins(24, 16, 24, 16)
    layout.setSpacing(24)
    layout.addWidget(icon_label(f"level_{level}", ctx.theme.tile_icon_px))
    headline = label(ctx.pick(assessment.headline), "headline")
    layout.addWidget(headline, 1)
    return banner, headline


class VerdictView(QWidget):
    """Shows an assessment and the buttons for what to do next.

    Args:
        ctx: the shared app context.
        assessment: what the risk engine found.
        stopped_early: a decisive answer ended the questions early ("continue answering" shows).
        caller: who the caller said they were (a caller type id): when someone public can be
            asked, one large button offers to call them yourself ("verify").

    Signals:
        action(str): a button was pressed: "call_family", "call_police", "call_antifraud",
            "verify", "home" or "continue". Open it with :meth:`route_arguments`.
    """

    action = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        assessment: Assessment,
        *,
        stopped_early: bool = False,
        caller: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment = assessment
        target = resolved(ctx, target_for_caller(ctx.content, caller))
        # The verdict's own buttons already dial 110 and 96110: no second button for them.
        if target is not None and set(target.hotlines) <= OFFERED_HOTLINES and not (
            target.own_bank or target.notes
        ):
            target = None
        self.verify_target: VerifyTarget | None = target
        theme = ctx.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 16, 36, 20)
        outer.setSpacing(16)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 12, 0)
        body_layout.setSpacing(14)
        self.banner, self.headline = level_banner(ctx, assessment)
        body_layout.addWidget(self.banner)
        self.save_notice = label("", "banner")
        self.save_notice.setVisible(False)
        body_layout.addWidget(self.save_notice)
        self.family_notice = label("", "banner")
        self.family_notice.setVisible(False)
        body_layout.addWidget(self.family_notice)
        self.signal_rows: list[QWidget] = []
        for finding in assessment.findings:
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(18)
            row_layout.addWidget(
                icon_label(finding.signal.icon, theme.button_icon_px), 0, Qt.AlignmentFlag.AlignTop
            )
            texts = QVBoxLayout()
            texts.setSpacing(2)
            texts.addWidget(label(ctx.pick(finding.signal.title), "title"))
            texts.addWidget(label(ctx.pick(finding.signal.reason)))
            row_layout.addLayout(texts, 1)
            body_layout.addWidget(row)
            self.signal_rows.append(row)
        self.advice_labels = [label(f"• {ctx.pick(item)}") for item in assessment.advice]
        for advice in self.advice_labels:
            body_layout.addWidget(advice)
        self.buttons: dict[str, BigButton] = {}
        if self.verify_target is not None:
            check = verify_button(ctx, self.verify_target)
            check.clicked.connect(lambda: self.action.emit("verify"))
            body_layout.addWidget(check)
            self.buttons["verify"] = check
        self.rules = label(ctx.pick(assessment.rules), "title")
        body_layout.addWidget(self.rules)
        if stopped_early:
            more = BigButton(
                ctx.t("verdict.continue"),
                "next",
                role=None,
                icon_px=theme.button_icon_px,
                description=ctx.t("verdict.continue_description"),
            )
            more.clicked.connect(lambda: self.action.emit("continue"))
            body_layout.addWidget(more)
            self.buttons["continue"] = more
        body_layout.addStretch(1)
        outer.addWidget(scrolling(body), 1)

        buttons = QGridLayout()
        buttons.setSpacing(16)
        columns = 4 if theme.roomy else 2
        for index, (name, key, icon, role) in enumerate(VERDICT_ACTIONS):
            button = BigButton(
                ctx.t(key),
                icon,
                role=role,
                icon_px=theme.button_icon_px,
                description=ctx.t(f"{key}_description"),
            )
            button.clicked.connect(lambda _=False, n=name: self.action.emit(n))
            buttons.addWidget(button, index // columns, index % columns)
            self.buttons[name] = button
        outer.addLayout(buttons)

    def route_arguments(self, action: str) -> dict[str, object]:
        """What the screen of ``action`` needs besides its route (whom to call, for "verify")."""
        if action == "verify" and self.verify_target is not None:
            return {"target": self.verify_target}
        return {}

    def show_save_problem(self, message: str) -> None:
        """Say plainly that the check could not be saved (the verdict stays on screen)."""
        self.save_notice.setText(message)
        self.save_notice.setVisible(True)

    def show_family_problem(self, message: str) -> None:
        """Say plainly that the family has not been told yet (read aloud after the headline)."""
        self.family_notice.setText(message)
        self.family_notice.setVisible(True)

    def spoken_text(self) -> str:
        """The headline, the notices shown, each signal's title, the advice and the rules."""
        ctx = self.ctx
        parts = [ctx.pick(self.assessment.headline)]
        if self.family_notice.isVisibleTo(self):
            parts.append(self.family_notice.text())
        if self.save_notice.isVisibleTo(self):
            parts.append(self.save_notice.text())
        parts += [ctx.pick(f.signal.title) for f in self.assessment.findings]
        parts += [ctx.pick(item) for item in self.assessment.advice]
        if self.verify_target is not None:
            parts.append(verify_words(ctx, self.verify_target))
        parts.append(ctx.pick(self.assessment.rules))
        return ctx.sentences(*parts)
