"""One Teams turn: who is writing, what they did (typed, pressed a card, sent a file), the pipeline's
answer, delivered through the SDK; then the previous card loses its buttons.

`TeamsBot` is the SDK's `Agent` (it has `on_turn`). It is not an `AgentApplication`: that keeps a
turn state per conversation in storage keyed by raw Teams ids, with no expiry, and downloads file
attachments; this bot keeps only the engine's text-free state in the store (bot/store: SQLite by
default, Redis for replicas), keyed by HMAC, so a conversation survives a restart and any replica
can take its next turn.

Order of a turn, under the conversation's lock (in this process, then in the store, so two
replicas never advance one conversation at once): the session is read; the pipeline answers; the
answer is posted (emergency advice first, as the engine orders it); only then is the session written
and the activity marked done in the store, so a reply that could not be delivered leaves nothing
behind and a re-delivery of the same activity gets the same answer again. A re-delivered activity
that was answered already, by this replica or another, is ignored. If the store cannot be used the
clinician is told plainly (with 999 and the helpline) and nothing is changed.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Callable

import aiohttp
import yaml
from microsoft_agents.activity import Activity, ActivityTypes, ChannelAccount

from ...messages import Message, refused
from ...store import Sessions, StoreUnavailable
from ...turn import Backend
from ..access import SetupError, pseudonym
from . import cards
from .access import GROUP, OK, Gate, who
from .delivery import TURN_BUDGET, DeliveryFailed, turn_deadline, where

log = logging.getLogger(__name__)

WORDING_FILE = Path(__file__).resolve().parents[3] / "data" / "channels" / "teams.yml"
WORDING_KEYS = ("not_staff", "personal_only", "delete_yours", "only_text", "stale_card", "ended_card",
                "store_down", "answered", "answered_below", "asked_again", "started_again", "send_answers", "one_at_a_time",
                "choose_each", "went_wrong", "commands")
COMMANDS = {"help": "/help", "restart": "/restart", "emergency": "/emergency", "back": "/back"}
STARTS = ("start", "area")
GEN_CHARS = 8
SEEN_SECONDS = 600                 # how long an answered activity is remembered (Teams re-delivers within minutes)
TEXT_ATTACHMENT = "text/html"      # Teams attaches an HTML copy of every typed message: not a file


def load_wording(path: Path = WORDING_FILE) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [k for k in WORDING_KEYS if k not in data]
    if missing:
        raise SetupError(f"{path}: missing {', '.join(missing)}")
    return {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in data.items()}


class Locks:
    """One asyncio lock per live conversation, so its turns run in order; a lock goes when unused."""

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


def _with_delete_note(said: list, note: Message) -> list:
    """Teams cannot delete what was typed, so the clinician is asked to: after the refusal and any
    emergency advice that follows it (that comes first), before the question."""
    at = next(i for i, m in enumerate(said) if m.refusal) + 1
    while at < len(said) and said[at].kind == "emergency":
        at += 1
    return said[:at] + [note] + said[at:]


@dataclass
class Outcome:
    """One turn's result: the new state, what to say, and what the previous card should now show."""
    state: dict
    messages: list
    note: str | None = None                # for the previous card; None leaves it as it is
    fresh: bool = False                    # a new conversation: the previous card is simply closed
    pressed: bool = False                  # the previous card's button was taken as the answer


