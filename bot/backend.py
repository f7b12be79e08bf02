"""The embedded backend: privacy guard, then understanding, then the engine, all in-process.

Every channel talks to a backend through `start`, `send` (typed text) and
`press` (a button payload). Typed text is checked by the privacy guard first;
refused text goes no further. The danger safety net still looks at refused
text in memory, so a message like "he is outside with a knife, her name is
..." is refused *and* gets the emergency advice: danger is never missed.
Text is never stored, logged or put in the state.
"""
from __future__ import annotations

import re
from typing import Protocol

from rapidfuzz import fuzz, process

from . import engine, privacy
from .engine import Message
from .nlu import EmbeddedNLU, Parse, is_danger, match_area
from .pathways import Library, Step
from .registry import PathwayRegistry

_STAFF = re.compile(r"\b(colleague|staff|co-?worker|member of (the )?team|workmate|employee)\b", re.I)
_INTENT_ANSWERS = {"affirm": "yes", "deny": "no"}
_LEADING_YES = re.compile(r"\s*(yes|yeah|yep|yup)\b(?!\s*(and|or)\s+no\b)", re.I)
_LEADING_NO = re.compile(r"\s*(no|nope)\s*([,.;:!-]|$)", re.I)
_CLEAR_ROLE = 0.45      # below this, "a colleague ..." is asked about (experiencing or causing), not guessed


class Backend(Protocol):
    """What every channel needs from a backend."""
    name: str

    def start(self, area: str | None = None) -> tuple[dict, list[Message]]: ...
    def send(self, state: dict, text: str) -> tuple[dict, list[Message]]: ...
    def press(self, state: dict, payload: str) -> tuple[dict, list[Message]]: ...
    def repeat(self, state: dict) -> list[Message]: ...


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, library: Library | None = None, nlu: EmbeddedNLU | None = None, today=None,
                 registry: PathwayRegistry | None = None):
        """A fixed `library` (tests, scenarios), or a `registry` that reloads edited files (the default)."""
        self._library = library
        self.registry = registry or (None if library else PathwayRegistry(today=today))
        self.nlu = nlu or EmbeddedNLU()
        self.today = today

    @property
    def library(self) -> Library:
        return self._library or self.registry.library()

    def start(self, area: str | None = None) -> tuple[dict, list[Message]]:
        return engine.start(area, self.library, self.today)

    def press(self, state: dict, payload: str) -> tuple[dict, list[Message]]:
        return engine.advance(state, {"payload": str(payload)[:64]}, self.library)

    def repeat(self, state: dict) -> list[Message]:
        """Ask again whatever the conversation waits for (after a stale button, say)."""
        return engine.repeat(state, self.library)

    def send(self, state: dict, text: str) -> tuple[dict, list[Message]]:
        verdict = privacy.check(text)
        if verdict.blocked:
            out = [Message(verdict.explain(), "warning")]
            if is_danger(text):
                state, more = engine.advance(state, {"danger": True}, self.library)
                return state, out + more
            return state, out + engine.repeat(state, self.library)
        parse = self.nlu.parse(text)
        event = {"intent": parse.intent, "danger": parse.danger,
                 "answer": interpret(text, parse, state, self.library)}
        return engine.advance(state, event, self.library)


def interpret(text: str, parse: Parse, state: dict, library: Library) -> str | None:
    """Turn free text into an answer to the question waiting, or None if it does not answer it."""
    if state["step"] == engine.AREA_STEP:
        return match_area(text, library.areas())
    step = engine.current_question(state, library)
    if step is None or not step.asks:
        return None
    if step.answers == "choice":
        return _choose(text, parse, step)
    if step.answers == "count":
        if parse.number is not None:
            return str(parse.number)
        return {"unsure": "dont_know", "deny": "0"}.get(parse.intent)
    if parse.intent == "unsure":
        return {"yes_no_unsure": "unsure", "yes_no_dontknow": "dont_know"}.get(step.answers)
    if parse.intent == "disclose_abuse" and step.asks == "disclosure":
        return "yes"
    return _INTENT_ANSWERS.get(parse.intent) or _leading_yes_no(text)


def _leading_yes_no(text: str) -> str | None:
    """'yes two kids, and he's outside now': the answer the message opens with is kept whatever else
    it says (a danger phrase gets the emergency advice as well). 'no' counts only when it stands apart
    ('no, he's at work'), so 'no idea' stays unclear."""
    if _LEADING_YES.match(text):
        return "yes"
    return "no" if _LEADING_NO.match(text) else None


def _choose(text: str, parse: Parse, step: Step) -> str | None:
    """An option named by its value or (nearly) its title first: the clinician's own choice beats
    a guess at the intent. Then, for the concern question, who discloses what."""
    cleaned = " ".join(text.strip().lower().rstrip(".!").split())[:200]
    exact = next((o.value for o in step.options if cleaned in (o.value, o.title.lower())), None)
    if exact:
        return exact
    titles = {o.title.lower(): o.value for o in step.options}
    match = process.extractOne(cleaned, list(titles), scorer=fuzz.token_sort_ratio, score_cutoff=90)
    if match:
        return titles[match[0]]
    values = {o.value for o in step.options}
    if parse.concern in values:     # who harms whom, read confidently (bot.nlu.roles)
        return parse.concern
    staff = _STAFF.search(text) and {"staff_experiencing", "staff_causing"} <= values
    if staff and (parse.intent not in ("disclose_abuse", "disclose_perpetrating") or parse.confidence < _CLEAR_ROLE):
        return engine.ASK_WHICH_COLLEAGUE      # "a colleague", but which way round is not clear: ask
    if parse.intent in ("disclose_abuse", "disclose_perpetrating") and {"experiencing", "causing"} <= values:
        kind = "experiencing" if parse.intent == "disclose_abuse" else "causing"
        return ("staff_" + kind) if staff else kind
    match = process.extractOne(cleaned, list(titles), scorer=fuzz.token_set_ratio, score_cutoff=80)
    return titles[match[0]] if match else None
