"""The chosen font really draws every Chinese character the home screen shows."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from guardian.app import StartOptions, build_window, check_chinese_font, shutdown
from guardian.ui.fonts import FontChoice, choose_cjk_family
from guardian.ui.home import HomeScreen
from tests.ui.conftest import WindowMaker


def chinese_on_screen(widget) -> list[str]:
    texts = [w.text() for w in widget.findChildren(QLabel) if w.text()]
    return [t for t in texts if any(ord(ch) > 0x2E80 for ch in t)]


def test_the_app_font_covers_every_chinese_string_on_the_home_screen(
    qapp: QApplication, qtbot
) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    qtbot.addWidget(window)
    home = window.current_screen()
    assert isinstance(home, HomeScreen)
    texts = chinese_on_screen(window)
    assert len(texts) >= 8
    family = qapp.font().family()
    assert family, "no font family chosen"
    metrics = QFontMetrics(qapp.font())
    missing = {
        ch for text in texts for ch in text if ord(ch) > 0x7F and not metrics.inFontUcs4(ord(ch))
    }
    assert missing == set(), f"{family} cannot draw {sorted(missing)}"
    assert not window.font_banner.isVisible()
    shutdown(window)


def test_a_cjk_family_is_found_and_checked(qapp: QApplication) -> None:
    choice = choose_cjk_family(["我接到可疑电话", "报警"])
    assert choice.covers_chinese and choice.family


def test_without_a_preferred_family_any_family_that_writes_chinese_is_used(
    qapp: QApplication,
) -> None:
    choice = choose_cjk_family(["防骗守护"], preferred=())
    assert choice.family is not None and choice.covers_chinese


def test_without_a_chinese_font_the_app_starts_and_says_so(ctx, make_window: WindowMaker) -> None:
    window = make_window(ctx=ctx, routes={}, font_choice=FontChoice(None, frozenset({"中"})))
    assert window.font_banner.isVisible()
    assert "字体" in window.font_banner.text()
    ctx.settings.set_lang("en")
    assert "font" in window.font_banner.text()


def test_after_the_first_paint_the_font_is_checked(qapp: QApplication, qtbot) -> None:
    window = build_window(qapp, StartOptions(lang="zh"))
    qtbot.addWidget(window)
    assert window.font_choice is None, "checked after the first paint, not before"
    window.show()
    qtbot.waitUntil(lambda: window.font_choice is not None, timeout=5000)
    choice = window.font_choice
    assert choice is not None and choice.covers_chinese
    assert qapp.font().family() == choice.family
    assert not window.font_banner.isVisible()
    shutdown(window)


def test_a_font_that_lacks_chinese_is_replaced_after_the_first_paint(
    qapp: QApplication, make_window: WindowMaker
) -> None:
    window = make_window(routes={}, show=False)
    before = qapp.font()
    try:
        qapp.setFont(QFont("DejaVu Serif"))
        check_chinese_font(window, "DejaVu Serif")
        choice = window.font_choice
        assert choice is not None and choice.covers_chinese
        assert choice.family != "DejaVu Serif"
        assert qapp.font().family() == choice.family
    finally:
        qapp.setFont(before)