@dataclass
class TeamsBot:
    backend: Backend                       # the turn pipeline (bot/turn.py): start, send, press, repeat
    gate: Gate
    secret: bytes
    sessions: Sessions                     # the store's sessions (bot/store), shared by every replica
    wording: dict = field(default_factory=load_wording)
    locks: Locks = field(default_factory=Locks)

    # --- the SDK's entry points -------------------------------------------------------------

    async def on_turn(self, context) -> None:
        activity: Activity = context.activity
        if activity.recipient is None:
            # Teams always names the bot; a hand-made activity may not, and the SDK cannot address a
            # reply without it
            activity.recipient = ChannelAccount(id="pathbot")
        if activity.type == ActivityTypes.message:
            await self._message(context, activity)
        elif activity.type == ActivityTypes.conversation_update and self._installed(activity):
            await self._message(context, activity, welcome=True)
        # every other kind (typing, reactions, message updates, installs elsewhere) is ignored

    async def on_turn_error(self, context, error: Exception) -> None:
        """Replaces the SDK's default, which sends the exception's text to the user."""
        if isinstance(error, DeliveryFailed):
            raise error                       # the route answers 503: Teams delivers the activity again
        log.error("a turn failed: %s", where(error))
        with contextlib.suppress(Exception):
            await context.send_activity(Activity(type="message", text=self.wording["went_wrong"],
                                                 text_format="plain"))

    def session_key(self, tenant: str, aad_object_id: str, conversation: str) -> str:
        """A conversation's key in the session store: an HMAC of who and where, never the ids."""
        return pseudonym(self.secret, "teams-session", f"{tenant.lower()}|{aad_object_id.lower()}|{conversation}")

    # --- a message -----------------------------------------------------------------------------

    @staticmethod
    def _installed(activity: Activity) -> bool:
        """The bot itself was added to a conversation (Teams' install event): say hello."""
        me = activity.recipient.id if activity.recipient else None
        return bool(me) and any(m.id == me for m in (activity.members_added or []))

    async def _message(self, context, activity: Activity, welcome: bool = False) -> None:
        verdict = self.gate.admit(activity)
        if verdict != OK:
            log.info("refused an activity (%s)", "group chat" if verdict == GROUP else "not staff")
            if not welcome:
                await self._post(context, [{"type": "message", "textFormat": "plain",
                                            "text": self.wording["personal_only" if verdict == GROUP else "not_staff"]}])
            return
        tenant = activity.conversation.tenant_id or activity.channel_data["tenant"]["id"]
        key = self.session_key(tenant, who(activity), activity.conversation.id)
        done = pseudonym(self.secret, "teams-activity", f"{activity.conversation.id}|{activity.id}") \
            if activity.id else None
        async with self.locks.hold(key):
            try:
                async with self.sessions.alock(key):
                    await self._locked_turn(context, activity, key, done, welcome)
            except StoreUnavailable as exc:
                log.error("store unavailable, a turn was not taken: %s", exc)
                await self._post(context, [{"type": "message", "textFormat": "plain",
                                            "text": self.wording["store_down"]}])

    async def _locked_turn(self, context, activity: Activity, key: str, done: str | None, welcome: bool) -> None:
        if done is not None and self.sessions.seen(done):
            log.info("ignored a re-delivered activity")
            return
        record = self.sessions.load(key)
        step = self._welcome if welcome else self._read(activity)
        outcome = step(record) if getattr(self.backend, "name", "") == "embedded" \
            else await asyncio.to_thread(step, record)
        turn_deadline.set(time.monotonic() + TURN_BUDGET)
        gen = secrets.token_hex(GEN_CHARS // 2)
        planned = cards.plan(outcome.messages, gen, self.wording["send_answers"], self.wording["one_at_a_time"])
        card_id = await self._post(context, planned)
        old_card = (record or {}).get("card")
        # the previous card loses its buttons when a newer question replaced it, or it was answered
        close = bool(old_card) and (card_id is not None or outcome.pressed)
        new = {"state": outcome.state, "gen": gen if card_id is not None else (record or {}).get("gen"),
               "card": card_id if card_id is not None else (None if close else old_card)}
        if close:
            await self._close_card(context, record, outcome)
        self.sessions.save(key, new)
        if done is not None:
            self.sessions.mark_seen(done, SEEN_SECONDS)

    def _read(self, activity: Activity) -> Callable[[dict | None], Outcome]:
        """What the clinician did, as a step on the session record."""
        text = (activity.text or "").strip()
        files = [a for a in activity.attachments or [] if (a.content_type or "") != TEXT_ATTACHMENT]
        note = [self._say(self.wording["only_text"], "warning")] if files else []
        if text:
            return lambda record: self._typed(record, text, note)
        if activity.value is not None and not files:
            return lambda record: self._pressed(record, activity.value)
        return lambda record: self._again(record, note)

    def _welcome(self, record: dict | None) -> Outcome:
        return Outcome(*self.backend.start(), fresh=True)

    def _typed(self, record: dict | None, text: str, note: list) -> Outcome:
        words = text.lower().lstrip("/").split()
        if words and words[0] in STARTS and (len(words) == 1 or (len(words) == 2 and words[1] in self._areas())):
            state, said = self.backend.start(words[1] if len(words) == 2 else None)
            return Outcome(state, note + said, fresh=True)
        state = record["state"] if record else None
        if len(words) == 1 and words[0] in COMMANDS:
            state = state or self.backend.start()[0]
            state, said = self.backend.press(state, COMMANDS[words[0]])
            return Outcome(state, note + said, note=self._asked_or_answered(record, said))
        opening: list = []
        if state is None:                      # no live conversation: start one, and the words still count
            state, opening = self.backend.start()
            opening = [m for m in opening if not m.buttons]
        state, said = self.backend.send(state, text)
        if refused(said):                       # the pipeline's flag, never its wording
            said = _with_delete_note(list(said), self._say(self.wording["delete_yours"], "warning"))
        return Outcome(state, note + opening + said, note=self._asked_or_answered(record, said))

    def _areas(self) -> list[str]:
        """Area ids a typed `start <area>` may name; anything else goes to the pipeline as typed text."""
        library = getattr(self.backend, "library", None)
        return list(library.areas()) if library is not None else []

    def _pressed(self, record: dict | None, value: object) -> Outcome:
        if record is None:
            state, said = self.backend.start()
            return Outcome(state, [self._say(self.wording["ended_card"])] + said, fresh=True)
        state = record["state"]
        gen = value.get("gen") if isinstance(value, dict) else None
        question = cards.question_of(self.backend.repeat(state))
        payload, shown = cards.read_press(value, question) if gen in (None, record.get("gen")) else (None, None)
        if shown == cards.NOTHING_CHOSEN:
            return Outcome(state, [self._say(self.wording["choose_each"])] + self.backend.repeat(state),
                           note=self.wording["asked_again"])
        if payload is None:
            return Outcome(state, [self._say(self.wording["stale_card"])] + self.backend.repeat(state),
                           note=self.wording["asked_again"])
        state, said = self.backend.press(state, payload)
        return Outcome(state, said, note=self.wording["answered"].format(answer=shown), pressed=True)

    def _again(self, record: dict | None, note: list) -> Outcome:
        if record is None:
            state, said = self.backend.start()
            return Outcome(state, note + said, fresh=True)
        return Outcome(record["state"], note + self.backend.repeat(record["state"]),
                       note=self.wording["asked_again"])

    def _asked_or_answered(self, record: dict | None, said: list) -> str | None:
        if record is None:
            return None
        before = cards.question_of(self.backend.repeat(record["state"]))
        after = cards.question_of(said)
        if before is not None and after is not None and before.asks and before.asks == after.asks:
            return self.wording["asked_again"]
        return self.wording["answered_below"]

    @staticmethod
    def _say(text: str, kind: str = "info"):
        return Message(text, kind)

    # --- talking to Teams -------------------------------------------------------------------------

    async def _post(self, context, planned: list[dict]) -> str | None:
        """Post the activities in order; returns the id of the question card, if one was sent."""
        card_id = None
        try:
            for item in planned:
                question = item.pop("question", False)
                sent = await context.send_activity(Activity.model_validate(item))
                if question:
                    card_id = getattr(sent, "id", None) or None
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise DeliveryFailed(type(exc).__name__) from None
        return card_id

    async def _close_card(self, context, record: dict, outcome: Outcome) -> None:
        """Replace the previous question's card by a copy without buttons that shows the answer."""
        question = cards.question_of(self.backend.repeat(record["state"]))
        if question is None:
            return
        note = self.wording["started_again"] if outcome.fresh else (outcome.note or self.wording["answered_below"])
        copy = Activity(type="message", id=record["card"], conversation=context.activity.conversation,
                        attachments=[cards.answered_card(question, note)])
        try:
            await context.update_activity(copy)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            # not fatal: a press on that card is still recognised as old by its tag
            log.warning("could not take the buttons off an answered card: %s", type(exc).__name__)
