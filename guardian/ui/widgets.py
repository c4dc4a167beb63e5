"""Shared big widgets: pictogram buttons, labels with roles, drop-down lists, scrolling pages.

Every drop-down list is a :class:`BigComboBox`, which the mouse wheel never changes while it is
closed (the wheel scrolls the page instead).

Every label here shows plain text. A label left on Qt's automatic format renders anything that
looks like HTML: a contact named ``<img src=/dev/zero>`` would make Qt read that file into
memory until the app aborts. Make labels with :func:`plain_label` (or :func:`label`), never with
``QLabel()`` itself, and give tooltips through :func:`set_plain_tooltip`.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QByteArray, QObject, QPointF, QSize
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QTextLayout,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QBoxLayout,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guardian.assets import icon_path
from guardian.core.number_display import group_digits, phone_digits
from guardian.ui.theme import BUTTON_ROLES, Theme

log = logging.getLogger(__name__)


INK = "#1f2a37"
ON_DARK_INK = "#ffffff"

# Largest size Qt allows a widget (QWIDGETSIZE_MAX).
_NO_LIMIT_PX = 16_777_215


def set_enum_property(widget: QObject, name: str, keys: str) -> None:
    """Set the Qt property ``name`` to the value of key names ``keys`` ("AlignCenter").

    Qt reads the names itself, as it does for a style sheet or a .ui file. The widgets of the
    first screen are set up this way, not with values such as ``Qt.AlignmentFlag.AlignCenter``:
    the first use of Python's ``Qt`` namespace makes all of its enums at once, so nothing built
    before the first paint uses it (the rule is stated in ``guardian/startup_tuning.py``,
    kept by tests/e2e/test_first_paint.py and measured by the start-up benchmark).

    Raises:
        ValueError: the widget has no property ``name``, or Qt knows no value ``keys`` for it.
    """
    if not widget.setProperty(name, keys):
        raise ValueError(f"{type(widget).__name__} has no property {name!r} of value {keys!r}")


#: The property a focused button has while its focus frame is drawn (the style sheet's
#: ``QPushButton[keyfocus="true"]:focus``): only once the keyboard has moved the focus (Tab, an
#: arrow), never because a screen put the focus on its first button or after a click, so the
#: frame is never taken for a suggested answer.
KEY_FOCUS = "keyfocus"
_WATCHING = "guardian_watches_focus"


def frame_focus_after_keys() -> None:
    """Draw buttons' focus frames from the moment the keyboard moves the focus (once per app).

    Qt marks a window when its focus moves by the keyboard and unmarks it at a mouse press
    (``WA_KeyboardFocusChange``); a button that takes the focus in a marked window gets
    :data:`KEY_FOCUS`. A keyboard user sees the frame after their first key press, also on the
    next screen; someone using the mouse never sees it.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication) or app.property(_WATCHING):
        return
    app.setProperty(_WATCHING, True)
    app.focusChanged.connect(_focus_moved)


def _focus_moved(old: QWidget | None, new: QWidget | None) -> None:
    """Take the frame from the button the focus left; give it to the new one if keys moved it."""
    if isinstance(old, QPushButton):
        _set_key_focus(old, False)
    if isinstance(new, QPushButton) and (new.property(KEY_FOCUS) or old is not None):
        # The first focus in a window (old is None) is never a key's move: this keeps the
        # Qt namespace out of the first screen's focus (see set_enum_property).
        from PySide6.QtCore import Qt

        keys = new.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        _set_key_focus(new, keys)


def _set_key_focus(button: QPushButton, shown: bool) -> None:
    if bool(button.property(KEY_FOCUS)) == shown:
        return
    button.setProperty(KEY_FOCUS, shown)
    style = button.style()
    style.unpolish(button)
    style.polish(button)


def pointing_hand(widget: QWidget) -> None:
    """Show the pointing hand over ``widget``: it can be pressed."""
    from PySide6.QtCore import Qt  # not before the first paint: see set_enum_property

    widget.setCursor(Qt.CursorShape.PointingHandCursor)


@lru_cache(maxsize=512)
def svg_pixmap(name: str, px: int, ratio: float = 1.0, on_dark: bool = False) -> QPixmap:
    """Render the pictogram ``name`` as a square pixmap of ``px`` logical pixels.

    ``on_dark`` draws the ink in white, for buttons with a dark background. A missing or broken
    pictogram gives a transparent pixmap (and a log line), never a crash.
    """
    size = max(1, round(px * ratio))
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    path = icon_path(name)
    renderer = None
    if path.is_file():
        data = path.read_bytes()
        if on_dark:
            data = data.replace(INK.encode(), ON_DARK_INK.encode())
        renderer = QSvgRenderer(QByteArray(data))
    if renderer is not None and renderer.isValid():
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
    else:
        log.warning("pictogram %r is missing or invalid", name)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def plain_label(text: str = "") -> QLabel:
    """Return a label that shows ``text``, and any text set later, as it is: never as HTML."""
    widget = QLabel()
    set_enum_property(widget, "textFormat", "PlainText")
    widget.setText(text)
    return widget


