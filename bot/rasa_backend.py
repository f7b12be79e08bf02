"""The Rasa backend: Rasa understands, the same engine decides (through Rasa's action server).

    make rasa-setup rasa-train rasa-up      # .venv-rasa, a model, both servers on 127.0.0.1
    pathbot chat --backend rasa

`RasaBackend` speaks to Rasa's REST channel (http://127.0.0.1:5005/webhooks/rest/webhook) with the
standard library only. Each conversation has a random sender id, kept in the state as
`rasa_sender`; Rasa's rules hand every message to `action_pathway` (actions/), which runs the
engine and answers with the engine's messages and state (bot/rasa_turn.py).

The conversation lives in Rasa's tracker (its `pathway_state` slot, in Rasa's tracker store:
Redis for several Rasa servers, bot/rasa_tracker_store.py). Each message carries only what was
typed or pressed, and the digest of the state this client last saw. The state a channel holds is
the handle (`rasa_sender`), the time of the last turn (`rasa_at`) and a read-only copy of the
engine state, which channels read (area, step, flags) and the embedded backend answers from while
Rasa is down. The copy goes to Rasa only when Rasa says its slot is empty or differs (turns were
answered while it was down; a channel kept the earlier state because a reply was not delivered;
an in-memory Rasa restarted): it is handed over once and the tracker adopts it. If the tracker has
nothing and the last turn was more than `idle_seconds` ago (PATHBOT_RASA_IDLE_SECONDS, 1800 as
Rasa's own session and tracker-store expiry), the conversation has ended: the clinician is told so,
as the channels do, and a new one starts (a typed message still counts, emergency advice first).

Privacy: typed text meets the turn pipeline's privacy guard (`bot.turn.screen`) here first;
refused text never leaves the process (the embedded pipeline answers it, danger net included).
Nothing is logged.

If Rasa or its action server is down, slow (`timeout`, 3 s) or answers nonsense, the turn is
answered by the embedded backend instead, with one short notice per conversation; after a failure
Rasa is not tried again for `retry_after` seconds, so a dead server does not slow every turn.
"""
from __future__ import annotations

import http.client
import json
import os
import secrets
import threading
import time
import urllib.request

from . import rasa_turn
from .messages import Button, Item, Message
from .nlu import Parse, is_danger, parse_number
from .pathways import Library
from .turn import EmbeddedBackend, screen

DEFAULT_URL = "http://127.0.0.1:5005"
SENDER_KEY, NOTICE_KEY, AT_KEY = "rasa_sender", "rasa_notice", "rasa_at"
CLIENT_KEYS = (SENDER_KEY, NOTICE_KEY, AT_KEY)      # the client's, never the engine's
NOTICE = "Language service unavailable: continuing with built-in understanding."
# the channels' wording for a conversation that ended while idle (data/channels/telegram.yml ended_button)
ENDED = "That conversation has ended, and nothing from it was kept. Starting again."
IDLE_ENV = "PATHBOT_RASA_IDLE_SECONDS"
MAX_TEXT = 4000


class RasaUnavailable(Exception):
    """Rasa did not give a usable answer (down, slow, an error, or no engine state)."""


