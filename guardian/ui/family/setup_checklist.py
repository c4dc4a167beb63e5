"""On the family settings: what the first set-up still misses, each step a big button.

A press opens the set-up (the ``family_setup`` route) for that step alone.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from guardian.core.setup_state import SetupStep
from guardian.services.family_setup import SetupSnapshot, read_setup
from guardian.ui.family.common import FamilyScreen
from guardian.ui.family.setup_steps import STEP_ICONS, setup_facts, step_name
from guardian.ui.widgets import BigButton, label


class SetupChecklist(QWidget):
    """On the family settings: "还差 2 项", and each step still missing as a big button.

    A press opens the set-up for that step alone. The list is read again each time the family
    settings show; with nothing missing it takes no room.

    Args:
        screen: the family settings page it is on (its disk jobs go through it).
    """

    def __init__(self, screen: FamilyScreen, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family_screen = screen
        self.ctx = screen.ctx
        self.missing: tuple[SetupStep, ...] = ()
        self.buttons: dict[SetupStep, BigButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.frame = QFrame()
        self.frame.setProperty("role", "card")
        frame_layout = QVBoxLayout(self.frame)
        frame_layout.setContentsMargins(18, 14, 18, 14)
        frame_layout.setSpacing(10)
        self.heading = label("", "heading")
        frame_layout.addWidget(self.heading)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        frame_layout.addLayout(self.grid)
        self.frame.setVisible(False)
        layout.addWidget(self.frame)

    def showEvent(self, event: QShowEvent) -> None:
        """Read what is missing each time the family settings show."""
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the set-up's state and what is set up, and list what is missing."""
        if self.ctx.disk.accepting_jobs:  # without storage the page says so itself
            self.family_screen.run(read_setup, self._show)

    def text(self) -> str:
        """What the list says: how many are missing, and which."""
        if not self.missing:
            return ""
        return self.ctx.sentences(
            self.heading.text(), *(step_name(self.ctx, s) for s in self.missing)
        )

    def _show(self, snapshot: SetupSnapshot) -> None:
        ctx = self.ctx
        missing = snapshot.state.missing(setup_facts(snapshot, ctx))
        if missing == self.missing and self.buttons:
            return
        self.missing = missing
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        self.heading.setText(ctx.t("setup.checklist", count=len(missing)))
        columns = 3 if ctx.theme.roomy else 2
        for index, step in enumerate(missing):
            button = BigButton(
                step_name(ctx, step),
                STEP_ICONS[step],
                role="primary" if index == 0 else None,
                icon_px=ctx.theme.button_icon_px,
                description=ctx.t("setup.checklist_item", step=step_name(ctx, step)),
            )
            button.clicked.connect(lambda _=False, s=step: self.open_step(s))
            self.grid.addWidget(button, index // columns, index % columns)
            self.buttons[step] = button
        self.frame.setVisible(bool(missing))

    def open_step(self, step: SetupStep) -> None:
        """Open the set-up for ``step`` alone."""
        self.ctx.navigator().open("family_setup", only=step)
