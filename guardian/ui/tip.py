"""Today's tip: one short piece of advice, read aloud; "another" shows the next."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, icon_label, label, page_layout, scrolling


def tip_of_the_day(count: int, day: date) -> int:
    """The index of the tip for ``day`` among ``count`` tips (a new one each day)."""
    return day.toordinal() % count


class TipScreen(Screen):
    """Shows the tip of the day; "another tip" moves to the next one.

    Args:
        ctx: the shared app context.
        day: the date whose tip to start with (today by the context's clock by default).
    """

    title_key = "tip.title"

    def __init__(self, ctx: AppContext, day: date | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.tips = ctx.content.tips
        self.index = tip_of_the_day(len(self.tips), day or ctx.today())
        # The page scrolls: at the largest text a long tip needs more lines than the window
        # has room for, and wrapped words squeezed into less height are cut off.
        body = QWidget()
        layout = page_layout(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(body))
        layout.addWidget(icon_label("tip", ctx.theme.tile_icon_px))
        self.count = label("", "soft")
        layout.addWidget(self.count)
        self.text = label("", "headline")
        layout.addWidget(self.text, 1)
        self.another = BigButton(
            ctx.t("tip.another"),
            "next",
            role="primary",
            icon_px=ctx.theme.button_icon_px,
            description=ctx.t("tip.another_description"),
        )
        self.another.clicked.connect(self.next_tip)
        layout.addWidget(self.another)
        self._show()

    def _show(self) -> None:
        tip = self.tips[self.index]
        self.text.setText(self.ctx.pick(tip.text))
        self.count.setText(self.ctx.t("tip.count", number=self.index + 1, total=len(self.tips)))

    def next_tip(self) -> None:
        """Show and read the next tip."""
        self.index = (self.index + 1) % len(self.tips)
        self._show()
        self.ctx.say(self.spoken_text())

    def spoken_text(self) -> str:
        """The tip's spoken form."""
        return self.ctx.pick(self.tips[self.index].spoken)
