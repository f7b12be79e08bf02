"""200 clinicians at once through the real SDK and one fake connector: every conversation gets its
own replies, in its own place, with its own state; nothing crosses between them."""
from __future__ import annotations

import asyncio
import json

import pytest

pytest.importorskip("microsoft_agents.hosting.aiohttp")

from bot.turn import TurnPipeline
from bot.channels.teams.fake_connector import TENANT, card_actions, card_of, teams_message

from test_teams import latest_card, teams

pytestmark = pytest.mark.filterwarnings("ignore::aiohttp.web_exceptions.NotAppKeyWarning")
USERS = [f"00000000-0000-4000-8000-{n:012d}" for n in range(200)]


def test_200_concurrent_conversations_do_not_cross(backend=None):
    backend = TurnPipeline()

    async def go():
        async with teams(backend) as (post, connector, bot):
            areas = {u: ("exampleshire" if i % 2 else "northdale") for i, u in enumerate(USERS)}
            concern = {u: ("experiencing" if i % 3 else "causing") for i, u in enumerate(USERS)}
            sent: dict[str, list[str]] = {u: [] for u in USERS}

            async def say(user, **kw):
                activity = teams_message(connector.url, user=user, **kw)
                sent[user].append(activity["id"])
                response = await post(activity)
                assert response.status == 202

            await asyncio.gather(*(say(u, text=f"start {areas[u]}") for u in USERS))

            async def press(user, payload):
                card = latest_card(connector, f"a:{user}")
                data = next(a["data"] for a in card_actions(card) if a["data"]["payload"] == payload)
                await say(user, value=data)

            await asyncio.gather(*(press(u, concern[u]) for u in USERS))
            assert len(bot.sessions) == 200
            for user in USERS:
                record = bot.sessions.load(bot.session_key(TENANT, user, f"a:{user}"))
                assert record["state"]["area"] == areas[user]
                assert record["state"]["answers"].get("concern") == concern[user]
                calls = [c for c in connector.calls if c.conversation == f"a:{user}"]
                # every reply answers one of this user's own activities, and only theirs
                assert {c.activity_id for c in calls if c.method == "POST"} <= set(sent[user])
                assert all(c.method in ("POST", "PUT") for c in calls)
                other = areas[user] == "exampleshire" and "Northdale" or "Exampleshire"
                assert other not in json.dumps([c.body for c in calls])
    asyncio.run(go())
