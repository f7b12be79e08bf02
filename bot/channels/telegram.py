"""Telegram: health staff use the assistant in a private chat (python-telegram-bot v22).

How to run (README, "Telegram", has the whole set-up):

    export TELEGRAM_BOT_TOKEN=...        # from @BotFather; never printed or logged
    export PATHBOT_SESSION_SECRET=...    # per deployment, 32+ characters; keys every id by HMAC
    pathbot telegram invite --admin "A. Lead, safeguarding lead"   # a one-time code per new member of staff
    pathbot telegram                     # long polling
    pathbot telegram --webhook https://bot.example.org/pathbot     # needs TELEGRAM_WEBHOOK_SECRET
    pathbot telegram --api-url http://127.0.0.1:8081               # a self-hosted Bot API server

What happens to an update. `gate` (handler group -1) sees everything first: only private chats;
any text goes through the turn pipeline's privacy guard (`bot.turn.screen`), and a refused
message is deleted from the chat and the clinician told why; attachments are deleted; people not
on the staff allow-list get a short refusal naming the National Domestic Abuse Helpline, unless
they send `/start <invite code>`.
Then a command, a button or typed words make one turn of the backend under the chat's lock, and
the reply is rendered: HTML-escaped, emergency advice bold after a siren, split at Telegram's
4,096 characters, choices as inline keyboards whose callback data starts with the turn's random
generation, so a button from an earlier question (or a forged one) is recognised and the current
question asked again.

Nothing lost. Sessions are kept in the store (bot/store: SQLite `pathbot.db` by default, Redis with
PATHBOT_STORE=redis://... for replicas), so a restart or another replica carries a case on; each
turn holds the conversation's lock in the store, so two replicas never advance one chat at once.
The state is saved only once the whole reply has been delivered; if Telegram cannot take it
(after retries that honour every 429's retry_after) the conversation stays where it was and the
clinician is asked to send their answer again. Emergency advice goes first, skips the send queues
and is retried the longest (bot/channels/delivery.py). If the store cannot be reached the clinician
is told plainly, with 999 and the helpline, and nothing is lost that could still be saved.

Privacy. Sessions are keyed by HMAC-SHA256 of the chat id, hold only the engine's text-free state,
and are wiped after --idle-minutes without activity (the store's TTL). Nothing here
logs an update or any text; python-telegram-bot's and the HTTP clients' loggers are turned down and
their arguments redacted, so neither message text nor the token (part of every Bot API URL) reaches a log.

The channel in five modules: this one (start-up: the Application wired, long polling or a webhook,
retries, one-line failures), bot/channels/telegram_handlers.py (what happens to an update, the
turns), bot/channels/telegram_render.py (messages as Telegram bodies and keyboards),
bot/channels/telegram_logging.py (no secret or text in any log) and bot/channels/telegram_http.py
(the Bot API calls over aiohttp, a quarter of httpx's CPU a call).
"""
from __future__ import annotations

import html  # noqa: F401 - tests escape as the channel does
import logging
import os
import re
import time
from typing import Callable, Sequence
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import (Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, MessageHandler,
                          TypeHandler, filters)
from telegram.request import BaseRequest

from ..store import Store, open_store
from ..turn import Backend
from .access import AccessList, SetupError, migrate_yaml
from .delivery import Delivery
from .telegram_http import AiohttpRequest
from .telegram_handlers import (COMMANDS, SERVICES, WORDING_FILE, WORDING_KEYS, Reply, Services,  # noqa: F401
                                gate, load_wording, on_button, on_error, on_navigate, on_start, on_text,
                                on_unknown, post_init, post_stop)
from .telegram_logging import LOUD, Redact, mask_tracebacks, quiet_logging  # noqa: F401
from .telegram_render import (CALLBACK_LIMIT, GEN_CHARS, TEXT_LIMIT, TICKED, UNTICKED,  # noqa: F401
                              callback_data, keyboard, prepare, read_callback, render, split_text, urgent_first)

log = logging.getLogger(__name__)

TOKEN_ENV, API_URL_ENV, WEBHOOK_SECRET_ENV = "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "TELEGRAM_WEBHOOK_SECRET"
UPDATES = ["message", "edited_message", "callback_query"]   # all the bot asks Telegram for
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{16,256}$")


