from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardian.core.number_display import group_digits, phone_digits


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("110", "110"),
        ("96110", "96110"),
        ("12381", "12381"),
        ("10086", "10086"),
        ("1", "1"),
        ("1701", "170 1"),
        ("1701234", "170 1234"),
        ("17012345678", "170 1234 5678"),
        ("170-1234-5678", "170 1234 5678"),
        ("+8617012345678", "+86 170 1234 5678"),
        ("008617012345678", "0086 170 1234 5678"),
        ("01012345678", "010 1234 5678"),
        ("02187654321", "021 8765 4321"),
        ("057187654321", "0571 8765 4321"),
        ("4006612305", "400 661 2305"),
        ("+4420123456", "+4420123456"),
        ("+44 20-7946 0958", "+44 20 7946 0958"),
        ("", ""),
    ],
)
def test_a_number_is_shown_in_the_groups_a_phone_shows(typed: str, shown: str) -> None:
    assert group_digits(typed) == shown


@given(st.text(alphabet="0123456789+- ()", max_size=30))
def test_grouping_keeps_every_digit_in_order(typed: str) -> None:
    shown = group_digits(typed)
    assert [c for c in shown if c.isdigit()] == [c for c in typed if c.isdigit()]
    assert "  " not in shown and shown == shown.strip()
    assert group_digits(shown) == shown


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("", ""),
        ("110", "110"),
        ("170 1234 5678", "17012345678"),
        ("+86 (138) 1234-5678", "+8613812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("＋８６ １３８", "+86138"),
        ("＋44 (0)20-7946 0000", "+4402079460000"),
        ("call 95588 now", "95588"),
    ],
)
def test_phone_digits_keeps_digits_and_plus_full_width_as_plain(typed: str, digits: str) -> None:
    assert phone_digits(typed) == digits


@given(st.text())
def test_phone_digits_are_plain_and_never_longer(text: str) -> None:
    digits = phone_digits(text)
    assert set(digits) <= set("0123456789+")
    assert len(digits) <= len(text)
