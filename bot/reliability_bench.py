"""`make bench`, the store and Telegram figures (#13); measured, never asserted.

- turns per second through the store, SQLite and Redis: each turn takes the conversation's lock,
  loads it, runs the engine and saves it, with 10,000 sessions stored, and its p99 time;
- restart to first reply: a real `pathbot telegram` process started on a store holding a case
  mid-way, with the clinician's next answer waiting at the (fake) Bot API, until the reply is sent;
- turns per second through the real python-telegram-bot Application and its HTTP client, against
  the fake Bot API (bot/channels/fake_bot_api.py) in a process of its own playing 100 clinicians,
  its CPU reported apart: once with Telegram's pacing (30 messages/s) lifted, the bot's own
  ceiling (target 150 turns/s), and once with the production limits kept, which then set the pace.
  The machine's load average is printed with them: the figures move with it.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .store import open_store
from .turn import EmbeddedBackend

TOKEN = "123456789:AABenchTokenNeverReal_0123456789abc"
SECRET = "bench-deployment-secret-0123456789abcdefgh"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answer(question, rng: random.Random) -> str | None:
    """A random answer among a question's buttons ("/set", none of a tick list, counts as one)."""
    answers = [b.payload for b in question.buttons if not b.payload.startswith("/") or b.payload == "/set"]
    return rng.choice(answers) if answers else None


def _mid_case(backend: EmbeddedBackend, rng: random.Random) -> dict:
    state, said = backend.start("exampleshire")
    for _ in range(rng.randrange(2, 20)):
        q = next((m for m in reversed(said) if m.asks), None)
        if q is None or "done" in state["flags"] or _answer(q, rng) is None:
            break
        state, said = backend.press(state, _answer(q, rng))
    return state


