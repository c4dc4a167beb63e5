"""Logging set-up: a private, size-capped log file in the data folder, and warnings on stderr.

Every record that reaches Guardian's handlers, whichever logger wrote it (apprise's too), goes
through :class:`RedactingFilter` first, so no alert address, token or password and no full phone
number is ever written: the values of the family's alert channels (tokens, topics, keys,
passwords, webhook paths, addresses; see :func:`remember_secrets`) become ``***`` wherever they
appear, addresses keep only their scheme and server name, ``token=...`` style values become
``***``, and any run of 7 or more digits (single spaces, dashes or dots between them allowed,
as in ``138-1234-5678``) keeps only its last 4. The message, its arguments, the exception text
and the stack text are all redacted.

Example::

    log_file = setup_logging(data_folder_or_none())
"""

from __future__ import annotations

import functools
import io
import logging
import os
import re
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

LOG_DIR_NAME = "logs"
LOG_FILE_NAME = "guardian.log"
MAX_LOG_BYTES = 1_000_000
"""A log file is rotated when it would grow past this size."""
LOG_BACKUP_COUNT = 3
"""How many rotated files (``guardian.log.1`` ...) are kept."""

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MARK = "_guardian_handler"

MIN_SECRET_LENGTH = 4
"""Known secrets shorter than this are not looked for (they cannot be told from ordinary words)."""


class _Secrets:
    """The channel values to hide in every log line, shared by every thread of the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()
        self.pattern: re.Pattern[str] | None = None

    def add(self, values: Iterable[object]) -> None:
        new: set[str] = set()
        for value in values:
            if not isinstance(value, str):
                continue
            for variant in (value, value.strip(), quote(value, safe=""), quote(value, safe="@")):
                if len(variant) >= MIN_SECRET_LENGTH:
                    new.add(variant)
        with self._lock:
            if new <= self._values:
                return
            self._values |= new
            # Longest first, so that a value is hidden whole before any shorter part of it.
            ordered = sorted(self._values, key=lambda text: (-len(text), text))
            self.pattern = re.compile("|".join(re.escape(text) for text in ordered))

    def clear(self) -> None:
        with self._lock:
            self._values = set()
            self.pattern = None


_SECRETS = _Secrets()


def remember_secrets(values: Iterable[object]) -> None:
    """Hide each of ``values`` (and its URL-encoded forms) in every later log line, for good.

    Called with the values of the family's alert channels when the database is opened, when a
    channel is saved and before an alert is sent (see
    :func:`~guardian.core.channels.log_secrets`). Values are only ever added: a removed
    channel's values stay hidden too. Values that are not text, or shorter than
    :data:`MIN_SECRET_LENGTH`, are skipped. Never raises for odd values; safe from any thread.
    """
    _SECRETS.add(values)


def forget_secrets() -> None:
    """Stop hiding the values given to :func:`remember_secrets` (a new set of channels)."""
    _SECRETS.clear()


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The addresses, secret values and digit runs to hide (compiled at the first log line)."""
    url = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s'\"<>()\[\]{},]+")
    secret_value = re.compile(
        r"(?i)\b(token|access_token|secret|password|passwd|pwd|key|apikey|api_key|sign|signature)"
        r"(\s*[=:]\s*)([^\s&'\",;]+)"
    )
    # Digits with single spaces, dashes or dots between them: 13812345678, 138 1234 5678,
    # 138-1234-5678, 138.1234.5678, 0755-8888-1234.
    digit_run = re.compile(r"(?<!\d)\d(?:[ .-]?\d){6,}(?!\d)")
    return url, secret_value, digit_run


def redact_log_text(text: str) -> str:
    """Return ``text`` with addresses, secret values and phone numbers hidden. Never raises.

    Args:
        text: a log message, exception text or any other text headed for a log.

    Returns:
        The text with every value given to :func:`remember_secrets` replaced by ``***``, every
        ``scheme://...`` address by its redacted form (scheme and server name only), every
        ``token=...``-style value by ``***``, and every run of 7 or more digits (single spaces,
        dashes or dots between digits allowed) masked except its last 4 digits.
    """
    try:
        # Imported at the first address to hide: the window opens without it.
        from guardian.core.channels import REDACTED, redact

        known = _SECRETS.pattern
        if known is not None:
            text = known.sub(REDACTED, text)
        url, secret_value, digit_run = _patterns()
        text = url.sub(lambda match: redact(match.group(0)), text)
        text = secret_value.sub(lambda match: f"{match.group(1)}{match.group(2)}***", text)
        return digit_run.sub(_mask_digits, text)
    except Exception:  # a log line must never break the program that writes it
        return "(a log line could not be redacted and was left out)"


