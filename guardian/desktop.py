"""Guardian on the desktop: the menu entry, the desktop icon, and starting at login.

Plain functions and small file writes, no Qt, so the command line and the family settings
share them and tests run them in a temporary home folder.

- ``install_desktop`` / ``uninstall_desktop``: the XDG menu entry, a launcher on the desktop
  and the icon, on Linux (and the other free Unix desktops).
- ``set_autostart`` / ``autostart_enabled``: start Guardian when the person signs in, with the
  file each system reads at login: an XDG autostart entry on Linux, a ``.cmd`` script in the
  Startup folder on Windows, a LaunchAgent on macOS.

The program started is this one: ``python -m guardian`` with this Python in a source or
pip install, the program itself in a frozen build (see ``default_command``).

Where a function takes ``home``, None means the person's real home folder, and only then are
the ``XDG_CONFIG_HOME`` / ``XDG_DATA_HOME`` / ``APPDATA`` variables honoured: a home folder
given explicitly (a test's, say) is laid out with the defaults, so nothing is written outside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import plistlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Union

from guardian.assets import asset_path, load_catalog
from guardian.core.i18n import LANGS, Lang
from guardian.storage.paths import xdg_home

Command = Union[str, "os.PathLike[str]", Sequence[str]]
"""A program to start: one path (str or path-like, never split), or a whole argument list."""

APP_ID = "guardian"
"""The file name stem of the desktop entries and the icon (``guardian.desktop``)."""

NAME_KEY = "app.title"
"""The catalog key of the name shown under the icon and in the menu."""
COMMENT_KEY = "app.comment"
"""The catalog key of the line the menu shows about Guardian."""
KEYWORDS_KEY = "app.keywords"
"""The catalog key of the words the menu's search finds Guardian by (``;``-separated)."""
WM_CLASS = "Guardian"
"""The window class Qt gives Guardian's windows (its application name), for taskbar matching."""

LAUNCH_AGENT_LABEL = "org.guardian.app"
WINDOWS_STARTUP_NAME = "Guardian.cmd"
ICON_SIZE = 256

# Characters that make an argument of Exec= need quotes (Desktop Entry Specification).
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_DESKTOP_DIR_LINE = re.compile(r'^\s*XDG_DESKTOP_DIR\s*=\s*"(.*)"\s*$')


class UnsupportedPlatformError(RuntimeError):
    """This system has no XDG desktop.

    Attributes:
        steps_key: the catalog key of the sentence that says what to do instead.
    """

    def __init__(self, steps_key: str) -> None:
        super().__init__(steps_key)
        self.steps_key = steps_key


# --- the command that starts Guardian -------------------------------------------------------


def default_command() -> list[str]:
    """The command that starts Guardian's window the way this process was started.

    Frozen build: the program itself (on Windows ``guardian.exe``, also when this is
    ``guardian-cli.exe``). Source or pip install: this Python with ``-m guardian``
    (``pythonw.exe`` on Windows when there is one, so no console window opens).
    """
    program = Path(sys.executable)
    if getattr(sys, "frozen", False):
        if program.stem.endswith("-cli"):
            window = program.with_name(program.stem[: -len("-cli")] + program.suffix)
            if window.exists():
                program = window
        return [str(program)]
    if sys.platform == "win32":
        quiet = program.with_name("pythonw.exe")
        if quiet.exists():
            program = quiet
    return [str(program), "-m", "guardian"]


def command_arguments(executable: Command | None = None) -> list[str]:
    """``executable`` as an argument list; ``default_command()`` when None."""
    if executable is None:
        return default_command()
    if isinstance(executable, (str, os.PathLike)):
        return [os.fspath(executable)]
    arguments = [str(argument) for argument in executable]
    if not arguments:
        raise ValueError("the command to start Guardian is empty")
    return arguments


# --- folders ---------------------------------------------------------------------------------


def _home(home: Path | str | None) -> Path:
    return Path.home() if home is None else Path(home)


def config_home(home: Path | str | None = None) -> Path:
    """``$XDG_CONFIG_HOME``, or ``~/.config``."""
    return xdg_home("XDG_CONFIG_HOME", ".config", home)


