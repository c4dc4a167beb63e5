"""Colours, text sizes and the style sheet: large, calm, high-contrast.

Every size on every screen derives from one body text size, so A-/A+ scales all of it.
"""

from __future__ import annotations

from typing import NamedTuple

# Body text sizes in points, smallest to largest; A-/A+ move along this list.
TEXT_SIZES_PT: tuple[int, ...] = (20, 24, 28, 32)
DEFAULT_TEXT_STEP = 1


class Colours(NamedTuple):
    """The palette. Text colours reach at least 7:1 against the backgrounds they sit on.

    A named tuple, not a dataclass: it is made while the window starts, and a dataclass takes
    a millisecond to make (it compiles its methods), a named tuple a tenth of that.
    """

    background: str = "#f7f4ee"
    surface: str = "#ffffff"
    ink: str = "#1f2a37"
    ink_soft: str = "#3b4654"
    border: str = "#b8c2cf"
    focus: str = "#1f2a37"
    focus_on_dark: str = "#fbbf24"
    primary: str = "#1d3b8f"
    on_primary: str = "#ffffff"
    danger: str = "#9b1c13"
    on_danger: str = "#ffffff"
    high_bg: str = "#fde2e1"
    high_edge: str = "#b42318"
    medium_bg: str = "#fef0c7"
    medium_edge: str = "#b54708"
    low_bg: str = "#e0eaff"
    low_edge: str = "#175cd3"
    banner_bg: str = "#fef0c7"
    disabled_ink: str = "#374151"


COLOURS = Colours()


def clamp_step(step: int) -> int:
    """Return ``step`` limited to the available text sizes."""
    return max(0, min(len(TEXT_SIZES_PT) - 1, step))


