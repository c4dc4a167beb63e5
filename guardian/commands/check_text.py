"""``guardian check-text``: look for the marks of fraud in a text message or a caller's words.

Examples::

    guardian check-text "您的账户涉嫌洗钱，请把钱转到安全账户"
    echo "Transfer your savings to a safe account" | guardian check-text --json --lang en
    guardian check-text --batch < messages.jsonl > results.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from guardian.commands.options import add_output_options, fail, output_lang, words_for
from guardian.core.i18n import Lang

if TYPE_CHECKING:
    from guardian.core.content import Signal
    from guardian.core.field_error import Words
    from guardian.core.risk import Assessment
    from guardian.core.text_check import TextResult

MAX_TEXT_CHARS = 20_000
"""The longest text the command accepts (a long letter, far beyond any SMS)."""


def register(subparsers: Any) -> None:
    """Add the ``check-text`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "check-text",
        help="look for signs of fraud in a text message or what a caller said",
        description=(
            "Look for signs of fraud in a text message, or in what a caller said. "
            "The text is the argument, or standard input when there is none."
        ),
    )
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the message (default: stdin)")
    add_output_options(parser, json_help="print the result as JSON")
    parser.add_argument(
        "--batch",
        action="store_true",
        help=(
            'read JSON lines ({"text": ...}, other keys passed through) on standard input '
            "and print one JSON result a line"
        ),
    )
    parser.set_defaults(func=run)


def signal_json(signal: Signal, severity: str, lang: Lang, spans: Any = ()) -> dict[str, Any]:
    """Return the JSON form of one signal found."""
    return {
        "id": signal.id,
        "severity": severity,
        "title": signal.title.get(lang),
        "reason": signal.reason.get(lang),
        "spans": [[start, end] for start, end in spans],
    }


def verdict_json(assessment: Assessment, lang: Lang) -> dict[str, Any]:
    """Return the level, headline, advice and rules of a verdict as JSON."""
    return {
        "level": assessment.level.value,
        "headline": assessment.headline.get(lang),
        "advice": [item.get(lang) for item in assessment.advice],
        "rules": assessment.rules.get(lang),
    }


def verdict_lines(assessment: Assessment, lang: Lang, words: Words) -> tuple[list[str], list[str]]:
    """Return the plain-text head (headline, rules) and tail (advice) of a verdict."""
    head = [assessment.headline.get(lang), assessment.rules.get(lang)]
    tail = ["", words("cli.advice")]
    tail += [f"  {number}. {item.get(lang)}" for number, item in enumerate(assessment.advice, 1)]
    return head, tail


def _read_text(args: argparse.Namespace, words: Words) -> str | int:
    if args.text is not None:
        return str(args.text)
    if sys.stdin is None or sys.stdin.isatty():
        return fail(words, "cli.text_missing")
    # The longest text allowed takes at most 4 bytes a character and a 3-byte mark in front, so
    # a read that fills the limit is a text too long (wherever it stops, even inside a character).
    limit = MAX_TEXT_CHARS * 4 + 4
    data = sys.stdin.buffer.read(limit)
    if len(data) == limit:
        return fail(words, "cli.text_too_long", max=MAX_TEXT_CHARS)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return fail(words, "cli.text_not_utf8")


def _marked(result: TextResult) -> str:
    spans: list[list[int]] = []
    for start, end in sorted(span for match in result.matches for span in match.spans):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces += [result.text[position:start], "⟪", result.text[start:end], "⟫"]
        position = end
    pieces.append(result.text[position:])
    return "".join(pieces)


def _quoted(phrases: tuple[str, ...]) -> str:
    return "、".join(f"“{phrase}”" for phrase in phrases)


def result_json(result: TextResult, lang: Lang) -> dict[str, Any]:
    """Return the JSON form of one checked text."""
    weights = {f.signal.id: f.weight.label for f in result.assessment.findings}
    output: dict[str, Any] = verdict_json(result.assessment, lang)
    output["types"] = [
        {
            "id": kind.id,
            "name": kind.name.get(lang),
            "why": kind.why.get(lang),
            "todo": kind.todo.get(lang),
            "source": kind.source,
        }
        for kind in result.types
    ]
    # A story shown beside another mark is not weighed (no finding): it keeps its own severity.
    output["signals"] = [
        signal_json(m.signal, weights.get(m.signal.id, m.signal.severity.label), lang, m.spans)
        for m in result.matches
    ]
    output["advice_only"] = [
        signal_json(m.signal, m.signal.severity.label, lang, m.spans) for m in result.advice_only
    ]
    output["amounts"] = [
        {"text": a.text, "yuan": a.yuan, "span": [a.start, a.end]} for a in result.amounts
    ]
    output["links"] = [[start, end] for start, end in result.links]
    return output


def _batch(lang: Lang, words: Words, check: Callable[[str], TextResult]) -> int:
    """Check one JSON object a line from standard input; print one result a line."""
    if sys.stdin is None:
        return fail(words, "cli.text_missing")
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            line = raw.decode("utf-8-sig").strip()
        except UnicodeDecodeError:
            print(json.dumps({"line": number, "error": words("cli.text_not_utf8")}))
            continue
        if not line:
            continue
        try:
            row = json.loads(line)
        except ValueError:
            row = None
        text = row.get("text") if isinstance(row, dict) else None
        if not isinstance(text, str) or not text.strip():
            error = words("cli.text_batch_line")
            print(json.dumps({"line": number, "error": error}, ensure_ascii=False))
            continue
        if len(text) > MAX_TEXT_CHARS:
            error = words("cli.text_too_long", max=MAX_TEXT_CHARS)
            print(json.dumps({"line": number, "error": error}, ensure_ascii=False))
            continue
        output = {key: value for key, value in row.items() if key != "text"}
        output.update(result_json(check(text), lang))
        print(json.dumps(output, ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return 0


def run(args: argparse.Namespace) -> int:
    """Check the text in ``args`` and print the result; return the exit code.

    Returns:
        0 when the text was checked (whatever the level); 2 when there is no usable text;
        1 when the content files are broken.
    """
    from guardian.content_bundle import load_bundle
    from guardian.core.content import ContentError
    from guardian.core.text_check import check_text

    lang = output_lang(args)
    words = words_for(lang)
    bundle = load_bundle()
    try:
        content = bundle.content
        phrases = bundle.phrases
    except ContentError as error:
        return fail(words, "cli.bad_content", 1, error=error)
    model = bundle.text_model

    def check(text: str) -> TextResult:
        return check_text(text, content, phrases, model=model)

    if args.batch:
        return _batch(lang, words, check)
    text = _read_text(args, words)
    if isinstance(text, int):
        return text
    if not text.strip():
        return fail(words, "cli.text_empty")
    if len(text) > MAX_TEXT_CHARS:
        return fail(words, "cli.text_too_long", max=MAX_TEXT_CHARS)
    result = check(text)

    if args.json:
        print(json.dumps(result_json(result, lang), ensure_ascii=False, indent=2))
        return 0
    print_result(result, lang, words)
    return 0


def finding_lines(titles_and_reasons: list[tuple[str, str]], words: Words) -> list[str]:
    """Return the "warning signs found" lines: each sign's title, then its reason."""
    lines = [words("cli.signals")]
    for title, reason in titles_and_reasons:
        lines += [f"  * {title}", f"    {reason}"]
    return lines


def assessment_findings(assessment: Assessment, lang: Lang, words: Words) -> list[str]:
    """Return a blank line and the signs the verdict weighed, or nothing when there are none."""
    if not assessment.findings:
        return []
    pairs = [(f.signal.title.get(lang), f.signal.reason.get(lang)) for f in assessment.findings]
    return ["", *finding_lines(pairs, words)]


def print_result(result: TextResult, lang: Lang, words: Words) -> None:
    """Print the verdict on one checked text in plain lines."""
    head, tail = verdict_lines(result.assessment, lang, words)
    lines = [*head, ""]
    for kind in result.types:
        lines.append(words("cli.text_type", name=kind.name.get(lang)))
        lines += [f"  {kind.why.get(lang)}", f"  {kind.todo.get(lang)}", ""]
    if result.matches:
        lines += [words("cli.text_marked"), "  " + _marked(result), ""]
        lines += finding_lines(
            [
                (f"{m.signal.title.get(lang)}  {_quoted(m.phrases)}", m.signal.reason.get(lang))
                for m in result.matches
            ],
            words,
        )
    else:
        lines.append(words("cli.text_none_found"))
    if result.advice_only:
        lines += ["", words("cli.text_advice_only")]
        lines += [f"  - {match.signal.title.get(lang)}" for match in result.advice_only]
    print("\n".join(lines + tail))
