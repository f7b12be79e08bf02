"""action_pathway: every user message, of any intent, is one turn of the pathway engine.

Rasa has already understood the message; `bot.rasa_turn.turn` runs the privacy guard, the danger
net and the engine on it, and this module only moves things between rasa_sdk and the engine:
the engine's messages out through the dispatcher, the engine state into the `pathway_state` slot,
which is where the conversation lives (Rasa's tracker store; pathbot's client sends no state, only
a digest of its copy, see bot/rasa_turn.py).
`action_restart` and `action_back` override Rasa's built-ins so those intents are engine turns too.
The user's text is read in memory only: never logged, never put in a slot or an event.
"""
from __future__ import annotations

import json
import threading
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import rasa_turn
from bot.registry import PathwayRegistry

_registry: PathwayRegistry | None = None
_lock = threading.Lock()


def registry() -> PathwayRegistry:
    """The pathways, loaded on the first turn (not at import) and reloaded when a file changes."""
    global _registry
    with _lock:
        if _registry is None:
            _registry = PathwayRegistry()
        return _registry


class ActionPathway(Action):
    def name(self) -> str:
        return "action_pathway"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        """Hand the turn to the engine; say what it says; keep its state in the slot."""
        message = tracker.latest_message or {}
        state, sync = rasa_turn.state_for(message, tracker.get_slot(rasa_turn.STATE_KEY))
        if sync:                # the client's copy and the slot disagree: it decides, nothing changes here
            dispatcher.utter_message(json_message={rasa_turn.SYNC_KEY: sync})
            return []
        state, messages = rasa_turn.turn(message, state, registry().library())
        for kwargs in rasa_turn.utterances(messages, state):
            dispatcher.utter_message(**kwargs)
        return [SlotSet(rasa_turn.STATE_KEY, json.dumps(state, separators=(",", ":")))]


class ActionRestart(ActionPathway):
    """`restart` is the engine's restart (same area, fresh answers), not a wiped Rasa tracker."""

    def name(self) -> str:
        return "action_restart"


class ActionBack(ActionPathway):
    """`back` undoes the last answer in the engine, not the last Rasa turn."""

    def name(self) -> str:
        return "action_back"
