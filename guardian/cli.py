"""Command-line entry: the window by default, or a subcommand (``assess``, ``say``...)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from guardian import __version__, commands
from guardian.assets import BROKEN_INSTALL, BrokenInstallError


def command_names() -> list[str]:
    """The subcommand module names (none of them is imported here)."""
    return list(commands.NAMES)


def build_parser(wanted: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Build the parser with the window's options and the subcommands.

    Args:
        wanted: the subcommand modules to register (all when None). Starting the window
            registers none, so it imports none of them.
    """
    parser = argparse.ArgumentParser(
        prog="guardian",
        description="Guardian (防骗守护): check a suspicious call or message for signs of fraud.",
    )
    parser.add_argument("--version", action="version", version=f"guardian {__version__}")
    parser.add_argument("--lang", choices=["zh", "en"], help="language of the window")
    parser.add_argument(
        "--quit-after-start",
        action="store_true",
        help="build everything, show the window, and exit right after the first paint",
    )
    parser.add_argument("--demo", action="store_true", help="start in demo mode")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_names() if wanted is None else wanted:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        module.register(subparsers)
    return parser


def _wanted_commands(argv: Sequence[str]) -> list[str] | None:
    """Which subcommand modules ``argv`` needs: the one it names, all for help, else none."""
    for arg in argv:
        if arg in commands.COMMANDS:
            return [commands.COMMANDS[arg]]
        if arg in {"-h", "--help"}:
            return None
    return None if any(not arg.startswith("-") for arg in argv) else []


def main(argv: Sequence[str] | None = None) -> int:
    """Run Guardian with ``argv`` (the process arguments by default); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    flags = {"--install-desktop": "install-desktop", "--uninstall-desktop": "uninstall-desktop"}
    arguments = [flags.get(arg, arg) for arg in arguments]
    args = build_parser(_wanted_commands(arguments)).parse_args(arguments)
    func = getattr(args, "func", None)
    try:
        if func is not None:
            return int(func(args))
        from guardian.app import run_gui

        return run_gui(args)
    except BrokenPipeError:
        # The reader went away (e.g. piped into head): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except BrokenInstallError as error:
        print(f"{BROKEN_INSTALL}\n({error})", file=sys.stderr)
        return 1
