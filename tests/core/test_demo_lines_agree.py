"""A demo line marked with a danger signal shows that signal to the message checker on its own.

The demo plays a fraud call line by line and names the signal each line shows; the message
checker, given the same line in the same language, must find that signal.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from guardian.content_loader import load_content
from guardian.core.i18n import LANGS, Lang
from guardian.core.text_check import check_text
from guardian.phrases_loader import load_phrases
from guardian.scenarios_loader import load_scenarios


def marked_lines() -> Iterator[tuple[str, int, Lang, str, str]]:
    """Every (scenario, line number, language, words, signal) of a line marked with a signal."""
    for scenario in load_scenarios():
        for number, line in enumerate(scenario.lines, start=1):
            if line.signal is not None:
                for lang in LANGS:
                    yield scenario.id, number, lang, line.text.get(lang), line.signal


def cases() -> Iterator[object]:
    for scenario_id, number, lang, words, signal_id in marked_lines():
        yield pytest.param(words, lang, signal_id, id=f"{scenario_id}-{number}-{lang}-{signal_id}")


@pytest.mark.parametrize(("words", "lang", "signal_id"), list(cases()))
def test_the_checker_finds_the_signal_a_demo_line_shows(
    words: str, lang: Lang, signal_id: str
) -> None:
    result = check_text(words, load_content(), load_phrases(), lang=lang)
    assert signal_id in result.signal_ids, (words, result.signal_ids)


def test_every_scenario_marks_lines_in_both_languages() -> None:
    assert len(list(marked_lines())) >= 60
