"""Where the data lives, and how to start again from nothing (a forgotten PIN, a new owner)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.widgets import label


class DataFolderScreen(FamilyScreen):
    """Shows the data folder, opens it in the file manager, and says how to reset.

    Args:
        ctx: the shared app context (its ``data_dir`` is the folder).
    """

    title_key = "family.data_title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.folder = ctx.data_dir
        self.body.addWidget(label(ctx.t("family.data_intro"), "heading"))
        self.path_label = label(str(self.folder) if self.folder else ctx.t("family.data_unknown"))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setProperty("role", "banner")
        self.body.addWidget(self.path_label)
        self.body.addWidget(label(ctx.t("family.data_private")))
        self.body.addWidget(label(ctx.t("family.data_reset_title"), "heading"))
        self.body.addWidget(label(ctx.t("family.data_reset")))
        self.body.addStretch(1)
        self.open_button = self.button("family.data_open", None, action=self.open_folder)
        self.open_button.setEnabled(self.folder is not None)
        self.action_row.addWidget(self.open_button)
        self.action_row.addStretch(1)

    def spoken_text(self) -> str:
        """The title and what the folder holds."""
        return self.ctx.sentences(self.title(), self.ctx.t("family.data_intro"))

    def open_folder(self) -> None:
        """Show the folder in the computer's file manager."""
        if self.folder is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))):
            self.show_message(self.ctx.t("family.data_open_failed"))
