"""What every screen is handed: strings, the live settings, speech, storage and navigation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from guardian.core.i18n import DEFAULT_LANG, Catalog, Lang, Text
from guardian.core.preferences import Preferences
from guardian.services.jobs import JobRunner, NothingSaved
from guardian.speech.speaker import Speaker
from guardian.ui.live_settings import LANG, TEXT_STEP, LiveSettings
from guardian.ui.services import Services
from guardian.ui.theme import DEFAULT_TEXT_STEP, Theme

if TYPE_CHECKING:
    from guardian.content_bundle import ContentBundle
    from guardian.core.content import Content
    from guardian.core.phrase_book import PhraseBook
    from guardian.core.scenarios import Scenario
    from guardian.core.text_model import TextModel
    from guardian.ui.screen import Screen


#: Gives the current moment as an aware local time.
Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The computer's current time, aware of its time zone."""
    return datetime.now().astimezone()


class Navigator(Protocol):
    """Moves between screens; the main window is the real one."""

    def open(self, route: str, **kwargs: Any) -> None:
        """Show the screen for ``route`` on top of the current one."""

    def show_screen(self, screen: Screen) -> None:
        """Show an already built screen on top of the current one."""

    def back(self) -> None:
        """Return to the previous screen."""

    def home(self) -> None:
        """Return to the home screen."""

    def hold(self, screen: Screen) -> None:
        """Keep ``screen``, built ahead, hidden in the window where it will show.

        It is styled and laid out at the window's size while the person has not opened it yet.
        """


