"""Compare text readers on the pictures made by scripts/make_ocr_images.py; print JSON figures.

For each candidate:
  cer            character error rate on the screenshots and on the "photographed" set:
                 edit distance (insertions, deletions, substitutions) between the recognised
                 text and every piece of text drawn on the picture ("all_text" in the sidecar:
                 status-bar clock, title, date stamps, names and the message bubbles), both in
                 reading order (top to bottom, then left to right), divided by the length of the
                 reference. Before comparing, both sides are NFKC-normalised (full-width ，：￥
                 become , : ¥), whitespace is removed, and emoji are removed from both (they are
                 pictures, not words; anything a reader returns in their place still counts as an
                 insertion). "cer" sums the edits over a set; "cer_mean" averages per picture.
  time           seconds to load the model, and per picture once loaded (wall clock and CPU):
                 every 1080x2400 screenshot, and a 12-megapixel photo (a "photographed" picture
                 scaled up to 3072x4096 and saved as JPEG); the candidates take turns over
                 --rounds rounds and the medians are given.
  links_numbers_exact  of the links, account names, phone and card numbers, amounts and times
                 in the messages, how many appear exactly in the recognised text.
  peak_rss_mb    peak resident memory of a fresh process that loads the reader and reads one
                 1080x2400 screenshot, and one that reads the 12-megapixel photo (for the
                 command-line reader: the peak of that program's own process).
  size           what the reader adds to a Guardian install: the installed files of every Python
                 distribution it needs that Guardian's own run-time dependencies do not already
                 bring (from the distributions' RECORD files), the model files among them, and for
                 the system reader the Debian packages' Installed-Size.
  offline        whether the model files are inside the installed package, and whether the reader
                 ran in a process with no network at all (unshare -n, when run as root).

Usage: python scripts/compare_ocr.py IMAGES_DIR [--candidates a,b] [--limit N] [--rounds N]
                                     [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from importlib import metadata
from pathlib import Path

# Guardian's own run-time dependencies (pyproject.toml): what they pull in is not "added".
GUARDIAN_DEPS = [
    "PySide6-Essentials",
    "pyttsx3",
    "sqlite-utils",
    "platformdirs",
    "phonenumbers",
    "apprise",
    "psutil",
]

CANDIDATES = {
    "rapidocr-3": {
        "what": "RapidOCR 3 on ONNX Runtime, PP-OCRv6 small detection and recognition "
        "(in the wheel)",
        "dists": ["rapidocr", "onnxruntime"],
        "module": "rapidocr",
    },
    "guardian": {
        "what": "Guardian's own reader (guardian/pictures/reading.py): RapidOCR 3 with the "
        "settings chosen for speed (no angle step, text finder at 1280 px, threads that do "
        "not spin), its own shrinking of large photos and its own reading order",
        "dists": ["rapidocr", "onnxruntime"],
        "module": "rapidocr",
    },
    "rapidocr-3-det960": {
        "what": "as rapidocr-3, detection on the picture scaled to 960 px on its short side (736)",
        "dists": ["rapidocr", "onnxruntime"],
        "module": "rapidocr",
    },
    "rapidocr-onnxruntime-1.4": {
        "what": "rapidocr-onnxruntime 1.4, PP-OCRv4 mobile detection and recognition "
        "(in the wheel)",
        # It asks for opencv-python; the headless build serves the same cv2 without a GUI.
        "dists": ["rapidocr-onnxruntime", "onnxruntime", "opencv-python-headless"],
        "module": "rapidocr_onnxruntime",
        "instead": {"opencv-python": "opencv-python-headless"},
    },
    "tesseract": {
        "what": "Tesseract 5 command line with chi_sim+eng (Debian packages)",
        "debs": [
            "tesseract-ocr",
            "tesseract-ocr-chi-sim",
            "tesseract-ocr-eng",
            "tesseract-ocr-osd",
            "libtesseract5",
            "liblept5",
        ],
    },
}
MODEL_SUFFIXES = (".onnx", ".traineddata")


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------
def is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (
        (unicodedata.category(ch) == "So" and cp >= 0x2190)
        or cp in (0xFE0F, 0x200D)
        or 0x1F3FB <= cp <= 0x1F3FF
    )


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and not is_emoji(ch))


def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def reading_order(items: list[tuple[list[list[float]], str]]) -> str:
    """Boxes (four corners, clockwise from top-left) with their text, as lines in reading order.

    The picture may be turned a little (a photo): the boxes' centres are first turned back by
    the median slant of the wide boxes, then grouped into lines top to bottom, left to right.
    """
    if not items:
        return ""
    slants = []
    for box, _ in items:
        (x0, y0), (x1, y1) = box[0][:2], box[1][:2]
        height = math.dist(box[0][:2], box[3][:2])
        if math.dist((x0, y0), (x1, y1)) > 3 * height:
            slants.append(math.atan2(y1 - y0, x1 - x0))
    a = statistics.median(slants) if slants else 0.0
    rows = []
    for box, text in items:
        cx = sum(pt[0] for pt in box) / len(box)
        cy = sum(pt[1] for pt in box) / len(box)
        height = math.dist(box[0][:2], box[3][:2])
        rows.append(
            (
                -math.sin(a) * cx + math.cos(a) * cy,
                height,
                math.cos(a) * cx + math.sin(a) * cy,
                text,
            )
        )
    rows.sort()
    lines: list[list[tuple[float, str]]] = []
    line_y = line_h = 0.0
    for y, h, x, text in rows:
        if lines and abs(y - line_y) < 0.5 * min(h, line_h):
            lines[-1].append((x, text))
        else:
            lines.append([(x, text)])
            line_y, line_h = y, h
    return "\n".join(" ".join(t for _, t in sorted(line)) for line in lines)


# --------------------------------------------------------------------------------------------
# Readers (run inside a worker process)
# --------------------------------------------------------------------------------------------
def make_reader(name: str):
    if name.startswith("rapidocr-3"):
        from rapidocr import RapidOCR

        params = {"Global.log_level": "warning"}
        if name == "rapidocr-3-det960":
            params["Det.limit_side_len"] = 960
        engine = RapidOCR(params=params)

        def read(path: str) -> str:
            out = engine(path)
            if out.txts is None:
                return ""
            return reading_order(
                [(b.tolist(), t) for b, t in zip(out.boxes, out.txts, strict=True)]
            )

        return read
    if name == "guardian":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from guardian.pictures.reading import PictureReader, read_picture

        reader = PictureReader()
        reader.load()

        def read_app(path: str) -> str:
            return read_picture(Path(path), reader).text

        return read_app
    if name == "rapidocr-onnxruntime-1.4":
        from rapidocr_onnxruntime import RapidOCR as RapidOCR14

        engine14 = RapidOCR14()

        def read14(path: str) -> str:
            result, _ = engine14(path)
            return reading_order([(box, text) for box, text, _score in (result or [])])

        return read14
    if name == "tesseract":

        def read_tess(path: str) -> str:
            done = subprocess.run(
                ["tesseract", path, "-", "-l", "chi_sim+eng"],
                capture_output=True,
                text=True,
                check=True,
            )
            return done.stdout

        return read_tess
    raise SystemExit(f"unknown candidate {name}")


def cpu_seconds(name: str) -> float:
    who = resource.RUSAGE_CHILDREN if name == "tesseract" else resource.RUSAGE_SELF
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb(name: str) -> float:
    who = resource.RUSAGE_CHILDREN if name == "tesseract" else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def worker(name: str, job: dict) -> dict:
    t0 = time.perf_counter()
    read = make_reader(name)
    out: dict = {"load_s": round(time.perf_counter() - t0, 3)}
    if job.get("warmup"):
        read(job["warmup"])
    results = []
    for path in job.get("images", []):
        times, cpu = [], []
        for _ in range(job.get("repeat", 1)):
            t, c = time.perf_counter(), cpu_seconds(name)
            text = read(path)
            times.append(time.perf_counter() - t)
            cpu.append(cpu_seconds(name) - c)
        results.append(
            {
                "path": path,
                "text": text,
                "seconds": round(statistics.median(times), 3),
                "cpu_seconds": round(statistics.median(cpu), 3),
            }
        )
    out["results"] = results
    out["peak_rss_mb"] = peak_rss_mb(name)
    return out


def run_worker(name: str, job: dict, offline: bool = False) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(job, f)
    cmd = [sys.executable, __file__, "--worker", name, f.name]
    if offline:
        cmd = ["unshare", "-n", *cmd]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    finally:
        os.unlink(f.name)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# Size and shipping
# --------------------------------------------------------------------------------------------
def _requires(dist_name: str) -> list[str]:
    from packaging.requirements import Requirement

    try:
        reqs = metadata.requires(dist_name) or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for r in reqs:
        req = Requirement(r)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            names.append(req.name)
    return names


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(roots: list[str], instead: dict[str, str] | None = None) -> set[str]:
    """The installed distributions that roots need, with a requirement swapped as instead says."""
    swap = {_canon(k): _canon(v) for k, v in (instead or {}).items()}
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = _canon(todo.pop())
        name = swap.get(name, name)
        if name in seen:
            continue
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        todo.extend(_requires(name))
    return seen


def dist_size(name: str) -> tuple[int, int, list[str]]:
    dist = metadata.distribution(name)
    total = models = 0
    model_files = []
    for f in dist.files or []:
        p = Path(dist.locate_file(f))
        if p.is_file():
            size = p.stat().st_size
            total += size
            if p.suffix in MODEL_SUFFIXES and size > 100_000:  # not a runtime's test files
                models += size
                model_files.append(f"{f} ({size / 1e6:.1f} MB)")
    return total, models, model_files


def size_of(name: str) -> dict:
    spec = CANDIDATES[name]
    if "debs" in spec:
        total = 0
        per = {}
        for deb in spec["debs"]:
            done = subprocess.run(
                ["dpkg-query", "-W", "-f=${Installed-Size} ${Version}", deb],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode == 0:
                kib, version = done.stdout.split(" ", 1)
                per[deb] = {"version": version, "mb": round(int(kib) / 1024, 1)}
                total += int(kib) * 1024
        tessdata = Path("/usr/share/tesseract-ocr/5/tessdata")
        models = [
            f"{p.name} ({p.stat().st_size / 1e6:.1f} MB)"
            for p in sorted(tessdata.glob("*.traineddata"))
        ]
        return {
            "installed_mb": round(total / 1e6, 1),
            "debian_packages": per,
            "model_files": models,
            "models_in_package": bool(models),
        }
    base = closure(GUARDIAN_DEPS)
    added = sorted(closure(spec["dists"], spec.get("instead")) - base)
    total = models = 0
    per = {}
    model_files: list[str] = []
    for d in added:
        t, m, files = dist_size(d)
        total += t
        models += m
        model_files += files
        per[d] = {"version": metadata.version(d), "mb": round(t / 1e6, 1)}
    return {
        "installed_mb": round(total / 1e6, 1),
        "model_mb": round(models / 1e6, 1),
        "distributions": per,
        "model_files": model_files,
        "models_in_package": models > 0,
    }


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------
def make_12mp(photo: Path, out: Path) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    img = QImage(str(photo)).scaled(
        3072, 4096, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    img.save(str(out), "JPG", 90)
    return out


TOKEN = re.compile(
    r"(?:https?://)?[A-Za-z0-9_.-]+\.(?:example|test)(?:/[A-Za-z0-9/_-]*)?"  # links
    r"|[A-Za-z]+_[A-Za-z0-9]+"  # account names such as wx_job2026
    r"|\+?\d[\d,.:-]*\d"  # phone and card numbers, amounts, times, codes
)


def score(items: list[dict], texts: dict[str, str]) -> dict:
    edits = chars = tokens = tokens_ok = 0
    per = []
    for it in items:
        ref = normalise(it["all_text"])
        hyp = normalise(texts.get(it["path"], ""))
        e = edit_distance(ref, hyp)
        edits += e
        chars += len(ref)
        per.append(e / max(1, len(ref)))
        for token in TOKEN.findall(normalise(it["text"])):
            tokens += 1
            tokens_ok += token in hyp
    return {
        "images": len(items),
        "cer": round(edits / max(1, chars), 4),
        "cer_mean": round(statistics.mean(per), 4) if per else None,
        "cer_worst": round(max(per), 4) if per else None,
        "links_numbers_exact": f"{tokens_ok}/{tokens}",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("images", type=Path, nargs="?")
    ap.add_argument("--candidates", default=",".join(CANDIDATES))
    ap.add_argument("--limit", type=int, default=0, help="use only the first N screenshots")
    ap.add_argument("--rounds", type=int, default=2, help="timing rounds (default 2)")
    ap.add_argument("--out", type=Path, help="also write the figures and every text read here")
    ap.add_argument("--worker", nargs=2, metavar=("CANDIDATE", "JOB"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        name, job = args.worker
        print(json.dumps(worker(name, json.loads(Path(job).read_text()))))
        return 0
    if args.images is None:
        ap.error("IMAGES_DIR is required")

    index = json.loads((args.images / "index.json").read_text("utf-8"))
    items = []
    for rel in index["images"]:
        path = args.images / rel
        meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
        items.append(
            {
                "path": str(path),
                "kind": meta["kind"],
                "size": meta["size"],
                "all_text": meta["all_text"],
                "text": meta["text"],
                "layout": meta["layout"],
                "theme": meta["theme"],
            }
        )
    shots = [it for it in items if it["kind"] == "screenshot"]
    if args.limit:
        shots = shots[: args.limit]
        keep = {Path(s["path"]).stem for s in shots}
        items = [it for it in items if Path(it["path"]).stem.removesuffix("_photo") in keep]
    photos = [it for it in items if it["kind"] == "photo"]
    big_shot = next(s["path"] for s in shots if s["size"] == [1080, 2400])
    tmp = Path(tempfile.mkdtemp(prefix="guardian-ocr-"))
    twelve = make_12mp(Path(photos[0]["path"]), tmp / "photo_12mp.jpg") if photos else None
    can_unshare = os.geteuid() == 0 and shutil.which("unshare") is not None

    report: dict = {
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()},
        "reference": "all text drawn (status-bar clock, title, date stamps, names, "
        "bubbles), NFKC, whitespace and emoji removed",
        "candidates": {},
    }
    texts_out: dict = {}
    names = [n for n in args.candidates.split(",") if n]
    big_shots = [s["path"] for s in shots if s["size"] == [1080, 2400]]
    for name in names:
        print(f"{name}: reading {len(items)} pictures", file=sys.stderr, flush=True)
        spec = CANDIDATES[name]
        res = run_worker(name, {"warmup": shots[0]["path"], "images": [it["path"] for it in items]})
        if "error" in res:
            report["candidates"][name] = {"what": spec["what"], "error": res["error"]}
            continue
        texts = {r["path"]: r["text"] for r in res["results"]}
        secs = {r["path"]: r["seconds"] for r in res["results"]}
        texts_out[name] = texts
        entry: dict = {
            "what": spec["what"],
            "cer": {"screenshots": score(shots, texts), "photos": score(photos, texts)},
            "time_s": {
                "load": res["load_s"],
                "photo_median": round(statistics.median([secs[p["path"]] for p in photos]), 3)
                if photos
                else None,
            },
        }
        print(f"{name}: memory, size, without network", file=sys.stderr, flush=True)
        mem_shot = run_worker(name, {"images": [big_shot]})
        entry["peak_rss_mb"] = {"screenshot_1080x2400": mem_shot.get("peak_rss_mb")}
        if twelve:
            mem12 = run_worker(name, {"images": [str(twelve)]})
            entry["peak_rss_mb"]["photo_12mp"] = mem12.get("peak_rss_mb")
        entry["size"] = size_of(name)
        if can_unshare:
            off = run_worker(name, {"images": [big_shot]}, offline=True)
            entry["runs_without_network"] = "results" in off and bool(off["results"][0]["text"])
        report["candidates"][name] = entry

    # Time: the candidates take turns, round after round, so that other work on the machine
    # weighs on each of them alike; medians over every round.
    timed = [n for n in names if "error" not in report["candidates"].get(n, {"error": 1})]
    pooled: dict = {n: {"wall": [], "cpu": [], "wall12": [], "cpu12": []} for n in timed}
    for r in range(args.rounds):
        for name in timed:
            print(f"{name}: timing, round {r + 1}", file=sys.stderr, flush=True)
            job = {
                "warmup": shots[0]["path"],
                "images": big_shots + ([str(twelve)] if twelve else []),
            }
            res = run_worker(name, job)
            for item in res.get("results", []):
                twelve_mp = item["path"] == str(twelve)
                pooled[name]["wall12" if twelve_mp else "wall"].append(item["seconds"])
                pooled[name]["cpu12" if twelve_mp else "cpu"].append(item["cpu_seconds"])
    for name in timed:
        got = pooled[name]
        t = report["candidates"][name]["time_s"]
        if got["wall"]:
            t["screenshot_1080x2400_median"] = round(statistics.median(got["wall"]), 3)
            t["screenshot_1080x2400_fastest"] = round(min(got["wall"]), 3)
            t["screenshot_1080x2400_cpu_median"] = round(statistics.median(got["cpu"]), 3)
        if got["wall12"]:
            t["photo_12mp_median"] = round(statistics.median(got["wall12"]), 3)
            t["photo_12mp_cpu_median"] = round(statistics.median(got["cpu12"]), 3)
        t["timed_runs"] = {"screenshots": len(got["wall"]), "photo_12mp": len(got["wall12"])}
    report["machine"]["load_average_at_end"] = os.getloadavg()
    shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.out:
        args.out.write_text(
            json.dumps({"figures": report, "texts": texts_out}, ensure_ascii=False, indent=1),
            "utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
