"""The store (bot/store): sessions with an idle TTL and a per-conversation lock, staff and invites.

Every test runs against SQLite; the same tests run against a real redis-server when one can be
started (tests/redis_server.py), so both stores keep one behaviour.
"""
from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time

import pytest

from bot.store import Busy, StoreUnavailable, connect, open_store

from redis_server import redis_url_or_skip


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "redis"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(str(tmp_path / "pathbot.db"), idle_seconds=60)
    else:
        s = open_store(redis_url_or_skip(request), idle_seconds=60)
        s.sessions.client.flushdb()
    yield s
    s.close()


STATE = {"area": "exampleshire", "step": "alone", "answers": {"concern": "experiencing"}, "flags": []}


def test_save_load_delete(store):
    sessions = store.sessions
    assert sessions.load("k1") is None
    sessions.save("k1", {"state": STATE, "gen": "abc123"})
    assert sessions.load("k1") == {"state": STATE, "gen": "abc123"}
    sessions.save("k1", {"state": {**STATE, "step": "safe_to_talk"}, "gen": "def456"})
    assert sessions.load("k1")["state"]["step"] == "safe_to_talk"
    assert len(sessions) == 1
    sessions.delete("k1")
    assert sessions.load("k1") is None and len(sessions) == 0


def test_the_lock_lets_one_holder_at_a_time(store):
    sessions = store.sessions
    token = sessions.try_lock("k1")
    assert token and sessions.try_lock("k1") is None and sessions.try_lock("k2")
    with pytest.raises(Busy):
        with sessions.lock("k1", wait=0.05):
            pass
    sessions.unlock("k1", "not-the-token")                # only the holder can release it
    assert sessions.try_lock("k1") is None
    sessions.unlock("k1", token)
    with sessions.lock("k1"):
        assert sessions.try_lock("k1") is None
    assert sessions.try_lock("k1")


def test_threads_never_advance_one_conversation_at_once(store):
    """Twenty threads each add one to a counter in the session under its lock: none is lost."""
    store.sessions.save("k", {"n": 0})
    inside, overlaps = [0], [0]

    def bump():
        for _ in range(5):
            with store.sessions.lock("k"):
                inside[0] += 1
                overlaps[0] += inside[0] > 1
                n = store.sessions.load("k")["n"]
                time.sleep(0.001)
                store.sessions.save("k", {"n": n + 1})
                inside[0] -= 1

    threads = [threading.Thread(target=bump) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.sessions.load("k") == {"n": 100} and overlaps[0] == 0


def test_the_async_lock_waits_without_blocking_the_loop(store):
    async def main():
        order = []

        async def turn(name):
            async with store.sessions.alock("k"):
                order.append(f"{name} in")
                await asyncio.sleep(0.02)
                order.append(f"{name} out")

        await asyncio.gather(turn("a"), turn("b"))
        return order

    order = asyncio.run(main())
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])


def test_staff_and_invites(store):
    staff = store.staff
    assert not staff.is_staff("u1") and staff.count_staff() == 0
    staff.add_staff("u1", "2026-01-01T00:00:00Z", "Dr A, lead")
    staff.add_staff("u1", "2026-02-01T00:00:00Z", "someone else")     # already there: kept as it was
    assert staff.is_staff("u1") and staff.count_staff() == 1
    assert staff.staff() == [{"user": "u1", "added": "2026-01-01T00:00:00Z", "invited_by": "Dr A, lead"}]
    staff.add_invite("c1", "Dr A, lead", "2026-01-01T00:00:00Z", time.time() + 3600)
    assert staff.count_invites() == 1
    assert staff.take_invite("c1")["issued_by"] == "Dr A, lead"
    assert staff.take_invite("c1") is None and staff.count_invites() == 0
    assert staff.remove_staff("u1") and not staff.remove_staff("u1") and not staff.is_staff("u1")
    staff.set_meta("schema", "1")
    assert staff.get_meta("schema") == "1" and staff.get_meta("other") is None


