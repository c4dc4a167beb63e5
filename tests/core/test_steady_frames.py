"""The steady watch: a picture still for about a second is taken once; moving or blank is not."""

from __future__ import annotations

import random

import pytest

from guardian.core.steady_frames import (
    STEADY_SECONDS,
    SteadyWatch,
    mean_difference,
    spread,
)

W, H = 32, 24


def phone(dx: int = 0, noise: int = 0, seed: int = 0) -> list[int]:
    """A thumbnail of a light phone screen with dark lines of text, shifted ``dx`` columns."""
    rng = random.Random(seed)
    values = []
    for y in range(H):
        for x in range(W):
            inside = 8 + dx <= x < 24 + dx and 2 <= y < 22
            text = inside and y % 3 == 0 and (x - dx) % 2 == 0
            value = 30 if text else (230 if inside else 90)
            values.append(max(0, min(255, value + rng.randint(-noise, noise))))
    return values


def feed(watch: SteadyWatch, frames: list[list[int]], fps: float = 10.0) -> list[bool]:
    return [watch.add(frame, index / fps) for index, frame in enumerate(frames)]


def test_the_measures() -> None:
    assert mean_difference([0, 10, 20], [0, 10, 20]) == 0
    assert mean_difference([0, 10, 20], [3, 7, 20]) == 2
    assert spread([50] * 10) == 0
    assert spread([0, 100] * 5) == 50
    with pytest.raises(ValueError):
        mean_difference([1, 2], [1])


def test_a_still_phone_is_taken_after_about_a_second_and_once() -> None:
    watch = SteadyWatch()
    said = feed(watch, [phone(noise=2, seed=i) for i in range(40)])
    assert said.count(True) == 1
    first = said.index(True)
    # Still from the second frame on (there is nothing to compare the first with).
    assert first / 10.0 == pytest.approx(0.1 + STEADY_SECONDS, abs=0.11)


def test_a_moving_phone_is_never_taken() -> None:
    watch = SteadyWatch()
    frames = [phone(dx=(i % 4) - 2 + (1 if i % 2 else 0), noise=2, seed=i) for i in range(60)]
    assert not any(feed(watch, frames))
    assert watch.steady_for(6.0) == 0.0


def test_moving_then_still_is_taken_a_second_after_it_stops() -> None:
    moving = [phone(dx=[0, 3, -2, 2][i % 4], noise=2, seed=i) for i in range(15)]
    still = [phone(noise=2, seed=100 + i) for i in range(25)]
    said = feed(SteadyWatch(), moving + still)
    assert said.count(True) == 1
    taken = said.index(True)
    assert taken >= 15 + 10  # not during the moving part, and a second into the still one
    assert taken <= 15 + 12


def test_a_blank_picture_is_never_taken() -> None:
    watch = SteadyWatch()
    assert not any(feed(watch, [[40] * (W * H) for _ in range(40)]))


def test_a_short_pause_is_not_enough() -> None:
    # Still for half a second, then moving again, then still for half a second again.
    frames = [phone(dx=0)] * 5 + [phone(dx=3), phone(dx=-3)] + [phone(dx=-3)] * 5 + [phone(dx=2)]
    assert not any(feed(SteadyWatch(), frames))


def test_reset_takes_the_next_still_second_too() -> None:
    watch = SteadyWatch()
    assert any(feed(watch, [phone()] * 20))
    watch.reset()
    assert watch.still_since is None and not watch.fired
    assert [watch.add(phone(), 10 + i / 10) for i in range(20)].count(True) == 1


def test_a_new_picture_size_starts_again() -> None:
    watch = SteadyWatch()
    feed(watch, [phone()] * 5)
    assert watch.still_since is not None
    assert not watch.add(phone()[: W * H // 2], 0.6)
    assert watch.still_since is None
