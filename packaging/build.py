"""Build Guardian as a standalone program (PyInstaller, one folder), check it and pack it.

Usage, from the project folder, with the project's Python (PyInstaller installed)::

    python packaging/build.py          # build, check, pack: what `make dist` runs
    python packaging/build.py build    # only PyInstaller, into build/dist/guardian
    python packaging/build.py check    # start the built program, check a text and a picture
    python packaging/build.py pack     # build/guardian-VERSION-PLATFORM.zip (.tar.gz on Linux)
    python packaging/build.py icons    # redraw the application icon files from app.svg

``icons`` writes ``assets/icons/app-{16..256}.png``, ``packaging/guardian.ico`` (Windows) and
``packaging/guardian.icns`` (macOS) from ``assets/icons/app.svg``; they are committed, so a
build does not draw them. The ICO and ICNS containers are written here from the PNGs, so
neither Pillow nor a platform tool is needed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import wave
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "guardian.spec"
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "work"
APP_SVG = ROOT / "assets" / "icons" / "app.svg"
ICO = PACKAGING / "guardian.ico"
ICNS = PACKAGING / "guardian.icns"

ICON_SIZES = (16, 32, 48, 64, 128, 256)
"""The PNG sizes committed in assets/icons (app-16.png ... app-256.png); the ICO holds them all."""

BUDGET_MB = {"linux": 530, "win32": 520, "darwin": 620}
"""The largest the built folder may grow, in MiB (docs/INSTALL.md); ``check`` enforces it.

Linux: 502 MiB measured, of which the picture reader (OpenCV, ONNX Runtime, NumPy, Pillow and
the models) about 310 and Qt Multimedia about 42. Windows and macOS: estimates."""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

FRAUD_SMS = (
    "【公安局】您的银行卡涉嫌洗钱，",
    "请立即把卡里的钱转到安全账户，",
    "联系电话 010-58889999",
)
"""The fraud message ``check`` draws as a phone screenshot for the built program to read."""

# ICNS element types by pixel size: the plain size and the "@2x" (Retina) one it also serves.
ICNS_TYPES: dict[int, tuple[bytes, ...]] = {
    16: (b"icp4",),
    32: (b"icp5", b"ic11"),
    64: (b"icp6", b"ic12"),
    128: (b"ic07",),
    256: (b"ic08", b"ic13"),
    512: (b"ic09", b"ic14"),
    1024: (b"ic10",),
}


def platform_key() -> str:
    """``linux``, ``win32`` or ``darwin``: the key of this platform in ``BUDGET_MB``."""
    return "linux" if sys.platform.startswith("linux") else sys.platform


def version() -> str:
    """Guardian's version, read from ``guardian/__init__.py`` without importing it."""
    text = (ROOT / "guardian" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise SystemExit("guardian/__init__.py has no __version__")
    return found.group(1)


def program(folder: Path = DIST / "guardian", *, console: bool = False) -> Path:
    """The built program in ``folder``: on Windows ``guardian-cli.exe`` for console work."""
    if sys.platform == "win32":
        return folder / ("guardian-cli.exe" if console else "guardian.exe")
    return folder / "guardian"


def folder_bytes(folder: Path) -> int:
    """The size of the files under ``folder`` (symbolic links count as themselves)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


# --- the icon containers -------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height stored in a PNG file's header."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def dib_from_bgra(size: int, bgra: bytes) -> bytes:
    """An ICO bitmap entry (BITMAPINFOHEADER, 32-bit colour, AND mask) for a square image.

    Args:
        size: the width and height in pixels.
        bgra: the pixels, top row first, 4 bytes each in B, G, R, A order (straight alpha).
    """
    row_bytes = size * 4
    if len(bgra) != row_bytes * size:
        raise ValueError(f"expected {row_bytes * size} bytes of pixels, got {len(bgra)}")
    rows = [bgra[y * row_bytes : (y + 1) * row_bytes] for y in range(size)]
    colour = b"".join(reversed(rows))  # bitmaps are stored bottom row first
    mask_row = ((size + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        bits = bytearray(mask_row)
        for x in range(size):
            if row[x * 4 + 3] == 0:  # fully transparent: set in the AND mask for old readers
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    header = struct.pack(
        "<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(colour) + len(mask), 0, 0, 0, 0
    )
    return header + colour + bytes(mask)


def ico_bytes(images: Sequence[tuple[int, bytes]]) -> bytes:
    """A Windows icon file holding ``images``: (size in pixels, PNG or bitmap entry) pairs."""
    directory = [struct.pack("<HHH", 0, 1, len(images))]
    offset = 6 + 16 * len(images)
    for size, payload in images:
        side = 0 if size >= 256 else size  # 0 means 256
        directory.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset))
        offset += len(payload)
    return b"".join(directory) + b"".join(payload for _size, payload in images)


def read_ico(data: bytes) -> list[tuple[int, int, str]]:
    """The images in an ICO file: (width, height, ``"png"`` or ``"bmp"``), checked for sense."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if reserved != 0 or kind != 1 or count == 0:
        raise ValueError("not an icon file")
    images = []
    for index in range(count):
        entry = data[6 + 16 * index : 22 + 16 * index]
        width, height, _colours, _reserved, _planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", entry
        )
        width, height = width or 256, height or 256
        payload = data[offset : offset + length]
        if len(payload) != length or bits != 32:
            raise ValueError(f"icon entry {index} is cut short or not 32-bit")
        if payload.startswith(PNG_SIGNATURE):
            if png_size(payload) != (width, height):
                raise ValueError(f"icon entry {index}: the PNG size differs from the directory")
            images.append((width, height, "png"))
        else:
            _header, dib_width, dib_height = struct.unpack("<Iii", payload[:12])
            if (dib_width, dib_height) != (width, height * 2):
                raise ValueError(f"icon entry {index}: the bitmap size differs")
            images.append((width, height, "bmp"))
    return images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon file from PNG images keyed by pixel size (each stored for every type)."""
    elements = b""
    for size, types in ICNS_TYPES.items():
        if size in pngs:
            for kind in types:
                elements += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def read_icns(data: bytes) -> dict[bytes, tuple[int, int]]:
    """The element types in an ICNS file with the size of each PNG they hold."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an icns file")
    found: dict[bytes, tuple[int, int]] = {}
    offset = 8
    while offset < len(data):
        kind = data[offset : offset + 4]
        (length,) = struct.unpack(">I", data[offset + 4 : offset + 8])
        found[kind] = png_size(data[offset + 8 : offset + length])
        offset += length
    return found


