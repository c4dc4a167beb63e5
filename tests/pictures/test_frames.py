"""The frame source: a video file played through Qt Multimedia's video sink gives QImages.

No camera is needed: tests/data/camera_phone.avi (made by scripts/make_camera_video.py) is a
phone held up to a camera, moving a little and then still. Its frames, through the same
thumbnails the camera screen makes, tell the steady watch "take it" in the still part only.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from guardian.core.steady_frames import SteadyWatch, mean_difference

VIDEO = Path(__file__).resolve().parent.parent / "data" / "camera_phone.avi"
FACTS = json.loads(VIDEO.with_suffix(".json").read_text(encoding="utf-8"))
WAIT_MS = 60_000


@pytest.fixture
def frames_module(qapp):
    from guardian.pictures import frames

    return frames


def test_the_video_plays_into_the_sink_as_qimages(qtbot, frames_module) -> None:
    source = frames_module.FrameSource()
    got: list[QImage] = []
    ended: list[bool] = []
    source.frame_ready.connect(got.append)
    source.finished.connect(lambda: ended.append(True))
    source.start_video(VIDEO)
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    total = FACTS["moving_frames"] + FACTS["still_frames"]
    assert total - 2 <= len(got) <= total + 2
    assert source.frames == len(got)
    width, height = FACTS["size"]
    assert all(isinstance(image, QImage) and not image.isNull() for image in got)
    assert (got[-1].width(), got[-1].height()) == (width, height)
    assert source.latest == got[-1]
    source.stop()
    assert not source.running


def test_the_steady_watch_fires_on_the_still_part_only(qtbot, frames_module) -> None:
    source = frames_module.FrameSource()
    thumbs: list[list[int]] = []
    ended: list[bool] = []
    source.frame_ready.connect(lambda image: thumbs.append(frames_module.thumbnail(image)))
    source.finished.connect(lambda: ended.append(True))
    source.start_video(VIDEO)
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    source.stop()
    moving = FACTS["moving_frames"]
    assert len(thumbs[0]) == 32 * 24
    # The moving part moves, the still part is still, as the thumbnails show.
    assert min(mean_difference(a, b) for a, b in itertools.pairwise(thumbs[:moving])) > 6
    assert max(mean_difference(a, b) for a, b in itertools.pairwise(thumbs[moving:])) < 3
    # By the video's own clock (frames per second), the watch says "take it" a second into
    # the still part, and never while the phone moves.
    fps = FACTS["fps"]
    watch = SteadyWatch()
    said = [watch.add(thumb, index / fps) for index, thumb in enumerate(thumbs)]
    assert said.count(True) == 1
    assert moving + fps <= said.index(True) <= moving + fps + 2
    moving_only = SteadyWatch()
    assert not any(moving_only.add(thumb, i / fps) for i, thumb in enumerate(thumbs[:moving]))


@pytest.mark.qt_log_ignore("Could not open media")
def test_a_file_that_is_no_video_says_so(qtbot, frames_module, tmp_path: Path) -> None:
    source = frames_module.FrameSource()
    problems: list[str] = []
    source.failed.connect(problems.append)
    broken = tmp_path / "broken.avi"
    broken.write_bytes(b"RIFF this is not a video at all" * 10)
    source.start_video(broken)
    qtbot.waitUntil(lambda: bool(problems), timeout=WAIT_MS)
    assert problems == ["video_unreadable"]
    assert not source.running
    source.start_video(tmp_path / "missing.avi")
    assert problems[-1] == "video_unreadable"


def test_no_camera_is_a_code_not_an_error(qtbot, frames_module, monkeypatch) -> None:
    monkeypatch.setattr(frames_module.QMediaDevices, "videoInputs", staticmethod(lambda: []))
    assert not frames_module.has_camera()
    source = frames_module.FrameSource()
    problems: list[str] = []
    source.failed.connect(problems.append)
    source.start_camera()
    assert problems == ["no_camera"]
    assert not source.running
