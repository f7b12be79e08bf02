"""The shared store for replicas: Redis (`PATHBOT_STORE=redis://host:6379/0`), same interface as SQLite.

Keys (all under `pathbot:`):
    pathbot:s:<session key>   the state JSON, with the idle time-out as its TTL (PX)
    pathbot:l:<session key>   a conversation's lock: a random token, SET NX with a lease TTL;
                              released only by its holder (compare-and-delete in one Lua script)
    pathbot:a:<activity key>  an activity already handled (`mark_seen`), expiring after its TTL
    pathbot:staff             hash: user hash -> {"added", "invited_by"}
    pathbot:i:<code hash>     an invite, expiring when it does; redeemed with GETDEL (works once)
    pathbot:meta              hash: name -> value
Redis expires idle sessions itself, for every replica at once, so `sweep` has nothing to do.
"""
from __future__ import annotations

import json
import time

import redis as redis_lib
from redis.exceptions import RedisError

from . import SessionLocks, Store, StoreUnavailable, describe, new_token

PREFIX = "pathbot:"
_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""


class _Guard:
    """Turns any Redis error into StoreUnavailable naming only where the store is."""

    def __init__(self, where: str):
        self.where = where

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is not None and isinstance(exc, (RedisError, OSError)):
            raise StoreUnavailable(f"the store {self.where} cannot be reached ({type(exc).__name__})") from None
        return False


class RedisSessions(SessionLocks):
    def __init__(self, client: "redis_lib.Redis", where: str, idle_seconds: float):
        self.client, self.guard, self.idle_seconds = client, _Guard(where), idle_seconds
        self._unlock = client.register_script(_UNLOCK)
        self._renew = client.register_script(_RENEW)

    def load(self, key: str) -> dict | None:
        with self.guard:
            body = self.client.get(PREFIX + "s:" + key)
        if body is None:
            return None
        try:
            return json.loads(body)
        except ValueError:
            raise StoreUnavailable(f"the store {self.guard.where} is damaged (a session is not JSON)") from None

    def save(self, key: str, state: dict) -> None:
        with self.guard:
            self.client.set(PREFIX + "s:" + key, json.dumps(state, separators=(",", ":")),
                            px=max(1, int(self.idle_seconds * 1000)))

    def delete(self, key: str) -> None:
        with self.guard:
            self.client.delete(PREFIX + "s:" + key)

    def try_lock(self, key: str) -> str | None:
        token = new_token()
        with self.guard:
            taken = self.client.set(PREFIX + "l:" + key, token, nx=True, px=int(self.lease_seconds * 1000))
        return token if taken else None

    def unlock(self, key: str, token: str) -> None:
        with self.guard:
            self._unlock(keys=[PREFIX + "l:" + key], args=[token])

    def renew(self, key: str, token: str) -> bool:
        with self.guard:
            return bool(self._renew(keys=[PREFIX + "l:" + key], args=[token, int(self.lease_seconds * 1000)]))

    def sweep(self) -> int:
        return 0                      # Redis wipes idle sessions itself (their TTL)

    def seen(self, key: str) -> bool:
        with self.guard:
            return bool(self.client.exists(PREFIX + "a:" + key))

    def mark_seen(self, key: str, keep_seconds: float) -> None:
        with self.guard:
            self.client.set(PREFIX + "a:" + key, b"1", px=max(1, int(keep_seconds * 1000)))

    def __len__(self) -> int:
        with self.guard:
            return sum(1 for _ in self.client.scan_iter(match=PREFIX + "s:*", count=1000))


class RedisStaff:
    def __init__(self, client: "redis_lib.Redis", where: str, clock=time.time):
        self.client, self.guard, self.clock = client, _Guard(where), clock

    def is_staff(self, user: str) -> bool:
        with self.guard:
            return bool(self.client.hexists(PREFIX + "staff", user))

    def add_staff(self, user: str, added: str, invited_by: str) -> None:
        with self.guard:
            self.client.hsetnx(PREFIX + "staff", user, json.dumps({"added": added, "invited_by": invited_by}))

    def remove_staff(self, user: str) -> bool:
        with self.guard:
            return self.client.hdel(PREFIX + "staff", user) == 1

    def staff(self) -> list[dict]:
        with self.guard:
            entries = self.client.hgetall(PREFIX + "staff")
        rows = [{"user": u.decode(), **json.loads(v)} for u, v in entries.items()]
        return sorted(rows, key=lambda r: (r["added"], r["user"]))

    def count_staff(self) -> int:
        with self.guard:
            return self.client.hlen(PREFIX + "staff")

    def add_invite(self, code: str, issued_by: str, issued: str, expires: float) -> None:
        if expires <= self.clock():
            return
        with self.guard:
            self.client.set(PREFIX + "i:" + code, json.dumps({"issued_by": issued_by, "issued": issued,
                                                               "expires": expires}), pxat=int(expires * 1000))

    def take_invite(self, code: str) -> dict | None:
        with self.guard:
            body = self.client.getdel(PREFIX + "i:" + code)
        return None if body is None else json.loads(body)

    def count_invites(self) -> int:
        with self.guard:
            return sum(1 for _ in self.client.scan_iter(match=PREFIX + "i:*", count=1000))

    def get_meta(self, name: str) -> str | None:
        with self.guard:
            value = self.client.hget(PREFIX + "meta", name)
        return None if value is None else value.decode()

    def set_meta(self, name: str, value: str) -> None:
        with self.guard:
            self.client.hset(PREFIX + "meta", name, value)


def open_redis(url: str, idle_seconds: float = 1800, *, clock=time.time, timeout: float = 2.0) -> Store:
    """The Redis store at `url`; checks it answers (StoreUnavailable, one line, if it does not)."""
    where = describe(url)
    try:
        client = redis_lib.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout,
                                          health_check_interval=30)
    except ValueError:
        raise StoreUnavailable(f"PATHBOT_STORE is not a usable redis:// address ({where})") from None
    with _Guard(where):
        client.ping()
    return Store(RedisSessions(client, where, idle_seconds), RedisStaff(client, where, clock), where, client.close)