class AppContext(QObject):
    """Shared state and services for the screens, handed to each through its constructor.

    The person's preferences live in one owner, :attr:`settings`
    (:class:`~guardian.ui.live_settings.LiveSettings`): screens read them through it or through
    the read-only views here (:attr:`lang`, :attr:`text_step`, :attr:`auto_read`,
    :attr:`bank_hotline`, :attr:`person_name`) and change them only through its setters
    (``ctx.settings.set_lang(...)``, ``ctx.settings.set_bank_hotline(...)``...), which apply and
    save each change.

    Who listens to what, one path for each kind of change:

    - a change of language or text size redraws every screen, so it is heard through this
      context's :attr:`language_changed` and :attr:`text_step_changed` (the main window
      rebuilds on them); no screen listens for ``"lang"`` or ``"text_step"`` on
      ``settings.changed`` as well;
    - the other preferences (reading aloud, speed, loudness, bank) change while a screen stays
      open: a screen that shows them listens to ``settings.changed``, and to
      ``settings.saved`` / ``settings.save_failed`` for the answer of the save.

    Args:
        catalog: the UI strings.
        speaker: reads text aloud.
        lang: the starting language (when ``settings`` is omitted).
        text_step: the starting text-size step (when ``settings`` is omitted).
        auto_read: whether each screen is read aloud when it opens (when ``settings`` is
            omitted).
        settings: the live preferences, built by the app from the stored ones; omitted, they
            are made from ``lang``, ``text_step``, ``auto_read``, ``bank_hotline``,
            ``person_name`` and the speaker's own speed and loudness.
        content: the signals, questions, tips and hotlines (the bundle's when omitted).
        bundle: what the app reads from its content files
            (:class:`~guardian.content_bundle.ContentBundle`; the app's one bundle,
            :func:`~guardian.content_bundle.load_bundle`, when omitted).
        disk: runs every database job (the app's disk worker); omitted, nothing is read or
            saved (:class:`~guardian.services.jobs.NothingSaved`: it accepts no job).
        services: the running services (:class:`~guardian.ui.services.Services`; none
            when omitted).
        clock: gives the current local time (the computer's clock when omitted); every date
            and time a screen shows or saves comes from it.
        data_dir: the data folder (None: not known, as in most tests).
        bank_hotline: the hotline id of the person's bank, chosen by the family (None: none;
            when ``settings`` is omitted).
        person_name: what the family calls the person, in alerts ("" when not set; when
            ``settings`` is omitted).

    Attributes:
        bundle: the content files' parts: the screens take the content, phrases, model and
            scenarios from it (through the properties of the same names), never from a loader.
        services: the running services. Frozen: a service that starts later is added by
            replacing it whole (``dataclasses.replace``), see :mod:`guardian.ui.services`.
        settings: the one owner of the live preferences; it saves each change through
            :attr:`disk`.
        data_dir: the data folder, as given.
        prepare_ahead: whether screens may be built ahead (set once the app's code is loaded).
        setup_pending: whether the family's set-up was begun and not finished (the family
            settings then open the set-up).

    Signals:
        language_changed(str): the language changed (passed on from :attr:`settings`); the
            one signal to redraw on for a new language.
        text_step_changed(int): the text size changed (passed on from :attr:`settings`); the
            one signal to redraw on for a new text size.
    """

    language_changed = Signal(str)
    text_step_changed = Signal(int)

    def __init__(
        self,
        catalog: Catalog,
        speaker: Speaker,
        *,
        lang: Lang = DEFAULT_LANG,
        text_step: int = DEFAULT_TEXT_STEP,
        auto_read: bool = True,
        settings: LiveSettings | None = None,
        content: Content | None = None,
        bundle: ContentBundle | None = None,
        disk: JobRunner | None = None,
        services: Services | None = None,
        clock: Clock | None = None,
        data_dir: Path | None = None,
        bank_hotline: str | None = None,
        person_name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.speaker = speaker
        self.services: Services = services or Services()
        self.data_dir = data_dir
        self.prepare_ahead = False
        self.setup_pending = False
        self.nav: Navigator | None = None
        self._disk: JobRunner = disk if disk is not None else NothingSaved()
        if settings is None:
            start = Preferences(
                lang=lang,
                text_step=text_step,
                auto_read=auto_read,
                bank_hotline=bank_hotline,
                person_name=person_name,
            )
            settings = LiveSettings(speaker, start, follow_speaker=True, parent=self)
        settings.disk = self._disk
        self.settings: LiveSettings = settings
        settings.changed.connect(self._setting_changed)
        self.clock: Clock = clock or local_now
        if bundle is None:
            from guardian.content_bundle import load_bundle

            bundle = load_bundle()
        self.bundle: ContentBundle = bundle
        self._content = content

    @property
    def content(self) -> Content:
        """The signals, questions, tips and hotlines (read from the bundle on first use)."""
        if self._content is None:
            self._content = self.bundle.content
        return self._content

    @property
    def phrases(self) -> PhraseBook:
        """The message checker's phrase book and fraud kinds (read on first use)."""
        return self.bundle.phrases

    @property
    def text_model(self) -> TextModel | None:
        """The message checker's statistical model (None when it cannot be read)."""
        return self.bundle.text_model

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        """The demo's scenarios (read on first use)."""
        return self.bundle.scenarios

    def now(self) -> datetime:
        """The current moment, as an aware local time."""
        return self.clock()

    def today(self) -> date:
        """The current local date."""
        return self.now().date()

    @property
    def disk(self) -> JobRunner:
        """Runs every database job; the live settings save through the same one."""
        return self._disk

    @disk.setter
    def disk(self, runner: JobRunner) -> None:
        self._disk = runner
        self.settings.disk = runner

    @property
    def lang(self) -> Lang:
        """The language the screens speak (``settings.set_lang`` changes it)."""
        return self.settings.lang

    @property
    def text_step(self) -> int:
        """The current text-size step (``settings.set_text_step`` changes it)."""
        return self.settings.text_step

    @property
    def auto_read(self) -> bool:
        """Whether each screen is read aloud when it opens (``settings.set_auto_read``)."""
        return self.settings.auto_read

    @property
    def person_name(self) -> str:
        """What the family calls the person, in alerts ("" when not set)."""
        return self.settings.person_name

    @property
    def bank_hotline(self) -> str | None:
        """The hotline id of the person's bank (None: none; ``settings.set_bank_hotline``)."""
        return self.settings.bank_hotline

    @property
    def theme(self) -> Theme:
        """The theme for the current text size."""
        return Theme(self.text_step)

    def _setting_changed(self, name: str) -> None:
        if name == LANG:
            self.language_changed.emit(self.settings.lang)
        elif name == TEXT_STEP:
            self.text_step_changed.emit(self.settings.text_step)

    def t(self, key: str, **values: object) -> str:
        """Return the UI string ``key`` in the current language."""
        return self.catalog.get(self.settings.lang, key, **values)

    def pick(self, text: Text) -> str:
        """Return a piece of content text in the current language."""
        return text.get(self.settings.lang)

    def sentences(self, *parts: str) -> str:
        """Join ``parts`` into sentences for reading aloud, keeping their own end marks."""
        zh = self.settings.lang == "zh"
        out = []
        for part in parts:
            part = part.strip()
            if not part:
                continue
            if part[-1] not in "。.!！?？；;：:":
                part += "。" if zh else "."
            out.append(part)
        return ("" if zh else " ").join(out)

    def say(self, text: str) -> None:
        """Read ``text`` aloud in the current language (interrupting anything being read)."""
        if text.strip():
            self.speaker.say(text, self.settings.lang)

    def navigator(self) -> Navigator:
        """Return the navigator; raises if no window has attached one."""
        if self.nav is None:
            raise RuntimeError("no navigator attached")
        return self.nav
