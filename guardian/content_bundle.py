"""Everything the app reads from ``assets/content``, held in one bundle.

The composition root (:mod:`guardian.app`) makes one :class:`ContentBundle` and hands it to the
screens through their context; the command-line tools and the loader functions
(:mod:`guardian.content_loader`, :mod:`guardian.phrases_loader`,
:mod:`guardian.scenarios_loader`, :func:`guardian.guard.scan.load_remote_apps`) use the same
one, :func:`load_bundle`.

Each part is read, checked and kept the first time it is asked for, not when the bundle is
made: the window opens before any content file is read, and the start-up work
(:mod:`guardian.warmup`) reads them on a background thread while the window idles. For the same
reason the rules that check each file are imported only when it is read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from guardian.assets import asset_path, content_files, read_toml

if TYPE_CHECKING:
    from guardian.core.content import Content
    from guardian.core.phrase_book import PhraseBook
    from guardian.core.remote_apps import RemoteApp
    from guardian.core.scenarios import Scenario
    from guardian.core.text_model import TextModel

MODEL_FILE = "text_model.json"
"""The statistical model's file in ``assets/content``."""

_log = logging.getLogger(__name__)

_T = TypeVar("_T")


def read_content() -> Content:
    """Read and check the content catalog.

    Raises:
        ContentError: a content file is malformed; the message names the file and the entry.
        FileNotFoundError: the assets folder is missing.
    """
    from guardian.core.content import parse_content

    return parse_content(content_files())


def read_phrases(content: Content) -> PhraseBook:
    """Read, check and compile the phrase book and fraud kinds.

    Every signal it names is checked against ``content``.

    Raises:
        ContentError: phrases.toml or fraud_types.toml is malformed; the message names the
            file and the entry.
        FileNotFoundError: the assets folder or the file is missing.
    """
    from guardian.core.phrase_book import parse_phrases

    return parse_phrases(
        read_toml("content", "phrases.toml"),
        signal_ids=content.signals,
        types=read_toml("content", "fraud_types.toml"),
    )


def read_text_model() -> TextModel | None:
    """Read the statistical model.

    Returns:
        The model, or None when its file is missing or damaged (the checker then relies on its
        phrases alone; the problem is logged).
    """
    from guardian.core.text_model import ModelError, parse_model

    path = asset_path("content", MODEL_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_model(json.load(handle))
    except (OSError, ValueError, ModelError) as error:
        _log.warning("the text model could not be read: %s", error)
        return None


def scenario_files() -> dict[str, dict[str, Any]]:
    """Parse every scenario TOML file, keyed by file stem."""
    from guardian.core.scenarios import SCENARIO_FOLDER

    folder = asset_path("content", SCENARIO_FOLDER)
    return {
        path.stem: read_toml("content", SCENARIO_FOLDER, path.name)
        for path in sorted(folder.glob("*.toml"))
    }


def read_scenarios(content: Content) -> tuple[Scenario, ...]:
    """Read and check every demo scenario against ``content``, in file-name order.

    Raises:
        ContentError: a scenario file is malformed; the message names the file and the entry.
        FileNotFoundError: the assets folder is missing.
    """
    from guardian.core.scenarios import parse_scenarios

    return parse_scenarios(scenario_files(), content)


def read_remote_apps() -> tuple[RemoteApp, ...]:
    """Read and check ``assets/content/remote_apps.toml``.

    Raises:
        RemoteAppsError: the file is malformed; the message names the entry.
        OSError: the file cannot be read.
    """
    from guardian.core.remote_apps import FILE_NAME, parse_remote_apps

    return parse_remote_apps(read_toml("content", FILE_NAME))


def given(value: _T) -> Callable[..., _T]:
    """A reader that returns ``value`` (to make a bundle with a part chosen, as tests do)."""
    return lambda *_: value


@dataclass(frozen=True, eq=False)
class ContentBundle:
    """What the app reads from its content files, each part read and checked once, on first use.

    The parts: the content catalog, the message checker's phrases and model, the demo
    scenarios and the remote-control programs. The fields say where each part comes from (the
    asset files unless another reader is given, see :func:`given`); the properties of the same
    name without ``read_`` give the parts. A part that fails to read raises each time it is
    asked for, as the loader would.

    Args:
        read_content: reads the content catalog.
        read_phrases: reads the phrase book, given the catalog its signals must be in.
        read_text_model: reads the statistical model (None when it cannot be read).
        read_scenarios: reads the demo scenarios, given the catalog they refer to.
        read_remote_apps: reads the remote-control programs the guard looks for.
    """

    read_content: Callable[[], Content] = read_content
    read_phrases: Callable[[Content], PhraseBook] = read_phrases
    read_text_model: Callable[[], TextModel | None] = read_text_model
    read_scenarios: Callable[[Content], tuple[Scenario, ...]] = read_scenarios
    read_remote_apps: Callable[[], tuple[RemoteApp, ...]] = read_remote_apps

    @cached_property
    def content(self) -> Content:
        """The signals, questions, tips, hotlines and advice."""
        return self.read_content()

    @cached_property
    def phrases(self) -> PhraseBook:
        """The message checker's phrase book and fraud kinds."""
        return self.read_phrases(self.content)

    @cached_property
    def text_model(self) -> TextModel | None:
        """The message checker's statistical model (None when its file cannot be read)."""
        return self.read_text_model()

    @cached_property
    def scenarios(self) -> tuple[Scenario, ...]:
        """The demo's scenarios, in file-name order."""
        return self.read_scenarios(self.content)

    @cached_property
    def remote_apps(self) -> tuple[RemoteApp, ...]:
        """The remote-control and screen-sharing programs the guard looks for."""
        return self.read_remote_apps()


@lru_cache(maxsize=1)
def load_bundle() -> ContentBundle:
    """The app's one bundle, read from the asset files (the same object on every call).

    Making it reads nothing; each part is read the first time it is asked for.
    """
    return ContentBundle()
