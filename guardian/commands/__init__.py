"""Command-line subcommands: one module each, listed in ``NAMES``.

Each module defines ``register(subparsers)``, which adds its parser and sets ``func`` to a
callable taking the parsed arguments and returning an exit code. The list is written out (not
searched for) so that starting the window reads no folder; a test checks it against the files.
"""

NAMES = (
    "assess",
    "check_apps",
    "check_number",
    "check_text",
    "desktop",
    "doctor",
    "reset_pin",
    "say",
)
"""The subcommand module names, in alphabetical order."""
