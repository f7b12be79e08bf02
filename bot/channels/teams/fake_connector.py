"""A fake Bot Connector on 127.0.0.1 for the offline tests and `make bench`: it catches what the SDK
posts (replies, card updates) the way Teams' connector would, and can be told to answer with errors
(a 429 with Retry-After, a 503) to exercise the retries. Also the activities Teams would send.

    async with FakeConnector(prefix="/amer/") as connector:
        activity = teams_message(connector.url, "hello", user="u1")   # post it to /api/messages
        ...
        connector.replies("a:1")     # what the bot sent to that conversation, in order
"""
from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field

from aiohttp import web

TENANT = "00000000-0000-4000-8000-00000000a001"       # synthetic ids for tests and the bench
OTHER_TENANT = "00000000-0000-4000-8000-00000000b002"


@dataclass
class Call:
    method: str
    conversation: str
    activity_id: str | None         # the reply-to id (POST) or the updated id (PUT)
    body: dict
    path: str


@dataclass
class FakeConnector:
    prefix: str = "/"
    calls: list[Call] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)     # statuses to answer next, in order
    retry_after: str = "0"
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    last_card: dict = field(default_factory=dict)          # conversation -> the newest posted card with buttons
    _runner: web.AppRunner | None = None
    url: str = ""

    async def __aenter__(self) -> "FakeConnector":
        app = web.Application()
        route = self.prefix.rstrip("/") + "/v3/conversations/{conversation}/activities"
        app.router.add_post(route, self._catch)
        app.router.add_post(route + "/{activity}", self._catch)
        app.router.add_put(route + "/{activity}", self._catch)
        app.router.add_delete(route + "/{activity}", self._catch)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}{self.prefix}"
        return self

    async def __aexit__(self, *exc) -> None:
        await self._runner.cleanup()

    async def _catch(self, request: web.Request) -> web.Response:
        if self.failures:
            status = self.failures.pop(0)
            self.calls.append(Call("FAILED", request.match_info["conversation"], None, {"status": status}, request.path))
            return web.json_response({"error": {"code": "Throttled"}}, status=status,
                                     headers={"Retry-After": self.retry_after})
        body = json.loads(await request.text() or "{}")
        self.calls.append(Call(request.method, request.match_info["conversation"],
                               request.match_info.get("activity"), body, request.path))
        if request.method == "POST" and card_actions(card_of(body) or {}):
            self.last_card[request.match_info["conversation"]] = body
        if request.method == "DELETE":
            return web.Response(status=200)
        new_id = request.match_info.get("activity") if request.method == "PUT" else f"m{next(self._ids)}"
        return web.json_response({"id": new_id})

    def replies(self, conversation: str) -> list[dict]:
        """The activities posted to a conversation (not the updates), in order."""
        return [c.body for c in self.calls if c.method == "POST" and c.conversation == conversation]

    def updates(self, conversation: str) -> list[Call]:
        return [c for c in self.calls if c.method == "PUT" and c.conversation == conversation]


_activity_ids = itertools.count(1)


def teams_message(service_url: str, text: str | None = None, *, value: dict | None = None,
                  user: str = "00000000-0000-4000-8000-0000000000c1", conversation: str | None = None,
                  tenant: str = TENANT, conversation_type: str = "personal", reply_to: str | None = None,
                  attachments: list | None = None, kind: str = "message") -> dict:
    """A Bot Framework activity shaped as Teams sends it to a bot in a personal chat."""
    activity = {
        "type": kind, "id": f"f:{next(_activity_ids)}", "channelId": "msteams", "serviceUrl": service_url,
        "timestamp": "2026-01-01T00:00:00.000Z", "locale": "en-GB",
        "from": {"id": f"29:{user}", "aadObjectId": user, "name": "Test Clinician"},
        "conversation": {"id": conversation or f"a:{user}", "conversationType": conversation_type,
                         "tenantId": tenant},
        "recipient": {"id": "28:pathbot", "name": "pathbot"},
        "channelData": {"tenant": {"id": tenant}},
    }
    if text is not None:
        activity["text"] = text
        activity["textFormat"] = "plain"
    if value is not None:
        activity["value"] = value
    if reply_to:
        activity["replyToId"] = reply_to
    if attachments:
        activity["attachments"] = attachments
    return activity


def card_of(body: dict) -> dict | None:
    """The Adaptive Card in a posted activity, if any."""
    for a in body.get("attachments") or []:
        if a.get("contentType") == "application/vnd.microsoft.card.adaptive":
            return a["content"]
    return None


def card_actions(card: dict) -> list[dict]:
    """Every Action.Submit of a card, in order."""
    return [a for block in card.get("body", []) if block.get("type") == "ActionSet"
            for a in block["actions"] if a.get("type") == "Action.Submit"]


def card_text(card: dict) -> str:
    out = []

    def walk(items):
        for b in items:
            if b.get("type") == "TextBlock":
                out.append(b["text"])
            walk(b.get("items", []))
    walk(card.get("body", []))
    return "\n".join(out)


async def wait_for(predicate, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the fake connector did not see what was expected")
        await asyncio.sleep(0.01)
