"""The number checker: the raw string first, then official, virtual and known numbers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardian.core.content import Content
from guardian.core.number_check import NumberType, check_number, clean_number
from guardian.core.risk import Level, assess

# raw, e164, region, type, signals
CASES: list[tuple[str, str | None, str | None, NumberType, tuple[str, ...]]] = [
    ("+44 20 7946 0000", "+442079460000", "GB", NumberType.FIXED_LINE, ("overseas_number",)),
    ("0044 20 7946 0000", "+442079460000", "GB", NumberType.FIXED_LINE, ("overseas_number",)),
    ("+1 202-555-0123", "+12025550123", "US", NumberType.FIXED_LINE, ("overseas_number",)),
    ("+00 1234 567", None, None, NumberType.UNKNOWN, ("overseas_number",)),
    ("00 00 1234 5678", None, None, NumberType.UNKNOWN, ("overseas_number",)),
    ("+63 917 123 4567", "+639171234567", "PH", NumberType.MOBILE, ("overseas_number",)),
    ("+86 138 1234 5678", "+8613812345678", "CN", NumberType.MOBILE, ()),
    ("0086-138-1234-5678", "+8613812345678", "CN", NumberType.MOBILE, ()),
    ("13812345678", "+8613812345678", "CN", NumberType.MOBILE, ()),
    ("１３８ １２３４ ５６７８", "+8613812345678", "CN", NumberType.MOBILE, ()),
    ("170 1234 5678", "+8617012345678", "CN", NumberType.MOBILE, ("virtual_operator",)),
    ("+86 171 1234 5678", "+8617112345678", "CN", NumberType.MOBILE, ("virtual_operator",)),
    ("16212345678", "+8616212345678", "CN", NumberType.MOBILE, ("virtual_operator",)),
    ("16512345678", "+8616512345678", "CN", NumberType.MOBILE, ("virtual_operator",)),
    ("16712345678", "+8616712345678", "CN", NumberType.MOBILE, ("virtual_operator",)),
    ("110", None, "CN", NumberType.SERVICE, ("caller_id_110",)),
    ("120", None, "CN", NumberType.SERVICE, ("caller_id_110",)),
    ("119", None, "CN", NumberType.SERVICE, ("caller_id_110",)),
    ("122", None, "CN", NumberType.SERVICE, ("caller_id_110",)),
    ("+86 110", None, "CN", NumberType.SERVICE, ("caller_id_110",)),
    ("010-110", None, "CN", NumberType.SERVICE, ("caller_id_110",)),
    ("96110", None, "CN", NumberType.SERVICE, ()),
    ("12381", None, "CN", NumberType.SERVICE, ()),
    ("95588", None, "CN", NumberType.SERVICE, ()),
    ("95566", None, "CN", NumberType.SERVICE, ()),
    ("010-6552 9999", "+861065529999", "CN", NumberType.FIXED_LINE, ()),
    ("(021) 6321 1234", "+862163211234", "CN", NumberType.FIXED_LINE, ()),
    ("400-810-8888", "+864008108888", "CN", NumberType.SHARED_COST, ()),
    ("800-810-1234", "+868008101234", "CN", NumberType.TOLL_FREE, ()),
    ("10086", None, "CN", NumberType.SERVICE, ()),
]


@pytest.mark.parametrize(("raw", "e164", "region", "kind", "signals"), CASES)
def test_number_table(
    raw: str,
    e164: str | None,
    region: str | None,
    kind: NumberType,
    signals: tuple[str, ...],
    content: Content,
) -> None:
    result = check_number(raw, content)
    assert result.ok, result.error
    assert (result.e164, result.region, result.type, result.signals) == (
        e164,
        region,
        kind,
        signals,
    )
    assert result.notes, "every number gets at least one note"
    for signal_id in result.signals:
        content.signal(signal_id)


def test_plus_00_is_not_read_as_american(content: Content) -> None:
    result = check_number("+00 1234 567", content)
    assert result.region != "US"
    assert "overseas_number" in result.signals
    assert any("+00" in note.en for note in result.notes)
    assert not any("国家代码" in note.zh for note in result.notes)


def test_without_the_catalog_the_rules_still_apply_without_notes() -> None:
    result = check_number("+00 1234 567")
    assert "overseas_number" in result.signals
    assert result.notes == ()
    assert check_number("96110").warning_line


@pytest.mark.parametrize("raw", ["96110", "+86 96110", "0086 96110"])
def test_96110_is_never_flagged_and_says_listen(raw: str, content: Content) -> None:
    result = check_number(raw, content)
    assert result.signals == ()
    assert result.warning_line
    assert any("96110" in n.zh and "听" in n.zh for n in result.notes)
    assert any("listen" in n.en for n in result.notes)
    assessment = assess(
        content,
        {},
        extra=[(s, "number") for s in result.signals],
        warning_line=result.warning_line,
    )
    assert assessment.level is Level.LOW
    assert assessment.verdict == "warning_line"


def test_notes_never_say_to_do_whatever_a_faked_number_says(content: Content) -> None:
    for note in content.number_notes.values():
        assert "照他们说的做" not in note.text.zh and "照它说的做" not in note.text.zh, note.id
        assert "do what they say" not in note.text.en, note.id
    antifraud = content.number_notes["antifraud"].text
    assert "别转钱，就听他们的" in antifraud.zh and "冒充" in antifraud.zh


def test_12381_is_the_official_warning_sms(content: Content) -> None:
    result = check_number("12381", content)
    assert result.signals == ()
    assert result.warning_line
    assert result.hotline is not None and result.hotline.number == "12381"
    assert any("12381" in n.zh and "预警" in n.zh for n in result.notes)


@pytest.mark.parametrize("raw", ["110", "95588", "13812345678", "+447700900123", "4008123123"])
def test_other_numbers_are_no_warning_line(raw: str, content: Content) -> None:
    assert not check_number(raw, content).warning_line


def test_bank_numbers_come_from_the_catalog(content: Content) -> None:
    banks = [h for h in content.hotlines.values() if h.kind.value == "bank"]
    assert len(banks) >= 10
    for bank in banks:
        result = check_number(bank.number, content)
        assert result.signals == ()
        assert result.hotline == bank
        assert any(bank.name.zh in n.zh and "卡" in n.zh for n in result.notes)
        assert any("printed on your card" in n.en for n in result.notes)
        # The bank's public number; a call showing it can still be faked.
        [note] = result.notes
        assert f"{bank.number}是{bank.name.zh}公开的客服号码" in note.zh
        assert "作假" in note.zh and "挂断" in note.zh
        assert "can be faked" in note.en and bank.name.en in note.en


def test_110_says_caller_id_can_be_faked(content: Content) -> None:
    result = check_number("110", content)
    assessment = assess(content, {}, extra=[(s, "number") for s in result.signals])
    assert assessment.level is Level.MEDIUM
    assert any("作假" in n.zh for n in result.notes)


def test_an_ordinary_number_is_never_called_safe(content: Content) -> None:
    result = check_number("13812345678", content)
    assert result.signals == ()
    assert any("不代表安全" in n.zh for n in result.notes)
    assert any("does not make it safe" in n.en for n in result.notes)


def test_400_numbers_get_a_note(content: Content) -> None:
    result = check_number("4008123123", content)
    assert any("400" in n.zh and "谁都能" in n.zh for n in result.notes)
    assert not any("企业号码" in n.zh for n in result.notes)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "Please type"),
        ("   ", "Please type"),
        ("abc", "only have digits"),
        ("138-1234-abcd", "only have digits"),
        ("+", "3 to 17 digits"),
        ("12", "3 to 17 digits"),
        ("1" * 20, "3 to 17 digits"),
        ("+86", "3 to 17 digits"),
        ("++8613812345678", "only have digits"),
        ("١٢٣٤٥", "only have digits"),
    ],
)
def test_garbage_gives_an_error_result(raw: str, problem: str) -> None:
    result = check_number(raw)
    assert not result.ok
    assert result.error is not None
    assert problem in result.error.en
    assert result.error.zh
    assert result.signals == ()


def test_clean_number() -> None:
    assert clean_number("＋44 (0)20-7946 0000") == "+4402079460000"
    assert clean_number(" 138.1234.5678 ") == "13812345678"


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    raw=st.one_of(
        st.text(max_size=40),
        st.from_regex(r"\A[+0]{0,3}[0-9 \-()]{0,20}\Z"),
        st.builds(lambda d: "+" + d, st.text("0123456789", min_size=1, max_size=18)),
    )
)
def test_any_string_is_read_without_error(raw: str, content: Content) -> None:
    # How quickly is the benchmark's to say (a timed assert here failed on a loaded machine).
    result = check_number(raw, content)
    assert (result.error is None) == result.ok
    assert set(result.signals) <= set(content.signals)
    if result.e164 is not None:
        assert result.e164.startswith("+")
