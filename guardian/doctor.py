"""``guardian doctor``: checks what Guardian needs on this computer, in plain words.

Each check gives one line that a family member can read out on the phone: whether it is fine,
and what to do when it is not. Nothing is changed: the database and the backups are opened
read-only, and the data folder is only looked at (one empty test file is made and removed to
see that it can be written).

Example::

    results = run_checks("zh")
    print(format_report(results, "zh"))
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from guardian.core.i18n import Lang, Text
from guardian.tel_handler import find_tel_handler

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

_BACKUP_STALE_DAYS = 7
_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check.

    Attributes:
        check: the check's id (a key of :data:`LABELS`).
        ok: whether it is fine.
        detail: one plain sentence in the person's language: what was found, what to do.
    """

    check: str
    ok: bool
    detail: str

    def to_mapping(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {"check": self.check, "ok": self.ok, "detail": self.detail}


def data_folder_path() -> Path:
    """Return the data folder Guardian uses here, without creating it."""
    from guardian.storage.paths import DATA_DIR_ENV, user_data_folder

    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return user_data_folder()


def run_checks(
    lang: Lang,
    *,
    data_folder: Path | None = None,
    today: date | None = None,
    only: Iterable[str] | None = None,
) -> list[CheckResult]:
    """Run every check (or those named in ``only``) and return their results in order.

    A check that fails unexpectedly gives a result that says so; nothing is raised.

    Args:
        lang: the language of the details.
        data_folder: the data folder to look at; :func:`data_folder_path` when None.
        today: the date that counts as today for the backups; the local date when None.
        only: the ids of the checks to run (keys of :data:`LABELS`); all when None.
    """
    folder = data_folder if data_folder is not None else data_folder_path()
    day = today or datetime.now().astimezone().date()
    checks: dict[str, Callable[[], CheckResult]] = {
        "font": lambda: check_font(lang),
        "speech": lambda: check_speech(lang, folder),
        "tel": lambda: check_tel_handler(lang),
        "data_folder": lambda: check_data_folder(folder, lang),
        "database": lambda: check_database(folder, lang),
        "backups": lambda: check_backups(folder, lang, day),
        "outbox": lambda: check_outbox(folder, lang),
        "guard": lambda: check_guard(lang),
    }
    wanted = list(checks) if only is None else [name for name in checks if name in set(only)]
    results: list[CheckResult] = []
    for name in wanted:
        try:
            results.append(checks[name]())
        except Exception as error:  # one broken check must not hide the others
            results.append(CheckResult(name, False, CHECK_FAILED.get(lang).format(error=error)))
    return results


def format_report(results: Iterable[CheckResult], lang: Lang) -> str:
    """Return the results as plain lines, one per check, and a last line that sums them up."""
    lines: list[str] = []
    problems = 0
    for result in results:
        mark = (OK_MARK if result.ok else PROBLEM_MARK).get(lang)
        label = LABELS[result.check].get(lang) if result.check in LABELS else result.check
        colon = "：" if lang == "zh" else ": "
        lines.append(f"{mark} {label}{colon}{result.detail}")
        problems += not result.ok
    lines.append(
        ALL_WELL.get(lang) if not problems else SOME_PROBLEMS.get(lang).format(count=problems)
    )
    return "\n".join(lines)


# -- the font --------------------------------------------------------------------------------


def check_font(lang: Lang) -> CheckResult:
    """Check that a font draws every Chinese character of the screens.

    Uses the running QGuiApplication, or makes one (offscreen on Linux, so no screen is
    needed).
    """
    from guardian.assets import load_catalog

    _ensure_gui_application()
    from guardian.ui.fonts import choose_for_catalog

    choice = choose_for_catalog(load_catalog())
    if choice.family is None:
        return CheckResult("font", False, FONT_NONE.get(lang))
    if choice.missing:
        detail = FONT_MISSING.get(lang).format(family=choice.family, count=len(choice.missing))
        return CheckResult("font", False, detail)
    return CheckResult("font", True, FONT_OK.get(lang).format(family=choice.family))


def _ensure_gui_application() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        # Fonts come from fontconfig either way; offscreen needs no display.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Kept alive for the rest of the command: Qt allows one per process.
    _keep.append(QGuiApplication(sys.argv[:1]))


_keep: list[object] = []


# -- speech ----------------------------------------------------------------------------------


def speech_engine_choice(folder: Path) -> str:
    """Return the speech engine Guardian would use: the saved choice, else the environment's."""
    from guardian.core.preferences import SETTINGS_KEY, Preferences
    from guardian.speech.factory import ENGINE_VARIABLE
    from guardian.storage.paths import database_path

    saved = Preferences.from_mapping(_saved_setting(database_path(folder), SETTINGS_KEY))
    if saved.speech_engine != "auto":
        return saved.speech_engine
    return (os.environ.get(ENGINE_VARIABLE) or "auto").strip().lower()


def _saved_setting(db_path: Path, key: str) -> object:
    if not db_path.is_file():
        return None
    try:
        connection = _read_only(db_path)
        try:
            row = connection.execute(
                "SELECT value_json FROM settings WHERE key = ?", (key,)
            ).fetchone()
        finally:
            connection.close()
        return json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return None


def check_speech(lang: Lang, folder: Path) -> CheckResult:
    """Read a short sentence into a WAV file and play it, to tell "voice works" from "no sound".

    With espeak-ng and a player (``aplay`` on Linux) the sound really goes to the device, so a
    missing sound card is found. With the system voice (pyttsx3, Windows and macOS) only its
    presence is checked.
    """
    from guardian.speech.espeak import default_player, find_espeak, synthesize_with_espeak
    from guardian.speech.pyttsx3_speaker import pyttsx3_installed

    engine = speech_engine_choice(folder)
    if engine == "none":
        return CheckResult("speech", True, SPEECH_OFF.get(lang))
    use_espeak = find_espeak() is not None and (
        engine == "espeak" or (engine != "pyttsx3" and sys.platform.startswith("linux"))
    )
    if not use_espeak:
        if pyttsx3_installed() and engine != "espeak":
            return CheckResult("speech", True, SPEECH_UNTESTED.get(lang).format(engine="pyttsx3"))
        if find_espeak() is not None:
            use_espeak = True
        else:
            reason = "espeak-ng, pyttsx3"
            return CheckResult("speech", False, SPEECH_NO_ENGINE.get(lang).format(reason=reason))
    with tempfile.TemporaryDirectory(prefix="guardian-doctor-") as temporary:
        wav = Path(temporary) / "voice.wav"
        sentence = "防骗守护" if lang == "zh" else "Guardian"
        try:
            synthesize_with_espeak(sentence, lang, wav, rate=160, volume=0.3, timeout=_TIMEOUT_S)
        except RuntimeError as error:
            return CheckResult("speech", False, SPEECH_BROKEN.get(lang).format(reason=error))
        player = default_player()
        if player is None:
            return CheckResult("speech", True, SPEECH_UNTESTED.get(lang).format(engine="espeak-ng"))
        command = [part for part in player if part != "-"] + [str(wav)]
        try:
            played = subprocess.run(command, capture_output=True, timeout=_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return CheckResult("speech", False, SPEECH_NO_DEVICE.get(lang))
    if played.returncode != 0:
        return CheckResult("speech", False, SPEECH_NO_DEVICE.get(lang))
    return CheckResult("speech", True, SPEECH_WORKS.get(lang))


# -- the tel: handler -------------------------------------------------------------------------


def check_tel_handler(lang: Lang) -> CheckResult:
    """Say which program dials ``tel:`` addresses, the one the call screens use.

    No dialling program is not a fault: the call screen then shows the number in big digits.
    The answer comes from :func:`guardian.tel_handler.find_tel_handler`, the same place the
    call screens ask.
    """
    name = find_tel_handler(lang)
    if name is None:
        return CheckResult("tel", True, TEL_NONE.get(lang))
    if not name:
        return CheckResult("tel", True, TEL_CHECKED_WHEN_CALLING.get(lang))
    return CheckResult("tel", True, TEL_HANDLER.get(lang).format(handler=name))


# -- the data folder -------------------------------------------------------------------------


def check_data_folder(folder: Path, lang: Lang) -> CheckResult:
    """Check the data folder exists, can be written, and is private (0700, files 0600)."""
    if not folder.exists():
        parent = next((p for p in folder.parents if p.exists()), None)
        if parent is None or not parent.is_dir() or not _can_write(parent):
            detail = FOLDER_CANNOT_BE_MADE.get(lang).format(folder=folder)
            return CheckResult("data_folder", False, detail)
        return CheckResult("data_folder", True, FOLDER_NOT_YET.get(lang).format(folder=folder))
    if not folder.is_dir():
        return CheckResult(
            "data_folder", False, FOLDER_NOT_A_FOLDER.get(lang).format(folder=folder)
        )
    if not _can_write(folder):
        return CheckResult(
            "data_folder", False, FOLDER_NOT_WRITABLE.get(lang).format(folder=folder)
        )
    if os.name == "posix":
        open_to_others = [path for path in _private_paths(folder) if path.lstat().st_mode & 0o077]
        if open_to_others:
            names = ", ".join(
                "." if path == folder else str(path.relative_to(folder))
                for path in open_to_others[:5]
            )
            detail = FOLDER_OPEN_TO_OTHERS.get(lang).format(names=names, folder=folder)
            return CheckResult("data_folder", False, detail)
    return CheckResult("data_folder", True, FOLDER_OK.get(lang).format(folder=folder))


def _can_write(folder: Path) -> bool:
    # Really write: as the administrator, permission bits alone say nothing.
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".guardian-doctor-"):
            pass
    except OSError:
        return False
    return True


def _private_paths(folder: Path) -> list[Path]:
    """The folder, its subfolders and every file in them that should be owner-only."""
    found = [folder]
    for path in sorted(folder.rglob("*")):
        with contextlib.suppress(OSError):
            mode = path.lstat().st_mode
            if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
                found.append(path)
    return found


# -- the database ----------------------------------------------------------------------------


def _read_only(path: Path) -> sqlite3.Connection:
    """Open the database read-only, leaving no trace.

    A read-only connection to a database in WAL mode still creates its ``-wal`` and ``-shm``
    files, and cannot remove them. When there is no ``-wal`` file (Guardian is not open),
    every page is in the main file, which is then opened as unchanging, so nothing is created.
    """
    uri = path.resolve().as_uri()
    if not Path(f"{path}-wal").exists():
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=5.0)
    return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=5.0)


