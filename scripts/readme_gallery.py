"""Print the README's table of screenshots: every scene, Chinese and English side by side."""

from __future__ import annotations

import sys
from pathlib import Path

FOLDER = Path("docs/screenshots")


def main() -> int:
    """Print one table row per scene found in docs/screenshots."""
    scenes = sorted(
        {
            p.name.rsplit("-", 2 if p.stem.endswith("-largest") else 1)[0]
            for p in FOLDER.glob("*.png")
        }
    )
    print("| screen | 中文 | English | 中文, largest text | English, largest text |")
    print("|---|---|---|---|---|")
    for scene in scenes:
        cells = [
            f"![{scene} {variant}]({FOLDER}/{scene}-{variant}.png)"
            for variant in ("zh", "en", "zh-largest", "en-largest")
        ]
        print(f"| {scene} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
