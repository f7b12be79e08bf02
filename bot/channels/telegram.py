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
logs an update or any text; python-telegram-bot's and httpx's loggers are turned down and their
arguments redacted, so neither message text nor the token (part of every Bot API URL) reaches a log.
"""
from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import os
import re
import secrets
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Callable, Iterable, Sequence
from urllib.parse import urlsplit

import yaml
from telegram import (BotCommand, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup,
                      LinkPreviewOptions, Message as TgMessage, Update)
from telegram.constants import (CallbackQueryLimit, ChatType, InlineKeyboardButtonLimit, MessageLimit,
                                ParseMode)
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (Application, ApplicationBuilder, ApplicationHandlerStop, CallbackQueryHandler,
                          CommandHandler, ContextTypes, MessageHandler, TypeHandler, filters)
from telegram.request import BaseRequest

from ..messages import Button, Message
from ..store import Sessions, Store, StoreUnavailable, describe, open_store
from ..turn import Backend, screen
from .access import AccessList, SetupError, migrate_yaml, normalise_code, pseudonym
from .delivery import URGENT, Delivery, Strangers

log = logging.getLogger(__name__)

TOKEN_ENV, API_URL_ENV, WEBHOOK_SECRET_ENV = "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "TELEGRAM_WEBHOOK_SECRET"
WORDING_FILE = Path(__file__).resolve().parents[2] / "data" / "channels" / "telegram.yml"
WORDING_KEYS = ("not_staff", "invite_bad", "invite_ok", "deleted", "delete_failed", "only_text",
                "only_text_failed", "edit_ignored", "unknown_command", "stale_button", "ended_button",
                "went_wrong", "store_down", "not_delivered", "commands")
COMMANDS = ("start", "area", "restart", "back", "help", "emergency")
UPDATES = ["message", "edited_message", "callback_query"]   # all the bot asks Telegram for
SERVICES = "pathbot"                                        # its key in application.bot_data
GEN_CHARS = 6                                               # hex characters of a turn's button generation
TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH                   # 4096
CALLBACK_LIMIT = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA  # 64 bytes
TOAST_LIMIT = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH  # 200
PREFIX = {"emergency": "\N{POLICE CARS REVOLVING LIGHT} ", "warning": "\N{WARNING SIGN}\ufe0f "}
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)           # Telegram never fetches a link we send
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{16,256}$")


# --- what every handler shares ---------------------------------------------------------------

class ChatLocks:
    """One asyncio lock per live chat, so a chat's turns run in order; a lock goes when unused."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[asyncio.Lock, list[int]]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._held.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                yield
        finally:
            users[0] -= 1
            if not users[0]:
                del self._held[key]

    def __len__(self) -> int:
        return len(self._held)


@dataclass
class Services:
    """Everything the handlers need, kept in application.bot_data (PTB's per-user data stays unused)."""
    backend: Backend
    access: AccessList
    sessions: Sessions
    secret: bytes
    wording: dict
    locks: ChatLocks = field(default_factory=ChatLocks)
    strangers: Strangers = field(default_factory=Strangers)
    sweeper: asyncio.Task | None = None

    def key(self, chat_id: int, kind: str = "telegram-chat") -> str:
        """The session key for a chat: an HMAC of its id, never the id itself."""
        return pseudonym(self.secret, kind, int(chat_id))


@dataclass
class Reply:
    """One turn's outcome: the new state, what to say, and a note for the pressed button, if any."""
    state: dict
    messages: list[Message]
    toast: str | None = None


