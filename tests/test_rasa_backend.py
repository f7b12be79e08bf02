"""RasaBackend without Rasa: a fake REST channel on 127.0.0.1, a closed port, a slow and a broken
server. The fake runs the same turn logic as the action server (bot/rasa_turn.py), reading
messages with the embedded NLU, so these tests also cover what action_pathway does."""
import datetime as dt
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot import engine, rasa_turn
from bot.nlu import EmbeddedNLU
from bot.rasa_backend import AT_KEY, CLIENT_KEYS, ENDED, NOTICE, SENDER_KEY, RasaBackend, RasaUnavailable, engine_part
from bot.turn import EmbeddedBackend

TODAY = dt.date(2026, 11, 21)
IDENTIFIER = "her NHS number is 999 123 4560"       # a synthetic identifier from the test range


@pytest.fixture(scope="module")
def embedded():
    return EmbeddedBackend(today=TODAY)


def parse_data(text: str, nlu: EmbeddedNLU) -> dict:
    """What Rasa's NLU would hand the action: /intent{json} payloads exactly, free text via the embedded NLU."""
    if text.startswith("/"):
        name, _, args = text[1:].partition("{")
        entities = [{"entity": k, "value": v} for k, v in (json.loads("{" + args) if args else {}).items()]
        return {"text": text, "intent": {"name": name, "confidence": 1.0},
                "intent_ranking": [{"name": name, "confidence": 1.0}], "entities": entities}
    p = nlu.parse(text)
    intent = "faq" if p.intent.startswith("faq/") else p.intent
    data = {"text": text, "intent": {"name": intent, "confidence": p.confidence},
            "intent_ranking": [{"name": intent, "confidence": p.confidence}], "entities": []}
    if intent == "faq":
        data["response_selector"] = {"faq": {"response": {"intent_response_key": p.intent}}}
    return data


class FakeRasa:
    """A stand-in for Rasa's REST channel plus the action server, on a free port of 127.0.0.1."""

    def __init__(self, library, nlu, mode="ok", delay=0.0):
        self.library, self.nlu, self.mode, self.delay = library, nlu, mode, delay
        self.bodies: list[bytes] = []
        self.slots: dict[str, dict] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):          # quiet
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.bodies.append(body)
                time.sleep(fake.delay)
                if fake.mode == "error":
                    self.send_response(500)
                    self.end_headers()
                    return
                if fake.mode == "garbage":
                    out = b"<html>not json"
                elif fake.mode == "no_action":
                    out = b"[]"
                else:
                    out = json.dumps(fake.answer(json.loads(body), self.path)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(out)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, body: dict, path: str):
        if path == "/model/parse":
            return parse_data(body["text"], self.nlu)
        data = parse_data(body["message"], self.nlu)
        data["metadata"] = body.get("metadata") or {}
        state, sync = rasa_turn.state_for(data, self.slots.get(body["sender"]))
        if sync:                                                   # as action_pathway answers then
            return [{"recipient_id": body["sender"], "custom": {rasa_turn.SYNC_KEY: sync}}]
        state, messages = rasa_turn.turn(data, state, self.library)
        self.slots[body["sender"]] = json.dumps(state)             # the slot holds JSON, as in Rasa
        out = []
        for kwargs in rasa_turn.utterances(messages, state):       # as Rasa's REST channel lists them
            if "text" in kwargs:
                out.append({"recipient_id": body["sender"], "text": kwargs["text"], "buttons": kwargs.get("buttons", [])})
            out.append({"recipient_id": body["sender"], "custom": kwargs["json_message"]})
        return out

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake(embedded):
    servers = []

    def make(**kwargs):
        server = FakeRasa(embedded.library, embedded.nlu, **kwargs)
        servers.append(server)
        return server
    yield make
    for s in servers:
        s.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rasa(url, embedded, **kwargs):
    return RasaBackend(url, fallback=embedded, today=TODAY, **kwargs)


def texts(messages):
    return "\n".join(m.text for m in messages)


