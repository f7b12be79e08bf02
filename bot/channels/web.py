"""The trainers' web chat: `pathbot web [--host 127.0.0.1] [--port 8080]`.

One static page (bot/channels/web_static/: plain HTML, CSS and JavaScript, no build step) talks to
this aiohttp server over a WebSocket at /ws. Each socket holds its own conversation state in memory
only, and it is gone when the socket closes. Three modes: live (the trainer types or taps as the
clinician), scenario (a vignette from data/scenarios/ played by the scenario runner, stepped forward
and back with the "why this step" note from the pathway's own text and sources), and branch (carry
on live from any scenario step). Beside the conversation, the area's pathway diagram (bot/diagram.py)
with the current step highlighted.

Typed text goes to the channel-facing API (`send`): the pipeline runs the privacy guard and the
danger net; this module never reads the text. A refused message is blanked in the page and the
text is never sent back. Nothing typed is logged.

Safe in a training room: loopback unless told otherwise, and then only with a trainer passcode
(PATHBOT_WEB_PASSCODE); per-connection rate limits; a size limit on socket messages; malformed
messages answered with one plain error, never a traceback. Protocol (JSON objects, "type" first):

    client -> server   {"type": "start", "area": "exampleshire"|null, "passcode": "..."}
                       {"type": "send", "text": "..."}   {"type": "press", "payload": "/back"}
                       {"type": "repeat"}   {"type": "scenarios"}   {"type": "scenario", "id": "file-stem"}
                       {"type": "branch", "step": 3}
    server -> client   {"type": "turn", "mode", "area", "messages", "refused", "node", "why", "done"}
                       {"type": "scenarios", "scenarios": [...]}   {"type": "scenario", "steps": [...]}
                       {"type": "diagram", "area", "svg"|"missing"}   {"type": "error", "error": "..."}
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import WSMsgType, web

from .. import diagram, scenarios
from ..messages import heading, refused
from ..turn import TurnPipeline
from .listen import port_problem, run_app, url_host

log = logging.getLogger("pathbot.web")

STATIC = Path(__file__).with_name("web_static")
MAX_MESSAGE = 8 * 1024            # bytes of one socket message; a typed message is far shorter
MAX_FRAME = 64 * 1024             # above this aiohttp closes the socket itself (code 1009)
RATE = 5.0                        # socket messages per second, sustained, per connection
BURST = 20                        # ... with this many at once (a trainer clicking fast)
MAX_REFUSED = 200                 # rate-limited messages before the connection is closed
FAILED_PASSCODES = 5              # wrong passcodes from one address before it waits
LOCKOUT_SECONDS = 300
TYPES = {"start", "send", "press", "repeat", "scenarios", "scenario", "branch"}
STAGE_WORDS = {"enquiry": "Safe enquiry", "safety": "Immediate safety", "risk": "Risk identification",
               "needs": "Needs that change who to refer to", "referral": "Referral",
               "harm": "Someone who discloses causing harm", "end": "The record"}
HEADERS = {
    # the page loads only its own files; the pathway diagram is inline SVG made by Graphviz
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


SOCKETS = web.AppKey("sockets", set)     # open sockets, closed at shutdown


class ProtocolError(ValueError):
    """A socket message the page would never send: answered with this plain sentence."""


def make_backend():
    """The channel-facing API: the turn pipeline (bot/turn.py)."""
    return TurnPipeline()


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# --- what the page is shown ------------------------------------------------------------------

@dataclass
class Step:
    """One scenario step: what the clinician did, the bot's reply, the state after, and why."""
    clinician: str | None
    kind: str                     # start | press | send
    messages: list
    state: dict
    refused: bool = False


class Recorder:
    """The scenario runner's backend: passes every call to the real one and keeps each step, so
    the page can step through a vignette exactly as `pathbot scenario run` plays it."""

    def __init__(self, inner):
        self.inner = inner
        self.name = getattr(inner, "name", "embedded")
        self.steps: list[Step] = []

    @property
    def library(self):
        return self.inner.library

    def start(self, area=None):
        state, msgs = self.inner.start(area)
        self.steps.append(Step(None, "start", msgs, state))
        return state, msgs

    def send(self, state, text):
        new, msgs = self.inner.send(state, text)
        blank = refused(msgs)
        self.steps.append(Step(None if blank else text, "send", msgs, new, blank))
        return new, msgs

    def press(self, state, payload):
        before = self.steps[-1].messages if self.steps else []
        title = next((b.title for m in reversed(before) for b in m.buttons if b.payload == payload), payload)
        new, msgs = self.inner.press(state, payload)
        self.steps.append(Step(title, "press", msgs, new))
        return new, msgs

    def repeat(self, state):
        return self.inner.repeat(state)


