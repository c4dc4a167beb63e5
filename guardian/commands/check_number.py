"""``guardian check-number``: what a caller's number itself says about the call.

Example::

    guardian check-number --json "+44 20 7946 0000"
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from guardian.commands.check_text import MESSAGES, fail, signal_json, verdict_json, verdict_lines
from guardian.core.i18n import DEFAULT_LANG, LANGS, Lang, Text

_MESSAGES = {
    "number": Text("号码：{number}", "Number: {number}"),
    "kind": Text("类型：{type}　地区：{region}", "Type: {type}   Region: {region}"),
    "unknown_region": Text("不明", "unknown"),
    "notes": Text("关于这个号码：", "About this number:"),
    "bad_number": Text(
        "“{raw}”不是电话号码：{reason}", "'{raw}' is not a telephone number: {reason}"
    ),
}

_TYPE_NAMES = {
    "mobile": Text("手机", "mobile"),
    "fixed_line": Text("固定电话", "landline"),
    "toll_free": Text("免费电话（800）", "toll-free (800)"),
    "shared_cost": Text("400开头的号码", "number starting with 400"),
    "premium_rate": Text("收费号码", "premium rate"),
    "service": Text("短号码", "short number"),
    "voip": Text("网络电话", "internet phone"),
    "unknown": Text("不明", "unknown"),
}


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
    parser.add_argument(
        "--lang",
        choices=list(LANGS),
        default=argparse.SUPPRESS,
        help=f"language of the output (default: {DEFAULT_LANG})",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
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

    lang: Lang = getattr(args, "lang", None) or DEFAULT_LANG
    try:
        content = load_content()
    except ContentError as error:
        return fail(lang, MESSAGES["bad_content"], 1, error=error)
    result = check_number(args.number, content)
    if result.error is not None:
        return fail(lang, _MESSAGES["bad_number"], raw=args.number, reason=result.error.get(lang))
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

    head, tail = verdict_lines(assessment, lang)
    region = result.region or _MESSAGES["unknown_region"].get(lang)
    lines = [
        *head,
        "",
        _MESSAGES["number"].get(lang).format(number=result.e164 or result.digits),
        _MESSAGES["kind"]
        .get(lang)
        .format(type=_TYPE_NAMES[result.type.value].get(lang), region=region),
    ]
    if assessment.findings:
        lines += ["", MESSAGES["signals"].get(lang)]
        for finding in assessment.findings:
            lines.append(f"  * {finding.signal.title.get(lang)}")
            lines.append(f"    {finding.signal.reason.get(lang)}")
    if result.notes:
        lines += ["", _MESSAGES["notes"].get(lang)]
        lines += [f"  - {note.get(lang)}" for note in result.notes]
    print("\n".join(lines + tail))
    return 0
