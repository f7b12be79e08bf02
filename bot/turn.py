"""One turn of a conversation, the same for every channel and both backends:

    privacy guard -> danger net -> read -> interpret against the question waiting -> engine

A channel only renders messages and calls `start`, `send` (typed text), `press` (a button payload)
and `repeat` on a `Backend`; `TurnPipeline` is the in-process one. Typed text meets the privacy
guard here, at one door: refused text goes no further, but the danger safety net still reads it
in memory, so "he is outside with a knife, her name is ..." is refused *and* gets the emergency
advice. The refusal comes back as a warning marked `refusal` (bot.messages.refused tells a channel
to blank or delete what was typed, by that flag and never by its wording). A channel that must act
on a refusal before any turn (Telegram deletes the message from
the chat, even a stranger's) asks `screen`. Text is never stored, logged or put in the state.

The reading is pluggable: the embedded NLU here, or Rasa's parse of the same message in the Rasa
action server (bot/rasa_turn.py), both under the same rules (`bot.nlu.decide`). The engine is
asked for the question waiting, and the reading is interpreted against that question alone
(bot/interpret.py); understanding never looks inside the engine's state.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol, Sequence

from . import engine, privacy
from .interpret import faq_reading, interpret, mentioned, ticked
from .messages import Message
from .nlu import EmbeddedNLU, Parse, is_danger, match_area
from .pathways import Library
from .registry import PathwayRegistry

PAYLOAD_MAX = 512                   # longer is not a payload the engine wrote (a whole group "/set ..." fits)


class Backend(Protocol):
    """What every channel needs: the channel-facing API (see README, "How it is built")."""
    name: str

    def start(self, area: str | None = None) -> tuple[dict, list[Message]]: ...
    def send(self, state: dict, text: str) -> tuple[dict, list[Message]]: ...
    def press(self, state: dict, payload: str) -> tuple[dict, list[Message]]: ...
    def repeat(self, state: dict) -> list[Message]: ...


@dataclass(frozen=True)
class Refusal:
    """Typed text the privacy guard refused: which kinds of identifier (never the text), and why."""
    kinds: tuple[str, ...]
    explanation: str

    @property
    def message(self) -> Message:
        return Message(self.explanation, "warning", refusal=True)


def screen(text: str) -> Refusal | None:
    """The privacy guard: a `Refusal` if `text` holds an identifier (or is too long), else None."""
    verdict = privacy.check(text)
    return Refusal(tuple(verdict.kinds), verdict.explain()) if verdict.blocked else None


class Reader(Protocol):
    """Understanding: what a message means (with the danger net), and which area it names."""

    def parse(self, text: str) -> Parse: ...
    def area(self, text: str, areas: Sequence[str]) -> str | None: ...


class EmbeddedReader:
    """The in-process NLU (bot/nlu.py)."""

    def __init__(self, nlu: EmbeddedNLU | None = None):
        self.nlu = nlu or EmbeddedNLU()

    def parse(self, text: str) -> Parse:
        return self.nlu.parse(text)

    def area(self, text: str, areas: Sequence[str]) -> str | None:
        return match_area(text, areas)


class TurnPipeline:
    """The turn pipeline, in-process. A fixed `library` (tests, scenarios), or a `registry` that
    reloads edited files (the default); the embedded NLU reads unless another `reader` is given."""
    name = "embedded"

    def __init__(self, library: Library | None = None, nlu: EmbeddedNLU | None = None,
                 today: dt.date | None = None, registry: PathwayRegistry | None = None,
                 reader: Reader | None = None):
        self._library = library
        self.registry = registry or (None if library else PathwayRegistry(today=today))
        self.reader = reader or EmbeddedReader(nlu)
        self.today = today

    @property
    def library(self) -> Library:
        return self._library or self.registry.library()

    @property
    def nlu(self) -> EmbeddedNLU:
        """The embedded NLU (`pathbot nlu parse`, and the Rasa backend's fallback reading)."""
        return self.reader.nlu

    def start(self, area: str | None = None) -> tuple[dict, list[Message]]:
        return engine.start(area, self.library, self.today)

    def press(self, state: dict, payload: str) -> tuple[dict, list[Message]]:
        return engine.advance(state, {"payload": str(payload)[:PAYLOAD_MAX]}, self.library)

    def repeat(self, state: dict) -> list[Message]:
        """Ask again whatever the conversation waits for (after a stale button, say)."""
        return engine.repeat(state, self.library)

    def send(self, state: dict, text: str) -> tuple[dict, list[Message]]:
        library = self.library
        refusal = screen(text)
        if refusal:
            out = [refusal.message]
            if is_danger(text):                   # the danger net reads refused text too, in memory
                state, more = engine.advance(state, {"danger": True}, library)
                return state, out + more
            return state, out + engine.repeat(state, library)
        parse = self.reader.parse(text)           # every reading runs the danger net (bot.nlu.decide)
        if engine.choosing_area(state):
            answer = self.reader.area(text, library.areas())
        else:
            ticklist = engine.ticklist(state, library)     # tick all that apply: "1 3 5" are line numbers
            answer = ticked(text, parse, ticklist) if ticklist else \
                interpret(text, parse, engine.current_question(state, library))
        event = {"intent": faq_reading(parse, text, answer), "danger": parse.danger, "answer": answer,
                 "mentioned": mentioned(text, parse)}     # checklist theme ids, never the text
        return engine.advance(state, event, library)


EmbeddedBackend = TurnPipeline      # its name before the pipeline had one (channels still say "backend")
