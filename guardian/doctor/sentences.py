"""Every sentence the doctor says, in both languages: the check names, the marks, each finding.

A sentence with a blank (``{reason}``, ``{error}``) is filled by the check that says it.
"""

from __future__ import annotations

from guardian.core.i18n import Text

LABELS = {
    "font": Text("中文字体", "Chinese font"),
    "speech": Text("朗读声音", "Voice"),
    "tel": Text("打电话", "Phone calls"),
    "data_folder": Text("数据文件夹", "Data folder"),
    "database": Text("记录文件", "History file"),
    "backups": Text("备份", "Backups"),
    "outbox": Text("给家人的提醒", "Alerts to the family"),
    "guard": Text("远程软件提醒", "Remote-control guard"),
}
"""The checks, in the order they run, with their names in each language."""

OK_MARK = Text("[正常]", "[OK]")
PROBLEM_MARK = Text("[有问题]", "[PROBLEM]")
ALL_WELL = Text("全部正常。", "Everything is fine.")
SOME_PROBLEMS = Text(
    "有 {count} 项有问题。请按上面说的做，或者把这些话念给家人听。",
    "{count} problem(s). Please do what each line says, or read these lines to your family.",
)
CHECK_FAILED = Text(
    "这一项没能检查：{error}。请把这句话告诉家人。",
    "This could not be checked: {error}. Please tell your family this line.",
)

FONT_OK = Text("能正常显示中文（{family}）。", "Chinese is shown properly ({family}).")
FONT_MISSING = Text(
    "字体“{family}”缺少 {count} 个汉字，有些字会显示成方框。"
    "请家人安装中文字体（例如 Noto Sans CJK SC）。",
    "The font {family} lacks {count} Chinese characters; some show as boxes. "
    "Ask your family to install a Chinese font (for example Noto Sans CJK SC).",
)
FONT_NONE = Text(
    "电脑上没有中文字体，汉字会显示成方框。请家人安装中文字体（例如 Noto Sans CJK SC）。",
    "No Chinese font is installed; Chinese shows as boxes. "
    "Ask your family to install one (for example Noto Sans CJK SC).",
)

SPEECH_WORKS = Text("声音正常，能朗读。", "The voice works.")
SPEECH_OFF = Text(
    "朗读已在设置里关闭。需要时请家人在“家人设置”里打开。",
    "Reading aloud is turned off in the settings. Family settings can turn it on.",
)
SPEECH_NO_DEVICE = Text(
    "电脑没有能用的声音设备，听不到朗读。请检查音箱或耳机是否插好、音量是否打开。",
    "No sound device: nothing can be heard. Check that the speakers or headphones are "
    "plugged in and the volume is up.",
)
SPEECH_NO_ENGINE = Text(
    "没有安装朗读程序（{reason}）。请家人安装 espeak-ng。",
    "No speech program is installed ({reason}). Ask your family to install espeak-ng.",
)
SPEECH_BROKEN = Text(
    "朗读程序出错了（{reason}）。请家人重新安装 espeak-ng。",
    "The speech program failed ({reason}). Ask your family to reinstall espeak-ng.",
)
SPEECH_UNTESTED = Text(
    "已经安装了系统朗读（{engine}）。声音要在防骗守护朗读时才能听出来。",
    "The system voice ({engine}) is installed; the sound is heard when Guardian reads aloud.",
)

TEL_HANDLER = Text("点“打电话”时，用“{handler}”拨号。", "The call button dials with {handler}.")
TEL_NONE = Text(
    "电脑上没有拨号程序。点“打电话”时，会用大字显示号码，请用电话拨打。",
    "No calling program is set up: the call button shows the number in big digits to dial "
    "on the telephone.",
)
TEL_CHECKED_WHEN_CALLING = Text(
    "点“打电话”时才会检查能不能拨号；不能拨号时，会用大字显示号码。",
    "Checked when calling: if nothing can dial, the number is shown in big digits.",
)

FOLDER_NOT_YET = Text(
    "还没有数据文件夹（{folder}）。第一次打开防骗守护时会建立。",
    "There is no data folder yet ({folder}). It is made the first time Guardian opens.",
)
FOLDER_CANNOT_BE_MADE = Text(
    "数据文件夹（{folder}）建立不了，检查记录保存不了。请家人检查它上一层的文件夹。",
    "The data folder ({folder}) cannot be made, so checks are not saved. Ask your family to "
    "check the folder above it.",
)
FOLDER_OK = Text("数据文件夹正常：{folder}", "The data folder is fine: {folder}")
FOLDER_NOT_A_FOLDER = Text(
    "“{folder}”不是文件夹，防骗守护无法保存记录。请家人把它改名或移走。",
    "{folder} is not a folder, so nothing can be saved. Ask your family to rename or move it.",
)
FOLDER_NOT_WRITABLE = Text(
    "数据文件夹不能写入（{folder}），检查记录保存不了。请家人检查这个文件夹的权限或磁盘空间。",
    "The data folder cannot be written ({folder}), so checks are not saved. Ask your family to "
    "check its permissions and the free disk space.",
)
FOLDER_OPEN_TO_OTHERS = Text(
    '数据文件夹里有别人也能看的文件（{names}）。请家人运行：chmod -R go= "{folder}"',
    "Other users of this computer can read {names}. Ask your family to run: "
    'chmod -R go= "{folder}"',
)

