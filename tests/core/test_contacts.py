from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardian.assets import load_catalog
from guardian.core.contacts import (
    ERROR_NAME_REQUIRED,
    ERROR_NAME_TOO_LONG,
    ERROR_PHONE_CHARACTERS,
    ERROR_PHONE_INVALID,
    ERROR_PHONE_REQUIRED,
    RELATIONSHIPS,
    ChannelConfig,
    Phone,
    parse_phone,
    relationship_label,
    validate_contact,
)
from guardian.core.field_error import FieldError, Words
from guardian.core.i18n import LANGS, Lang

CATALOG = load_catalog()


def words(lang: Lang) -> Words:
    """The catalog's sentences in ``lang``."""
    return lambda key, **values: CATALOG.get(lang, key, **values)


@pytest.mark.parametrize(
    ("raw", "e164", "display"),
    [
        ("13812345678", "+8613812345678", "138 1234 5678"),
        ("138-1234-5678", "+8613812345678", "138 1234 5678"),
        ("+86 138 1234 5678", "+8613812345678", "138 1234 5678"),
        ("0086 13812345678", "+8613812345678", "138 1234 5678"),
        ("１３８１２３４５６７８", "+8613812345678", "138 1234 5678"),
        ("(010) 1234 5678", "+861012345678", "010 1234 5678"),
        ("+1 650 253 0000", "+16502530000", "+1 650-253-0000"),
    ],
)
def test_full_numbers_are_kept_in_e164_with_a_display_form(
    raw: str, e164: str, display: str
) -> None:
    result = parse_phone(raw)
    assert result.error is None
    assert result.phone == Phone(e164, display, short=False)


@pytest.mark.parametrize("raw", ["110", "96110", "95588", "12381", " 9 5 5 5 5 "])
def test_service_short_numbers_are_accepted(raw: str) -> None:
    result = parse_phone(raw)
    assert result.phone is not None and result.phone.short
    assert result.phone.e164 == "".join(raw.split())


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("", ERROR_PHONE_REQUIRED),
        ("   ", ERROR_PHONE_REQUIRED),
        ("abc", ERROR_PHONE_CHARACTERS),
        ("138*1234", ERROR_PHONE_CHARACTERS),
        ("+", ERROR_PHONE_CHARACTERS),
        ("+00 1234 567", ERROR_PHONE_INVALID),  # phonenumbers alone reads this as a US number
        ("12", ERROR_PHONE_INVALID),
        ("1381234567", ERROR_PHONE_INVALID),
        ("1" * 41, None),
    ],
)
def test_bad_numbers_say_why(raw: str, error: FieldError | None) -> None:
    result = parse_phone(raw)
    assert result.phone is None
    assert result.error is not None and all(
        CATALOG.template(lang, result.error.key) for lang in LANGS
    )
    if error is not None:
        assert result.error == error


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=50), st.text(alphabet="+0123456789 -()０１２", max_size=25)))
def test_any_phone_text_gives_a_phone_or_a_clear_error(raw: str) -> None:
    result = parse_phone(raw)
    assert (result.phone is None) != (result.error is None)
    if result.error is not None:
        assert all(CATALOG.template(lang, result.error.key) for lang in LANGS)
    else:
        assert result.phone is not None
        again = parse_phone(result.phone.e164)
        assert again.phone == result.phone


def _form(**overrides: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "name": "  小  红 ",
        "relationship": "女儿",
        "phone": "138 1234 5678",
        "photo_path": "/home/gran/photos/xiaohong.png",
        "channels": [
            {"kind": "wecom", "fields": {"key": "https://qyapi.weixin.qq.com/x/send?key=abc-123"}},
            ChannelConfig("ntfy", {"topic": "gran-alerts"}, id=7),
        ],
    }
    form.update(overrides)
    return form


def test_a_good_contact_is_cleaned() -> None:
    result = validate_contact(_form(), catalog=CATALOG)
    assert result.ok and result.errors == {}
    contact = result.contact
    assert contact is not None
    assert contact.name == "小 红"
    assert contact.relationship == "daughter"
    assert contact.relationship_label(words("en")) == "Daughter"
    assert contact.relationship_label(words("zh")) == "女儿"
    assert contact.phone.e164 == "+8613812345678"
    assert contact.photo_path == "/home/gran/photos/xiaohong.png"
    assert [(c.kind, c.fields, c.id) for c in contact.channels] == [
        ("wecom", {"key": "abc-123"}, None),
        ("ntfy", {"server": "", "topic": "gran-alerts"}, 7),
    ]


