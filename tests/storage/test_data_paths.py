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
    (folder / "guardian.db").write_bytes(b"")  # Guardian's data folder, opened up since
    folder.chmod(0o755)
    monkeypatch.setenv("GUARDIAN_DATA_DIR", str(folder))
    data_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@posix_only
def test_the_default_data_dir_is_made_private_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GUARDIAN_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = user_data_folder()
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    assert data_dir() == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@posix_only
@pytest.mark.parametrize("with_database", [False, True], ids=["empty", "holding-a-database"])
def test_a_shared_sticky_folder_keeps_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_database: bool
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: everyone writes, only owners remove
    if with_database:
        (shared / "guardian.db").write_bytes(b"")
    monkeypatch.setenv("GUARDIAN_DATA_DIR", str(shared))
    assert data_dir() == shared
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


@posix_only
def test_an_existing_folder_chosen_for_the_data_keeps_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "family-share"
    chosen.mkdir()
    chosen.chmod(0o775)
    monkeypatch.setenv("GUARDIAN_DATA_DIR", str(chosen))
    data_dir()
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o775
    inside = chosen / "guardian"
    monkeypatch.setenv("GUARDIAN_DATA_DIR", str(inside))
    data_dir()  # a folder Guardian makes is private; the one around it is not touched
    assert stat.S_IMODE(inside.stat().st_mode) == 0o700
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o775


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
