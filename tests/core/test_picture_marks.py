"""Marked spans of a checked text traced back to the runs of words read from the picture."""

from __future__ import annotations

from guardian.core.picture_marks import (
    PictureWords,
    char_width,
    from_picture,
    kept_picture,
    marked_parts,
    marked_runs,
    part_of,
    read_runs,
    words_area,
)
from guardian.core.reading_order import WordBox, reading_text, rectangle

# Three rows as a reader finds them (out of order), the second row in two runs.
BOXES = [
    rectangle("请立即把钱转到安全账户", 40, 200, 700, 250),
    rectangle("【公安局】您的银行卡", 40, 100, 520, 150),
    rectangle("涉嫌洗钱，", 540, 100, 780, 150),
    rectangle("联系电话 010-58889999", 40, 300, 600, 350),
    WordBox("噪点", ((5, 5), (20, 5), (20, 20), (5, 20)), score=0.1),
]


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def texts(boxes: list[WordBox]) -> list[str]:
    return [box.text for box in boxes]


def test_the_runs_give_the_text_the_reader_gives_and_their_places_in_it() -> None:
    text, runs = read_runs(BOXES)
    assert text == reading_text(BOXES)
    assert text == "【公安局】您的银行卡 涉嫌洗钱，\n请立即把钱转到安全账户\n联系电话 010-58889999"
    for run in runs:
        assert text[run.start : run.end] == run.box.text.strip()
    assert "噪点" not in texts([run.box for run in runs])


def test_a_mark_on_the_words_as_read_boxes_its_run_only() -> None:
    text = reading_text(BOXES)
    assert texts(marked_runs(BOXES, text, [span_of(text, "安全账户")])) == [
        "请立即把钱转到安全账户"
    ]


def test_a_mark_over_two_runs_boxes_both_and_runs_come_in_reading_order() -> None:
    text = reading_text(BOXES)
    spans = [span_of(text, "010-58889999"), span_of(text, "银行卡 涉嫌洗钱")]
    assert texts(marked_runs(BOXES, text, spans)) == [
        "【公安局】您的银行卡",
        "涉嫌洗钱，",
        "联系电话 010-58889999",
    ]


def test_words_corrected_elsewhere_still_box_the_marked_run() -> None:
    # A misread character fixed in another row, and the text box's spaces changed.
    text = reading_text(BOXES).replace("联系电话 010", "联系电话010").replace("您的", "你的")
    assert from_picture(reading_text(BOXES), text)
    assert texts(marked_runs(BOXES, text, [span_of(text, "安全账户")])) == [
        "请立即把钱转到安全账户"
    ]


def test_a_mark_on_words_the_person_typed_gives_no_box() -> None:
    read = reading_text(BOXES)
    text = read + "\n马上下载会议软件共享屏幕"
    assert marked_runs(BOXES, text, [span_of(text, "共享屏幕")]) == []
    # The rest of the text is still the words read: the picture still goes with the check.
    assert from_picture(read, text)


def test_a_text_rewritten_as_a_whole_maps_to_nothing() -> None:
    read = reading_text(BOXES)
    text = "您好，您的快递丢失了，我们给您理赔，请加客服的微信，扫码领取赔偿金。"
    assert not from_picture(read, text)
    spans = [span_of(text, "理赔"), span_of(text, "加客服的微信")]
    assert marked_runs(BOXES, text, spans) == []


def test_no_marks_and_no_runs_give_no_boxes() -> None:
    text = reading_text(BOXES)
    assert marked_runs(BOXES, text, []) == []
    assert marked_runs([], "安全账户", [(0, 4)]) == []
    assert not from_picture(text, "   ")


def test_the_words_area_holds_every_run_read_with_a_margin_inside_the_picture() -> None:
    area = words_area(BOXES, 1080, 2400)
    assert area is not None
    left, top, right, bottom = area
    assert left == 0 and top < 100 and right > 780 and 350 < bottom < 500
    assert words_area([], 1080, 2400) is None


def test_the_kept_picture_carries_the_boxes_of_the_check() -> None:
    words = PictureWords(
        image=b"\xff\xd8\xff", format="jpeg", width=1080, height=2400,
        text=reading_text(BOXES), boxes=tuple(BOXES),
    )  # fmt: skip
    text = words.text
    kept = kept_picture(words, text, [span_of(text, "洗钱")])
    # Only the marked words are boxed, not their whole run "涉嫌洗钱，".
    assert texts(list(kept.marked)) == ["洗钱"]
    assert kept.shown_area == kept.area and kept.area is not None
    assert (kept.width, kept.height, kept.format) == (1080, 2400, "jpeg")


def edges(box: WordBox) -> tuple[float, float, float, float]:
    return (round(box.left, 1), round(box.top, 1), round(box.right, 1), round(box.bottom, 1))


def test_a_chinese_character_counts_twice_a_latin_letter_digit_or_mark() -> None:
    assert [char_width(ch) for ch in "银，【a1 -"] == [2, 1, 1, 1, 1, 1, 1]


def test_only_the_marked_words_of_a_run_are_boxed_split_by_character_widths() -> None:
    # "涉嫌洗钱，" is 4 characters and a mark, 9 halves over 240 px: 洗钱 is halves 4 to 8.
    text = reading_text(BOXES)
    parts = marked_parts(BOXES, text, [span_of(text, "洗钱")])
    assert texts(parts) == ["洗钱"]
    assert edges(parts[0]) == (
        round(540 + 240 * 4 / 9, 1),
        100.0,
        round(540 + 240 * 8 / 9, 1),
        150.0,
    )


def test_two_marks_in_one_run_give_two_boxes_and_not_the_words_between() -> None:
    text = reading_text(BOXES)
    spans = [span_of(text, "公安局"), span_of(text, "银行卡")]
    parts = marked_parts(BOXES, text, spans)
    assert texts(parts) == ["公安局", "银行卡"]
    # 【公安局】您的银行卡: 8 characters and 2 marks, 18 halves over 480 px; 您的 is not boxed.
    assert edges(parts[0]) == (
        round(40 + 480 * 1 / 18, 1),
        100.0,
        round(40 + 480 * 7 / 18, 1),
        150.0,
    )
    assert edges(parts[1]) == (round(40 + 480 * 12 / 18, 1), 100.0, 520.0, 150.0)


def test_latin_letters_and_digits_take_half_the_room_of_chinese_characters() -> None:
    # 联系电话 010-58889999: 8 + 1 + 12 = 21 units over 560 px; the number is the last 12.
    text = reading_text(BOXES)
    parts = marked_parts(BOXES, text, [span_of(text, "010-58889999")])
    assert texts(parts) == ["010-58889999"]
    left, _, right, _ = edges(parts[0])
    assert (left, right) == (round(40 + 560 * 9 / 21, 1), 600.0)


def test_an_english_mark_boxes_its_words_only_with_the_space_between() -> None:
    line = rectangle("Police notice: your bank card is linked", 0, 0, 390, 40)
    text = reading_text([line])
    parts = marked_parts([line], text, [span_of(text, "bank card")])
    assert texts(parts) == ["bank card"]
    start = text.index("bank card")
    assert edges(parts[0]) == (start * 10.0, 0.0, (start + 9) * 10.0, 40.0)


def test_a_part_of_a_slanted_box_follows_its_slant() -> None:
    box = WordBox("abcd", ((0, 0), (400, 40), (400, 80), (0, 40)))
    half = part_of(box, 2, 4)
    assert half.corners == ((200, 20), (400, 40), (400, 80), (200, 60))
