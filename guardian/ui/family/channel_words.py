"""One line that names an alert channel: its kind, and where it goes when that is no secret.

Shown in a contact's form and on the first set-up's alerts step.
"""

from __future__ import annotations

from guardian.core.channels import CHANNEL_KINDS, build_apprise_url, redact
from guardian.core.contacts import ChannelConfig
from guardian.core.field_error import Words

# The fields that say where a channel goes without giving a secret away.
SUMMARY_FIELDS = {
    "email": "to",
    "qqmail": "address",
    "163mail": "address",
    "telegram": "chat_id",
    "ntfy": "server",
    "bark": "server",
}


def channel_summary(channel: ChannelConfig, words: Words) -> str:
    """One line for a channel: its kind, and where it goes when that is no secret.

    The kind is named in the language of ``words`` (``ctx.t``).
    """
    spec = CHANNEL_KINDS.get(channel.kind)
    name = words(spec.label_key) if spec else channel.kind
    shown = channel.fields.get(SUMMARY_FIELDS.get(channel.kind, ""), "")
    if channel.kind in ("json", "custom"):
        try:
            shown = redact(build_apprise_url(channel.kind, channel.fields))
        except ValueError:
            shown = ""
    return f"{name}: {shown}" if shown else name
