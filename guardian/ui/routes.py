"""Which screen each route opens. A route missing here opens an honest placeholder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from guardian.core.i18n import Lang
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen


class PreparedCheck(NamedTuple):
    """A check screen built ahead, with the language and text step it was built for."""

    lang: Lang
    text_step: int
    screen: Screen


_PREPARED: WeakKeyDictionary[AppContext, PreparedCheck] = WeakKeyDictionary()
"""The check screen built ahead for each app context (at most one each)."""


def prepared_check(ctx: AppContext) -> PreparedCheck | None:
    """The check screen built ahead for ``ctx`` and not opened yet, if any."""
    return _PREPARED.get(ctx)


def drop_prepared_check(ctx: AppContext) -> None:
    """Let go of the check screen built ahead for ``ctx`` (when the app closes)."""
    prepared = _PREPARED.pop(ctx, None)
    if prepared is not None:
        prepared.screen.deleteLater()


def prepare_check(ctx: AppContext) -> None:
    """Build the next check screen ahead, while the window waits for the person.

    Opening the check is the first thing a frightened person does. Built and styled ahead,
    with its question page, it opens in about half the time. The work is done in small pieces,
    each in its own turn of the event loop, so the window never stops for long. The caller's
    pictures are not built ahead: they would hold 2 MB while the app waits, for 10 ms saved
    once. A screen built for another language or text size is replaced. Called once the
    start-up work is done and each time the home screen shows.
    """
    from PySide6.QtCore import QTimer

    from guardian.ui.check_call import CheckCallScreen

    if _prepared(ctx) is not None:
        return
    screen = CheckCallScreen(ctx, begin=False)
    _PREPARED[ctx] = PreparedCheck(ctx.lang, ctx.text_step, screen)
    pieces: list[Callable[[], object]] = [
        screen.ensurePolished,  # the style sheet's work
        lambda: screen.question_step.ensurePolished(),
    ]

    def next_piece() -> None:
        prepared = _PREPARED.get(ctx)
        if pieces and prepared is not None and prepared.screen is screen:
            pieces.pop(0)()
            QTimer.singleShot(0, screen, next_piece)

    QTimer.singleShot(0, screen, next_piece)


def _prepared(ctx: AppContext) -> Screen | None:
    """The check screen built ahead for the language and text size in use (a stale one goes)."""
    prepared = _PREPARED.get(ctx)
    if prepared is None:
        return None
    if (prepared.lang, prepared.text_step) == (ctx.lang, ctx.text_step):
        return prepared.screen
    drop_prepared_check(ctx)
    return None


def _check_call(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.check_call import CheckCallScreen

    screen = _prepared(ctx)
    _PREPARED.pop(ctx, None)
    if isinstance(screen, CheckCallScreen):
        screen.begin()
        return screen
    return CheckCallScreen(ctx)


def _hotline(hotline_id: str) -> Callable[..., Screen]:
    def build(ctx: AppContext, **_: Any) -> Screen:
        from guardian.ui.hotline import HotlineScreen

        return HotlineScreen(ctx, hotline_id)

    return build


def _verify(ctx: AppContext, target: object = None, **_: Any) -> Screen:
    """Call them yourself and ask: ``target`` (a VerifyTarget, or its id) says whom."""
    from guardian.core.content import VerifyTarget
    from guardian.ui.verify import verify_screen

    if isinstance(target, str):
        target = ctx.content.verify_target(target)
    if not isinstance(target, VerifyTarget):
        raise TypeError(f"the verify route needs a VerifyTarget, not {target!r}")
    return verify_screen(ctx, target)


def _tip(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.tip import TipScreen

    return TipScreen(ctx)


def _money_sent(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.money_sent import MoneySentScreen

    return MoneySentScreen(ctx)


def _call_bank(ctx: AppContext, **_: Any) -> Screen:
    """The bank the family chose, else the list of banks."""
    bank = ctx.bank_hotline
    if bank is not None and bank in ctx.content.hotlines:
        return _hotline(bank)(ctx)
    from guardian.ui.bank_choice import BankChoiceScreen

    return BankChoiceScreen(ctx)


def _report_card(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.report_card import ReportCardScreen

    return ReportCardScreen(ctx)


def _history(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.history import HistoryScreen

    return HistoryScreen(ctx)


def _check_message(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.check_message import CheckMessageScreen

    return CheckMessageScreen(ctx)


def _demo(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.demo import DemoScreen

    return DemoScreen(ctx)


def _family_settings(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.family import family_settings_route

    return family_settings_route(ctx)


def _call_family(ctx: AppContext, **_: Any) -> Screen:
    """The family's call card (or list); the family is told once the screen shows."""
    from guardian.ui.call_card import call_family_route

    return call_family_route(ctx, tell_family=True)


def _history_detail(
    ctx: AppContext,
    record: object = None,
    on_deleted: Callable[[], object] | None = None,
    **_: Any,
) -> Screen:
    """One check in full: ``record`` (a CheckRecord) says which.

    ``on_deleted`` is called once the check was deleted (the list then shows it gone).
    """
    from guardian.core.records import CheckRecord
    from guardian.ui.history_detail import HistoryDetailScreen

    if not isinstance(record, CheckRecord):
        raise TypeError(f"the history_detail route needs a CheckRecord, not {record!r}")
    screen = HistoryDetailScreen(ctx, record)
    if on_deleted is not None:
        screen.deleted.connect(lambda _: on_deleted())
    return screen


