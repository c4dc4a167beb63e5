"""Sending one message to one apprise URL, with a plain answer: delivered, or why not."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from guardian.core.channels import redact_text, url_log_secrets
from guardian.core.delivery_problems import refused_for_good
from guardian.logs import remember_secrets

DEFAULT_TIMEOUT = 15.0
"""Seconds to wait for a channel to connect, and then to answer."""


@dataclass(frozen=True)
class DeliveryResult:
    """What happened to one try.

    Attributes:
        ok: whether the channel accepted the message.
        error: why not, with the URL and every token hidden; empty when ``ok``.
        refused: the channel answered that it will not take this message as it is (an HTTP
            4xx answer such as 400, 401, 403 or 404, or a push service saying that the token
            does not exist): trying again is unlikely to help.
    """

    ok: bool
    error: str = ""
    refused: bool = False


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a log line that cannot be formatted is not worth a failure
            self.messages.append(record.msg if isinstance(record.msg, str) else "")


def deliver(
    url: str,
    title: str,
    body: str,
    timeout: float = DEFAULT_TIMEOUT,
    secrets: tuple[str, ...] = (),
) -> DeliveryResult:
    """Send ``title`` and ``body`` to the channel at ``url`` and say whether it arrived.

    Blocks for up to about twice ``timeout`` (connect, then answer); call it off the GUI thread.
    Never raises for a delivery problem: a refused connection, an error answer or a URL apprise
    does not understand all give ``ok=False`` with a reason.

    Args:
        url: an apprise URL made by :func:`~guardian.core.channels.build_apprise_url`.
        title: the alert's title.
        body: the alert's text.
        timeout: seconds to wait to connect and for an answer.
        secrets: more values to hide in the error (the channel's secret fields).
    """
    # Whatever apprise or the network code logs about this try, the log file never shows them.
    remember_secrets((*secrets, *url_log_secrets(url)))
    import apprise  # imported here: it takes about 0.3 s, and most runs never send an alert

    # Sequential delivery: no thread pool is started behind our back.
    asset = apprise.AppriseAsset(async_mode=False)
    plugin = apprise.Apprise.instantiate(url, asset=asset)
    if plugin is None:
        return DeliveryResult(False, redact_text("the channel's address is not understood", url))
    plugin.socket_connect_timeout = timeout
    plugin.socket_read_timeout = timeout
    sender = apprise.Apprise(asset=asset)
    sender.add(plugin)

    collector = _Collector()
    apprise_logger = logging.getLogger(apprise.LOGGER_NAME)
    old_level = apprise_logger.level
    apprise_logger.addHandler(collector)
    if apprise_logger.getEffectiveLevel() > logging.WARNING:
        apprise_logger.setLevel(logging.WARNING)
    try:
        ok = bool(sender.notify(title=title, body=body))
    except Exception as error:  # a fault inside a plugin is a failed try, not a crash
        ok = False
        collector.messages.append(f"{type(error).__name__}: {error}")
    finally:
        apprise_logger.removeHandler(collector)
        apprise_logger.setLevel(old_level)
    if ok:
        return DeliveryResult(True)
    reason = "; ".join(m.strip() for m in collector.messages[-3:] if m.strip())
    return DeliveryResult(
        False,
        redact_text(reason or "the channel did not accept it", url, secrets),
        refused=refused_for_good(collector.messages),
    )


def load_delivery_code() -> None:
    """Load apprise and its plugins now, so that the first alert goes out at once.

    Loading takes about a quarter of a second of the interpreter's time; done on the outbox's
    thread while a check is under way, it is not done while the family is being alerted.
    """
    url_is_supported("json://localhost")  # imports apprise, which loads every plugin to answer


def url_is_supported(url: str) -> bool:
    """Return whether apprise understands ``url`` (for checking a custom channel in a form)."""
    import apprise

    return (
        apprise.Apprise.instantiate(url, asset=apprise.AppriseAsset(async_mode=False)) is not None
    )