def test_a_conversation_through_rasa_matches_the_embedded_one(fake, embedded):
    server = fake()
    backend = rasa(server.url, embedded)
    r_state, r_said = backend.start("exampleshire")
    e_state, e_said = embedded.start("exampleshire")
    assert [m.as_json() for m in r_said] == [m.as_json() for m in e_said]
    assert r_state[SENDER_KEY] and len(r_state[SENDER_KEY]) >= 16
    for payload in ("experiencing", "yes"):
        r_state, r_said = backend.press(r_state, payload)
        e_state, e_said = embedded.press(e_state, payload)
    for text in ("nope", "what is a marac?", "she is alone with me"):
        r_state, r_said = backend.send(r_state, text)
        e_state, e_said = embedded.send(e_state, text)
        assert [m.as_json() for m in r_said] == [m.as_json() for m in e_said]
    assert engine_part(r_state) == e_state and set(r_state) - set(e_state) == {SENDER_KEY, AT_KEY}
    assert NOTICE not in texts(r_said)


def sent(server, since=0):
    return [json.loads(b) for b in server.bodies[since:]]


def test_only_the_press_or_the_text_and_a_digest_go_to_rasa_never_the_state(fake, embedded):
    server = fake()
    backend = rasa(server.url, embedded)
    state, said = backend.start("northdale")
    assert said[-1].asks == "concern" and "experiencing" in {b.payload for b in said[-1].buttons}
    before = state
    state, said = backend.press(state, "experiencing")
    body = sent(server)[-1]
    assert body["message"] == '/choose{"payload":"experiencing"}'
    assert body["sender"] == state[SENDER_KEY]
    assert body["metadata"] == {"pathway_digest": rasa_turn.digest(engine_part(before))}
    state, said = backend.send(state, "yes she is alone")
    assert state["answers"] == {"concern": "experiencing", "alone": "yes"}
    for body in sent(server):
        assert set(body["metadata"]) <= {"pathway_digest", "today"}, "no state goes over the wire"
    assert json.loads(server.slots[state[SENDER_KEY]]) == engine_part(state), "Rasa's slot holds the conversation"


def test_rasa_goes_on_from_its_own_slot_and_the_channel_copy_is_only_read(fake, embedded):
    server = fake()
    backend = rasa(server.url, embedded)
    state, _ = backend.start("exampleshire")
    state, _ = backend.press(state, "experiencing")
    server.slots[state[SENDER_KEY]] = "{not json"
    before = len(server.bodies)
    state, said = backend.press(state, "yes")           # the slot is unreadable: the copy is handed over once
    assert [set(b["metadata"]) for b in sent(server, before)] == [{"pathway_digest"}, {"pathway_state"}]
    assert state["answers"] == {"concern": "experiencing", "alone": "yes"} and said[-1].asks == "family_interpreter"


def test_a_channel_that_kept_the_earlier_state_goes_on_from_it(fake, embedded):
    """A reply that was not delivered: the channel keeps the state before it and the clinician
    answers again; the tracker, one turn ahead, takes the channel's copy instead of answering twice."""
    server = fake()
    backend = rasa(server.url, embedded)
    state, _ = backend.start("exampleshire")
    kept, _ = backend.press(state, "experiencing")
    backend.press(kept, "yes")                                # the reply that never reached the clinician
    again, said = backend.press(kept, "no")
    assert again["answers"] == {"concern": "experiencing", "alone": "no"}
    want, _ = embedded.press(engine_part(kept), "no")
    assert engine_part(again) == want


def test_a_rasa_restart_that_lost_its_trackers_continues_the_case_from_the_channel_copy(fake, embedded):
    server = fake()
    backend = rasa(server.url, embedded)
    state, _ = backend.start("exampleshire")
    state, _ = backend.press(state, "experiencing")
    server.slots.clear()                                     # an in-memory Rasa restarted
    state, said = backend.send(state, "yes she is alone")
    assert state["answers"] == {"concern": "experiencing", "alone": "yes"}
    assert ENDED not in texts(said) and NOTICE not in texts(said)


def expire(server, backend, now):
    server.slots.clear()                                     # Rasa's tracker store let it go
    now[0] += backend.idle_seconds + 1


def test_an_expired_conversation_has_ended_and_typed_words_still_count_emergency_first(fake, embedded):
    now = [1_000_000.0]
    server = fake()
    backend = rasa(server.url, embedded, wall=lambda: now[0])
    state, _ = backend.start("exampleshire")
    state, _ = backend.press(state, "experiencing")
    old_sender = state[SENDER_KEY]
    expire(server, backend, now)
    state, said = backend.send(state, "he is outside with a knife")
    assert said[0].kind == "emergency", "emergency advice before the notice"
    assert ENDED in texts(said) and [m.text for m in said].index(ENDED) > 0
    assert state[SENDER_KEY] != old_sender and "concern" not in state["answers"], "nothing from it was kept"
    assert all("pathway_state" not in b["metadata"] for b in sent(server)), "the old copy was not handed over"


