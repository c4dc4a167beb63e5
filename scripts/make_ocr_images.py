"""Render test pictures for reading messages from screenshots and photos of a phone.

Draws, with Qt only (QImage and QPainter, no window), phone-like screenshots of text messages
and WeChat chats: an SMS conversation with bubbles, an SMS inbox list, and a WeChat chat with
its title bar and green and white bubbles; light and dark themes; the Chinese fonts found on
this machine; small, normal and large text; 1080x2400 and smaller screens. Then a
"photographed" version of each: the phone held at an angle in front of a camera (perspective),
out of focus, a lamp's glare, moire from the screen's pixels, a hand's shadow, sensor noise and
a low-quality JPEG.

Every picture gets a sidecar JSON with the exact words it was drawn from:
  "text"     the message bubbles' words, one message a line (what the person wants checked);
  "all_text" every piece of text drawn on the picture, in reading order (status-bar clock,
             title, date stamps, names, bubbles): what a reader of the picture should return;
  "lines"    each drawn line with its kind and its box in the screenshot's pixels.
Emoji are kept in these texts exactly as drawn; a comparison that scores words drops them.

Seeded: the same seed, fonts and Qt give the same pictures.

Usage: python scripts/make_ocr_images.py OUT_DIR [--count N] [--seed S] [--no-photos]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextLayout,
    QTextOption,
    QTransform,
)

# --------------------------------------------------------------------------------------------
# The messages: (sender, text, fraud?). Links use reserved top-level domains (.example, .test)
# and the numbers are made up, so no picture points at a real site or person.
# --------------------------------------------------------------------------------------------
MESSAGES: list[tuple[str, str, bool]] = [
    (
        "95588",
        "【工商银行】您的账户存在异常，将于今日冻结，"
        "请立即登录 https://icbc-kefu.example/vip 核实身份。",
        True,
    ),
    (
        "10690 8888 2211",
        "【ETC服务】您的ETC卡已失效，请点击 etc-gx.test/k8Yz 重新认证，逾期将影响通行。",
        True,
    ),
    (
        "顺丰快递",
        "您好，您的快递在运输中丢失，我司将按3倍赔偿￥258.00，请加客服QQ 2840 1937 办理理赔。",
        True,
    ),
    (
        "170 3362 9014",
        "爸，我手机掉水里了，这是新号码。急用钱，先转5000元到这个卡：6222 0210 0112 3456 789",
        True,
    ),
    ("医保中心", "【医保局】您的医保卡将于明日停用，请回复1或拨打 400-820-3316 转人工处理。", True),
    (
        "公安局 王警官",
        "你涉嫌一起洗钱案件，案件编号A20261107，配合调查期间不得告诉家人，否则后果自负。",
        True,
    ),
    (
        "中国移动",
        "尊敬的客户，您的积分 12,680 即将清零，可兑换现金￥126.80，登录 10086-jf.example 领取。",
        True,
    ),
    ("小美", "亲爱的，我在做一个投资平台，稳赚不赔，日收益3%，带你一起赚钱好不好？💰💰", True),
    (
        "10655 0123 4567",
        "恭喜您被抽中为幸运用户，获得iPhone 16 一部，请先支付运费 ¥39 领取 🎁",
        True,
    ),
    ("兼职招聘", "招刷单兼职，在家动动手指，日结200-800元，加微信 wx_job2026 详聊，限今天。", True),
    (
        "Apple",
        "Your Apple ID has been locked. "
        "Verify now at appleid-support.test/unlock to avoid suspension.",
        True,
    ),
    ("养老服务中心", "养老项目内部认购，投1万每月返息800元，名额只剩3个，明天上午10点截止。", True),
    (
        "京东客服",
        "您开通的京东金条会影响征信，需要关闭，请下载APP“云会议”，会议号 885 2041 7736。",
        True,
    ),
    ("12306", "您购买的G1234次车票因故障退票，退款￥553.50，请联系 0755-2388 0017 办理。", True),
    ("孙子", "奶奶，我跟同学打架被派出所扣了，要交2万保证金，千万别告诉我爸妈😭", True),
    (
        "税务局",
        "【个人所得税】您有一笔退税 1,862.40 元待领取，请在48小时内访问 tax-tui.example 办理。",
        True,
    ),
    ("客服 小刘", "您的百万保障险即将扣费，每月扣款698元，如需取消请拨打 138 0571 2469。", True),
    ("招商证券", "牛股内参：明日必涨停股票代码 600XXX，加入VIP群跟投，首月免费 📈", True),
    (
        "银行客服",
        "Dear customer, your card ending 4821 was charged $899.00. "
        "If not you, call +1 202 555 0147.",
        True,
    ),
    ("快递驿站", "您的包裹签收异常，请点击 https://sf-kd.test/p/Q7 填写地址，否则退回。", True),
    ("女儿", "妈，晚上我们回家吃饭，我带了你爱吃的桂花糕😊", False),
    ("儿子", "爸，周六上午九点我开车接你去医院复查，别忘了带医保卡。", False),
    (
        "社区居委会",
        "【和平社区】本周四上午9:00在活动室免费量血压，请带身份证，电话 6258 1102。",
        False,
    ),
    ("老王", "老李，明天早上6点半公园打太极，不见不散！", False),
    ("中国联通", "您本月话费账单38.50元，已从账户余额自动扣除，详情可登录联通APP查看。", False),
    ("菜鸟驿站", "【菜鸟驿站】您的包裹已到阳光小区驿站，取件码 3-2-1508，请于18:00前领取。", False),
    ("王医生", "检查结果都正常，血糖6.1，注意少吃甜的，一个月后再来复诊。", False),
    ("妹妹", "姐，我给你寄了两箱苹果，明天到，记得下楼拿。", False),
    ("Lily", "Hi Grandma! I passed my driving test today 🎉 Love you!", False),
    ("家庭群", "今晚七点视频通话，大家都在线哦 👍", False),
    (
        "中国银行",
        "【中国银行】您尾号5632的账户10月06日14:22收入人民币3,000.00元，余额12,456.78元。",
        False,
    ),
    ("物业", "通知：明天9:00-12:00小区停水检修，请提前储水，给您带来不便敬请谅解。", False),
    ("老张", "下午三点老地方下棋，带上你的茶叶。", False),
    ("医院", "【市第一医院】您预约的心内科门诊为10月9日上午8:30，就诊号27，请提前取号。", False),
    ("孙女", "爷爷，我考试考了98分！周末去看你 😄", False),
    ("燃气公司", "您家燃气费余额不足20元，请及时到营业厅或在官方APP缴费。", False),
    ("儿媳", "妈，药我已经在网上帮你买好了，大概后天送到，每天两次，一次一片。", False),
    ("老同学", "下周二同学聚会，地点在人民路88号聚福楼，中午12点，别迟到。", False),
    ("Tom", "OK, see you at 3 pm at the station. Call me at 139 1024 5566 if you are late.", False),
    ("图书馆", "您借阅的《红楼梦》将于10月15日到期，可在微信公众号续借一次。", False),
]

SCREEN_SIZES = [(1080, 2400), (720, 1600), (1170, 2532), (750, 1334)]
TEXT_SCALES = {"small": 0.9, "normal": 1.0, "large": 1.3}
LAYOUTS = ["sms", "sms_list", "wechat"]
THEMES = ["light", "dark"]
CJK_PREFERRED = [
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
]
# For the Latin letters and digits of a Chinese font that has none (Droid Sans Fallback, as on
# Android), before the emoji font, which has digits of its own.
LATIN_PREFERRED = ["Roboto", "Noto Sans", "DejaVu Sans", "Liberation Sans"]
EMOJI_FAMILIES = ["Noto Color Emoji"]

CLOCKS = ["9:41", "10:08", "14:32", "20:15", "7:56", "18:03"]
STAMPS = ["昨天 20:15", "今天 上午9:02", "10月6日 14:22", "星期二 18:40", "上午 7:31", "下午 3:05"]
CHAT_TITLES = ["家人群(5)", "小美", "老同学", "儿子", "王医生", "兼职招聘"]


@dataclass
class Line:
    text: str
    kind: str
    box: tuple[float, float, float, float]


@dataclass
class Screen:
    width: int
    height: int
    layout: str
    theme: str
    family: str
    scale: str
    lines: list[Line] = field(default_factory=list)
    messages: list[int] = field(default_factory=list)


def cjk_families() -> list[str]:
    """The Chinese fonts installed here, in order of preference."""
    have = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    found = [f for f in CJK_PREFERRED if f in have]
    return found or sorted(have)[:1] or ["Sans Serif"]


LATIN_FAMILIES: list[str] = []


def make_font(family: str, px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([family, *LATIN_FAMILIES, *EMOJI_FAMILIES])
    font.setPixelSize(max(8, round(px)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def lay_out(text: str, font: QFont, width: float) -> tuple[QTextLayout, list[tuple[str, QRectF]]]:
    """Wrap text to width the way phones do (at words, or anywhere in a long link)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    spans: list[tuple[str, QRectF]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height() * 1.15
        part = text[line.textStart() : line.textStart() + line.textLength()]
        spans.append((part, QRectF(0, line.y(), line.naturalTextWidth(), line.height())))
    layout.endLayout()
    return layout, spans


def text_size(spans: list[tuple[str, QRectF]]) -> tuple[float, float]:
    if not spans:
        return 0.0, 0.0
    return max(r.width() for _, r in spans), spans[-1][1].bottom()


def draw_layout(
    p: QPainter, screen: Screen, layout: QTextLayout, spans, x: float, y: float, kind: str
) -> None:
    layout.draw(p, QPointF(x, y))
    for part, r in spans:
        if part.strip():
            box = (x + r.x(), y + r.y(), r.width(), r.height())
            screen.lines.append(Line(part.rstrip(), kind, tuple(round(v, 1) for v in box)))


def draw_text(
    p: QPainter,
    screen: Screen,
    text: str,
    font: QFont,
    x: float,
    y: float,
    kind: str,
    color: QColor,
    width: float = 10_000.0,
    align: str = "left",
) -> float:
    """Draws text with its top-left (or centre/right) at x; returns its height."""
    layout, spans = lay_out(text, font, width)
    w, h = text_size(spans)
    if align == "center":
        x -= w / 2
    elif align == "right":
        x -= w
    p.setPen(color)
    draw_layout(p, screen, layout, spans, x, y, kind)
    return h


def status_bar(p: QPainter, s: Screen, u: float, fg: QColor, clock: str) -> float:
    h = 24 * u
    font = make_font(s.family, 13 * u)
    draw_text(p, s, clock, font, 16 * u, 4 * u, "status", fg)
    # Signal bars, wifi-like arc and battery, as shapes (no text).
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fg)
    right = s.width - 16 * u
    p.drawRoundedRect(QRectF(right - 22 * u, 7 * u, 20 * u, 10 * u), 2 * u, 2 * u)
    for i in range(4):
        bh = (3 + 2.5 * i) * u
        p.drawRect(QRectF(right - 52 * u + i * 5 * u, 17 * u - bh, 3 * u, bh))
    p.setBrush(Qt.BrushStyle.NoBrush)
    return h


