"""Every catalog key the code asks for exists in every language (a missing one shows the key).

The code is read, not run: every string written in ``guardian/`` that looks like a catalog key
("pin.ok", "history.kind_call") and begins with one of the catalogs' sections must be in both
catalogs; keys put together while the app runs (``f"history.kind_{kind}"``) are listed below
from the very values the code puts in them, and every such pattern in the code must be listed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardian.assets import load_catalog
from guardian.core.alert_message import ALERT_EVENTS
from guardian.core.channels import CHANNEL_GROUPS, CHANNEL_KINDS
from guardian.core.content import VERDICT_IDS
from guardian.core.i18n import LANGS, Catalog
from guardian.core.records import ANSWERS, KINDS
from guardian.core.scenarios import DIFFICULTY_MAX, DIFFICULTY_MIN
from guardian.core.setup_state import SETUP_STEPS
from guardian.doctor import CHECKS
from guardian.storage.outbox import FAILURES, STATUSES
from guardian.ui.action_buttons import CALL_FOR_HELP
from guardian.ui.verdict import VERDICT_ACTIONS

PACKAGE = Path(__file__).resolve().parents[1] / "guardian"
KEY = re.compile(r"[a-z][a-z_]*(\.[a-z0-9_]+)+")

# Strings in the code that look like keys and are not: file names and the PIN's storage rows.
NOT_KEYS = frozenset({"app.svg", "voice.wav", "pin.hash", "pin.lock", "pin.absence"})

# A route with no catalog title is shown with the placeholder's own title (placeholder.py).
LOOKED_UP_WITH_A_FALLBACK = frozenset({"route."})

RECORDED_ACTIONS = (*(action for action, *_ in VERDICT_ACTIONS), *CALL_FOR_HELP)
RECORDED_ACTIONS += ("alert_queued", "continue", "verify")

# Each start of a key put together in the code, and every key it can become.
BUILT_KEYS: dict[str, list[str]] = {
    "channel.group_": [
        f"channel.group_{group}{end}" for group in CHANNEL_GROUPS for end in ("", "_hint")
    ],
    "channel.intro_": [f"channel.intro_{kind}" for kind in CHANNEL_KINDS],
    "doctor.label_": [f"doctor.label_{check}" for check in CHECKS],
    "demo.difficulty_": [f"demo.difficulty_{n}" for n in range(DIFFICULTY_MIN, DIFFICULTY_MAX + 1)],
    "family.lang_": [f"family.lang_{lang}" for lang in LANGS],
    "family.outbox_event_": [f"family.outbox_event_{event}" for event in ALERT_EVENTS],
    "family.outbox_status_": [f"family.outbox_status_{status}" for status in STATUSES],
    "family.outbox_failed_": [f"family.outbox_failed_{failure}" for failure in FAILURES],
    "history.export_": ["history.export_csv", "history.export_json"],
    "history.file_": ["history.file_csv", "history.file_json"],
    "history.kind_": [f"history.kind_{kind}" for kind in KINDS],
    "history.action_": [f"history.action_{action}" for action in RECORDED_ACTIONS],
    "question.": [f"question.{answer}" for answer in ANSWERS],
    "message.now_": [
        f"message.now_{kind}_{verdict}" for kind in ("text", "number") for verdict in VERDICT_IDS
    ],
    "setup.step_": [f"setup.step_{step}{end}" for step in SETUP_STEPS for end in ("", "_why")],
    "verdict.do_now_": [f"verdict.do_now_{verdict}" for verdict in VERDICT_IDS],
    "weekly_note.month_": [f"weekly_note.month_{month}" for month in range(1, 13)],
    "weekly_note.weekday_": [f"weekly_note.weekday_{day}" for day in range(7)],
}


def _sections(catalog: Catalog) -> set[str]:
    return {key.split(".")[0] for lang in LANGS for key in catalog.keys(lang)}


def _strings(tree: ast.AST) -> Iterator[tuple[ast.expr, bool]]:
    """Every string written in ``tree`` but docstrings: (node, whether it starts a built key)."""
    docstrings: set[int] = set()
    inside_built: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
        elif isinstance(node, ast.JoinedStr):
            inside_built.update(id(part) for part in node.values)
            yield node, True
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            inside_built.add(id(node.left))
            yield node.left, True
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings | inside_built:
            yield node, False


def _keys_in_code(sections: set[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The whole keys written in the code, and the starts of built ones, with where they are."""
    whole: dict[str, list[str]] = {}
    starts: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, built in _strings(tree):
            if built and isinstance(node, ast.JoinedStr):
                node = node.values[0] if node.values else node
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            text = node.value
            place = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            if built:
                if (
                    re.fullmatch(r"[a-z][a-z_]*\.[a-z0-9_.]*", text)
                    and text.split(".")[0] in sections
                ):
                    starts.setdefault(text, []).append(place)
            elif KEY.fullmatch(text) and text.split(".")[0] in sections and text not in NOT_KEYS:
                whole.setdefault(text, []).append(place)
    return whole, starts


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_every_key_written_in_the_code_is_in_every_catalog(catalog: Catalog) -> None:
    whole, _ = _keys_in_code(_sections(catalog))
    assert len(whole) > 400  # the reading finds the keys: ctx.t("..."), tuples of keys...
    missing = [
        f"{lang}: {key} ({', '.join(places)})"
        for key, places in sorted(whole.items())
        for lang in LANGS
        if catalog.template(lang, key) is None
    ]
    assert missing == []


