"""The web chat's socket protocol without a browser: aiohttp's test client against the real app.

Malformed messages, the size limit, the rate limit, the trainer passcode, refused identifiers
(blanked: the text never comes back), danger, scenarios and branching, and no text in the logs.
"""
from __future__ import annotations

import asyncio
import json
import logging

import pytest

aiohttp = pytest.importorskip("aiohttp")
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from bot.channels import web  # noqa: E402

SECRET_TEXT = "her NHS number is 999 000 0001 and she is scared"


def run(coro):
    return asyncio.run(coro)


async def _session(server: web.WebServer, body, headers=None):
    async with TestClient(TestServer(server.app())) as client:
        ws = await client.ws_connect("/ws", headers=headers or {})
        try:
            return await body(ws, client)
        finally:
            await ws.close()


async def _ask(ws, message) -> list[dict]:
    """Send one message; collect replies until the turn (or an error) arrives."""
    await ws.send_str(message if isinstance(message, str) else json.dumps(message))
    out = []
    while True:
        msg = await asyncio.wait_for(ws.receive(), 20)
        if msg.type != aiohttp.WSMsgType.TEXT:
            out.append({"type": "closed", "code": ws.close_code})
            return out
        data = json.loads(msg.data)
        out.append(data)
        if data["type"] in ("turn", "error", "scenario", "scenarios"):
            return out


@pytest.fixture(scope="module")
def server():
    return web.WebServer()


def test_page_served_with_a_strict_policy(server):
    async def body(ws, client):
        r = await client.get("/")
        text = await r.text()
        assert r.status == 200 and 'aria-label="Message"' in text
        assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        assert (await client.get("/static/app.js")).status == 200
        assert (await client.get("/static/../web.py")).status in (403, 404)
    run(_session(server, body))


def test_start_in_an_area_and_press_buttons(server):
    async def body(ws, client):
        replies = await _ask(ws, {"type": "start", "area": "exampleshire"})
        kinds = [r["type"] for r in replies]
        assert kinds[-1] == "turn" and "diagram" in kinds
        diagram = next(r for r in replies if r["type"] == "diagram")
        assert "svg" in diagram or "Graphviz" in diagram["missing"]
        turn = replies[-1]
        assert turn["area"] == "exampleshire" and turn["node"] == "concern"
        assert "A patient may be experiencing abuse" in [b["title"] for b in turn["messages"][-1]["buttons"]]
        turn = (await _ask(ws, {"type": "press", "payload": "experiencing"}))[-1]
        assert turn["messages"][-1]["asks"] == "alone" and turn["node"] == "alone"
    run(_session(server, body))


def test_area_question_offers_demo_areas_and_unknown_area_is_an_error(server):
    async def body(ws, client):
        turn = (await _ask(ws, {"type": "start"}))[-1]
        ask = turn["messages"][-1]
        assert ask["asks"] == "area"
        payloads = {b["payload"] for b in ask["buttons"]}
        assert payloads and all(server.backend.library.get(p).demo for p in payloads)
        err = (await _ask(ws, {"type": "start", "area": "atlantis"}))[-1]
        assert err["type"] == "error" and "unknown area" in err["error"]
    run(_session(server, body))


def test_identifier_refused_flagged_and_never_sent_back(server, caplog):
    caplog.set_level(logging.DEBUG)

    async def body(ws, client):
        await _ask(ws, {"type": "start", "area": "exampleshire"})
        replies = await _ask(ws, {"type": "send", "text": SECRET_TEXT})
        turn = replies[-1]
        assert turn["refused"] is True
        assert "999 000 0001" not in json.dumps(replies)
        assert turn["messages"][0]["kind"] == "warning"
        ok = (await _ask(ws, {"type": "send", "text": "a patient may be experiencing abuse"}))[-1]
        assert ok["refused"] is False
    run(_session(server, body))
    assert "999 000 0001" not in caplog.text and "scared" not in caplog.text