def load_wording(path: Path = WORDING_FILE) -> dict:
    """The channel's own words (data/channels/telegram.yml), checked for every key the code uses."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [k for k in WORDING_KEYS if k not in data] + [
        f"commands.{c}" for c in COMMANDS if c not in (data.get("commands") or {})]
    if missing:
        raise SetupError(f"{path}: missing {', '.join(missing)}")
    data = {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in data.items()}
    for key in ("stale_button", "ended_button"):
        if len(data[key]) > TOAST_LIMIT:
            raise SetupError(f"{path}: {key} is longer than Telegram's {TOAST_LIMIT} characters")
    return data


def _svc(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data[SERVICES]


# --- rendering ---------------------------------------------------------------------------------

def _cost(ch: str) -> int:
    """What one character takes in an HTML message body, in the UTF-16 units Telegram counts."""
    return len(html.escape(ch, quote=False).encode("utf-16-le")) // 2


def split_text(text: str, limit: int) -> list[str]:
    """`text` in pieces whose escaped length fits `limit`, broken at a newline or a space where possible."""
    pieces: list[str] = []
    while text:
        used, cut = 0, None
        for i, ch in enumerate(text):
            used += _cost(ch)
            if used > limit:
                cut = i
                break
        if cut is None:
            pieces.append(text)
            break
        window = text[:cut]
        newline, space = window.rfind("\n"), window.rfind(" ")
        at = newline if newline >= cut // 2 else space if space >= cut // 2 else max(newline, space)
        at = at if at > 0 else cut
        pieces.append(text[:at].rstrip())
        text = text[at:].lstrip()
    return pieces or [""]


def render(message: Message) -> list[str]:
    """A message as HTML bodies: escaped, emergency advice bold after a siren, each within 4,096 characters."""
    prefix = PREFIX.get(message.kind, "")
    bold = message.kind == "emergency"
    wrap = len("<b></b>") if bold else 0
    room = TEXT_LIMIT - wrap - len(prefix.encode("utf-16-le")) // 2
    bodies = []
    for i, piece in enumerate(split_text(message.text, room)):
        body = html.escape(piece, quote=False)
        body = f"<b>{body}</b>" if bold else body
        bodies.append((prefix if i == 0 else "") + body)
    return bodies


def callback_data(gen: str, index: int, button: Button, long: dict[str, str]) -> str:
    """`gen:payload`, or `gen#index` (payload kept in the session) when that would pass 64 bytes."""
    data = f"{gen}:{button.payload}"
    if len(data.encode()) <= CALLBACK_LIMIT:
        return data
    long[str(index)] = button.payload
    return f"{gen}#{index}"


def read_callback(data: str | None, record: dict | None) -> str | None:
    """The payload a pressed button carries, or None unless it belongs to the question now waiting."""
    if not data or record is None or len(data) <= GEN_CHARS + 1 or data[:GEN_CHARS] != record.get("gen"):
        return None
    sep, rest = data[GEN_CHARS], data[GEN_CHARS + 1:]
    if sep == ":":
        return rest
    if sep == "#":
        return (record.get("long") or {}).get(rest)
    return None


def keyboard(buttons: Sequence[Button], gen: str, long: dict[str, str], start: int = 0) -> InlineKeyboardMarkup:
    """Answers first (short ones three to a row, long ones alone), then Back / Help / Restart."""
    rows: list[list[InlineKeyboardButton]] = []
    numbered = list(enumerate(buttons, start))
    for group in ([(i, b) for i, b in numbered if not b.payload.startswith("/")],
                  [(i, b) for i, b in numbered if b.payload.startswith("/")]):
        row: list[InlineKeyboardButton] = []
        for i, b in group:
            key = InlineKeyboardButton(b.title, callback_data=callback_data(gen, i, b, long))
            if len(b.title) > 14:
                rows += [row, [key]] if row else [[key]]
                row = []
                continue
            row.append(key)
            if len(row) == 3:
                rows.append(row)
                row = []
        if row:
            rows.append(row)
    return InlineKeyboardMarkup(rows)


def prepare(messages: Iterable[Message], gen: str) -> tuple[list[tuple[str, InlineKeyboardMarkup | None]], dict]:
    """Telegram message bodies, each with its keyboard (on a split message's last piece), and long payloads."""
    parts: list[tuple[str, InlineKeyboardMarkup | None]] = []
    long: dict[str, str] = {}
    offset = 0
    for m in messages:
        bodies = render(m)
        markup = keyboard(m.buttons, gen, long, offset) if m.buttons else None
        offset += len(m.buttons)
        parts += [(b, None) for b in bodies[:-1]] + [(bodies[-1], markup)]
    return parts, long


# --- talking to Telegram -------------------------------------------------------------------------

async def _quietly(call) -> bool:
    """Await a Bot API call whose failure should not stop the turn; True if it worked."""
    try:
        await call
        return True
    except TelegramError as exc:
        log.warning("Bot API call failed: %s", type(exc).__name__)
        return False


async def _deliver(bot, chat_id: int, parts: Sequence[tuple[str, InlineKeyboardMarkup | None]],
                   urgent: int = 0) -> int | None:
    """Send the bodies in order (the first `urgent` ones are emergency advice, sent in the urgent
    lane); returns the id of the last message that carries a keyboard."""
    with_keyboard = None
    for i, (body, markup) in enumerate(parts):
        sent = await bot.send_message(chat_id, body, parse_mode=ParseMode.HTML, reply_markup=markup,
                                      link_preview_options=NO_PREVIEW,
                                      rate_limit_args=URGENT if i < urgent else None)
        if markup is not None:
            with_keyboard = sent.message_id
    return with_keyboard


def urgent_first(messages: Iterable[Message]) -> list[Message]:
    """Emergency advice ahead of everything else in a reply (notes, the intro, the question)."""
    messages = list(messages)
    return [m for m in messages if m.kind == "emergency"] + [m for m in messages if m.kind != "emergency"]


def _urgent_parts(messages: Sequence[Message]) -> int:
    """How many Telegram bodies the leading emergency messages take."""
    count = 0
    for m in messages:
        if m.kind != "emergency":
            break
        count += len(render(m))
    return count


async def _say(context: ContextTypes.DEFAULT_TYPE, chat_id: int, messages: Sequence[Message]) -> None:
    """Send messages outside a conversation turn (no buttons, no state)."""
    messages = urgent_first(messages)
    parts, _ = prepare(messages, "")
    await _deliver(context.bot, chat_id, parts, _urgent_parts(messages))


async def _delete(context: ContextTypes.DEFAULT_TYPE, message: TgMessage) -> bool:
    """Remove a clinician's message from the chat; False if Telegram would not."""
    return await _quietly(context.bot.delete_message(message.chat_id, message.message_id))


async def _turn(context: ContextTypes.DEFAULT_TYPE, chat_id: int, step: Callable[[dict | None], Reply],
                note: Sequence[Message] = (), query: CallbackQuery | None = None) -> None:
    """One turn under the chat's lock (in this process, then in the store, for other replicas):
    session in, `step`, the reply delivered, and only then the session out with a new button
    generation. If the store fails the clinician is told so plainly, and the case is not lost."""
    svc = _svc(context)
    key = svc.key(chat_id)
    async with svc.locks.hold(key):
        try:
            async with svc.sessions.alock(key):
                await _locked_turn(context, svc, key, chat_id, step, note, query)
        except StoreUnavailable as exc:
            log.error("store unavailable, a turn was not taken: %s", exc)
            if query is not None:
                await _quietly(query.answer())
            await _say(context, chat_id, [Message(svc.wording["store_down"], "warning")])


async def _locked_turn(context: ContextTypes.DEFAULT_TYPE, svc: Services, key: str, chat_id: int,
                       step: Callable[[dict | None], Reply], note: Sequence[Message],
                       query: CallbackQuery | None) -> None:
    record = svc.sessions.load(key)
    # the embedded backend answers in well under a millisecond; a remote one (Rasa, up to its
    # timeout) runs in a thread so other chats are not held up
    reply = step(record) if svc.backend.name == "embedded" else await asyncio.to_thread(step, record)
    gen = secrets.token_hex(GEN_CHARS // 2)
    messages = urgent_first([*note, *reply.messages])
    parts, long = prepare(messages, gen)
    if query is not None:
        await _quietly(query.answer(reply.toast))
    try:
        kb = await _deliver(context.bot, chat_id, parts, _urgent_parts(messages))
    except TelegramError as exc:
        # Not delivered (even after the retries): the conversation stays where it was.
        log.warning("a reply was not delivered (%s): the conversation stays where it was", type(exc).__name__)
        await _quietly(_say(context, chat_id, [Message(svc.wording["not_delivered"], "warning")]))
        return
    new = {"state": reply.state, "gen": gen, **({"long": long} if long else {}), **({"kb": kb} if kb else {})}
    svc.sessions.save(key, new)
    old = {record.get("kb")} if record else set()
    if query is not None and isinstance(query.message, TgMessage):
        old.add(query.message.message_id)
    for message_id in sorted(m for m in old if m and m != kb):   # only the newest question keeps buttons
        await _quietly(context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None))


def _typed(svc: Services, record: dict | None, text: str) -> Reply:
    """Typed words to the backend. With no live conversation (it ended when idle, or there never
    was one) the clinician is told, as for a button, a new one starts, and the words still count;
    emergency advice they call for comes before the notice and the introduction."""
    if record is not None:
        return Reply(*svc.backend.send(record["state"], text))
    state, opening = svc.backend.start()
    state, messages = svc.backend.send(state, text)
    ended = Message(svc.wording["ended_button"])
    return Reply(state, urgent_first([ended, *[m for m in opening if not m.buttons], *messages]))


def _press(svc: Services, record: dict | None, payload: str) -> Reply:
    """A navigation payload (/restart, /back, /help, /emergency), on a fresh conversation if none is live."""
    state = record["state"] if record else svc.backend.start()[0]
    return Reply(*svc.backend.press(state, payload))


def _repeat(svc: Services, record: dict | None) -> Reply:
    """The question now waiting, again (or a new conversation)."""
    if record is None:
        return Reply(*svc.backend.start())
    return Reply(record["state"], svc.backend.repeat(record["state"]))


# --- handlers --------------------------------------------------------------------------------------

async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every update first: private chats only, the privacy guard on any text, then staff only."""
    svc = _svc(context)
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or user.is_bot:
        raise ApplicationHandlerStop
    if chat.type != ChatType.PRIVATE:
        if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
            await _quietly(context.bot.leave_chat(chat.id))     # never read a group: others would see
        raise ApplicationHandlerStop
    message = update.message or update.edited_message
    stranger = svc.key(user.id, "telegram-stranger")
    try:
        staff = svc.access.is_staff(user.id)
    except StoreUnavailable as exc:
        # Nobody can be told apart now; everyone gets the plain notice (999 and the helpline in it).
        log.error("store unavailable, access could not be checked: %s", exc)
        if svc.strangers.may_reply(stranger):
            if update.callback_query is not None:
                await _quietly(update.callback_query.answer())
            await _say(context, chat.id, [Message(svc.wording["store_down"], "warning")])
        raise ApplicationHandlerStop
    # the cheap path: past a few replies in a window, a stranger gets silence (their message
    # still goes if it holds an identifier)
    quiet = not staff and not svc.strangers.may_reply(stranger)
    if message is not None and await _screen(update, context, message, staff, quiet):
        raise ApplicationHandlerStop
    if staff:
        return
    if not quiet:
        await _stranger(update, context, stranger)
    raise ApplicationHandlerStop


async def _screen(update: Update, context: ContextTypes.DEFAULT_TYPE, message: TgMessage, staff: bool,
                  quiet: bool = False) -> bool:
    """Delete what must not stay in the chat and explain; True when the update needs nothing more."""
    svc, chat_id, words = _svc(context), message.chat_id, _svc(context).wording
    text = message.text
    if text is None:
        if message.effective_attachment is None and not message.caption:
            return True                                          # a service message: nothing to read
        deleted = await _delete(context, message)
        if quiet:
            return True
        note = Message(words["only_text"] if deleted else words["only_text_failed"], "warning")
        if staff:
            await _turn(context, chat_id, lambda record: _repeat(svc, record), note=[note])
        else:
            await _say(context, chat_id, [note, Message(words["not_staff"])])
        return True
    refusal = screen(text)                                       # the turn pipeline's privacy guard
    if refusal:
        log.info("refused a message holding %s", ", ".join(refusal.kinds) or "too much text")
        deleted = await _delete(context, message)
        if quiet:
            return True
        note = Message(words["deleted"] if deleted else words["delete_failed"], "warning")
        if staff and update.message is not None:
            # The turn pipeline explains the refusal, runs the danger safety net on the text in memory
            # (so "he has a knife, her name is ..." still gets emergency advice) and asks again.
            await _turn(context, chat_id, lambda record: _typed(svc, record, text), note=[note])
        else:
            await _say(context, chat_id, [note, refusal.message]
                       + ([] if staff else [Message(words["not_staff"])]))
        return True
    if update.edited_message is not None:
        if staff:
            await _say(context, chat_id, [Message(words["edit_ignored"])])
        return True
    return False


async def _stranger(update: Update, context: ContextTypes.DEFAULT_TYPE, stranger: str) -> None:
    """Someone not on the allow-list: redeem their invite code if they sent one, else a short refusal.
    A few code tries per window each; a redeem is one indexed look-up in the store."""
    svc = _svc(context)
    chat_id, words = update.effective_chat.id, svc.wording
    if update.callback_query is not None:
        await _quietly(update.callback_query.answer())
    code = invite_code(update.message.text) if update.message and update.message.text else None
    if code is None:
        await _say(context, chat_id, [Message(words["not_staff"])])
        return
    try:
        joined = svc.strangers.may_try_code(stranger) and svc.access.redeem(code, update.effective_user.id)
    except StoreUnavailable as exc:
        log.error("store unavailable, an invite could not be checked: %s", exc)
        await _say(context, chat_id, [Message(words["store_down"], "warning")])
        return
    if not joined:
        await _say(context, chat_id, [Message(words["invite_bad"]), Message(words["not_staff"])])
        return
    log.info("a new member of staff joined with an invite")
    await _turn(context, chat_id, lambda record: Reply(*svc.backend.start()), note=[Message(words["invite_ok"])])


def invite_code(text: str) -> str | None:
    """The invite code in `/start CODE` (or a code sent on its own), or None."""
    words = text.split()
    if len(words) == 2 and words[0].split("@")[0].lower() == "/start":
        return normalise_code(words[1])
    return normalise_code(words[0]) if len(words) == 1 else None


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start or /area [area]: a new conversation, in that area if one is named; the old one is dropped."""
    svc = _svc(context)
    area = context.args[0].lower() if context.args else None
    await _turn(context, update.effective_chat.id, lambda record: Reply(*svc.backend.start(area)))


async def on_navigate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/restart, /back, /help, /emergency: the same as the buttons of those names."""
    svc = _svc(context)
    payload = "/" + update.message.text.split()[0][1:].split("@")[0].lower()
    await _turn(context, update.effective_chat.id, lambda record: _press(svc, record, payload))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button: its payload goes to the backend if it belongs to the question now waiting."""
    svc, query = _svc(context), update.callback_query

    def step(record: dict | None) -> Reply:
        if record is None:
            return Reply(*svc.backend.start(), toast=svc.wording["ended_button"])
        payload = read_callback(query.data, record)
        if payload is None:
            return Reply(record["state"], svc.backend.repeat(record["state"]), toast=svc.wording["stale_button"])
        return Reply(*svc.backend.press(record["state"], payload))

    await _turn(context, update.effective_chat.id, step, query=query)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Typed words, already passed by the privacy guard: the backend reads them."""
    svc, text = _svc(context), update.message.text
    await _turn(context, update.effective_chat.id, lambda record: _typed(svc, record, text))


async def on_unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have: say so and ask the current question again."""
    svc = _svc(context)
    await _turn(context, update.effective_chat.id, lambda record: _repeat(svc, record),
                note=[Message(svc.wording["unknown_command"])])


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log where a turn failed (never the update, the text or the exception's message) and say sorry."""
    err = context.error
    where = "; ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                      for f in traceback.extract_tb(err.__traceback__)[-4:]) if err else ""
    log.error("a turn failed: %s at %s", type(err).__name__, where)
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is not None and chat.type == ChatType.PRIVATE:
        with contextlib.suppress(Exception):
            await _say(context, chat.id, [Message(_svc(context).wording["went_wrong"])])


async def post_init(application: Application) -> None:
    """Publish the command menu and start wiping idle sessions."""
    svc: Services = application.bot_data[SERVICES]
    await _quietly(application.bot.set_my_commands([BotCommand(c, svc.wording["commands"][c]) for c in COMMANDS]))
    svc.sweeper = asyncio.create_task(_sweep_idle(svc))


async def post_stop(application: Application) -> None:
    """Stop the idle sweep (the sessions stay in the store for the next start or another replica)."""
    svc: Services = application.bot_data[SERVICES]
    if svc.sweeper is not None:
        svc.sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await svc.sweeper


async def _sweep_idle(svc: Services) -> None:
    """Wipe sessions idle longer than the limit, checking every minute (or more often for short limits)."""
    every = max(1.0, min(60.0, svc.sessions.idle_seconds / 4))
    while True:
        await asyncio.sleep(every)
        try:
            wiped = await asyncio.to_thread(svc.sessions.sweep)
        except StoreUnavailable as exc:
            log.warning("idle sessions not wiped this time: %s", exc)
            continue
        if wiped:
            log.info("wiped %d idle session(s)", wiped)


# --- logging ---------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(\.(\*|\d+))?[diouxXeEfFgGcrsa]")
_LOUD = ("telegram", "telegram.Bot", "telegram.ext", "telegram.ext.Application", "telegram.ext.ExtBot",
         "telegram.ext.Updater", "telegram.ext.JobQueue", "telegram.ext.ConversationHandler",
         "telegram.BaseRequest", "telegram.HTTPXRequest", "httpx", "httpcore", "tornado.access",
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
            record.msg = _PLACEHOLDER.sub("[redacted]", str(record.msg)).replace("%%", "%")
            record.args = None
        record.msg = self._mask(str(record.msg))
        if record.exc_info and not record.exc_text:
            record.exc_text = self._mask("".join(traceback.format_exception(*record.exc_info)).rstrip())
        return True


def quiet_logging(secrets_: Iterable[str]) -> None:
    """Turn the libraries' chatter down (httpx logs every URL, and the token is in every URL) and
    redact what is left. Our own logger says only counts and kinds, never text or ids."""
    secrets_ = list(secrets_)
    names = set(_LOUD) | {n for n in logging.root.manager.loggerDict
                          if n.startswith(("telegram", "httpx", "httpcore", "tornado"))}
    ours = (__name__, "bot.channels.access", "bot.channels.delivery", "bot.store")
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
    for name, level in {"httpx": logging.WARNING, "httpcore": logging.WARNING, "telegram": logging.INFO,
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


# --- wiring ------------------------------------------------------------------------------------------

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
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
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
