"""Keeping secrets and text out of every log line and traceback of the Telegram channel:
python-telegram-bot's and the HTTP clients' (aiohttp, httpx) loggers turned down (a URL holds the
token: it is in every Bot API URL), their arguments redacted, and any secret masked wherever it appears."""
from __future__ import annotations

import logging
import re
import sys
import traceback
from typing import Iterable

from telegram.error import InvalidToken

PLACEHOLDER = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(\.(\*|\d+))?[diouxXeEfFgGcrsa]")
LOUD = ("telegram", "telegram.Bot", "telegram.ext", "telegram.ext.Application", "telegram.ext.ExtBot",
         "telegram.ext.Updater", "telegram.ext.JobQueue", "telegram.ext.ConversationHandler",
         "telegram.BaseRequest", "telegram.HTTPXRequest", "httpx", "httpcore", "aiohttp", "aiohttp.client",
         "aiohttp.internal", "tornado.access",
         "tornado.application", "tornado.general", "apscheduler")


class Redact(logging.Filter):
    """Keeps only a library log record's fixed wording: its arguments (updates, API parameters, URLs,
    JSON) are replaced, and any secret left in the text or a traceback is masked. With `keep_args`
    (our own loggers, whose arguments are only counts and kinds) just the masking is done."""

    def __init__(self, secrets_: Iterable[str], keep_args: bool = False):
        super().__init__()
        self.secrets = sorted({s for s in secrets_ if s and len(s) >= 8}, key=len, reverse=True)
        self.keep_args = keep_args

    def _mask(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, "[secret]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], InvalidToken):
            return False                 # `run` says it in one line, without the library's traceback
        if record.args and self.keep_args:
            record.msg, record.args = record.getMessage(), None
        elif record.args:
            record.msg = PLACEHOLDER.sub("[redacted]", str(record.msg)).replace("%%", "%")
            record.args = None
        record.msg = self._mask(str(record.msg))
        if record.exc_info and not record.exc_text:
            record.exc_text = self._mask("".join(traceback.format_exception(*record.exc_info)).rstrip())
        return True


def quiet_logging(secrets_: Iterable[str]) -> None:
    """Turn the libraries' chatter down (httpx logs every URL, and the token is in every URL) and
    redact what is left. Our own logger says only counts and kinds, never text or ids."""
    secrets_ = list(secrets_)
    names = set(LOUD) | {n for n in logging.root.manager.loggerDict
                          if n.startswith(("telegram", "httpx", "httpcore", "aiohttp", "tornado"))}
    ours = ("bot.channels.telegram", "bot.channels.telegram_handlers", "bot.channels.access", "bot.channels.delivery", "bot.store")
    for name in sorted(names) + list(ours):
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, Redact)]:
            logger.removeFilter(old)
        logger.addFilter(Redact(secrets_, keep_args=name in ours))
    # and every record that reaches an output at all (asyncio's, say), whoever logged it
    for handler in logging.root.handlers:
        for old in [f for f in handler.filters if isinstance(f, Redact)]:
            handler.removeFilter(old)
        handler.addFilter(Redact(secrets_, keep_args=True))
    for name, level in {"httpx": logging.WARNING, "httpcore": logging.WARNING, "aiohttp": logging.WARNING,
                        "telegram": logging.INFO,
                        "tornado.access": logging.WARNING, "apscheduler": logging.WARNING}.items():
        logging.getLogger(name).setLevel(level)


def mask_tracebacks(secrets_: Iterable[str]) -> None:
    """An uncaught exception (in the main thread or any other) is printed with every secret masked."""
    masker = Redact(secrets_)

    def hook(kind, value, tb):
        sys.stderr.write(masker._mask("".join(traceback.format_exception(kind, value, tb))))

    sys.excepthook = hook
    import threading
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)
