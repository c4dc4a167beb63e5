"""The report card keeps what the person wrote, within limits, and reads it back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardian.core.report_card import FIELDS, ReportCard


def test_round_trip_and_spoken_form() -> None:
    card = ReportCard(receiving_account="6222 0000 1111", amount="50000元", caller_number="110")
    again = ReportCard.from_mapping(card.to_mapping())
    assert again == card
    spoken = again.spoken("zh")
    assert "收钱的账号：6222 0000 1111" in spoken
    assert "转了多少钱：50000元" in spoken
    assert "对方的银行" not in spoken  # empty fields are not read


def test_long_and_odd_input_is_trimmed_not_refused() -> None:
    card = ReportCard()
    card.set("amount", "9" * 1000)
    card.set("what_they_said", "说\x00了\x1b很多")
    assert len(card.amount) == FIELDS["amount"][1]
    assert card.what_they_said == "说了很多"
    with pytest.raises(KeyError):
        card.set("password", "x")


def test_saved_junk_is_ignored() -> None:
    assert ReportCard.from_mapping({"amount": 5, "bank": ["x"], "other": "y"}).is_empty()
    assert ReportCard.from_mapping("nonsense").is_empty()


@given(st.dictionaries(st.sampled_from(list(FIELDS)), st.text(max_size=2000)))
def test_any_text_gives_a_card_within_limits(data: dict[str, str]) -> None:
    card = ReportCard.from_mapping(data)
    for name, (_, limit) in FIELDS.items():
        assert len(getattr(card, name)) <= limit
    assert isinstance(card.spoken("en"), str)
