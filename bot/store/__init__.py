"""Where live conversations and the staff allow-list are kept: SQLite by default, Redis for replicas.

    from bot.store import open_store
    store = open_store("pathbot.db", idle_seconds=1800)         # or "redis://127.0.0.1:6379/0"
    with store.sessions.lock(key):                              # no other process advances this chat now
        state = store.sessions.load(key)                        # None: none, or idle too long
        ...
        store.sessions.save(key, state)                         # the idle time-out starts again
    store.sessions.delete(key)

Sessions (`Sessions`) are keyed by an opaque key (channels use an HMAC of the chat id, never the
id itself) and hold only the engine's JSON state, which has no free text in it. The idle
time-out is a TTL: a session not saved for `idle_seconds` is gone, for every replica at once.
`mark_seen(key, keep_seconds)` / `seen(key)`: a set of opaque keys (a channel's HMAC of a delivered
activity's id) that each expire after their own TTL, so a re-delivery is answered once by
whichever replica gets it.
`lock(key)` (and `alock(key)` for asyncio code) holds a lease on one conversation so that two
replicas, or two threads, never advance it at the same time. The holder renews the lease every
third of `lease_seconds` for as long as its turn runs (a slow send, 429 retries), so the lease can
be short: one left by a killed process expires by itself within `lease_seconds`, and the chat
goes on in another replica.

Staff access (`Staff`): HMAC hashes of channel user ids on the allow-list, and the hashes of
one-time invite codes with who issued them and when they expire. Checking access and redeeming
an invite are single indexed look-ups (bot/channels/access.py builds on this).

Every failure to reach or read the store is raised as `StoreUnavailable` (with a message that
names no key and no state), so a channel can tell the clinician plainly and carry on.

`open_store(where)`: `where` is a file path or `sqlite:///path` (the default, `pathbot.db`), or
`redis://host:port/db`; the environment variable PATHBOT_STORE gives the default.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import threading
import time
from typing import AsyncIterator, Iterator, Protocol

STORE_ENV = "PATHBOT_STORE"
DEFAULT_STORE = "pathbot.db"


class StoreUnavailable(Exception):
    """The store cannot be reached, is locked too long, or is damaged: nothing was changed."""


class Busy(StoreUnavailable):
    """Another replica (or thread) holds this conversation's lock for longer than we can wait."""


class Sessions(Protocol):
    """Live conversations: one JSON state per key, wiped after `idle_seconds` without a save."""
    idle_seconds: float

    def load(self, key: str) -> dict | None: ...
    def save(self, key: str, state: dict) -> None: ...
    def delete(self, key: str) -> None: ...
    def try_lock(self, key: str) -> str | None: ...
    def unlock(self, key: str, token: str) -> None: ...
    def renew(self, key: str, token: str) -> bool: ...
    def sweep(self) -> int: ...
    def __len__(self) -> int: ...
    def seen(self, key: str) -> bool: ...
    def mark_seen(self, key: str, keep_seconds: float) -> None: ...


class Staff(Protocol):
    """The allow-list and invites of every channel, by HMAC hash only."""

    def is_staff(self, user: str) -> bool: ...
    def add_staff(self, user: str, added: str, invited_by: str) -> None: ...
    def remove_staff(self, user: str) -> bool: ...
    def staff(self) -> list[dict]: ...
    def count_staff(self) -> int: ...
    def add_invite(self, code: str, issued_by: str, issued: str, expires: float) -> None: ...
    def take_invite(self, code: str) -> dict | None: ...
    def count_invites(self) -> int: ...
    def get_meta(self, name: str) -> str | None: ...
    def set_meta(self, name: str, value: str) -> None: ...


_KEEPERS = threading.Lock()       # guards every store's table of held leases (short, rare sections)


class SessionLocks:
    """`lock(key)` / `alock(key)` on top of a store's `try_lock`, `renew` and `unlock` (mixed into both
    stores). The lease is renewed while the block runs, so it only has to outlast a killed holder."""
    lease_seconds: float = 6.0
    wait_seconds: float = 10.0

    def try_lock(self, key: str) -> str | None:
        raise NotImplementedError

    def unlock(self, key: str, token: str) -> None:
        raise NotImplementedError

    def renew(self, key: str, token: str) -> bool:
        raise NotImplementedError

    @contextlib.contextmanager
    def lock(self, key: str, wait: float | None = None) -> Iterator[None]:
        """Hold this conversation for the length of the block; `Busy` if it stays held for `wait` seconds."""
        token = self._acquire_blocking(key, self.wait_seconds if wait is None else wait)
        self._hold(key, token)
        try:
            yield
        finally:
            self._release(key, token)

    @contextlib.asynccontextmanager
    async def alock(self, key: str, wait: float | None = None) -> AsyncIterator[None]:
        """The same as `lock`, waiting without blocking the event loop."""
        deadline = time.monotonic() + (self.wait_seconds if wait is None else wait)
        pause = 0.005
        while (token := self.try_lock(key)) is None:
            if time.monotonic() >= deadline:
                raise Busy("this conversation is busy in another process")
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.1)
        self._hold(key, token)
        try:
            yield
        finally:
            self._release(key, token)

    def _hold(self, key: str, token: str) -> None:
        """Keep this lease renewed until released: one keeper thread per store renews every held
        lease each third of `lease_seconds` (a turn costs a dict entry, not a thread)."""
        with _KEEPERS:
            if "_held" not in self.__dict__:
                self._held: dict[tuple[str, str], None] = {}
                self._keeping = False
            self._held[(key, token)] = None
            if not self._keeping:                        # the keeper stops when nothing is held
                self._keeping = True
                threading.Thread(target=self._keep, name="pathbot-lease-keeper", daemon=True).start()

    def _keep(self) -> None:
        while True:
            time.sleep(self.lease_seconds / 3)
            with _KEEPERS:
                held = list(self._held)
                if not held:
                    self._keeping = False
                    return
            for key, token in held:
                with contextlib.suppress(StoreUnavailable):    # tried again a third of a lease later
                    self.renew(key, token)

    def _acquire_blocking(self, key: str, wait: float) -> str:
        deadline = time.monotonic() + wait
        pause = 0.005
        while (token := self.try_lock(key)) is None:
            if time.monotonic() >= deadline:
                raise Busy("this conversation is busy in another process")
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
        return token

    def _release(self, key: str, token: str) -> None:
        with _KEEPERS:
            self._held.pop((key, token), None)
        with contextlib.suppress(StoreUnavailable):   # the lease expires by itself if this fails
            self.unlock(key, token)