def test_blanking_follows_the_pipelines_refusal_flag_not_its_wording(monkeypatch):
    """Reviewers may reword the refusal: the page must still blank the message (live and in a
    scenario), and a warning that merely sounds like a refusal must not blank anything."""
    from bot import privacy
    from bot.messages import Message
    from bot.turn import TurnPipeline
    monkeypatch.setattr(privacy.Verdict, "explain", lambda self: "Not stored: that looked like a patient identifier.")

    class SoundsLikeARefusal(TurnPipeline):
        def send(self, state, text):
            if text == "sounds":
                return state, [Message("I haven't kept that message (a notice, not a refusal)", "warning")]
            return super().send(state, text)

    async def body(ws, client):
        await _ask(ws, {"type": "start", "area": "exampleshire"})
        turn = (await _ask(ws, {"type": "send", "text": SECRET_TEXT}))[-1]
        assert turn["refused"] is True and turn["messages"][0]["text"].startswith("Not stored")
        assert "999 000 0001" not in json.dumps(turn)
        turn = (await _ask(ws, {"type": "send", "text": "sounds"}))[-1]
        assert turn["refused"] is False
    run(_session(web.WebServer(SoundsLikeARefusal()), body))
    # scenario mode: the recorded step of a refused message is blanked too
    recorder = web.Recorder(TurnPipeline())
    state, _ = recorder.start("exampleshire")
    recorder.send(state, SECRET_TEXT)
    assert recorder.steps[-1].refused and recorder.steps[-1].clinician is None


def test_danger_typed_gives_emergency_advice(server):
    async def body(ws, client):
        await _ask(ws, {"type": "start", "area": "northdale"})
        turn = (await _ask(ws, {"type": "send", "text": "he's in the waiting room with a knife"}))[-1]
        assert any(m["kind"] == "emergency" and "999" in m["text"] for m in turn["messages"])
    run(_session(server, body))


@pytest.mark.parametrize("raw, words", [
    ("not json", "not JSON"),
    ("[1, 2]", "JSON object"),
    ('{"type": 3}', "JSON object"),
    ('{"type": "explode"}', "unknown type"),
    ('{"type": "send", "text": "hello"}', "start a conversation first"),
    ('{"type": "scenario", "id": "../../etc/passwd"}', "no such scenario"),
    ('{"type": "branch", "step": 0}', "step"),
    ('{"type": "start", "area": ["x"]}', "area"),
    ("[" * 5000, "not JSON"),
])
def test_malformed_messages_get_a_plain_error(server, raw, words):
    async def body(ws, client):
        reply = (await _ask(ws, raw))[-1]
        assert reply["type"] == "error" and words in reply["error"]
        assert "Traceback" not in reply["error"]
        assert (await _ask(ws, {"type": "start", "area": "exampleshire"}))[-1]["type"] == "turn"   # still open
    run(_session(server, body))


def test_press_before_start_and_wrong_shapes(server):
    async def body(ws, client):
        await _ask(ws, {"type": "start", "area": "exampleshire"})
        reply = (await _ask(ws, {"type": "press", "payload": 7}))[-1]
        assert reply["type"] == "error" and "payload" in reply["error"]
        reply = (await _ask(ws, {"type": "send", "text": "   "}))[-1]
        assert reply["type"] == "error" and "empty" in reply["error"]
        turn = (await _ask(ws, {"type": "press", "payload": "not-an-answer"}))[-1]
        assert turn["type"] == "turn"       # the engine asks again
    run(_session(server, body))


def test_size_limit(server):
    async def body(ws, client):
        await _ask(ws, {"type": "start", "area": "exampleshire"})
        reply = (await _ask(ws, {"type": "send", "text": "x" * (web.MAX_MESSAGE + 10)}))[-1]
        assert reply["type"] == "error" and "too large" in reply["error"]
        await ws.send_str("y" * (web.MAX_FRAME + 10))       # far too big: the socket is closed
        msg = await asyncio.wait_for(ws.receive(), 10)
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
    run(_session(server, body))


def test_rate_limit_per_connection(server):
    async def body(ws, client):
        await _ask(ws, {"type": "start", "area": "exampleshire"})
        for _ in range(web.BURST + 10):
            await ws.send_str(json.dumps({"type": "repeat"}))
        limited = 0
        for _ in range(web.BURST + 10):
            data = json.loads((await asyncio.wait_for(ws.receive(), 10)).data)
            limited += data.get("rate_limited", False)
        assert limited >= 5
        await asyncio.sleep(1.2)                      # the bucket refills
        assert (await _ask(ws, {"type": "repeat"}))[-1]["type"] == "turn"
    run(_session(server, body))


