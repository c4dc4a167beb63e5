"""Command-line subcommands, each registered by a module listed in ``COMMANDS``.

Each module defines ``register(subparsers)``, which adds its parsers and sets ``func`` to a
callable taking the parsed arguments and returning an exit code. The list is written out (not
searched for) so that starting the window reads no folder; tests check it against the files and
against the parsers the modules register.
"""

COMMANDS = {
    "assess": "assess",
    "check-apps": "check_apps",
    "check-image": "check_image",
    "check-number": "check_number",
    "check-text": "check_text",
    "doctor": "doctor",
    "install-desktop": "desktop",
    "reset-pin": "reset_pin",
    "say": "say",
    "uninstall-desktop": "desktop",
}
"""Each subcommand, and the module that registers it (only that one is imported to run it)."""

NAMES = tuple(sorted(set(COMMANDS.values())))
"""The subcommand module names, in alphabetical order."""

SHARED = ("options",)
"""The modules that register no subcommand: what the subcommands share."""