def set_plain_tooltip(widget: QWidget, text: str) -> None:
    """Give ``widget`` the tooltip ``text``, shown as it is written.

    A tooltip has no plain-text setting: Qt renders one that looks like HTML as HTML. The text
    goes in escaped, inside a paragraph that keeps its spaces and line breaks.
    """
    # What html.escape(text, quote=False) does; the html module would load its table of
    # entities with the first window, for three replacements.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    widget.setToolTip(f'<p style="white-space:pre-wrap">{escaped}</p>' if text else "")


def label(text: str, role: str | None = None, *, wrap: bool = True) -> QLabel:
    """Return a plain-text label with a style role ("title", "headline", "soft", "banner")."""
    widget = plain_label(text)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    return widget


def icon_label(name: str, px: int, *, on_dark: bool = False) -> QLabel:
    """Return a label showing the pictogram ``name`` at ``px`` pixels."""
    widget = plain_label()
    widget.setPixmap(svg_pixmap(name, px, on_dark=on_dark))
    widget.setFixedSize(QSize(px, px))
    set_enum_property(widget, "alignment", "AlignCenter")
    return widget


#: The property that marks a label as the words or pictogram of a BigButton; its value is the
#: button's role ("plain" for none), so the style sheet can size and colour them.
BUTTON_PART = "button"

# What the style sheet puts around a big button's inner layout, both sides together: the
# padding (20 px across, 8 px down) and the border at its widest (the 6 px focus ring across,
# 3 px down).
_FRAME_W = 2 * (20 + 6)
_FRAME_H = 2 * (8 + 3)

# Button roles drawn on a dark background, whose pictograms are drawn in white.
DARK_ROLES = frozenset({"primary", "danger"})


