"""Rasa as several replicas (#13): the conversation lives in Rasa's tracker, in Redis.

Two Rasa servers, each with its own action server, on one real redis-server (PATHBOT_STORE), as
`make test` runs them: a case handled alternately by both; a case that goes on after its Rasa
server is stopped and started again; what Redis holds (never a typed word); and a tracker gone
from Redis (expired: "that conversation has ended"; lost while the case was recent: handed over).
Over the wire goes only the typed text or the button's payload, and a digest of the state.

Marked `rasa`. The servers are this module's own, on free ports, stopped at the end. Skipped until
`make test` has set up .venv-rasa and trained the model (then PATHBOT_RASA_REQUIRED turns the skip
into a failure)."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from bot.rasa_backend import AT_KEY, ENDED, NOTICE, SENDER_KEY, RasaBackend, engine_part
PREFIX = "pathbot:rasa:t:"          # bot.rasa_tracker_store.PREFIX (that module needs Rasa itself)
from bot.scenarios import default_scenario_dir, run
from bot.turn import EmbeddedBackend

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from redis_server import start as start_redis  # noqa: E402

pytestmark = pytest.mark.rasa

RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
MODEL = ROOT / "models" / "pathbot.tar.gz"
TODAY = dt.date(2026, 11, 21)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
STORE_FALLBACK = "Using `InMemoryTrackerStore` instead"
SCENARIOS = ["trainer-demo-faq-back-and-identifier.yml", "danger-typed-mid-enquiry-waiting-room-knife.yml"]


def _unavailable(reason: str):
    if os.environ.get("PATHBOT_RASA_REQUIRED"):
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _up(url: str) -> bool:
    try:
        with OPENER.open(url, timeout=2.0) as response:
            return response.status == 200
    except OSError:
        return False


class Replica:
    """One Rasa server and its action server on free ports, sharing PATHBOT_STORE's Redis."""

    def __init__(self, name: str, store: str, folder: Path):
        self.name, self.folder = name, folder
        self.rasa_port, self.actions_port = _free_port(), _free_port()
        self.url = f"http://127.0.0.1:{self.rasa_port}"
        self.env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "SANIC_HOST": "127.0.0.1",
                    "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT), "PATHBOT_STORE": store}
        self.endpoints = folder / f"endpoints-{name}.yml"
        self.endpoints.write_text((ROOT / "endpoints.yml").read_text().replace(
            "127.0.0.1:5055/", f"127.0.0.1:{self.actions_port}/"))
        self.rasa = self.actions = None

    def _launch(self, args: list[str], log: str) -> subprocess.Popen:
        with open(self.folder / log, "ab") as out:
            return subprocess.Popen([str(RASA), *args], cwd=ROOT, env=self.env, stdout=out,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def start_actions(self):
        self.actions = self._launch(["run", "actions", "--actions", "actions", "-p", str(self.actions_port)],
                                    f"actions-{self.name}.log")

    def start_rasa(self):
        self.rasa = self._launch(["run", "--enable-api", "-i", "127.0.0.1", "-p", str(self.rasa_port),
                                  "-m", str(MODEL), "--endpoints", str(self.endpoints)], f"rasa-{self.name}.log")

    def wait(self, timeout: float = 600.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for proc in (self.rasa, self.actions):
                if proc.poll() is not None:
                    raise RuntimeError(f"replica {self.name} exited: see {self.folder}")
            if _up(self.url + "/status") and _up(f"http://127.0.0.1:{self.actions_port}/health"):
                log = (self.folder / f"rasa-{self.name}.log").read_text(errors="replace")
                assert STORE_FALLBACK not in log, "Rasa fell back to a plain tracker store"
                return
            time.sleep(1.0)
        raise RuntimeError(f"replica {self.name} did not answer within {timeout:.0f} s")

    @staticmethod
    def _stop(proc: subprocess.Popen | None):
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)           # the session this module started, by its id
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def stop_rasa(self):
        self._stop(self.rasa)

    def stop(self):
        self._stop(self.rasa)
        self._stop(self.actions)


class Wire(RasaBackend):
    """RasaBackend that keeps every body it sends to Rasa (to check nothing else goes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies: list[dict] = []

    def _post(self, path, body):
        self.bodies.append(body)
        return super()._post(path, body)


class Alternating:
    """The channel-facing API, each call answered by the next replica in turn."""
    name = "rasa"

    def __init__(self, *backends):
        self.backends, self.calls = backends, 0

    @property
    def library(self):
        return self.backends[0].library

    def _next(self):
        self.calls += 1
        return self.backends[self.calls % len(self.backends)]

    def start(self, area=None):
        return self._next().start(area)

    def send(self, state, text):
        return self._next().send(state, text)

    def press(self, state, payload):
        return self._next().press(state, payload)

    def repeat(self, state):
        return self._next().repeat(state)


@pytest.fixture(scope="module")
def replicas():
    if not RASA.exists() or not MODEL.exists():
        _unavailable(".venv-rasa or the trained model is missing (make test sets both up)")
    try:
        store = start_redis()
    except RuntimeError as exc:
        _unavailable(str(exc))
    folder = Path(tempfile.mkdtemp(prefix="pathbot-replicas-"))
    pair = [Replica("a", store, folder), Replica("b", store, folder)]
    try:
        for r in pair:
            r.start_actions()
            r.start_rasa()
        for r in pair:
            r.wait()
        yield pair, store, folder
    finally:
        for r in pair:
            r.stop()


def client(replica: Replica, embedded: EmbeddedBackend, **kwargs) -> Wire:
    return Wire(replica.url, timeout=60.0, retry_after=0, fallback=embedded, today=TODAY, **kwargs)


def redis_client(store: str):
    import redis
    return redis.Redis.from_url(store, decode_responses=True)


def no_state_on_the_wire(*backends: Wire):
    for backend in backends:
        for body in backend.bodies:
            assert set(body.get("metadata") or {}) <= {"pathway_digest", "today"}, body.get("metadata")


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_case_handled_alternately_by_two_rasa_servers_on_one_redis(replicas, name):
    (a, b), store, _ = replicas
    embedded = EmbeddedBackend(today=TODAY)
    ca, cb = client(a, embedded), client(b, embedded)
    path = default_scenario_dir() / name
    want, got = run(path, embedded), run(path, Alternating(ca, cb))
    assert not any(NOTICE in line for line in got.transcript), "Rasa answered every turn"
    assert got.outcome == want.outcome and got.passed == want.passed, got.failures
    assert ca.bodies and cb.bodies, "both servers had turns"
    no_state_on_the_wire(ca, cb)                      # each went on from the other's tracker in Redis


def test_a_case_continues_after_its_rasa_server_is_stopped_and_started_again(replicas):
    (a, _), store, _ = replicas
    embedded = EmbeddedBackend(today=TODAY)
    ca = client(a, embedded)
    state, _ = ca.start("exampleshire")
    state, _ = ca.press(state, "experiencing")
    state, _ = ca.send(state, "yes she is alone with me")
    before = engine_part(state)
    a.stop_rasa()
    a.start_rasa()
    a.wait()
    ca2 = client(a, embedded)                         # a new client too: nothing of the old process
    state, said = ca2.press(state, "no")
    assert not state.get("rasa_notice") and NOTICE not in "\n".join(m.text for m in said)
    want, want_said = embedded.press(before, "no")
    assert engine_part(state) == want and [m.as_json() for m in said] == [m.as_json() for m in want_said]
    no_state_on_the_wire(ca, ca2)                     # the restarted server read the case from Redis


def test_redis_holds_no_typed_word_and_every_conversation_expires(replicas):
    (a, b), store, folder = replicas
    embedded = EmbeddedBackend(today=TODAY)
    ca, cb = client(a, embedded), client(b, embedded)
    canary = "quokka" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))
    state, _ = ca.start("exampleshire")
    for i, text in enumerate([f"she mentioned the {canary} clinic", f"what is a marac {canary}",
                              f"he is outside the {canary} with a knife", f"her NHS number is 999 123 4560 {canary}"]):
        state, said = (ca if i % 2 else cb).send(state, text)
        assert said
    r = redis_client(store)
    keys = list(r.scan_iter(match="*", count=1000))
    assert PREFIX + state[SENDER_KEY] in keys
    for key in keys:
        kind = r.type(key)
        value = r.get(key) if kind == "string" else json.dumps(r.lrange(key, 0, -1) if kind == "list" else str(kind))
        assert canary not in (value or "") and "999 123 4560" not in (value or ""), f"typed text in {key}"
        if key.startswith(PREFIX):
            assert 0 < r.pttl(key) <= 1800 * 1000, "an idle conversation expires"
    saved = json.loads(r.get(PREFIX + state[SENDER_KEY]))
    users = [e for e in saved["events"] if e.get("event") == "user"]
    assert users and all(e["text"] == "" for e in users), "the reading is kept, never the words"
    for log in folder.glob("*.log"):
        assert canary not in log.read_text(errors="replace"), f"typed text in {log.name}"


def test_a_tracker_gone_from_redis_ended_the_conversation_if_idle_else_it_is_handed_over(replicas):
    (a, b), store, _ = replicas
    embedded = EmbeddedBackend(today=TODAY)
    ca, cb = client(a, embedded), client(b, embedded)
    r = redis_client(store)
    state, _ = ca.start("exampleshire")
    state, _ = cb.press(state, "experiencing")
    r.delete(PREFIX + state[SENDER_KEY])             # lost (Redis flushed, say) a moment after the last turn
    recent, said = ca.press(state, "yes")
    assert recent["answers"] == {"concern": "experiencing", "alone": "yes"} and ENDED not in [m.text for m in said]
    assert "pathway_state" in ca.bodies[-1]["metadata"], "the recent copy was handed over"
    r.delete(PREFIX + recent[SENDER_KEY])            # expired: the last turn was longer ago than the idle time
    idle = {**recent, AT_KEY: recent[AT_KEY] - ca.idle_seconds - 60}
    new, said = cb.send(idle, "he is outside with a knife")
    texts = [m.text for m in said]
    assert said[0].kind == "emergency" and ENDED in texts, texts
    assert new[SENDER_KEY] != recent[SENDER_KEY] and "concern" not in new["answers"]
    assert not any(re.search(r'"pathway_state"', json.dumps(body)) for body in cb.bodies), "nothing handed over"


def test_messages_arriving_at_both_servers_at_once_are_taken_one_at_a_time(replicas):
    """Rasa's lock store in Redis: the two servers never process one conversation at once, so
    neither overwrites the other's turn (with in-memory locks each would save over the other)."""
    from concurrent.futures import ThreadPoolExecutor

    (a, b), _, _ = replicas
    embedded = EmbeddedBackend(today=TODAY)
    ca, cb = client(a, embedded), client(b, embedded)
    state, _ = ca.start("exampleshire")
    sender = state[SENDER_KEY]

    def post(i: int):                 # as a plain Rasa channel would: no digest, the slot as it is
        return (ca if i % 2 else cb)._post("/webhooks/rest/webhook",
                                           {"sender": sender, "message": "what is a marac", "metadata": {}})

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(post, range(8)))
    assert all(any(isinstance(x.get("custom"), dict) and "pathway_state" in x["custom"] for x in ans)
               for ans in answers), "every message was a turn"
    with OPENER.open(f"{a.url}/conversations/{sender}/tracker", timeout=30) as response:
        tracker = json.loads(response.read().decode())
    users = [e for e in tracker["events"] if e["event"] == "user"]
    assert len(users) == 1 + 8, "no turn lost to another server's save"
