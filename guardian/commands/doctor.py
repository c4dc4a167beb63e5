"""``guardian doctor``: check what Guardian needs on this computer, one plain line each.

Example::

    guardian doctor --lang en
    guardian doctor --json
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from guardian.commands.options import add_output_options, output_lang


def register(subparsers: Any) -> None:
    """Add the ``doctor`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "doctor",
        help="check the font, voice, data, backups, alerts and guard on this computer",
        description=(
            "Check what Guardian needs on this computer: the Chinese font, the voice and the "
            "sound device, the program that dials phone numbers, the data folder and its "
            "permissions, the history file, the backups, the alerts waiting to be sent and the "
            "remote-control guard. Prints one line per check, with what to do when something "
            "is wrong. Nothing is changed. Exit status 0 when all is well, 1 otherwise."
        ),
    )
    add_output_options(parser, json_help='print a JSON list of {"check", "ok", "detail"}')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the checks and print them; return 0 when all is well, 1 otherwise."""
    from guardian.assets import load_catalog
    from guardian.doctor import format_report, run_checks

    lang = output_lang(args)
    catalog = load_catalog()
    results = run_checks(lang, catalog=catalog)
    if args.json:
        print(json.dumps([r.to_mapping() for r in results], ensure_ascii=False, indent=2))
    else:
        print(format_report(results, lang, catalog))
    return 0 if all(result.ok for result in results) else 1
