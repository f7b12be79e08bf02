"""What the Telegram channel does with an update (see bot/channels/telegram.py for the whole story):
`gate` first (private chats only, the privacy guard, staff only, invites), then one turn of the
backend per command, button or typed message, under the chat's lock in this process and in the
store; the reply is delivered before the state is saved."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Callable, Sequence

import yaml
from telegram import BotCommand, CallbackQuery, LinkPreviewOptions, Message as TgMessage, Update
from telegram.constants import CallbackQueryLimit, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

from ..messages import Message
from ..store import Sessions, StoreUnavailable
from ..turn import Backend, screen
from .access import AccessList, SetupError, normalise_code, pseudonym
from .delivery import URGENT, Strangers
from .telegram_render import (DONE, GEN_CHARS, prepare, read_callback, read_toggle, tick_keyboard, tick_list,
                              ticked_payload, urgent_first, urgent_parts)

log = logging.getLogger(__name__)

WORDING_FILE = Path(__file__).resolve().parents[2] / "data" / "channels" / "telegram.yml"
WORDING_KEYS = ("not_staff", "invite_bad", "invite_ok", "deleted", "delete_failed", "only_text",
                "only_text_failed", "edit_ignored", "unknown_command", "stale_button", "ended_button",
                "went_wrong", "store_down", "not_delivered", "send_ticked", "commands")
COMMANDS = ("start", "area", "restart", "back", "help", "emergency")
SERVICES = "pathbot"                                        # its key in application.bot_data
TOAST_LIMIT = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH  # 200
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)           # Telegram never fetches a link we send


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


async def _say(context: ContextTypes.DEFAULT_TYPE, chat_id: int, messages: Sequence[Message]) -> None:
    """Send messages outside a conversation turn (no buttons, no state)."""
    messages = urgent_first(messages)
    parts, _ = prepare(messages, "")
    await _deliver(context.bot, chat_id, parts, urgent_parts(messages))


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
    parts, long = prepare(messages, gen, svc.wording["send_ticked"])
    if query is not None:
        await _quietly(query.answer(reply.toast))
    try:
        kb = await _deliver(context.bot, chat_id, parts, urgent_parts(messages))
    except TelegramError as exc:
        # Not delivered (even after the retries): the conversation stays where it was.
        log.warning("a reply was not delivered (%s): the conversation stays where it was", type(exc).__name__)
        await _quietly(_say(context, chat_id, [Message(svc.wording["not_delivered"], "warning")]))
        return
    new = {"state": reply.state, "gen": gen, **({"long": long} if long else {}), **({"kb": kb} if kb else {}),
           **({"tick": []} if any(tick_list(m) for m in messages) else {})}   # item numbers ticked so far
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
    if query.data and query.data[GEN_CHARS:GEN_CHARS + 1] == "!":
        key = svc.key(update.effective_chat.id)
        async with svc.locks.hold(key):
            try:
                async with svc.sessions.alock(key):
                    if await _toggle(context, svc, key, update.effective_chat.id, query):
                        return
            except StoreUnavailable as exc:
                log.error("store unavailable, a tick was not kept: %s", exc)
                await _quietly(query.answer())
                await _say(context, update.effective_chat.id, [Message(svc.wording["store_down"], "warning")])
                return

    def step(record: dict | None) -> Reply:
        if record is None:
            return Reply(*svc.backend.start(), toast=svc.wording["ended_button"])
        choice = read_toggle(query.data, record)
        if choice == DONE:
            ticked = [m for m in svc.backend.repeat(record["state"]) if tick_list(m)]
            if ticked:
                return Reply(*svc.backend.press(record["state"], ticked_payload(ticked[-1], record["tick"])))
        payload = read_callback(query.data, record)
        if payload is None:
            return Reply(record["state"], svc.backend.repeat(record["state"]), toast=svc.wording["stale_button"])
        return Reply(*svc.backend.press(record["state"], payload))

    await _turn(context, update.effective_chat.id, step, query=query)


async def _toggle(context: ContextTypes.DEFAULT_TYPE, svc: Services, key: str, chat_id: int,
                  query: CallbackQuery) -> bool:
    """Tick or untick one item of the tick list now waiting, on the same message (its keyboard is
    edited); only item numbers are kept in the session. False when this is not such a press (Done,
    or a stale or forged one): the ordinary turn then deals with it."""
    record = svc.sessions.load(key)
    choice = read_toggle(query.data, record)
    if choice is None or choice == DONE:
        return False
    lists = [m for m in svc.backend.repeat(record["state"]) if tick_list(m)]
    if not lists or not 0 <= choice < len(lists[-1].items):
        return False
    ticked = set(record["tick"]) ^ {choice}
    record = {**record, "tick": sorted(ticked)}
    long: dict[str, str] = {}
    markup = tick_keyboard(lists[-1], record["gen"], long, 0, ticked, svc.wording["send_ticked"])
    message_id = query.message.message_id if isinstance(query.message, TgMessage) else record.get("kb")
    await _quietly(context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=markup))
    svc.sessions.save(key, {**record, **({"long": long} if long else {})})
    await _quietly(query.answer())
    return True


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