# --- one socket --------------------------------------------------------------------------------

@dataclass
class Bucket:
    """A token bucket: BURST messages at once, RATE a second after that."""
    tokens: float = BURST
    at: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.at) * RATE)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Conversation:
    """What one socket holds, in memory only: the live state, and a loaded scenario's steps."""

    def __init__(self, server: "WebServer"):
        self.server = server
        self.backend = server.backend
        self.state: dict | None = None
        self.steps: list[Step] = []
        self.area: str | None = None
        self.diagram_sent: str | None = None

    @property
    def library(self):
        return self.backend.library

    def handle(self, data: dict) -> list[dict]:
        kind = data["type"]
        if kind == "start":
            area = data.get("area")
            if area is not None and not isinstance(area, str):
                raise ProtocolError("'area' should be an area name or null")
            area = self._area(area)
            self.state, msgs = self.backend.start(area)
            return self._turn(msgs)
        if kind == "scenarios":
            return [{"type": "scenarios", "scenarios": self.server.scenario_list()}]
        if kind == "scenario":
            return self._scenario(_text(data, "id", 200))
        if kind == "branch":
            step = data.get("step")
            if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < len(self.steps):
                raise ProtocolError("'step' should be the number of a step of the scenario loaded")
            self.state = self.steps[step].state
            self.steps = []
            return self._turn(self.backend.repeat(self.state))
        if self.state is None:
            raise ProtocolError("start a conversation first: send {\"type\": \"start\"}")
        if kind == "send":
            text = _text(data, "text", MAX_MESSAGE)
            if not text.strip():
                raise ProtocolError("the message is empty")
            self.state, msgs = self.backend.send(self.state, text)
            return self._turn(msgs, refused(msgs))
        if kind == "press":
            self.state, msgs = self.backend.press(self.state, _text(data, "payload", 4000))
            return self._turn(msgs)
        return self._turn(self.backend.repeat(self.state))          # repeat

    def _area(self, area: str | None) -> str | None:
        """A known area named by the trainer (any case, or its title), else None: the page then offers
        the demo areas."""
        if not area:
            return None
        want = " ".join(area.split()).lower()
        if want in self.library.areas():          # an id first: a title can never take another area's name
            return want
        for a in self.library.areas():
            if want == " ".join(self.library.get(a).title.split()).lower():
                return a
        # what was sent is never repeated back: a name typed in the wrong box may be a patient's
        raise ProtocolError(f"unknown area; the areas are: {', '.join(self.library.areas())}")

    def _turn(self, messages, was_refused: bool = False) -> list[dict]:
        out = self._diagram(self.state)
        out.append({"type": "turn", "mode": "live", "area": self.state.get("area"),
                    "messages": self._shown(messages, self.state), "refused": was_refused,
                    "node": self._node(self.state), "why": self.why(self.state, messages),
                    "done": "done" in self.state.get("flags", ())})
        return out

    def _shown(self, messages, state) -> list[dict]:
        """Messages for the page: the area question offers the demo areas only (a real area must be
        named by the trainer), and the record summary is marked so the page can give it a copy button."""
        out = []
        pathway = self._pathway(state)
        headings = tuple(pathway.messages[k] for k in ("summary_heading", "summary_heading_harm")
                         if pathway and isinstance(pathway.messages.get(k), str))
        for m in messages:
            j = m.as_json()
            if m.items:
                j["heading"] = heading(m)           # the text without the lines the form shows
            if m.asks == "area":
                demo = [b for b in j["buttons"] if b["payload"] in self.library.pathways
                        and self.library.get(b["payload"]).demo]
                j["buttons"] = demo or j["buttons"]
            if headings and m.text.startswith(headings):
                j["record"] = True
            out.append(j)
        return out

    def _pathway(self, state):
        from .. import engine
        try:
            finder = getattr(engine, "pathway_of", None)
            return finder(state, self.library) if finder else self.library.pathway_for(state)
        except (KeyError, AttributeError):
            return None

    def _node(self, state) -> str | None:
        pathway = self._pathway(state)
        if pathway is None or not state.get("area"):
            return None
        return diagram.node_for(pathway, state.get("step"), "done" in state.get("flags", ()))

    def _diagram(self, state) -> list[dict]:
        area = state.get("area") if state else None
        if not area or area == self.diagram_sent:
            return []
        self.diagram_sent = area
        return [{"type": "diagram", "area": area, **self.server.diagram(area)}]

    def why(self, state, messages) -> dict | None:
        """'Why this step', from the pathway itself: the step the conversation is now at, its stage,
        its help text and its sources (and the emergency advice's sources when it was given)."""
        pathway = self._pathway(state)
        if pathway is None or not state.get("area"):
            return None
        done = "done" in state.get("flags", ())
        step_id = "summary" if done and diagram._has(pathway, "summary") else state.get("step")
        if not step_id or not diagram._has(pathway, step_id):
            return None
        step = pathway.step(step_id)
        ids = list(step.sources)
        if any(m.kind == "emergency" for m in messages):
            ids += [s for s in pathway.messages.get("emergency", {}).get("sources", ()) if s not in ids]
        text = step.help or ""
        if not text and step.checklist:
            text = ("A theme of the risk identification checklist: each yes adds one to the score, "
                    "which sets the risk band and the MARAC referral.")
        return {"stage": STAGE_WORDS.get(step.stage, step.stage), "step": step.id,
                "question": step.ask or "", "text": text,
                "sources": [pathway.sources.get(s, s) for s in ids]}

    def _scenario(self, scenario_id: str) -> list[dict]:
        path = self.server.scenario_path(scenario_id)
        recorder = Recorder(self.backend)
        result = scenarios.run(path, recorder)
        if not recorder.steps:
            raise ProtocolError("this scenario could not be played: " + "; ".join(result.failures)[:300])
        self.steps = recorder.steps
        self.state = self.steps[-1].state
        out = self._diagram(self.steps[0].state)
        shown = []
        for s in self.steps:
            shown.append({"clinician": s.clinician, "kind": s.kind, "refused": s.refused,
                          "messages": self._shown(s.messages, s.state), "why": self.why(s.state, s.messages),
                          "node": self._node(s.state), "done": "done" in s.state.get("flags", ())})
        out.append({"type": "scenario", "id": scenario_id, "name": result.name, "passed": result.passed,
                    "area": self.steps[0].state.get("area"), "steps": shown})
        return out


