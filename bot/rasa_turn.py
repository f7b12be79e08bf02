"""One Rasa turn for the pathway engine: what `action_pathway` does, without needing rasa_sdk.

Rasa understands the message (intent, FAQ topic, area named); this module turns that reading into
an engine event and runs the engine, exactly as the embedded backend does with its own reading:

    state, messages = turn(tracker.latest_message, state, library)

The raw text is used here only in memory, for what must run on every message whatever Rasa
understood: the privacy guard (refused text gets the explanation and the question again), the
danger safety net, counts ("three times") and matching a typed answer to a button title. It is
never logged, returned or put in the state.

Messages go back to Rasa as `utter_message` arguments (`utterances`): plain text and buttons for
any Rasa channel, plus a `json_message` carrying the engine message (kind, asks, the engine's own
button payloads) and, last, the engine state, which pathbot's RasaBackend reads.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

from . import engine, privacy
from .backend import interpret
from .engine import Message
from .nlu import Parse, decide, is_danger
from .pathways import Library

START, CHOOSE, FALLBACK = "start", "choose", "nlu_fallback"
STATE_KEY = "pathway_state"          # the slot, the metadata key and the json_message key
MESSAGE_KEY = "pathbot"              # json_message key of an engine message
PAYLOAD_MAX = 64


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


def state_from(parse_data: dict, slot: str | None) -> dict | None:
    """The engine state: the caller's (message metadata) first, else the slot; None if neither holds one.

    pathbot's RasaBackend sends its state with every message, so a conversation survives a Rasa
    restart or turns the embedded backend answered while Rasa was down.
    """
    for candidate in ((parse_data.get("metadata") or {}).get(STATE_KEY), slot):
        if isinstance(candidate, str):
            try:
                candidate = json.loads(candidate)
            except ValueError:
                continue
        if isinstance(candidate, dict) and isinstance(candidate.get("step"), str) \
                and isinstance(candidate.get("answers"), dict) and isinstance(candidate.get("flags"), list):
            return candidate
    return None


def turn(parse_data: dict, state: dict | None, library: Library) -> tuple[dict, list[Message]]:
    """Run one user message through the engine; `parse_data` is Rasa's `latest_message`."""
    intent = (parse_data.get("intent") or {}).get("name")
    if intent == START or state is None:
        area = entity(parse_data, "area")
        area = area if area in library.areas() else None
        state, out = engine.start(area, library, _day((parse_data.get("metadata") or {}).get("today")))
        if intent in (START, "greet", None):
            return state, out
        more_state, more = turn(parse_data, state, library)
        return more_state, out + more
    if intent == CHOOSE:
        payload = entity(parse_data, "payload")
        if payload is None:
            return state, engine.repeat(state, library)
        return engine.advance(state, {"payload": payload[:PAYLOAD_MAX]}, library)
    text = parse_data.get("text") or ""
    verdict = privacy.check(text)
    if verdict.blocked:
        out = [Message(verdict.explain(), "warning")]
        if is_danger(text):
            state, more = engine.advance(state, {"danger": True}, library)
            return state, out + more
        return state, out + engine.repeat(state, library)
    parse = reading(parse_data, text)
    answer = interpret(text, parse, state, library)
    area = entity(parse_data, "area")
    if state.get("step") == engine.AREA_STEP and area in library.areas():
        answer = area
    event = {"intent": parse.intent, "danger": parse.danger, "answer": answer}
    return engine.advance(state, event, library)


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