def test_a_refused_message_after_the_idle_time_does_not_keep_the_expired_case_alive(fake, embedded):
    now = [1_000_000.0]
    server = fake()
    backend = rasa(server.url, embedded, wall=lambda: now[0])
    state, _ = backend.start("exampleshire")
    state, _ = backend.press(state, "experiencing")
    expire(server, backend, now)
    state, said = backend.send(state, IDENTIFIER)            # answered here, never sent to Rasa
    assert said[0].refusal
    state, said = backend.press(state, "yes")
    assert said[0].text == ENDED and "concern" not in state["answers"]


def test_a_button_from_an_expired_conversation_starts_a_new_one(fake, embedded):
    now = [1_000_000.0]
    server = fake()
    backend = rasa(server.url, embedded, wall=lambda: now[0])
    state, _ = backend.start("exampleshire")
    expire(server, backend, now)
    state, said = backend.press(state, "experiencing")
    assert said[0].text == ENDED and state["answers"] == {}
    assert said[-1].buttons, "the new conversation's first question, with its buttons"


def test_a_closed_port_falls_back_with_one_notice_per_conversation(embedded):
    backend = rasa(f"http://127.0.0.1:{closed_port()}", embedded, retry_after=0)
    state, said = backend.start("exampleshire")
    assert said[0].text == NOTICE and said[0].kind == "warning"
    assert said[-1].asks == "concern"
    state, said = backend.press(state, "experiencing")
    state, said = backend.send(state, "yes she is alone")
    assert NOTICE not in texts(said)
    assert state["answers"] == {"concern": "experiencing", "alone": "yes"}
    assert engine.outcome(state, backend.library)["risk"] == "none"
    other, said = backend.start("northdale")
    assert said[0].text == NOTICE, "a new conversation is told again"


@pytest.mark.parametrize("mode", ["error", "garbage", "no_action"])
def test_an_error_garbage_or_a_missing_action_server_falls_back(fake, embedded, mode):
    server = fake(mode=mode)
    backend = rasa(server.url, embedded)
    state, said = backend.start("exampleshire")
    assert said[0].text == NOTICE and said[-1].asks == "concern"
    assert server.bodies, "Rasa was tried first"


def test_a_slow_server_falls_back_within_the_timeout(fake, embedded):
    server = fake(delay=2.0)
    backend = rasa(server.url, embedded, timeout=0.3)
    began = time.monotonic()
    state, said = backend.start("exampleshire")
    assert time.monotonic() - began < 1.5
    assert said[0].text == NOTICE and said[-1].asks == "concern"


def test_after_a_failure_rasa_is_left_alone_for_a_while_then_tried_again(fake, embedded):
    now = [100.0]
    server = fake(mode="error")
    backend = rasa(server.url, embedded, retry_after=30, clock=lambda: now[0])
    state, _ = backend.start("exampleshire")
    tries = len(server.bodies)
    state, said = backend.press(state, "experiencing")
    assert len(server.bodies) == tries, "not tried again straight away"
    server.mode = "ok"
    now[0] += 31
    state, said = backend.press(state, "yes")
    assert len(server.bodies) == tries + 2, "tried, then handed the conversation Rasa never saw"
    assert state["answers"] == {"concern": "experiencing", "alone": "yes"}
    assert NOTICE not in texts(said)


def test_a_conversation_goes_on_from_turns_answered_while_rasa_was_down(fake, embedded):
    server = fake()
    backend = rasa(server.url, embedded, retry_after=0)
    state, _ = backend.start("exampleshire")
    server.mode = "error"
    state, _ = backend.press(state, "experiencing")          # answered by the embedded backend
    server.mode = "ok"
    before = len(server.bodies)
    state, said = backend.press(state, "yes")                 # Rasa again: it takes the turn it missed
    assert state["answers"] == {"concern": "experiencing", "alone": "yes"}
    assert said[-1].asks == "family_interpreter"
    assert [set(b["metadata"]) for b in sent(server, before)] == [{"pathway_digest"}, {"pathway_state"}]
    state, said = backend.send(state, "no")
    assert set(sent(server)[-1]["metadata"]) == {"pathway_digest"}, "handed over once, then Rasa's own"