def check_database(folder: Path, lang: Lang) -> CheckResult:
    """Run ``PRAGMA integrity_check`` on the database, opened read-only; change nothing."""
    from sqlite_utils import Database

    from guardian.storage.backup import list_backups
    from guardian.storage.migrations import unknown_migrations
    from guardian.storage.paths import backups_dir, database_path

    path = database_path(folder)
    if not path.exists():
        if list_backups(backups_dir(folder)):
            return CheckResult("database", False, DB_MISSING_WITH_BACKUP.get(lang))
        return CheckResult("database", True, DB_MISSING.get(lang))
    try:
        connection = _read_only(path)
    except sqlite3.Error as error:
        return CheckResult("database", False, DB_UNREADABLE.get(lang).format(reason=error))
    try:
        problems = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            reason = "; ".join(problems[:2])
            return CheckResult("database", False, DB_DAMAGED.get(lang).format(reason=reason))
        db = Database(connection, execute_plugins=False)
        if unknown_migrations(db):
            return CheckResult("database", False, DB_NEWER.get(lang))
        count = db.table("checks").count if db.table("checks").exists() else 0
    except sqlite3.OperationalError as error:
        return CheckResult("database", False, DB_UNREADABLE.get(lang).format(reason=error))
    except sqlite3.DatabaseError as error:
        return CheckResult("database", False, DB_DAMAGED.get(lang).format(reason=error))
    finally:
        connection.close()
    return CheckResult("database", True, DB_OK.get(lang).format(count=count))


