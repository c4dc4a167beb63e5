"""``guardian install-desktop`` and ``uninstall-desktop``: the menu entry and desktop icon.

Examples::

    guardian install-desktop            # menu entry, desktop icon, icon file (Linux)
    guardian uninstall-desktop          # removes them, and the start-at-login file
    build/dist/guardian/guardian install-desktop   # for the standalone build
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from guardian.commands.options import add_output_options, fail, output_lang, words_for


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
    add_output_options(install)
    install.set_defaults(func=run_install)
    uninstall = subparsers.add_parser(
        "uninstall-desktop",
        help="remove Guardian from the application menu, the desktop and start-at-login",
    )
    add_output_options(uninstall)
    uninstall.set_defaults(func=run_uninstall)


def run_install(args: argparse.Namespace) -> int:
    """Write the menu entry, the desktop launcher and the icon; print where they went."""
    from guardian.desktop import (
        UnsupportedPlatformError,
        command_arguments,
        desktop_dir,
        exec_value,
        install_desktop,
    )

    lang = output_lang(args)
    words = words_for(lang)
    executable = str(Path(args.executable).absolute()) if args.executable else None
    try:
        written = install_desktop(executable=executable, lang=lang)
    except UnsupportedPlatformError as error:
        return fail(words, "cli.desktop_elsewhere", 1, steps=words(error.steps_key))
    except OSError as error:
        return fail(words, "cli.desktop_failed", 1, error=error)
    _print_files(words("cli.desktop_installed"), written)
    if desktop_dir() is None:
        print(words("cli.desktop_no_desktop"))
    command = exec_value(command_arguments(executable))
    print(words("cli.desktop_starts", command=command))
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    """Remove the menu entry, the desktop launcher, the icon and the start-at-login file."""
    from guardian.desktop import uninstall_desktop

    words = words_for(output_lang(args))
    try:
        removed = uninstall_desktop()
    except OSError as error:
        return fail(words, "cli.desktop_failed", 1, error=error)
    if not removed:
        print(words("cli.desktop_nothing"))
        return 0
    _print_files(words("cli.desktop_uninstalled"), removed)
    return 0


def _print_files(heading: str, paths: list[Path]) -> None:
    print(heading)
    for path in paths:
        print(f"  {path}")
