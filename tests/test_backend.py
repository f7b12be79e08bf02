"""The embedded backend end to end: typed text through the privacy guard and NLU into the engine."""
import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from bot import engine
from bot.cli import main
from bot.pathways import load_pathways
from bot.turn import EmbeddedBackend

TODAY = dt.date(2026, 11, 21)
CANARY = "Tuesday-clinic-zebra"   # a marker that must never be stored anywhere


@pytest.fixture(scope="module")
def backend():
    return EmbeddedBackend(today=TODAY)


def to_question(backend, area, payloads, text_answers=()):
    state, said = backend.start(area)
    for p in payloads:
        state, said = backend.press(state, p)
    for t in text_answers:
        state, said = backend.send(state, t)
    return state, said


def test_typed_answers_are_understood(backend):
    state, said = to_question(backend, "exampleshire", [], ["a patient told me her partner hits her"])
    assert "concern" not in state["answers"] and said[-1].asks == "concern"     # a typed concern is confirmed
    assert said[-1].buttons[0].payload == "experiencing"
    state, said = backend.send(state, "yes")
    assert state["answers"]["concern"] == "experiencing"
    state, said = backend.send(state, "yes she's on her own")
    assert state["answers"]["alone"] == "yes"
    state, said = backend.send(state, "nope")
    assert state["answers"]["family_interpreter"] == "no"


def test_a_colleague_disclosing_harm_takes_the_staff_branch(backend):
    state, said = to_question(backend, "northdale", [], ["my colleague told me he hits his wife", "yes"])
    assert state["answers"]["concern"] == "staff_causing"


def test_typed_counts_for_police_callouts(backend):
    state, said = to_question(backend, "exampleshire", ["experiencing", "yes", "no", "yes", "yes", "no", "no", "no"]
                              + ["no"] * 24 + ["no", "no"])   # checklist, honour-based, judgement
    assert said[-1].asks == "police_callouts_12m"
    state, said = backend.send(state, "three times this year")
    assert state["answers"]["police_callouts_12m"] == 3
    assert "escalation" in engine.outcome(state, backend.library)["marac_reasons"]


def test_a_misspelt_area_is_matched(backend):
    state, said = backend.start(None)
    state, said = backend.send(state, "exampleshre")
    assert state["area"] == "exampleshire" and said[-1].asks == "concern"


def test_danger_in_free_text_interrupts_any_step(backend):
    state, said = to_question(backend, "exampleshire", ["experiencing", "yes"])
    assert said[-1].asks == "family_interpreter"
    state, said = backend.send(state, "hang on he's just turned up in the waiting room with a knife")
    assert said[0].kind == "emergency" and "55" in said[0].text
    assert said[-1].asks == "family_interpreter"


def test_an_identifier_is_refused_without_echo_and_the_question_asked_again(backend):
    state, said = to_question(backend, "exampleshire", ["experiencing"])
    state2, said = backend.send(state, "her NHS number is 999 123 4567")
    assert state2 == state
    assert said[0].kind == "warning" and "NHS number" in said[0].text
    assert "999 123 4567" not in "\n".join(m.text for m in said)
    assert said[-1].asks == "alone"


def test_a_refused_message_that_reports_danger_still_gets_emergency_advice(backend):
    state, said = to_question(backend, "exampleshire", ["experiencing"])
    state, said = backend.send(state, "Mrs Smith says he is outside with a knife")
    kinds = [m.kind for m in said]
    assert kinds[0] == "warning" and "emergency" in kinds
    assert "Smith" not in json.dumps(state) and "Smith" not in "\n".join(m.text for m in said)


def test_a_question_mid_pathway_returns_to_the_same_question(backend):
    state, said = to_question(backend, "exampleshire", ["experiencing", "yes", "no", "yes", "yes", "no", "no", "no"])
    asked = said[-1].asks
    state, said = backend.send(state, "what is a marac?")
    assert "multi-agency" in said[0].text and said[-1].asks == asked


def test_typed_text_never_reaches_state_logs_or_files(backend, caplog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG)
    logging.getLogger().setLevel(logging.DEBUG)
    state, said = backend.start("exampleshire")
    for text in [f"she told me about {CANARY} and her partner hurts her", f"yes {CANARY}", f"no {CANARY}",
                 f"what is an idva {CANARY}", f"{CANARY} help", f"yes {CANARY} he's outside with a gun",
                 f"Her name is {CANARY}"]:
        state, said = backend.send(state, text)
        assert CANARY not in json.dumps(state)
        assert all(CANARY not in m.text for m in said)
    assert CANARY not in caplog.text
    written = [p for p in Path(tmp_path).rglob("*") if p.is_file()]
    assert all(CANARY not in p.read_text(errors="ignore") for p in written)


