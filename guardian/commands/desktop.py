"""``guardian install-desktop`` and ``uninstall-desktop``: the menu entry and desktop icon.

Examples::

    guardian install-desktop            # menu entry, desktop icon, icon file (Linux)
    guardian uninstall-desktop          # removes them, and the start-at-login file
    build/dist/guardian/guardian install-desktop   # for the standalone build
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from guardian.core.i18n import Lang, Text, parse_lang

MESSAGES = {
    "installed": Text(
        "防骗守护已经放到应用菜单和桌面上了。写入的文件：",
        "Guardian is now in the application menu and on the desktop. Files written:",
    ),
    "no_desktop": Text(
        "没有找到桌面文件夹，只放到了应用菜单里。",
        "No desktop folder was found; Guardian is in the application menu only.",
    ),
    "starts": Text("桌面图标启动的是：{command}", "The icon starts: {command}"),
    "uninstalled": Text("已经删除：", "Removed:"),
    "nothing": Text("没有需要删除的文件。", "There was nothing to remove."),
    "failed": Text("没能写入文件：{error}", "A file could not be written: {error}"),
    "elsewhere": Text("这台电脑不用这个命令。{steps}", "Not needed on this computer. {steps}"),
}


def register(subparsers: Any) -> None:
    """Add the ``install-desktop`` and ``uninstall-desktop`` subcommands."""
    install = subparsers.add_parser(
        "install-desktop",
        help="put Guardian in the application menu and on the desktop (Linux)",
        description=(
            "Put Guardian in the application menu and on the desktop, with its icon "
            "(~/.local/share/applications, the desktop folder, ~/.local/share/icons)."
        ),
    )
    install.add_argument(
        "--executable",
        metavar="PROGRAM",
        help="the program the icon starts (default: this one)",
    )
    install.set_defaults(func=run_install)
    uninstall = subparsers.add_parser(
        "uninstall-desktop",
        help="remove Guardian from the application menu, the desktop and start-at-login",
    )
    uninstall.set_defaults(func=run_uninstall)


def _lang(args: argparse.Namespace) -> Lang:
    value = getattr(args, "lang", None)
    return parse_lang(value) if value else "zh"


def run_install(args: argparse.Namespace) -> int:
    """Write the menu entry, the desktop launcher and the icon; print where they went."""
    from guardian.desktop import (
        UnsupportedPlatformError,
        command_arguments,
        desktop_dir,
        exec_value,
        install_desktop,
    )

    lang = _lang(args)
    executable = str(Path(args.executable).absolute()) if args.executable else None
    try:
        written = install_desktop(executable=executable, lang=lang)
    except UnsupportedPlatformError as error:
        print(MESSAGES["elsewhere"].get(lang).format(steps=error), file=sys.stderr)
        return 1
    except OSError as error:
        print(MESSAGES["failed"].get(lang).format(error=error), file=sys.stderr)
        return 1
    print(MESSAGES["installed"].get(lang))
    for path in written:
        print(f"  {path}")
    if desktop_dir() is None:
        print(MESSAGES["no_desktop"].get(lang))
    command = exec_value(command_arguments(executable))
    print(MESSAGES["starts"].get(lang).format(command=command))
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    """Remove the menu entry, the desktop launcher, the icon and the start-at-login file."""
    from guardian.desktop import uninstall_desktop

    lang = _lang(args)
    try:
        removed = uninstall_desktop()
    except OSError as error:
        print(MESSAGES["failed"].get(lang).format(error=error), file=sys.stderr)
        return 1
    if not removed:
        print(MESSAGES["nothing"].get(lang))
        return 0
    print(MESSAGES["uninstalled"].get(lang))
    for path in removed:
        print(f"  {path}")
    return 0