class Theme(NamedTuple):
    """Sizes for one text-size step, and the style sheet built from them."""

    step: int = DEFAULT_TEXT_STEP
    colours: Colours = COLOURS

    @property
    def body_pt(self) -> int:
        """Size of ordinary text."""
        return TEXT_SIZES_PT[clamp_step(self.step)]

    @property
    def roomy(self) -> bool:
        """Whether the text is at one of the two smaller sizes, leaving room for more in a row."""
        return self.body_pt <= TEXT_SIZES_PT[1]

    @property
    def title_pt(self) -> int:
        """Size of a screen's title and of question text."""
        return round(self.body_pt * 1.4)

    @property
    def tile_pt(self) -> int:
        """Size of the words on a giant button."""
        return round(self.body_pt * 1.25)

    @property
    def tile_icon_px(self) -> int:
        """Size of the pictogram on a giant button."""
        return round(self.body_pt * 3.5)

    @property
    def choice_pt(self) -> int:
        """Size of the words on a picture choice, nine to a page (words beside the picture)."""
        return self.tile_pt if self.roomy else self.body_pt

    @property
    def choice_icon_px(self) -> int:
        """Size of the pictogram on a picture choice (smaller beside the larger words)."""
        return round(self.body_pt * (3 if self.roomy else 2.5))

    @property
    def button_icon_px(self) -> int:
        """Size of the pictogram on an ordinary button."""
        return round(self.body_pt * 1.8)

    @property
    def min_target_px(self) -> int:
        """Smallest height of anything that can be pressed."""
        return max(64, self.body_pt * 3)

    def stylesheet(self) -> str:
        """Return the application style sheet for this step."""
        c = self.colours
        body, title, tile = self.body_pt, self.title_pt, self.tile_pt
        target = self.min_target_px
        return f"""
QWidget {{ color: {c.ink}; font-size: {body}pt; }}
QMainWindow, QStackedWidget, QWidget#screen {{ background: {c.background}; }}
QLabel[role="title"] {{ font-size: {title}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {body}pt; font-weight: bold; }}
QLabel[role="headline"] {{ font-size: {round(title * 1.2)}pt; font-weight: bold; }}
QLabel[role="soft"] {{ color: {c.ink_soft}; }}
QLabel[role="banner"] {{
    background: {c.banner_bg}; border: 3px solid {c.medium_edge}; border-radius: 10px;
    padding: 12px;
}}
QPushButton {{
    background: {c.surface}; border: 3px solid {c.border}; border-radius: 14px;
    padding: 8px 20px; min-height: {target}px; min-width: {target}px;
}}
QPushButton:hover {{ border-color: {c.ink_soft}; }}
QPushButton:pressed {{ background: #e7ebf0; }}
QPushButton[keyfocus="true"]:focus {{ border: 6px solid {c.focus}; }}
QPushButton[role="tile"] {{ font-size: {tile}pt; font-weight: bold; padding: 16px; }}
QPushButton[role="choice"] {{ font-weight: bold; padding: 8px 12px; }}
QPushButton[role="primary"] {{
    background: {c.primary}; color: {c.on_primary}; border-color: {c.primary};
    font-size: {tile}pt; font-weight: bold;
}}
QPushButton[role="danger"] {{
    background: {c.danger}; color: {c.on_danger}; border-color: {c.danger};
    font-size: {tile}pt; font-weight: bold;
}}
QPushButton[role="primary"][keyfocus="true"]:focus,
QPushButton[role="danger"][keyfocus="true"]:focus {{
    border: 6px solid {c.focus_on_dark};
}}
QPushButton[role="answer"] {{ font-size: {round(title * 1.1)}pt; font-weight: bold; }}
QPushButton[role="key"] {{ font-size: {title}pt; font-weight: bold; }}
{_button_parts("background: transparent; border: none;")}
QLabel[button="tile"], QLabel[button="primary"],
QLabel[button="danger"] {{ font-size: {tile}pt; font-weight: bold; }}
QLabel[button="primary"], QLabel[button="danger"] {{ color: {c.on_primary}; }}
QLabel[button="answer"] {{ font-size: {round(title * 1.1)}pt; font-weight: bold; }}
QLabel[button="choice"] {{ font-size: {self.choice_pt}pt; font-weight: bold; }}
QLabel[button="key"] {{ font-size: {title}pt; font-weight: bold; }}
QPushButton:disabled {{ background: #eceff3; border-color: #c9d0d8; }}
{_button_parts(f"color: {c.disabled_ink};", state=":disabled")}
QWidget#header {{ background: {c.surface}; border-bottom: 2px solid {c.border}; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    background: {c.surface}; border: 3px solid {c.border}; border-radius: 10px; padding: 8px;
    min-height: {target}px;
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 5px solid {c.focus}; }}
QLineEdit[role="number"] {{ font-size: {title + 6}pt; font-weight: bold; }}
QLabel[role="number"] {{ font-size: {title * 3}pt; font-weight: bold; }}
QFrame[level="high"] {{
    background: {c.high_bg}; border: 5px solid {c.high_edge}; border-radius: 16px;
}}
QFrame[level="medium"] {{
    background: {c.medium_bg}; border: 5px solid {c.medium_edge}; border-radius: 16px;
}}
QFrame[level="low"] {{
    background: {c.low_bg}; border: 5px solid {c.low_edge}; border-radius: 16px;
}}
QFrame[role="card"] {{
    background: {c.surface}; border: 2px solid {c.border}; border-radius: 14px;
}}
QScrollArea {{ border: none; background: transparent; }}
QScrollBar:vertical {{ width: 28px; }}
"""


# Every role a BigButton may have; its words and pictogram carry it (widgets.BUTTON_PART).
BUTTON_ROLES = ("plain", "tile", "choice", "primary", "danger", "answer", "key", "card")


def _button_parts(declarations: str, state: str = "") -> str:
    """A rule for the words and pictograms of every kind of BigButton (in ``state``)."""
    selectors = ", ".join(f'QLabel[button="{role}"]{state}' for role in BUTTON_ROLES)
    return f"{selectors} {{ {declarations} }}"