def data_home(home: Path | str | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share``."""
    return xdg_home("XDG_DATA_HOME", ".local/share", home)


def desktop_dir(home: Path | str | None = None) -> Path | None:
    """The desktop folder, or None when there is none to put a launcher on.

    ``XDG_DESKTOP_DIR`` from ``user-dirs.dirs`` (``~/桌面`` on a Chinese system), else the
    ``XDG_DESKTOP_DIR`` variable, else ``~/Desktop``; None when that folder does not exist or
    is the home folder itself (which is how a desktop folder is turned off).
    """
    base = _home(home)
    chosen: Path | None = None
    user_dirs = config_home(home) / "user-dirs.dirs"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for line in user_dirs.read_text(encoding="utf-8").splitlines():
            found = _DESKTOP_DIR_LINE.match(line)
            if found:
                chosen = _user_dir(found.group(1), base)
    if chosen is None and home is None:
        value = os.environ.get("XDG_DESKTOP_DIR", "")
        chosen = Path(value) if value and Path(value).is_absolute() else None
    if chosen is None:
        chosen = base / "Desktop"
    if not chosen.is_dir() or chosen == base:
        return None
    return chosen


def _user_dir(value: str, home: Path) -> Path | None:
    value = value.replace('\\"', '"').replace("\\\\", "\\")
    if value == "$HOME":
        return home
    if value.startswith("$HOME/"):
        return home / value[len("$HOME/") :]
    return Path(value) if value.startswith("/") else None


def menu_entry_path(home: Path | str | None = None) -> Path:
    """Where the menu entry goes: ``~/.local/share/applications/guardian.desktop``."""
    return data_home(home) / "applications" / f"{APP_ID}.desktop"


def installed_icon_path(home: Path | str | None = None, *, scalable: bool = False) -> Path:
    """Where the icon goes: ``~/.local/share/icons/hicolor/256x256/apps/guardian.png``."""
    if scalable:
        return data_home(home) / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    size = f"{ICON_SIZE}x{ICON_SIZE}"
    return data_home(home) / "icons" / "hicolor" / size / "apps" / f"{APP_ID}.png"


def icon_source() -> Path:
    """Guardian's icon among its assets: the 256 px PNG, or the SVG when the PNG is missing."""
    png = asset_path("icons", f"app-{ICON_SIZE}.png")
    return png if png.is_file() else asset_path("icons", "app.svg")


# --- file contents ---------------------------------------------------------------------------


def _entry_value(text: str) -> str:
    """``text`` with the string escapes of the desktop entry format."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def _exec_argument(argument: str) -> str:
    if argument and not _EXEC_RESERVED.intersection(argument):
        quoted = argument
    else:
        quoted = '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'
    return quoted.replace("%", "%%")


def exec_value(arguments: Sequence[str]) -> str:
    """The ``Exec=`` value that runs ``arguments``: quoted, then string-escaped (the spec's way)."""
    return _entry_value(" ".join(_exec_argument(argument) for argument in arguments))


def desktop_entry_text(
    executable: Command | None,
    icon_path: Path | str,
    lang: Lang = "zh",
    *,
    autostart: bool = False,
) -> str:
    """The text of Guardian's ``.desktop`` file.

    Args:
        executable: the program (or argument list) to start; ``default_command()`` when None.
        icon_path: the icon file named by ``Icon=`` (an absolute path is safest).
        lang: the language of the plain ``Name`` and ``Comment``; both languages are always
            there as ``Name[zh_CN]`` and ``Name[en]`` for the desktop's own language.
        autostart: add the keys of an entry in ``~/.config/autostart``.
    """
    catalog = load_catalog()

    def localized(field: str, key: str) -> list[str]:
        value = _entry_value(catalog.get(lang, key))
        others = (
            f"{field}[{_locale(other)}]={_entry_value(catalog.get(other, key))}" for other in LANGS
        )
        return [f"{field}={value}", *others]

    keywords = catalog.get(lang, KEYWORDS_KEY) + catalog.get(_other(lang), KEYWORDS_KEY)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        *localized("Name", NAME_KEY),
        *localized("Comment", COMMENT_KEY),
        f"Keywords={_entry_value(keywords)}",
        f"Exec={exec_value(command_arguments(executable))}",
        f"Icon={_entry_value(str(icon_path))}",
        "Terminal=false",
        "Categories=Utility;",
        "StartupNotify=true",
        f"StartupWMClass={WM_CLASS}",
    ]
    if autostart:
        lines += ["X-GNOME-Autostart-enabled=true", "X-KDE-autostart-after=panel"]
    return "\n".join(lines) + "\n"


def _locale(lang: Lang) -> str:
    return "zh_CN" if lang == "zh" else lang


def _other(lang: Lang) -> Lang:
    return "en" if lang == "zh" else "zh"


def windows_startup_script(executable: Command | None = None) -> str:
    """The ``Guardian.cmd`` put in the Windows Startup folder: it starts Guardian and ends.

    The file is UTF-8 and switches the console to UTF-8 first (``chcp 65001``), so a program
    path with Chinese characters (a user folder named 张三) is read right. ``start ""`` returns
    at once, so the console window closes as Guardian opens.
    """
    arguments = [f'"{argument}"' for argument in command_arguments(executable)]
    lines = [
        "@echo off",
        "chcp 65001 >nul",
        "rem Starts Guardian when this user signs in. Written by Guardian's family settings:",
        "rem turn the switch off there, or delete this file.",
        'start "" ' + " ".join(argument.replace("%", "%%") for argument in arguments),
    ]
    return "\r\n".join(lines) + "\r\n"


def launch_agent_plist(executable: Command | None = None) -> bytes:
    """The macOS LaunchAgent that starts Guardian at login (``RunAtLoad``), as XML."""
    agent = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": command_arguments(executable),
        "RunAtLoad": True,
        "KeepAlive": False,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    return plistlib.dumps(agent, fmt=plistlib.FMT_XML, sort_keys=False)


# --- the menu entry and the desktop launcher -------------------------------------------------


def _is_xdg(platform: str) -> bool:
    return platform not in ("win32", "cygwin", "darwin")


def _write(path: Path, data: bytes, mode: int = 0o644) -> Path:
    """Write ``data`` to ``path`` at once (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def mark_trusted(path: Path) -> None:
    """Let the desktop start the launcher ``path`` on a double click, where it can be done.

    Makes it executable (KDE, and GNOME's desktop icons extension, ask for that), and with
    ``gio`` marks it trusted for GNOME and records its checksum for Xfce. Best effort: a
    desktop that still asks shows "Allow launching" on the icon's menu.
    """
    path.chmod(0o755)
    gio = shutil.which("gio")
    if gio is None:
        return
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    for attribute in (
        ["metadata::trusted", "true"],
        ["-t", "string", "metadata::xfce-exe-checksum", checksum],
    ):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                [gio, "set", str(path), *attribute],
                capture_output=True,
                timeout=5,
                check=False,
            )


def install_desktop(
    home: Path | str | None = None,
    executable: Command | None = None,
    *,
    lang: Lang = "zh",
    platform: str = sys.platform,
    trust: bool = True,
) -> list[Path]:
    """Put Guardian in the application menu and on the desktop (XDG desktops).

    Writes the icon (``~/.local/share/icons/hicolor/256x256/apps/guardian.png``), the menu
    entry (``~/.local/share/applications/guardian.desktop``) and a copy of it on the desktop
    folder when there is one, marked as a trusted program where that can be done. Running it
    again rewrites the same files (a moved program folder is found again).

    Args:
        home: the home folder; the person's own when None.
        executable: the program to start; ``default_command()`` when None.
        lang: the language of the names shown.
        platform: ``sys.platform`` of the system written for.
        trust: mark the desktop launcher trusted (``mark_trusted``).

    Returns:
        The files written: icon, menu entry, then the desktop launcher if any.

    Raises:
        UnsupportedPlatformError: Windows or macOS, which have no XDG desktop.
        OSError: a file could not be written.
    """
    if not _is_xdg(platform):
        raise UnsupportedPlatformError(manual_shortcut_steps(platform))
    source = icon_source()
    icon = installed_icon_path(home, scalable=source.suffix == ".svg")
    _write(icon, source.read_bytes())
    text = desktop_entry_text(executable, icon, lang).encode("utf-8")
    written = [icon, _write(menu_entry_path(home), text)]
    desktop = desktop_dir(home)
    if desktop is not None:
        launcher = _write(desktop / f"{APP_ID}.desktop", text, 0o755)
        if trust:
            mark_trusted(launcher)
        written.append(launcher)
    return written


def uninstall_desktop(
    home: Path | str | None = None, *, platform: str = sys.platform
) -> list[Path]:
    """Remove what ``install_desktop`` and ``set_autostart`` wrote; return the files removed.

    The start-at-login file goes too, so that nothing tries to start a Guardian that is
    being removed. Files that are not there are passed over.
    """
    candidates = [autostart_path(platform, home)]
    if _is_xdg(platform):
        desktop = desktop_dir(home)
        candidates += [
            menu_entry_path(home),
            *([desktop / f"{APP_ID}.desktop"] if desktop is not None else []),
            installed_icon_path(home),
            installed_icon_path(home, scalable=True),
        ]
    removed = []
    for path in candidates:
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    return removed


def manual_shortcut_steps(platform: str = sys.platform) -> str:
    """The catalog key of the steps to make a desktop shortcut where ``install_desktop`` cannot."""
    if platform == "darwin":
        return "cli.desktop_steps_macos"
    return "cli.desktop_steps_windows"


# --- start at login --------------------------------------------------------------------------


def autostart_path(platform: str = sys.platform, home: Path | str | None = None) -> Path:
    r"""The file that starts Guardian at login on ``platform``.

    - Linux and other XDG systems: ``~/.config/autostart/guardian.desktop``
      (``$XDG_CONFIG_HOME/autostart`` when set).
    - Windows: ``%APPDATA%\Microsoft\Windows\Start Menu\Programs\Startup\Guardian.cmd``.
    - macOS: ``~/Library/LaunchAgents/org.guardian.app.plist``.
    """
    if platform in ("win32", "cygwin"):
        appdata = os.environ.get("APPDATA", "") if home is None else ""
        roaming = Path(appdata) if appdata else _home(home) / "AppData" / "Roaming"
        startup = roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        return startup / WINDOWS_STARTUP_NAME
    if platform == "darwin":
        return _home(home) / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    return config_home(home) / "autostart" / f"{APP_ID}.desktop"


def autostart_file_content(
    platform: str = sys.platform, executable: Command | None = None, *, lang: Lang = "zh"
) -> bytes:
    """What ``set_autostart(True)`` writes on ``platform``."""
    if platform in ("win32", "cygwin"):
        return windows_startup_script(executable).encode("utf-8")
    if platform == "darwin":
        return launch_agent_plist(executable)
    return desktop_entry_text(executable, icon_source(), lang, autostart=True).encode("utf-8")


def set_autostart(
    enabled: bool,
    platform: str = sys.platform,
    home: Path | str | None = None,
    executable: Command | None = None,
    *,
    lang: Lang = "zh",
) -> Path:
    """Start Guardian when the person signs in (``enabled``), or stop doing so.

    Writes or removes ``autostart_path(platform, home)``; turning it on again rewrites the file
    with the current program (a moved folder is found again). Takes effect at the next login.

    Args:
        enabled: start at login or not.
        platform: ``sys.platform`` of the system written for.
        home: the home folder; the person's own when None.
        executable: the program to start; ``default_command()`` when None.
        lang: the language of the entry's name (Linux).

    Returns:
        The path of the start-at-login file (written, or now absent).

    Raises:
        OSError: the file could not be written or removed.
    """
    path = autostart_path(platform, home)
    if enabled:
        _write(path, autostart_file_content(platform, executable, lang=lang))
    else:
        path.unlink(missing_ok=True)
    return path


def autostart_enabled(platform: str = sys.platform, home: Path | str | None = None) -> bool:
    """Whether Guardian starts at login: its file is there and not switched off.

    On Linux, an entry that the desktop's own start-up settings turned off (``Hidden=true`` or
    ``X-GNOME-Autostart-enabled=false``) counts as off.
    """
    path = autostart_path(platform, home)
    if not path.is_file():
        return False
    if not _is_xdg(platform):
        return True
    try:
        lines = {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()}
    except (OSError, UnicodeDecodeError):
        return False
    return not lines & {"hidden=true", "x-gnome-autostart-enabled=false"}
