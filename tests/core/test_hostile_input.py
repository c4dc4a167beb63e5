"""Very long (1 MB) and binary input to the checks in guardian/core: always a clear result or a
plain error, quickly. Nothing here may raise out of the function under test."""

from __future__ import annotations

from typing import Any

import pytest

from guardian.assets import load_catalog
from guardian.content_loader import load_content
from guardian.core.contacts import validate_contact
from guardian.core.i18n import LANGS
from guardian.core.number_check import check_number
from guardian.core.report_card import FIELDS, ReportCard
from guardian.core.text_check import check_text
from guardian.phrases_loader import load_phrases
from guardian.ui.check_message import MAX_TEXT
from tests.hostile import DIGITS, HOSTILE, MEGABYTE, timed


@pytest.mark.parametrize("name", [n for n in HOSTILE if n != "digits"])
def test_check_text_gives_a_verdict_for_a_megabyte_of_anything(name):
    content, phrases = load_content(), load_phrases()
    result = timed(20, lambda: check_text(HOSTILE[name], content, phrases))
    assert result.assessment.level is not None
    if name == "long_chinese":
        assert result.level.value == "high"
        assert "safe_account" in result.signal_ids


@pytest.mark.parametrize("name", list(HOSTILE))
def test_check_text_at_the_screen_limit_is_quick(name):
    text = HOSTILE[name][:MAX_TEXT]
    result = timed(2, lambda: check_text(text, load_content(), load_phrases()))
    assert result.assessment.level is not None


def test_check_text_of_a_long_run_of_digits_is_quick():
    text = DIGITS[:10_000]
    timed(1, lambda: check_text(text, load_content(), load_phrases()))


@pytest.mark.parametrize("name", list(HOSTILE))
def test_check_number_refuses_what_is_not_a_number_plainly(name):
    result = timed(2, lambda: check_number(HOSTILE[name], load_content()))
    assert result.ok is False
    assert result.error is not None and result.error.get("en")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_report_card_keeps_each_field_within_its_limit(name):
    card = ReportCard()
    for field_name, (_label, limit) in FIELDS.items():
        timed(2, lambda f=field_name: card.set(f, HOSTILE[name]))
        value = getattr(card, field_name)
        assert len(value) <= limit
        assert all(ch.isprintable() or ch == "\n" for ch in value)
    assert isinstance(card.spoken("zh"), str)
    again = ReportCard.from_mapping(card.to_mapping())
    assert again == card


@pytest.mark.parametrize("name", list(HOSTILE))
def test_validate_contact_names_each_bad_field(name):
    value = HOSTILE[name]
    form: dict[str, Any] = {
        "name": value,
        "phone": value,
        "relationship": value,
        "photo_path": value,
        "channels": [{"kind": "json", "fields": {"url": value}}, {"kind": value, "fields": {}}],
    }
    result = timed(5, lambda: validate_contact(form))
    assert result.contact is None
    assert {"name", "phone"} <= set(result.errors)
    catalog = load_catalog()
    for error in result.errors.values():
        assert all(catalog.template(lang, error.key) for lang in LANGS), error
        assert error.sentence(lambda key, **values: catalog.get("zh", key, **values))


@pytest.mark.parametrize("form", [None, 42, b"\x00" * MEGABYTE, ["name"], {"name": None}])
def test_validate_contact_answers_a_form_that_is_not_a_form(form):
    result = timed(2, lambda: validate_contact(form))
    assert result.contact is None and result.errors