def test_free_text_relationship_is_kept() -> None:
    contact = validate_contact(_form(relationship="楼下王阿姨")).contact
    assert contact is not None and contact.relationship == "楼下王阿姨"
    assert relationship_label("楼下王阿姨", words("en")) == "楼下王阿姨"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("女儿", "daughter"),
        ("DAUGHTER", "daughter"),
        ("son_in_law", "son_in_law"),
        ("邻居", "neighbour"),
    ],
)
def test_a_relationship_typed_by_its_name_in_any_language_is_kept_as_its_id(
    typed: str, kept: str
) -> None:
    contact = validate_contact(_form(relationship=typed), catalog=CATALOG).contact
    assert contact is not None and contact.relationship == kept


def test_without_the_catalog_only_ids_are_recognised() -> None:
    assert validate_contact(_form(relationship="Daughter")).contact.relationship == "daughter"  # type: ignore[union-attr]
    assert validate_contact(_form(relationship="女儿")).contact.relationship == "女儿"  # type: ignore[union-attr]


def test_every_relationship_is_named_in_every_language() -> None:
    for relationship_id, key in RELATIONSHIPS.items():
        assert key == f"relationship.{relationship_id}"
        for lang in LANGS:
            assert CATALOG.template(lang, key), (lang, key)
    assert relationship_label("spouse", words("zh")) == "老伴"
    assert relationship_label("community", words("en")) == "Community worker"


def test_errors_per_field() -> None:
    result = validate_contact(
        _form(
            name="",
            phone="12",
            relationship="x" * 21,
            photo_path=5,
            channels=[{"kind": "email", "fields": {"host": "smtp.qq.com"}}, {"kind": "carrier"}],
        )
    )
    assert result.contact is None and not result.ok
    assert result.errors["name"] == ERROR_NAME_REQUIRED
    assert result.errors["phone"] == ERROR_PHONE_INVALID
    assert set(result.errors) == {
        "name",
        "phone",
        "relationship",
        "photo_path",
        "channels.0.from",
        "channels.0.to",
        "channels.1.kind",
    }


def test_name_length() -> None:
    assert validate_contact(_form(name="一" * 20)).ok
    error = validate_contact(_form(name="一" * 21)).errors["name"]
    assert error == ERROR_NAME_TOO_LONG
    assert error.sentence(words("zh")) == "名字最多20个字"
    assert error.sentence(words("en")) == "A name has at most 20 characters"


def test_errors_are_said_in_the_words_they_always_had() -> None:
    result = validate_contact(_form(name="", phone="abc", channels=list(range(11))))
    said = {name: error.sentence(words("zh")) for name, error in result.errors.items()}
    assert said == {
        "name": "请填写名字",
        "phone": "电话号码只能有数字（可以有空格、短横线或开头的 +）",
        "channels": "每位联系人最多10种通知方式",
    }
    assert result.errors["channels"].sentence(words("en")) == (
        "A contact has at most 10 alert channels"
    )
    relationship = validate_contact(_form(relationship="x" * 21)).errors["relationship"]
    assert relationship.sentence(words("en")) == "A relationship has at most 20 characters"


@pytest.mark.parametrize("fields", [None, 5, "name", [], {"name": b"x"}, {"channels": "x"}])
def test_anything_else_is_an_error_not_an_exception(fields: object) -> None:
    result = validate_contact(fields)
    assert result.contact is None and result.errors


_anything = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=10,
)


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["name", "relationship", "phone", "photo_path", "channels", "id"]),
        _anything,
    )
)
def test_arbitrary_fields_never_raise(fields: dict[str, Any]) -> None:
    result = validate_contact(fields)
    assert result.ok == (result.contact is not None)
    for error in result.errors.values():
        assert isinstance(error, FieldError)
        assert all(CATALOG.template(lang, error.key) for lang in LANGS), error.key
    if result.contact is None:
        assert result.errors
