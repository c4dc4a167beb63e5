"""The content catalog: every entry walked, and the loader's refusals."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import pytest

from guardian.core.content import (
    CALLER_SPOKEN_LIMIT,
    HEADLINE_LIMIT,
    LABEL_LIMIT,
    LINE_LIMIT,
    NAME_LIMIT,
    NOTE_LIMIT,
    NUMBER_NOTE_IDS,
    QUESTION_LIMIT,
    REASON_LIMIT,
    SOURCE_MAX,
    SPOKEN_LIMIT,
    TIP_LIMIT,
    TIP_SPOKEN_LIMIT,
    TITLE_LIMIT,
    Content,
    ContentError,
    HotlineKind,
    Limit,
    Severity,
    UnknownIdError,
    parse_content,
)
from guardian.core.i18n import LANGS, Text

Raw = dict[str, dict[str, Any]]

# The red-signal table of the product description, with the signals added to it: the asks every
# fraud shares, and what the message checker's story markers and model count as.
REQUIRED_SIGNALS = {
    "safe_account": Severity.DECISIVE,
    "official_wants_money": Severity.DECISIVE,
    "asks_code_or_password": Severity.DECISIVE,
    "open_online_banking": Severity.DECISIVE,
    "screen_share_or_app": Severity.DECISIVE,
    "cash_pickup": Severity.DECISIVE,
    "isolation": Severity.STRONG,
    "freeze_or_arrest_threat": Severity.STRONG,
    "official_claim": Severity.STRONG,
    "transferred_to_police": Severity.STRONG,
    "their_number_to_call": Severity.STRONG,
    "pay_first_to_receive": Severity.STRONG,
    "relative_in_trouble": Severity.STRONG,
    "new_number_acquaintance": Severity.STRONG,
    "parcel_contraband": Severity.STRONG,
    "card_misused": Severity.STRONG,
    "phone_bill_or_suspension": Severity.MODERATE,
    "refund_or_compensation": Severity.MODERATE,
    "investment_high_return": Severity.STRONG,
    "urgency": Severity.MODERATE,
    "unknown_caller": Severity.MODERATE,
    "overseas_number": Severity.STRONG,
    "caller_id_110": Severity.STRONG,
    "virtual_operator": Severity.MODERATE,
    "phishing_link": Severity.STRONG,
    "remote_app_running": Severity.STRONG,
    "money_to_their_account": Severity.STRONG,
    "loan_or_credit": Severity.STRONG,
    "private_chat": Severity.MODERATE,
    "fraud_story": Severity.STRONG,
    "looks_like_fraud": Severity.STRONG,
    "fake_warning_line": Severity.DECISIVE,
}
# Found from the number, the running programs or the message checker, never asked.
NOT_ASKED = {
    "overseas_number",
    "virtual_operator",
    "remote_app_running",
    "unknown_caller",  # the "I don't know" picture says it already
    "private_chat",
    "fraud_story",
    "looks_like_fraud",
    "fake_warning_line",
}
# The first page of pictures, then the second (behind "someone else").
CALLER_IDS = (
    "police",
    "customer_service",
    "relative",
    "government",
    "online_friend",
    "seller",
    "operator",
    "unknown",
    "courier",
    "prize",
    "part_time_job",
    "loan",
    "leader",
    "platform",
    "army",
)
ICON_NAMES = (
    {f"sig_{sid}" for sid in REQUIRED_SIGNALS}
    | {f"caller_{cid}" for cid in CALLER_IDS}
    | {"caller_more"}
)
BANK_NUMBERS = {
    "95588", "95599", "95566", "95533", "95559", "95555", "95580", "95558",
    "95595", "95568", "95561", "95528", "95511", "95577", "95508",
}  # fmt: skip

CJK = re.compile(r"[\u3400-\u9fff]")


def all_texts(content: Content) -> list[tuple[str, Text]]:
    """Every piece of text in the catalog, named by where it lives."""
    texts: list[tuple[str, Text]] = []
    for signal in content.signals.values():
        for field in ("title", "reason", "question", "spoken"):
            value = getattr(signal, field)
            if value is not None:
                texts.append((f"signal {signal.id} {field}", value))
    texts.append(("wizard caller_question", content.wizard.caller_question))
    texts.append(("wizard caller_spoken", content.wizard.caller_spoken))
    more = content.wizard.more
    assert more is not None
    texts += [("wizard more label", more.label), ("wizard more spoken", more.spoken)]
    texts.append(("wizard more page_spoken", more.page_spoken))
    texts.append(("wizard more page_question", more.page_question))
    texts += [("wizard more none_label", more.none_label)]
    texts += [("wizard more none_spoken", more.none_spoken)]
    for caller in content.wizard.callers:
        texts += [(f"caller {caller.id} label", caller.label)]
        texts += [(f"caller {caller.id} spoken", caller.spoken)]
    for tip in content.tips:
        texts += [(f"tip {tip.id} text", tip.text), (f"tip {tip.id} spoken", tip.spoken)]
    for hotline in content.hotlines.values():
        texts.append((f"hotline {hotline.id} name", hotline.name))
        texts += [(f"hotline {hotline.id} line", line) for line in hotline.what_to_say]
    texts.append(("advice rules", content.advice.rules))
    for verdict_id, words in content.advice.verdicts.items():
        texts.append((f"advice {verdict_id} headline", words.headline))
        texts += [(f"advice {verdict_id} call", item) for item in words.call]
        texts += [(f"advice {verdict_id} message", item) for item in words.message]
    for note in content.number_notes.values():
        texts.append((f"number note {note.id}", note.text))
    return texts


def within(text: Text, limit: Limit) -> bool:
    return all(len(text.get(lang)) <= getattr(limit, lang) for lang in LANGS)


# --- the real catalog -------------------------------------------------------------------------


def test_every_required_signal_is_there_with_its_severity(content: Content) -> None:
    for signal_id, severity in REQUIRED_SIGNALS.items():
        assert content.signal(signal_id).severity is severity, signal_id


def test_every_text_has_both_languages(content: Content) -> None:
    for where, text in all_texts(content):
        assert text.zh.strip() and text.en.strip(), where
        assert CJK.search(text.zh), f"{where}: the Chinese text has no Chinese characters"
        assert not CJK.search(text.en), f"{where}: the English text has Chinese characters"


def test_signal_texts_fit_the_screen(content: Content) -> None:
    for signal in content.signals.values():
        assert within(signal.title, TITLE_LIMIT), signal.id
        assert within(signal.reason, REASON_LIMIT), signal.id
        if signal.asked:
            assert signal.question is not None and signal.spoken is not None
            assert within(signal.question, QUESTION_LIMIT), signal.id
            assert within(signal.spoken, SPOKEN_LIMIT), signal.id


def test_every_question_is_a_question_and_is_read_aloud(content: Content) -> None:
    for signal in content.asked_signals():
        assert signal.question is not None and signal.spoken is not None
        assert signal.question.zh.endswith("？") and signal.question.en.endswith("?"), signal.id
        assert signal.spoken.zh.endswith("？") and signal.spoken.en.endswith("?"), signal.id


def test_which_signals_are_asked(content: Content) -> None:
    asked = {signal.id for signal in content.asked_signals()}
    assert asked == set(REQUIRED_SIGNALS) - NOT_ASKED
    for signal_id in NOT_ASKED:
        assert content.signal(signal_id).spoken is None


def test_every_icon_is_one_of_the_drawn_names(content: Content) -> None:
    for signal in content.signals.values():
        assert signal.icon in ICON_NAMES and signal.icon.startswith("sig_"), signal.id
    for signal_id in REQUIRED_SIGNALS:
        assert content.signal(signal_id).icon == f"sig_{signal_id}"
    for caller in content.wizard.callers:
        assert caller.icon == f"caller_{caller.id}"


def test_caller_types(content: Content) -> None:
    assert tuple(caller.id for caller in content.wizard.callers) == CALLER_IDS
    for caller in content.wizard.callers:
        assert within(caller.label, LABEL_LIMIT), caller.id
        assert within(caller.spoken, CALLER_SPOKEN_LIMIT), caller.id
    assert content.caller("police").implies == ("official_claim",)
    assert "official_claim" in content.caller("government").implies
    first, second = content.wizard.on_page(1), content.wizard.on_page(2)
    assert len(first) == 8 and 0 < len(second) <= 9
    assert first[-1].id == "unknown"
    assert content.wizard.more is not None and content.wizard.more.icon == "caller_more"


def test_every_kind_of_fraud_has_a_caller_that_leads_to_it(content: Content, raw: Raw) -> None:
    kinds = [kind["id"] for kind in raw["fraud_types"]["type"]]
    led_to = {kind for caller in content.wizard.callers for kind in caller.fraud_types}
    assert set(kinds) - led_to == set()
    assert led_to <= set(kinds)
    for caller in content.wizard.callers:
        assert caller.fraud_types, caller.id


# What every path asks about, each in one of these words: money moved, paid or borrowed; codes
# or passwords; an app, a meeting, a shared screen or a QR code; keeping it secret; a number of
# theirs to call.
EVERY_PATH_ASKS = {
    "money": {
        "money_to_their_account",
        "safe_account",
        "official_wants_money",
        "cash_pickup",
        "pay_first_to_receive",
    },
    "codes": {"asks_code_or_password"},
    "apps": {"screen_share_or_app"},
    "secret": {"isolation"},
    "their number": {"their_number_to_call", "transferred_to_police"},
}


def test_wizard_paths(content: Content) -> None:
    flow = content.wizard
    assert flow.max_questions == 7
    assert flow.common == (
        "money_to_their_account",
        "asks_code_or_password",
        "screen_share_or_app",
        "isolation",
        "their_number_to_call",
    )
    for caller in flow.callers:
        path = content.questions_for(caller.id)
        ids = [signal.id for signal in path]
        # A caller on the second page takes one more tap to choose: one question fewer.
        assert 0 < len(path) <= flow.max_questions - (caller.page - 1), caller.id
        assert len(set(ids)) == len(path), caller.id
        assert tuple(ids[: len(caller.questions)]) == caller.questions, caller.id
        assert any(signal.severity is Severity.DECISIVE for signal in path), caller.id
        for topic, words in EVERY_PATH_ASKS.items():
            assert words & set(ids), f"{caller.id} asks nothing about {topic}"


def test_a_common_question_already_asked_in_the_callers_words_is_left_out(
    content: Content,
) -> None:
    police = [signal.id for signal in content.questions_for("police")]
    assert "official_wants_money" in police and "money_to_their_account" not in police
    courier = [signal.id for signal in content.questions_for("courier")]
    assert "transferred_to_police" in courier and "their_number_to_call" not in courier
    leader = [signal.id for signal in content.questions_for("leader")]
    assert leader[0] == "money_to_their_account"


def test_tips(content: Content) -> None:
    assert len(content.tips) >= 30
    assert len({tip.text.zh for tip in content.tips}) == len(content.tips)
    for tip in content.tips:
        assert within(tip.text, TIP_LIMIT), tip.id
        assert within(tip.spoken, TIP_SPOKEN_LIMIT), tip.id
    every_tip = " ".join(tip.text.zh for tip in content.tips)
    for fact in ("110", "96110", "12381", "验证码", "安全账户", "自己查到的号码"):
        assert fact in every_tip, fact


def test_hotlines(content: Content) -> None:
    numbers = {hotline.number: hotline for hotline in content.hotlines.values()}
    assert numbers["110"].kind is HotlineKind.EMERGENCY
    assert numbers["96110"].kind is HotlineKind.ANTIFRAUD
    assert numbers["12381"].kind is HotlineKind.WARNING_SMS
    assert set(numbers) >= BANK_NUMBERS
    assert all(numbers[n].kind is HotlineKind.BANK for n in BANK_NUMBERS)
    for number in ("110", "96110"):
        assert len(numbers[number].what_to_say) == 2
    for hotline in content.hotlines.values():
        assert within(hotline.name, NAME_LIMIT), hotline.id
        assert all(within(line, LINE_LIMIT) for line in hotline.what_to_say), hotline.id
    assert content.hotline("police").number == "110"
    assert content.hotline_by_number("96110") is numbers["96110"]
    assert content.hotline_by_number("12345678") is None


def test_advice(content: Content) -> None:
    advice = content.advice
    assert advice.rules.zh == "不听、不信、不汇款、不转账"
    headlines = {verdict: words.headline.zh for verdict, words in advice.verdicts.items()}
    assert headlines == {
        "high": "极可能是诈骗",
        "medium": "很可能有诈",
        "low": "有一点可疑",
        "nothing_found": "没看出常见的骗局",
        "warning_line": "是反诈专线在提醒您",
    }
    assert advice.for_level("low", found=False) is advice.for_verdict("nothing_found")
    assert advice.for_level("low") is advice.for_verdict("low")
    for words in advice.verdicts.values():
        for items in (words.call, words.message):
            assert 2 <= len(items) <= 4
            assert all(within(item, LINE_LIMIT) for item in items)
        assert within(words.headline, HEADLINE_LIMIT)
    nothing = " ".join(item.zh for item in advice.for_verdict("nothing_found").call)
    assert "陌生人转账" in nothing and "自己查到的号码" in nothing
    nothing_en = " ".join(item.en for item in advice.for_verdict("nothing_found").call).lower()
    assert "stranger" in nothing_en and "number you found yourself" in nothing_en
    for about in ("call", "message"):
        low = " ".join(item.zh for item in advice.for_verdict("low").items(about))
        assert "不要转钱" in low and "自己查到的号码" in low, about


def test_message_advice_is_about_the_message(content: Content) -> None:
    for verdict_id, words in content.advice.verdicts.items():
        message = " ".join(item.zh for item in words.message)
        assert "挂断" not in message and "电话" not in message, verdict_id
    for verdict_id in ("high", "medium", "low"):
        message = " ".join(item.zh for item in content.advice.for_verdict(verdict_id).message)
        assert "链接" in message and "不要打短信里的号码" in message, verdict_id
    high = " ".join(item.zh for item in content.advice.for_verdict("high").message)
    assert "不要点短信里的链接，不要打短信里的号码" in high


# Police words, two names for one thing, and statements that are not true.
NOT_SAID_ZH = (
    "照他们说的做", "照它说的做", "企业号码", "从不打电话办案", "不会打电话办案", "八个字",
    "最常见", "一扫就会付钱", "红色信号", "典型", "迹象", "嫌疑", "虚拟运营商", "国家代码",
    "服务短号", "紧急止付", "按1",
)  # fmt: skip
NOT_SAID_EN = (
    "red signal", "checking account", "do what they say", "most common", "virtual operator",
    "virtual-operator", "country code", "typical sign", "handle a case by phone",
)  # fmt: skip


def test_every_statement_is_plain_and_true(content: Content) -> None:
    for where, text in all_texts(content):
        for words in NOT_SAID_ZH:
            assert words not in text.zh, f"{where}: {text.zh}"
        for words in NOT_SAID_EN:
            assert words not in text.en.lower(), f"{where}: {text.en}"
        if "医保" in text.zh and "12333" in text.zh:
            assert "12393" in text.zh, f"{where}: medical insurance is 12393"
        if "medical insurance" in text.en and "12333" in text.en:
            assert "12393" in text.en, where
    rules = next(tip for tip in content.tips if tip.id == "rules")
    assert "不听、不信、不汇款、不转账" in rules.text.zh


def test_every_signal_tip_and_number_note_names_its_source(content: Content) -> None:
    entries = [(f"signal {s.id}", s.source) for s in content.signals.values()]
    entries += [(f"tip {t.id}", t.source) for t in content.tips]
    entries += [(f"number note {n.id}", n.source) for n in content.number_notes.values()]
    assert len(entries) == len(content.signals) + len(content.tips) + len(NUMBER_NOTE_IDS)
    for where, source in entries:
        assert source.strip(), where
        assert len(source) <= SOURCE_MAX, where
        assert CJK.search(source), f"{where}: the source names the official body in Chinese"


def test_number_notes(content: Content) -> None:
    assert tuple(content.number_notes) == NUMBER_NOTE_IDS
    for note in content.number_notes.values():
        assert within(note.text, NOTE_LIMIT), note.id
    bank = content.number_notes["bank"].text
    assert "{name}" in bank.zh and "{number}" in bank.zh and "{name}" in bank.en


def test_spoken_questions_are_short(content: Content) -> None:
    for signal in content.asked_signals():
        assert signal.spoken is not None
        assert len(signal.spoken.zh) <= SPOKEN_LIMIT.zh <= 22, signal.id
        assert len(signal.spoken.en) <= SPOKEN_LIMIT.en, signal.id


def test_lookups_name_the_unknown_id(content: Content) -> None:
    with pytest.raises(UnknownIdError, match="no_such_signal"):
        content.signal("no_such_signal")
    with pytest.raises(UnknownIdError, match="martian"):
        content.caller("martian")
    with pytest.raises(UnknownIdError, match="nowhere"):
        content.hotline("nowhere")
    with pytest.raises(UnknownIdError, match="nobody"):
        content.wizard.questions_for("nobody")


def test_other_content_files_are_left_alone(raw: Raw) -> None:
    without = parse_content(raw)
    other = {"scenario": [{"anything": "goes"}]}
    raw["scenarios"] = copy.deepcopy(other)
    assert parse_content(raw) == without  # not read: the scenarios have their own reader
    assert raw["scenarios"] == other  # and not changed


# --- refusals -----------------------------------------------------------------------------------


def signal(raw: Raw, signal_id: str) -> dict[str, Any]:
    return next(entry for entry in raw["signals"]["signal"] if entry["id"] == signal_id)


def caller(raw: Raw, caller_id: str) -> dict[str, Any]:
    return next(entry for entry in raw["wizard"]["caller"] if entry["id"] == caller_id)


def hotline(raw: Raw, hotline_id: str) -> dict[str, Any]:
    return next(entry for entry in raw["hotlines"]["hotline"] if entry["id"] == hotline_id)


def verdict(raw: Raw, verdict_id: str) -> dict[str, Any]:
    return next(entry for entry in raw["advice"]["verdict"] if entry["id"] == verdict_id)


def note(raw: Raw, note_id: str) -> dict[str, Any]:
    return next(entry for entry in raw["number_notes"]["note"] if entry["id"] == note_id)


BREAKAGES: list[tuple[str, Callable[[Raw], object], str]] = [
    (
        "unknown key",
        lambda r: signal(r, "safe_account").update(colour="red"),
        "signals.toml, signal 'safe_account': unknown key 'colour'",
    ),
    (
        "missing key",
        lambda r: signal(r, "safe_account").pop("title"),
        "signals.toml, signal 'safe_account': title is missing",
    ),
    (
        "missing language",
        lambda r: signal(r, "safe_account")["title"].pop("en"),
        "signals.toml, signal 'safe_account': title.en is missing",
    ),
    (
        "unknown language",
        lambda r: signal(r, "isolation")["reason"].update(fr="Secret"),
        "signals.toml, signal 'isolation': unknown key 'reason.fr'",
    ),
    (
        "text not per language",
        lambda r: signal(r, "isolation").update(reason="keep it secret"),
        "signals.toml, signal 'isolation': reason must give every language",
    ),
    (
        "empty text",
        lambda r: signal(r, "urgency")["title"].update(zh="  "),
        "signals.toml, signal 'urgency': title.zh is empty",
    ),
    (
        "Chinese title too long",
        lambda r: signal(r, "urgency")["title"].update(zh="快" * 15),
        "signals.toml, signal 'urgency': title.zh is 15 characters long; the limit is 14",
    ),
    (
        "English question too long",
        lambda r: signal(r, "urgency")["question"].update(en="Hurry? " * 12),
        "signals.toml, signal 'urgency': question.en",
    ),
    (
        "spoken too long",
        lambda r: signal(r, "urgency")["spoken"].update(zh="快" * 23),
        "signals.toml, signal 'urgency': spoken.zh is 23 characters long; the limit is 22",
    ),
    (
        "signal without a source",
        lambda r: signal(r, "urgency").pop("source"),
        "signals.toml, signal 'urgency': source is missing",
    ),
    (
        "empty source",
        lambda r: signal(r, "urgency").update(source="  "),
        "signals.toml, signal 'urgency': source is empty",
    ),
    (
        "source too long",
        lambda r: signal(r, "urgency").update(source="公安部" * 41),
        "signals.toml, signal 'urgency': source is 123 characters long; the limit is 120",
    ),
    (
        "source not in Chinese",
        lambda r: signal(r, "urgency").update(source="the police"),
        "signals.toml, signal 'urgency': source must name the official body in Chinese",
    ),
    (
        "duplicate signal id",
        lambda r: signal(r, "isolation").update(id="safe_account"),
        "signals.toml, signal 'safe_account': duplicate id (also signal #1)",
    ),
    (
        "missing id",
        lambda r: r["signals"]["signal"][0].pop("id"),
        "signals.toml, signal #1: id is missing",
    ),
    (
        "bad severity",
        lambda r: signal(r, "urgency").update(severity="fatal"),
        "signals.toml, signal 'urgency': severity 'fatal' must be one of decisive, strong",
    ),
    (
        "question without spoken",
        lambda r: signal(r, "urgency").pop("spoken"),
        "signals.toml, signal 'urgency': spoken is missing",
    ),
    (
        "spoken without question",
        lambda r: signal(r, "urgency").pop("question"),
        "signals.toml, signal 'urgency': question is missing",
    ),
    (
        "missing file",
        lambda r: r.pop("tips"),
        "tips.toml: the file is missing",
    ),
    (
        "unknown top-level key",
        lambda r: r["wizard"].update(max_question=7),
        "wizard.toml: unknown key 'max_question'",
    ),
    (
        "max_questions not a number",
        lambda r: r["wizard"].update(max_questions="seven"),
        "wizard.toml: max_questions must be a positive whole number",
    ),
    (
        "common names an unknown signal",
        lambda r: r["wizard"]["common"].append("nope"),
        "wizard.toml: common names 'nope', which is not a signal",
    ),
    (
        "caller question names an unknown signal",
        lambda r: caller(r, "relative")["questions"].append("nope"),
        "wizard.toml, caller 'relative': questions names 'nope', which is not a signal",
    ),
    (
        "caller implies an unknown signal",
        lambda r: caller(r, "police")["implies"].append("nope"),
        "wizard.toml, caller 'police': implies names 'nope', which is not a signal",
    ),
    (
        "question whose signal has no question text",
        lambda r: caller(r, "relative")["questions"].append("overseas_number"),
        "wizard.toml, caller 'relative': questions names 'overseas_number', whose signal has "
        "no question text",
    ),
    (
        "question asked twice",
        lambda r: caller(r, "relative")["questions"].append("cash_pickup"),
        "wizard.toml, caller 'relative': questions names 'cash_pickup' twice",
    ),
    (
        "question already implied",
        lambda r: caller(r, "government")["questions"].insert(0, "official_claim"),
        "wizard.toml, caller 'government': questions asks 'official_claim', which this caller "
        "already implies",
    ),
    (
        "path too long",
        lambda r: caller(r, "police")["questions"].append("phishing_link"),
        "wizard.toml, caller 'police': the path has 8 questions",
    ),
    (
        "path too long for the second page",
        lambda r: caller(r, "prize")["questions"].append("phishing_link"),
        "wizard.toml, caller 'prize': the path has 7 questions (its own and the common ones); "
        "max_questions is 7, 6 on page 2",
    ),
    (
        "caller without a page",
        lambda r: caller(r, "prize").pop("page"),
        "wizard.toml, caller 'prize': page is missing",
    ),
    (
        "no third page",
        lambda r: caller(r, "prize").update(page=3),
        "wizard.toml, caller 'prize': page must be 1 or 2, found 3",
    ),
    (
        "too many callers on the first page",
        lambda r: caller(r, "prize").update(page=1),
        "wizard.toml: page 1 has 9 callers; it has room for 8",
    ),
    (
        "second page without the picture that opens it",
        lambda r: r["wizard"].pop("more"),
        "wizard.toml, caller 'courier': page 2 needs the [more] picture that opens it",
    ),
    (
        "more without a page to open",
        lambda r: r["wizard"].update(caller=[c for c in r["wizard"]["caller"] if c["page"] == 1]),
        "wizard.toml: [more] opens page 2, but no caller is on it",
    ),
    (
        "more without a label",
        lambda r: r["wizard"]["more"].pop("label"),
        "wizard.toml, more: label is missing",
    ),
    (
        "second page without its heading",
        lambda r: r["wizard"]["more"].pop("page_question"),
        "wizard.toml, more: page_question is missing",
    ),
    (
        "second page without the picture for none of them",
        lambda r: r["wizard"]["more"].pop("none_label"),
        "wizard.toml, more: none_label is missing",
    ),
    (
        "none of them leading to no caller",
        lambda r: r["wizard"]["more"].update(none_caller="stranger"),
        "wizard.toml: [more] none_caller 'stranger' is not a caller on page 1",
    ),
    (
        "none of them leading to a caller on page 2",
        lambda r: r["wizard"]["more"].update(none_caller="courier"),
        "wizard.toml: [more] none_caller 'courier' is not a caller on page 1",
    ),
    (
        "no room on page 2 for the picture for none of them",
        lambda r: r["wizard"]["caller"].extend(
            {**caller(r, "army"), "id": f"army{n}"} for n in (2, 3)
        ),
        "wizard.toml: page 2 has 9 callers; it has room for 8 (and the picture for none of them)",
    ),
    (
        "caller leading to an unknown kind of fraud",
        lambda r: caller(r, "loan")["fraud_types"].append("moon_landing"),
        "wizard.toml, caller 'loan': fraud_types names 'moon_landing', which is not a kind in "
        "fraud_types.toml",
    ),
    (
        "caller leading to no kind of fraud",
        lambda r: caller(r, "loan").update(fraud_types=[]),
        "wizard.toml, caller 'loan': fraud_types is empty",
    ),
    (
        "kinds of fraud missing",
        lambda r: r.pop("fraud_types"),
        "fraud_types.toml: the file is missing",
    ),
    (
        "covered_by for a question that is not common",
        lambda r: r["wizard"]["covered_by"].update(urgency=["isolation"]),
        "wizard.toml, covered_by: unknown key 'urgency'",
    ),
    (
        "covered_by names an unknown signal",
        lambda r: r["wizard"]["covered_by"]["money_to_their_account"].append("nope"),
        "wizard.toml, covered_by: money_to_their_account names 'nope', which is not a signal",
    ),
    (
        "shorter max_questions",
        lambda r: r["wizard"].update(max_questions=3),
        "wizard.toml, caller 'police': the path has 7 questions (its own and the common ones); "
        "max_questions is 3",
    ),
    (
        "duplicate caller",
        lambda r: caller(r, "unknown").update(id="police"),
        "wizard.toml, caller 'police': duplicate id (also caller #1)",
    ),
    (
        "caller label too long",
        lambda r: caller(r, "courier")["label"].update(en="A very long name for a courier company"),
        "wizard.toml, caller 'courier': label.en is 38 characters long; the limit is 32",
    ),
    (
        "caller unknown key",
        lambda r: caller(r, "courier").update(picture="box"),
        "wizard.toml, caller 'courier': unknown key 'picture'",
    ),
    (
        "bad icon name",
        lambda r: caller(r, "courier").update(icon="Caller Courier.svg"),
        "wizard.toml, caller 'courier': icon 'Caller Courier.svg' must be lower case",
    ),
    (
        "tip without spoken",
        lambda r: r["tips"]["tip"][0].pop("spoken"),
        "tips.toml, tip 'rules': spoken is missing",
    ),
    (
        "tip without a source",
        lambda r: r["tips"]["tip"][0].pop("source"),
        "tips.toml, tip 'rules': source is missing",
    ),
    (
        "number note without a source",
        lambda r: note(r, "bank").pop("source"),
        "number_notes.toml, note 'bank': source is missing",
    ),
    (
        "missing number note",
        lambda r: r["number_notes"]["note"].remove(note(r, "virtual")),
        "number_notes.toml: note 'virtual' is missing",
    ),
    (
        "unknown number note",
        lambda r: note(r, "virtual").update(id="martian"),
        "number_notes.toml, note 'martian': id must be one of",
    ),
    (
        "bank note without the bank's name",
        lambda r: note(r, "bank")["text"].update(en="Call the number on your card."),
        "number_notes.toml, note 'bank': text.en has the placeholders []; it needs {name}",
    ),
    (
        "placeholder in another note",
        lambda r: note(r, "virtual")["text"].update(zh="{name}的号码"),
        "number_notes.toml, note 'virtual': text.zh has the placeholders ['name']; it needs none",
    ),
    (
        "duplicate tip",
        lambda r: r["tips"]["tip"][1].update(id="rules"),
        "tips.toml, tip 'rules': duplicate id (also tip #1)",
    ),
    (
        "bad hotline kind",
        lambda r: hotline(r, "police").update(kind="fire"),
        "hotlines.toml, hotline 'police': kind 'fire' must be one of",
    ),
    (
        "hotline number with letters",
        lambda r: hotline(r, "icbc").update(number="955-88"),
        "hotlines.toml, hotline 'icbc': number '955-88' must be digits only",
    ),
    (
        "same number twice",
        lambda r: hotline(r, "abc").update(number="95588"),
        "hotlines.toml, hotline 'abc': number 95588 is also hotline 'icbc'",
    ),
    (
        "emergency number without what to say",
        lambda r: hotline(r, "police").pop("what_to_say"),
        "hotlines.toml, hotline 'police': what_to_say is missing",
    ),
    (
        "what to say missing a language",
        lambda r: hotline(r, "antifraud")["what_to_say"][1].pop("zh"),
        "hotlines.toml, hotline 'antifraud': what_to_say[2].zh is missing",
    ),
    (
        "missing verdict",
        lambda r: r["advice"]["verdict"].pop(),
        "advice.toml: verdict 'warning_line' is missing",
    ),
    (
        "unknown verdict",
        lambda r: verdict(r, "medium").update(id="maybe"),
        "advice.toml, verdict 'maybe': id must be one of high, medium, low, nothing_found",
    ),
    (
        "too few advice items",
        lambda r: verdict(r, "high").update(call=verdict(r, "high")["call"][:1]),
        "advice.toml, verdict 'high': call has 1 entries; give 2 to 4",
    ),
    (
        "no message advice",
        lambda r: verdict(r, "low").pop("message"),
        "advice.toml, verdict 'low': message is missing",
    ),
    (
        "rules missing English",
        lambda r: r["advice"]["rules"].pop("en"),
        "advice.toml: rules.en is missing",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [pytest.param(b, e, id=name) for name, b, e in BREAKAGES],
)
def test_bad_content_is_refused_naming_the_entry(
    raw: Raw, breakage: Callable[[Raw], object], expected: str
) -> None:
    breakage(raw)
    with pytest.raises(ContentError) as caught:
        parse_content(raw)
    assert str(caught.value).startswith(expected), str(caught.value)


def test_content_error_is_a_value_error() -> None:
    assert issubclass(ContentError, ValueError)