def new_token() -> str:
    return secrets.token_hex(8)


class Store:
    """A store's two parts: `sessions` (per channel's keys) and `staff`; `where` is safe to print."""

    def __init__(self, sessions: Sessions, staff: Staff, where: str, closer=None):
        self.sessions, self.staff, self.where, self._closer = sessions, staff, where, closer

    def close(self) -> None:
        if self._closer:
            self._closer()


def describe(where: str) -> str:
    """The store's location without any password in it, for messages and logs."""
    if where.startswith(("redis://", "rediss://", "unix://")):
        from urllib.parse import urlsplit
        parts = urlsplit(where)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"
    return where


def open_store(where: str | None = None, idle_seconds: float = 1800, *, clock=time.time,
               environ=os.environ) -> Store:
    """The store at `where` (a SQLite file path or sqlite:///path, or redis://...); PATHBOT_STORE,
    else ./pathbot.db, when not given. Raises StoreUnavailable with one clear line if it cannot be used."""
    where = (where or environ.get(STORE_ENV) or DEFAULT_STORE).strip()
    if where.startswith(("redis://", "rediss://", "unix://")):
        from .redis import open_redis
        return open_redis(where, idle_seconds, clock=clock)
    from .sqlite import open_sqlite
    path = where[len("sqlite:///"):] if where.startswith("sqlite:///") else where
    return open_sqlite(path, idle_seconds, clock=clock)


class _Reopening:
    """Opens the store on first use, and again (at most every `retry_seconds`) after a failure."""

    def __init__(self, opener, retry_seconds: float = 5.0, clock=time.monotonic):
        self.opener, self.retry_seconds, self.clock = opener, retry_seconds, clock
        self.store: Store | None = None
        self.reason, self._next = "the store has not been opened yet", 0.0

    def get(self) -> Store:
        if self.store is not None:
            return self.store
        if self.clock() < self._next:
            raise StoreUnavailable(self.reason)
        try:
            self.store = self.opener()
        except StoreUnavailable as exc:
            self.reason, self._next = str(exc), self.clock() + self.retry_seconds
            raise
        return self.store


class _LaterSessions(SessionLocks):
    def __init__(self, reopening: _Reopening, idle_seconds: float):
        self._r, self._idle = reopening, idle_seconds

    @property
    def idle_seconds(self) -> float:
        return self._idle

    @idle_seconds.setter
    def idle_seconds(self, value: float) -> None:
        self._idle = value
        if self._r.store is not None:
            self._r.store.sessions.idle_seconds = value

    def _real(self) -> Sessions:
        real = self._r.get().sessions
        real.idle_seconds = self._idle
        return real

    def load(self, key):
        return self._real().load(key)

    def save(self, key, state):
        self._real().save(key, state)

    def delete(self, key):
        self._real().delete(key)

    def try_lock(self, key):
        return self._real().try_lock(key)

    def unlock(self, key, token):
        self._real().unlock(key, token)

    def renew(self, key, token):
        return self._real().renew(key, token)

    def sweep(self):
        return self._real().sweep()

    def seen(self, key):
        return self._real().seen(key)

    def mark_seen(self, key, keep_seconds):
        self._real().mark_seen(key, keep_seconds)

    def __len__(self):
        return len(self._real())


class _LaterStaff:
    def __init__(self, reopening: _Reopening):
        self._r = reopening

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args: getattr(self._r.get().staff, name)(*args)


def connect(where: str | None = None, idle_seconds: float = 1800, *, retry_seconds: float = 5.0,
            clock=time.time, environ=os.environ) -> tuple[Store, str | None]:
    """A store that keeps the bot up when the real one cannot be used: (store, None) when it opened,
    else (a stand-in that raises StoreUnavailable and tries again every `retry_seconds`, the reason
    in one line). Long-running channels use this; commands use `open_store`."""
    where = (where or environ.get(STORE_ENV) or DEFAULT_STORE).strip()
    reopening = _Reopening(lambda: open_store(where, idle_seconds, clock=clock), retry_seconds)
    try:
        return reopening.get(), None
    except StoreUnavailable as exc:
        stand_in = Store(_LaterSessions(reopening, idle_seconds), _LaterStaff(reopening), describe(where),
                         lambda: reopening.store and reopening.store.close())
        return stand_in, str(exc)
