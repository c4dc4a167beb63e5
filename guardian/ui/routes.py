"""Which screen each route opens. A route missing here opens an honest placeholder."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple
from weakref import WeakKeyDictionary

from guardian.core.i18n import Lang
from guardian.ui.context import AppContext
from guardian.ui.screen import Screen

if TYPE_CHECKING:
    from guardian.core.contacts import ChannelConfig
    from guardian.ui.check_call import CheckCallScreen


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
    from guardian.ui.check_call import CheckCallScreen
    from guardian.ui.number_entry import NumberEntryStep
    from guardian.ui.turns import next_turn

    if _prepared(ctx) is not None:
        return
    # The number step (its keypad is most of the work) in this turn, the rest in the next. A
    # screen finished after the language or text size changed is dropped by _prepared, as any.
    number_step = NumberEntryStep(ctx)
    built_for = (ctx.lang, ctx.text_step)

    def build_the_rest() -> None:
        if _prepared(ctx) is not None:
            number_step.deleteLater()  # one was built meanwhile
            return
        screen = CheckCallScreen(ctx, begin=False, number_step=number_step)
        _PREPARED[ctx] = PreparedCheck(*built_for, screen)
        if ctx.nav is not None:
            ctx.nav.hold(screen)  # styled and laid out as it will show, in the window
        _finish_ahead(ctx, screen)

    next_turn(number_step, build_the_rest)


def _finish_ahead(ctx: AppContext, screen: CheckCallScreen) -> None:
    """Style, lay out and draw ``screen`` ahead, a piece in each turn of the event loop."""
    from guardian.ui.turns import one_a_turn

    pieces: list[Callable[[], object]] = [
        screen.ensurePolished,  # the style sheet's work
        lambda: screen.question_step.ensurePolished(),
        _layout_now(screen),
        screen.grab,  # drawn once where nobody sees it: the words' shapes are ready to draw
    ]

    def still_wanted() -> bool:
        prepared = _PREPARED.get(ctx)
        return prepared is not None and prepared.screen is screen

    one_a_turn(screen, pieces, going_on=still_wanted)


def _layout_now(screen: Screen) -> Callable[[], object]:
    """A piece of work that lays ``screen`` out at its size now (the first layout's work)."""

    def lay_out() -> None:
        layout = screen.layout()
        if layout is not None:
            layout.activate()

    return lay_out


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
        return _hotline_card(ctx, hotline_id)

    return build


def _hotline_card(
    ctx: AppContext, hotline_id: object = None, verify: bool = False, **_: Any
) -> Screen:
    """One hotline's card: ``hotline_id`` (its id in the content) says which.

    ``verify``: the person calls to check what a caller or a message said, not to report.
    """
    from guardian.ui.hotline import HotlineScreen

    if not isinstance(hotline_id, str):
        raise TypeError(f"the hotline_card route needs a hotline id, not {hotline_id!r}")
    return HotlineScreen(ctx, hotline_id, verify=verify)


def _bank_choice(ctx: AppContext, verify: bool = False, **_: Any) -> Screen:
    """The bank hotlines to pick from (``verify``: to check a story, the card's back first)."""
    from guardian.ui.bank_choice import BankChoiceScreen

    return BankChoiceScreen(ctx, verify=verify)


def _verify(ctx: AppContext, target: object = None, **_: Any) -> Screen:
    """Call them yourself and ask: ``target`` (a VerifyTarget, or its id) says whom.

    One number opens its card at once; only the person's bank, the banks; else the list.
    """
    from guardian.core.content import VerifyTarget
    from guardian.ui.verify import VerifyScreen
    from guardian.ui.verify_widgets import resolved

    if isinstance(target, str):
        target = ctx.content.verify_target(target)
    if not isinstance(target, VerifyTarget):
        raise TypeError(f"the verify route needs a VerifyTarget, not {target!r}")
    target = resolved(ctx, target) or target
    if target.single is not None:
        return _hotline_card(ctx, target.single, verify=True)
    if target.own_bank and not target.hotlines and not target.notes:
        return _bank_choice(ctx, verify=True)
    return VerifyScreen(ctx, target)


def _remote_warning(ctx: AppContext, found: object = None, **_: Any) -> Screen:
    """The warning about remote-control programs: ``found`` (a list of Found) says which."""
    from guardian.ui.remote_warning import RemoteAppWarningScreen

    if not isinstance(found, list):
        raise TypeError(f"the remote_warning route needs a list of programs, not {found!r}")
    return RemoteAppWarningScreen(ctx, found)


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
        return _hotline_card(ctx, bank)
    return _bank_choice(ctx)


def _report_card(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.report_card import ReportCardScreen

    return ReportCardScreen(ctx)


def _history(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.history import HistoryScreen

    return HistoryScreen(ctx)


def _check_message(ctx: AppContext, **_: Any) -> Screen:
    from guardian.ui.check_message import CheckMessageScreen

    return CheckMessageScreen(ctx)


def _camera_capture(
    ctx: AppContext,
    on_picture: Callable[[Any], object] | None = None,
    video: object = None,
    **_: Any,
) -> Screen:
    """The camera's live picture and "拍下来"; ``on_picture`` gets the picture taken (a QImage).

    ``video``: a video file (a Path) played instead of the camera.
    """
    from pathlib import Path

    from guardian.ui.camera_screen import CameraScreen

    if video is not None and not isinstance(video, Path):
        raise TypeError(f"the camera_capture route needs a Path for video, not {video!r}")
    return CameraScreen(ctx, on_picture, video)


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


def _family_setup(ctx: AppContext, only: object = None, **_: Any) -> Screen:
    """The first set-up: ``only`` (a step) to do just that step, None for the whole sequence."""
    from guardian.core.setup_state import SETUP_STEPS
    from guardian.ui.family.setup import SetupScreen

    step = next((s for s in SETUP_STEPS if s == only), None)
    if only is not None and step is None:
        raise TypeError(f"the family_setup route needs a set-up step, not {only!r}")
    return SetupScreen(ctx, only=step)


def _family_setup_pin(ctx: AppContext, **_: Any) -> Screen:
    """The PIN pad as the first set-up's step; back to the set-up once the PIN is set."""
    from guardian.ui.family.pin import SetupPinScreen

    return SetupPinScreen(ctx)


def _family_contacts(ctx: AppContext, **_: Any) -> Screen:
    """The family's contacts, to add, change, order and delete."""
    from guardian.ui.family.contacts import ContactListScreen

    return ContactListScreen(ctx, for_channels=False)


def _family_channels(ctx: AppContext, **_: Any) -> Screen:
    """The contacts again, to choose whose alert channels to set up."""
    from guardian.ui.family.contacts import ContactListScreen

    return ContactListScreen(ctx, for_channels=True)


def _family_contact_form(
    ctx: AppContext,
    contact: object = None,
    after_save: Callable[[], None] | None = None,
    **_: Any,
) -> Screen:
    """One contact's form: ``contact`` (a Contact) to change, none to add a new one.

    ``after_save``: "save" then calls it once the contact is saved (the first set-up goes
    back to its page this way); without it the form stays open after saving.
    """
    from guardian.core.contacts import Contact
    from guardian.ui.family.contact_form import ContactFormScreen

    if contact is not None and not isinstance(contact, Contact):
        raise TypeError(f"the family_contact_form route needs a Contact, not {contact!r}")
    form = ContactFormScreen(ctx, contact)
    if after_save is not None:
        form.save_button.clicked.disconnect()
        form.save_button.clicked.connect(lambda _=False: form.save_then(after_save))
    return form


def _family_channel_kind(
    ctx: AppContext,
    contact_name: str = "",
    on_done: Callable[[ChannelConfig], None] | None = None,
    **_: Any,
) -> Screen:
    """The kinds of alert channel, for ``contact_name``; then the chosen kind's form.

    ``on_done`` is called with the new channel once its form is filled in.
    """
    from guardian.ui.family.channels import ChannelKindScreen

    if on_done is None:
        raise TypeError("the family_channel_kind route needs on_done")
    return ChannelKindScreen(ctx, contact_name, on_done)


def _family_channel_form(
    ctx: AppContext,
    kind: object = None,
    channel: object = None,
    on_done: Callable[[ChannelConfig], None] | None = None,
    **_: Any,
) -> Screen:
    """The form of one alert channel: ``kind`` (its id), ``channel`` to change or None.

    ``on_done`` is called with the checked channel.
    """
    from guardian.core.contacts import ChannelConfig
    from guardian.ui.family.channels import ChannelFormScreen

    if not isinstance(kind, str) or on_done is None:
        raise TypeError(f"the family_channel_form route needs a kind and on_done, not {kind!r}")
    if channel is not None and not isinstance(channel, ChannelConfig):
        raise TypeError(f"the family_channel_form route needs a ChannelConfig, not {channel!r}")
    return ChannelFormScreen(ctx, kind, channel, on_done)


def _family_voice(ctx: AppContext, **_: Any) -> Screen:
    """The voice: reading aloud, speed and loudness."""
    from guardian.ui.family.voice import VoiceSettingsScreen

    return VoiceSettingsScreen(ctx)


def _family_display(ctx: AppContext, **_: Any) -> Screen:
    """Text size and language."""
    from guardian.ui.family.display import DisplaySettingsScreen

    return DisplaySettingsScreen(ctx)


def _family_bank(ctx: AppContext, on_chosen: Callable[[], None] | None = None, **_: Any) -> Screen:
    """The person's bank; ``on_chosen`` is called after a bank (not "none") is chosen."""
    from guardian.ui.family.bank import BankSettingScreen

    screen = BankSettingScreen(ctx)
    if on_chosen is not None:
        for bank_id, button in screen.buttons.items():
            if bank_id:
                button.clicked.connect(lambda _=False: on_chosen())
    return screen


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
        "hotline_card": _hotline_card,
        "bank_choice": _bank_choice,
        "remote_warning": _remote_warning,
        "money_sent": _money_sent,
        "report_card": _report_card,
        "tip": _tip,
        "history": _history,
        "check_message": _check_message,
        "camera_capture": _camera_capture,
        "demo": _demo,
        "family_settings": _family_settings,
        "call_family": _call_family,
        "history_detail": _history_detail,
        # Behind the PIN: from outside the family settings these open the PIN pad instead.
        "family_hub": _behind_pin(_family_hub),
        "family_contacts": _behind_pin(_family_contacts),
        "family_channels": _behind_pin(_family_channels),
        "family_contact_form": _behind_pin(_family_contact_form),
        "family_channel_kind": _behind_pin(_family_channel_kind),
        "family_channel_form": _behind_pin(_family_channel_form),
        "family_setup": _behind_pin(_family_setup),
        "family_setup_pin": _behind_pin(_family_setup_pin),
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