DB_MISSING = Text(
    "还没有记录文件。第一次打开防骗守护时会建立。",
    "There is no history file yet. It is made the first time Guardian opens.",
)
DB_MISSING_WITH_BACKUP = Text(
    "记录文件不见了。打开防骗守护，它会自动从备份恢复记录。",
    "The history file is missing. Open Guardian: it restores the history from the backup.",
)
DB_OK = Text("记录文件完好，保存了 {count} 次检查。", "The history file is sound: {count} checks.")
DB_DAMAGED = Text(
    "记录文件损坏了（{reason}）。打开防骗守护，它会把坏文件放到一边，并从备份恢复。",
    "The history file is damaged ({reason}). Open Guardian: it sets the damaged file aside and "
    "restores the backup.",
)
DB_NEWER = Text(
    "记录文件是更新版本的防骗守护写的。请家人安装最新版本的防骗守护。",
    "A newer Guardian wrote the history file. Ask your family to install the newest Guardian.",
)
DB_UNREADABLE = Text(
    "记录文件打不开（{reason}）。请家人检查文件权限，或关掉其他正在用它的程序。",
    "The history file cannot be opened ({reason}). Ask your family to check its permissions or "
    "close any other program using it.",
)

BACKUPS_NONE = Text(
    "还没有备份。防骗守护每天打开后会自动备份一次：请打开一次防骗守护。",
    "No backup yet. Guardian makes one each day after it opens: please open it once.",
)
BACKUPS_NOT_NEEDED = Text(
    "还没有备份，因为还没有记录。", "No backup yet, because there is no history yet."
)
BACKUPS_OK = Text(
    "有 {count} 份备份，最新的是 {newest}。{today}",
    "{count} backup(s), the newest from {newest}. {today}",
)
BACKUPS_OLD = Text(
    "有 {count} 份备份，但最新的是 {newest}，已经很久了。请打开一次防骗守护，它会重新备份。",
    "{count} backup(s), but the newest is from {newest}, long ago. Open Guardian once to make "
    "a new one.",
)
BACKUPS_DAMAGED = Text(
    "最新的备份（{newest}）坏了：{reason}。请打开一次防骗守护，它会重新备份。",
    "The newest backup ({newest}) is damaged: {reason}. Open Guardian once to make a new one.",
)
TODAY_DONE = Text("今天已经备份了。", "Today's backup is done.")
TODAY_NOT_YET = Text("今天还没有备份，打开防骗守护后会做。", "Today's is made when Guardian opens.")

OUTBOX_NONE = Text("没有等着发出的提醒。", "No alert is waiting to be sent.")
OUTBOX_WAITING = Text(
    "有 {count} 条给家人的提醒还没发出，最早的是 {oldest}。{error}"
    "防骗守护打开时会一直重试：请检查网络，或请家人在“家人设置”里检查提醒方式。",
    "{count} alert(s) to the family are not delivered yet, the oldest from {oldest}. {error}"
    "Guardian keeps trying while it is open: check the internet connection, or ask your family "
    "to check the alert settings in Family settings.",
)
OUTBOX_LAST_ERROR = Text("上次的问题：{reason}（{error}）。", "Last problem: {reason} ({error}). ")
OUTBOX_FAILED = Text("另有 {count} 条发不出去了。", "{count} more could not be sent at all. ")

GUARD_NONE = Text(
    "远程软件提醒正常，现在没有远程控制或屏幕共享软件在运行。",
    "The guard works; no remote-control or screen-sharing program is running now.",
)
GUARD_SOME = Text(
    "远程软件提醒正常。现在正在运行：{names}。如果是陌生人让您打开的，请马上关掉。",
    "The guard works. Running now: {names}. If a stranger asked you to open them, close them now.",
)
GUARD_BROKEN = Text(
    "远程软件清单有错误（{error}），防骗守护看不出远程软件。请家人重新安装防骗守护。",
    "The list of remote-control programs is broken ({error}), so the guard is off. Ask your "
    "family to reinstall Guardian.",
)