def test_cli_nlu_and_privacy_json_follow_the_contract_and_never_echo(capsys, monkeypatch):
    assert main(["nlu", "parse", "--json", "he is outside with a knife", "yes"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    first, second = map(json.loads, lines)
    assert set(first) == {"intent", "confidence", "danger"} and first["danger"] is True
    assert second["intent"] == "affirm" and second["danger"] is False
    assert main(["privacy", "check", "--json", "her nhs number is 999 123 4567", "yes"]) == 0
    out = capsys.readouterr().out
    assert "999 123 4567" not in out
    a, b = map(json.loads, out.strip().splitlines())
    assert a == {"blocked": True, "kinds": ["nhs_number"]} and b == {"blocked": False, "kinds": []}


def test_cli_reads_stdin_one_message_per_line(capsys, monkeypatch):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\nno\nwhat is a marac\n"))
    assert main(["nlu", "parse", "--json"]) == 0
    intents = [json.loads(l)["intent"] for l in capsys.readouterr().out.strip().splitlines()]
    assert intents == ["affirm", "deny", "faq/marac"]


def test_terminal_chat_reaches_the_first_question_and_accepts_numbers(capsys, monkeypatch):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("1\nquit\n"))
    assert main(["chat", "--area", "exampleshre"]) == 0
    out = capsys.readouterr().out
    assert "What is your concern?" in out and "DEMO DATA" in out
    assert "Is the person alone with you" in out and "Nothing from this conversation was kept" in out


def test_chat_with_an_unknown_area_is_a_usage_error(capsys):
    assert main(["chat", "--area", "atlantis"]) == 2
    assert "unknown area" in capsys.readouterr().err


@pytest.mark.parametrize("typed, concern", [
    ("a patient may be experiencing abuse", "experiencing"),        # a button's own title, typed
    ("A patient says they are causing harm.", "causing"),
    ("a colleague may be experiencing abuse", "staff_experiencing"),
    ("colleague says they are causing harm", "staff_causing"),
])
def test_a_typed_option_title_picks_that_option_whatever_the_intent_guess(typed, concern):
    backend = EmbeddedBackend(library=load_pathways(), today=TODAY)
    state, _ = backend.start("exampleshire")
    state, said = backend.send(state, typed)
    assert said[-1].asks == "concern" and said[-1].buttons[0].payload == concern   # proposed, one tap to confirm
    state, _ = backend.send(state, "yes")
    assert state["answers"]["concern"] == concern


# --- asking once, keeping answers, counts (issue #9 items 1-3) ------------------------------------

def test_danger_typed_with_an_answer_keeps_the_answer_and_asks_danger_again(backend):
    state, said = to_question(backend, "exampleshire", ["experiencing", "yes", "no", "yes", "yes", "no"])
    assert said[-1].asks == "children"
    state, said = backend.send(state, "yes, and he is outside in the car park now")
    assert said[0].kind == "emergency"
    assert state["answers"]["children"] == "yes"                 # the answer it carried is kept
    assert said[-1].asks == "immediate_danger"                   # asked again, the next reply answers that
    state, said = backend.send(state, "no")
    assert state["answers"]["immediate_danger"] == "no" and said[-1].asks == "pregnant"


def test_a_danger_phrase_with_no_at_the_danger_question_is_asked_again(backend):
    state, said = to_question(backend, "exampleshire", ["experiencing", "yes", "no", "yes", "yes"])
    state, said = backend.send(state, "no, but he's outside with a knife")
    assert said[0].kind == "emergency" and said[-1].asks == "immediate_danger"
    assert "immediate_danger" not in state["answers"]


def test_a_typed_count_is_a_count_and_is_said_back(backend):
    state, said = to_question(backend, "northdale", ["experiencing", "yes", "no", "yes", "yes", "no", "no", "no"]
                              + ["no"] * 24 + ["no", "no"])   # checklist, honour-based, judgement
    assert said[-1].asks == "police_callouts_12m"
    state, said = backend.send(state, "7")
    assert state["answers"]["police_callouts_12m"] == 7 and "Noted as a number: 7" in said[0].text


def test_the_terminal_does_not_number_a_count_questions_buttons():
    from bot.channels.terminal import render
    q = engine.Message("How many?", "question", (engine.Button("0", "0"), engine.Button("1", "1"),
                                                 engine.Button("Don't know", "dont_know")), "police_callouts_12m")
    shown = render(q)
    assert "[0]" in shown and "[Don't know]" in shown and "[3]" not in shown


def test_an_unclear_colleague_is_asked_about_and_never_guessed(backend):
    state, said = to_question(backend, "exampleshire", [], ["a colleague"])
    assert "concern" not in state["answers"]
    assert {b.payload for b in said[-1].buttons} >= {"staff_experiencing", "staff_causing"}
    assert "experiencing" not in {b.payload for b in said[-1].buttons}
    state, said = backend.send(state, "causing harm")
    assert state["answers"]["concern"] == "staff_causing"
