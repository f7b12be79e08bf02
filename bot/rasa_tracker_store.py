"""A Rasa tracker store that never keeps what a user typed (imported only inside .venv-rasa).

`RedactingTrackerStore` is Rasa's in-memory store with one change: before a conversation is
saved, the text of every user message is replaced by "" (in the event and in its parse data);
intents, entities, the FAQ topic and slots stay, so the tracker API and `rasa` tooling still
work. The text exists only in memory for the one turn being processed (the action server reads
it there for the privacy guard and the danger net). Configured in endpoints.yml:

    tracker_store:
      type: bot.rasa_tracker_store.RedactingTrackerStore

It lives in the `bot` package (installed into .venv-rasa) rather than beside the actions because
Rasa silently falls back to a plain InMemoryTrackerStore when the class cannot be imported:
`make rasa-up` refuses to carry on if the server log says so.
"""
from __future__ import annotations

import json
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


def redact(serialised: str) -> str:
    """The serialised dialogue with the text of every user event emptied."""
    dialogue = json.loads(serialised)
    for event in dialogue.get("events") or ():
        redact_event(event)
    return json.dumps(dialogue)


def redact_event(event: dict[str, Any]) -> dict[str, Any]:
    if event.get("event") == "user":
        event["text"] = ""
        parse_data = event.get("parse_data")
        if isinstance(parse_data, dict) and "text" in parse_data:
            parse_data["text"] = ""
    return event


class RedactingTrackerStore(InMemoryTrackerStore):
    """In-memory conversations with every user message's text emptied before it is stored."""

    def __init__(self, domain=None, event_broker=None, host=None, **kwargs: Any) -> None:
        # endpoints.yml may pass `url` as host; an in-memory store has no use for it
        super().__init__(domain, event_broker, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)          # no event broker is configured: a no-op
        self.store[tracker.sender_id] = redact(self.serialise_tracker(tracker))
