"""Desktop entry, desktop launcher, start-at-login files, and the application icon files."""

from __future__ import annotations

import importlib.util
import plistlib
import stat
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardian import desktop
from guardian.assets import asset_path, load_catalog
from guardian.cli import main as cli_main
from guardian.core.i18n import LANGS
from tests.conftest import ROOT

XDG_VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DESKTOP_DIR", "APPDATA")


@pytest.fixture(autouse=True)
def _no_xdg_variables(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the machine's own XDG layout, and none can reach the real home."""
    for name in XDG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "real-home"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    (folder / "Desktop").mkdir(parents=True)
    return folder


def parse_entry(text: str) -> dict[str, str]:
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    pairs = [line.split("=", 1) for line in lines[1:] if line and not line.startswith("#")]
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), "a key appears twice"
    return {key: value for key, value in pairs}


def unescape_value(value: str) -> str:
    """The string escapes of the desktop entry format, undone."""
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[following])
        else:
            out.append(char)
    return "".join(out)


def split_exec(value: str) -> list[str]:
    """Exec= split into arguments the way the Desktop Entry Specification reads it."""
    text = unescape_value(value)
    arguments: list[str] = []
    index = 0
    while index < len(text):
        if text[index] == " ":
            index += 1
            continue
        current = []
        if text[index] == '"':
            index += 1
            while text[index] != '"':
                if text[index] == "\\":
                    index += 1
                    assert text[index] in '"`$\\', "only these may be escaped inside quotes"
                current.append(text[index])
                index += 1
            index += 1
        else:
            while index < len(text) and text[index] != " ":
                assert text[index] not in "\"'\\><~|&;$*?#()`", "reserved outside quotes"
                current.append(text[index])
                index += 1
        arguments.append("".join(current).replace("%%", "%"))
    return arguments


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("guardian_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the desktop entry -----------------------------------------------------------------------


def test_the_entry_names_guardian_in_both_languages() -> None:
    zh = parse_entry(desktop.desktop_entry_text(["/opt/guardian/guardian"], "/i/g.png", "zh"))
    en = parse_entry(desktop.desktop_entry_text(["/opt/guardian/guardian"], "/i/g.png", "en"))
    assert zh["Name"] == "防骗守护" and en["Name"] == "Guardian"
    for entry in (zh, en):
        assert entry["Name[zh_CN]"] == "防骗守护" and entry["Name[en]"] == "Guardian"
        assert entry["Comment[zh_CN]"] and entry["Comment[en]"]
        assert entry["Type"] == "Application"
        assert entry["Exec"] == "/opt/guardian/guardian"
        assert entry["Icon"] == "/i/g.png"
        assert entry["Terminal"] == "false"
        assert entry["Categories"] == "Utility;"
        assert "X-GNOME-Autostart-enabled" not in entry
    assert "诈骗" in zh["Comment"] and "fraud" in en["Comment"]


def test_a_single_path_is_one_argument_even_with_spaces() -> None:
    entry = parse_entry(desktop.desktop_entry_text("/home/张 三/Guardian/guardian", "/i", "zh"))
    assert split_exec(entry["Exec"]) == ["/home/张 三/Guardian/guardian"]


def test_the_default_command_is_this_python_with_dash_m_guardian() -> None:
    entry = parse_entry(desktop.desktop_entry_text(None, "/i", "zh"))
    assert split_exec(entry["Exec"]) == [sys.executable, "-m", "guardian"]


@given(
    st.lists(
        st.text(
            st.one_of(
                st.sampled_from(list(" \t\n\"'\\><~|&;$*?#()`%=张")),
                st.characters(blacklist_categories=("Cs", "Cc")),
            ),
            max_size=12,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_argument_list_survives_the_exec_quoting(arguments: list[str]) -> None:
    assert split_exec(desktop.exec_value(arguments)) == arguments


def test_no_entry_text_breaks_a_line() -> None:
    broken = desktop.desktop_entry_text(["/a\nb"], "/icons/x\ny.png", "en")
    plain = desktop.desktop_entry_text(["/a"], "/i", "en")
    assert len(broken.splitlines()) == len(plain.splitlines())


# --- the menu entry and the desktop launcher (Linux) -----------------------------------------


def test_install_writes_the_icon_the_menu_entry_and_the_desktop_launcher(home: Path) -> None:
    written = desktop.install_desktop(home, ["/opt/guardian/guardian"], trust=False)
    icon = home / ".local/share/icons/hicolor/256x256/apps/guardian.png"
    menu = home / ".local/share/applications/guardian.desktop"
    launcher = home / "Desktop/guardian.desktop"
    assert written == [icon, menu, launcher]
    assert icon.read_bytes() == asset_path("icons", "app-256.png").read_bytes()
    assert menu.read_bytes() == launcher.read_bytes()
    entry = parse_entry(menu.read_text(encoding="utf-8"))
    assert entry["Icon"] == str(icon)
    assert entry["Exec"] == "/opt/guardian/guardian"
    assert launcher.stat().st_mode & stat.S_IXUSR, "the desktop launcher must be executable"


def test_install_again_rewrites_the_same_files(home: Path) -> None:
    first = desktop.install_desktop(home, ["/old/guardian"], trust=False)
    second = desktop.install_desktop(home, ["/new/guardian"], trust=False)
    assert first == second
    assert "Exec=/new/guardian" in second[1].read_text(encoding="utf-8")
    leftovers = [p for p in home.rglob(".*") if p.name.startswith(".guardian")]
    assert leftovers == []


def test_the_desktop_folder_comes_from_user_dirs(home: Path) -> None:
    (home / "桌面").mkdir()
    (home / ".config").mkdir()
    (home / ".config/user-dirs.dirs").write_text(
        '# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR="$HOME/桌面"\n'
        'XDG_DOWNLOAD_DIR="$HOME/下载"\n',
        encoding="utf-8",
    )
    written = desktop.install_desktop(home, ["/g"], trust=False)
    assert written[-1] == home / "桌面/guardian.desktop"
    assert not (home / "Desktop/guardian.desktop").exists()


def test_without_a_desktop_folder_only_the_menu_gets_an_entry(tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    written = desktop.install_desktop(bare, ["/g"], trust=False)
    assert [p.name for p in written] == ["guardian.png", "guardian.desktop"]
    assert desktop.desktop_dir(bare) is None


def test_a_desktop_folder_set_to_home_means_none(home: Path) -> None:
    (home / ".config").mkdir()
    (home / ".config/user-dirs.dirs").write_text('XDG_DESKTOP_DIR="$HOME"\n', encoding="utf-8")
    assert desktop.desktop_dir(home) is None


def test_xdg_variables_are_honoured_for_the_real_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real-home"
    (real / "Desktop").mkdir(parents=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    written = desktop.install_desktop(executable=["/g"], trust=False)
    assert written[:2] == [
        tmp_path / "data/icons/hicolor/256x256/apps/guardian.png",
        tmp_path / "data/applications/guardian.desktop",
    ]
    assert written[2] == real / "Desktop/guardian.desktop"
    assert desktop.autostart_path("linux") == tmp_path / "config/autostart/guardian.desktop"


def test_xdg_variables_do_not_move_a_home_given_explicitly(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert desktop.autostart_path("linux", home) == home / ".config/autostart/guardian.desktop"


def test_a_relative_xdg_variable_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    expected = tmp_path / "real-home/.config/autostart/guardian.desktop"
    assert desktop.autostart_path("linux") == expected


def test_the_launcher_is_marked_trusted_with_gio(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = tmp_path / "gio-calls.txt"
    tools = tmp_path / "bin"
    tools.mkdir()
    gio = tools / "gio"
    gio.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n', encoding="utf-8")
    gio.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    launcher = desktop.install_desktop(home, ["/g"])[-1]
    lines = calls.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"set {launcher} metadata::trusted true"
    assert lines[1].startswith(f"set {launcher} -t string metadata::xfce-exe-checksum ")


def test_uninstall_removes_everything_install_and_autostart_wrote(home: Path) -> None:
    written = desktop.install_desktop(home, ["/g"], trust=False)
    autostart = desktop.set_autostart(True, "linux", home, ["/g"])
    removed = desktop.uninstall_desktop(home, platform="linux")
    assert sorted(removed) == sorted([*written, autostart])
    assert not any(path.exists() for path in removed)
    assert desktop.uninstall_desktop(home, platform="linux") == []


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_install_desktop_is_for_xdg_desktops_only(home: Path, platform: str) -> None:
    with pytest.raises(desktop.UnsupportedPlatformError) as raised:
        desktop.install_desktop(home, ["/g"], platform=platform)
    catalog = load_catalog()
    steps = {lang: catalog.template(lang, raised.value.steps_key) or "" for lang in LANGS}
    assert all("docs/INSTALL.md" in sentence for sentence in steps.values())
    assert ("Guardian.app" in steps["en"]) == (platform == "darwin")
    assert ("guardian.exe" in steps["zh"]) == (platform == "win32")
    assert not home.joinpath(".local").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_cli_install_elsewhere_says_what_to_do_in_the_language_chosen(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    monkeypatch.setattr(desktop, "_is_xdg", lambda platform: False)  # as on Windows
    assert cli_main(["install-desktop", "--lang", lang]) == 1
    error = capsys.readouterr().err
    assert "docs/INSTALL.md" in error and "guardian.exe" in error
    assert ("这台电脑不用这个命令" in error) == (lang == "zh")
    assert ("Not needed on this computer" in error) == (lang == "en")


# --- start at login --------------------------------------------------------------------------


def test_autostart_paths_for_each_platform(home: Path) -> None:
    assert desktop.autostart_path("linux", home) == home / ".config/autostart/guardian.desktop"
    assert desktop.autostart_path("freebsd14", home) == desktop.autostart_path("linux", home)
    assert desktop.autostart_path("win32", home) == (
        home / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/Guardian.cmd"
    )
    assert desktop.autostart_path("darwin", home) == (
        home / "Library/LaunchAgents/org.guardian.app.plist"
    )


def test_windows_uses_appdata_for_the_real_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    path = desktop.autostart_path("win32")
    assert path.parent == tmp_path / "Roaming/Microsoft/Windows/Start Menu/Programs/Startup"


def test_linux_autostart_on_and_off(home: Path) -> None:
    assert not desktop.autostart_enabled("linux", home)
    path = desktop.set_autostart(True, "linux", home, ["/opt/guardian/guardian"])
    assert path == home / ".config/autostart/guardian.desktop"
    assert desktop.autostart_enabled("linux", home)
    entry = parse_entry(path.read_text(encoding="utf-8"))
    assert entry["Exec"] == "/opt/guardian/guardian"
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert entry["Name[zh_CN]"] == "防骗守护"
    assert Path(entry["Icon"]).is_file()
    assert desktop.set_autostart(False, "linux", home) == path
    assert not path.exists() and not desktop.autostart_enabled("linux", home)
    desktop.set_autostart(False, "linux", home)  # turning it off twice is fine


def test_an_entry_switched_off_by_the_desktop_counts_as_off(home: Path) -> None:
    path = desktop.set_autostart(True, "linux", home, ["/g"])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Autostart-enabled=true", "Autostart-enabled=false"), "utf-8")
    assert not desktop.autostart_enabled("linux", home)
    path.write_text(text + "Hidden=true\n", encoding="utf-8")
    assert not desktop.autostart_enabled("linux", home)


def test_macos_launch_agent_is_a_valid_plist(home: Path) -> None:
    command = ["/Applications/Guardian.app/Contents/MacOS/guardian"]
    path = desktop.set_autostart(True, "darwin", home, command)
    assert path == home / "Library/LaunchAgents/org.guardian.app.plist"
    with path.open("rb") as handle:
        agent = plistlib.load(handle)
    assert agent["Label"] == "org.guardian.app"
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True
    assert agent["KeepAlive"] is False
    assert desktop.autostart_enabled("darwin", home)
    desktop.set_autostart(False, "darwin", home)
    assert not path.exists() and not desktop.autostart_enabled("darwin", home)


def test_windows_startup_script_starts_the_program_and_ends(home: Path) -> None:
    command = [r"C:\Users\张三\Guardian 100%\guardian.exe"]
    path = desktop.set_autostart(True, "win32", home, command)
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "a byte-order mark breaks the first command"
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == "" and "\n" not in text.replace("\r\n", "")
    assert lines[0] == "@echo off"
    assert lines[1] == "chcp 65001 >nul"
    assert lines[-2] == r'start "" "C:\Users\张三\Guardian 100%%\guardian.exe"'
    assert desktop.autostart_enabled("win32", home)
    desktop.set_autostart(False, "win32", home)
    assert not path.exists() and not desktop.autostart_enabled("win32", home)


def test_windows_startup_script_for_a_source_install() -> None:
    script = desktop.windows_startup_script([r"C:\Python\pythonw.exe", "-m", "guardian"])
    assert r'start "" "C:\Python\pythonw.exe" "-m" "guardian"' in script


def test_a_frozen_console_program_starts_the_window_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "guardian.exe").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "guardian-cli.exe"))
    assert desktop.default_command() == [str(tmp_path / "guardian.exe")]
    monkeypatch.setattr(sys, "executable", str(tmp_path / "guardian"))
    assert desktop.default_command() == [str(tmp_path / "guardian")]


def test_an_empty_command_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        desktop.command_arguments([])


# --- the command line ------------------------------------------------------------------------


def test_cli_install_and_uninstall_print_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the desktop entry is for XDG desktops")
    monkeypatch.setattr(desktop, "mark_trusted", lambda path: None)
    real = tmp_path / "real-home"
    (real / "Desktop").mkdir(parents=True)
    assert cli_main(["--lang", "en", "install-desktop", "--executable", "/opt/g/guardian"]) == 0
    out = capsys.readouterr().out
    assert "application menu" in out
    assert str(real / ".local/share/applications/guardian.desktop") in out
    assert str(real / "Desktop/guardian.desktop") in out
    assert "/opt/g/guardian" in out
    assert cli_main(["uninstall-desktop"]) == 0
    out = capsys.readouterr().out
    assert "已经删除" in out and str(real / "Desktop/guardian.desktop") in out
    assert cli_main(["uninstall-desktop"]) == 0
    assert "没有需要删除" in capsys.readouterr().out


# --- the application icon files ----------------------------------------------------------------


def test_the_icon_pngs_have_their_sizes() -> None:
    build = load_build_script()
    for size in build.ICON_SIZES:
        data = asset_path("icons", f"app-{size}.png").read_bytes()
        assert build.png_size(data) == (size, size)


def test_the_windows_icon_holds_every_size() -> None:
    build = load_build_script()
    images = build.read_ico((ROOT / "packaging/guardian.ico").read_bytes())
    assert [(w, h) for w, h, _kind in images] == [(s, s) for s in build.ICON_SIZES]
    assert images[-1][2] == "png" and {kind for *_, kind in images[:-1]} == {"bmp"}


def test_the_macos_icon_holds_the_standard_sizes() -> None:
    build = load_build_script()
    elements = build.read_icns((ROOT / "packaging/guardian.icns").read_bytes())
    assert elements[b"ic08"] == (256, 256)
    assert elements[b"ic10"] == (1024, 1024)
    assert elements[b"icp4"] == (16, 16)


def test_the_ico_writer_round_trips_a_bitmap() -> None:
    build = load_build_script()
    pixels = bytes([0, 0, 255, 255] * 8 + [0, 0, 0, 0] * 8)  # top half red, bottom clear
    data = build.ico_bytes([(4, build.dib_from_bgra(4, pixels))])
    assert build.read_ico(data) == [(4, 4, "bmp")]
    dib = data[22:]
    colour, mask = dib[40 : 40 + 64], dib[40 + 64 :]
    assert colour[:32] == bytes([0, 0, 0, 0] * 8), "the bottom row comes first"
    assert mask[:4] == b"\xf0\x00\x00\x00" and mask[8:12] == b"\x00\x00\x00\x00"


def test_the_app_icon_is_a_valid_svg_in_our_ink() -> None:
    from PySide6.QtSvg import QSvgRenderer

    svg = asset_path("icons", "app.svg")
    assert QSvgRenderer(str(svg)).isValid()
    assert "#1f2a37" in svg.read_text(encoding="utf-8")