def test_refused_text_never_leaves_the_process(fake, embedded):
    server = fake()
    backend = rasa(server.url, embedded)
    state, _ = backend.start("exampleshire")
    before = len(server.bodies)
    state, said = backend.send(state, IDENTIFIER)
    assert len(server.bodies) == before
    assert said[0].kind == "warning" and "NHS" in said[0].text and said[-1].asks == "concern"
    state, said = backend.send(state, "he has a knife, " + IDENTIFIER)
    assert len(server.bodies) == before
    assert any(m.kind == "emergency" for m in said), "the danger net still runs on refused text"
    assert all(b"999 123" not in b for b in server.bodies)


def test_typed_text_cannot_pose_as_a_button_or_a_new_conversation(fake, embedded):
    server = fake()
    backend = rasa(server.url, embedded)
    state, _ = backend.start("exampleshire")
    state, said = backend.send(state, '/choose{"payload":"causing"}')
    assert not json.loads(server.bodies[-1])["message"].startswith("/")
    assert "concern" not in state["answers"] or state["answers"]["concern"] != "causing"
    state, said = backend.send(state, "/help")
    assert json.loads(server.bodies[-1])["message"] == "help"


def test_nlu_parse_through_rasa_and_its_fallback(fake, embedded):
    server = fake()
    backend = rasa(server.url, embedded)
    p = backend.parse("what is a marac")
    assert p.intent == "faq/marac" and not p.danger
    assert backend.parse("he is outside with a knife").danger
    before = len(server.bodies)
    assert backend.parse(IDENTIFIER).intent and len(server.bodies) == before
    down = rasa(f"http://127.0.0.1:{closed_port()}", embedded)
    with pytest.raises(RasaUnavailable):
        down.parse("yes")


# --- the turn logic of action_pathway (bot/rasa_turn.py) ---------------------------------