def unlocked(ctx: AppContext) -> bool:
    """Whether the family settings are open.

    They are when the screen shown is one of them, or the PIN pad just answered rightly.
    """
    from guardian.ui.family.common import FamilyScreen
    from guardian.ui.family.pin import PinScreen

    current_screen = getattr(ctx.navigator(), "current_screen", None)
    current = current_screen() if callable(current_screen) else None
    if isinstance(current, FamilyScreen):
        return True
    return isinstance(current, PinScreen) and current.step == "done"


def _behind_pin(build: Callable[..., Screen]) -> Callable[..., Screen]:
    """A family screen, opened from inside the family settings.

    From anywhere else the PIN comes first (and then the settings), so no route skips it.
    """

    def open_family_screen(ctx: AppContext, **kwargs: Any) -> Screen:
        if not unlocked(ctx):
            return _family_settings(ctx)
        return build(ctx, **kwargs)

    open_family_screen.__doc__ = build.__doc__
    return open_family_screen


def _family_hub(ctx: AppContext, **_: Any) -> Screen:
    """After the PIN: the first set-up while it is begun and not finished, else the hub."""
    if ctx.setup_pending:
        from guardian.ui.family.setup import SetupScreen

        return SetupScreen(ctx)
    from guardian.ui.family.hub import FamilySettingsScreen

    return FamilySettingsScreen(ctx)


def _family_contacts(ctx: AppContext, **_: Any) -> Screen:
    """The family's contacts, to add, change, order and delete."""
    from guardian.ui.family.contacts import ContactListScreen

    return ContactListScreen(ctx, for_channels=False)


def _family_channels(ctx: AppContext, **_: Any) -> Screen:
    """The contacts again, to choose whose alert channels to set up."""
    from guardian.ui.family.contacts import ContactListScreen

    return ContactListScreen(ctx, for_channels=True)


def _family_contact_form(ctx: AppContext, contact: object = None, **_: Any) -> Screen:
    """One contact's form: ``contact`` (a Contact) to change, none to add a new one."""
    from guardian.core.contacts import Contact
    from guardian.ui.family.contact_form import ContactFormScreen

    if contact is not None and not isinstance(contact, Contact):
        raise TypeError(f"the family_contact_form route needs a Contact, not {contact!r}")
    return ContactFormScreen(ctx, contact)


def _family_voice(ctx: AppContext, **_: Any) -> Screen:
    """The voice: reading aloud, speed and loudness."""
    from guardian.ui.family.voice import VoiceSettingsScreen

    return VoiceSettingsScreen(ctx)


def _family_display(ctx: AppContext, **_: Any) -> Screen:
    """Text size and language."""
    from guardian.ui.family.display import DisplaySettingsScreen

    return DisplaySettingsScreen(ctx)


def _family_bank(ctx: AppContext, **_: Any) -> Screen:
    """The person's bank."""
    from guardian.ui.family.bank import BankSettingScreen

    return BankSettingScreen(ctx)


def _family_outbox(ctx: AppContext, **_: Any) -> Screen:
    """The alerts sent to the family, and those still waiting."""
    from guardian.ui.family.outbox_status import OutboxStatusScreen

    return OutboxStatusScreen(ctx)


def _family_change_pin(ctx: AppContext, **_: Any) -> Screen:
    """A new PIN, typed twice."""
    from guardian.ui.family.pin import PinScreen

    return PinScreen(ctx, change=True)


def _family_data(ctx: AppContext, **_: Any) -> Screen:
    """Where the data lives."""
    from guardian.ui.family.data_folder import DataFolderScreen

    return DataFolderScreen(ctx)


def _family_doctor(ctx: AppContext, **_: Any) -> Screen:
    """The computer check: font, speech, database, backups, outbox, guard."""
    from guardian.ui.family.doctor_screen import DoctorScreen

    return DoctorScreen(ctx)


def build_routes() -> dict[str, Callable[..., Screen]]:
    """Return the screen factory of every route that has a screen."""
    return {
        "check_call": _check_call,
        "call_police": _hotline("police"),
        "call_antifraud": _hotline("antifraud"),
        "call_bank": _call_bank,
        "verify": _verify,
        "money_sent": _money_sent,
        "report_card": _report_card,
        "tip": _tip,
        "history": _history,
        "check_message": _check_message,
        "demo": _demo,
        "family_settings": _family_settings,
        "call_family": _call_family,
        "history_detail": _history_detail,
        # Behind the PIN: from outside the family settings these open the PIN pad instead.
        "family_hub": _behind_pin(_family_hub),
        "family_contacts": _behind_pin(_family_contacts),
        "family_channels": _behind_pin(_family_channels),
        "family_contact_form": _behind_pin(_family_contact_form),
        "family_voice": _behind_pin(_family_voice),
        "family_display": _behind_pin(_family_display),
        "family_bank": _behind_pin(_family_bank),
        "family_outbox": _behind_pin(_family_outbox),
        "family_change_pin": _behind_pin(_family_change_pin),
        "family_data": _behind_pin(_family_data),
        "family_doctor": _behind_pin(_family_doctor),
    }


def open_in_place(ctx: AppContext, route: str, **kwargs: Any) -> None:
    """Show the screen for ``route`` in place of the current one, so that "back" skips it.

    The PIN pad gives its place to the family settings this way.
    """
    from guardian.ui.family.common import replace_or_show

    replace_or_show(ctx, build_routes()[route](ctx, **kwargs))
