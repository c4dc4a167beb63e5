"""One Guardian window per data folder: a second start brings the open window to the front.

Whether a Guardian is open is known first from its lock file (``guardian.instance_lock``). The
first start then listens, from just after its first paint, on a local socket (a named pipe on
Windows) named after the data folder; a later start connects to it, sends ``raise`` and exits.
A socket file left behind by a Guardian that crashed is found to be dead (nobody answers) and
replaced. The socket file lies in a folder only this user can enter (``$XDG_RUNTIME_DIR``, else
the data folder), never in the shared temporary folder, where another user could take its name
first.

Example::

    instance = SingleInstance(server_name_for(folder))
    if instance.already_running():
        return 0
    instance.listen(on_raise=lambda: bring_to_front(window))
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

RAISE_MESSAGE = b"raise\n"
"""What a second start sends to the first."""
CONNECT_TIMEOUT_MS = 500
"""How long a start waits for an earlier one to answer (it answers in milliseconds)."""
RAISE_WAIT_S = 5.0
"""How long a second start waits for the open Guardian to begin listening."""
RETRY_PAUSE_S = 0.05
"""The pause between two tries to reach it."""


SOCKET_FILE_NAME = "guardian.sock"
"""The socket's file name when it lies in the data folder."""
MAX_SOCKET_PATH = 100
"""The longest socket path in bytes (the system allows 104 on macOS, 108 on Linux)."""


def server_name_for(data_folder: Path) -> str:
    """Return the local server name for the Guardian that uses ``data_folder``.

    On Windows it is a pipe name holding a hash of the folder's full path and of the user name,
    so two people, or a test and a real Guardian, never meet on one computer (the pipe itself is
    the user's only). Elsewhere it is the full path of the socket file: in ``$XDG_RUNTIME_DIR``
    (named by the same hash) when that is a folder only this user can enter, else
    ``guardian.sock`` in the data folder, which is private to the user too.
    """
    folder = data_folder.expanduser().resolve()
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: the folder alone still separates
        user = ""
    key = f"{user}\n{folder}".encode()
    # 64 bits of the digest: plenty to tell apart the few folders of one computer.
    name = f"guardian-{hashlib.sha256(key).hexdigest()[:16]}"
    if os.name == "nt":
        return name
    runtime = private_runtime_dir()
    if runtime is not None:
        path = runtime / f"{name}.sock"
        if len(os.fsencode(path)) <= MAX_SOCKET_PATH:
            return str(path)
    return str(folder / SOCKET_FILE_NAME)


def private_runtime_dir() -> Path | None:
    """``$XDG_RUNTIME_DIR`` when it is a folder of this user's that nobody else can enter."""
    value = os.environ.get("XDG_RUNTIME_DIR", "")
    if not value or not os.path.isabs(value):
        return None
    try:
        info = os.stat(value)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o077 or info.st_uid != os.getuid():
        return None
    return Path(value)


def server_answers(name: str, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Return whether a Guardian listens on ``name`` now, without asking it for anything."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    try:
        return socket.waitForConnected(timeout_ms)
    finally:
        socket.abort()


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` (restored if it was minimised) above the other windows, and focus it."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """Finds an open Guardian for the same data folder, or becomes the one others find.

    Args:
        name: the local server name, normally :func:`server_name_for` of the data folder.
        parent: the usual Qt parent.
    """

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None
        self._on_raise: Callable[[], None] | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def already_running(self, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
        """Ask an open Guardian to come to the front; return whether one answered.

        Blocks for at most about twice ``timeout_ms`` (call it before the window is built).
        """
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            socket.abort()
            return False
        socket.write(RAISE_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
        log.info("Guardian is already open for this data folder; asked it to come to the front")
        return True

    def raise_running(self, wait_s: float = RAISE_WAIT_S) -> bool:
        """Ask the open Guardian to come to the front; return whether it answered in ``wait_s``.

        Called when the lock file shows a Guardian is open: it opens its socket right after its
        first paint, so one started a moment earlier may not listen yet. Blocks (no window has
        been built by the caller).
        """
        deadline = time.monotonic() + wait_s
        while True:
            if self.already_running():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(RETRY_PAUSE_S)

    def listen(self, on_raise: Callable[[], None]) -> bool:
        """Listen for later starts; each one that sends ``raise`` calls ``on_raise``.

        A socket left behind by a Guardian that crashed is removed and made again. If another
        Guardian answers on the name at this moment (two started at once), nothing is removed
        and this one does not listen.

        Args:
            on_raise: called on this object's thread for each later start.

        Returns:
            Whether this instance now listens.
        """
        self.close()
        self._on_raise = on_raise
        # Asked first: with access options set, Qt replaces an existing socket file silently,
        # which would cut off a Guardian that is open.
        if server_answers(self.name):
            log.warning("another Guardian is listening on %s; not listening", self.name)
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if not server.listen(self.name):
            # Nobody answered: a socket file left by a Guardian that stopped without cleaning up.
            log.info("removing the stale single-instance socket %s", self.name)
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning(
                    "cannot listen for a second start on %s: %s", self.name, server.errorString()
                )
                server.deleteLater()
                return False
        self._server = server
        return True

    @property
    def listening(self) -> bool:
        """Whether this instance listens for later starts."""
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        """Stop listening (the socket file is removed); calling it again does nothing."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        sockets = list(self._buffers)
        self._buffers.clear()
        for socket in sockets:
            socket.readyRead.disconnect(self._socket_ready)
            socket.disconnected.disconnect(self._socket_gone)
            socket.abort()

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                return
            self._buffers[socket] = b""
            # Slots of this object, not lambdas: Qt cuts the connections as soon as this object
            # begins to go away, before its server's sockets do, so a socket that says
            # "disconnected" while it is being destroyed calls nothing.
            socket.readyRead.connect(self._socket_ready)
            socket.disconnected.connect(self._socket_gone)
            # Bytes that arrived before the signal was connected are read now.
            self._read(socket)

    @Slot()
    def _socket_ready(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    @Slot()
    def _socket_gone(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._drop(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        while b"\n" in data:
            line, _, data = data.partition(b"\n")
            if line.strip() == RAISE_MESSAGE.strip():
                log.info("a second start asked for the window; bringing it to the front")
                if self._on_raise is not None:
                    try:
                        self._on_raise()
                    except Exception:
                        log.exception("bringing the window to the front failed")
        self._buffers[socket] = data[-64:]  # nothing longer is ever expected

    def _drop(self, socket: QLocalSocket) -> None:
        self._read(socket)
        self._buffers.pop(socket, None)
        socket.deleteLater()