async def no_icon(request: web.Request) -> web.Response:
    return web.Response(status=204)


def _text(data: dict, key: str, limit: int) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ProtocolError(f"'{key}' should be text")
    if len(value) > limit:
        raise ProtocolError(f"'{key}' is too long (at most {limit} characters)")
    return value


def parse(raw: str) -> dict:
    """A socket message as the page sends it, or ProtocolError in plain words."""
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_MESSAGE:
        raise ProtocolError(f"message too large: at most {MAX_MESSAGE} bytes")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise ProtocolError("not JSON: send an object such as {\"type\": \"send\", \"text\": \"...\"}") from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ProtocolError("send a JSON object with a \"type\"")
    if data["type"] not in TYPES:
        raise ProtocolError(f"unknown type; the types are: {', '.join(sorted(TYPES))}")
    return data


# --- the server ---------------------------------------------------------------------------------

class WebServer:
    def __init__(self, backend=None, passcode: str | None = None, scenario_dir: Path | None = None):
        self.backend = backend or make_backend()
        self.passcode = passcode or None
        self.scenario_dir = scenario_dir or scenarios.default_scenario_dir()
        self._diagrams: dict[tuple[str, str], dict] = {}
        self._failures: dict[str, list[float]] = {}

    def scenario_list(self) -> list[dict]:
        out = []
        for path in sorted(self.scenario_dir.glob("*.y*ml")):
            try:
                data = scenarios.load(path)
            except ValueError:
                continue
            out.append({"id": path.stem, "name": str(data.get("name") or path.stem)[:200],
                        "description": str(data.get("description") or "")[:500],
                        "area": str(data.get("area") or "")[:60]})
        return out

    def scenario_path(self, scenario_id: str) -> Path:
        for path in self.scenario_dir.glob("*.y*ml"):      # only a file in the folder, never a path
            if path.stem == scenario_id:
                return path
        raise ProtocolError("no such scenario: choose one from the list (send {\"type\": \"scenarios\"})")

    def diagram(self, area: str) -> dict:
        pathway = self.backend.library.get(area)
        key = (area, pathway.version)
        if key not in self._diagrams:
            try:
                self._diagrams[key] = {"svg": diagram.svg(pathway)}
            except diagram.DotMissing as exc:
                self._diagrams[key] = {"missing": str(exc)}
            except Exception as exc:            # a diagram must never stop the conversation
                log.warning("pathway diagram failed: %s", type(exc).__name__)
                self._diagrams[key] = {"missing": "The pathway diagram could not be drawn."}
        return self._diagrams[key]

    # -- passcode --

    def _locked(self, who: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self._failures.get(who, []) if now - t < LOCKOUT_SECONDS]
        self._failures[who] = recent
        return len(recent) >= FAILED_PASSCODES

    def _check_passcode(self, given, who: str) -> str | None:
        """None if this socket may go on, else the plain reason it may not."""
        if self.passcode is None:
            return None
        if self._locked(who):
            return "Too many wrong passcodes from this address: wait a few minutes and try again."
        if isinstance(given, str) and hmac.compare_digest(given.encode(), self.passcode.encode()):
            return None
        self._failures.setdefault(who, []).append(time.monotonic())
        return "The trainer passcode is missing or wrong."

    # -- HTTP --

    async def index(self, request: web.Request) -> web.StreamResponse:
        page = (STATIC / "index.html").read_text(encoding="utf-8")
        return web.Response(text=page, content_type="text/html", headers=HEADERS)

    async def socket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin and origin.split("://", 1)[-1] != request.host:
            return web.Response(status=403, text="This socket serves the page from its own server only.")
        ws = web.WebSocketResponse(max_msg_size=MAX_FRAME, heartbeat=30)
        await ws.prepare(request)
        who = request.remote or "?"
        conversation, bucket, limited, allowed = Conversation(self), Bucket(), 0, self.passcode is None
        log.info("web chat opened (%d socket(s))", len(request.app[SOCKETS]) + 1)
        request.app[SOCKETS].add(ws)
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    if msg.type == WSMsgType.BINARY:
                        await ws.send_json({"type": "error", "error": "send text (JSON), not binary data"})
                    continue
                if not bucket.take():
                    limited += 1
                    await ws.send_json({"type": "error", "error": "Too many messages at once: slow down "
                                        "and send it again.", "rate_limited": True})
                    if limited > MAX_REFUSED:
                        await ws.close(code=1008, message=b"rate limit")
                    continue
                try:
                    data = parse(msg.data)
                    if not allowed:
                        problem = self._check_passcode(data.get("passcode"), who) if data["type"] == "start" \
                            else "Start with the trainer passcode."
                        if problem:
                            await ws.send_json({"type": "error", "error": problem, "passcode": True})
                            await ws.close(code=1008, message=b"passcode")
                            break
                        allowed = True
                    replies = conversation.handle(data)
                except ProtocolError as exc:
                    replies = [{"type": "error", "error": str(exc)}]
                except Exception as exc:      # never a traceback to the page; never the text to the log
                    log.error("web chat turn failed: %s", type(exc).__name__)
                    replies = [{"type": "error", "error": "Something went wrong on the server; the "
                                "conversation is where it was. Try again, or restart."}]
                for reply in replies:
                    await ws.send_json(reply)
        finally:
            request.app[SOCKETS].discard(ws)
            log.info("web chat closed")
        return ws

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_FRAME)
        app[SOCKETS] = set()
        app.router.add_get("/", self.index)
        app.router.add_get("/ws", self.socket)
        app.router.add_get("/favicon.ico", no_icon)
        app.router.add_static("/static/", STATIC, show_index=False)

        @web.middleware
        async def headers(request, handler):
            response = await handler(request)
            for k, v in HEADERS.items():
                response.headers.setdefault(k, v)
            return response

        async def close_sockets(app):
            for ws in list(app[SOCKETS]):
                await ws.close(code=1001, message=b"server shutdown")

        app.middlewares.append(headers)
        app.on_shutdown.append(close_sockets)
        return app


def serve(host: str = "127.0.0.1", port: int = 8080, backend=None) -> int:
    """Run until interrupted. Off loopback only with PATHBOT_WEB_PASSCODE set."""
    passcode = os.environ.get("PATHBOT_WEB_PASSCODE") or None
    if not is_loopback(host) and not passcode:
        print("pathbot web: binding to an address other than loopback needs a trainer passcode: "
              "set PATHBOT_WEB_PASSCODE (and give it to the trainers), or use --host 127.0.0.1",
              file=sys.stderr)
        return 2
    if port_problem("web", port):
        print(port_problem("web", port), file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    server = WebServer(backend, passcode=passcode)
    print(f"pathbot web: http://{url_host(host)}:{port}/ (demo areas; add ?area=NAME for a named area)", flush=True)
    return run_app("web", server.app(), host, port, access_log=None, print=None,
                   handle_signals=True, shutdown_timeout=2)


if __name__ == "__main__":      # pragma: no cover
    raise SystemExit(serve())
