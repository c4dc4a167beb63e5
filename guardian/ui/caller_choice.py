"""Who did the caller say they were? Picture choices, one press each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.widgets import BigButton, label, scrolling


class CallerChoiceStep(QWidget):
    """The picture choices of caller types from the wizard content.

    Args:
        ctx: the shared app context.

    Signals:
        chosen(str): the id of the caller type pressed.
    """

    chosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        flow = ctx.content.wizard
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 20, 36, 24)
        layout.setSpacing(20)
        self.prompt = label(ctx.pick(flow.caller_question), "title")
        layout.addWidget(self.prompt)
        choices = QWidget()
        grid = QGridLayout(choices)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(16)
        columns = 4 if theme.roomy else 3
        self.buttons: dict[str, BigButton] = {}
        for index, caller in enumerate(flow.callers):
            button = BigButton(
                ctx.pick(caller.label),
                caller.icon,
                role="tile",
                vertical=True,
                icon_px=theme.tile_icon_px,
                description=ctx.pick(caller.spoken),
                lines=2,
            )
            button.clicked.connect(lambda _=False, c=caller.id: self.chosen.emit(c))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[caller.id] = button
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        layout.addWidget(scrolling(choices), 1)

    def spoken_text(self) -> str:
        """The question, then each choice."""
        flow = self.ctx.content.wizard
        return self.ctx.sentences(
            self.ctx.pick(flow.caller_spoken), *(self.ctx.pick(c.label) for c in flow.callers)
        )
