"""Write a PNG of every screen, in Chinese and English, at the default and the largest text size.

Usage: python scripts/screenshots.py OUTPUT_DIR
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from guardian.app import StartOptions, build_window
from guardian.core.i18n import LANGS
from guardian.ui.main_window import MainWindow
from guardian.ui.theme import TEXT_SIZES_PT

Scene = Callable[[MainWindow], None]


def home(window: MainWindow) -> None:
    """The home screen as it opens."""


def placeholder(window: MainWindow) -> None:
    """A part of the app that is not ready yet."""
    window.open("demo")


SCENES: dict[str, Scene] = {
    "home": home,
    "placeholder": placeholder,
}

LARGEST = len(TEXT_SIZES_PT) - 1


def shoot(
    app: QApplication, out: Path, name: str, scene: Scene, lang: str, step: int | None
) -> Path:
    """Build a fresh window, play ``scene`` on it, and save what it shows."""
    window = build_window(app, StartOptions(lang=lang))  # type: ignore[arg-type]
    if step is not None:
        window.ctx.set_text_step(step)
    window.resize(1280, 860)
    window.show()
    scene(window)
    app.processEvents()
    suffix = "" if step is None else "-largest"
    path = out / f"{name}-{lang}{suffix}.png"
    window.grab().save(str(path))
    window.close()
    window.deleteLater()
    app.processEvents()
    return path


def main() -> int:
    """Write every scene in every language, at the default and the largest text size."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    only = set(sys.argv[2:])
    for name, scene in SCENES.items():
        if only and name not in only:
            continue
        for lang in LANGS:
            for step in (None, LARGEST):
                print(shoot(app, out, name, scene, lang, step))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
