"""What the subcommands share: ``--lang``/``--json``, and every sentence from the catalogs."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

from guardian.assets import load_catalog
from guardian.cli import build_parser
from guardian.commands.check_image import PROBLEM_KEYS
from guardian.commands.check_number import TYPE_KEYS
from guardian.commands.options import add_output_options, fail, output_lang, words_for
from guardian.core.i18n import DEFAULT_LANG, LANGS, Lang
from guardian.core.number_check import NumberType
from guardian.pictures.reading import PROBLEMS

PACKAGE = Path(__file__).resolve().parents[2] / "guardian"
COMMAND_LINE = [*sorted((PACKAGE / "commands").glob("*.py")), PACKAGE / "desktop.py"]


def _parse(*argv: str, json_help: str | None = "print JSON") -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_output_options(parser, json_help=json_help)
    return parser.parse_args(argv)


def test_the_language_is_the_one_chosen_else_the_default() -> None:
    assert output_lang(_parse("--lang", "en")) == "en"
    assert output_lang(_parse()) == DEFAULT_LANG
    assert _parse("--json").json is True and _parse().json is False
    with pytest.raises(SystemExit):
        _parse("--lang", "fr")


def test_json_is_added_only_when_it_says_what_it_prints() -> None:
    with pytest.raises(SystemExit):
        _parse("--json", json_help=None)


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "check-text", "x"],
        ["check-text", "--lang", "en", "x"],
        ["--lang", "en", "reset-pin"],
        ["reset-pin", "--lang", "en"],
        ["uninstall-desktop", "--lang", "en"],
        ["install-desktop", "--lang", "en"],
        ["doctor", "--lang", "en"],
    ],
)
def test_the_language_given_before_or_after_the_command_is_kept(argv: list[str]) -> None:
    assert output_lang(build_parser().parse_args(argv)) == "en"


@pytest.mark.parametrize("lang", LANGS)
def test_words_come_from_the_catalog_in_the_language_chosen(
    lang: Lang, capsys: pytest.CaptureFixture[str]
) -> None:
    words = words_for(lang)
    expected = load_catalog().get(lang, "cli.text_too_long", max=20_000)
    assert words("cli.text_too_long", max=20_000) == expected
    assert "20000" in words("cli.text_too_long", max=20_000)
    assert fail(words, "cli.bad_content", 1, error="broken.toml") == 1
    assert capsys.readouterr().err.strip() == words("cli.bad_content", error="broken.toml")


def test_every_number_type_and_picture_problem_has_its_sentence() -> None:
    assert set(TYPE_KEYS) == {kind.value for kind in NumberType}
    assert set(PROBLEM_KEYS) == set(PROBLEMS)
    catalog = load_catalog()
    for key in (*TYPE_KEYS.values(), *PROBLEM_KEYS.values()):
        assert all(catalog.template(lang, key) for lang in LANGS), key


@pytest.mark.parametrize("path", COMMAND_LINE, ids=lambda path: path.name)
def test_the_command_line_writes_no_sentence_in_its_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    texts = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Text"
    ]
    assert texts == [], "put the sentence in assets/i18n (cli.* keys)"


@pytest.mark.parametrize(("lang", "words"), [("zh", "没能朗读"), ("en", "cannot speak")])
def test_say_tells_why_it_cannot_speak_in_the_language_of_the_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, words: str
) -> None:
    from guardian.cli import main

    monkeypatch.setenv("GUARDIAN_SPEECH", "none")
    assert main(["say", "--lang", lang, "110"]) == 1
    assert capsys.readouterr().err.startswith(words)
