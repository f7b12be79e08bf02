"""A Rasa tracker store that never keeps what a user typed (imported only inside .venv-rasa).

`RedactingTrackerStore` is Rasa's in-memory store with one change: before a conversation is
saved, the text of every user message is replaced by "" (in the event and in its parse data);
intents, entities, the FAQ topic and slots stay, so the tracker API and `rasa` tooling still
work. The text exists only in memory for the one turn being processed (the action server reads
it there for the privacy guard and the danger net). Configured in endpoints.yml:

    tracker_store:
      type: bot.rasa_tracker_store.RedactingTrackerStore

Replicas. With PATHBOT_STORE=redis://host:port/db in the servers' environment (the same Redis as
the channels' store), the redacted conversations are kept in Redis (`pathbot:rasa:t:<sender>`,
expiring after PATHBOT_RASA_IDLE_SECONDS, 1800 by default) and `SharedLockStore` is Rasa's Redis
lock store (key prefix `pathbot`), so several Rasa servers (and action servers, which keep nothing)
can run behind a load balancer; without it both stay in memory, as for one server:

    lock_store:
      type: bot.rasa_tracker_store.SharedLockStore

It lives in the `bot` package (installed into .venv-rasa) rather than beside the actions because
Rasa silently falls back to a plain InMemoryTrackerStore when the class cannot be imported:
`make rasa-up` refuses to carry on if the server log says so.
"""
from __future__ import annotations

import json
import os
from collections.abc import MutableMapping
from typing import Any, Iterator

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

STORE_ENV, IDLE_ENV = "PATHBOT_STORE", "PATHBOT_RASA_IDLE_SECONDS"
PREFIX = "pathbot:rasa:t:"


def redis_url(environ=os.environ) -> str | None:
    where = (environ.get(STORE_ENV) or "").strip()
    return where if where.startswith(("redis://", "rediss://", "unix://")) else None


class RedisDialogues(MutableMapping):
    """The in-memory store's dict of serialised (already redacted) dialogues, kept in Redis instead,
    each expiring `ttl` seconds after its last save."""

    def __init__(self, url: str, ttl: float):
        import redis
        self.client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)
        self.ttl = max(1, int(ttl * 1000))

    def __getitem__(self, sender: str) -> str:
        value = self.client.get(PREFIX + sender)
        if value is None:
            raise KeyError(sender)
        return value

    def __setitem__(self, sender: str, dialogue: str) -> None:
        self.client.set(PREFIX + sender, dialogue, px=self.ttl)

    def __delitem__(self, sender: str) -> None:
        self.client.delete(PREFIX + sender)

    def __contains__(self, sender: object) -> bool:
        return isinstance(sender, str) and bool(self.client.exists(PREFIX + sender))

    def __iter__(self) -> Iterator[str]:
        return (k[len(PREFIX):] for k in self.client.scan_iter(match=PREFIX + "*", count=500))

    def __len__(self) -> int:
        return sum(1 for _ in self)


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
        # endpoints.yml may pass `url` as host; the store's place comes from PATHBOT_STORE
        super().__init__(domain, event_broker, **kwargs)
        url = redis_url()
        if url:
            self.store = RedisDialogues(url, float(os.environ.get(IDLE_ENV) or 1800))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)          # no event broker is configured: a no-op
        self.store[tracker.sender_id] = redact(self.serialise_tracker(tracker))


class SharedLockStore:
    """Rasa's lock store: Redis (on PATHBOT_STORE's server, key prefix `pathbot`) when PATHBOT_STORE
    is a redis:// URL, so replicas never process one conversation at once; otherwise the
    in-memory lock store of a single server."""

    def __new__(cls, host: Any = None, **kwargs: Any):
        from rasa.core.lock_store import InMemoryLockStore
        url = redis_url()
        if not url:
            return InMemoryLockStore()
        from urllib.parse import urlsplit
        parts = urlsplit(url)
        return _atomic_redis_lock_store()(
            host=parts.hostname or "localhost", port=parts.port or 6379,
            db=int((parts.path or "/0").lstrip("/") or 0), username=parts.username,
            password=parts.password, use_ssl=parts.scheme == "rediss", key_prefix="pathbot")


def _atomic_redis_lock_store():
    """Rasa's RedisLockStore with each read-modify-write of a ticket lock done under a short Redis
    mutex. Rasa reads the lock, adds or removes a ticket and writes it back in separate calls: safe
    inside one server, but two servers issuing tickets at the same moment both wrote "ticket 0"
    and processed the same conversation at once, one saving over the other's turn."""
    from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore

    class AtomicRedisLockStore(RedisLockStore):
        def _mutex(self, conversation_id: str):
            return self.red.lock(f"pathbot:lockmutex:{conversation_id}", timeout=5, blocking_timeout=10)

        def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
            with self._mutex(conversation_id):
                return super().issue_ticket(conversation_id, lock_lifetime)

        def update_lock(self, conversation_id: str) -> None:
            with self._mutex(conversation_id):
                super().update_lock(conversation_id)

        def cleanup(self, conversation_id: str, ticket_number: int) -> None:
            with self._mutex(conversation_id):    # finish serving, then delete if no one waits
                super().cleanup(conversation_id, ticket_number)

    return AtomicRedisLockStore
