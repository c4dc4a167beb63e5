"""Which program on this computer dials ``tel:`` addresses: Phone Link, FaceTime, KDE Connect...

Plain functions and small file reads, no Qt and no child process, so the answer comes at once
and a screen can ask before it shows a "call" button. The screens ask through
``guardian.ui.phone``, the one place that decides whether the computer can dial.

- Linux and the other free Unix desktops: the ``x-scheme-handler/tel`` entry of the XDG
  ``mimeapps.list`` files (the one the person or the desktop chose), then the programs that
  say they take ``tel:`` (``mimeinfo.cache``); the program's menu entry gives its name.
- Windows: the program the person chose for ``tel`` links, else the one registered for it.
- macOS: FaceTime, which comes with every Mac and takes ``tel:`` (through a paired iPhone).

Example::

    name = find_tel_handler("zh")
    if name is None:
        ...  # nothing dials: show the number to dial on the phone
"""

from __future__ import annotations

import configparser
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

TEL_MIME = "x-scheme-handler/tel"
MAC_TEL_HANDLER = "FaceTime"
WINDOWS_CHOICE_KEY = r"Software\Microsoft\Windows\Shell\Associations\UrlAssociations\tel\UserChoice"


def find_tel_handler(
    lang: str = "zh",
    *,
    platform: str = sys.platform,
    environ: Mapping[str, str] | None = None,
) -> str | None:
    """The name of the program that dials ``tel:`` here, or None when nothing can.

    An empty name means a program takes ``tel:`` but does not say what it is called.

    Args:
        lang: the language of the name, where the program gives one per language.
        platform: ``sys.platform`` of the computer.
        environ: the environment (the XDG folders); the process's own when omitted.
    """
    if platform == "darwin":
        return MAC_TEL_HANDLER
    if platform == "win32":
        return _windows_tel_handler()
    return xdg_tel_handler(lang, os.environ if environ is None else environ)


# -- the free Unix desktops (XDG) ------------------------------------------------------------


def _folders(
    environ: Mapping[str, str], home_name: str, home_default: str, dirs_name: str, dirs_default: str
) -> list[Path]:
    home = environ.get(home_name) or str(Path(environ.get("HOME") or Path.home()) / home_default)
    dirs = environ.get(dirs_name) or dirs_default
    return [Path(home)] + [Path(d) for d in dirs.split(":") if d]


def _read_ini(path: Path) -> configparser.ConfigParser | None:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    try:
        parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None
    return parser


def _ids(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def _mimeapps_lists(environ: Mapping[str, str]) -> Iterator[Path]:
    """The ``mimeapps.list`` files, the most important first (XDG MIME applications spec)."""
    desktops = [d.lower() for d in environ.get("XDG_CURRENT_DESKTOP", "").split(":") if d]
    names = [f"{desktop}-mimeapps.list" for desktop in desktops] + ["mimeapps.list"]
    config = _folders(environ, "XDG_CONFIG_HOME", ".config", "XDG_CONFIG_DIRS", "/etc/xdg")
    for folder in config:
        for name in names:
            yield folder / name
    for folder in application_folders(environ):
        for name in names:
            yield folder / name


def application_folders(environ: Mapping[str, str]) -> list[Path]:
    """The folders that hold programs' menu entries (``.desktop`` files), in order."""
    data = _folders(
        environ, "XDG_DATA_HOME", ".local/share", "XDG_DATA_DIRS", "/usr/local/share:/usr/share"
    )
    return [folder / "applications" for folder in data]


def _desktop_entry(desktop_id: str, environ: Mapping[str, str]) -> configparser.SectionProxy | None:
    for folder in application_folders(environ):
        path = folder / desktop_id
        if path.is_file():
            parser = _read_ini(path)
            if parser is None or not parser.has_section("Desktop Entry"):
                return None
            entry = parser["Desktop Entry"]
            if entry.get("Hidden", "").strip().lower() == "true":
                return None
            return entry
    return None


def _entry_name(entry: configparser.SectionProxy, desktop_id: str, lang: str) -> str:
    keys = ("Name[zh_CN]", "Name[zh]", "Name") if lang == "zh" else ("Name[en]", "Name")
    for key in keys:
        name = entry.get(key, "").strip()
        if name:
            return name
    return desktop_id.removesuffix(".desktop")


def xdg_tel_handler(lang: str, environ: Mapping[str, str]) -> str | None:
    """The ``tel:`` program of an XDG desktop: the chosen one, else one that takes it."""
    chosen: list[str] = []
    added: list[str] = []
    removed: set[str] = set()
    for path in _mimeapps_lists(environ):
        if not path.is_file():
            continue
        parser = _read_ini(path)
        if parser is None:
            continue
        if parser.has_option("Default Applications", TEL_MIME):
            chosen += _ids(parser.get("Default Applications", TEL_MIME))
        if parser.has_option("Added Associations", TEL_MIME):
            added += _ids(parser.get("Added Associations", TEL_MIME))
        if parser.has_option("Removed Associations", TEL_MIME):
            removed |= set(_ids(parser.get("Removed Associations", TEL_MIME)))
    offered: list[str] = []
    for folder in application_folders(environ):
        cache = folder / "mimeinfo.cache"
        if cache.is_file():
            parser = _read_ini(cache)
            if parser is not None and parser.has_option("MIME Cache", TEL_MIME):
                offered += _ids(parser.get("MIME Cache", TEL_MIME))
    others = [i for i in added + offered if i not in removed]
    for desktop_id in chosen + others:
        entry = _desktop_entry(desktop_id, environ)
        if entry is not None:
            return _entry_name(entry, desktop_id, lang)
    return None


# -- Windows ---------------------------------------------------------------------------------


def _windows_tel_handler() -> str | None:  # pragma: no cover - runs on Windows only
    if sys.platform != "win32":
        return None
    import winreg

    prog_id = ""
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_CHOICE_KEY) as key:
            prog_id = str(winreg.QueryValueEx(key, "ProgId")[0])
    except OSError:
        prog_id = ""
    if not prog_id:
        try:
            with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"tel\shell\open\command"):
                prog_id = "tel"
        except OSError:
            return None
    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, rf"{prog_id}\Application") as key:
            name = str(winreg.QueryValueEx(key, "ApplicationName")[0])
    except OSError:
        name = ""
    if name.startswith("@"):  # a pointer into a program's resources, not a name
        name = ""
    if not name and ("YourPhone" in prog_id or "PhoneLink" in prog_id):
        name = "Phone Link"
    return name