class RasaBackend:
    name = "rasa"

    def __init__(self, url: str = DEFAULT_URL, timeout: float = 3.0, retry_after: float = 15.0,
                 fallback: EmbeddedBackend | None = None, library: Library | None = None, today=None,
                 clock=time.monotonic, idle_seconds: float | None = None, wall=time.time):
        self.url = url.rstrip("/")
        self.timeout, self.retry_after, self.clock, self.wall = timeout, retry_after, clock, wall
        self.idle_seconds = idle_seconds if idle_seconds is not None else float(os.environ.get(IDLE_ENV) or 1800)
        self.today = today
        self.fallback = fallback or EmbeddedBackend(library=library, today=today)
        self._down_until = 0.0
        self._lock = threading.Lock()
        # 127.0.0.1 only: never through an http_proxy from the environment
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @property
    def library(self) -> Library:
        return self.fallback.library

    # --- the Backend protocol ------------------------------------------------------------

    def start(self, area: str | None = None) -> tuple[dict, list[Message]]:
        sender = secrets.token_urlsafe(16)
        metadata = {"today": self.today.isoformat()} if self.today else {}
        try:
            state, out = self._rasa(sender, rasa_turn.start_payload(area), metadata)
        except RasaUnavailable:
            state, out = self.fallback.start(area)
            return self._notice(self._client(state, sender), out)
        return self._client(state, sender), out

    def send(self, state: dict, text: str) -> tuple[dict, list[Message]]:
        cleaned = _typed(text)
        if not cleaned or screen(text):
            # refused (or empty): the text goes no further; the copy is answered as while Rasa is down,
            # keeping the time of the last turn Rasa saw (so an expired case still ends at the next)
            new, out = self.fallback.send(engine_part(state), text)
            return self._client(new, state.get(SENDER_KEY), state, at=state.get(AT_KEY)), out
        return self._advance(state, cleaned, lambda: self.fallback.send(engine_part(state), text),
                             lambda: self._ended_send(text))

    def press(self, state: dict, payload: str) -> tuple[dict, list[Message]]:
        return self._advance(state, rasa_turn.choose_payload(payload),
                             lambda: self.fallback.press(engine_part(state), payload), self._ended_press)

    def repeat(self, state: dict) -> list[Message]:
        """The question waiting, from the copy (the state of the last reply this channel kept)."""
        return self.fallback.repeat(engine_part(state))

    # --- understanding only (pathbot nlu parse --backend rasa) --------------------------

    def parse(self, text: str) -> Parse:
        """Rasa's reading of one message, under the same rules the action applies; the danger net
        always runs here. Refused text is read by the embedded NLU and never sent."""
        cleaned = _typed(text)
        if not cleaned or screen(text):
            return self.fallback.nlu.parse(text)
        body = self._post("/model/parse", {"text": cleaned})
        if not isinstance(body, dict) or not isinstance(body.get("intent"), dict):
            raise RasaUnavailable("no intent in Rasa's parse")
        p = rasa_turn.reading(body, text)
        return Parse(p.intent, p.confidence, p.danger or is_danger(text), parse_number(text), p.concern)

    # --- plumbing -------------------------------------------------------------------------

    def _advance(self, state: dict, message: str, fallback, ended) -> tuple[dict, list[Message]]:
        sender = state.get(SENDER_KEY) or secrets.token_urlsafe(16)
        copy = engine_part(state)
        try:
            reply = self._turn(sender, message, {rasa_turn.DIGEST_KEY: rasa_turn.digest(copy)})
            if reply[2] == rasa_turn.EMPTY and self._idle(state):
                return ended()                   # the tracker expired with the conversation
            if reply[2]:                         # Rasa lost it, or has not seen the latest turns: hand over
                reply = self._turn(sender, message, {rasa_turn.STATE_KEY: copy})
            if reply[0] is None:
                raise RasaUnavailable("Rasa did not take the state handed over")
        except RasaUnavailable:
            new, out = fallback()
            return self._notice(self._client(new, sender, state), out)
        return self._client(reply[0], sender, state), reply[1]

    def _ended_send(self, text: str) -> tuple[dict, list[Message]]:
        """As the channels do for typed words with no live conversation: say so, start a new one,
        and the words still count; emergency advice they call for comes first."""
        state, opening = self.start()
        state, said = self.send(state, text)
        ordered = [Message(ENDED), *[m for m in opening if not m.buttons], *said]
        return state, [m for m in ordered if m.kind == "emergency"] + [m for m in ordered if m.kind != "emergency"]

    def _ended_press(self) -> tuple[dict, list[Message]]:
        """A button from a conversation that has ended: say so, and start a new one."""
        state, opening = self.start()
        return state, [Message(ENDED)] + opening

    def _idle(self, state: dict) -> bool:
        at = state.get(AT_KEY)
        return isinstance(at, (int, float)) and self.wall() - at > self.idle_seconds

    def _client(self, engine_state: dict, sender: str | None, before: dict | None = None, at=None) -> dict:
        """The channel's state: the engine state's copy, the handle, the time, the notice flag."""
        keep = {NOTICE_KEY: True} if before and before.get(NOTICE_KEY) else {}
        return {**engine_part(engine_state), SENDER_KEY: sender or secrets.token_urlsafe(16),
                AT_KEY: at if isinstance(at, (int, float)) else int(self.wall()), **keep}

    def _rasa(self, sender: str, message: str, metadata: dict) -> tuple[dict, list[Message]]:
        state, out, _ = self._turn(sender, message, metadata)
        if state is None:
            raise RasaUnavailable("no engine state in Rasa's answer")
        return state, out

    def _turn(self, sender: str, message: str, metadata: dict) -> tuple[dict | None, list[Message], str | None]:
        """One message to Rasa: the engine state and messages, or (None, [], why) when the action
        would not go on from its slot (rasa_turn.EMPTY or DIFFERS)."""
        items = self._post("/webhooks/rest/webhook", {"sender": sender, "message": message, "metadata": metadata})
        if not isinstance(items, list):
            raise RasaUnavailable("unexpected answer from Rasa")
        state, out = None, []
        for item in items:
            custom = item.get("custom") if isinstance(item, dict) else None
            if not isinstance(custom, dict):
                continue                    # the plain text/buttons copy for other Rasa channels
            if custom.get(rasa_turn.SYNC_KEY) in (rasa_turn.EMPTY, rasa_turn.DIFFERS):
                return None, [], custom[rasa_turn.SYNC_KEY]
            if isinstance(custom.get(rasa_turn.MESSAGE_KEY), dict):
                out.append(_message(custom[rasa_turn.MESSAGE_KEY]))
            if isinstance(custom.get(rasa_turn.STATE_KEY), dict):
                state = custom[rasa_turn.STATE_KEY]
        if state is None:
            # Rasa answered without running the action (the action server is down, say)
            raise RasaUnavailable("no engine state in Rasa's answer")
        return state, out, None

    def _post(self, path: str, body: dict):
        with self._lock:
            if self.clock() < self._down_until:
                raise RasaUnavailable("Rasa failed recently")
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode("utf-8"),
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except (OSError, ValueError, http.client.HTTPException) as exc:   # refused, timed out, HTTP error, bad JSON
            with self._lock:
                self._down_until = self.clock() + self.retry_after
            raise RasaUnavailable(type(exc).__name__) from None

    def _notice(self, state: dict, out: list[Message]) -> tuple[dict, list[Message]]:
        """Say once per conversation that the built-in understanding is answering."""
        if state.get(NOTICE_KEY):
            return state, out
        return {**state, NOTICE_KEY: True}, [Message(NOTICE, "warning")] + out


def engine_part(state: dict) -> dict:
    """The engine state in a channel's state (without the client's own keys)."""
    return {k: v for k, v in state.items() if k not in CLIENT_KEYS}


def _typed(text: str) -> str:
    """Typed text as sent to Rasa: a leading "/" would make Rasa read it as an intent with
    arguments (a forged button or a new conversation), so typed text never starts with one."""
    return text.strip().lstrip("/").strip()[:MAX_TEXT]


def _buttons(data) -> tuple[Button, ...]:
    return tuple(Button(str(b.get("title", "")), str(b.get("payload", "")))
                 for b in data or () if isinstance(b, dict))


def _message(data: dict) -> Message:
    asks, select = data.get("asks"), data.get("select")
    items = tuple(Item(str(i.get("id", "")), str(i.get("title", "")), _buttons(i.get("choices")))
                  for i in data.get("items") or () if isinstance(i, dict))
    return Message(str(data.get("text", "")), str(data.get("kind") or "info"), _buttons(data.get("buttons")),
                   asks if isinstance(asks, str) else None, items, select if isinstance(select, str) else None,
                   data.get("refusal") is True)
