"""A desktop of its own for a test: the XDG folders, with or without a program for ``tel:``."""

from __future__ import annotations

from pathlib import Path

DIALLER = """[Desktop Entry]
Type=Application
Name=KDE Connect
Name[zh_CN]=KDE 连接
Exec=kdeconnect-handler %u
MimeType=x-scheme-handler/tel;
"""


def xdg_home(tmp_path: Path, *, dialler: bool) -> dict[str, str]:
    """An XDG set-up of its own: with a program chosen for ``tel:`` or with none."""
    config, data = tmp_path / "config", tmp_path / "data"
    applications = data / "applications"
    applications.mkdir(parents=True)
    config.mkdir()
    if dialler:
        (applications / "org.kde.kdeconnect.handler.desktop").write_text(DIALLER)
        (config / "mimeapps.list").write_text(
            "[Default Applications]\nx-scheme-handler/tel=org.kde.kdeconnect.handler.desktop;\n"
        )
    return {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(config),
        "XDG_CONFIG_DIRS": str(tmp_path / "no-config"),
        "XDG_DATA_HOME": str(data),
        "XDG_DATA_DIRS": str(tmp_path / "no-data"),
        "XDG_CURRENT_DESKTOP": "KDE",
    }