def render_icons(svg: Path, sizes: Sequence[int]) -> dict[int, tuple[bytes, bytes]]:
    """Draw ``svg`` at each size with Qt: {size: (PNG file bytes, straight BGRA pixels)}."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    images: dict[int, tuple[bytes, bytes]] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        straight = image.convertToFormat(QImage.Format.Format_RGBA8888)
        rgba = bytes(straight.constBits())[: size * size * 4]
        bgra = bytearray(rgba)
        bgra[0::4], bgra[2::4] = rgba[2::4], rgba[0::4]
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        straight.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs: bytes; runtime: str
        buffer.close()
        images[size] = (bytes(data.data()), bytes(bgra))
    app.processEvents()
    return images


def make_icons() -> list[Path]:
    """Write the PNGs, the ICO and the ICNS from ``assets/icons/app.svg``; return the paths."""
    drawn = render_icons(APP_SVG, sorted({*ICON_SIZES, 512, 1024}))
    written = []
    for size in ICON_SIZES:
        path = APP_SVG.with_name(f"app-{size}.png")
        path.write_bytes(drawn[size][0])
        written.append(path)
    # Small sizes as bitmaps (what every Windows reader takes), 256 as PNG (as Windows does).
    entries = [
        (size, drawn[size][0] if size >= 256 else dib_from_bgra(size, drawn[size][1]))
        for size in ICON_SIZES
    ]
    ICO.write_bytes(ico_bytes(entries))
    ICNS.write_bytes(icns_bytes({size: png for size, (png, _) in drawn.items()}))
    return [*written, ICO, ICNS]


# --- build, check, pack ---------------------------------------------------------------------


def build() -> float:
    """Run PyInstaller on the spec; return the seconds it took."""
    try:
        import PyInstaller  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        raise SystemExit(
            "PyInstaller is not installed: pip install -e '.[dist]' (or run: make dist)"
        ) from None
    icon = {"win32": ICO, "darwin": ICNS}.get(sys.platform)
    if icon is not None and not icon.exists():
        raise SystemExit("the icon file is missing: python packaging/build.py icons")
    started = time.monotonic()
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK)]
    subprocess.run(command, cwd=ROOT, check=True)
    return time.monotonic() - started


def _run(args: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(list(args), env=env, capture_output=True, timeout=180, check=False)


def draw_message(path: Path, lines: Sequence[str], size: tuple[int, int] = (1080, 2400)) -> Path:
    """Draw ``lines`` as text-message bubbles on a phone-sized screenshot; save it to ``path``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import (
        QColor,
        QFont,
        QFontDatabase,
        QGuiApplication,
        QImage,
        QPainter,
        QTextOption,
    )

    app = QGuiApplication.instance() or QGuiApplication([])
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    families = [f for f in QFontDatabase.families() if chinese in QFontDatabase.writingSystems(f)]
    if not families:
        raise SystemExit("no Chinese font to draw the test message with: install fonts-noto-cjk")
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f2f2f7"))
    painter = QPainter(image)
    font = QFont(families[0])
    font.setPixelSize(max(24, width // 24))
    painter.setFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    top = 220.0
    for line in lines:
        box = painter.boundingRect(QRectF(80, top, width * 0.72, 2000), line, option)
        painter.setBrush(QColor("#ffffff"))
        painter.setPen(QColor("#ffffff"))
        painter.drawRoundedRect(box.adjusted(-28, -20, 28, 20), 28, 28)
        painter.setPen(QColor("#111111"))
        painter.drawText(box, line, option)
        top = box.bottom() + 80
    painter.end()
    app.processEvents()
    if not image.save(str(path)):
        raise SystemExit(f"cannot write {path}")
    return path


def _json(done: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    """The JSON object a subcommand printed last, or ``{}`` when it printed none."""
    lines = done.stdout.decode("utf-8", "replace").strip()
    try:
        found = json.loads(lines)
    except ValueError:
        try:
            found = json.loads(lines.splitlines()[-1]) if lines else {}
        except ValueError:
            return {}
    return found if isinstance(found, dict) else {}


def verdict(result: dict[str, object]) -> tuple[object, object, list[str]]:
    """What must agree between check-image and check-text: level, headline, fraud types."""
    types = result.get("types")
    ids = [t.get("id") for t in types if isinstance(t, dict)] if isinstance(types, list) else []
    return result.get("level"), result.get("headline"), sorted(map(str, ids))


def squeezed(text: object) -> str:
    """``text`` without any white space (the reader may split or join lines)."""
    return "".join(str(text).split())


def check_window(console: Path, temp: Path, env: dict[str, str]) -> list[str]:
    """Start the window (offscreen); check it shows the home screen and its words are drawn."""
    picture = temp / "window.png"
    shown = _run([str(console), "--check-window", str(picture), "--lang", "zh"], env)
    facts = _json(shown)
    if shown.returncode != 0 or facts.get("screen") != "HomeScreen":
        return [f"the window did not show the home screen: {facts} {shown.stderr!r}"]
    catalog = json.loads((ROOT / "assets" / "i18n" / "zh_CN.json").read_text(encoding="utf-8"))
    button = catalog["home.check_call"]
    buttons = facts.get("buttons")
    if not isinstance(buttons, list) or button not in buttons:
        return [f"the home screen has no {button!r} button: {facts}"]
    read = _json(_run([str(console), "check-image", "--json", str(picture)], env))
    if squeezed(button) not in squeezed(read.get("text", "")):
        return [f"{button!r} is not drawn legibly on the window: {read.get('text')!r}"]
    return []


def check_picture(console: Path, temp: Path, env: dict[str, str]) -> list[str]:
    """Read a drawn fraud text message with the built program; the verdict is the typed one's."""
    picture = draw_message(temp / "sms.png", FRAUD_SMS)
    read = _run([str(console), "check-image", "--json", str(picture)], env)
    from_picture = _json(read)
    if read.returncode != 0 or not from_picture:
        return [f"check-image exited {read.returncode}: {read.stdout!r} {read.stderr!r}"]
    if "安全账户" not in squeezed(from_picture.get("text", "")):
        return [f"check-image did not read the message: {from_picture.get('text')!r}"]
    typed = _json(_run([str(console), "check-text", "--json", "".join(FRAUD_SMS)], env))
    if verdict(from_picture) != verdict(typed) or typed.get("level") != "high":
        return [f"picture {verdict(from_picture)} differs from text {verdict(typed)}"]
    return []


def check(folder: Path = DIST / "guardian") -> list[str]:
    """Start the built program and run its subcommands; return the problems found (none: ok).

    The window starts and quits after its first paint, and shows the home screen with its words
    drawn; ``say`` writes speech to a WAV file; ``check-text`` finds a fraud text; ``check-image``
    reads the same text from a drawn screenshot (the reader's models are in the build) and gives
    the same verdict; the folder is within its size budget.
    """
    gui, console = program(folder), program(folder, console=True)
    if not gui.exists():
        return [f"{gui} does not exist: build first (python packaging/build.py build)"]
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="guardian-check-") as temp:
        env = {k: v for k, v in os.environ.items() if k != "GUARDIAN_SPEECH"}
        env.update(QT_QPA_PLATFORM="offscreen", GUARDIAN_DATA_DIR=str(Path(temp) / "data"))
        started = _run([str(gui), "--quit-after-start"], env)
        if started.returncode != 0:
            problems.append(f"--quit-after-start exited {started.returncode}: {started.stderr!r}")
        problems += check_window(console, Path(temp), env)
        problems += check_picture(console, Path(temp), env)
        wav = Path(temp) / "hello.wav"
        said = _run([str(console), "say", "--wav", str(wav), "你好"], env)
        try:
            with wave.open(str(wav), "rb") as sound:
                frames = sound.getnframes()
        except (OSError, EOFError, wave.Error) as error:
            frames = 0
            problems.append(f"say --wav wrote no WAV ({error}): {said.stderr!r}")
        if said.returncode != 0 or frames == 0:
            problems.append(f"say --wav exited {said.returncode}, {frames} frames")
        checked = _run([str(console), "check-text", "请把钱转到安全账户"], env)
        text = checked.stdout.decode("utf-8", "replace")
        if checked.returncode != 0 or "安全账户" not in text:
            problems.append(f"check-text exited {checked.returncode}: {text!r} {checked.stderr!r}")
    size_mb = folder_bytes(folder) / 2**20
    budget = BUDGET_MB.get(platform_key())
    if budget is not None and size_mb > budget:
        problems.append(f"the folder is {size_mb:.0f} MiB, over the budget of {budget} MiB")
    return problems


def pack(folder: Path = DIST / "guardian") -> Path:
    """Pack the built program for handing over; return the archive's path.

    Windows: a .zip of the ``guardian`` folder. macOS: a .zip of ``Guardian.app`` made with
    ``ditto`` (keeps the bundle's links and signature). Linux: a .tar.gz of the folder
    (keeps the links between libraries and the program's executable mark).
    """
    machine = {"amd64": "x86_64", "x86_64": "x86_64", "arm64": "arm64", "aarch64": "arm64"}
    import platform

    arch = machine.get(platform.machine().lower(), platform.machine().lower())
    stem = ROOT / "build" / f"guardian-{version()}-{platform_key()}-{arch}"
    if sys.platform == "darwin":
        target = stem.with_suffix(".zip")
        bundle = folder.parent / "Guardian.app"
        command = ["ditto", "-c", "-k", "--keepParent", str(bundle), str(target)]
        subprocess.run(command, check=True)
    elif sys.platform == "win32":
        target = stem.with_suffix(".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                archive.write(path, path.relative_to(folder.parent))
    else:
        target = stem.with_name(stem.name + ".tar.gz")
        with tarfile.open(target, "w:gz") as archive:
            archive.add(folder, arcname=folder.name)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Run the steps named on the command line (all but ``icons`` by default)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    steps = ["all", "build", "check", "pack", "icons"]
    parser.add_argument("step", nargs="?", default="all", choices=steps)
    step = parser.parse_args(argv).step
    if step == "icons":
        for path in make_icons():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    folder = DIST / "guardian"
    if step in ("all", "build"):
        seconds = build()
        print(f"built {folder.relative_to(ROOT)} in {seconds:.0f} s")
    if step in ("all", "check"):
        problems = check(folder)
        for problem in problems:
            print(f"CHECK FAILED: {problem}", file=sys.stderr)
        if problems:
            return 1
        done = "starts, shows the home screen, says, checks a text and reads a picture"
        print(f"checked {program(folder).relative_to(ROOT)}: {done}")
    if step in ("all", "build", "check"):
        budget = BUDGET_MB.get(platform_key(), "?")
        print(f"size: {folder_bytes(folder) / 2**20:.0f} MiB (budget {budget} MiB)")
    if step in ("all", "pack"):
        archive = pack(folder)
        size = archive.stat().st_size / 2**20
        print(f"packed {archive.relative_to(ROOT)}: {size:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