def test_passcode_required_when_set():
    server = web.WebServer(passcode="correct horse")

    async def wrong(ws, client):
        replies = await _ask(ws, {"type": "start", "area": "exampleshire", "passcode": "nope"})
        assert replies[0]["type"] == "error" and replies[0]["passcode"] is True
        assert (await asyncio.wait_for(ws.receive(), 10)).type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)

    async def missing(ws, client):
        replies = await _ask(ws, {"type": "scenarios"})
        assert replies[0]["type"] == "error" and "passcode" in replies[0]["error"]

    async def right(ws, client):
        replies = await _ask(ws, {"type": "start", "area": "exampleshire", "passcode": "correct horse"})
        assert replies[-1]["type"] == "turn"
    run(_session(server, wrong))
    run(_session(server, missing))
    run(_session(server, right))
    for _ in range(web.FAILED_PASSCODES):
        run(_session(server, wrong))

    async def locked(ws, client):   # too many wrong tries from this address: even the right one waits
        replies = await _ask(ws, {"type": "start", "area": "exampleshire", "passcode": "correct horse"})
        assert replies[0]["type"] == "error" and "Too many wrong passcodes" in replies[0]["error"]
    run(_session(server, locked))


def test_other_origin_refused(server):
    async def body(client):
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await client.ws_connect("/ws", headers={"Origin": "http://evil.example.com"})

    async def go():
        async with TestClient(TestServer(server.app())) as client:
            await body(client)
    run(go())


def test_scenario_stepped_and_branched(server):
    async def body(ws, client):
        listing = (await _ask(ws, {"type": "scenarios"}))[-1]
        ids = [s["id"] for s in listing["scenarios"]]
        assert "partner-in-room-not-alone" in ids and len(ids) >= 10
        sc = (await _ask(ws, {"type": "scenario", "id": "pregnant-booking-controlling-partner"}))[-1]
        steps = sc["steps"]
        assert sc["passed"] and len(steps) > 10 and steps[0]["clinician"] is None
        answered = [s for s in steps if s["clinician"]]
        assert answered and all(s["messages"] for s in answered)
        why = [s["why"] for s in steps if s["why"]]
        assert any(w["sources"] for w in why) and any(w["text"] for w in why)
        assert steps[-1]["done"] and any(m.get("record") for m in steps[-1]["messages"])
        turn = (await _ask(ws, {"type": "branch", "step": 3}))[-1]
        assert turn["type"] == "turn" and turn["mode"] == "live" and turn["messages"][-1]["asks"]
        turn2 = (await _ask(ws, {"type": "press", "payload": "/back"}))[-1]
        assert turn2["type"] == "turn"
    run(_session(server, body))


def test_loopback_only_without_passcode(monkeypatch, capsys):
    monkeypatch.delenv("PATHBOT_WEB_PASSCODE", raising=False)
    assert web.serve("0.0.0.0", 1) == 2
    assert "PATHBOT_WEB_PASSCODE" in capsys.readouterr().err
    assert web.is_loopback("127.0.0.1") and web.is_loopback("::1") and web.is_loopback("localhost")
    assert not web.is_loopback("0.0.0.0") and not web.is_loopback("192.0.2.1")


@pytest.mark.parametrize("message", [
    {"type": "start", "area": "Jane Smith 999 000 0018"},
    {"type": "scenario", "id": "Jane Smith 999 000 0018"},
    {"type": "Jane Smith 999 000 0018"},
])
def test_what_was_sent_in_the_wrong_field_is_never_repeated_back(server, message):
    # found by the outside sweep: "unknown area 'Jane Smith ...'" sent a name back to the page
    async def body(ws, client):
        if message["type"] == "scenario":
            await _ask(ws, {"type": "scenarios"})
        err = (await _ask(ws, message))[-1]
        assert err["type"] == "error"
        assert "999 000 0018" not in json.dumps(err) and "Jane" not in json.dumps(err)
    run(_session(server, body))