def test_the_reading_sees_every_command_line_sentence(catalog: Catalog) -> None:
    """Each ``cli.*`` sentence is found where a command asks for it, so none goes unchecked."""
    whole, _ = _keys_in_code(_sections(catalog))
    cli_keys = {key for lang in LANGS for key in catalog.keys(lang) if key.startswith("cli.")}
    assert len(cli_keys) > 50
    assert sorted(cli_keys - set(whole)) == []
    places = {place.split(":")[0] for key in cli_keys for place in whole[key]}
    assert places <= {
        *(f"guardian/commands/{path.name}" for path in (PACKAGE / "commands").glob("*.py")),
        "guardian/desktop.py",
    }


def test_the_reading_sees_every_sentence_of_the_family_messages(catalog: Catalog) -> None:
    """Each sentence of the alerts and the weekly note is found where the message is written."""
    whole, _ = _keys_in_code(_sections(catalog))
    message_keys = {
        key
        for lang in LANGS
        for key in catalog.keys(lang)
        if key.startswith(("alert.message_", "weekly_note.message_"))
    }
    assert len(message_keys) > 40
    assert sorted(message_keys - set(whole)) == []
    places = {place.split(":")[0] for key in message_keys for place in whole[key]}
    assert places == {"guardian/core/alert_message.py", "guardian/core/weekly_note.py"}


def test_every_key_put_together_in_the_code_is_listed_here(catalog: Catalog) -> None:
    _, starts = _keys_in_code(_sections(catalog))
    unlisted = {
        start: places
        for start, places in starts.items()
        if start not in BUILT_KEYS and start not in LOOKED_UP_WITH_A_FALLBACK
    }
    assert unlisted == {}, "list the keys these can become in BUILT_KEYS"
    assert set(BUILT_KEYS) <= set(starts), "a start no longer in the code: drop it from the list"


@pytest.mark.parametrize("start", sorted(BUILT_KEYS))
def test_every_key_put_together_in_the_code_is_in_every_catalog(
    catalog: Catalog, start: str
) -> None:
    keys = BUILT_KEYS[start]
    assert keys and all(key.startswith(start) for key in keys)
    missing = [
        f"{lang}: {key}" for key in keys for lang in LANGS if catalog.template(lang, key) is None
    ]
    assert missing == []


def test_the_reading_finds_a_missing_key() -> None:
    tree = ast.parse('ctx.t("pin.nowhere")\nctx.t(f"pin.kind_{kind}")\n"""Not a key."""\n')
    found = {
        (node.value if isinstance(node, ast.Constant) else "", built)
        for node, built in _strings(tree)
    }
    assert ("pin.nowhere", False) in found
    assert ("pin.kind_", False) not in found  # the start of a built key is not a whole key
