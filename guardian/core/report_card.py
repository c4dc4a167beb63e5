"""The report card for police and bank after money was sent: what they will ask for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from guardian.core.content import Tip
from guardian.core.i18n import Lang, Text

# How the money left: id -> what it is called. Order is the order of the choices.
PAYMENT_METHODS: dict[str, Text] = {
    "bank_card": Text("银行卡", "Bank card"),
    "wechat": Text("微信", "WeChat"),
    "alipay": Text("支付宝", "Alipay"),
    "cash": Text("交了现金", "Handed over cash"),
    "unknown": Text("不知道", "I don't know"),
}

PAYMENT_HOTLINES: dict[str, tuple[str, ...]] = {
    "wechat": ("wechat_pay",),
    "alipay": ("alipay",),
    "unknown": ("wechat_pay", "alipay"),
}
"""The payment companies to call, by how the money left (hotline ids); the bank is apart."""

PAYMENT_BANK = frozenset({"bank_card", "unknown"})
"""How the money left when the person's bank is to be called."""

# Typed fields: field id -> (label, longest accepted text).
FIELDS: dict[str, tuple[Text, int]] = {
    "receiving_account": (Text("收钱的账号", "Account the money went to"), 40),
    "receiving_name": (Text("收钱人的名字", "Name on that account"), 40),
    "bank": (Text("对方的银行", "Their bank"), 40),
    "amount": (Text("转了多少钱", "How much was sent"), 30),
    "sent_at": (Text("什么时候转的", "When it was sent"), 40),
    "from_account": (
        Text("您是从自己哪张卡或哪个账户转的钱", "Your own card or account it left from"),
        40,
    ),
    "caller_number": (Text("对方的电话号码", "The caller's number"), 30),
    "what_they_said": (Text("对方说了什么", "What they said"), 600),
    "apps_installed": (Text("让您装了什么软件", "Apps they had you install"), 200),
}

# Fields filled by a choice: field id -> (label, the choices by id).
CHOICES: dict[str, tuple[Text, Mapping[str, Text]]] = {
    "paid_with": (Text("怎么转的钱", "How the money was sent"), PAYMENT_METHODS),
}

ORDER: tuple[str, ...] = (
    "receiving_account",
    "receiving_name",
    "bank",
    "amount",
    "sent_at",
    "paid_with",
    "from_account",
    "caller_number",
    "what_they_said",
    "apps_installed",
)
"""Every field, in the order on screen and on paper."""


def field_label(name: str) -> Text:
    """The label of field ``name`` (typed or chosen).

    Raises:
        KeyError: ``name`` is not a field of the card.
    """
    if name in CHOICES:
        return CHOICES[name][0]
    return FIELDS[name][0]


RECOVERY_FEE_TIP = "recovery_fee"
"""The tip (tips.toml) that says a fee to get the money back is the same fraud; the money-sent
steps, the report card and its paper show it."""


def recovery_fee_warning(tips: Iterable[Tip]) -> Text | None:
    """The words of the warning that a fee to get the money back is the same fraud.

    None only when tips.toml has lost the tip (a content test guards it).
    """
    return next((tip.text for tip in tips if tip.id == RECOVERY_FEE_TIP), None)


@dataclass
class ReportCard:
    """What the person can tell the police and the bank; every field is optional text.

    ``paid_with`` holds one of :data:`PAYMENT_METHODS` (or nothing); the rest is typed text.
    """

    receiving_account: str = ""
    receiving_name: str = ""
    bank: str = ""
    amount: str = ""
    sent_at: str = ""
    paid_with: str = ""
    from_account: str = ""
    caller_number: str = ""
    what_they_said: str = ""
    apps_installed: str = ""

    @classmethod
    def from_mapping(cls, data: object) -> ReportCard:
        """Read a card saved earlier; unknown keys, non-text values, unknown choices go."""
        card = cls()
        if isinstance(data, Mapping):
            for name in ORDER:
                value = data.get(name)
                if isinstance(value, str):
                    try:
                        card.set(name, value)
                    except ValueError:
                        continue
        return card

    def to_mapping(self) -> dict[str, str]:
        """Return the card as plain data."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def set(self, name: str, value: str) -> None:
        """Set field ``name``, trimmed to its longest accepted length.

        A choice field takes one of its choices' ids, or "" for none.

        Raises:
            KeyError: ``name`` is not a field of the card.
            ValueError: ``value`` is not one of the choices of a choice field.
        """
        if name in CHOICES:
            choices = CHOICES[name][1]
            if value and value not in choices:
                raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
            setattr(self, name, value)
            return
        if name not in FIELDS:
            raise KeyError(name)
        limit = FIELDS[name][1]
        cleaned = "".join(ch for ch in value if ch.isprintable() or ch == "\n").strip()
        setattr(self, name, cleaned[:limit])

    def shown(self, name: str, lang: Lang) -> str:
        """The value of field ``name`` as a person reads it (a choice by its name)."""
        value: str = getattr(self, name)
        if name in CHOICES and value:
            return CHOICES[name][1][value].get(lang)
        return value

    def filled(self, lang: Lang) -> list[tuple[str, str]]:
        """Return (label, value) for every field that has something in it."""
        return [
            (field_label(name).get(lang), self.shown(name, lang))
            for name in ORDER
            if getattr(self, name)
        ]

    def is_empty(self) -> bool:
        """Whether nothing has been written on the card."""
        return not any(getattr(self, name) for name in ORDER)

    def spoken(self, lang: Lang) -> str:
        """The card as sentences to read aloud (numbers are read digit by digit by the speaker)."""
        stop = "。" if lang == "zh" else ". "
        colon = "：" if lang == "zh" else ": "
        return stop.join(f"{label}{colon}{value}" for label, value in self.filled(lang))
