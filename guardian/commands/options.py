"""What the subcommands share: the ``--lang`` and ``--json`` options, and the words they print.

Every sentence a command prints comes from the catalogs (``cli.*`` keys), looked up in the
language chosen with ``--lang`` (after the subcommand, or before it as for the window).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from guardian.core.field_error import Words
from guardian.core.i18n import DEFAULT_LANG, LANGS, Lang


def add_output_options(parser: Any, *, json_help: str | None = None) -> None:
    """Add ``--lang`` to ``parser``, and ``--json`` unless ``json_help`` is None.

    ``--lang`` defaults to nothing, so that ``guardian --lang en COMMAND`` (the language given
    before the subcommand) is kept; :func:`output_lang` falls back to the default language.

    Args:
        parser: the subcommand's parser.
        json_help: the help of ``--json`` (what it prints); None adds no ``--json``.
    """
    parser.add_argument(
        "--lang",
        choices=list(LANGS),
        default=argparse.SUPPRESS,
        help=f"language of the output (default: {DEFAULT_LANG})",
    )
    if json_help is not None:
        parser.add_argument("--json", action="store_true", help=json_help)


def output_lang(args: argparse.Namespace) -> Lang:
    """The language the command prints in: ``--lang`` if given, else the default language."""
    value = getattr(args, "lang", None)
    return value if value in LANGS else DEFAULT_LANG


def words_for(lang: Lang) -> Words:
    """The catalog sentences in ``lang``: ``words("cli.signals")``, with values filled in."""
    from guardian.assets import load_catalog

    return load_catalog().words(lang)


def fail(words: Words, key: str, code: int = 2, **values: object) -> int:
    """Print the sentence ``key`` (with ``values``) to standard error and return ``code``."""
    print(words(key, **values), file=sys.stderr)
    return code
