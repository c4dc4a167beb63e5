"""Hostile input shared by the tests that feed it: a megabyte of text, of binary, of digits.

Every test that uses it bounds each call in time with :func:`timed`, well above what the call
takes on an ordinary computer.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

MEGABYTE = 1_000_000
T = TypeVar("T")

FRAUD = "您的账户涉嫌洗钱，请把钱转到安全账户，验证码不要告诉任何人。http://a.example/pay 5000元 "


def random_bytes(size: int, seed: int) -> bytes:
    """``size`` random bytes, the same for the same ``seed``."""
    return random.Random(seed).randbytes(size)


LONG_TEXT = (FRAUD * (MEGABYTE // len(FRAUD) + 1))[:MEGABYTE]
BINARY_LATIN1 = random_bytes(MEGABYTE, 1).decode("latin-1")  # every byte value, NULs too
BINARY_ESCAPED = random_bytes(MEGABYTE, 2).decode("utf-8", "surrogateescape")  # lone surrogates
DIGITS = "1" * MEGABYTE
CONTROL = "\x00\x07\x1b[31m\u202e\ufeff\ud800" * 1000

HOSTILE = {
    "long_chinese": LONG_TEXT,
    "binary_latin1": BINARY_LATIN1,
    "binary_surrogates": BINARY_ESCAPED,
    "digits": DIGITS,
    "control": CONTROL,
}


def timed(seconds: float, call: Callable[[], T]) -> T:
    """Call ``call`` and fail the test if it took ``seconds`` or more; give its result."""
    started = time.monotonic()
    result = call()
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    return result
