"""Alert channels: pick a kind, then fill in a short form built from the kind's field list.

The family never writes an address, except for "other" (an Apprise URL). Passwords and tokens
are typed into fields that show dots (a "show" button reveals them for checking).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QVBoxLayout, QWidget

from guardian.core.channels import (
    CHANNEL_GROUPS,
    CHANNEL_KINDS,
    ChannelKind,
    FieldSpec,
    build_apprise_url,
    normalize_channel,
    validate_channel,
)
from guardian.core.contacts import ChannelConfig
from guardian.ui.context import AppContext
from guardian.ui.family.common import FamilyScreen, FormField, replace_or_show
from guardian.ui.widgets import BigButton, BigComboBox, label

ChannelDone = Callable[[ChannelConfig], None]


class ChannelKindScreen(FamilyScreen):
    """Every kind of alert channel as a big button, in groups: WeChat first, then email.

    The kinds that need a work group, a program or a server of one's own wait behind "more (for
    people who know computers)".

    Args:
        ctx: the shared app context.
        contact_name: whom the channel is for (shown in the question).
        on_done: called with the new channel when its form is filled in.
    """

    title_key = "channel.kind_title"

    def __init__(
        self,
        ctx: AppContext,
        contact_name: str,
        on_done: ChannelDone,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.on_done = on_done
        name = contact_name or ctx.t("channel.this_contact")
        self.prompt = label(ctx.t("channel.kind_prompt", name=name), "heading")
        self.body.addWidget(self.prompt)
        self.hint = label(ctx.t("channel.kind_hint"), "soft")
        self.body.addWidget(self.hint)
        self.buttons: dict[str, BigButton] = {}
        self.more = QWidget()
        for group in CHANNEL_GROUPS:
            kinds = [kind for kind in CHANNEL_KINDS.values() if kind.group == group]
            if group == "more":
                self.more_button = BigButton(ctx.t("channel.group_more"), None, role=None)
                self.more_button.clicked.connect(lambda _=False: self.show_more())
                self.body.addWidget(self.more_button)
                more_layout = QVBoxLayout(self.more)
                more_layout.setContentsMargins(0, 0, 0, 0)
                more_layout.setSpacing(12)
                more_layout.addWidget(label(ctx.t("channel.group_more_hint"), "soft"))
                more_layout.addLayout(self._grid(kinds))
                self.more.setVisible(False)
                self.body.addWidget(self.more)
            else:
                self.body.addWidget(label(ctx.t(f"channel.group_{group}"), "heading"))
                self.body.addWidget(label(ctx.t(f"channel.group_{group}_hint"), "soft"))
                self.body.addLayout(self._grid(kinds))
        self.body.addStretch(1)

    def _grid(self, kinds: list[ChannelKind]) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = 3 if self.ctx.theme.roomy else 2
        for index, kind in enumerate(kinds):
            button = BigButton(self.ctx.t(kind.label_key), None, role=None)
            button.clicked.connect(lambda _=False, k=kind.id: self.choose(k))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[kind.id] = button
        return grid

    def spoken_text(self) -> str:
        """The question and which to choose when unsure."""
        return self.ctx.sentences(self.prompt.text(), self.hint.text())

    def show_more(self) -> None:
        """Show the other kinds (for people who know computers) in place of their button."""
        self.more_button.setVisible(False)
        self.more.setVisible(True)
        first = next(iter(b for k, b in self.buttons.items() if CHANNEL_KINDS[k].group == "more"))
        first.setFocus()
        self.scroll_area.ensureWidgetVisible(self.more, 0, 40)

    def choose(self, kind: str) -> None:
        """Open the form of ``kind`` in place of this list."""
        replace_or_show(self.ctx, ChannelFormScreen(self.ctx, kind, None, self.on_done))


class ChannelFormScreen(FamilyScreen):
    """The form of one channel; "OK" checks every field and hands the channel back.

    Args:
        ctx: the shared app context.
        kind: the channel kind's id.
        channel: the channel being edited, or None for a new one.
        on_done: called with the checked channel (the same id when editing).
    """

    def __init__(
        self,
        ctx: AppContext,
        kind: str,
        channel: ChannelConfig | None,
        on_done: ChannelDone,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.kind: ChannelKind = CHANNEL_KINDS[kind]
        self.channel = channel
        self.on_done = on_done
        self.result: ChannelConfig | None = None
        self.intro = label(ctx.t(f"channel.intro_{kind}"))
        self.body.addWidget(self.intro)
        self.fields: dict[str, FormField] = {}
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        values = channel.fields if channel is not None else {}
        for spec in self.kind.fields:
            self._add_field(spec, values.get(spec.name, ""))
        self.body.addStretch(1)
        self.ok_button = self.button("channel.ok", "answer_yes", role="primary", action=self.save)
        self.action_row.addWidget(self.ok_button)
        self._initial = self.values()

    def title(self) -> str:
        """The kind's name."""
        return self.ctx.t("channel.form_title", kind=self.ctx.t(self.kind.label_key))

    def spoken_text(self) -> str:
        """The title and how to get what the form asks for."""
        return self.ctx.sentences(self.title(), self.intro.text())

    def _add_field(self, spec: FieldSpec, value: str) -> None:
        ctx = self.ctx
        theme = ctx.theme
        caption = ctx.t(
            "channel.required" if spec.required else "channel.optional",
            label=ctx.t(spec.label_key),
        )
        extra: tuple[QWidget, ...] = ()
        widget: QLineEdit | QComboBox
        if spec.type == "choice":
            combo = BigComboBox(ctx.theme)
            for choice, key in spec.choices:
                combo.addItem(ctx.t(key), choice)
            index = combo.findData(value or spec.default)
            combo.setCurrentIndex(max(0, index))
            widget = combo
        else:
            edit = QLineEdit(value)
            edit.setMinimumHeight(theme.min_target_px)
            if spec.secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                show = BigButton(ctx.t("channel.show"), None, role=None)
                show.setAccessibleName(ctx.t("channel.show_description", label=caption))
                show.clicked.connect(lambda _=False, e=edit, b=show: self._toggle_secret(e, b))
                extra = (show,)
            edit.textChanged.connect(lambda _=None, n=spec.name: self.fields[n].set_error(""))
            widget = edit
        widget.setAccessibleName(ctx.t(spec.label_key))
        hint = ctx.t(spec.hint_key) if spec.hint_key else ""
        field = FormField(caption, widget, hint, extra)
        self.fields[spec.name] = field
        self.inputs[spec.name] = widget
        self.body.addWidget(field)

    def _toggle_secret(self, edit: QLineEdit, button: BigButton) -> None:
        hidden = edit.echoMode() == QLineEdit.EchoMode.Password
        edit.setEchoMode(QLineEdit.EchoMode.Normal if hidden else QLineEdit.EchoMode.Password)
        button.text_widget.setText(self.ctx.t("channel.hide" if hidden else "channel.show"))

    def set_value(self, name: str, value: str) -> None:
        """Fill in one field (as the family would type it)."""
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        else:
            widget.setText(value)

    def values(self) -> dict[str, str]:
        """What the form holds, by field name."""
        out: dict[str, str] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                out[name] = str(widget.currentData() or "")
            else:
                out[name] = widget.text()
        return out

    def errors(self) -> dict[str, str]:
        """The error shown under each field that has one."""
        return {n: f.error_text() for n, f in self.fields.items() if f.error_text()}

    def unsaved(self) -> bool:
        """Whether a field was changed and the channel not handed back yet."""
        return self.result is None and self.values() != self._initial

    def save_then(self, leave: Callable[[], None]) -> None:
        """Hand the channel back when every field is right, then call ``leave``."""
        if self.accept():
            leave()

    def save(self) -> None:
        """Check every field; show each problem under its field, or hand the channel back."""
        if self.accept():
            self.ctx.navigator().back()

    def accept(self) -> bool:
        """Check every field: show each problem under its field (False), or hand it back."""
        ctx = self.ctx
        values = self.values()
        problems = validate_channel(self.kind.id, values)
        for name, field in self.fields.items():
            problem = problems.get(name)
            field.set_error(problem.sentence(ctx.t) if problem else "")
        if problems:
            spoken = [
                ctx.t(
                    "family.error_line",
                    field=ctx.t(spec.label_key),
                    error=problems[spec.name].sentence(ctx.t),
                )
                for spec in self.kind.fields
                if spec.name in problems
            ]
            if "kind" in problems:
                spoken.append(problems["kind"].sentence(ctx.t))
            self.show_message("\n".join([ctx.t("channel.fix_errors"), *spoken]), speak=False)
            ctx.say(ctx.sentences(ctx.t("channel.fix_errors"), *spoken))
            self.show_first_error(list(self.fields.values()))
            return False
        clean = normalize_channel(self.kind.id, values)
        try:
            build_apprise_url(self.kind.id, clean)
        except ValueError:
            self.show_message(ctx.t("channel.cannot_use"))
            return False
        self.result = ChannelConfig(
            self.kind.id, clean, self.channel.id if self.channel is not None else None
        )
        self.on_done(self.result)
        return True
