"""``guardian check-apps``: list running remote-control and screen-sharing programs.

Example::

    guardian check-apps --json --lang en
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from guardian.commands.options import add_output_options, fail, output_lang, words_for


def register(subparsers: Any) -> None:
    """Add the ``check-apps`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "check-apps",
        help="list running remote-control, meeting and screen-sharing programs",
        description=(
            "List the remote-control, meeting and screen-sharing programs that are running now, "
            "with their process ids and how to close them. The programs are those in "
            "assets/content/remote_apps.toml. Nothing is closed."
        ),
    )
    add_output_options(parser, json_help="print the findings as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the running programs; return the exit code.

    Returns:
        0 whether or not anything is found; 1 when the list of programs is broken.
    """
    from guardian.core.remote_apps import RemoteAppsError
    from guardian.guard.scan import load_remote_apps, scan_processes

    lang = output_lang(args)
    words = words_for(lang)
    try:
        apps = load_remote_apps()
    except (RemoteAppsError, OSError, ValueError) as error:
        return fail(words, "cli.apps_bad_data", 1, error=error)
    found = scan_processes(apps)

    if args.json:
        output = {
            "found": [
                {
                    "id": item.app.id,
                    "name": item.app.name.get(lang),
                    "kind": item.app.kind.value,
                    "pids": list(item.pids),
                    "close_steps": item.app.close_steps.get(lang),
                }
                for item in found
            ]
        }
        print(json.dumps(output, ensure_ascii=False, indent=2))
        return 0

    if not found:
        print(words("cli.apps_none"))
        return 0
    lines = [words("cli.apps_some")]
    for item in found:
        pids = words("cli.apps_pids", pids=", ".join(map(str, item.pids)))
        lines.append(f"  * {item.app.name.get(lang)}  ({pids})")
        lines.append(f"    {item.app.close_steps.get(lang)}")
    print("\n".join(lines))
    return 0