def chevron(p: QPainter, x: float, y: float, size: float, color: QColor, width: float) -> None:
    p.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPolyline(
        QPolygonF([QPointF(x + size / 2, y - size), QPointF(x, y), QPointF(x + size / 2, y + size)])
    )


def input_bar(
    p: QPainter, s: Screen, u: float, bg: QColor, field_bg: QColor, icon: QColor
) -> float:
    h = 56 * u
    top = s.height - h
    p.fillRect(QRectF(0, top, s.width, h), bg)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(field_bg)
    p.drawRoundedRect(QRectF(52 * u, top + 10 * u, s.width - 140 * u, 36 * u), 6 * u, 6 * u)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(icon, 2 * u))
    p.drawEllipse(QPointF(26 * u, top + 28 * u), 12 * u, 12 * u)
    p.drawEllipse(QPointF(s.width - 64 * u, top + 28 * u), 12 * u, 12 * u)
    p.drawEllipse(QPointF(s.width - 28 * u, top + 28 * u), 12 * u, 12 * u)
    return top


def avatar(p: QPainter, rect: QRectF, color: QColor, round_: bool) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    if round_:
        p.drawEllipse(rect)
    else:
        p.drawRoundedRect(rect, rect.width() * 0.12, rect.width() * 0.12)
    # A simple head-and-shoulders figure, lighter, as in a default avatar.
    p.setBrush(QColor(255, 255, 255, 150))
    c = rect.center()
    r = rect.width()
    p.drawEllipse(QPointF(c.x(), c.y() - r * 0.12), r * 0.17, r * 0.17)
    p.drawChord(QRectF(c.x() - r * 0.3, c.y() + r * 0.08, r * 0.6, r * 0.5), 0, 180 * 16)
    p.setBrush(Qt.BrushStyle.NoBrush)