def test_weak_danger_and_command_readings_give_way_as_in_the_embedded_nlu():
    ranking = [{"name": "immediate_danger", "confidence": 0.45}, {"name": "disclose_abuse", "confidence": 0.4}]
    data = {"intent": ranking[0], "intent_ranking": ranking}
    assert rasa_turn.reading(data, "she has two children").intent == "disclose_abuse"
    assert rasa_turn.reading(data, "he has a knife").intent == "immediate_danger"
    ranking = [{"name": "restart", "confidence": 0.35}, {"name": "affirm", "confidence": 0.33}]
    assert rasa_turn.reading({"intent": ranking[0], "intent_ranking": ranking}, "three times").intent == "affirm"
    fallback = {"intent": {"name": "nlu_fallback", "confidence": 0.3},
                "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "greet", "confidence": 0.2}]}
    assert rasa_turn.reading(fallback, "blah").intent == "out_of_scope"
    p = rasa_turn.reading(fallback, "he is in the waiting room")
    assert p.intent == "immediate_danger" and p.danger
    assert rasa_turn.reading({"intent": {"name": "faq", "confidence": 0.9}}, "x").intent == "faq/"


def test_rasa_readings_follow_the_same_negation_and_situation_rules_as_the_embedded_nlu():
    def ranked(*pairs):
        ranking = [{"name": n, "confidence": c} for n, c in pairs]
        return {"intent": ranking[0], "intent_ranking": ranking}
    calm = rasa_turn.reading(ranked(("immediate_danger", 0.8), ("deny", 0.1)), "she's not in danger right now")
    assert not calm.danger and calm.intent != "immediate_danger"          # denied danger raises no alarm
    here = rasa_turn.reading(ranked(("faq/perpetrator_services", 0.55), ("immediate_danger", 0.5)),
                             "perp is in the building")
    assert here.intent == "immediate_danger" and here.danger
    scared = rasa_turn.reading(ranked(("back", 0.9), ("immediate_danger", 0.05)), "she daren't go back, he said he'd kill her")
    assert scared.danger and scared.intent != "back"                      # a danger message never steps back


def test_the_faq_topic_of_pathbots_classifier_comes_before_the_response_selectors():
    selector = {"faq": {"response": {"intent_response_key": "faq/dash"}}}
    data = {"intent": {"name": "faq", "confidence": 0.9}, "response_selector": selector}
    assert rasa_turn.reading({**data, "faq_topic": "faq/marac"}, "is 14 ticks marac").intent == "faq/marac"
    assert rasa_turn.reading(data, "what is the dash").intent == "faq/dash"
    assert rasa_turn.reading({**data, "faq_topic": 3}, "what is the dash").intent == "faq/dash"


def test_the_slot_is_the_state_when_the_digest_matches_else_the_client_is_told():
    state = {"step": "alone", "answers": {}, "flags": []}
    slot = json.dumps(state)
    other = {**state, "step": "x"}
    ok = {"metadata": {"pathway_digest": rasa_turn.digest(state)}}
    assert rasa_turn.state_for(ok, slot) == (state, None)
    assert rasa_turn.state_for({"metadata": {"pathway_digest": rasa_turn.digest(other)}}, slot) == (None, "differs")
    assert rasa_turn.state_for(ok, None) == (None, "empty")
    assert rasa_turn.state_for({"metadata": {"pathway_state": other}}, slot) == (other, None), "a hand-over is adopted"
    assert rasa_turn.state_for({}, slot) == (state, None), "a plain Rasa channel gets the slot"
    assert rasa_turn.state_for({"metadata": {"pathway_state": "nonsense"}}, "{bad json") == (None, None)
    assert rasa_turn.state_for({"metadata": {"pathway_state": {"step": 3}}}, None) == (None, None)
    start = {"intent": {"name": "start"}, "metadata": {"pathway_digest": "x"}}
    assert rasa_turn.state_for(start, None) == (None, None), "a start needs no state"


def test_utterances_carry_text_rasa_buttons_the_engine_message_and_last_the_state(embedded):
    state, said = embedded.start("exampleshire")
    out = rasa_turn.utterances(said, state)
    assert out[-1] == {"json_message": {"pathway_state": state}}
    question = out[-2]
    assert question["text"] == said[-1].text and question["json_message"]["pathbot"] == said[-1].as_json()
    assert {"title": "Back", "payload": '/choose{"payload":"/back"}'} in question["buttons"]
    assert json.dumps(state)    # serialisable, and no free text by construction


def test_a_raw_rasa_channel_without_a_state_is_started_first(embedded):
    data = parse_data("exampleshire", embedded.nlu)
    state, said = rasa_turn.turn(data, None, embedded.library)
    assert state["area"] == "exampleshire" and said[-1].asks == "concern"
    state, said = rasa_turn.turn(parse_data('/start{"area":"nowhere"}', embedded.nlu), None, embedded.library)
    assert state["step"] == engine.AREA_STEP


# --- the command line -----------------------------------------------------------------------

def test_cli_nlu_parse_through_rasa_and_when_rasa_is_down(fake, monkeypatch, capsys):
    from bot.cli import main
    server = fake()
    monkeypatch.setenv("PATHBOT_RASA_URL", server.url)
    assert main(["nlu", "parse", "--backend", "rasa", "--json", "what is a marac", "he has a knife"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out[0] == {"intent": "faq/marac", "confidence": 1.0, "danger": False} and out[1]["danger"] is True
    monkeypatch.setenv("PATHBOT_RASA_URL", f"http://127.0.0.1:{closed_port()}")
    assert main(["nlu", "parse", "--backend", "rasa", "--json", "yes", "nope"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["intent"] for line in captured.out.splitlines()] == ["affirm", "deny"]
    assert captured.err.count(NOTICE) == 1
    assert "nope" not in captured.out + captured.err


def test_cli_scenario_run_through_rasa(fake, monkeypatch, capsys):
    from bot.cli import main
    from bot.scenarios import default_scenario_dir
    server = fake()
    monkeypatch.setenv("PATHBOT_RASA_URL", server.url)
    path = default_scenario_dir() / "trainer-demo-faq-back-and-identifier.yml"
    assert main(["scenario", "run", "--backend", "rasa", "--json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["passed"], result["failures"]
    assert len(server.bodies) > 5, "the turns went through Rasa"


def test_the_web_chat_branches_from_an_earlier_step_of_a_scenario_through_rasa(fake, embedded):
    """The web chat keeps each step's state and may go on from an earlier one: with Rasa, whose
    tracker is at the scenario's end, the turn goes on from the step chosen, as without Rasa."""
    from bot.channels.web import Conversation, WebServer
    server = fake()
    ends = {}
    for name, backend in (("embedded", embedded), ("rasa", rasa(server.url, embedded))):
        conversation = Conversation(WebServer(backend))
        conversation.handle({"type": "scenario", "id": "trainer-demo-faq-back-and-identifier"})
        conversation.handle({"type": "branch", "step": 2})
        question = [m for m in backend.repeat(conversation.state) if m.buttons][-1]
        conversation.handle({"type": "press", "payload": question.buttons[0].payload})
        ends[name] = engine_part(conversation.state)
    assert ends["rasa"] == ends["embedded"]
    assert "pathway_state" in sent(server)[-1]["metadata"], "the earlier copy was handed over"