def _mask_digits(match: re.Match[str]) -> str:
    run = match.group(0)
    keep = 4
    digits_seen = 0
    out: list[str] = []
    for char in reversed(run):
        if char.isdigit():
            digits_seen += 1
            out.append(char if digits_seen <= keep else "*")
        else:
            out.append(char)
    return "".join(reversed(out))


class RedactingFilter(logging.Filter):
    """Rewrites each record so that it holds no address, token or full phone number.

    The message is formatted with its arguments and redacted, and the arguments are dropped;
    the exception and stack texts are formatted and redacted too. Records are never dropped.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact ``record`` in place and let it through."""
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what can be kept
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact_log_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_log_text(record.exc_text)
            # The formatted text stands in for the exception: formatters use exc_text as is.
        if record.stack_info:
            record.stack_info = redact_log_text(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.FileHandler):
    """A log file that is created readable by its owner only (0o600 on POSIX) and rotated.

    Before a record would make the file larger than ``max_bytes``, the file is renamed to
    ``<name>.1`` (``.1`` to ``.2`` and so on; the oldest beyond ``backup_count`` is removed) and
    a new one is started. Written on ``logging.FileHandler`` so that opening the window does not
    load the network-logging module that the standard rotating handler comes with.

    Args:
        path: the log file.
        max_bytes: the largest size of one file.
        backup_count: how many older files are kept.
    """

    def __init__(self, path: Path, *, max_bytes: int, backup_count: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8", delay=False)
        self.max_bytes = max_bytes
        self.backup_count = backup_count

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        """Write ``record``, rotating first when the line would take the file past the cap."""
        try:
            line = self.format(record) + self.terminator
            if self.stream is None:
                self.stream = self._open()
            self.stream.seek(0, os.SEEK_END)
            size = len(line.encode(self.encoding or "utf-8", self.errors or "strict"))
            if self.max_bytes > 0 and self.stream.tell() + size > self.max_bytes:
                self._rotate()
            self.stream.write(line)
            self.flush()
        except RecursionError:
            raise
        except Exception:  # a log line must never break the program that writes it
            self.handleError(record)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for number in range(self.backup_count - 1, 0, -1):
            older = f"{self.baseFilename}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{number + 1}")
        if self.backup_count > 0:
            os.replace(self.baseFilename, f"{self.baseFilename}.1")
        else:
            os.remove(self.baseFilename)
        self.stream = self._open()


def log_file_path(data_folder: Path) -> Path:
    """Return the log file inside the data folder ``data_folder``."""
    return data_folder / LOG_DIR_NAME / LOG_FILE_NAME


def data_folder_or_none() -> Path | None:
    """Return the data folder (created if missing), or None when it cannot be made."""
    from guardian.storage.paths import data_dir

    try:
        return data_dir()
    except OSError:
        return None


def setup_logging(data_folder: Path | None, *, verbose: bool = False) -> Path | None:
    """Send Guardian's logs to a private rotating file in ``data_folder`` and warnings to stderr.

    Calling it again replaces the handlers an earlier call installed (nothing is doubled).

    Args:
        data_folder: the data folder; the file is ``logs/guardian.log`` inside it (the folder
            0o700, the files 0o600 on POSIX, about 1 MB each, 3 older files kept). None logs
            to stderr only.
        verbose: also show informational and debug lines on stderr, and keep debug lines in
            the file.

    Returns:
        The log file, or None when there is none (no folder given, or it cannot be written).
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter(_FORMAT)

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    _install(root, console, formatter)

    if data_folder is None:
        return None
    path = log_file_path(data_folder)
    try:
        from guardian.storage.paths import make_private_dir

        make_private_dir(path.parent)
        file_handler = PrivateRotatingFileHandler(
            path, max_bytes=MAX_LOG_BYTES, backup_count=LOG_BACKUP_COUNT
        )
    except OSError as error:
        logging.getLogger(__name__).warning("no log file, logging to the screen only: %s", error)
        return None
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    _install(root, file_handler, formatter)
    return path


def _install(root: logging.Logger, handler: logging.Handler, formatter: logging.Formatter) -> None:
    handler.setFormatter(formatter)
    handler.addFilter(RedactingFilter())
    setattr(handler, _MARK, True)
    root.addHandler(handler)
