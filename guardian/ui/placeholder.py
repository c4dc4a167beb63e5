"""An honest page for a part of the app that is not built yet: says so, and offers the way home."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from guardian.ui.context import AppContext
from guardian.ui.screen import Screen
from guardian.ui.widgets import BigButton, label, page_layout


class PlaceholderScreen(Screen):
    """Shown for a button whose screen is not ready; never a crash, always a way back.

    Args:
        ctx: the shared app context.
        route: the route that was asked for (its title is shown when the catalog has one).
    """

    def __init__(self, ctx: AppContext, route: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.route = route
        layout = page_layout(self)
        layout.addStretch(1)
        self.message = label(ctx.t("placeholder.body"), "title")
        layout.addWidget(self.message)
        layout.addWidget(label(ctx.t("placeholder.meanwhile")))
        self.home_button = BigButton(
            ctx.t("nav.home"), "home", role="primary", icon_px=ctx.theme.button_icon_px
        )
        self.home_button.clicked.connect(lambda: ctx.navigator().home())
        layout.addWidget(self.home_button)
        layout.addStretch(2)

    def title(self) -> str:
        """The title of the part that was asked for."""
        key = f"route.{self.route}"
        text = self.ctx.t(key)
        return text if text != key else self.ctx.t("placeholder.title")

    def spoken_text(self) -> str:
        """The title and the plain message."""
        return self.ctx.sentences(self.title(), self.ctx.t("placeholder.body"))