AVATAR_COLORS = ["#6A9BD8", "#E59866", "#76B37C", "#B084CC", "#D98880", "#5DADE2"]


def render_sms(p: QPainter, s: Screen, rng: np.random.Generator, msgs: list[int]) -> None:
    dark = s.theme == "dark"
    u = s.width / 360
    t = TEXT_SCALES[s.scale]
    bg = QColor("#121212" if dark else "#FFFFFF")
    fg = QColor("#E8EAED" if dark else "#202124")
    dim = QColor("#9AA0A6" if dark else "#5F6368")
    in_bg = QColor("#2D2F31" if dark else "#EEF0F4")
    out_bg = QColor("#8AB4F8" if dark else "#1A73E8")
    out_fg = QColor("#202124" if dark else "#FFFFFF")
    p.fillRect(QRectF(0, 0, s.width, s.height), bg)
    y = status_bar(p, s, u, fg, str(rng.choice(CLOCKS)))
    # Title bar: back arrow, the sender, a menu of three dots.
    sender = MESSAGES[msgs[0]][0]
    chevron(p, 18 * u, y + 28 * u, 9 * u, fg, 2.2 * u)
    avatar(
        p, QRectF(44 * u, y + 12 * u, 32 * u, 32 * u), QColor(str(rng.choice(AVATAR_COLORS))), True
    )
    draw_text(
        p, s, sender, make_font(s.family, 18 * u * min(t, 1.15)), 86 * u, y + 15 * u, "title", fg
    )
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fg)
    for i in range(3):
        p.drawEllipse(QPointF(s.width - 20 * u, y + 20 * u + i * 8 * u), 2 * u, 2 * u)
    p.setBrush(Qt.BrushStyle.NoBrush)
    y += 60 * u
    bottom = input_bar(p, s, u, bg, in_bg, dim)
    body = make_font(s.family, 16 * u * t)
    stamp_font = make_font(s.family, 12 * u * min(t, 1.15))
    pad = 12 * u
    max_w = s.width * 0.72
    for k, idx in enumerate(msgs):
        text = MESSAGES[idx][1]
        outgoing = k > 0 and rng.random() < 0.25 and not MESSAGES[idx][2]
        layout, spans = lay_out(text, body, max_w - 2 * pad)
        w, h = text_size(spans)
        stamp_h = stamp_font.pixelSize() * 1.6
        if y + stamp_h + h + 2 * pad + 16 * u > bottom:
            break
        draw_text(
            p,
            s,
            str(rng.choice(STAMPS)),
            stamp_font,
            s.width / 2,
            y + 4 * u,
            "stamp",
            dim,
            align="center",
        )
        y += stamp_h + 8 * u
        x = s.width - 16 * u - w - 2 * pad if outgoing else 16 * u
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(out_bg if outgoing else in_bg)
        p.drawRoundedRect(QRectF(x, y, w + 2 * pad, h + 2 * pad), 18 * u, 18 * u)
        p.setPen(out_fg if outgoing else fg)
        draw_layout(p, s, layout, spans, x + pad, y + pad, "bubble")
        s.messages.append(idx)
        y += h + 2 * pad + 16 * u


