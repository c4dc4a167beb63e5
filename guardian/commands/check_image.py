"""``guardian check-image``: read the words of a message from a picture, then check them.

For a screenshot of the phone (saved from WeChat, say) or a photo of its screen. It prints what
``guardian check-text`` prints for the words read; with ``--json`` also ``"text"``, the words.

Examples::

    guardian check-image screenshot.png
    guardian check-image --json --lang en photo.jpg
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from guardian.commands.check_text import print_result, result_json
from guardian.commands.options import add_output_options, fail, output_lang, words_for

PROBLEM_KEYS = {
    "not_a_picture": "cli.picture_not_a_picture",
    "too_large": "cli.picture_too_large",
    "no_text": "cli.picture_no_text",
    "unreadable": "cli.picture_unreadable",
    "reader_missing": "cli.picture_reader_missing",
}
"""The catalog key of the sentence for each ``PictureError`` code."""


def register(subparsers: Any) -> None:
    """Add the ``check-image`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "check-image",
        help="read a message from a picture (a screenshot or a photo) and check it for fraud",
        description=(
            "Read the words of a message from a picture (a screenshot of the phone or a photo "
            "of its screen) and look for signs of fraud in them, as check-text does."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the picture (PNG, JPG ...)")
    add_output_options(parser, json_help="print the result as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the picture in ``args``, check its words and print the result.

    Returns:
        0 when the words were checked (whatever the level); 2 when the file is no usable
        picture or shows no words; 1 when the content files or the reader are broken.
    """
    from guardian.content_bundle import load_bundle
    from guardian.core.content import ContentError
    from guardian.core.text_check import check_text
    from guardian.pictures.reading import PictureError, PictureReader, read_picture

    lang = output_lang(args)
    words = words_for(lang)
    try:
        found = read_picture(Path(args.file), PictureReader())
    except PictureError as error:
        code = 1 if error.code == "reader_missing" else 2
        detail = str(error).split(": ", 1)[-1]
        return fail(words, PROBLEM_KEYS[error.code], code, error=detail)
    bundle = load_bundle()
    try:
        content, phrases = bundle.content, bundle.phrases
    except ContentError as error:
        return fail(words, "cli.bad_content", 1, error=error)
    result = check_text(found.text, content, phrases, model=bundle.text_model)
    if args.json:
        output = {"text": found.text, **result_json(result, lang)}
        print(json.dumps(output, ensure_ascii=False, indent=2))
        return 0
    print(words("cli.picture_read"))
    print("\n".join(f"  {line}" for line in found.text.splitlines()))
    print()
    print_result(result, lang, words)
    return 0
