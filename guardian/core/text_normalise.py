"""Normalising text before it is checked, with a map back to the original positions.

Full-width forms become half-width, letters lower case, common traditional characters
simplified, zero-width characters and filler marks between Chinese characters dropped, and
common misspellings of the key words read as the words they stand for. Pure: no I/O.
"""

from __future__ import annotations

import unicodedata

MAX_CHECKED_CHARS = 50_000
"""Only this many characters at the start of a text are checked (far beyond any message; a
megabyte pasted by mistake still gets a verdict in well under a second)."""

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_FILLERS = frozenset("*·•・_|~^")

# Traditional characters common in fraud texts, each followed by its simplified form.
_TRADITIONAL_PAIRS = (
    "帳账 戶户 賬账 碼码 驗验 證证 銀银 轉转 錢钱 凍冻 結结 檢检 緊紧 請请 "
    "點点 擊击 連连 網网 號号 開开 匯汇 險险 費费 處处 務务 額额 萬万 億亿 "
    "領领 獎奖 補补 貼贴 養养 資资 產产 報报 騙骗 詐诈 讓让 說说 話话 電电 "
    "機机 們们 個个 會会 這这 對对 為为 從从 來来 裡里 寶宝 關关 係系 聯联 "
    "員员 醫医 稅税 單单 遞递 槍枪 違违 傳传 掛挂 斷断 訴诉 屬属 賠赔 償偿 "
    "訂订 購购 穩稳 賺赚 臺台 軟软 體体 載载 議议 視视 頻频 現现 門门 當当 "
    "馬马 時时 內内 別别 換换 誰谁 舊旧 親亲 孫孙 兒儿 禍祸 車车 歲岁 擔担 "
    "隊队 執执 審审 調调 査查 罰罚 還还 給给 應应 該该 麼么 嗎吗 裏里 樣样 "
    "發发 鐘钟 計计 劃划 優优 問问 題题 過过 進进 記记 錄录 護护 復复 製制 "
    "備备 認认 識识 贊赞 職职 綫线 線线 長长 營营 賣卖 買买 價价 錯错 幫帮 將将 師师 "
    "飛飞 艙舱 動动 區区 聽听 團团 寫写 貸贷 憑凭 實实 辦办 紅红 藥药 療疗 "
    "廳厅 災灾 難难 總总 層层 鎖锁 獲获 雙双 歸归 惡恶 偽伪 "
)
_TO_SIMPLIFIED = {ord(pair[0]): pair[1] for pair in _TRADITIONAL_PAIRS.split()}
_TO_SIMPLIFIED[ord("帐")] = "账"  # 帐户 is a common variant of 账户 in simplified text too

# Same-length spellings that stand for the usual words (homophones, common slips).
_SPELLINGS = (
    ("验正码", "验证码"), ("效验码", "校验码"), ("薇信", "微信"), ("威信", "微信"),
    ("徽信", "微信"), ("危信", "微信"), ("扣扣", "qq"), ("屏慕", "屏幕"),
    ("共亨", "共享"), ("公按", "公安"), ("检查院", "检察院"), ("俭察院", "检察院"),
    ("冻洁", "冻结"), ("东结", "冻结"), ("洗前", "洗钱"), ("账护", "账户"),
    ("转张", "转账"), ("汇欵", "汇款"),
    ("保正金", "保证金"), ("手绪费", "手续费"), ("兼值", "兼职"), ("刷但", "刷单"),
    ("返力", "返利"), ("徵信", "征信"), ("证信", "征信"), ("贷欵", "贷款"),
    ("v信", "微信"), ("vx", "微信"), ("wx", "微信"), ("蜜码", "密码"),
    ("秘码", "密码"), ("银行咔", "银行卡"),
)  # fmt: skip


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


_CHAR_CACHE: dict[str, str] = {}


def _normal_char(char: str) -> str:
    cached = _CHAR_CACHE.get(char)
    if cached is None:
        cached = unicodedata.normalize("NFKC", char).lower().translate(_TO_SIMPLIFIED)
        if len(_CHAR_CACHE) < 20_000:
            _CHAR_CACHE[char] = cached
    return cached


def normalise(text: str) -> tuple[str, list[int]]:
    """Return the normal form of ``text`` and, per normal character, its original index.

    Full-width forms become half-width, letters lower case, common traditional characters
    simplified; zero-width characters are dropped; runs of blank space become one space, and
    blank space or filler marks between Chinese characters (or a Chinese character and a digit)
    are dropped, so "安 全 账 户" reads as "安全账户"; common misspellings and homophones of the
    key words ("验正码", "薇信") read as the words they stand for.

    Returns:
        (normal text, origin) where ``origin[i]`` is the index in ``text`` of normal character
        ``i``; ``origin`` has one extra entry, ``len(text)``.
    """
    out: list[str] = []
    origin: list[int] = []
    pending_gap = -1  # index of a dropped blank or filler run awaiting a decision
    for index, char in enumerate(text):
        if char in _ZERO_WIDTH:
            continue
        if char.isspace() or (char in _FILLERS and out and _is_cjk(out[-1])):
            if pending_gap < 0:
                pending_gap = index
            continue
        normal = _normal_char(char)
        if not normal:
            continue
        if pending_gap >= 0:
            if out:
                before, after = out[-1], normal[0]
                joined = (_is_cjk(before) or before.isdigit()) and (
                    _is_cjk(after) or after.isdigit()
                )
                if not joined or (before.isdigit() and after.isdigit()):
                    gap = text[pending_gap]
                    out.append(" " if gap.isspace() else _normal_char(gap) or " ")
                    origin.append(pending_gap)
            pending_gap = -1
        for piece in normal:
            out.append(piece)
            origin.append(index)
    origin.append(len(text))
    normal = "".join(out)
    for written, meant in _SPELLINGS:
        if written in normal:
            normal = normal.replace(written, meant)
    return normal, origin