def render_sms_list(p: QPainter, s: Screen, rng: np.random.Generator, msgs: list[int]) -> None:
    dark = s.theme == "dark"
    u = s.width / 360
    t = TEXT_SCALES[s.scale]
    bg = QColor("#000000" if dark else "#F7F7F7")
    fg = QColor("#F2F2F2" if dark else "#111111")
    dim = QColor("#8E8E93" if dark else "#6B6B70")
    rule = QColor("#2C2C2E" if dark else "#DADADA")
    p.fillRect(QRectF(0, 0, s.width, s.height), bg)
    y = status_bar(p, s, u, fg, str(rng.choice(CLOCKS)))
    y += 8 * u
    y += draw_text(
        p, s, "信息", make_font(s.family, 30 * u * min(t, 1.1), bold=True), 16 * u, y, "title", fg
    )
    y += 14 * u
    name_font = make_font(s.family, 17 * u * t, bold=True)
    date_font = make_font(s.family, 13 * u * min(t, 1.15))
    body = make_font(s.family, 15 * u * t)
    left = 72 * u
    for idx in msgs:
        sender, text, _ = MESSAGES[idx]
        layout, spans = lay_out(text, body, s.width - left - 16 * u)
        _, h = text_size(spans)
        row_h = name_font.pixelSize() * 1.5 + h + 24 * u
        if y + row_h > s.height - 24 * u:
            break
        avatar(
            p,
            QRectF(14 * u, y + 10 * u, 46 * u, 46 * u),
            QColor(str(rng.choice(AVATAR_COLORS))),
            True,
        )
        draw_text(p, s, sender, name_font, left, y + 10 * u, "name", fg)
        draw_text(
            p,
            s,
            str(rng.choice(STAMPS)).split(" ")[0],
            date_font,
            s.width - 16 * u,
            y + 13 * u,
            "stamp",
            dim,
            align="right",
        )
        p.setPen(dim)
        draw_layout(p, s, layout, spans, left, y + 10 * u + name_font.pixelSize() * 1.5, "bubble")
        s.messages.append(idx)
        y += row_h
        p.setPen(QPen(rule, max(1.0, u * 0.5)))
        p.drawLine(QPointF(left, y - 6 * u), QPointF(s.width, y - 6 * u))


