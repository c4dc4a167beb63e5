"""Export the history to CSV or JSON, and import a JSON export back.

CSV is for reading (Excel, WPS, LibreOffice): one row per check, lists written out in words,
UTF-8 with a byte-order mark so Chinese shows correctly when the file is double-clicked. It is
not read back.

JSON is for moving the history to another computer or keeping a copy: a versioned document
``{"format": "guardian-history", "version": 1, "exported_at": ..., "checks": [...]}`` with one
object per check holding every field of :class:`~guardian.core.records.CheckRecord`. Importing
checks the whole file before anything is written, skips checks that are already in the history,
and writes the rest in one transaction: all or nothing.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import IO, Any

from sqlite_utils import Database

from guardian.core.records import CheckRecord
from guardian.storage.database import write_transaction
from guardian.storage.errors import StorageError

FORMAT_NAME = "guardian-history"
"""The ``format`` value of a JSON export."""

FORMAT_VERSION = 1
"""The ``version`` of the JSON export this code writes and reads."""

MAX_IMPORT_BYTES = 20 * 1024 * 1024
"""The largest JSON file :func:`import_json` reads (about 40,000 checks)."""

MAX_FIELD_CHARS: dict[str, int] = {"caller_number": 40, "caller_type": 64, "text": 5000}
"""The longest text each field of an imported check may hold: what Guardian itself saves (a
number typed on its keypad, a caller's id, a message of at most 5,000 characters)."""

MAX_ENTRIES = 200
"""The most answers, signals or actions one imported check may hold."""

MAX_ENTRY_CHARS = 200
"""The longest signal id, answer or action value in one imported check."""

CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "编号 No."),
    ("time", "时间 Time"),
    ("kind", "类型 Kind"),
    ("level", "结果 Result"),
    ("caller_number", "来电号码 Number"),
    ("caller_type", "对方自称 Caller said"),
    ("signals", "发现的信号 Signals"),
    ("stopped_early", "提前结束 Stopped early"),
    ("answers", "回答 Answers"),
    ("text", "短信内容 Message"),
    ("actions", "之后做了什么 Actions"),
    ("status", "状态 Status"),
    ("lang", "语言 Language"),
    ("started_at", "开始 (UTC) Started (UTC)"),
    ("updated_at", "更新 (UTC) Updated (UTC)"),
)
"""CSV columns in order: (field, bilingual heading)."""

RECORD_FIELDS: tuple[str, ...] = (
    "id",
    "kind",
    "status",
    "started_at",
    "updated_at",
    "caller_number",
    "caller_type",
    "answers",
    "level",
    "signals",
    "stopped_early",
    "text",
    "actions",
    "lang",
)
"""The keys of one check in a JSON export. ``id`` is informative and may be left out."""

_KIND_WORDS = {"call": "电话 call", "text": "短信 message", "number": "号码 number"}
_LEVEL_WORDS = {
    "high": "极可能是诈骗 high",
    "medium": "很可能有诈 medium",
    "low": "可疑较少 low",
}
_STATUS_WORDS = {"in_progress": "未完成 unfinished", "finished": "完成 finished"}
_YES_NO = {True: "是 yes", False: "否 no"}
# A cell starting with one of these is run as a formula by spreadsheet programs; a quote mark
# in front makes it plain text (a fraud message could carry "=HYPERLINK(...)").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_OLDEST_FIRST = "started_at ASC, id ASC"


@dataclass(frozen=True)
class OversizedField:
    """A field of an imported check that is longer than Guardian ever saves.

    Attributes:
        check_number: which check in the file, 1 for the first.
        field: the field's key in the file (``"text"``, ``"answers"``...).
    """

    check_number: int
    field: str


class HistoryImportError(StorageError):
    """A history file cannot be imported; nothing was written. The message names the problem.

    Attributes:
        oversized: the field that made the file be refused, when it was one too long for
            Guardian (the window says so in the person's language); None otherwise.
    """

    def __init__(self, message: str, oversized: OversizedField | None = None) -> None:
        super().__init__(message)
        self.oversized = oversized


