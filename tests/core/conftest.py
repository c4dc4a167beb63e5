"""Fixtures for the core tests: the real content catalog and its raw parsed files."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from guardian.assets import content_files
from guardian.content_loader import load_content
from guardian.core.content import Content


@pytest.fixture(scope="session")
def content() -> Content:
    """The real, checked catalog."""
    return load_content()


@pytest.fixture(scope="session")
def _raw_files() -> dict[str, dict[str, Any]]:
    return content_files()


@pytest.fixture
def raw(_raw_files: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A fresh deep copy of the parsed content files, free to break."""
    return copy.deepcopy(_raw_files)
