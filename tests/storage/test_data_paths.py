from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import platformdirs
import pytest

from guardian.storage.paths import data_dir, database_path, user_data_folder

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX feature")


def test_data_dir_honours_the_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "portable" / "guardian-data"
    monkeypatch.setenv("GUARDIAN_DATA_DIR", str(folder))
    assert data_dir() == folder
    assert folder.is_dir()


@posix_only
def test_data_dir_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "new"
    monkeypatch.setenv("GUARDIAN_DATA_DIR", str(folder))
    assert stat.S_IMODE(data_dir().stat().st_mode) == 0o700


@posix_only
def test_an_existing_open_data_dir_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o755)
    monkeypatch.setenv("GUARDIAN_DATA_DIR", str(folder))
    data_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.skipif(sys.platform != "linux", reason="redirects the XDG data folder")
@pytest.mark.parametrize("setting", [None, "", "   "])
def test_without_the_variable_the_platform_data_dir_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str | None
) -> None:
    if setting is None:
        monkeypatch.delenv("GUARDIAN_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("GUARDIAN_DATA_DIR", setting)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    expected = Path(platformdirs.user_data_dir("Guardian", appauthor=False))
    assert expected == tmp_path / "xdg" / "Guardian"
    assert data_dir() == expected
    assert expected.is_dir()


def test_database_path_is_guardian_db_inside_the_folder(tmp_path: Path) -> None:
    assert database_path(tmp_path) == tmp_path / "guardian.db"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG rule is for Linux, BSD")
@pytest.mark.parametrize("xdg", [None, "", "relative/share", "/abs/xdg-data"])
def test_the_xdg_rule_gives_what_platformdirs_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    expected = Path(platformdirs.user_data_dir("Guardian", appauthor=False))
    assert user_data_folder() == expected
    if xdg == "/abs/xdg-data":
        assert expected == Path("/abs/xdg-data/Guardian")
    else:
        assert expected == tmp_path / "home" / ".local" / "share" / "Guardian"
