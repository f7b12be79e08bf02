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

import datetime as dt
import json

from . import engine, privacy
from .backend import interpret
from .engine import Message
from .nlu import COMMAND_CONFIRM, COMMANDS, DANGER_CONFIRM, DANGER_INTENT, THRESHOLD, Parse, is_danger, parse_number
from .pathways import Library

START, CHOOSE, FALLBACK = "start", "choose", "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
STATE_KEY = "pathway_state"          # the slot, the metadata key and the json_message key
MESSAGE_KEY = "pathbot"              # json_message key of an engine message
PAYLOAD_MAX = 64


def reading(parse_data: dict, text: str) -> Parse:
    """Rasa's parse of a message as the engine's `Parse`, under the embedded NLU's rules.

    The danger net runs on the text whatever Rasa says. `immediate_danger` needs DANGER_CONFIRM
    unless the net agrees, commands (restart, back, help, goodbye) need COMMAND_CONFIRM; a weaker
    reading gives way to the next in Rasa's ranking. `nlu_fallback` (Rasa unsure) is out of scope.
    A FAQ is named by its topic, as in the embedded NLU: `faq/marac`.
    """
    net = is_danger(text)
    top = (parse_data.get("intent") or {}).get("name")
    intent, confidence = OUT_OF_SCOPE, 1.0
    if top and top != FALLBACK:
        ranking = parse_data.get("intent_ranking") or [parse_data["intent"]]
        for item in ranking:
            name, conf = item.get("name"), float(item.get("confidence") or 0.0)
            if not name or name == FALLBACK or conf < THRESHOLD:
                continue
            needed = (0.0 if net else DANGER_CONFIRM) if name == DANGER_INTENT else (
                COMMAND_CONFIRM if name in COMMANDS else 0.0)
            if conf >= needed:
                intent, confidence = name, conf
                break
    if intent == "faq":
        intent = faq_topic(parse_data)
    if net and intent == OUT_OF_SCOPE:
        intent, confidence = DANGER_INTENT, THRESHOLD
    return Parse(intent, confidence, net or intent == DANGER_INTENT, parse_number(text))


def faq_topic(parse_data: dict) -> str:
    """`faq/<topic>` from the ResponseSelector, or `faq/` when it named none (the engine then says so)."""
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
