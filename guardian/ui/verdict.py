"""The verdict: the level, what to do now, who to call, then why (each red signal).

Top to bottom: the level in words, icon and colour; one huge line of what to do now; the big
buttons (family, 110, 96110); then "为什么？" with each signal found and why it is fraud, and
what to remember. What does not fit the window goes to the next page ("下一页"), never behind
a scroll bar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from guardian.core.content import VerifyTarget
from guardian.core.risk import Assessment
from guardian.core.verify import target_for_caller
from guardian.ui.context import AppContext
from guardian.ui.paged_column import PagedColumn
from guardian.ui.phone import can_dial
from guardian.ui.verify_widgets import resolved, verify_button, verify_words
from guardian.ui.widgets import BigButton, icon_label, label

# (action, catalog key, pictogram, style role). Where the computer cannot dial, the words of
# the calling buttons come from "<key>_show" instead: they show the number to dial.
VERDICT_ACTIONS = (
    ("call_family", "verdict.call_family", "family", "primary"),
    ("call_police", "verdict.call_110", "police", "danger"),
    ("call_antifraud", "verdict.call_96110", "hotline_96110", "tile"),
    ("home", "verdict.home", "home", "tile"),
)
CALLING_ACTIONS = frozenset({"call_family", "call_police", "call_antifraud"})
OFFERED_HOTLINES = frozenset({"police", "antifraud"})
"""The hotlines the verdict's own buttons dial (110 and 96110)."""


def level_banner(ctx: AppContext, assessment: Assessment) -> tuple[QFrame, QLabel]:
    """The level in words, icon and colour: a framed banner, and its headline label."""
    level = assessment.level.value
    banner = QFrame()
    banner.setProperty("level", level)
    layout = QHBoxLayout(banner)
    layout.setContentsMargins(24, 12, 24, 12)
    layout.setSpacing(24)
    theme = ctx.theme
    px = theme.tile_icon_px if theme.roomy else round(theme.tile_icon_px * 0.75)
    layout.addWidget(icon_label(f"level_{level}", px))
    headline = label(ctx.pick(assessment.headline), "headline")
    layout.addWidget(headline, 1)
    return banner, headline


def do_now_key(assessment: Assessment) -> str:
    """The catalog key of the one line of what to do now, for this verdict."""
    return f"verdict.do_now_{assessment.verdict}"


class VerdictView(QWidget):
    """Shows an assessment: what to do now, the buttons for it, then why.

    Args:
        ctx: the shared app context.
        assessment: what the risk engine found.
        stopped_early: a decisive answer ended the questions early.
        offer_continue: after an early stop, offer "answer the remaining questions" (a room
            going on with a demonstration); the person's own check never offers it.
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
        offer_continue: bool = False,
        caller: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment = assessment
        self.stopped_early = stopped_early
        target = resolved(ctx, target_for_caller(ctx.content, caller))
        # The verdict's own buttons already dial 110 and 96110: no second button for them.
        if (
            target is not None
            and set(target.hotlines) <= OFFERED_HOTLINES
            and not (target.own_bank or target.notes)
        ):
            target = None
        self.verify_target: VerifyTarget | None = target
        self.can_dial = can_dial(ctx)
        theme = ctx.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 12, 36, 16)
        outer.setSpacing(14)
        self.pages = PagedColumn(ctx, spacing=14)
        outer.addWidget(self.pages, 1)
        pages = self.pages
        # The level heads the first page; the pages after it give all their room to the rest.
        self.banner, self.headline = level_banner(ctx, assessment)
        pages.add(self.banner)

        self.family_notice = label("", "banner")
        pages.add(self.family_notice, shown=False)
        self.save_notice = label("", "banner")
        pages.add(self.save_notice, shown=False)
        self.do_now = label(ctx.t(do_now_key(assessment)), "headline" if theme.roomy else "title")
        pages.add(self.do_now)

        self.buttons: dict[str, BigButton] = {}
        # Two buttons a row, each row a block of its own: the first row (family, 110) stays on
        # the first page with the line above it whenever the two fit.
        self.action_rows: list[QWidget] = []
        for name, key, icon, role in VERDICT_ACTIONS:
            if name in CALLING_ACTIONS and not self.can_dial:
                key = f"{key}_show"
            button = BigButton(
                ctx.t(key),
                icon,
                role=role,
                icon_px=theme.button_icon_px,
                description=ctx.t(f"{key}_description"),
            )
            button.clicked.connect(lambda _=False, n=name: self.action.emit(n))
            self.buttons[name] = button
        made = list(self.buttons.values())
        for first in range(0, len(made), 2):
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(16)
            for button in made[first : first + 2]:
                row_layout.addWidget(button, 1)
            self.action_rows.append(row)
            pages.add(row)
        if self.verify_target is not None:
            check = verify_button(ctx, self.verify_target)
            check.clicked.connect(lambda: self.action.emit("verify"))
            pages.add(check)
            self.buttons["verify"] = check
        if offer_continue and stopped_early:
            more = BigButton(
                ctx.t("verdict.continue"),
                "next",
                role=None,
                icon_px=theme.button_icon_px,
                description=ctx.t("verdict.continue_description"),
            )
            more.clicked.connect(lambda: self.action.emit("continue"))
            pages.add(more)
            self.buttons["continue"] = more

        self.why: QLabel | None = None
        if assessment.findings:
            self.why = label(ctx.t("verdict.why"), "title")
            pages.add(self.why, keep_with_next=True)
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
            texts.addWidget(label(ctx.pick(finding.signal.title), "heading"))
            texts.addWidget(label(ctx.pick(finding.signal.reason)))
            row_layout.addLayout(texts, 1)
            pages.add(row)
            self.signal_rows.append(row)
        self.remember = label(ctx.t("verdict.remember"), "title")
        pages.add(self.remember, keep_with_next=True)
        self.advice_labels = [label(f"• {ctx.pick(item)}") for item in assessment.advice]
        for advice in self.advice_labels:
            pages.add(advice)
        self.rules = label(ctx.pick(assessment.rules), "title")
        pages.add(self.rules)

    def route_arguments(self, action: str) -> dict[str, object]:
        """What the screen of ``action`` needs besides its route (whom to call, for "verify")."""
        if action == "verify" and self.verify_target is not None:
            return {"target": self.verify_target}
        return {}

    def show_save_problem(self, message: str) -> None:
        """Say plainly that the check could not be saved (the verdict stays on screen)."""
        self.save_notice.setText(message)
        self.pages.set_shown(self.save_notice, True)

    def show_family_problem(self, message: str) -> None:
        """Say plainly that the family has not been told yet (read aloud after the headline)."""
        self.family_notice.setText(message)
        self.pages.set_shown(self.family_notice, True)

    def spoken_text(self) -> str:
        """The headline, the notices shown, what to do now, why (each signal), what to remember.

        Everything on every page is read, in the order it stands.
        """
        ctx = self.ctx
        parts = [ctx.pick(self.assessment.headline)]
        if self.pages.is_shown(self.family_notice):
            parts.append(self.family_notice.text())
        if self.pages.is_shown(self.save_notice):
            parts.append(self.save_notice.text())
        parts.append(self.do_now.text())
        if self.verify_target is not None:
            parts.append(verify_words(ctx, self.verify_target))
        if self.why is not None:
            parts.append(self.why.text())
        parts += [ctx.pick(f.signal.title) for f in self.assessment.findings]
        parts.append(self.remember.text())
        parts += [ctx.pick(item) for item in self.assessment.advice]
        parts.append(ctx.pick(self.assessment.rules))
        return ctx.sentences(*parts)
