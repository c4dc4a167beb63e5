"""``guardian assess``: the suspicious-call check from the command line.

Example::

    guardian assess --caller police --yes safe_account --no asks_code_or_password --json
    guardian assess --caller police --number 96110 --json
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from guardian.commands.check_text import assessment_findings, verdict_lines
from guardian.commands.options import add_output_options, fail, output_lang, words_for


def register(subparsers: Any) -> None:
    """Add the ``assess`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "assess",
        help="weigh answers to the suspicious-call questions and print the verdict",
        description=(
            "Weigh answers to the suspicious-call questions and print the verdict. "
            "Signal ids are those in assets/content/signals.toml; caller types those in "
            "assets/content/wizard.toml."
        ),
    )
    for answer in ("yes", "no", "unsure"):
        parser.add_argument(
            f"--{answer}",
            action="append",
            default=[],
            metavar="ID,...",
            help=f"signal ids answered '{answer}' (comma-separated; may be repeated)",
        )
    parser.add_argument(
        "--caller", metavar="TYPE", help="who the caller said they were (police, relative...)"
    )
    parser.add_argument(
        "--number",
        metavar="N",
        help=(
            "the caller's number, as shown on the phone; it counts in the verdict as in "
            "check-number (from abroad, 110 shown as the caller, the real anti-fraud line...)"
        ),
    )
    add_output_options(parser, json_help="print the verdict as JSON")
    parser.set_defaults(func=run)


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def run(args: argparse.Namespace) -> int:
    """Print the verdict for the answers in ``args``; return the exit code.

    Returns:
        0 on success; 2 when an id is unknown, a signal is answered twice or the number is
        not a telephone number; 1 when the content files are broken.
    """
    from guardian.content_loader import load_content
    from guardian.core.content import ContentError, UnknownIdError
    from guardian.core.number_check import NumberResult, check_number
    from guardian.core.risk import Answer, assess

    lang = output_lang(args)
    words = words_for(lang)
    answers: dict[str, Answer] = {}
    for answer in Answer:
        for signal_id in _split(getattr(args, answer.value)):
            if signal_id in answers:
                return fail(words, "cli.answered_twice", id=signal_id)
            answers[signal_id] = answer
    try:
        content = load_content()
    except ContentError as error:
        return fail(words, "cli.bad_content", 1, error=error)
    number: NumberResult | None = None
    if args.number:
        number = check_number(args.number, content)
        if number.error is not None:
            return fail(words, "cli.bad_number", raw=args.number, reason=number.error.get(lang))
    try:
        result = assess(
            content,
            answers,
            caller=args.caller,
            extra=[(signal_id, "number") for signal_id in (number.signals if number else ())],
            warning_line=number is not None and number.warning_line,
        )
    except UnknownIdError as error:
        if error.kind == "caller":
            choices = ", ".join(caller.id for caller in content.wizard.callers)
            return fail(words, "cli.unknown_caller", id=error.id, choices=choices)
        return fail(words, "cli.unknown_signal", id=error.id)

    if args.json:
        output: dict[str, Any] = {
            "level": result.level.value,
            "headline": result.headline.get(lang),
            "signals": [
                {
                    "id": finding.signal.id,
                    "severity": finding.weight.label,
                    "title": finding.signal.title.get(lang),
                    "reason": finding.signal.reason.get(lang),
                    "source": finding.source,
                }
                for finding in result.findings
            ],
            "advice": [item.get(lang) for item in result.advice],
            "rules": result.rules.get(lang),
        }
        if number is not None:
            output["number"] = args.number
            output["number_notes"] = [note.get(lang) for note in number.notes]
        print(json.dumps(output, ensure_ascii=False, indent=2))
        return 0

    head, tail = verdict_lines(result, lang, words)
    lines = list(head)
    if number is not None:
        lines.append(words("cli.caller_number", number=args.number))
        lines += [f"  - {note.get(lang)}" for note in number.notes]
    lines += assessment_findings(result, lang, words)
    print("\n".join(lines + tail))
    return 0