def bot_api_urls(api_url: str) -> tuple[str, str]:
    """(base_url, base_file_url) for a self-hosted Bot API server given as e.g. http://127.0.0.1:8081."""
    parts = urlsplit(api_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SetupError("--api-url should look like http://127.0.0.1:8081 (a Bot API server)")
    root = api_url.strip().rstrip("/")
    if root.endswith("/bot"):
        root = root[:-4]
    return root + "/bot", root + "/file/bot"


def webhook_options(url: str, secret_token: str, listen: str = "127.0.0.1", port: int = 8443) -> dict:
    """How the webhook server listens: Telegram posts to `url` (TLS ends at your proxy), and every
    request must carry `X-Telegram-Bot-Api-Secret-Token: <secret_token>` or is turned away (403)."""
    return {"listen": listen, "port": port, "url_path": urlsplit(url).path.lstrip("/"), "webhook_url": url,
            "secret_token": secret_token, "allowed_updates": UPDATES}


def build_application(token: str, backend: Backend, access: AccessList | None, secret: bytes, *,
                      idle_minutes: float = 30, api_url: str | None = None,
                      request: BaseRequest | None = None, get_updates_request: BaseRequest | None = None,
                      wording: dict | None = None, clock: Callable[[], float] = time.time,
                      mask: Sequence[str] = (), store: Store | None = None,
                      delivery: Delivery | None = None) -> Application:
    """The python-telegram-bot Application with every handler wired; nothing is sent until it runs.
    `store` keeps sessions (and, when `access` is not given, the staff list); without one, a
    throw-away in-memory SQLite store is used (tests)."""
    if not token:
        raise SetupError(f"{TOKEN_ENV} is not set: create a bot with @BotFather and export its token")
    if not idle_minutes > 0:
        raise SetupError("--idle-minutes must be more than 0")
    quiet_logging([token, *mask, secret.decode(errors="ignore")])
    if store is None:
        store = open_store(":memory:", idle_minutes * 60, clock=clock)
    store.sessions.idle_seconds = idle_minutes * 60
    access = access if access is not None else AccessList(store.staff, secret)
    builder = (ApplicationBuilder().token(token).concurrent_updates(64).job_queue(None)
               .rate_limiter(delivery or Delivery()).post_init(post_init).post_stop(post_stop))
    if api_url:
        base, files = bot_api_urls(api_url)
        builder = builder.base_url(base).base_file_url(files)
    # HTTP through aiohttp (bot/channels/telegram_http.py): httpx cost most of the bot's time.
    # 16 keep-alive connections are plenty at Telegram's 30 messages/s; a send waits up to 10 s
    # for a free one rather than failing. Long polling has a connection of its own.
    builder = builder.request(request or AiohttpRequest(16, pool_timeout=10.0))
    builder = builder.get_updates_request(get_updates_request or AiohttpRequest(1, pool_timeout=1.0))
    application = builder.build()
    application.bot_data[SERVICES] = Services(backend, access, store.sessions, secret, wording or load_wording())
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handlers([
        CommandHandler(["start", "area"], on_start),
        CommandHandler(["restart", "back", "help", "emergency"], on_navigate),
        CallbackQueryHandler(on_button),
        MessageHandler(filters.COMMAND, on_unknown),
        MessageHandler(filters.TEXT, on_text),
    ])
    application.add_error_handler(on_error)
    return application


def run(backend: Backend, access_file: str, *, idle_minutes: float = 30, api_url: str | None = None,
        webhook: str | None = None, listen: str = "127.0.0.1", port: int = 8443, store: str | None = None,
        environ=os.environ) -> int:
    """`pathbot telegram`: check the set-up, then long-poll (or serve the webhook) until stopped.
    An unreachable Bot API is retried with backoff (1 s growing to 30 s); a rejected token stops
    it with one line. The store is opened (SQLite ./pathbot.db, or PATHBOT_STORE / --store); if it
    cannot be, that is said in one line and the bot runs on, telling clinicians, until it can."""
    from .access import load_secret
    secret = load_secret(environ)
    token = environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise SetupError(f"{TOKEN_ENV} is not set: create a bot with @BotFather and export its token")
    api_url = api_url or environ.get(API_URL_ENV) or None
    hook_secret = None
    if webhook:
        hook = urlsplit(webhook)
        if hook.scheme != "https" or not hook.netloc:
            raise SetupError("--webhook needs the public https:// URL Telegram should post updates to")
        hook_secret = environ.get(WEBHOOK_SECRET_ENV, "")
        if not _WEBHOOK_SECRET.match(hook_secret):
            raise SetupError(f"--webhook needs {WEBHOOK_SECRET_ENV}: 16 to 256 of A-Z a-z 0-9 _ - "
                             f'(e.g. python3 -c "import secrets; print(secrets.token_urlsafe(32))")')
    from ..store import connect
    masked = [token, hook_secret or "", secret.decode(errors="ignore")]
    mask_tracebacks(masked)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_logging(masked)
    the_store, problem = connect(store, idle_minutes * 60, environ=environ)
    if problem:
        log.error("the store cannot be used, so no case can be continued until it can: %s", problem)
    else:
        migrate_yaml(access_file, the_store.staff, log.warning)
    access = AccessList(the_store.staff, secret)
    application = build_application(token, backend, access, secret, idle_minutes=idle_minutes,
                                    api_url=api_url, mask=[hook_secret or ""], store=the_store)
    if api_url and urlsplit(api_url).scheme == "http" and urlsplit(api_url).hostname not in ("127.0.0.1", "localhost", "::1"):
        log.warning("the Bot API server is reached over plain http on another host: the token travels unencrypted")
    staff = len(access) if not problem else 0
    if not problem and not staff:
        log.warning("nobody is on the staff allow-list yet: issue an invite with `pathbot telegram invite --admin ...`")
    log.info("starting (%s, %s backend, store %s): %d member(s) of staff; sessions wiped after %g idle minutes",
             "webhook" if webhook else "long polling", backend.name, the_store.where, staff, idle_minutes)
    try:
        if webhook:
            application.run_webhook(bootstrap_retries=-1, **webhook_options(webhook, hook_secret, listen, port))
        else:
            application.run_polling(allowed_updates=UPDATES, bootstrap_retries=-1)
    except InvalidToken:
        raise SetupError(f"Telegram rejected the bot token in {TOKEN_ENV} (revoked or mistyped?): "
                         f"check it with @BotFather; it is not printed here") from None
    finally:
        the_store.close()
    return 0
