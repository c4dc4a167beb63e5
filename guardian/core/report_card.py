"""The report card for police and bank after money was sent: what they will ask for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from guardian.core.i18n import Lang, Text

# Field id -> (label, longest accepted text). Order is the order on screen and on paper.
FIELDS: dict[str, tuple[Text, int]] = {
    "receiving_account": (Text("收钱的账号", "Account the money went to"), 40),
    "receiving_name": (Text("收钱人的名字", "Name on that account"), 40),
    "bank": (Text("对方的银行", "Their bank"), 40),
    "amount": (Text("转了多少钱", "How much was sent"), 30),
    "sent_at": (Text("什么时候转的", "When it was sent"), 40),
    "caller_number": (Text("对方的电话号码", "The caller's number"), 30),
    "what_they_said": (Text("对方说了什么", "What they said"), 600),
    "apps_installed": (Text("让您装了什么软件", "Apps they had you install"), 200),
}


@dataclass
class ReportCard:
    """What the person can tell the police and the bank; every field is optional text."""

    receiving_account: str = ""
    receiving_name: str = ""
    bank: str = ""
    amount: str = ""
    sent_at: str = ""
    caller_number: str = ""
    what_they_said: str = ""
    apps_installed: str = ""

    @classmethod
    def from_mapping(cls, data: object) -> ReportCard:
        """Read a card saved earlier; unknown keys and non-text values are dropped."""
        card = cls()
        if isinstance(data, Mapping):
            for name in FIELDS:
                value = data.get(name)
                if isinstance(value, str):
                    card.set(name, value)
        return card

    def to_mapping(self) -> dict[str, str]:
        """Return the card as plain data."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def set(self, name: str, value: str) -> None:
        """Set field ``name``, trimmed to its longest accepted length.

        Raises:
            KeyError: ``name`` is not a field of the card.
        """
        if name not in FIELDS:
            raise KeyError(name)
        limit = FIELDS[name][1]
        cleaned = "".join(ch for ch in value if ch.isprintable() or ch == "\n").strip()
        setattr(self, name, cleaned[:limit])

    def filled(self, lang: Lang) -> list[tuple[str, str]]:
        """Return (label, value) for every field that has something in it."""
        return [
            (label.get(lang), getattr(self, name))
            for name, (label, _) in FIELDS.items()
            if getattr(self, name)
        ]

    def is_empty(self) -> bool:
        """Whether nothing has been written on the card."""
        return not any(getattr(self, name) for name in FIELDS)

    def spoken(self, lang: Lang) -> str:
        """The card as sentences to read aloud (numbers are read digit by digit by the speaker)."""
        stop = "。" if lang == "zh" else ". "
        colon = "：" if lang == "zh" else ": "
        return stop.join(f"{label}{colon}{value}" for label, value in self.filled(lang))
