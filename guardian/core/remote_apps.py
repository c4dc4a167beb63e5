"""Remote-control, meeting and screen-sharing programs, and how to recognise their processes.

A fraudster who gets the person to run one of these programs can watch the screen while codes
and passwords are typed, or take over the computer. ``assets/content/remote_apps.toml`` lists
the programs; :func:`parse_remote_apps` checks the parsed file strictly (unknown keys, missing
keys, duplicate ids, a missing language, unsafe name rules) and names the bad entry in its
error. :func:`match_processes` is the matcher: a pure function over a list of processes, so it
can be tested with made-up process lists for every operating system. Listing the real
processes is done elsewhere (the core does no I/O).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, NoReturn

from guardian.core.i18n import Text
from guardian.core.toml_checks import ID_PATTERN, ContentError, Entry, Fail, Limit

OsName = Literal["windows", "macos", "linux"]
OS_NAMES: tuple[OsName, ...] = ("windows", "macos", "linux")

NAME_LIMIT = Limit(zh=16, en=48)
CLOSE_STEPS_LIMIT = Limit(zh=60, en=180)

# A "*" rule must keep at least this many characters, so it cannot match common programs.
MIN_PARTIAL_LENGTH = 4

FILE_NAME = "remote_apps.toml"

_APP_KEYS = ("id", "name", "kind", "close_steps", *OS_NAMES)
_REQUIRED_KEYS = ("id", "name", "kind", "close_steps")


class RemoteAppsError(ContentError):
    """``remote_apps.toml`` is malformed; the message names the entry."""


class AppKind(str, Enum):
    """What a program does that makes it dangerous during a fraud call."""

    REMOTE_CONTROL = "remote_control"
    MEETING = "meeting"
    SCREEN_SHARE = "screen_share"


@dataclass(frozen=True)
class NameRule:
    """One way to recognise a program by its process name, ignoring case.

    Attributes:
        text: the name or the part of it to look for, in lower case.
        where: "exact" (the whole name), "prefix", "suffix" or "contains".
    """

    text: str
    where: Literal["exact", "prefix", "suffix", "contains"]

    @classmethod
    def parse(cls, rule: str) -> NameRule:
        """Read a rule as written in the data file.

        ``"Zoom.exe"`` is an exact name, ``"vncserver*"`` a prefix, ``"*_host.exe"`` a suffix and
        ``"*anydesk*"`` a part found anywhere.

        Raises:
            ValueError: the rule is empty, has a "*" in the middle, is too short to be
                distinctive, or (with a "*") is not written in lower case.
        """
        if rule != rule.strip() or not rule:
            raise ValueError(f"{rule!r} is empty or starts or ends with blank space")
        starts = rule.startswith("*")
        ends = rule.endswith("*") and len(rule) > 1
        text = rule[1 if starts else 0 : len(rule) - 1 if ends else len(rule)]
        if "*" in text or "?" in text:
            raise ValueError(f"{rule!r} may have a '*' only at its start or end")
        if not starts and not ends:
            return cls(text.lower(), "exact")
        if len(text) < MIN_PARTIAL_LENGTH:
            raise ValueError(
                f"{rule!r} is too short to be distinctive "
                f"(at least {MIN_PARTIAL_LENGTH} characters besides '*')"
            )
        if text != text.lower():
            raise ValueError(f"{rule!r} must be written in lower case")
        if starts and ends:
            return cls(text, "contains")
        return cls(text, "suffix" if starts else "prefix")

    def matches(self, name: str) -> bool:
        """Return whether ``name`` (already in lower case) fits this rule."""
        if self.where == "exact":
            return name == self.text
        if self.where == "prefix":
            return name.startswith(self.text)
        if self.where == "suffix":
            return name.endswith(self.text)
        return self.text in name


@dataclass(frozen=True)
class RemoteApp:
    """A program that lets someone else see or control the computer.

    Attributes:
        id: stable id ("anydesk").
        name: the name people know it by.
        kind: remote control, meeting or screen sharing.
        rules: the process-name rules for each operating system that has any.
        close_steps: one or two short sentences on how to close it.
    """

    id: str
    name: Text
    kind: AppKind
    rules: Mapping[OsName, tuple[NameRule, ...]]
    close_steps: Text

    def rules_for(self, os_name: OsName) -> tuple[NameRule, ...]:
        """Return the rules for ``os_name`` (empty when the program does not run there)."""
        return self.rules.get(os_name, ())

    def matches(self, names: Iterable[str], os_name: OsName) -> bool:
        """Return whether any of ``names`` (in lower case) fits a rule for ``os_name``."""
        rules = self.rules_for(os_name)
        return any(rule.matches(name) for name in names for rule in rules)


@dataclass(frozen=True)
class ProcessInfo:
    """What the matcher needs to know about one running process.

    Attributes:
        pid: the process id.
        name: the process name, or None when it could not be read.
        exe: the full path of its program file, or None when it could not be read (another
            user's process, a process that has just ended).
    """

    pid: int
    name: str | None
    exe: str | None = None


@dataclass(frozen=True)
class Found:
    """A listed program that is running.

    Attributes:
        app: the program.
        pids: the ids of its processes, in increasing order.
    """

    app: RemoteApp
    pids: tuple[int, ...]


def os_name_for(platform: str) -> OsName:
    """Return which process names apply on ``platform``.

    Args:
        platform: a ``sys.platform`` value ("win32", "darwin", "linux"...), or an
            :data:`OsName` itself. Other Unix-like systems use the Linux names.
    """
    value = platform.lower()
    if value in ("windows", "win32", "cygwin", "msys"):
        return "windows"
    if value in ("macos", "darwin"):
        return "macos"
    return "linux"


def process_names(process: ProcessInfo) -> set[str]:
    """Return the lower-case names a process goes by: its name and its program's file name.

    The file name is taken after the last slash or backslash, so Windows paths are read
    correctly on every system.
    """
    names: set[str] = set()
    if process.name:
        names.add(process.name.lower())
    if process.exe:
        base = re.split(r"[\\/]", process.exe)[-1]
        if base:
            names.add(base.lower())
    return names


def match_processes(
    apps: Iterable[RemoteApp], processes: Iterable[ProcessInfo], platform: str
) -> list[Found]:
    """Return the listed programs that have a process in ``processes``.

    A process belongs to a program when its name or its program's file name fits one of the
    program's rules for the operating system, ignoring case. A process is counted for the
    first program it fits only.

    Args:
        apps: the programs to look for, in the order they should be reported.
        processes: the running processes.
        platform: a ``sys.platform`` value or an :data:`OsName`.

    Returns:
        one :class:`Found` per running program, in the order of ``apps``.
    """
    os_name = os_name_for(platform)
    candidates = [app for app in apps if app.rules_for(os_name)]
    pids: dict[str, set[int]] = {}
    for process in processes:
        names = process_names(process)
        if not names:
            continue
        for app in candidates:
            if app.matches(names, os_name):
                pids.setdefault(app.id, set()).add(process.pid)
                break
    return [Found(app, tuple(sorted(pids[app.id]))) for app in candidates if app.id in pids]


# ---------------------------------------------------------------------------------------------
# Parsing and validation


def parse_remote_apps(raw: Mapping[str, Any]) -> tuple[RemoteApp, ...]:
    """Check the parsed ``remote_apps.toml`` and return its programs in file order.

    Args:
        raw: the parsed file (a table with one ``app`` array of tables).

    Raises:
        RemoteAppsError: the file is malformed; the message names the entry and the problem.
    """
    if not isinstance(raw, Mapping):
        raise RemoteAppsError(f"{FILE_NAME}: expected a table, found {type(raw).__name__}")
    unknown = [key for key in raw if key != "app"]
    if unknown:
        raise RemoteAppsError(f"{FILE_NAME}: unknown key {', '.join(map(repr, unknown))}")
    tables = raw.get("app")
    if not isinstance(tables, list) or not tables:
        raise RemoteAppsError(f"{FILE_NAME}: app must be a non-empty array of tables ([[app]])")
    apps: list[RemoteApp] = []
    seen: dict[str, int] = {}
    for number, table in enumerate(tables, start=1):
        app = _parse_app(number, table, seen)
        seen[app.id] = number
        apps.append(app)
    return tuple(apps)


def _parse_app(number: int, table: object, seen: Mapping[str, int]) -> RemoteApp:
    where = f"{FILE_NAME}, app #{number}"

    def fail(problem: str) -> NoReturn:
        raise RemoteAppsError(f"{where}: {problem}")

    if not isinstance(table, Mapping):
        fail(f"expected a table, found {type(table).__name__}")
    app_id = table.get("id")
    if app_id is None:
        fail("id is missing")
    if not isinstance(app_id, str) or not ID_PATTERN.match(app_id):
        fail(f"id {app_id!r} must be lower case letters, digits and underscores")
    where = f"{FILE_NAME}, app {app_id!r}"
    if app_id in seen:
        fail(f"duplicate id (also app #{seen[app_id]})")
    entry = Entry(where, table, required=_REQUIRED_KEYS, optional=_APP_KEYS, error=RemoteAppsError)

    kind_value = table["kind"]
    try:
        kind = AppKind(kind_value)
    except ValueError:
        fail(f"kind {kind_value!r} must be one of {', '.join(k.value for k in AppKind)}")

    rules: dict[OsName, tuple[NameRule, ...]] = {}
    for os_name in OS_NAMES:
        if os_name in table:
            rules[os_name] = _parse_rules(fail, os_name, table[os_name])
    if not rules:
        fail(f"no process names: give at least one of {', '.join(OS_NAMES)}")

    return RemoteApp(
        id=app_id,
        name=entry.text("name", NAME_LIMIT),
        kind=kind,
        rules=rules,
        close_steps=entry.text("close_steps", CLOSE_STEPS_LIMIT),
    )


def _parse_rules(fail: Fail, os_name: OsName, value: object) -> tuple[NameRule, ...]:
    if not isinstance(value, list) or not value:
        fail(f"{os_name} must be a non-empty list of process names")
    rules: list[NameRule] = []
    for item in value:
        if not isinstance(item, str):
            fail(f"{os_name} holds {item!r}, which is not a process name")
        try:
            rule = NameRule.parse(item)
        except ValueError as error:
            fail(f"{os_name}: {error}")
        if rule.where == "exact" and os_name == "windows" and not rule.text.endswith(".exe"):
            fail(f"{os_name}: {item!r} must end in .exe (or use a '*' rule)")
        if rule in rules:
            fail(f"{os_name} names {item!r} twice")
        rules.append(rule)
    return tuple(rules)
