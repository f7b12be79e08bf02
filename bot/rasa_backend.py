"""The Rasa backend: Rasa understands, the same engine decides (through Rasa's action server).

    make rasa-setup rasa-train rasa-up      # .venv-rasa, a model, both servers on 127.0.0.1
    pathbot chat --backend rasa

`RasaBackend` speaks to Rasa's REST channel (http://127.0.0.1:5005/webhooks/rest/webhook) with the
standard library only. Each conversation has a random sender id, kept in the state as
`rasa_sender`; Rasa's rules hand every message to `action_pathway` (actions/), which runs the
engine and answers with the engine's messages and state (bot/rasa_turn.py). The state sent with
each message (as metadata) is the one the conversation goes on from, so a turn answered here
while Rasa was down is never lost.

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
SENDER_KEY, NOTICE_KEY = "rasa_sender", "rasa_notice"
NOTICE = "Language service unavailable: continuing with built-in understanding."
MAX_TEXT = 4000


class RasaUnavailable(Exception):
    """Rasa did not give a usable answer (down, slow, an error, or no engine state)."""


class RasaBackend:
    name = "rasa"

    def __init__(self, url: str = DEFAULT_URL, timeout: float = 3.0, retry_after: float = 15.0,
                 fallback: EmbeddedBackend | None = None, library: Library | None = None, today=None,
                 clock=time.monotonic):
        self.url = url.rstrip("/")
        self.timeout, self.retry_after, self.clock = timeout, retry_after, clock
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
            state, out = self._turn(sender, rasa_turn.start_payload(area), metadata)
        except RasaUnavailable:
            state, out = self.fallback.start(area)
            return self._notice({**state, SENDER_KEY: sender}, out)
        return {**state, SENDER_KEY: sender}, out

    def send(self, state: dict, text: str) -> tuple[dict, list[Message]]:
        cleaned = _typed(text)
        if not cleaned or screen(text):
            return self.fallback.send(state, text)       # refused (or empty): the text goes no further
        return self._advance(state, cleaned, lambda: self.fallback.send(state, text))

    def press(self, state: dict, payload: str) -> tuple[dict, list[Message]]:
        return self._advance(state, rasa_turn.choose_payload(payload), lambda: self.fallback.press(state, payload))

    def repeat(self, state: dict) -> list[Message]:
        return self.fallback.repeat(state)

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

    def _advance(self, state: dict, message: str, fallback) -> tuple[dict, list[Message]]:
        sender = state.get(SENDER_KEY) or secrets.token_urlsafe(16)
        engine_state = {k: v for k, v in state.items() if k not in (SENDER_KEY, NOTICE_KEY)}
        try:
            new, out = self._turn(sender, message, {rasa_turn.STATE_KEY: engine_state})
        except RasaUnavailable:
            new, out = fallback()
            return self._notice({**new, SENDER_KEY: sender}, out)
        keep = {k: state[k] for k in (NOTICE_KEY,) if k in state}
        return {**new, SENDER_KEY: sender, **keep}, out

    def _turn(self, sender: str, message: str, metadata: dict) -> tuple[dict, list[Message]]:
        items = self._post("/webhooks/rest/webhook", {"sender": sender, "message": message, "metadata": metadata})
        if not isinstance(items, list):
            raise RasaUnavailable("unexpected answer from Rasa")
        state, out = None, []
        for item in items:
            custom = item.get("custom") if isinstance(item, dict) else None
            if not isinstance(custom, dict):
                continue                    # the plain text/buttons copy for other Rasa channels
            if isinstance(custom.get(rasa_turn.MESSAGE_KEY), dict):
                out.append(_message(custom[rasa_turn.MESSAGE_KEY]))
            if isinstance(custom.get(rasa_turn.STATE_KEY), dict):
                state = custom[rasa_turn.STATE_KEY]
        if state is None:
            # Rasa answered without running the action (the action server is down, say)
            raise RasaUnavailable("no engine state in Rasa's answer")
        return state, out

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
