"""One Rasa turn for the pathway engine: what `action_pathway` does, without needing rasa_sdk.

Rasa understands the message (intent, FAQ topic, area named); this module hands that reading to
the same turn pipeline the embedded backend uses (bot/turn.py), with Rasa's parse as its reader:

    state, messages = turn(tracker.latest_message, state, library)

So the privacy guard (refused text gets the explanation and the question again), the danger
safety net, counts ("three times") and matching a typed answer to a button title run on every
message exactly as they do without Rasa. The raw text is used only in memory: it is never
logged, returned or put in the state.

Messages go back to Rasa as `utter_message` arguments (`utterances`): plain text and buttons for
any Rasa channel, plus a `json_message` carrying the engine message (kind, asks, the engine's own
button payloads) and, last, a copy of the engine state, which pathbot's RasaBackend reads.

Whose state. The tracker owns the conversation: the engine state lives in its `pathway_state`
slot (in Rasa's tracker store: Redis when several Rasa servers share the work), and pathbot's
client sends only what was typed or pressed plus the state's `digest`, a short hash of the copy
it last saw (no content). The action goes on from the slot when the digests agree (`state_for`);
when they do not (the slot is empty: Rasa lost or expired it; or it differs: turns were answered
while Rasa was down, or a reply was never delivered so the channel kept the earlier state), it
does nothing and says so (`SYNC_KEY`), and the client either hands its copy over once
(`STATE_KEY` in the metadata, which the action then adopts) or, if the conversation was idle too
long, tells the clinician it has ended. A Rasa channel that sends no digest gets the slot as is.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Sequence

from .messages import Message
from .nlu import Parse, decide, match_area
from .pathways import Library
from .turn import PAYLOAD_MAX, TurnPipeline

START, CHOOSE, FALLBACK = "start", "choose", "nlu_fallback"
STATE_KEY = "pathway_state"          # the slot, the hand-over metadata key and the json_message key
MESSAGE_KEY = "pathbot"              # json_message key of an engine message
DIGEST_KEY = "pathway_digest"        # metadata: the digest of the client's copy of the state
SYNC_KEY = "pathway_sync"            # json_message: the turn was not run, the slot is EMPTY or DIFFERS
EMPTY, DIFFERS = "empty", "differs"


def reading(parse_data: dict, text: str) -> Parse:
    """Rasa's parse of a message as the engine's `Parse`, under the embedded NLU's rules
    (`bot.nlu.decide`): the danger net runs on the text whatever Rasa says, a weak
    `immediate_danger` or command gives way to the next reading in Rasa's ranking, and so on.
    Rasa's `nlu_fallback` is set aside: the readings under it are judged by the same thresholds
    as the embedded NLU's, so the two backends agree on when a reading is too weak. A FAQ is named
    by its topic (`faq/marac`)."""
    top = parse_data.get("intent") or {}
    ranking = parse_data.get("intent_ranking") or ([top] if top.get("name") else [])
    ranked = [(str(item["name"]), float(item.get("confidence") or 0.0)) for item in ranking
              if isinstance(item, dict) and item.get("name") and item["name"] != FALLBACK]
    parse = decide(text, ranked)
    if parse.intent == "faq":
        return dataclasses.replace(parse, intent=faq_topic(parse_data))
    return parse


def faq_topic(parse_data: dict) -> str:
    """`faq/<topic>` from pathbot's intent classifier, else the ResponseSelector, or `faq/` when
    neither named one (the engine then says so)."""
    key = parse_data.get("faq_topic")             # pathbot's intent classifier (bot/rasa_intent.py)
    if not isinstance(key, str) or not key.startswith("faq/"):
        selector = (parse_data.get("response_selector") or {}).get("faq") or {}
        key = ((selector.get("response") or {}).get("intent_response_key")) or ""
    return key if key.startswith("faq/") else "faq/"


def entity(parse_data: dict, name: str) -> str | None:
    """The first value of an entity Rasa extracted (or a /intent{...} payload carried)."""
    for e in parse_data.get("entities") or ():
        if e.get("entity") == name and e.get("value") is not None:
            return str(e["value"])
    return None


def valid_state(candidate) -> dict | None:
    """An engine state (a dict, or the slot's JSON of one), or None."""
    if isinstance(candidate, str):
        try:
            candidate = json.loads(candidate)
        except ValueError:
            return None
    if isinstance(candidate, dict) and isinstance(candidate.get("step"), str) \
            and isinstance(candidate.get("answers"), dict) and isinstance(candidate.get("flags"), list):
        return candidate
    return None


def digest(state: dict) -> str:
    """A short hash of an engine state: the client and the action compare copies without sending one."""
    canonical = json.dumps(state, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:24]


def state_for(parse_data: dict, slot: str | None) -> tuple[dict | None, str | None]:
    """The engine state this turn goes on from, or why it cannot: `(state, None)` or `(None, EMPTY|DIFFERS)`.

    A state handed over in the metadata is adopted (the client had turns the tracker never saw).
    Otherwise the tracker's slot, if the client's digest matches it; a client that sends no digest
    (a plain Rasa channel) gets the slot as it is, or None (a new conversation). A start needs none.
    """
    metadata = parse_data.get("metadata") or {}
    handed = valid_state(metadata.get(STATE_KEY))
    if handed is not None:
        return handed, None
    own = valid_state(slot)
    expected = metadata.get(DIGEST_KEY)
    if not isinstance(expected, str) or (parse_data.get("intent") or {}).get("name") == START:
        return own, None
    if own is None:
        return None, EMPTY
    return (own, None) if digest(own) == expected else (None, DIFFERS)


class RasaReader:
    """The turn pipeline's reader for one message Rasa has already parsed."""

    def __init__(self, parse_data: dict):
        self.parse_data = parse_data

    def parse(self, text: str) -> Parse:
        return reading(self.parse_data, text)

    def area(self, text: str, areas: Sequence[str]) -> str | None:
        """The area Rasa's entity names, else the one the text names (typos allowed)."""
        named = entity(self.parse_data, "area")
        return named if named in areas else match_area(text, areas)


def turn(parse_data: dict, state: dict | None, library: Library) -> tuple[dict, list[Message]]:
    """Run one user message through the turn pipeline; `parse_data` is Rasa's `latest_message`."""
    intent = (parse_data.get("intent") or {}).get("name")
    pipeline = TurnPipeline(library, reader=RasaReader(parse_data),
                            today=_day((parse_data.get("metadata") or {}).get("today")))
    if intent == START or state is None:
        area = entity(parse_data, "area")
        state, out = pipeline.start(area if area in library.areas() else None)
        if intent in (START, "greet", None):
            return state, out
        more_state, more = turn(parse_data, state, library)
        return more_state, out + more
    if intent == CHOOSE:
        payload = entity(parse_data, "payload")
        if payload is None:
            return state, pipeline.repeat(state)
        return pipeline.press(state, payload)
    return pipeline.send(state, parse_data.get("text") or "")


def _day(value) -> dt.date | None:
    """The caller's date for a new conversation (tests pin it), else today."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def choose_payload(payload: str) -> str:
    """The Rasa payload of an engine button: an intent Rasa maps without any NLU guesswork."""
    return "/" + CHOOSE + json.dumps({"payload": str(payload)[:PAYLOAD_MAX]}, separators=(",", ":"))


def start_payload(area: str | None) -> str:
    return "/" + START + (json.dumps({"area": area}, separators=(",", ":")) if area else "")


def utterances(messages: list[Message], state: dict) -> list[dict]:
    """Keyword arguments for `dispatcher.utter_message`, one per engine message, then the state."""
    out = []
    for m in messages:
        kwargs: dict = {"text": m.text, "json_message": {MESSAGE_KEY: m.as_json()}}
        if m.buttons:
            kwargs["buttons"] = [{"title": b.title, "payload": choose_payload(b.payload)} for b in m.buttons]
        out.append(kwargs)
    out.append({"json_message": {STATE_KEY: state}})
    return out
