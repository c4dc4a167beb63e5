"""The list of remote-control programs: every entry checked, bad entries refused, the matcher."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from guardian.assets import read_toml
from guardian.core.i18n import LANGS
from guardian.core.remote_apps import (
    CLOSE_STEPS_LIMIT,
    FILE_NAME,
    NAME_LIMIT,
    OS_NAMES,
    AppKind,
    Found,
    NameRule,
    ProcessInfo,
    RemoteApp,
    RemoteAppsError,
    match_processes,
    os_name_for,
    parse_remote_apps,
    process_names,
)

Raw = dict[str, Any]


@pytest.fixture(scope="module")
def raw_file() -> Raw:
    return read_toml("content", FILE_NAME)


@pytest.fixture
def raw(raw_file: Raw) -> Raw:
    """A fresh copy of the parsed file, free to break."""
    return copy.deepcopy(raw_file)


@pytest.fixture(scope="module")
def apps(raw_file: Raw) -> tuple[RemoteApp, ...]:
    return parse_remote_apps(raw_file)


def app_ids(found: list[Found]) -> list[str]:
    return [item.app.id for item in found]


def procs(*names: str, exe_dir: str | None = None) -> list[ProcessInfo]:
    """Processes with pids 100, 101... named ``names`` (with a program path in ``exe_dir``)."""
    return [
        ProcessInfo(100 + n, name, f"{exe_dir}{name}" if exe_dir is not None else None)
        for n, name in enumerate(names)
    ]


# --- the real file, entry by entry ---------------------------------------------------------------


REQUIRED_IDS = [
    "anydesk", "teamviewer", "todesk", "sunlogin", "awesun", "rustdesk", "ultraviewer",
    "quick_assist", "chrome_remote_desktop", "uu_remote", "splashtop", "vnc_server",
    "remote_utilities", "logmein", "parsec", "tencent_meeting", "zoom", "dingtalk", "teams",
    "skype", "feishu",
]  # fmt: skip


def test_the_file_lists_every_required_program(apps: tuple[RemoteApp, ...]) -> None:
    assert set(REQUIRED_IDS) <= {app.id for app in apps}
    assert len({app.id for app in apps}) == len(apps)


def test_every_entry_is_complete(apps: tuple[RemoteApp, ...]) -> None:
    for app in apps:
        for lang in LANGS:
            assert app.name.get(lang).strip(), app.id
            assert len(app.name.get(lang)) <= getattr(NAME_LIMIT, lang), app.id
            steps = app.close_steps.get(lang)
            assert steps.strip(), app.id
            assert len(steps) <= getattr(CLOSE_STEPS_LIMIT, lang), app.id
            # One or two short sentences.
            ends = "。" if lang == "zh" else "."
            assert steps.endswith(ends), app.id
            assert 1 <= steps.count(ends) <= 2 + (lang == "en"), app.id
        assert isinstance(app.kind, AppKind)
        assert app.rules, app.id
        for os_name, rules in app.rules.items():
            assert os_name in OS_NAMES
            assert rules, app.id


def test_every_program_runs_on_windows(apps: tuple[RemoteApp, ...]) -> None:
    # Most people the app protects use Windows: every program must be recognised there.
    assert [app.id for app in apps if not app.rules_for("windows")] == []


@pytest.mark.parametrize(
    ("platform", "process_name", "app_id"),
    [
        ("win32", "AnyDesk.exe", "anydesk"),
        ("win32", "TeamViewer.exe", "teamviewer"),
        ("win32", "TeamViewer_Service.exe", "teamviewer"),
        ("win32", "TeamViewerQS_zhcn.exe", "teamviewer"),
        ("win32", "ToDesk.exe", "todesk"),
        ("win32", "ToDesk_Service.exe", "todesk"),
        ("win32", "SunloginClient.exe", "sunlogin"),
        ("win32", "AweSun.exe", "awesun"),
        ("win32", "rustdesk.exe", "rustdesk"),
        ("win32", "UltraViewer_Desktop.exe", "ultraviewer"),
        ("win32", "QuickAssist.exe", "quick_assist"),
        ("win32", "remoting_host.exe", "chrome_remote_desktop"),
        ("win32", "wemeetapp.exe", "tencent_meeting"),
        ("win32", "Zoom.exe", "zoom"),
        ("win32", "CptHost.exe", "zoom"),
        ("win32", "DingTalk.exe", "dingtalk"),
        ("win32", "ms-teams.exe", "teams"),
        ("win32", "Teams.exe", "teams"),
        ("win32", "Skype.exe", "skype"),
        ("win32", "SRServer.exe", "splashtop"),
        ("win32", "tvnserver.exe", "vnc_server"),
        ("win32", "winvnc.exe", "vnc_server"),
        ("win32", "rutserv.exe", "remote_utilities"),
        ("win32", "LogMeIn.exe", "logmein"),
        ("win32", "parsecd.exe", "parsec"),
        ("win32", "Feishu.exe", "feishu"),
        ("win32", "Lark.exe", "feishu"),
        ("darwin", "AnyDesk", "anydesk"),
        ("darwin", "TeamViewer", "teamviewer"),
        ("darwin", "zoom.us", "zoom"),
        ("darwin", "SunloginClient", "sunlogin"),
        ("darwin", "MSTeams", "teams"),
        ("darwin", "Microsoft Teams", "teams"),
        ("darwin", "TencentMeeting", "tencent_meeting"),
        ("darwin", "RustDesk", "rustdesk"),
        ("linux", "anydesk", "anydesk"),
        ("linux", "rustdesk", "rustdesk"),
        ("linux", "x11vnc", "vnc_server"),
        ("linux", "Xvnc", "vnc_server"),
        ("linux", "vncserver-x11-core", "vnc_server"),
        ("linux", "teamviewerd", "teamviewer"),
        ("linux", "zoom", "zoom"),
        ("linux", "wemeetapp", "tencent_meeting"),
        ("linux", "chrome-remote-desktop-host", "chrome_remote_desktop"),
        ("linux", "sunloginclient", "sunlogin"),
    ],
)
def test_known_process_names_are_recognised(
    apps: tuple[RemoteApp, ...], platform: str, process_name: str, app_id: str
) -> None:
    assert app_ids(match_processes(apps, procs(process_name), platform)) == [app_id]


# --- the matcher ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "process_name"),
    [
        # Harmless programs whose names look alike.
        ("win32", "ZoomIt.exe"),
        ("win32", "ZoomIt64.exe"),
        ("win32", "Zoom"),  # a Windows rule names the .exe
        ("win32", "Skyped.exe"),
        ("win32", "teamsbackup.exe"),
        ("win32", "parse.exe"),
        ("win32", "vncviewer.exe"),  # looking at another computer, not being looked at
        ("win32", "msedge.exe"),
        ("win32", "explorer.exe"),
        ("win32", "svchost.exe"),
        ("win32", "quickassist"),
        ("darwin", "zoom"),
        ("darwin", "Finder"),
        ("linux", "zoomit"),
        ("linux", "zoom.us"),
        ("linux", "steams"),
        ("linux", "vncviewer"),
        ("linux", "python3"),
        ("linux", "systemd"),
        ("linux", "larks"),
    ],
)
def test_near_miss_names_are_not_recognised(
    apps: tuple[RemoteApp, ...], platform: str, process_name: str
) -> None:
    assert match_processes(apps, procs(process_name), platform) == []


def test_case_is_ignored(apps: tuple[RemoteApp, ...]) -> None:
    names = ("ANYDESK.EXE", "zoom.exe", "QUICKASSIST.EXE", "todesk.EXE")
    found = match_processes(apps, procs(*names), "win32")
    assert app_ids(found) == ["anydesk", "todesk", "quick_assist", "zoom"]


def test_each_os_uses_its_own_names(apps: tuple[RemoteApp, ...]) -> None:
    assert app_ids(match_processes(apps, procs("Zoom.exe"), "darwin")) == []
    assert app_ids(match_processes(apps, procs("zoom.us"), "win32")) == []
    assert app_ids(match_processes(apps, procs("zoom.us"), "darwin")) == ["zoom"]
    assert app_ids(match_processes(apps, procs("zoom"), "linux")) == ["zoom"]
    # Quick Assist is Windows only.
    assert match_processes(apps, procs("QuickAssist"), "darwin") == []


def test_the_program_file_name_is_used_when_the_name_is_cut_short_or_missing(
    apps: tuple[RemoteApp, ...],
) -> None:
    processes = [
        # Linux cuts process names to 15 characters; the program path still has the whole name.
        ProcessInfo(7, "chrome-remote-d", "/opt/google/crd/chrome-remote-desktop-host"),
        ProcessInfo(8, None, r"C:\Program Files (x86)\AnyDesk\AnyDesk.exe"),
        ProcessInfo(9, "", "/Applications/zoom.us.app/Contents/MacOS/zoom.us"),
        ProcessInfo(10, None, None),
    ]  # fmt: skip
    assert app_ids(match_processes(apps, processes[:1], "linux")) == ["chrome_remote_desktop"]
    assert app_ids(match_processes(apps, processes[1:2], "win32")) == ["anydesk"]
    assert app_ids(match_processes(apps, processes[2:], "darwin")) == ["zoom"]


def test_windows_paths_are_split_on_every_system() -> None:
    info = ProcessInfo(1, "a.exe", r"C:\Program Files\ToDesk\ToDesk.exe")
    assert process_names(info) == {"a.exe", "todesk.exe"}
    assert process_names(ProcessInfo(2, None, "/usr/bin/x11vnc")) == {"x11vnc"}
    assert process_names(ProcessInfo(3, None, None)) == set()


def test_a_folder_name_alone_does_not_match(apps: tuple[RemoteApp, ...]) -> None:
    # Only the file name counts: an uninstaller or helper in an AnyDesk folder is not AnyDesk.
    processes = [ProcessInfo(5, "helper.exe", r"C:\Program Files\AnyDesk\helper.exe")]
    assert match_processes(apps, processes, "win32") == []


def test_pids_are_gathered_per_program_in_order(apps: tuple[RemoteApp, ...]) -> None:
    processes = [
        ProcessInfo(30, "TeamViewer_Service.exe", None),
        ProcessInfo(12, "TeamViewer.exe", None),
        ProcessInfo(5, "AnyDesk.exe", None),
        ProcessInfo(40, "explorer.exe", None),
        ProcessInfo(6, "AnyDesk.exe", None),
    ]
    found = match_processes(apps, processes, "win32")
    assert [(item.app.id, item.pids) for item in found] == [
        ("anydesk", (5, 6)),
        ("teamviewer", (12, 30)),
    ]


def test_no_processes_finds_nothing(apps: tuple[RemoteApp, ...]) -> None:
    assert match_processes(apps, [], "linux") == []


@pytest.mark.parametrize(
    ("platform", "os_name"),
    [
        ("win32", "windows"),
        ("cygwin", "windows"),
        ("windows", "windows"),
        ("darwin", "macos"),
        ("macos", "macos"),
        ("linux", "linux"),
        ("freebsd14", "linux"),
    ],
)
def test_platform_names(platform: str, os_name: str) -> None:
    assert os_name_for(platform) == os_name


@pytest.mark.parametrize(
    ("rule", "name", "expected"),
    [
        ("Zoom.exe", "zoom.exe", True),
        ("Zoom.exe", "zoomit.exe", False),
        ("vncserver*", "vncserver-x11", True),
        ("vncserver*", "xvncserver", False),
        ("*_host.exe", "remoting_host.exe", True),
        ("*_host.exe", "remoting_host.exe.bak", False),
        ("*anydesk*", "my-anydesk (1).exe", True),
    ],
)
def test_name_rules(rule: str, name: str, expected: bool) -> None:
    assert NameRule.parse(rule).matches(name) is expected


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("", "empty"),
        (" zoom", "blank space"),
        ("*vnc*", "too short"),
        ("*", "too short"),
        ("*AnyDesk*", "lower case"),
        ("any*desk", "only at its start or end"),
        ("any?desk", "only at its start or end"),
    ],
)
def test_bad_name_rules_are_refused(rule: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        NameRule.parse(rule)


# --- refusals: every problem names the entry -----------------------------------------------------


def entry(raw: Raw, app_id: str) -> dict[str, Any]:
    return next(table for table in raw["app"] if table.get("id") == app_id)


BREAKAGES: list[tuple[str, Callable[[Raw], object], str]] = [
    (
        "unknown key",
        lambda raw: entry(raw, "zoom").update(colour="blue"),
        "remote_apps.toml, app 'zoom': unknown key 'colour'",
    ),
    (
        "unknown os",
        lambda raw: entry(raw, "zoom").update(android=["zoom"]),
        "remote_apps.toml, app 'zoom': unknown key 'android'",
    ),
    (
        "duplicate id",
        lambda raw: raw["app"].append(copy.deepcopy(entry(raw, "anydesk"))),
        "remote_apps.toml, app 'anydesk': duplicate id (also app #1)",
    ),
    (
        "missing language",
        lambda raw: entry(raw, "todesk")["close_steps"].pop("en"),
        "remote_apps.toml, app 'todesk': close_steps.en is missing",
    ),
    (
        "unknown language",
        lambda raw: entry(raw, "todesk")["name"].update(fr="ToDesk"),
        "remote_apps.toml, app 'todesk': unknown key 'name.fr'",
    ),
    (
        "text not a table",
        lambda raw: entry(raw, "skype").update(name="Skype"),
        "remote_apps.toml, app 'skype': name must give every language",
    ),
    (
        "empty text",
        lambda raw: entry(raw, "skype")["name"].update(zh=" "),
        "remote_apps.toml, app 'skype': name.zh is empty",
    ),
    (
        "too long",
        lambda raw: entry(raw, "skype")["close_steps"].update(zh="关" * 61),
        "remote_apps.toml, app 'skype': close_steps.zh is 61 characters long; the limit is 60",
    ),
    (
        "missing key",
        lambda raw: entry(raw, "parsec").pop("kind"),
        "remote_apps.toml, app 'parsec': kind is missing",
    ),
    (
        "bad kind",
        lambda raw: entry(raw, "parsec").update(kind="game"),
        "remote_apps.toml, app 'parsec': kind 'game' must be one of remote_control, meeting",
    ),
    (
        "no process names",
        lambda raw: [entry(raw, "quick_assist").pop("windows")],
        "remote_apps.toml, app 'quick_assist': no process names",
    ),
    (
        "empty list",
        lambda raw: entry(raw, "parsec").update(linux=[]),
        "remote_apps.toml, app 'parsec': linux must be a non-empty list",
    ),
    (
        "not a list",
        lambda raw: entry(raw, "parsec").update(linux="parsecd"),
        "remote_apps.toml, app 'parsec': linux must be a non-empty list",
    ),
    (
        "not a string",
        lambda raw: entry(raw, "parsec").update(linux=[3]),
        "remote_apps.toml, app 'parsec': linux holds 3",
    ),
    (
        "windows name without .exe",
        lambda raw: entry(raw, "zoom").update(windows=["Zoom"]),
        "remote_apps.toml, app 'zoom': windows: 'Zoom' must end in .exe",
    ),
    (
        "rule too broad",
        lambda raw: entry(raw, "zoom").update(windows=["*zoo*"]),
        "remote_apps.toml, app 'zoom': windows: '*zoo*' is too short",
    ),
    (
        "rule twice",
        lambda raw: entry(raw, "zoom").update(linux=["zoom", "Zoom"]),
        "remote_apps.toml, app 'zoom': linux names 'Zoom' twice",
    ),
    (
        "missing id",
        lambda raw: raw["app"][2].pop("id"),
        "remote_apps.toml, app #3: id is missing",
    ),
    (
        "bad id",
        lambda raw: raw["app"][2].update(id="To Desk"),
        "remote_apps.toml, app #3: id 'To Desk' must be lower case",
    ),
    (
        "entry not a table",
        lambda raw: raw["app"].insert(1, "anydesk"),
        "remote_apps.toml, app #2: expected a table",
    ),
    (
        "unknown top-level key",
        lambda raw: raw.update(apps=[]),
        "remote_apps.toml: unknown key 'apps'",
    ),
    (
        "no apps",
        lambda raw: raw.update(app=[]),
        "remote_apps.toml: app must be a non-empty array of tables",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "message"),
    [pytest.param(b, m, id=name) for name, b, m in BREAKAGES],
)
def test_bad_entries_are_refused_by_name(
    raw: Raw, breakage: Callable[[Raw], object], message: str
) -> None:
    breakage(raw)
    with pytest.raises(RemoteAppsError) as caught:
        parse_remote_apps(raw)
    assert str(caught.value).startswith(message)


def test_the_file_parses_to_frozen_objects(apps: tuple[RemoteApp, ...]) -> None:
    anydesk = apps[0]
    assert anydesk.id == "anydesk"
    assert anydesk.kind is AppKind.REMOTE_CONTROL
    with pytest.raises(AttributeError):
        anydesk.id = "x"  # type: ignore[misc]
