"""A demo line marked with a danger signal shows that signal to the message checker on its own.

The demo plays a fraud call line by line and names the signal each line shows; the message
checker, given the same line in the same language, must find that signal. A line whose words
the checker cannot read yet is listed below with what it lacks: those cases are expected to
fail, and fail the run as soon as the checker finds them (then take them off the list).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from guardian.content_loader import load_content
from guardian.core.i18n import LANGS, Lang
from guardian.core.text_check import check_text
from guardian.phrases_loader import load_phrases
from guardian.scenarios_loader import load_scenarios

# (scenario id, line number counted from 1, language): what the checker has no words for yet.
WAITING_FOR_THE_CHECKER: dict[tuple[str, int, Lang], str] = {
    ("elder_care_investment", 4, "zh"): "urgency: 名额只剩三个, 今天不交就没了",
    ("elder_care_investment", 4, "en"): "urgency: three places left, pay today or they are gone",
    ("elder_care_investment", 5, "en"): "isolation: don't ask your children, they will stop you",
    ("elder_care_investment", 6, "en"): "money_to_their_account: pay a 500 yuan membership fee",
    ("grandchild_trouble", 1, "en"): "new_number_acquaintance: it's me, can't you tell?",
    ("grandchild_trouble", 3, "zh"): "relative_in_trouble: 要赔人家五万块钱, 不然就要被拘留",
    ("grandchild_trouble", 3, "en"): "relative_in_trouble: pay them 50,000 yuan or be locked up",
    ("grandchild_trouble", 5, "zh"): "cash_pickup: 同学去家里, 您把现金交给他",
    ("grandchild_trouble", 5, "en"): "cash_pickup: my classmate will come, give him the cash",
    ("guess_who", 4, "zh"): "relative_in_trouble: 路上出了点事, 急需两万块, 先借我",
    ("guess_who", 4, "en"): "relative_in_trouble: something happened, need 20,000 yuan, lend it",
    ("guess_who", 5, "en"): "isolation: don't let anyone know",
    ("parcel_drugs", 3, "zh"): "transferred_to_police: 我帮您转到警方那边去",
    ("parcel_drugs", 5, "en"): "asks_code_or_password: a code has arrived, read it out to me",
    ("parcel_drugs", 6, "zh"): "isolation: 您不能跟任何人说",
    ("parcel_drugs", 6, "en"): "isolation: you must not tell anyone",
    ("phone_bill_police", 1, "zh"): "phone_bill_or_suspension: 座机欠费三千多元, 两小时后停机",
    ("phone_bill_police", 1, "en"): "phone_bill_or_suspension: your landline owes money, cut off",
    ("refund_screen_share", 2, "zh"): "refund_or_compensation: 给您三倍赔偿, 一共六百元",
    ("refund_screen_share", 2, "en"): "refund_or_compensation: we pay you three times the price",
    ("refund_screen_share", 5, "en"): "asks_code_or_password: the system sent a code, read it out",
    ("social_security_card", 1, "en"): "official_claim: I work at the social security centre",
    ("social_security_card", 2, "en"): "card_misused: your social security card was used elsewhere",
    ("tax_refund", 2, "en"): "pay_first_to_receive: to receive it, pay a 300 yuan fee first",
    ("tax_refund", 4, "en"): "asks_code_or_password: the bank texted a code, read it to me",
    ("tax_refund", 5, "zh"): "isolation: 这事先别跟别人说",
    ("tax_refund", 5, "en"): "isolation: keep this to yourself",
    ("tv_show_prize", 3, "en"): "pay_first_to_receive: before you collect it, pay a fee and tax",
    ("tv_show_prize", 4, "zh"): "urgency: 今天下午五点以前不交, 奖品就作废",
    ("tv_show_prize", 4, "en"): "urgency: pay by five this afternoon or the prize is cancelled",
}


def marked_lines() -> Iterator[tuple[str, int, Lang, str, str]]:
    """Every (scenario, line number, language, words, signal) of a line marked with a signal."""
    for scenario in load_scenarios():
        for number, line in enumerate(scenario.lines, start=1):
            if line.signal is not None:
                for lang in LANGS:
                    yield scenario.id, number, lang, line.text.get(lang), line.signal


def cases() -> Iterator[object]:
    for scenario_id, number, lang, words, signal_id in marked_lines():
        waiting = WAITING_FOR_THE_CHECKER.get((scenario_id, number, lang))
        marks = [] if waiting is None else [pytest.mark.xfail(strict=True, reason=waiting)]
        yield pytest.param(
            words, lang, signal_id, marks=marks, id=f"{scenario_id}-{number}-{lang}-{signal_id}"
        )


@pytest.mark.parametrize(("words", "lang", "signal_id"), list(cases()))
def test_the_checker_finds_the_signal_a_demo_line_shows(
    words: str, lang: Lang, signal_id: str
) -> None:
    result = check_text(words, load_content(), load_phrases(), lang=lang)
    assert signal_id in result.signal_ids, (words, result.signal_ids)


def test_every_line_waiting_for_the_checker_is_a_marked_line() -> None:
    marked = {(scenario_id, number, lang) for scenario_id, number, lang, _, _ in marked_lines()}
    assert set(WAITING_FOR_THE_CHECKER) <= marked