class BigButton(QPushButton):
    """A large button with a pictogram and words that wrap; reads its words to screen readers.

    Args:
        text: the words on the button.
        icon: pictogram name, or None for words only.
        role: style role: "tile", "primary", "danger", "answer", "key", or None.
        icon_px: pictogram size in pixels.
        vertical: pictogram above the words (True) or beside them (False).
        description: the accessible description (what pressing it does).
        wrap: whether the words may wrap onto more lines (False keeps them on one line).
        lines: lines of words to reserve room for below a pictogram (vertical buttons).
    """

    def __init__(
        self,
        text: str,
        icon: str | None = None,
        *,
        role: str | None = "tile",
        icon_px: int = 48,
        vertical: bool = False,
        description: str = "",
        wrap: bool = True,
        lines: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if (role or "plain") not in BUTTON_ROLES:
            raise ValueError(f"no style for a button of role {role!r}; see theme.BUTTON_ROLES")
        self._text = text
        if role:
            self.setProperty("role", role)
        self.setAccessibleName(text)
        self.setAccessibleDescription(description or text)
        self.setAutoDefault(False)
        frame_focus_after_keys()
        # By Tab and by click on every system (macOS's own style gives buttons Tab only).
        set_enum_property(self, "focusPolicy", "StrongFocus")
        self._hand = False  # the pointing hand is set when the pointer first comes over
        direction = (
            QBoxLayout.Direction.TopToBottom if vertical else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(12)
        #: The pictogram's name (None: words only); one name means one thing across the app.
        self.icon_name = icon or None
        self.icon_widget: QLabel | None = None
        if icon:
            # The pictogram's label spans the button's depth and draws the pictogram in its
            # middle. The words and the pictogram take no mouse input of their own (plain-text
            # labels pass a press on to the button).
            self.icon_widget = icon_label(icon, icon_px, on_dark=role in DARK_ROLES)
            if vertical:
                self.icon_widget.setMaximumWidth(_NO_LIMIT_PX)
            else:
                self.icon_widget.setMaximumHeight(_NO_LIMIT_PX)
            layout.addWidget(self.icon_widget)
        self.text_widget = plain_label(text)  # a contact's name or a caller's number, too
        self.text_widget.setWordWrap(wrap)
        set_enum_property(
            self.text_widget, "alignment", "AlignCenter" if vertical or not icon else "AlignVCenter"
        )
        layout.addWidget(self.text_widget, 1)
        # The style sheet finds the words and the pictogram by this mark (BUTTON_PART), not by
        # "a label inside a button": a rule of that kind makes Qt look through every widget's
        # parents each time it styles one, which tripled the time to build a screen.
        for part in (self.text_widget, self.icon_widget):
            if part is not None:
                part.setProperty(BUTTON_PART, role or "plain")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(wrap)
        self.setSizePolicy(policy)
        self._reserve = (icon_px if icon else 0, lines)

    def label(self) -> str:
        """The words on the button."""
        return self._text

    def words_width(self, button_width: int, icon_px: int | None = None) -> int:
        """The width its words would have in a button ``button_width`` wide (pictogram beside).

        Args:
            button_width: the button's whole width.
            icon_px: the pictogram's size (the present one when None).
        """
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        inner = (margins.left() + margins.right()) if margins is not None else 0
        picture = 0
        if self.icon_widget is not None and self.icon_widget.maximumHeight() == _NO_LIMIT_PX:
            spacing = layout.spacing() if layout is not None else 0
            picture = (self._reserve[0] if icon_px is None else icon_px) + spacing
        return button_width - _FRAME_W - inner - picture

    def set_icon_px(self, px: int) -> None:
        """Draw the pictogram at ``px`` pixels (smaller where the words need the room)."""
        if self.icon_widget is None or self.icon_name is None:
            return
        if self.icon_widget.width() == px and self._reserve[0] == px:
            return
        on_dark = self.property("role") in DARK_ROLES
        self.icon_widget.setPixmap(svg_pixmap(self.icon_name, px, on_dark=on_dark))
        self.icon_widget.setMinimumSize(QSize(px, px))
        if self.icon_widget.maximumHeight() == _NO_LIMIT_PX:  # beside the words
            self.icon_widget.setMaximumWidth(px)
        else:  # above the words
            self.icon_widget.setMaximumHeight(px)
        self._reserve = (px, self._reserve[1])
        self.updateGeometry()

    def enterEvent(self, event: QEnterEvent) -> None:
        """Show the pointing hand from the first time the pointer comes over the button.

        Set here rather than when the button is made, so the first screen is built without
        Python's ``Qt`` namespace (see set_enum_property).
        """
        if not self._hand:
            self._hand = True
            pointing_hand(self)
        super().enterEvent(event)

    def sizeHint(self) -> QSize:
        """Room for the pictogram, the words, and the padding."""
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else QSize(64, 64)
        icon_px, lines = self._reserve
        reserved = 0
        if lines:
            self.text_widget.ensurePolished()  # the style sheet sets the words' size
            line_px = self.text_widget.fontMetrics().lineSpacing()
            reserved = icon_px + lines * line_px + 50  # margins, spacing, border
        width = hint.width() + _FRAME_W
        height = hint.height() + _FRAME_H
        return QSize(max(width, 64), max(height, 64, reserved))

    def minimumSizeHint(self) -> QSize:
        """Never smaller than the pictogram and the longest word need (words may wrap)."""
        hint = self.sizeHint()
        if not self.text_widget.wordWrap():
            return hint
        layout = self.layout()
        least = layout.minimumSize() if layout is not None else QSize(64, 64)
        return QSize(max(least.width() + _FRAME_W, 64), hint.height())

    def hasHeightForWidth(self) -> bool:
        """Wrapping words make the button taller when it is narrower."""
        return self.text_widget.wordWrap()

    def heightForWidth(self, width: int) -> int:
        """The height the words need when they wrap at ``width``."""
        layout = self.layout()
        hint = self.sizeHint().height()
        if layout is None or not layout.hasHeightForWidth():
            return hint
        needed = layout.heightForWidth(width - _FRAME_W) + _FRAME_H
        return max(needed, hint)


def mark_chosen(button: QPushButton, chosen: bool, theme: Theme) -> None:
    """Give ``button`` the thick frame of the choice made before (after 返回), or take it away.

    The button's ``chosen`` property says the same, for screen readers' and tests' sake.
    """
    colours = theme.colours
    marked = (
        f"QPushButton {{ background: {colours.low_bg}; border: 8px solid {colours.primary}; }}"
        f' QPushButton[{KEY_FOCUS}="true"]:focus {{ border: 8px solid {colours.focus}; }}'
    )
    if bool(button.property("chosen")) != chosen or (chosen and button.styleSheet() != marked):
        button.setStyleSheet(marked if chosen else "")
    button.setProperty("chosen", chosen)


def line_widths(words: QLabel, width: int) -> list[float]:
    """The widths of the lines ``words`` wrap into at ``width`` pixels, as Qt breaks them.

    A line wider than ``width`` holds a word that does not fit (it would be cut off).
    """
    layout = QTextLayout(words.text(), words.font())
    layout.beginLayout()
    widths: list[float] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        widths.append(line.naturalTextWidth())
    layout.endLayout()
    return widths


def longest_word_px(words: QLabel) -> float:
    """The width of the longest run of ``words`` that no line may break."""
    return max(line_widths(words, 1), default=0.0)


def key_button(key: str) -> QPushButton:
    """A keypad key: one big character, drawn by the button itself (no inner words to wrap)."""
    button = QPushButton(key)
    button.setProperty("role", "key")
    button.setAccessibleName(key)
    button.setAccessibleDescription(key)
    button.setAutoDefault(False)
    frame_focus_after_keys()
    pointing_hand(button)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return button


def scrolling(content: QWidget) -> QScrollArea:
    """Wrap ``content`` so it scrolls vertically when the text is very large."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    set_enum_property(area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    content.setObjectName("screen")
    area.setWidget(content)
    return area


def page_layout(widget: QWidget) -> QVBoxLayout:
    """Return the standard generous vertical layout of a screen's body."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(40, 28, 40, 28)
    layout.setSpacing(24)
    return layout


class BigComboBox(QComboBox):
    """A drop-down list with the look and size of the text fields and a large, clear arrow.

    The mouse wheel changes it only while its list is open: over a closed one the wheel scrolls
    the page, so turning the wheel to read a form never changes a choice by itself (Qt's own
    drop-down takes the next item at each notch). Use it for every drop-down in the app.

    Args:
        theme: the sizes and colours.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        c = theme.colours
        self._arrow_px = theme.min_target_px
        self._ink = QColor(c.ink)
        self.setMinimumHeight(theme.min_target_px)
        self.setStyleSheet(
            f"QComboBox {{ background: {c.surface}; border: 3px solid {c.border}; "
            f"border-radius: 10px; padding: 8px; }}"
            f"QComboBox:focus {{ border: 5px solid {c.focus}; }}"
            f"QComboBox::drop-down {{ width: {self._arrow_px}px; border: none; "
            f"border-left: 3px solid {c.border}; }}"
            f"QComboBox::down-arrow {{ image: none; }}"
            f"QComboBox QAbstractItemView {{ background: {c.surface}; }}"
        )

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scroll the page around the box instead: the box itself never changes by the wheel.

        An open list takes the wheel itself and scrolls through the choices.
        """
        area = self._scrolling_page()
        if area is None:
            event.ignore()
            return
        viewport = area.viewport()
        turned = QWheelEvent(
            viewport.mapFromGlobal(event.globalPosition()),
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        QApplication.sendEvent(viewport, turned)
        event.accept()

    def _scrolling_page(self) -> QAbstractScrollArea | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QAbstractScrollArea):
            widget = widget.parentWidget()
        return widget

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the box, then a thick downward chevron in the drop-down part."""
        from PySide6.QtCore import Qt  # not before the first paint: see set_enum_property

        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._ink, 4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        size = self._arrow_px * 0.28
        cx = self.width() - self._arrow_px / 2
        cy = self.height() / 2
        painter.drawPolyline(
            [
                QPointF(cx - size, cy - size / 2),
                QPointF(cx, cy + size / 2),
                QPointF(cx + size, cy - size / 2),
            ]
        )
        painter.end()


def group_as_typed(field: QLineEdit) -> None:
    """Show the phone number in ``field`` in groups while it is typed ("170 1234 5678").

    Only the spacing changes: the digits, their order and the place of the cursor among them
    stay as typed, so typing in the middle or deleting works as usual.
    """

    def regroup(text: str) -> None:
        if text.lstrip().startswith("+") and not phone_digits(text).startswith("+86"):
            return  # another country's number: its groups are typed as the person sees them
        grouped = group_digits(text)
        if grouped == text or phone_digits(grouped) != phone_digits(text):
            return  # already grouped, or holds more than a number: leave it alone
        cursor = field.cursorPosition()
        before = len(phone_digits(text[:cursor]))
        field.blockSignals(True)
        field.setText(grouped)
        field.blockSignals(False)
        position = 0
        seen = 0
        while position < len(grouped) and seen < before:
            if grouped[position] != " ":
                seen += 1
            position += 1
        field.setCursorPosition(position)
        field.textChanged.emit(grouped)

    field.textChanged.connect(regroup)