# -- the backups -----------------------------------------------------------------------------


def check_backups(folder: Path, lang: Lang, today: date) -> CheckResult:
    """Count the backups, say the newest one's date and whether today's exists."""
    from guardian.storage.backup import backup_date, backup_name, backup_problem, list_backups
    from guardian.storage.paths import backups_dir, database_path

    backup_folder = backups_dir(folder)
    backups = list_backups(backup_folder)
    if not backups:
        if database_path(folder).exists():
            return CheckResult("backups", False, BACKUPS_NONE.get(lang))
        return CheckResult("backups", True, BACKUPS_NOT_NEEDED.get(lang))
    newest = backups[0]
    newest_day = backup_date(newest)
    shown = _day_text(newest_day, lang) if newest_day else newest.name
    problem = backup_problem(newest)
    if problem is not None:
        detail = BACKUPS_DAMAGED.get(lang).format(newest=shown, reason=problem)
        return CheckResult("backups", False, detail)
    if newest_day is not None and (today - newest_day).days > _BACKUP_STALE_DAYS:
        detail = BACKUPS_OLD.get(lang).format(count=len(backups), newest=shown)
        return CheckResult("backups", False, detail)
    made_today = (backup_folder / backup_name(today)).is_file()
    detail = BACKUPS_OK.get(lang).format(
        count=len(backups),
        newest=shown,
        today=(TODAY_DONE if made_today else TODAY_NOT_YET).get(lang),
    )
    return CheckResult("backups", True, detail)


