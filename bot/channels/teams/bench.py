"""Teams figures for `make bench`: turns per second and reply time through the real SDK (CloudAdapter,
connector client, aiohttp over TCP on 127.0.0.1) against the fake Bot Connector.

A turn's reply time is from posting the activity to /api/messages until the bot answers 202, which
is after the SDK has posted every reply to the connector (and updated the answered card). The bot,
the connector and the clients share one event loop in one process, so one core does all three:
a pessimistic set-up. Target: p99 under 50 ms at 50 turns/s.

Conversations are kept in a new SQLite file, as `pathbot teams` keeps them by default (or `--store`).

    python -m bot.channels.teams.bench [--seconds 10] [--rate 50] [--store redis://127.0.0.1:6379/0]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time

from aiohttp.test_utils import TestClient, TestServer

from ...store import describe, open_store
from ...turn import TurnPipeline
from .fake_connector import TENANT, FakeConnector, card_actions, card_of, teams_message
from .server import Settings, build_app

SECRET = b"bench-secret-not-for-use-0123456789abcdef"
CONTINUE = {"concern": "experiencing", "alone": "yes", "family_interpreter": "no", "safe_to_talk": "yes",
            "disclosure": "yes"}
TYPED = {"yes": "yes", "no": "no"}


class Clinician:
    """One scripted conversation: starts, then presses a button (or types yes/no) each turn, until the end."""

    def __init__(self, n: int, connector: FakeConnector, rng: random.Random):
        self.user = f"00000000-0000-4000-9000-{n:012d}"
        self.conversation = f"a:{self.user}"
        self.connector, self.rng = connector, rng
        self.started = False

    def next_activity(self) -> dict:
        url = self.connector.url
        if not self.started:
            self.started = True
            return teams_message(url, "start exampleshire", user=self.user)
        card = self._card()
        if card is None:                                    # the end: begin again
            self.started = False
            return teams_message(url, "restart", user=self.user)
        actions = [a for a in card_actions(card) if not a["data"]["payload"].startswith("/")]
        payloads = [a["data"]["payload"] for a in actions]
        wanted = next((p for p in CONTINUE.values() if p in payloads), None) or self.rng.choice(payloads)
        if wanted in TYPED and self.rng.random() < 0.3:
            return teams_message(url, TYPED[wanted], user=self.user)
        data = next(a["data"] for a in actions if a["data"]["payload"] == wanted)
        return teams_message(url, None, value=data, user=self.user)

    def _card(self):
        body = self.connector.last_card.get(self.conversation)
        card = card_of(body) if body else None
        if card and [a for a in card_actions(card) if not a["data"]["payload"].startswith("/")]:
            return card
        return None


async def _run(seconds: float, rate: float, conversations: int, store: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="pathbot-bench-") as folder:
        the_store = open_store(store or os.path.join(folder, "pathbot.db"))
        try:
            figures = await _measure(seconds, rate, conversations, the_store)
        finally:
            the_store.close()
    return {**figures, "store": describe(store) if store else "sqlite file (the default)"}


async def _measure(seconds: float, rate: float, conversations: int, store) -> dict:
    async with FakeConnector(prefix="/bench/") as connector:
        settings = Settings(frozenset({TENANT}), SECRET, dev=True, check_hosts=False)
        app = build_app(TurnPipeline(), settings, store=store)
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            rng = random.Random(11)
            people = [Clinician(i, connector, rng) for i in range(conversations)]
            busy: set[int] = set()

            async def turn(person: Clinician) -> float:
                activity = person.next_activity()
                started = time.perf_counter()
                response = await client.post("/api/messages", json=activity)
                await response.read()
                if response.status != 202:
                    raise RuntimeError(f"bot answered {response.status}")
                return time.perf_counter() - started

            # 1. as fast as it goes: every conversation posts its next turn as soon as the last is answered
            async def flat_out(person: Clinician, until: float, count: list[int]) -> None:
                while time.perf_counter() < until:
                    await turn(person)
                    count[0] += 1
            count = [0]
            start = time.perf_counter()
            await asyncio.gather(*(flat_out(p, start + seconds / 2, count) for p in people))
            throughput = count[0] / (time.perf_counter() - start)

            # 2. paced: `rate` turns a second, spread over the conversations, for `seconds`
            timings: list[float] = []

            async def paced(i: int) -> None:
                person = people[i % len(people)]
                while i % len(people) in busy:              # a conversation's turns come one after another
                    await asyncio.sleep(0.001)
                busy.add(i % len(people))
                try:
                    timings.append(await turn(person))
                finally:
                    busy.discard(i % len(people))
            tasks = []
            start = time.perf_counter()
            for i in range(int(seconds * rate)):
                delay = start + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                tasks.append(asyncio.create_task(paced(i)))
            await asyncio.gather(*tasks)
            timings.sort()
            return {
                "max_turns_per_s": round(throughput, 1),
                "paced_turns_per_s": rate,
                "turns": len(timings),
                "reply_ms": {"p50": round(statistics.median(timings) * 1000, 2),
                             "p99": round(timings[int(len(timings) * 0.99)] * 1000, 2),
                             "max": round(timings[-1] * 1000, 2), "target_p99": 50.0},
                "connector_requests": len(connector.calls),
                "note": "bot, fake connector and clients on one event loop (one core)",
            }


def teams_figures(seconds: float = 10, rate: float = 50, conversations: int = 25, store: str | None = None) -> dict:
    """`store`: where conversations are kept (a redis:// URL, say); by default a new SQLite file."""
    return asyncio.run(_run(seconds, rate, conversations, store))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--conversations", type=int, default=25)
    parser.add_argument("--store", default=None, help="e.g. redis://127.0.0.1:6379/0 (default: a new SQLite file)")
    args = parser.parse_args()
    print(json.dumps({"teams": teams_figures(args.seconds, args.rate, args.conversations, args.store)}, indent=2))


if __name__ == "__main__":
    main()
