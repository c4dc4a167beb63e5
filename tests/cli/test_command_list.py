"""The written-out list of subcommands matches the subcommand modules on disk."""

from __future__ import annotations

import pkgutil

from guardian import commands


def test_the_list_names_every_subcommand_module() -> None:
    on_disk = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    assert sorted((*commands.NAMES, *commands.SHARED)) == on_disk
    assert not set(commands.NAMES) & set(commands.SHARED)


def test_every_registered_subcommand_is_listed_with_its_module() -> None:
    import argparse

    from guardian.cli import _wanted_commands, build_parser

    parser = build_parser()
    subparsers = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert set(subparsers.choices) == set(commands.COMMANDS)
    for command, module in commands.COMMANDS.items():
        assert _wanted_commands([command, "--help"]) == [module]
