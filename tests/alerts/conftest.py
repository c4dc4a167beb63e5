"""Real local servers for delivery tests: an HTTP server for JSON webhooks and an SMTP server."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd import smtp as aiosmtp
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Webhook:
    """A JSON webhook on 127.0.0.1 that records every post and answers with ``status``.

    ``status_for``, when set, chooses the answer for each post instead (given the post).
    """

    port: int
    status: int = 200
    status_for: Callable[[dict[str, Any]], int] | None = None
    posts: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook/tok-abc-12345?key=sekrit-value-999"

    def start(self) -> None:
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                with hook.lock:
                    status = hook.status if hook.status_for is None else hook.status_for(payload)
                    if status == 200:
                        hook.posts.append(payload)
                        hook.paths.append(self.path)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, name="test-webhook"
        )
        self.thread.start()

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()
        self.server = None
        self.thread = None

    def received(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.posts)


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook(free_port())
    hook.start()
    yield hook
    hook.stop()


@pytest.fixture
def down_webhook() -> Iterator[Webhook]:
    """A webhook whose port refuses connections until the test calls ``start()``."""
    hook = Webhook(free_port())
    yield hook
    hook.stop()


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[Envelope] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: aiosmtp.SMTP, session: Session, envelope: Envelope) -> str:
        with self.lock:
            self.messages.append(envelope)
        return "250 OK"


@dataclass
class Mail:
    """The local SMTP server: what it received, the logins tried, and the ones it accepts."""

    port: int
    mailbox: _Mailbox
    logins: list[tuple[str, str]]
    accepted: set[tuple[str, str]] = field(default_factory=lambda: {("grandma", "pa:ss@word")})

    def received(self) -> list[Envelope]:
        with self.mailbox.lock:
            return list(self.mailbox.messages)

    def accept(self, login: str, password: str) -> None:
        """Let ``login`` in with ``password`` too."""
        self.accepted.add((login, password))


@pytest.fixture
def smtp_server() -> Iterator[Mail]:
    mailbox = _Mailbox()
    logins: list[tuple[str, str]] = []
    accepted: set[tuple[str, str]] = {("grandma", "pa:ss@word")}

    def authenticate(
        server: aiosmtp.SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if isinstance(data, LoginPassword):
            login = (data.login.decode(), data.password.decode())
            logins.append(login)
            return AuthResult(success=login in accepted)
        return AuthResult(success=False)

    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticate,
        auth_require_tls=False,
    )
    controller.start()
    yield Mail(port, mailbox, logins, accepted)
    controller.stop()
