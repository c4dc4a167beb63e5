"""Text size and language: pick, see a sample, then save (the window redraws from the start)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from guardian.core.i18n import LANGS, Lang
from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen
from guardian.ui.theme import TEXT_SIZES_PT
from guardian.ui.widgets import BigButton, label

SIZE_KEYS = ("family.size_0", "family.size_1", "family.size_2", "family.size_3")


class DisplaySettingsScreen(FamilyScreen):
    """Choose the text size and the language; "save" applies both and shows the home screen.

    Changing either redraws every screen, so nothing changes until "save" is pressed, and
    the button says where it leads.

    Args:
        ctx: the shared app context.
    """

    title_key = "family.display_title"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.chosen_step = ctx.text_step
        self.chosen_lang: Lang = ctx.lang
        self.body.addWidget(label(ctx.t("family.size_prompt"), "heading"))
        sizes = QGridLayout()
        sizes.setSpacing(12)
        self.size_buttons: list[BigButton] = []
        for step, key in enumerate(SIZE_KEYS):
            button = BigButton(ctx.t(key), None, role=None)
            button.clicked.connect(lambda _=False, s=step: self.choose_step(s))
            sizes.addWidget(button, 0, step)
            self.size_buttons.append(button)
        self.body.addLayout(sizes)
        self.sample = label(ctx.t("family.size_sample"))
        self.body.addWidget(self.sample)
        self.body.addWidget(label(ctx.t("family.lang_prompt"), "heading"))
        langs = QHBoxLayout()
        langs.setSpacing(12)
        self.lang_buttons: dict[Lang, BigButton] = {}
        for lang in LANGS:
            button = BigButton(ctx.t(f"family.lang_{lang}"), "language", role=None)
            button.clicked.connect(lambda _=False, la=lang: self.choose_lang(la))
            langs.addWidget(button)
            self.lang_buttons[lang] = button
        self.body.addLayout(langs)
        self.body.addStretch(1)
        self.save_button = self.button(
            "family.display_save", "home", role="primary", action=self.save
        )
        self.action_row.addWidget(self.save_button)
        self._update()

    def spoken_text(self) -> str:
        """The title and the two questions."""
        ctx = self.ctx
        return ctx.sentences(self.title(), ctx.t("family.size_prompt"), ctx.t("family.lang_prompt"))

    def choose_step(self, step: int) -> None:
        """Pick a text size (shown in the sample, applied on "save")."""
        self.chosen_step = step
        self._update()

    def choose_lang(self, lang: Lang) -> None:
        """Pick a language (applied on "save")."""
        self.chosen_lang = lang
        self._update()

    def unsaved(self) -> bool:
        """Whether a size or language was picked and not saved yet."""
        ctx = self.ctx
        return self.chosen_step != ctx.text_step or self.chosen_lang != ctx.lang

    def save_then(self, leave: Callable[[], None]) -> None:
        """Apply and save the choices: the window redraws and shows the home screen."""
        if self.unsaved():
            self.save()  # the window is redrawn from the home screen: nothing left to leave
        else:
            leave()

    def save(self) -> None:
        """Apply the choices (the window redraws and shows the home screen) and save them."""
        ctx = self.ctx
        step, lang = self.chosen_step, self.chosen_lang
        changed = step != ctx.text_step or lang != ctx.lang
        # Both changes redraw the window: this screen is gone after the first of them. The
        # settings save each change themselves.
        ctx.settings.set_lang(lang)
        ctx.settings.set_text_step(step)
        if not changed:
            ctx.navigator().home()

    def _update(self) -> None:
        ctx = self.ctx
        for step, button in enumerate(self.size_buttons):
            text = ctx.t(SIZE_KEYS[step])
            if step == self.chosen_step:
                text = ctx.t("family.chosen", name=text)
            button.text_widget.setText(text)
            button.setAccessibleName(text)
        for lang, button in self.lang_buttons.items():
            text = ctx.t(f"family.lang_{lang}")
            if lang == self.chosen_lang:
                text = ctx.t("family.chosen", name=text)
            button.text_widget.setText(text)
            button.setAccessibleName(text)
        # The application style sheet sets every size, so the sample needs its own rule.
        self.sample.setStyleSheet(f"font-size: {TEXT_SIZES_PT[self.chosen_step]}pt;")
