"""The big buttons that reach a person now: the family, 110 and 96110.

They are the verdict's own buttons (:data:`guardian.ui.verdict.VERDICT_ACTIONS`: the same words,
pictograms, colours and routes), so a result that is not a call verdict (a checked message or
number) offers help exactly as the verdict does. Where the computer cannot dial, a calling
button says so honestly: its words come from the verdict's "<key>_show" ("看 110 号码").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QWidget

from guardian.ui.context import AppContext
from guardian.ui.phone import can_dial
from guardian.ui.verdict import CALLING_ACTIONS, VERDICT_ACTIONS
from guardian.ui.widgets import BigButton

CALL_FOR_HELP: tuple[str, ...] = ("call_family", "call_police", "call_antifraud")
"""The actions of the buttons that reach a person, in the order they are shown."""


def action_button(
    ctx: AppContext, action: str, *, pictogram: bool = True, dials: bool | None = None
) -> BigButton:
    """The verdict's button for ``action`` ("call_family", "call_police", ...).

    Args:
        ctx: the shared app context.
        action: the action's name, which is also the route its press opens.
        pictogram: with the pictogram beside the words (False: the words alone, centred).
        dials: whether this computer can dial (asked when not given).

    Raises:
        KeyError: the verdict has no button for ``action``.
    """
    for name, key, icon, role in VERDICT_ACTIONS:
        if name == action:
            if name in CALLING_ACTIONS and not (can_dial(ctx) if dials is None else dials):
                key = f"{key}_show"
            return BigButton(
                ctx.t(key),
                icon if pictogram else None,
                role=role,
                icon_px=ctx.theme.button_icon_px,
                description=ctx.t(f"{key}_description"),
            )
    raise KeyError(f"the verdict has no button for {action!r}")


def action_row(
    ctx: AppContext,
    on_action: Callable[[str], None],
    actions: Sequence[str] = CALL_FOR_HELP,
) -> tuple[QWidget, dict[str, BigButton]]:
    """The buttons for ``actions`` side by side in one row, each calling ``on_action(name)``.

    At the two larger text sizes the words fill the buttons and the colours tell them apart:
    a pictogram beside or above the words would make the row too wide or too tall for the
    first page of a window 1024 by 768 pixels.

    Returns:
        The row, and its buttons by action name.
    """
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(16)
    buttons: dict[str, BigButton] = {}
    dials = can_dial(ctx)
    for name in actions:
        button = action_button(ctx, name, pictogram=ctx.theme.roomy, dials=dials)
        button.clicked.connect(lambda _=False, n=name: on_action(n))
        layout.addWidget(button, 1)
        buttons[name] = button
    return row, buttons
