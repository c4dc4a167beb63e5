"""The content files are read once, into one bundle, and the screens take their parts from it."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import QApplication

from guardian.assets import load_catalog, read_toml
from guardian.content_bundle import ContentBundle, given, load_bundle, read_phrases
from guardian.content_loader import load_content
from guardian.core.content import Content
from guardian.core.phrase_book import PhraseBook, parse_phrases
from guardian.core.scenarios import score
from guardian.guard.scan import load_remote_apps
from guardian.phrases_loader import load_phrases, load_text_model
from guardian.scenarios_loader import load_scenarios
from guardian.ui.check_message import CheckMessageScreen
from guardian.ui.context import AppContext
from guardian.ui.demo import DemoScreen
from guardian.ui.demo.reveal import RevealPage
from tests.ui.conftest import MakeCtx

MADE_UP = "紫色长颈鹿"
TEXT = f"请把存款放进{MADE_UP}里。"


def phrases_with_made_up_phrase(content: Content) -> PhraseBook:
    """The real phrase book, with one made-up phrase added to the safe-account signal."""
    raw = copy.deepcopy(read_toml("content", "phrases.toml"))
    entry = next(signal for signal in raw["signal"] if signal["id"] == "safe_account")
    entry["zh"] = [*entry["zh"], MADE_UP]
    return parse_phrases(
        raw, signal_ids=content.signals, types=read_toml("content", "fraud_types.toml")
    )


def test_the_loaders_hand_out_the_one_bundles_parts() -> None:
    bundle = load_bundle()
    assert load_bundle() is bundle
    assert load_content() is bundle.content
    assert load_phrases() is bundle.phrases
    assert load_text_model() is bundle.text_model
    assert load_scenarios() is bundle.scenarios
    assert load_remote_apps() is bundle.remote_apps


def test_each_part_is_read_once_and_only_when_asked_for() -> None:
    reads: list[str] = []

    def content() -> Content:
        reads.append("content")
        return load_content()

    def phrases(catalog: Content) -> PhraseBook:
        reads.append("phrases")
        assert catalog is load_content()  # checked against the bundle's own catalog
        return read_phrases(catalog)

    bundle = ContentBundle(read_content=content, read_phrases=phrases)
    assert reads == []
    first = bundle.phrases
    assert bundle.phrases is first
    assert bundle.content is load_content()
    assert reads == ["content", "phrases"]


def test_a_context_without_a_bundle_has_the_apps_one(qapp: QApplication, speaker) -> None:
    ctx = AppContext(load_catalog(), speaker)
    assert ctx.bundle is load_bundle()
    assert ctx.content is load_content()
    assert ctx.phrases is load_phrases()


def test_the_message_check_uses_the_contexts_phrases(qtbot, make_ctx: MakeCtx) -> None:
    def check(ctx: AppContext) -> tuple[str, ...]:
        screen = CheckMessageScreen(ctx)
        qtbot.addWidget(screen)
        screen.text_field.setPlainText(TEXT)
        screen.check_text_button.click()
        assert screen.result is not None
        return screen.result.assessment.signal_ids

    assert "safe_account" not in check(make_ctx())
    bundle = ContentBundle(read_phrases=phrases_with_made_up_phrase)
    assert "safe_account" in check(make_ctx(bundle=bundle))


def test_the_demo_plays_the_contexts_scenarios(qtbot, make_ctx: MakeCtx) -> None:
    only = load_scenarios()[-1]
    bundle = ContentBundle(read_scenarios=given((only,)))
    ctx = make_ctx(bundle=bundle)
    screen = DemoScreen(ctx)
    qtbot.addWidget(screen)
    assert screen.scenarios == (only,)
    assert screen.presenter.bundle is bundle


def test_the_demo_reveal_marks_with_the_contexts_phrases(qtbot, make_ctx: MakeCtx) -> None:
    scenario = load_scenarios()[0]
    signal = next(line.signal for line in scenario.lines if line.signal is not None)

    def phrases_that_never_match(content: Content) -> PhraseBook:
        """The real phrase book, with ``signal`` found only by a made-up phrase."""
        raw = copy.deepcopy(read_toml("content", "phrases.toml"))
        raw["signal"] = [
            {"id": signal, "zh": [MADE_UP], "en": [MADE_UP]} if entry["id"] == signal else entry
            for entry in raw["signal"]
        ]
        return parse_phrases(
            raw, signal_ids=content.signals, types=read_toml("content", "fraud_types.toml")
        )

    def marks(bundle: ContentBundle) -> tuple[object, ...]:
        ctx = make_ctx(bundle=bundle)
        page = RevealPage(ctx, scenario, score(scenario, ()), None, step=0)
        qtbot.addWidget(page)
        slide = next(slide for slide in page.slides if slide.signal_id == signal)
        return tuple(slide.spans)

    assert marks(load_bundle())  # the real phrases mark the caller's giveaway words
    assert marks(ContentBundle(read_phrases=phrases_that_never_match)) == ()
