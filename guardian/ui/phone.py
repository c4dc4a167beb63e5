"""Whether this computer can dial, and dialling: the one place every screen asks.

A screen that offers a call asks :func:`phone_handler` before it shows its buttons: where a
program takes ``tel:`` addresses (Phone Link, FaceTime, KDE Connect...), the buttons say "call"
and the call starts for real; where nothing can, they say "show the number" and the screen tells
the person to hang up on the caller first, then to dial the number on their own phone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from guardian.tel_handler import find_tel_handler
from guardian.ui.context import AppContext

UrlOpener = Callable[[QUrl], bool]
"""Opens an address (here ``tel:``) and says whether anything on the computer took it."""


def phone_handler(ctx: AppContext) -> str | None:
    """The name of the program that dials here ("" if it gives none), or None if nothing can.

    ``ctx.services.find_phone_handler`` answers when set; else this computer is asked.
    """
    find = ctx.services.find_phone_handler or find_tel_handler
    return find(ctx.lang)


def can_dial(ctx: AppContext) -> bool:
    """Whether a program on this computer dials ``tel:`` addresses."""
    return phone_handler(ctx) is not None


def default_opener(ctx: AppContext) -> UrlOpener:
    """The way to open ``tel:`` addresses: ``services.tel_opener`` if set, else the desktop's."""
    return ctx.services.tel_opener or QDesktopServices.openUrl


def tel_url(number: str) -> QUrl:
    """The ``tel:`` address of ``number`` (digits and a leading +; spaces and dashes dropped)."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return QUrl(f"tel:{digits}")


def dial(ctx: AppContext, number: str, opener: UrlOpener | None = None) -> bool:
    """Start a call to ``number``; False when nothing on the computer took it."""
    return bool((opener or default_opener(ctx))(tel_url(number)))


def dialling_words(ctx: AppContext, who: str) -> str:
    """The words "calling ``who`` with <program>", naming the program where it gives a name."""
    name = phone_handler(ctx)
    if name:
        return ctx.t("phone.calling_with", program=name, who=who)
    return ctx.t("phone.calling", who=who)
