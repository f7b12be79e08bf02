"""Live conversations, keyed by an opaque id, held as compact JSON and wiped when idle.

Channels keep one entry per clinician chat. The state holds no free text, and
keeping it serialised keeps each live session well under 2 KB.
"""
from __future__ import annotations

import json
import time


class SessionStore:
    def __init__(self, idle_seconds: float = 1800, clock=time.monotonic):
        self.idle_seconds, self.clock = idle_seconds, clock
        self._items: dict[str, tuple[float, bytes]] = {}

    def get(self, key: str) -> dict | None:
        """The state for `key`, or None if there is none or it has been idle too long (then it is wiped)."""
        item = self._items.get(key)
        if item is None:
            return None
        if self.clock() - item[0] > self.idle_seconds:
            del self._items[key]
            return None
        return json.loads(item[1])

    def put(self, key: str, state: dict) -> None:
        self._items[key] = (self.clock(), json.dumps(state, separators=(",", ":")).encode())

    def drop(self, key: str) -> None:
        self._items.pop(key, None)

    def sweep(self) -> int:
        """Wipe every idle session; returns how many were wiped."""
        now = self.clock()
        idle = [k for k, (t, _) in self._items.items() if now - t > self.idle_seconds]
        for k in idle:
            del self._items[k]
        return len(idle)

    def __len__(self) -> int:
        return len(self._items)