def _day_text(day: date, lang: Lang) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day:%Y-%m-%d}"


# -- the outbox ------------------------------------------------------------------------------


def check_outbox(folder: Path, lang: Lang) -> CheckResult:
    """Count the alerts not delivered yet; give the oldest one's date and the last error."""
    from guardian.core.delivery_problems import plain_reason
    from guardian.logs import redact_log_text
    from guardian.storage.paths import database_path

    path = database_path(folder)
    if not path.exists():
        return CheckResult("outbox", True, OUTBOX_NONE.get(lang))
    try:
        connection = _read_only(path)
    except sqlite3.Error as error:
        return CheckResult("outbox", False, DB_UNREADABLE.get(lang).format(reason=error))
    try:
        has_outbox = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'"
        ).fetchone()
        if not has_outbox:
            return CheckResult("outbox", True, OUTBOX_NONE.get(lang))
        count, oldest = connection.execute(
            "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status IN ('queued', 'sending')"
        ).fetchone()
        failed = connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE status = 'failed'"
        ).fetchone()[0]
        last_error = connection.execute(
            "SELECT last_error, channel_kind FROM outbox WHERE last_error IS NOT NULL "
            "AND status IN ('queued', 'sending') ORDER BY last_attempt_at DESC, id DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error as error:
        return CheckResult("outbox", False, DB_UNREADABLE.get(lang).format(reason=error))
    finally:
        connection.close()
    if not count:
        return CheckResult("outbox", True, OUTBOX_NONE.get(lang))
    error_text = ""
    if last_error and last_error[0]:
        # Stored already without tokens; hidden once more in case an older version stored one.
        stored = str(last_error[0])
        error_text = OUTBOX_LAST_ERROR.get(lang).format(
            reason=plain_reason(stored, str(last_error[1] or "")).get(lang),
            error=redact_log_text(stored),
        )
    if failed:
        error_text += OUTBOX_FAILED.get(lang).format(count=failed)
    detail = OUTBOX_WAITING.get(lang).format(
        count=count, oldest=_time_text(oldest, lang), error=error_text
    )
    return CheckResult("outbox", False, detail)


def _time_text(value: object, lang: Lang) -> str:
    try:
        when = datetime.fromisoformat(str(value)).astimezone()
    except ValueError:
        return str(value)
    if lang == "zh":
        return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"
    return f"{when:%Y-%m-%d %H:%M}"


# -- the remote-control guard ----------------------------------------------------------------


def check_guard(lang: Lang) -> CheckResult:
    """Read the list of remote-control programs and say which of them are running now."""
    from guardian.core.remote_apps import RemoteAppsError
    from guardian.guard.scan import load_remote_apps, scan_processes

    try:
        apps = load_remote_apps()
    except (RemoteAppsError, OSError, ValueError) as error:
        return CheckResult("guard", False, GUARD_BROKEN.get(lang).format(error=error))
    found = scan_processes(apps)
    if not found:
        return CheckResult("guard", True, GUARD_NONE.get(lang))
    separator = "、" if lang == "zh" else ", "
    names = separator.join(item.app.name.get(lang) for item in found)
    return CheckResult("guard", True, GUARD_SOME.get(lang).format(names=names))
