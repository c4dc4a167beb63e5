"""for_speech: what the speech engine is given for what the screen shows."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardian.core.i18n import Lang
from guardian.core.speech_text import digits_aloud, for_speech, number_aloud

ZH_CASES = [
    # telephone and short numbers, digit by digit, 1 read 幺
    ("请拨打110", "请拨打幺幺零"),
    ("96110", "九六幺幺零"),
    ("12381", "幺二三八幺"),
    ("拨打 95588", "拨打九五五八八"),
    ("拨打95588人工服务", "拨打九五五八八人工服务"),
    ("13800138000", "幺三八，零零幺三，八零零零"),
    ("138 0013 8000", "幺三八，零零幺三，八零零零"),
    ("+86 138 0013 8000", "加八六，幺三八，零零幺三，八零零零"),
    ("010-12345678", "零幺零，幺二三四五六七八"),
    ("400-820-8820", "四零零，八二零，八八二零"),
    # "00" in front of a number from abroad and the country code, digit by digit
    ("号码以00或+开头又不是86，是境外来电", "号码以零零或加号开头又不是八六，是境外来电"),
    ("00 44 20 7946 0000", "零零，四四，二零，七九四六，零零零零"),
    ("0086", "零零八六"),
    ("86岁", "八十六岁"),
    # amounts and counts, naturally
    ("5000元", "五千元"),
    ("¥5,000", "五千元"),
    ("￥5000", "五千元"),
    ("¥5,000元", "五千元"),
    ("3168元", "三千一百六十八元"),
    ("转账5万元", "转账五万元"),
    ("¥5万", "五万元"),
    ("10000元", "一万元"),
    ("20000元", "两万元"),
    ("100200元", "十万零二百元"),
    ("1002元", "一千零二元"),
    ("110万元", "一百一十万元"),
    ("12.50元", "十二点五零元"),
    ("2元", "两元"),
    ("2个人", "两个人"),
    ("2月", "二月"),
    ("第2题", "第二题"),
    ("第3题 / 共7题", "第三题，共七题"),
    ("24小时内", "二十四小时内"),
    ("3-5天", "三到五天"),
    ("1000人", "一千人"),
    ("$100", "一百美元"),
    # percentages, dates, times
    ("30%的人", "百分之三十的人"),
    ("3.5％", "百分之三点五"),
    ("2024年3月5日 14:30", "二零二四年三月五日十四点三十分"),
    ("9:05", "九点零五分"),
    ("8:00", "八点"),
    ("３０元", "三十元"),
    # markup, icons, emoji
    ("**注意**：<b>不要</b>转账！！", "注意，不要转账！"),
    ("☎️ 拨打 96110（反诈热线）", "拨打九六幺幺零，反诈热线"),
    ("⚠️ 极可能是诈骗 🚫", "极可能是诈骗"),
    ("<p>第一段</p><p>第二段</p>", "第一段。第二段"),
    ("[点这里](https://example.com)", "点这里"),
    ("# 标题\n- 不听\n- 不信", "标题。不听。不信"),
    ("不听&nbsp;不信", "不听不信"),
    ("①挂断电话\n②拨打110", "一，挂断电话。二，拨打幺幺零"),
    ("今天 30℃", "今天三十摄氏度"),
    # punctuation and whitespace
    ("不听、不信、不汇款、不转账", "不听，不信，不汇款，不转账"),
    ("等一下……", "等一下。"),
    ("  你好 ，  世界   ", "你好，世界"),
    ("真的吗？？！", "真的吗？"),
    ("《反电信网络诈骗法》", "反电信网络诈骗法"),
    ("", ""),
    ("🙂🙂", ""),
]

EN_CASES = [
    ("Call 110 now.", "Call one one zero now."),
    ("Call 96110 (anti-fraud line)", "Call nine six one one zero, anti-fraud line"),
    (
        "+86 138 0013 8000",
        "plus eight six, one three eight, zero zero one three, eight zero zero zero",
    ),
    (
        "It starts with 00 or + and not 86.",
        "It starts with zero zero or plus sign and not eight six.",
    ),
    ("¥5,000", "five thousand yuan"),
    ("5,000 yuan", "five thousand yuan"),
    ("3168 yuan", "three thousand one hundred sixty-eight yuan"),
    ("RMB 5000", "five thousand yuan"),
    ("¥5万", "fifty thousand yuan"),
    ("30% of people", "thirty percent of people"),
    ("0.5%", "zero point five percent"),
    ("In 2024, at 9:05", "In twenty twenty-four, at nine oh five"),
    ("at 10:00", "at ten o'clock"),
    ("Question 3 of 7", "Question three of seven"),
    ("within 24 hours", "within twenty-four hours"),
    ("3-5 days", "three to five days"),
    ("It was 5,000, then 3.5.", "It was five thousand, then three point five."),
    ("**Never** transfer money!!!", "Never transfer money!"),
    ("- item one\n- item two", "item one. item two"),
    ("→ Next ✅", "Next"),
    ("Don't listen, don't believe", "Don't listen, don't believe"),
    ("A&B", "A and B"),
    ("Hello。World", "Hello. World"),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_chinese(text: str, expected: str) -> None:
    assert for_speech(text, "zh") == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english(text: str, expected: str) -> None:
    assert for_speech(text, "en") == expected


@pytest.mark.parametrize(
    ("number", "zh", "en"),
    [
        ("0", "零", "zero"),
        ("10", "十", "ten"),
        ("15", "十五", "fifteen"),
        ("101", "一百零一", "one hundred one"),
        ("110", "一百一十", "one hundred ten"),
        ("1010", "一千零一十", "one thousand ten"),
        ("2000", "两千", "two thousand"),
        ("10001", "一万零一", "ten thousand one"),
        ("100000000", "一亿", "one hundred million"),
        ("123456789", "一亿两千三百四十五万六千七百八十九", None),
        ("1,234.5", "一千二百三十四点五", "one thousand two hundred thirty-four point five"),
    ],
)
def test_number_aloud(number: str, zh: str, en: str | None) -> None:
    assert number_aloud(number, "zh") == zh
    if en is not None:
        assert number_aloud(number, "en") == en


def test_digits_aloud() -> None:
    assert digits_aloud("0123456789", "zh") == "零幺二三四五六七八九"
    assert digits_aloud("110", "en") == "one one zero"


def _has_digit(text: str) -> bool:
    return any(unicodedata.category(c) == "Nd" for c in text)


@settings(max_examples=300)
@given(text=st.text(), lang=st.sampled_from(["zh", "en"]))
def test_never_crashes_and_reads_every_digit(text: str, lang: Lang) -> None:
    spoken = for_speech(text, lang)
    assert isinstance(spoken, str)
    assert not _has_digit(spoken)
    assert "  " not in spoken
    assert spoken == spoken.strip()


@given(
    prefix=st.sampled_from(["", "请拨打", "号码 ", "电话：", "来电"]),
    number=st.from_regex(re.compile(r"\+?[0-9]{3,12}"), fullmatch=True),
    suffix=st.sampled_from(["", "。", " 报警", "，谢谢"]),
)
def test_phone_numbers_are_read_digit_by_digit_in_chinese(
    prefix: str, number: str, suffix: str
) -> None:
    spoken = for_speech(prefix + number + suffix, "zh")
    assert not _has_digit(spoken)
    digits = number.lstrip("+")
    # Every digit is read on its own: the spoken digits, with pauses removed, spell the number.
    read = re.sub(r"[^零幺二三四五六七八九]", "", spoken)
    assert read == digits_aloud(digits, "zh")


@given(
    st.text(
        alphabet=st.characters(
            categories=["So", "Cf", "Co", "Sk", "Zs"],
            exclude_characters="°℃",  # read as 度
        )
    )
)
def test_icons_and_emoji_alone_read_as_nothing(text: str) -> None:
    assert for_speech(text, "zh") == ""
    assert for_speech(text, "en") == ""
