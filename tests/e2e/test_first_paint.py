"""The first screen is drawn without Python's ``Qt`` namespace.

The first use of ``PySide6.QtCore.Qt`` makes all of its enums at once (what that costs the first
paint is measured by ``tests/benchmarks/bench_startup.py``, kind
``guardian_qt_namespace_first``). The widgets of the first screen set such values by their names
instead (``widgets.set_enum_property``), and the namespace is made afterwards, in the
background. This starts the real program and lists the enums made by the time of the quit that
follows the first paint.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.process import offscreen_env, run_python

pytestmark = pytest.mark.e2e

# Records every enum made, and writes their names when the quit after the first paint comes.
_RECORD_ENUMS = """
import enum, json, os, runpy, sys
made = []
create = enum.EnumMeta._create_

def recording(cls, class_name, names, **options):
    made.append(class_name)
    return create(cls, class_name, names, **options)

enum.EnumMeta._create_ = recording
from PySide6.QtCore import QCoreApplication
quit_ = QCoreApplication.quit

def quit_and_tell():
    with open(os.environ["ENUMS_AT_PAINT"], "w", encoding="utf-8") as out:
        json.dump(made, out)
    quit_()

QCoreApplication.quit = staticmethod(quit_and_tell)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

# Enums of the Qt namespace the first screen would use if it asked Python for them.
QT_NAMESPACE_ENUMS = {"AlignmentFlag", "CursorShape", "WidgetAttribute", "TextFormat", "Key"}


def enums_at_first_paint(tmp_path: Path, *args: str) -> list[str]:
    """Start ``main.py --quit-after-start`` and return the enums made before its quit."""
    out = tmp_path / "enums.json"
    env = offscreen_env(ENUMS_AT_PAINT=str(out))
    result = run_python("-c", _RECORD_ENUMS, "main.py", "--quit-after-start", *args, env=env)
    assert result.returncode == 0, result.stderr
    made: list[str] = json.loads(out.read_text(encoding="utf-8"))
    return made


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_first_screen_is_drawn_without_the_qt_namespace(tmp_path: Path, lang: str) -> None:
    made = enums_at_first_paint(tmp_path, "--lang", lang)
    assert "Policy" in made, "the recording sees the enums of the classes used (QSizePolicy)"
    assert not QT_NAMESPACE_ENUMS & set(made), (
        "something built before the first paint uses PySide6.QtCore.Qt; set the value by its "
        "name with guardian.ui.widgets.set_enum_property, or do it after the first paint"
    )
