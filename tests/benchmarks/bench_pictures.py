"""Reading a message from a picture: time, memory and character errors (part of ``make bench``).

Draws phone screenshots and "photographed" versions of them with ``scripts/make_ocr_images.py``
(seeded: the same pictures every run), then reads them with Guardian's picture reader in this
process. Prints one JSON object: the model's loading time, the time to read a 1080x2400
screenshot and a 12-megapixel photo (medians, wall clock and processor time: on a busy computer
the wall clock depends on what else runs, the processor time much less), the peak memory of
this process after the screenshots and after the photo, and the character error rate on each
set against the words each picture was drawn from.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from guardian.pictures.reading import PictureReader, read_picture  # noqa: E402

SCREENSHOTS = 6
"""How many screenshots are drawn (and as many photographed versions)."""


def _compare_module() -> Any:
    spec = importlib.util.spec_from_file_location("compare_ocr", ROOT / "scripts/compare_ocr.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _draw(folder: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/make_ocr_images.py"),
            str(folder),
            "--count",
            str(SCREENSHOTS),
        ],
        check=True,
        capture_output=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=300,
    )


def _seconds(reader: PictureReader, path: Path, runs: int) -> tuple[float, float]:
    """The median wall-clock and processor seconds of reading ``path``."""
    times, processor = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        read_picture(path, reader)
        times.append(time.perf_counter() - began)
        processor.append(time.process_time() - began_cpu)
    return statistics.median(times), statistics.median(processor)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _error_rate(reader: PictureReader, pictures: list[Path], compare: Any) -> float:
    errors = length = 0
    for picture in pictures:
        expected = compare.normalise(
            json.loads(picture.with_suffix(".json").read_text("utf-8"))["all_text"]
        )
        found = compare.normalise(read_picture(picture, reader).text)
        errors += compare.edit_distance(found, expected)
        length += len(expected)
    return errors / max(1, length)


READER_PARTS = ("rapidocr", "onnxruntime", "cv2", "numpy", "PIL")
"""The packages the picture reader brings (with their bundled libraries, ``<name>.libs``)."""
BUNDLED_LIBS = {
    "cv2": ("opencv_python.libs", "opencv_python_headless.libs"),
    "numpy": ("numpy.libs",),
    "PIL": ("pillow.libs",),
}
"""The shared libraries a package's wheel keeps beside it."""
BUILD_FOLDER = Path(__file__).resolve().parents[2] / "build" / "dist" / "guardian"
"""Where ``make dist`` leaves the standalone build (measured when it is there)."""


def _folder_mb(folder: Path) -> float:
    """The size of the files under ``folder`` (links counted once, as the disk holds them)."""
    return (
        sum(f.lstat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
        / 2**20
    )


def size_figures() -> dict[str, Any]:
    """What the reader adds on disk: installed, and in the standalone build when there is one."""
    import importlib.util

    installed: dict[str, float] = {}
    for name in READER_PARTS:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations)))
        libs = [folder.parent / lib for lib in BUNDLED_LIBS.get(name, ())]
        installed[name] = round(
            _folder_mb(folder) + sum(_folder_mb(lib) for lib in libs if lib.is_dir()), 1
        )
    figures: dict[str, Any] = {
        "reader_installed_mb": installed,
        "reader_installed_total_mb": round(sum(installed.values()), 1),
    }
    if BUILD_FOLDER.is_dir():
        figures["standalone_build_mb"] = round(_folder_mb(BUILD_FOLDER), 1)
        internal = BUILD_FOLDER / "_internal"
        names = [*READER_PARTS, *(lib for libs in BUNDLED_LIBS.values() for lib in libs)]
        figures["standalone_reader_mb"] = round(
            sum(_folder_mb(internal / n) for n in names if (internal / n).is_dir()), 1
        )
    else:
        figures["standalone_build_mb"] = "not built (make dist)"
    return figures


def main() -> int:
    """Measure, print the JSON figures, return 0."""
    from PIL import Image

    compare = _compare_module()
    with tempfile.TemporaryDirectory(prefix="guardian-bench-pictures-") as temporary:
        folder = Path(temporary)
        _draw(folder)
        screenshots = sorted((folder / "screenshots").glob("*.png"))
        photos = sorted((folder / "photos").glob("*.jpg")) + sorted(
            (folder / "photos").glob("*.png")
        )
        tall = next(p for p in screenshots if "1080x2400" in p.name)
        twelve = folder / "photo_12mp.jpg"
        Image.open(photos[0]).convert("RGB").resize((3000, 4000)).save(twelve, quality=90)

        reader = PictureReader()
        began = time.perf_counter()
        reader.load()
        load_ms = (time.perf_counter() - began) * 1000
        read_picture(tall, reader)  # the first read sets up the models' buffers
        screenshot_s, screenshot_cpu_s = _seconds(reader, tall, 5)
        screenshot_peak_mb = _peak_mb()
        photo_s, photo_cpu_s = _seconds(reader, twelve, 3)
        photo_peak_mb = _peak_mb()
        screenshot_cer = _error_rate(reader, screenshots, compare)
        photo_cer = _error_rate(reader, photos, compare)
    figures = {
        "model_load_ms": round(load_ms, 1),
        "screenshot_1080x2400_s": round(screenshot_s, 3),
        "screenshot_1080x2400_cpu_s": round(screenshot_cpu_s, 3),
        "photo_12mp_s": round(photo_s, 3),
        "photo_12mp_cpu_s": round(photo_cpu_s, 3),
        "peak_memory_mb": round(_peak_mb(), 1),
        "peak_memory_after_screenshot_mb": round(screenshot_peak_mb, 1),
        "peak_memory_after_12mp_photo_mb": round(photo_peak_mb, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "character_error_rate_screenshots": round(screenshot_cer, 4),
        "character_error_rate_photos": round(photo_cer, 4),
        "screenshots": len(screenshots),
        "photos": len(photos),
        **size_figures(),
        "targets": [
            {
                "name": "read a 1080x2400 screenshot",
                "value": round(screenshot_s, 3),
                "unit": "s",
                "target": "< 2",
                "pass": screenshot_s < 2,
            },
            {
                "name": "character errors, screenshots",
                "value": round(screenshot_cer, 4),
                "unit": "",
                "target": "< 0.03",
                "pass": screenshot_cer < 0.03,
            },
            {
                "name": "character errors, photographed",
                "value": round(photo_cer, 4),
                "unit": "",
                "target": "< 0.10",
                "pass": photo_cer < 0.10,
            },
        ],
    }
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
