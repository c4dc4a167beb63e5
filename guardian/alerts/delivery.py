"""Sending one message to one apprise URL, with a plain answer: delivered, or why not."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from guardian.core.channels import redact_text, url_log_secrets
from guardian.core.delivery_problems import refused_for_good
from guardian.logs import remember_secrets

_log = logging.getLogger(__name__)

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


PLUGIN_PAUSE_S = 0.002
"""The pause after each of apprise's plugins is loaded ahead: the window's thread may take the
interpreter then (about 190 plugins: less than half a second more, off the window's thread)."""


def load_delivery_code(pause_s: float = PLUGIN_PAUSE_S) -> None:
    """Load apprise and its plugins now, so that the first alert goes out at once.

    Loading takes a third to half a second of the interpreter's time; it is done on the
    outbox's thread while a check is under way, not while the family is being alerted. Apprise
    would load every plugin in one go; here they are loaded one at a time with a pause after
    each, so the window, which needs the interpreter for each thing it draws, does not wait
    for all of them.
    """
    import importlib
    import pkgutil
    import time

    import apprise.plugins

    for plugin in pkgutil.iter_modules(apprise.plugins.__path__):
        if not plugin.name.startswith("_"):
            try:
                importlib.import_module(f"{apprise.plugins.__name__}.{plugin.name}")
            except Exception:  # apprise itself leaves out a plugin that cannot load
                _log.debug("apprise plugin %s not loaded ahead", plugin.name, exc_info=True)
            time.sleep(pause_s)
    url_is_supported("json://localhost")  # apprise takes in the plugins loaded above


def url_is_supported(url: str) -> bool:
    """Return whether apprise understands ``url`` (for checking a custom channel in a form)."""
    import apprise

    return (
        apprise.Apprise.instantiate(url, asset=apprise.AppriseAsset(async_mode=False)) is not None
    )