# --- SQLite only --------------------------------------------------------------------------------------

def test_idle_sessions_expire_and_are_swept(tmp_path):
    clock = Clock()
    store = open_store(str(tmp_path / "pathbot.db"), idle_seconds=60, clock=clock)
    store.sessions.save("old", STATE)
    clock.now += 30
    store.sessions.save("new", STATE)
    clock.now += 31
    assert store.sessions.load("old") is None and store.sessions.load("new") == STATE
    store.sessions.save("old", STATE)
    clock.now += 61
    assert store.sessions.sweep() == 2 and len(store.sessions) == 0


def test_a_lease_left_by_a_killed_process_expires(tmp_path):
    clock = Clock()
    store = open_store(str(tmp_path / "pathbot.db"), clock=clock)
    assert store.sessions.try_lock("k")                    # never released: the holder "died"
    assert store.sessions.try_lock("k") is None
    clock.now += store.sessions.lease_seconds + 1
    assert store.sessions.try_lock("k")


def test_a_turn_longer_than_the_lease_keeps_its_lock(store):
    """The holder renews its lease while it works (a slow send, 429 retries): nobody else gets the
    conversation meanwhile, and it is free as soon as the holder lets go."""
    store.sessions.lease_seconds = 1.5                     # renewed every 0.5 s; generous for a loaded machine
    with store.sessions.lock("k"):
        deadline = time.monotonic() + 3.5
        while time.monotonic() < deadline:
            assert store.sessions.try_lock("k") is None
            time.sleep(0.25)
    assert store.sessions.try_lock("k")


def test_two_processes_share_one_file(tmp_path):
    a = open_store(str(tmp_path / "pathbot.db"))
    b = open_store(str(tmp_path / "pathbot.db"))
    a.sessions.save("k", STATE)
    assert b.sessions.load("k") == STATE
    token = b.sessions.try_lock("k")
    assert token and a.sessions.try_lock("k") is None


def test_a_damaged_file_is_reported_in_one_line(tmp_path):
    path = tmp_path / "pathbot.db"
    path.write_bytes(b"this is not a database, just some bytes " * 200)
    os.chmod(path, 0o600)
    with pytest.raises(StoreUnavailable) as caught:
        open_store(str(path))
    message = str(caught.value)
    assert "damaged" in message and str(path) in message and "\n" not in message
    store, problem = connect(str(path), retry_seconds=0)      # the bot stays up, and says why
    assert problem == message
    with pytest.raises(StoreUnavailable):
        store.sessions.load("k")
    path.unlink()                                             # moved aside: the next use opens a new one
    store.sessions.save("k", STATE)
    assert store.sessions.load("k") == STATE


def test_a_locked_file_fails_fast_and_says_so(tmp_path):
    path = tmp_path / "pathbot.db"
    store = open_store(str(path))
    store.sessions.db.conn.execute("PRAGMA busy_timeout = 100")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        started = time.perf_counter()
        with pytest.raises(StoreUnavailable, match="locked"):
            store.sessions.save("k", STATE)
        assert time.perf_counter() - started < 1.5
    finally:
        blocker.execute("ROLLBACK")
    store.sessions.save("k", STATE)                           # and works again once it is free
    assert store.sessions.load("k") == STATE


def test_seen_activities_expire_after_their_own_time(store):
    """Teams re-delivers an activity it thinks was lost: any replica sharing the store knows it was handled."""
    sessions = store.sessions
    assert not sessions.seen("act1")
    sessions.mark_seen("act1", 0.3)
    sessions.mark_seen("act2", 60)
    assert sessions.seen("act1") and sessions.seen("act2") and not sessions.seen("act3")
    assert len(sessions) == 0                       # not sessions
    time.sleep(0.5)
    sessions.sweep()
    assert not sessions.seen("act1") and sessions.seen("act2")