def render_wechat(p: QPainter, s: Screen, rng: np.random.Generator, msgs: list[int]) -> None:
    dark = s.theme == "dark"
    u = s.width / 360
    t = TEXT_SCALES[s.scale]
    bg = QColor("#111111" if dark else "#EDEDED")
    bar = QColor("#1E1E1E" if dark else "#EDEDED")
    fg = QColor("#D5D5D5" if dark else "#191919")
    dim = QColor("#7A7A7A" if dark else "#9E9E9E")
    in_bg = QColor("#2C2C2C" if dark else "#FFFFFF")
    out_bg = QColor("#3EB575" if dark else "#95EC69")
    out_fg = QColor("#0D0D0D" if dark else "#191919")
    p.fillRect(QRectF(0, 0, s.width, s.height), bg)
    p.fillRect(QRectF(0, 0, s.width, 72 * u), bar)
    y = status_bar(p, s, u, fg, str(rng.choice(CLOCKS)))
    chevron(p, 16 * u, y + 24 * u, 8 * u, fg, 2.2 * u)
    title = str(rng.choice(CHAT_TITLES))
    draw_text(
        p,
        s,
        title,
        make_font(s.family, 17 * u * min(t, 1.15), bold=True),
        s.width / 2,
        y + 12 * u,
        "title",
        fg,
        align="center",
    )
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fg)
    for i in range(3):
        p.drawEllipse(QPointF(s.width - 36 * u + i * 8 * u, y + 24 * u), 2 * u, 2 * u)
    p.setBrush(Qt.BrushStyle.NoBrush)
    y = 72 * u
    p.fillRect(QRectF(0, y, s.width, max(1.0, 0.5 * u)), QColor("#2A2A2A" if dark else "#D6D6D6"))
    y += 12 * u
    bottom = input_bar(
        p,
        s,
        u,
        QColor("#1E1E1E" if dark else "#F7F7F7"),
        QColor("#2C2C2C" if dark else "#FFFFFF"),
        fg,
    )
    body = make_font(s.family, 17 * u * t)
    stamp_font = make_font(s.family, 12 * u * min(t, 1.15))
    pad = 11 * u
    av = 40 * u
    max_w = s.width - 2 * (12 * u + av + 10 * u) - 20 * u
    in_color = QColor(str(rng.choice(AVATAR_COLORS)))
    out_color = QColor(str(rng.choice(AVATAR_COLORS)))
    for k, idx in enumerate(msgs):
        text = MESSAGES[idx][1]
        outgoing = k > 0 and rng.random() < 0.3 and not MESSAGES[idx][2]
        layout, spans = lay_out(text, body, max_w - 2 * pad)
        w, h = text_size(spans)
        stamp_h = stamp_font.pixelSize() * 1.6 + 8 * u if k == 0 or rng.random() < 0.5 else 0
        if y + stamp_h + max(h + 2 * pad, av) + 14 * u > bottom:
            break
        if stamp_h:
            draw_text(
                p,
                s,
                str(rng.choice(STAMPS)),
                stamp_font,
                s.width / 2,
                y + 4 * u,
                "stamp",
                dim,
                align="center",
            )
            y += stamp_h
        if outgoing:
            ax = s.width - 12 * u - av
            bx = ax - 10 * u - w - 2 * pad
        else:
            ax = 12 * u
            bx = ax + av + 10 * u
        avatar(p, QRectF(ax, y, av, av), out_color if outgoing else in_color, False)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(out_bg if outgoing else in_bg)
        p.drawRoundedRect(QRectF(bx, y, w + 2 * pad, h + 2 * pad), 5 * u, 5 * u)
        tip = QPainterPath()
        ty = y + av / 2
        if outgoing:
            tip.addPolygon(
                QPolygonF(
                    [
                        QPointF(bx + w + 2 * pad, ty - 6 * u),
                        QPointF(bx + w + 2 * pad + 6 * u, ty),
                        QPointF(bx + w + 2 * pad, ty + 6 * u),
                    ]
                )
            )
        else:
            tip.addPolygon(
                QPolygonF(
                    [QPointF(bx, ty - 6 * u), QPointF(bx - 6 * u, ty), QPointF(bx, ty + 6 * u)]
                )
            )
        p.drawPath(tip)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(out_fg if outgoing else fg)
        draw_layout(p, s, layout, spans, bx + pad, y + pad, "bubble")
        s.messages.append(idx)
        y += max(h + 2 * pad, av) + 16 * u


