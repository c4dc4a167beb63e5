"""The statistical second opinion: its file, its scores (equal to scikit-learn's), its place."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from guardian.assets import asset_path
from guardian.core.content import Content
from guardian.core.risk import Level
from guardian.core.text_check import check_text
from guardian.core.text_model import ModelError, TextModel, model_text, parse_model
from guardian.core.text_normalise import normalise
from guardian.phrases_loader import MODEL_FILE, load_phrases, load_text_model
from tests.corpus import Sample

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_text_model.py"


def trainer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_text_model", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SMALL = [
    Sample("请把钱转到我们给的账户里", True, "x", "sms"),
    Sample("做任务先充值才能提现佣金", True, "x", "sms"),
    Sample("您的包裹里有违禁品需要配合调查", True, "x", "sms"),
    Sample("把验证码念给我听一下", True, "x", "sms"),
    Sample("先交保证金才能放款", True, "x", "sms"),
    Sample("老师带你炒股稳赚不赔", True, "x", "sms"),
    Sample("妈周六回家吃饭", False, "y", "sms"),
    Sample("您的快递已到驿站取件码1234", False, "y", "sms"),
    Sample("本月话费账单已出请及时缴费", False, "y", "sms"),
    Sample("社区明天上午免费测血压", False, "y", "sms"),
    Sample("爸我下班去超市买菜", False, "y", "sms"),
    Sample("医院提醒您明天复诊", False, "y", "sms"),
]


def test_the_shipped_weights_score_exactly_as_scikit_learn_does() -> None:
    module = trainer()
    texts = module.features(SMALL)
    labels = [int(sample.fraud) for sample in SMALL]
    vec, fitted = module.fit(texts, labels)
    names = vec.get_feature_names_out()
    model = TextModel(
        weights={str(n): float(w) for n, w in zip(names, fitted.coef_[0], strict=True)},
        idf={str(n): float(i) for n, i in zip(names, vec.idf_, strict=True)},
        bias=float(fitted.intercept_[0]),
        threshold=0.5,
        min_n=module.MIN_N,
        max_n=module.MAX_N,
    )
    unseen = ["请把钱转给我", "周六回家", "提现要先交钱", "xyz", "您的验证码是123456，切勿告诉他人"]
    expected = fitted.predict_proba(
        vec.transform(module.features([Sample(text, False, "", "") for text in unseen]))
    )[:, 1]
    for text, probability in zip(unseen, expected, strict=True):
        assert model.probability(normalise(text)[0]) == pytest.approx(probability, abs=1e-9)


def test_training_writes_a_model_the_checker_reads() -> None:
    contents = trainer().train(SMALL * 3, keep=200)
    model = parse_model(json.loads(json.dumps(contents)))
    assert 0.5 <= model.threshold < 1.0
    assert len(model.weights) <= 200
    assert model.probability("请把钱转到我们给的账户里") > model.probability("妈周六回家吃饭")


def test_the_shipped_model_loads_and_is_small() -> None:
    path = asset_path("content", MODEL_FILE)
    assert path.stat().st_size < 400_000
    model = load_text_model()
    assert model is not None
    assert len(model.weights) >= 1000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw.update(format=99), "format must be 1"),
        (lambda raw: raw.pop("weights"), "incomplete"),
        (lambda raw: raw.update(weights={}), "non-empty"),
        (lambda raw: raw.update(threshold=1.5), "out of range"),
        (lambda raw: raw.update(weights={"钱": "heavy"}), "bad weight"),
        (lambda raw: raw.update(idf={"钱": -1.0}), "bad weight"),
        (lambda raw: raw.update(idf={}), "idf must give"),
        (lambda raw: raw.update(max_n=float("inf")), "incomplete"),
    ],
)
def test_a_broken_model_file_is_refused(change: Any, message: str) -> None:
    raw: dict[str, Any] = {
        "format": 1, "min_n": 1, "max_n": 3, "threshold": 0.6, "bias": 0.0,
        "weights": {"钱": 1.0}, "idf": {"钱": 1.5},
    }  # fmt: skip
    change(raw)
    with pytest.raises(ModelError, match=message):
        parse_model(raw)


def test_the_model_raises_a_text_to_the_middle_level_and_never_higher(content: Content) -> None:
    # A model that suspects every text that mentions money.
    eager = TextModel(
        weights={"钱": 10.0}, idf={"钱": 1.0}, bias=-1.0, threshold=0.5, min_n=1, max_n=1
    )
    phrases = load_phrases()
    plain = "明天记得带钱去菜市场买菜"
    assert check_text(plain, content, phrases).level is Level.LOW
    raised = check_text(plain, content, phrases, model=eager)
    assert raised.level is Level.MEDIUM
    assert raised.signal_ids == ("looks_like_fraud",)
    assert raised.matches[0].phrases == ("钱",)
    # Where the phrases already found something, the model adds nothing.
    medium = "您的银行卡涉嫌洗钱"
    assert (
        check_text(medium, content, phrases, model=eager).signal_ids
        == check_text(medium, content, phrases).signal_ids
    )
    # The model is asked about warnings too: "不要" and "这不是诈骗" are also what fraudsters say.
    warning = "请不要给陌生人转钱"
    assert check_text(warning, content, phrases).level is Level.LOW
    assert check_text(warning, content, phrases, model=eager).level is Level.MEDIUM


def test_a_model_that_finds_the_text_ordinary_sets_the_phrases_aside(content: Content) -> None:
    phrases = load_phrases()
    # A model that finds every text that mentions a code ordinary.
    calm = TextModel(
        weights={"码": -10.0}, idf={"码": 1.0}, bias=0.0, threshold=0.9, min_n=1, max_n=1
    )
    warning = "【银行】任何人向您索要验证码都是诈骗，请勿告诉他人"
    question = "您好我是银行客服，手机收到的验证码是多少"
    assert check_text(question, content, phrases).level is Level.HIGH
    calmed = check_text(question, content, phrases, model=calm)
    assert calmed.level is Level.LOW
    assert calmed.matches == ()
    assert "asks_code_or_password" in {match.signal.id for match in calmed.advice_only}
    assert check_text(warning, content, phrases, model=calm).level is Level.LOW
    # The plainest asks made of the reader stand whatever the model says, also after a clock
    # (a screenshot's status bar) or without a "请".
    demand = "您好我是银行客服，请把手机收到的验证码告诉我"
    for text in (demand, "10:08\n" + demand, "您的卡被冻结了，您现在把收到的验证码发给我"):
        stands = check_text(text, content, phrases, model=calm)
        assert stands.level is Level.HIGH, text
        assert "asks_code_or_password" in stands.signal_ids
    # Not in a text that tells the person not to: "请勿告诉他人" is what a bank says.
    assert (
        check_text("提醒：骗子会索要验证码，请勿告诉他人", content, phrases, model=calm).level
        is Level.LOW
    )
    # Where the model agrees, the phrases decide the level.
    agreeing = TextModel(
        weights={"码": 10.0}, idf={"码": 1.0}, bias=0.0, threshold=0.9, min_n=1, max_n=1
    )
    assert check_text(demand, content, phrases, model=agreeing).level is Level.HIGH


def test_digits_are_read_as_one_kind_of_character() -> None:
    assert model_text("取件码1234，尾号5678") == "取件码0000，尾号0000"
