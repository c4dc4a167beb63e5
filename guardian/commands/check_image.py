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

from guardian.commands.check_text import MESSAGES as TEXT_MESSAGES
from guardian.commands.check_text import fail, print_result, result_json
from guardian.core.i18n import DEFAULT_LANG, LANGS, Lang, Text

MESSAGES = {
    "not_a_picture": Text(
        "这个文件不是能打开的图片。请用手机截图（PNG 或 JPG）。",
        "This file is not a picture that can be opened. Use a screenshot (PNG or JPG).",
    ),
    "too_large": Text(
        "这张图片太大了。请用手机截图，或者把照片缩小一些。",
        "This picture is too large. Use a screenshot, or make the photo smaller.",
    ),
    "no_text": Text(
        "图片上没有认出字来。请把短信放大、拍清楚一些再试。",
        "No words were found on the picture. Zoom in on the message and try a clearer picture.",
    ),
    "unreadable": Text("这个文件打不开：{error}", "This file cannot be opened: {error}"),
    "reader_missing": Text(
        "看图认字的部分没有装好。请家人重新安装防骗守护。",
        "The part that reads pictures is not installed. Ask your family to reinstall Guardian.",
    ),
    "read": Text("从图片上认出的字：", "Words read from the picture:"),
}


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
    parser.add_argument(
        "--lang",
        choices=list(LANGS),
        default=argparse.SUPPRESS,
        help=f"language of the output (default: {DEFAULT_LANG})",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
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

    lang: Lang = getattr(args, "lang", None) or DEFAULT_LANG
    try:
        found = read_picture(Path(args.file), PictureReader())
    except PictureError as error:
        code = 1 if error.code == "reader_missing" else 2
        detail = str(error).split(": ", 1)[-1]
        return fail(lang, MESSAGES[error.code], code, error=detail)
    bundle = load_bundle()
    try:
        content, phrases = bundle.content, bundle.phrases
    except ContentError as error:
        return fail(lang, TEXT_MESSAGES["bad_content"], 1, error=error)
    result = check_text(found.text, content, phrases, model=bundle.text_model)
    if args.json:
        output = {"text": found.text, **result_json(result, lang)}
        print(json.dumps(output, ensure_ascii=False, indent=2))
        return 0
    print(MESSAGES["read"].get(lang))
    print("\n".join(f"  {line}" for line in found.text.splitlines()))
    print()
    print_result(result, lang)
    return 0