RENDERERS = {"sms": render_sms, "sms_list": render_sms_list, "wechat": render_wechat}


def render_screen(s: Screen, rng: np.random.Generator, msgs: list[int]) -> QImage:
    img = QImage(s.width, s.height, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    RENDERERS[s.layout](p, s, rng, msgs)
    p.end()
    return img


# --------------------------------------------------------------------------------------------
# "Photographed": the screen held in front of a camera.
# --------------------------------------------------------------------------------------------
def to_array(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_RGBX8888)
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    return (
        buf.reshape(h, img.bytesPerLine())[:, : w * 4].reshape(h, w, 4)[:, :, :3].astype(np.float32)
    )


def to_image(arr: np.ndarray) -> QImage:
    a = np.clip(arr, 0, 255).astype(np.uint8)
    h, w, _ = a.shape
    rgbx = np.empty((h, w, 4), dtype=np.uint8)
    rgbx[:, :, :3] = a
    rgbx[:, :, 3] = 255
    return QImage(rgbx.tobytes(), w, h, w * 4, QImage.Format.Format_RGBX8888).copy()


def gaussian_blur(a: np.ndarray, sigma: float) -> np.ndarray:
    radius = max(1, math.ceil(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    k /= k.sum()
    for axis in (0, 1):
        pad = [(0, 0)] * a.ndim
        pad[axis] = (radius, radius)
        padded = np.pad(a, pad, mode="edge")
        out = np.zeros_like(a)
        n = a.shape[axis]
        for i, wgt in enumerate(k):
            out += wgt * np.take(padded, range(i, i + n), axis=axis)
        a = out
    return a


def soft_mask(mask: np.ndarray, factor: int) -> np.ndarray:
    """A very soft edge, by blurring a small copy and scaling it back up (nearest, then blur)."""
    h, w = mask.shape
    small = mask[::factor, ::factor]
    small = gaussian_blur(small, 2.5)
    big = np.repeat(np.repeat(small, factor, axis=0), factor, axis=1)[:h, :w]
    return gaussian_blur(big, factor / 2)


def photograph(screen_img: QImage, rng: np.random.Generator) -> tuple[QImage, dict]:
    """Returns the photo and the settings used (to go into the sidecar)."""
    pw, ph = (1536, 2048) if rng.random() < 0.7 else (1200, 1600)
    photo = QImage(pw, ph, QImage.Format.Format_RGB32)
    p = QPainter(photo)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    # A table or a sofa behind the phone.
    grad = QLinearGradient(0, 0, pw, ph)
    base = rng.uniform(70, 190, size=3)
    grad.setColorAt(0, QColor(*[int(v) for v in base]))
    grad.setColorAt(1, QColor(*[int(v * 0.6) for v in base]))
    p.fillRect(QRectF(0, 0, pw, ph), grad)
    # Where the screen lands: about 85 % of the picture's height, its corners pulled about.
    sw, sh = screen_img.width(), screen_img.height()
    fill = rng.uniform(0.78, 0.9)
    th = ph * fill
    tw = th * sw / sh
    if tw > pw * 0.9:
        tw = pw * 0.9
        th = tw * sh / sw
    cx = pw / 2 + rng.uniform(-0.04, 0.04) * pw
    cy = ph / 2 + rng.uniform(-0.03, 0.03) * ph
    angle = math.radians(rng.uniform(-5, 5))
    tilt = rng.uniform(-0.06, 0.06)  # one side nearer the camera than the other
    corners = [(-tw / 2, -th / 2), (tw / 2, -th / 2), (tw / 2, th / 2), (-tw / 2, th / 2)]
    quad = []
    for i, (x, y) in enumerate(corners):
        near = 1 + tilt * (1 if i in (1, 2) else -1)
        x, y = x * near, y * near
        x += rng.normal(0, 0.012) * tw
        y += rng.normal(0, 0.008) * th
        rx = x * math.cos(angle) - y * math.sin(angle)
        ry = x * math.sin(angle) + y * math.cos(angle)
        quad.append(QPointF(cx + rx, cy + ry))
    bezel = 0.04 * sw
    src = QPolygonF(
        [
            QPointF(-bezel, -bezel),
            QPointF(sw + bezel, -bezel),
            QPointF(sw + bezel, sh + bezel * 2),
            QPointF(-bezel, sh + bezel * 2),
        ]
    )
    screen_quad = QPolygonF([QPointF(0, 0), QPointF(sw, 0), QPointF(sw, sh), QPointF(0, sh)])
    transform = QTransform()
    dst = QPolygonF(quad)
    ok = QTransform.quadToQuad(screen_quad, dst, transform)
    if not ok:
        raise RuntimeError("perspective transform failed")
    p.setTransform(transform)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(18, 18, 20))
    p.drawRoundedRect(src.boundingRect(), bezel * 1.6, bezel * 1.6)
    p.drawImage(QPointF(0, 0), screen_img)
    p.end()

    arr = to_array(photo)
    h, w, _ = arr.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    effects = {"perspective": [[round(q.x(), 1), round(q.y(), 1)] for q in quad]}
    chosen = [e for e in ("blur", "glare", "moire", "shadow") if rng.random() < 0.6]
    if len(chosen) < 2:
        chosen = list(rng.choice(["blur", "glare", "moire", "shadow"], size=2, replace=False))
    if "moire" in chosen:
        period = rng.uniform(2.5, 6.0)
        theta = rng.uniform(0, math.pi)
        beat = rng.uniform(120, 400)
        amp = rng.uniform(0.05, 0.12)
        phase = xx * math.cos(theta) + yy * math.sin(theta)
        envelope = 0.5 + 0.5 * np.sin(
            2 * math.pi * (xx * math.sin(theta) - yy * math.cos(theta)) / beat
        )
        for c in range(3):
            arr[:, :, c] *= 1 + amp * envelope * np.sin(2 * math.pi * phase / period + c * 2.1)
        effects["moire"] = {"period_px": round(period, 2), "amplitude": round(amp, 3)}
    if "shadow" in chosen:
        # A hand and forearm coming in from one edge.
        side = int(rng.integers(4))
        mask = np.zeros((h, w), dtype=np.float32)
        ax_, ay_ = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        rx_, ry_ = rng.uniform(0.18, 0.3) * w, rng.uniform(0.12, 0.22) * h
        if side == 0:
            ax_ = 0
        elif side == 1:
            ax_ = w
        elif side == 2:
            ay_ = h
        else:
            ay_, ax_ = h, rng.choice([0, w])
        mask[((xx - ax_) / rx_) ** 2 + ((yy - ay_) / ry_) ** 2 < 1] = 1
        mask = soft_mask(mask, 16)
        dark = rng.uniform(0.3, 0.55)
        arr *= (1 - dark * mask)[:, :, None]
        effects["shadow"] = {
            "edge": ["left", "right", "bottom", "corner"][side],
            "darkness": round(dark, 2),
        }
    if "glare" in chosen:
        gx, gy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.15, 0.85) * h
        sx, sy = rng.uniform(0.08, 0.2) * w, rng.uniform(0.05, 0.14) * h
        strength = rng.uniform(0.5, 0.85)
        g = strength * np.exp(-(((xx - gx) / sx) ** 2 + ((yy - gy) / sy) ** 2))
        arr += (255 - arr) * g[:, :, None]
        effects["glare"] = {"strength": round(strength, 2)}
    if "blur" in chosen:
        sigma = rng.uniform(0.8, 2.0)
        arr = gaussian_blur(arr, sigma)
        effects["blur"] = {"sigma_px": round(sigma, 2)}
    noise = rng.uniform(2, 6)
    arr += rng.normal(0, noise, size=arr.shape).astype(np.float32)
    effects["noise"] = {"sigma": round(noise, 2)}
    quality = int(rng.integers(25, 56))
    effects["jpeg_quality"] = quality
    return to_image(arr), effects


def plan(count: int, rng: np.random.Generator) -> list[tuple[str, str, str, tuple[int, int], int]]:
    """Which layout, theme, text scale and size each screenshot gets, and how many messages.

    Over 18 screenshots every layout meets every theme and every text scale; every other one
    is 1080x2400.
    """
    jobs = []
    for i in range(count):
        layout = LAYOUTS[i % len(LAYOUTS)]
        theme = THEMES[(i // len(LAYOUTS)) % 2]
        scale = list(TEXT_SCALES)[(i // len(LAYOUTS)) % len(TEXT_SCALES)]
        size = SCREEN_SIZES[0] if i % 2 == 0 else SCREEN_SIZES[1 + int(rng.integers(3))]
        n = {"sms": 3, "sms_list": 5, "wechat": 4}[layout]
        jobs.append((layout, theme, scale, size, n))
    return jobs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=18, help="screenshots to draw (default 18)")
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--no-photos", action="store_true")
    args = ap.parse_args(argv)

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    families = cjk_families()
    have = set(QFontDatabase.families())
    LATIN_FAMILIES[:] = [f for f in LATIN_PREFERRED if f in have][:1]
    rng = np.random.default_rng(args.seed)
    (args.out / "screenshots").mkdir(parents=True, exist_ok=True)
    if not args.no_photos:
        (args.out / "photos").mkdir(parents=True, exist_ok=True)
    index = []
    # Every message is drawn once before any is drawn twice; one that did not fit goes first
    # into the next screenshot.
    pending = [int(m) for m in rng.permutation(len(MESSAGES))]
    for i, (layout, theme, scale, (w, h), n) in enumerate(plan(args.count, rng)):
        msgs = [pending.pop(0) if pending else int(rng.integers(len(MESSAGES))) for _ in range(n)]
        family = families[i % len(families)]
        s = Screen(w, h, layout, theme, family, scale)
        img = render_screen(s, rng, msgs)
        pending[:0] = [m for m in msgs if m not in s.messages]
        name = f"{i:03d}_{layout}_{theme}_{w}x{h}"
        meta = {
            "kind": "screenshot",
            "layout": layout,
            "theme": theme,
            "font": family,
            "fallback_fonts": [*LATIN_FAMILIES, *EMOJI_FAMILIES],
            "text_scale": scale,
            "size": [w, h],
            "messages": [
                {"sender": MESSAGES[m][0], "text": MESSAGES[m][1], "fraud": MESSAGES[m][2]}
                for m in s.messages
            ],
            "text": "\n".join(MESSAGES[m][1] for m in s.messages),
            "all_text": "\n".join(line.text for line in s.lines),
            "lines": [
                {"text": line.text, "kind": line.kind, "box": list(line.box)} for line in s.lines
            ],
            "seed": args.seed,
        }
        path = args.out / "screenshots" / f"{name}.png"
        img.save(str(path), "PNG")
        path.with_suffix(".json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1), "utf-8"
        )
        index.append(str(path.relative_to(args.out)))
        if not args.no_photos:
            photo, effects = photograph(img, rng)
            ppath = args.out / "photos" / f"{name}_photo.jpg"
            photo.save(str(ppath), "JPG", effects["jpeg_quality"])
            pmeta = {
                **meta,
                "kind": "photo",
                "source": str(path.relative_to(args.out)),
                "size": [photo.width(), photo.height()],
                "effects": effects,
            }
            del pmeta["lines"]  # the boxes are in the screenshot's pixels, not the photo's
            ppath.with_suffix(".json").write_text(
                json.dumps(pmeta, ensure_ascii=False, indent=1), "utf-8"
            )
            index.append(str(ppath.relative_to(args.out)))
        print(f"{name}: {len(s.messages)} messages, {family}, {scale}", flush=True)
    (args.out / "index.json").write_text(
        json.dumps(
            {"seed": args.seed, "fonts": families, "images": index}, ensure_ascii=False, indent=1
        ),
        "utf-8",
    )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