class _FieldTooLongError(ValueError):
    def __init__(self, field: str, limit: str) -> None:
        super().__init__(f"{field}: longer than Guardian saves (at most {limit})")
        self.field = field


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_json` did.

    Attributes:
        added: checks added to the history.
        skipped: checks left out because the history (or the file) already held them.
    """

    added: int
    skipped: int


def iter_records(db: Database) -> Iterator[CheckRecord]:
    """Yield every check in the history, oldest first."""
    for row in db.table("checks").rows_where(order_by=_OLDEST_FIRST):
        yield CheckRecord.from_row(row)


def export_csv(db: Database, destination: Path, tz: tzinfo | None = None) -> int:
    """Write every check to ``destination`` as CSV, one row per check, oldest first.

    The file is UTF-8 with a byte-order mark, headings in Chinese and English, times in local
    time (plus the exact UTC times), and lists written as ``a; b; c``. It is written to a
    temporary file first and renamed into place, readable by its owner only.

    Args:
        db: the database.
        destination: the CSV file to write (replaced if it exists).
        tz: the time zone for the "time" column; ``None`` means the computer's own.

    Returns:
        The number of checks written.

    Raises:
        StorageError: the file cannot be written.
    """

    def write(out: IO[str]) -> int:
        writer = csv.writer(out)
        writer.writerow([heading for _, heading in CSV_COLUMNS])
        count = 0
        for record in iter_records(db):
            cells = csv_cells(record, tz)
            writer.writerow([_safe_cell(cells[name]) for name, _ in CSV_COLUMNS])
            count += 1
        return count

    return _write_atomically(destination, write, encoding="utf-8-sig", newline="")


def export_json(db: Database, destination: Path, now: datetime | None = None) -> int:
    """Write every check to ``destination`` as a versioned JSON document, oldest first.

    One check per line, Chinese kept as text. Written to a temporary file first and renamed
    into place, readable by its owner only.

    Args:
        db: the database.
        destination: the JSON file to write (replaced if it exists).
        now: the export time recorded in the file; the current time if ``None``.

    Returns:
        The number of checks written.

    Raises:
        StorageError: the file cannot be written.
    """
    exported_at = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)

    def write(out: IO[str]) -> int:
        out.write(f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, ')
        out.write(f'"exported_at": {_dumps(exported_at.isoformat(timespec="seconds"))}, ')
        out.write('"checks": [')
        count = 0
        for record in iter_records(db):
            out.write(",\n" if count else "\n")
            out.write(_dumps(record_to_json(record)))
            count += 1
        out.write("\n]}\n")
        return count

    return _write_atomically(destination, write, encoding="utf-8", newline="\n")


def record_to_json(record: CheckRecord) -> dict[str, Any]:
    """Return ``record`` as one check of a JSON export (lists and mappings as JSON values)."""
    row = record.to_row()
    return {
        "id": row["id"],
        "kind": row["kind"],
        "status": row["status"],
        "started_at": row["started_at"],
        "updated_at": row["updated_at"],
        "caller_number": row["caller_number"],
        "caller_type": row["caller_type"],
        "answers": dict(record.answers),
        "level": row["level"],
        "signals": list(record.signals),
        "stopped_early": record.stopped_early,
        "text": row["text"],
        "actions": [dict(action) for action in record.actions],
        "lang": row["lang"],
    }


def record_from_json(item: object) -> CheckRecord:
    """Read one check of a JSON export; the record has no id (it gets a new one when saved).

    Raises:
        ValueError: the check is not an object, has a missing or unknown key, or a value that
            :meth:`CheckRecord.from_row` rejects; the message names the key or field.
    """
    if not isinstance(item, dict):
        raise ValueError(f"expected an object, got {type(item).__name__}")
    unknown = sorted(key for key in item if key not in RECORD_FIELDS)
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown key")
    missing = [key for key in RECORD_FIELDS if key != "id" and key not in item]
    if missing:
        raise ValueError(f"{missing[0]}: missing")
    if not isinstance(item["stopped_early"], bool):
        raise ValueError(f"stopped_early: expected true or false, got {item['stopped_early']!r}")
    _check_sizes(item)
    row = {
        "id": None,
        "kind": item["kind"],
        "status": item["status"],
        "started_at": item["started_at"],
        "updated_at": item["updated_at"],
        "caller_number": item["caller_number"],
        "caller_type": item["caller_type"],
        "answers_json": _dumps(item["answers"]),
        "level": item["level"],
        "signals_json": _dumps(item["signals"]),
        "stopped_early": int(item["stopped_early"]),
        "text": item["text"],
        "actions_json": _dumps(item["actions"]),
        "lang": item["lang"],
    }
    return CheckRecord.from_row(row)


def read_json_export(source: Path, max_bytes: int = MAX_IMPORT_BYTES) -> list[CheckRecord]:
    """Read and check a whole JSON export; write nothing.

    Args:
        source: the file to read.
        max_bytes: larger files are refused before they are read.

    Returns:
        The checks in file order, without ids.

    Raises:
        HistoryImportError: the file is too large, unreadable, not a Guardian history export,
            of a newer version, or holds a check that is not valid; the message names the
            check by its position (``checks[0]`` is the first).
    """
    try:
        size = source.stat().st_size
        if size > max_bytes:
            raise HistoryImportError(_too_large(source, max_bytes))
        with source.open("rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise HistoryImportError(f"cannot read {source}: {error}") from error
    if len(data) > max_bytes:
        raise HistoryImportError(_too_large(source, max_bytes))
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise HistoryImportError(f"{source.name} is not a readable JSON file: {error}") from error
    checks = _checks_of(document, source)
    records: list[CheckRecord] = []
    for index, item in enumerate(checks):
        try:
            records.append(record_from_json(item))
        except (ValueError, TypeError) as error:
            oversized = (
                OversizedField(index + 1, error.field)
                if isinstance(error, _FieldTooLongError)
                else None
            )
            raise HistoryImportError(
                f"{source.name}: checks[{index}] (check number {index + 1}) is not valid: {error}",
                oversized,
            ) from error
    return records


def import_json(db: Database, source: Path, max_bytes: int = MAX_IMPORT_BYTES) -> ImportResult:
    """Add the checks of a JSON export to the history, leaving out those it already holds.

    The whole file is read and checked first; if anything is wrong nothing is written. A check
    is already held when a stored check has the same start time, kind, caller number and text.
    Added checks get new ids. All of them are written in one transaction.

    Args:
        db: the database.
        source: the JSON export to read.
        max_bytes: larger files are refused before they are read.

    Returns:
        How many checks were added and how many were skipped as duplicates.

    Raises:
        HistoryImportError: the file cannot be imported (see :func:`read_json_export`);
            nothing was written.
    """
    records = read_json_export(source, max_bytes)
    table = db.table("checks")
    with write_transaction(db):
        seen = {
            (row[0], row[1], row[2], row[3])
            for row in db.execute("SELECT started_at, kind, caller_number, text FROM checks")
        }
        new_rows: list[dict[str, Any]] = []
        for record in records:
            row = record.to_row()
            key = (row["started_at"], row["kind"], row["caller_number"], row["text"])
            if key in seen:
                continue
            seen.add(key)
            del row["id"]
            new_rows.append(row)
        if new_rows:
            table.insert_all(new_rows)
    return ImportResult(added=len(new_rows), skipped=len(records) - len(new_rows))


def csv_cells(record: CheckRecord, tz: tzinfo | None = None) -> dict[str, str]:
    """Return the CSV cells of ``record`` by column name, before formula protection."""
    local = record.started_at.astimezone(tz) if tz else record.started_at.astimezone()
    row = record.to_row()
    return {
        "id": "" if record.id is None else str(record.id),
        "time": f"{local:%Y-%m-%d %H:%M:%S}",
        "kind": _KIND_WORDS.get(record.kind, record.kind),
        "level": _LEVEL_WORDS.get(record.level, record.level) if record.level else "",
        "caller_number": record.caller_number or "",
        "caller_type": record.caller_type or "",
        "signals": "; ".join(record.signals),
        "stopped_early": _YES_NO[record.stopped_early],
        "answers": "; ".join(f"{signal}={answer}" for signal, answer in record.answers.items()),
        "text": record.text or "",
        "actions": "; ".join(
            ", ".join(f"{key}={value}" for key, value in action.items())
            for action in record.actions
        ),
        "status": _STATUS_WORDS.get(record.status, record.status),
        "lang": record.lang,
        "started_at": row["started_at"],
        "updated_at": row["updated_at"],
    }


def _check_sizes(item: dict[str, Any]) -> None:
    """Refuse a check with a field longer than Guardian ever saves (before it is read further).

    Raises:
        _FieldTooLongError: names the first such field.
    """
    for name, limit in MAX_FIELD_CHARS.items():
        value = item[name]
        if isinstance(value, str) and len(value) > limit:
            raise _FieldTooLongError(name, f"{limit} characters")
    for name in ("answers", "signals", "actions"):
        value = item[name]
        if not isinstance(value, (list, dict)):
            continue  # the record's own checks name the wrong type
        if len(value) > MAX_ENTRIES:
            raise _FieldTooLongError(name, f"{MAX_ENTRIES} entries")
        entries = value.items() if isinstance(value, dict) else enumerate(value)
        for key, entry in entries:
            texts: list[object] = [key, entry]
            if isinstance(entry, dict):
                if len(entry) > MAX_ENTRIES:
                    raise _FieldTooLongError(name, f"{MAX_ENTRIES} entries")
                texts = [*entry.keys(), *entry.values()]
            if any(isinstance(t, str) and len(t) > MAX_ENTRY_CHARS for t in texts):
                raise _FieldTooLongError(name, f"{MAX_ENTRY_CHARS} characters an entry")


def _safe_cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _checks_of(document: object, source: Path) -> list[object]:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise HistoryImportError(f"{source.name} is not a Guardian history export")
    version = document.get("version")
    if type(version) is not int:
        raise HistoryImportError(f"{source.name}: the version is missing or not a number")
    if version > FORMAT_VERSION:
        raise HistoryImportError(
            f"{source.name} was made by a newer version of Guardian (history format "
            f"{version}); please update Guardian"
        )
    if version != FORMAT_VERSION:
        raise HistoryImportError(f"{source.name}: unknown history format version {version}")
    checks = document.get("checks")
    if not isinstance(checks, list):
        raise HistoryImportError(f"{source.name}: checks is missing or not a list")
    return checks


def _too_large(source: Path, max_bytes: int) -> str:
    return f"{source.name} is larger than {max_bytes // (1024 * 1024)} MB and was not imported"


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in a history file")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


_NEW_PART_FILE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: the text layer writes the line ends as asked
)
"""How the ``.part`` file is opened: made new, never through a link planted in its place."""


def _write_atomically(
    destination: Path, write: Callable[[IO[str]], int], *, encoding: str, newline: str
) -> int:
    partial = destination.with_name(destination.name + ".part")
    try:
        fd = _create_part_file(partial)
    except OSError as error:
        raise StorageError(f"cannot write {destination}: {error}") from error
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as out:
            count = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, destination)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise StorageError(f"cannot write {destination}: {error}") from error
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return count


def _create_part_file(partial: Path) -> int:
    """Create ``partial`` (readable by its owner only) and return its descriptor.

    Something already there, a file left by an export that stopped midway or a symbolic link
    someone planted to make the export write elsewhere, is removed first: removing a link never
    touches what it points to. If something appears there again at once, the export fails.
    """
    try:
        return os.open(partial, _NEW_PART_FILE, 0o600)
    except FileExistsError:
        partial.unlink()
        return os.open(partial, _NEW_PART_FILE, 0o600)
