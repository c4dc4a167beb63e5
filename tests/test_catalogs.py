"""The UI string catalogs: the same keys and placeholders in every language."""

from __future__ import annotations

from guardian.assets import load_catalog
from guardian.core.i18n import Catalog, placeholders


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    assert load_catalog().mismatches() == []


def test_the_check_itself_finds_a_missing_key_and_a_placeholder_mismatch() -> None:
    catalog = Catalog({"zh": {"a": "{n} 条", "b": "x"}, "en": {"a": "{count} items"}})
    problems = catalog.mismatches()
    assert any(p.startswith("a: placeholders differ") for p in problems)
    assert "b: missing in en" in problems


def test_no_string_is_empty() -> None:
    catalog = load_catalog()
    for lang in ("zh", "en"):
        for key in catalog.keys(lang):
            assert (catalog.template(lang, key) or "").strip(), f"{lang}:{key} is empty"


def test_placeholders_are_found() -> None:
    assert placeholders("第 {number} 条 / 共 {total} 条") == {"number", "total"}


# Police words and hard words on screens, and a second name for the danger signals.
PLAIN_ZH = (
    "红色信号", "典型", "迹象", "嫌疑", "虚拟运营商", "国家代码", "服务短号", "紧急止付", "按1",
)  # fmt: skip
PLAIN_EN = (
    "red signal", "checking account", "hold 3 s", "room answers", "the room", "loudness",
    "whom ",
)  # fmt: skip


# The alerts the family reads on their own phones, not on the person's screen.
TO_THE_FAMILY = "alert.message_"


def test_screens_use_plain_words() -> None:
    catalog = load_catalog()
    for key in sorted(catalog.keys("zh")):
        if key.startswith(TO_THE_FAMILY):
            continue
        text = catalog.template("zh", key) or ""
        for words in PLAIN_ZH:
            assert words not in text, f"zh:{key}: {text}"
    for key in sorted(catalog.keys("en")):
        if key.startswith(TO_THE_FAMILY):
            continue
        text = (catalog.template("en", key) or "").lower()
        for words in PLAIN_EN:
            assert words not in text, f"en:{key}: {text}"


def test_the_answer_hint_names_the_buttons_not_keys_to_press() -> None:
    catalog = load_catalog()
    for lang in ("zh", "en"):
        hint = catalog.get(lang, "question.how")
        for key in ("question.yes", "question.no", "question.unsure"):
            assert catalog.get(lang, key) in hint, (lang, key)
        assert not any(digit in hint for digit in "123"), hint


def test_the_message_prompt_does_not_ask_to_paste_from_a_phone() -> None:
    prompt = load_catalog().get("zh", "message.text_prompt")
    assert prompt == "把短信里的字打在下面，或者请家人帮您贴上"
