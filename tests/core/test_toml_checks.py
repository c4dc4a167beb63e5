"""Every content file is checked by one set of rules and reports problems in the same words."""

from __future__ import annotations

from typing import Any

import pytest

from guardian.core.content import ContentError as ContentErrorFromContent
from guardian.core.content import parse_content
from guardian.core.remote_apps import RemoteAppsError, parse_remote_apps
from guardian.core.toml_checks import ContentError, Entry, Limit


def app(**changes: Any) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": "anydesk",
        "name": {"zh": "AnyDesk", "en": "AnyDesk"},
        "kind": "remote_control",
        "close_steps": {"zh": "点右上角的叉。", "en": "Click the cross at the top right."},
        "windows": ["AnyDesk.exe"],
    }
    table.update(changes)
    return {"app": [table]}


def test_the_content_error_is_one_class() -> None:
    assert ContentErrorFromContent is ContentError
    assert issubclass(RemoteAppsError, ContentError)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ({"zh": 7, "en": "AnyDesk"}, "name.zh must be a string, found a number"),
        ({"zh": "AnyDesk"}, "name.en is missing"),
        ({"zh": " AnyDesk", "en": "AnyDesk"}, "name.zh starts or ends with blank space"),
        ({"zh": "远" * 17, "en": "AnyDesk"}, "name.zh is 17 characters long; the limit is 16"),
    ],
)
def test_remote_apps_and_other_content_name_a_text_problem_alike(
    name: dict[str, object], problem: str
) -> None:
    with pytest.raises(RemoteAppsError) as remote:
        parse_remote_apps(app(name=name))
    assert str(remote.value) == f"remote_apps.toml, app 'anydesk': {problem}"
    with pytest.raises(ContentError) as other:
        Entry("signals.toml, signal 'x'", {"name": name}, required=["name"]).text(
            "name", Limit(zh=16, en=48)
        )
    assert str(other.value) == f"signals.toml, signal 'x': {problem}"


def test_an_unknown_or_missing_key_is_named_in_every_file() -> None:
    with pytest.raises(RemoteAppsError, match=r"app 'anydesk': unknown key 'colour'"):
        parse_remote_apps(app(colour="red"))
    table = app()
    del table["app"][0]["kind"]
    with pytest.raises(RemoteAppsError, match=r"app 'anydesk': kind is missing"):
        parse_remote_apps(table)
    with pytest.raises(ContentError, match=r"signals.toml: expected a table, found a list"):
        parse_content({"signals": []})  # type: ignore[dict-item]
