"""Reading a message from a picture: the words come back in order, a bad file says why."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from guardian.core.reading_order import WordBox, reading_text, rectangle
from guardian.pictures.reading import (
    DETECT_LONG_SIDE,
    DETECT_SHORT_SIDE,
    PictureError,
    PictureReader,
    detection_limit,
    open_picture,
    read_picture,
)

ROOT = Path(__file__).resolve().parents[2]

FRAUD = [
    "【公安局】您的银行卡涉嫌洗钱，",
    "请立即把卡里的钱转到安全账户，",
    "联系电话 010-58889999",
]


@pytest.fixture(scope="module")
def reader() -> PictureReader:
    return PictureReader()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right))
            )
        previous = current
    return previous[-1]


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_a_screenshot_is_read_in_order_with_few_errors(message_picture, reader) -> None:
    found = read_picture(message_picture(FRAUD), reader)
    expected = squeezed("10:08" + "".join(FRAUD))
    errors = edit_distance(squeezed(found.text), expected)
    assert errors / len(expected) < 0.03, found.text
    assert found.text.index("洗钱") < found.text.index("安全账户") < found.text.index("58889999")
    assert (found.width, found.height) == (1080, 2400)


def test_a_large_photo_is_read_at_a_smaller_size_and_boxes_come_back_in_its_pixels(
    message_picture, reader
) -> None:
    found = read_picture(message_picture(FRAUD, size=(3000, 4000)), reader)
    assert "安全账户" in squeezed(found.text)
    # In the photo's own pixels (read at half its size, the words end near 960).
    assert max(box.right for box in found.boxes) > 1500


def test_small_phone_text_is_still_found_when_the_finder_looks_at_a_smaller_picture(
    message_picture, reader
) -> None:
    # Words 30 px high on a 1080x2400 screenshot (the smallest text setting of a phone) are
    # about 16 px high at the size the text finder looks at.
    found = read_picture(message_picture(FRAUD, text_px=30), reader)
    expected = squeezed("10:08" + "".join(FRAUD))
    errors = edit_distance(squeezed(found.text), expected)
    assert errors / len(expected) < 0.03, found.text


def test_a_small_picture_is_enlarged_for_the_finder_and_read(message_picture, reader) -> None:
    found = read_picture(message_picture(["请立即转账到安全账户"], size=(360, 480)), reader)
    assert "安全账户" in squeezed(found.text)
    assert reader._engine.text_det.limit_type == "min"
    read_picture(message_picture(FRAUD, name="tall.png"), reader)
    assert (reader._engine.text_det.limit_type, reader._engine.text_det.limit_side_len) == (
        "max",
        DETECT_LONG_SIDE,
    )


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((1080, 2400), ("max", DETECT_LONG_SIDE)),  # phone screenshots: shrunk to 1280 long
        ((720, 1600), ("max", DETECT_LONG_SIDE)),
        ((1170, 2532), ("max", DETECT_LONG_SIDE)),
        ((2400, 1080), ("max", DETECT_LONG_SIDE)),  # turned sideways
        ((1536, 2048), ("max", DETECT_LONG_SIDE)),  # photos, and a 12-megapixel one
        ((3000, 4000), ("max", DETECT_LONG_SIDE)),
        ((400, 300), ("min", DETECT_SHORT_SIDE)),  # small: enlarged
        ((1080, 6000), ("min", DETECT_SHORT_SIDE)),  # a long page: 360 wide at the reader's size
        ((600, 2000), ("max", 1707)),  # shrunk only until the short side is 512
    ],
)
def test_the_finder_looks_at_phone_pictures_smaller_but_never_too_narrow(
    size: tuple[int, int], expected: tuple[str, int]
) -> None:
    assert detection_limit(*size) == expected


def test_the_models_wait_without_spinning_read_line_by_line_and_skip_the_angle_step(reader) -> None:
    reader.load()
    engine = reader._engine
    assert engine.use_cls is False
    assert engine.text_rec.rec_batch_num == 1
    for part in (engine.text_det, engine.text_rec):
        options = part.session.session.get_session_options()
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_a_file_that_is_not_a_picture_says_so(tmp_path: Path, reader) -> None:
    text_file = tmp_path / "note.png"
    text_file.write_text("not a picture", encoding="utf-8")
    with pytest.raises(PictureError) as raised:
        read_picture(text_file, reader)
    assert raised.value.code == "not_a_picture"
    with pytest.raises(PictureError) as raised:
        read_picture(tmp_path / "missing.png", reader)
    assert raised.value.code == "unreadable"


def test_a_picture_with_no_words_says_so(tmp_path: Path, reader) -> None:
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("RGB", (600, 800), "white").save(blank)
    with pytest.raises(PictureError) as raised:
        read_picture(blank, reader)
    assert raised.value.code == "no_text"


def test_too_many_pixels_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    from PIL import Image

    import guardian.pictures.reading as reading

    path = tmp_path / "big.png"
    Image.new("RGB", (400, 300), "white").save(path)
    monkeypatch.setattr(reading, "MAX_PIXELS", 100_000)
    with pytest.raises(PictureError) as raised:
        open_picture(path)
    assert raised.value.code == "too_large"


def test_boxes_are_read_top_to_bottom_and_left_to_right() -> None:
    boxes = [
        rectangle("world", 300, 102, 500, 148),
        rectangle("second line", 10, 200, 400, 240),
        rectangle("hello", 10, 100, 200, 150),
        WordBox("icon", ((600, 100), (620, 100), (620, 150), (600, 150)), score=0.2),
    ]
    assert reading_text(boxes) == "hello world\nsecond line"


def test_a_turned_photo_is_read_row_by_row() -> None:
    # Two rows of two boxes each, turned by 6 degrees: the right box of the first row sits
    # lower than the left box of the second.
    turn = math.radians(6)

    def turned(text: str, left: float, top: float, right: float, bottom: float) -> WordBox:
        def point(x: float, y: float) -> tuple[float, float]:
            return (
                x * math.cos(turn) - y * math.sin(turn),
                x * math.sin(turn) + y * math.cos(turn),
            )

        return WordBox(
            text, (point(left, top), point(right, top), point(right, bottom), point(left, bottom))
        )

    boxes = [
        turned("请把钱", 0, 0, 400, 40),
        turned("转到安全账户", 1200, 0, 1900, 40),
        turned("不要告诉", 0, 60, 400, 100),
        turned("家里人", 1200, 60, 1600, 100),
    ]
    assert boxes[1].top > boxes[2].top  # the naive order would mix the rows
    assert reading_text(boxes) == "请把钱 转到安全账户\n不要告诉 家里人"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guardian", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )


def test_check_image_gives_the_verdict_of_the_typed_words(message_picture) -> None:
    picture = message_picture(FRAUD)
    done = run_cli("check-image", "--json", str(picture))
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)
    typed = run_cli("check-text", "--json", "".join(FRAUD))
    assert typed.returncode == 0, typed.stderr
    assert read["level"] == json.loads(typed.stdout)["level"] == "high"
    assert "安全账户" in squeezed(read["text"])
    assert "Traceback" not in done.stderr


def test_check_image_plain_output_shows_the_words_read(message_picture) -> None:
    done = run_cli("check-image", "--lang", "en", str(message_picture(FRAUD)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Words read from the picture:")
    assert "安全账户" in done.stdout


def test_check_image_on_a_file_that_is_no_picture_exits_2_with_a_plain_sentence(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "message.jpg"
    bad.write_bytes(b"\x00\x01 not a picture")
    done = run_cli("check-image", str(bad))
    assert done.returncode == 2
    assert "不是能打开的图片" in done.stderr
    assert "Traceback" not in done.stderr
    done = run_cli("check-image", "--lang", "en", str(tmp_path / "nothing.png"))
    assert done.returncode == 2
    assert "cannot be opened" in done.stderr and "Traceback" not in done.stderr
