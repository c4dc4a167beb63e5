"""Command-line entry: the window by default, or a subcommand (``assess``, ``say``...)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from guardian import __version__, commands


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with the window's options and every subcommand module."""
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
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run Guardian with ``argv`` (the process arguments by default); return the exit code."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    func = getattr(args, "func", None)
    if func is not None:
        return int(func(args))
    from guardian.app import run_gui

    return run_gui(args)
