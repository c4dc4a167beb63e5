"""Every part of Guardian that needs the data folder finds the same one."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardian.doctor import data_folder_path
from guardian.logs import data_folder_or_none
from guardian.storage.paths import data_dir, data_folder


@pytest.mark.parametrize("chosen", [True, False], ids=["named-by-variable", "system-default"])
def test_the_data_folder_is_the_same_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: bool
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if chosen:
        monkeypatch.setenv("GUARDIAN_DATA_DIR", f"  {tmp_path / 'portable'}  ")
        expected = tmp_path / "portable"
    else:
        monkeypatch.delenv("GUARDIAN_DATA_DIR", raising=False)
        expected = tmp_path / "xdg" / "Guardian"
    assert data_folder() == expected
    assert data_folder_path() == expected
    assert not expected.exists()  # looking does not make it
    assert data_folder_or_none() == expected
    assert data_dir() == expected
    assert expected.is_dir()


def test_a_blank_variable_means_the_system_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("GUARDIAN_DATA_DIR", "   ")
    assert data_folder() == data_folder_path() == tmp_path / "xdg" / "Guardian"
