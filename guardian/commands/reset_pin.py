"""``guardian reset-pin``: clear a forgotten family PIN, keeping every check and contact.

Run by a family member at the computer's keyboard. The family's alert channels are told that
the PIN was cleared (the message waits in the outbox until Guardian next runs and sends it), so
nobody can clear it quietly.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from guardian.core.i18n import Text, parse_lang

DONE = Text(
    zh="家人设置的密码已经清除。下次打开“家人设置”时请设置新密码。检查记录和联系人都还在。",
    en="The family PIN is cleared. Set a new one the next time you open Family settings. "
    "Checks and contacts are kept.",
)
NONE_SET = Text(zh="还没有设置过密码，不需要清除。", en="No PIN has been set; nothing to clear.")
TOLD = Text(
    zh="已经准备通知 {count} 个提醒方式，Guardian 下次运行时发出。",
    en="{count} alert channel(s) will be told the next time Guardian runs.",
)
CHANGE = Text(zh="家人设置的密码被清除了", en="the family settings PIN was cleared")
FAILED = Text(zh="没能清除密码：{reason}", en="The PIN could not be cleared: {reason}")


def register(subparsers: Any) -> None:
    """Add the ``reset-pin`` subcommand."""
    parser = subparsers.add_parser(
        "reset-pin",
        help="clear a forgotten family PIN (checks and contacts are kept; the family is told)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Clear the PIN and queue the notice for the family; return the exit code."""
    from guardian.core.alert_message import compose_alert
    from guardian.storage.errors import StorageError
    from guardian.storage.outbox import OutboxStore
    from guardian.storage.paths import data_dir
    from guardian.storage.pin_state import PinStore
    from guardian.storage.startup import open_for_command

    lang = parse_lang(args.lang) if getattr(args, "lang", None) else "zh"
    try:
        # Restored from the backups first if it is missing or damaged; never made afresh.
        opened = open_for_command(data_dir())
    except (OSError, StorageError) as error:
        print(FAILED.get(lang).format(reason=error), file=sys.stderr)
        return 1
    if opened is None:  # nothing saved yet, so no PIN either
        print(NONE_SET.get(lang))
        return 0
    if opened.message is not None:
        print(opened.message.get(lang))
    db = opened.db
    try:
        store = PinStore(db)
        if not store.has_pin():
            print(NONE_SET.get(lang))
            return 0
        title, body = compose_alert(
            "settings_changed",
            person_name="",
            when=datetime.now().astimezone(),
            changes=[CHANGE.get(lang)],
            lang=lang,
        )
        # The notice is queued for the channels that exist now, before the PIN goes.
        queued = OutboxStore(db).enqueue_for_contacts(title, body, event="settings_changed")
        store.clear_pin()
    finally:
        db.close()
    print(DONE.get(lang))
    if queued:
        print(TOLD.get(lang).format(count=len(queued)))
    return 0