def _turns(store, backend: EmbeddedBackend, keys: list[str], turns: int, rng: random.Random) -> dict:
    times = []
    started = time.perf_counter()
    for _ in range(turns):
        key = rng.choice(keys)
        t0 = time.perf_counter()
        with store.sessions.lock(key):
            record = store.sessions.load(key)
            state = record["state"] if record else backend.start("exampleshire")[0]
            said = backend.repeat(state)
            q = next((m for m in reversed(said) if m.asks), None)
            payload = _answer(q, rng) if q is not None and "done" not in state["flags"] else None
            if payload is None:
                state, _ = backend.start("exampleshire")
            else:
                state, _ = backend.press(state, payload)
            store.sessions.save(key, {"state": state, "gen": "abc123"})
        times.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    times.sort()
    return {"turns_per_s": round(turns / elapsed), "p50_ms": round(times[len(times) // 2] * 1000, 3),
            "p99_ms": round(times[int(len(times) * 0.99)] * 1000, 3)}


def _redis_server() -> tuple[str, subprocess.Popen, str] | None:
    binary = shutil.which("redis-server") or ("/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None)
    if binary is None:
        return None
    folder, port = tempfile.mkdtemp(prefix="pathbot-bench-redis-"), _free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return f"redis://127.0.0.1:{port}/0", proc, folder
        except OSError:
            time.sleep(0.05)
    proc.kill()
    return None


def store_figures(backend: EmbeddedBackend, stored: int = 10_000, turns: int = 3000) -> dict:
    """Turns through each store with `stored` sessions in it, and the bytes one stored session takes."""
    rng = random.Random(13)
    states = [_mid_case(backend, rng) for _ in range(200)]
    keys = [f"bench-{i:06d}" for i in range(stored)]
    figures: dict = {"stored_sessions": stored,
                     "stored_session_bytes": round(sum(len(json.dumps({"state": s, "gen": "abc123"},
                                                                      separators=(",", ":"))) for s in states)
                                                   / len(states))}
    folder = tempfile.mkdtemp(prefix="pathbot-bench-")
    redis = _redis_server()
    try:
        places = {"sqlite": str(Path(folder) / "pathbot.db")}
        if redis:
            places["redis"] = redis[0]
        for name, where in places.items():
            store = open_store(where, idle_seconds=3600)
            try:
                for i, key in enumerate(keys):
                    store.sessions.save(key, {"state": states[i % len(states)], "gen": "abc123"})
                figures[name] = _turns(store, backend, keys, turns, rng)
            finally:
                store.close()
        if not redis:
            figures["redis"] = "redis-server not installed (make redis-server)"
    finally:
        if redis:
            redis[1].terminate()
            redis[1].wait(timeout=10)
            shutil.rmtree(redis[2], ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def _env(store: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PATHBOT_", "TELEGRAM_"))}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, PATHBOT_SESSION_SECRET=SECRET, PATHBOT_STORE=store)
    return env


def restart_to_first_reply(backend: EmbeddedBackend, repeats: int = 3) -> dict:
    """Seconds from starting `pathbot telegram` (a case waiting in its SQLite store, the clinician's
    answer waiting at the Bot API) to the reply being sent; the median of `repeats`."""
    from .channels.access import AccessList, pseudonym
    from .channels.fake_bot_api import FakeBotAPI

    chat, times = 1001, []
    for _ in range(repeats):
        folder = Path(tempfile.mkdtemp(prefix="pathbot-bench-"))
        api = FakeBotAPI().start()
        proc = None
        try:
            where = str(folder / "pathbot.db")
            store = open_store(where)
            AccessList(store.staff, SECRET.encode()).grant(chat, "Bench admin")
            state, _ = backend.start("exampleshire")
            state, _ = backend.press(state, "experiencing")
            store.sessions.save(pseudonym(SECRET.encode(), "telegram-chat", chat), {"state": state, "gen": "abc123"})
            store.close()
            api.push(api.press(chat, "abc123:yes", 777))
            started = time.perf_counter()
            proc = subprocess.Popen([str(Path(sys.executable).with_name("pathbot")), "telegram", "--api-url", api.url],
                                    cwd=folder, env=_env(where), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if api.wait_for(lambda: api.to(chat), 60):
                times.append(time.perf_counter() - started)
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)
            api.stop()
            shutil.rmtree(folder, ignore_errors=True)
    times.sort()
    return {"median_s": round(times[len(times) // 2], 3) if times else None, "runs": len(times)}


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) another process has used so far, from /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def telegram_throughput(backend: EmbeddedBackend, chats: int = 100, seconds: float = 15.0,
                        delivery=None) -> dict:
    """Turns (updates taken in: button presses, and /start after a case ends) per second through the real Application and its HTTP client
    against the fake Bot API, which runs in a process of its own (so its cost is not the bot's, and
    it is reported apart). `delivery`: the production Delivery (Telegram's limits kept) or, by
    default, the same layer with the limits lifted, to measure the bot's own ceiling."""
    from .channels.access import AccessList
    from .channels.delivery import Delivery
    from .channels.telegram import build_application

    # with Telegram's pacing a reply's messages come up to a second or so apart: the clinicians wait
    # for the whole reply before answering, as people do
    fake = subprocess.Popen([sys.executable, "-m", "bot.channels.fake_bot_api", "--clinicians",
                             "--think", "0.05" if delivery is None else "2"], stdout=subprocess.PIPE, text=True)
    folder = Path(tempfile.mkdtemp(prefix="pathbot-bench-"))
    try:
        url = fake.stdout.readline().strip()

        def call(path: str, body: dict | None = None) -> dict:
            request = urllib.request.Request(url + path, data=json.dumps(body).encode() if body is not None else None)
            with urllib.request.urlopen(request, timeout=30) as reply:
                return json.loads(reply.read())

        store = open_store(str(folder / "pathbot.db"))
        access = AccessList(store.staff, SECRET.encode())
        ids = range(50_001, 50_001 + chats)
        for chat in ids:
            access.grant(chat, "Bench admin")
        lifted = delivery is None
        delivery = delivery or Delivery(per_second=1_000_000, chat_burst=1_000_000, chat_period=1)
        app = build_application(TOKEN, backend, access, SECRET.encode(), api_url=url, store=store, delivery=delivery)

        async def measure() -> dict:
            await app.initialize()
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=["message", "callback_query"])
            for chat in ids:
                call("/_push", {"message": {"message_id": chat, "date": int(time.time()), "text": "/start exampleshire",
                                            "chat": {"id": chat, "type": "private", "first_name": "Test"},
                                            "from": {"id": chat, "is_bot": False, "first_name": "Test"},
                                            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}})
            await asyncio.sleep(3)                       # warm up
            before, cpu, wall, fake_cpu = call("/_stats"), time.process_time(), time.perf_counter(), _cpu_seconds(fake.pid)
            await asyncio.sleep(seconds)
            after, cpu, wall = call("/_stats"), time.process_time() - cpu, time.perf_counter() - wall
            fake_cpu = None if fake_cpu is None else _cpu_seconds(fake.pid) - fake_cpu
            # stopping mid-stream, the last getUpdates' answer is left for a next start (as PTB says, loudly)
            logging.getLogger("telegram.ext.Updater").setLevel(logging.CRITICAL + 1)
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
            calls = {k: after.get(k, 0) - before.get(k, 0) for k in after}
            turns, sends = calls.pop("updates_confirmed", 0), calls.get("sendMessage", 0)
            return {"turns_per_s": round(turns / wall, 1), "messages_sent_per_s": round(sends / wall, 1),
                    "bot_api_calls_per_turn": round(sum(calls.values()) / max(turns, 1), 2),
                    "bot_cpu_share": round(cpu / wall, 2),
                    # the machine is shared: the bot's CPU per turn moves far less with the load than turns/s
                    "bot_cpu_ms_per_turn": round(cpu / max(turns, 1) * 1000, 2),
                    "fake_api_cpu_share": None if fake_cpu is None else round(fake_cpu / wall, 2),
                    "telegram_limits": "lifted for this measurement (the bot's own ceiling)" if lifted
                    else "kept, as in production (30 messages/s overall, a burst then ~1/s per chat)",
                    "chats": chats, "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
                    "cores": os.cpu_count(), **({"target": 150} if lifted else {})}

        result = asyncio.run(measure())
        store.close()
        return result
    finally:
        fake.terminate()
        fake.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def reliability_figures(backend: EmbeddedBackend) -> dict:
    figures = {"store": store_figures(backend)}
    try:
        from .channels.delivery import Delivery
        figures["telegram"] = {"restart_to_first_reply": restart_to_first_reply(backend),
                               "through_the_application": telegram_throughput(backend),
                               "with_telegram_limits": telegram_throughput(backend, seconds=8.0, delivery=Delivery())}
    except ImportError as exc:               # python-telegram-bot not installed
        figures["telegram"] = f"skipped: {exc}"
    return figures


if __name__ == "__main__":
    print(json.dumps(reliability_figures(EmbeddedBackend()), indent=2))
