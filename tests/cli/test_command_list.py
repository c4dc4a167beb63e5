"""The written-out list of subcommands matches the subcommand modules on disk."""

from __future__ import annotations

import pkgutil

from guardian import commands


def test_the_list_names_every_subcommand_module() -> None:
    on_disk = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    assert list(commands.NAMES) == on_disk
