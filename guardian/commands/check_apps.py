"""``guardian check-apps``: list running remote-control and screen-sharing programs.

Example::

    guardian check-apps --json --lang en
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from guardian.core.i18n import DEFAULT_LANG, LANGS, Lang, Text

_MESSAGES = {
    "none": Text(
        "没有发现远程控制、会议或屏幕共享软件在运行。",
        "No remote-control, meeting or screen-sharing program is running.",
    ),
    "some": Text(
        "发现这些软件正在运行。如果是陌生人让您打开的，请马上关掉：",
        "These programs are running. If a stranger asked you to open them, close them now:",
    ),
    "pids": Text("进程号：{pids}", "process ids: {pids}"),
    "bad_data": Text(
        "远程软件清单有错误：{error}", "the list of remote-control programs is broken: {error}"
    ),
}


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
    parser.add_argument(
        "--lang",
        choices=list(LANGS),
        default=argparse.SUPPRESS,
        help=f"language of the output (default: {DEFAULT_LANG})",
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the running programs; return the exit code.

    Returns:
        0 whether or not anything is found; 1 when the list of programs is broken.
    """
    from guardian.core.remote_apps import RemoteAppsError
    from guardian.guard.scan import load_remote_apps, scan_processes

    lang: Lang = getattr(args, "lang", None) or DEFAULT_LANG
    try:
        apps = load_remote_apps()
    except (RemoteAppsError, OSError, ValueError) as error:
        print(_MESSAGES["bad_data"].get(lang).format(error=error), file=sys.stderr)
        return 1
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
        print(_MESSAGES["none"].get(lang))
        return 0
    lines = [_MESSAGES["some"].get(lang)]
    for item in found:
        pids = _MESSAGES["pids"].get(lang).format(pids=", ".join(map(str, item.pids)))
        lines.append(f"  * {item.app.name.get(lang)}  ({pids})")
        lines.append(f"    {item.app.close_steps.get(lang)}")
    print("\n".join(lines))
    return 0
