"""``guardian check-number``: what a caller's number itself says about the call.

Example::

    guardian check-number --json "+44 20 7946 0000"
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from guardian.commands.check_text import (
    assessment_findings,
    signal_json,
    verdict_json,
    verdict_lines,
)
from guardian.commands.options import add_output_options, fail, output_lang, words_for

TYPE_KEYS = {
    "mobile": "cli.number_type_mobile",
    "fixed_line": "cli.number_type_fixed_line",
    "toll_free": "cli.number_type_toll_free",
    "shared_cost": "cli.number_type_shared_cost",
    "premium_rate": "cli.number_type_premium_rate",
    "service": "cli.number_type_service",
    "voip": "cli.number_type_voip",
    "unknown": "cli.number_type_unknown",
}
"""The catalog key of the words for each type of number (``NumberType`` values)."""


def register(subparsers: Any) -> None:
    """Add the ``check-number`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "check-number",
        help="say what a caller's number tells about the call",
        description=(
            "Say what a caller's telephone number tells about the call: from abroad, "
            "a faked official number, a virtual operator, the real anti-fraud centre..."
        ),
    )
    parser.add_argument("number", metavar="NUMBER", help="the number, as shown or typed")
    add_output_options(parser, json_help="print the result as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the number in ``args`` and print the result; return the exit code.

    Returns:
        0 when the number was read (whatever the level); 2 when it is not a telephone
        number; 1 when the content files are broken.
    """
    from guardian.content_loader import load_content
    from guardian.core.content import ContentError
    from guardian.core.number_check import check_number
    from guardian.core.risk import assess

    lang = output_lang(args)
    words = words_for(lang)
    try:
        content = load_content()
    except ContentError as error:
        return fail(words, "cli.bad_content", 1, error=error)
    result = check_number(args.number, content)
    if result.error is not None:
        return fail(words, "cli.bad_number", raw=args.number, reason=result.error.get(lang))
    assessment = assess(
        content,
        {},
        extra=[(signal_id, "number") for signal_id in result.signals],
        warning_line=result.warning_line,
    )

    if args.json:
        output: dict[str, Any] = verdict_json(assessment, lang)
        output["signals"] = [
            signal_json(f.signal, f.weight.label, lang) for f in assessment.findings
        ]
        output["number"] = {
            "e164": result.e164,
            "region": result.region,
            "type": result.type.value,
        }
        output["notes"] = [note.get(lang) for note in result.notes]
        print(json.dumps(output, ensure_ascii=False, indent=2))
        return 0

    head, tail = verdict_lines(assessment, lang, words)
    region = result.region or words(TYPE_KEYS["unknown"])
    lines = [
        *head,
        "",
        words("cli.number", number=result.e164 or result.digits),
        words("cli.number_kind", type=words(TYPE_KEYS[result.type.value]), region=region),
    ]
    lines += assessment_findings(assessment, lang, words)
    if result.notes:
        lines += ["", words("cli.number_notes")]
        lines += [f"  - {note.get(lang)}" for note in result.notes]
    print("\n".join(lines + tail))
    return 0
