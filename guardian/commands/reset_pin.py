"""``guardian reset-pin``: clear a forgotten family PIN, keeping every check and contact.

Run by a family member at the computer's keyboard. The family's alert channels are told that
the PIN was cleared (the message waits in the outbox until Guardian next runs and sends it), so
nobody can clear it quietly.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from guardian.commands.options import add_output_options, fail, output_lang, words_for


def register(subparsers: Any) -> None:
    """Add the ``reset-pin`` subcommand."""
    parser = subparsers.add_parser(
        "reset-pin",
        help="clear a forgotten family PIN (checks and contacts are kept; the family is told)",
    )
    add_output_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Clear the PIN and queue the notice for the family; return the exit code."""
    from guardian.core.alert_message import compose_alert
    from guardian.storage.errors import StorageError
    from guardian.storage.outbox import OutboxStore
    from guardian.storage.paths import data_dir
    from guardian.storage.pin_state import PinStore
    from guardian.storage.startup import open_for_command

    lang = output_lang(args)
    words = words_for(lang)
    try:
        # Restored from the backups first if it is missing or damaged; never made afresh.
        opened = open_for_command(data_dir())
    except (OSError, StorageError) as error:
        return fail(words, "cli.pin_failed", 1, reason=error)
    if opened is None:  # nothing saved yet, so no PIN either
        print(words("cli.pin_none_set"))
        return 0
    if opened.message is not None:
        print(opened.message.get(lang))
    db = opened.db
    try:
        store = PinStore(db)
        if not store.has_pin():
            print(words("cli.pin_none_set"))
            return 0
        title, body = compose_alert(
            "settings_changed",
            words=words,
            person_name="",
            when=datetime.now().astimezone(),
            changes=[words("cli.pin_change")],
        )
        # The notice is queued for the channels that exist now, before the PIN goes.
        queued = OutboxStore(db).enqueue_for_contacts(title, body, event="settings_changed")
        store.clear_pin()
    finally:
        db.close()
    print(words("cli.pin_done"))
    if queued:
        print(words("cli.pin_told", count=len(queued)))
    return 0
