"""The turn pipeline's seams: one privacy door, a reader that can be swapped, the question handed in."""
import datetime as dt

import pytest

from bot import engine, rasa_turn
from bot.interpret import interpret
from bot.nlu import Parse
from bot.pathways import load_pathways
from bot.turn import TurnPipeline, screen

TODAY = dt.date(2026, 11, 21)
LIB = load_pathways()
NAME_AND_KNIFE = "he is outside with a knife, her name is Jane Doe, NHS 999 000 0001"


class ScriptedReader:
    """A reader that returns one fixed reading, and counts how often it was asked."""

    def __init__(self, parse: Parse, area: str | None = None):
        self.result, self.named, self.calls = parse, area, 0

    def parse(self, text):
        self.calls += 1
        return self.result

    def area(self, text, areas):
        return self.named if self.named in areas else None


def test_screen_names_the_kinds_never_the_text():
    refusal = screen("her NHS number is 999 000 0001")
    assert refusal and refusal.kinds and "999 000 0001" not in refusal.explanation + " ".join(refusal.kinds)
    assert refusal.message.kind == "warning"
    assert screen("she says her partner hits her") is None


def test_refused_text_never_reaches_the_reader_but_still_meets_the_danger_net():
    reader = ScriptedReader(Parse("affirm", 1.0, False, None))
    pipeline = TurnPipeline(LIB, reader=reader, today=TODAY)
    state, _ = pipeline.start("exampleshire")
    state, said = pipeline.send(state, NAME_AND_KNIFE)
    assert reader.calls == 0
    assert said[0].kind == "warning" and any(m.kind == "emergency" for m in said)
    assert NAME_AND_KNIFE not in str(state) and "Jane" not in str(state)


def test_any_reader_drives_the_same_turn():
    """The reader is the only thing that differs between backends: a scripted one walks the pathway."""
    pipeline = TurnPipeline(LIB, reader=ScriptedReader(Parse("out_of_scope", 1.0, False, None), area="northdale"),
                            today=TODAY)
    state, said = pipeline.start()
    assert said[-1].asks == "area"
    state, said = pipeline.send(state, "anything at all")
    assert state["area"] == "northdale"


@pytest.mark.parametrize("asks, parse, expected", [
    ("alone", Parse("deny", 0.9, False, None), "no"),
    ("police_callouts_12m", Parse("out_of_scope", 1.0, False, 3), "3"),
    ("police_callouts_12m", Parse("unsure", 0.9, False, None), "dont_know"),
])
def test_interpret_needs_only_the_question(asks, parse, expected):
    question = next(s for s in LIB.get("exampleshire").steps if s.asks == asks)
    assert interpret("typed words", parse, question) == expected
    assert interpret("typed words", parse, None) is None


def test_the_rasa_turn_is_the_same_pipeline_with_rasas_reading():
    """A refused message through the Rasa action: explanation and emergency advice, as embedded."""
    embedded = TurnPipeline(LIB, today=TODAY)
    state, _ = embedded.start("exampleshire")
    message = {"text": NAME_AND_KNIFE, "intent": {"name": "affirm", "confidence": 0.99},
               "intent_ranking": [{"name": "affirm", "confidence": 0.99}], "entities": []}
    via_rasa = rasa_turn.turn(message, state, LIB)
    assert via_rasa == embedded.send(state, NAME_AND_KNIFE)
    assert engine.current_question(via_rasa[0], LIB).asks == "concern"


def test_a_refusal_is_flagged_for_channels_and_the_flag_survives_the_rasa_round_trip():
    """Channels blank or ask to delete by this flag, never by the refusal's wording."""
    from bot.messages import refused
    from bot.rasa_backend import _message
    pipeline = TurnPipeline(LIB, today=TODAY)
    state, _ = pipeline.start("exampleshire")
    _, said = pipeline.send(state, NAME_AND_KNIFE)
    assert refused(said) and said[0].refusal and not any(m.refusal for m in said[1:])
    assert any(m.kind == "emergency" for m in said)
    _, plain = pipeline.send(state, "a patient may be experiencing abuse")
    assert not refused(plain)
    for m in said:          # as the Rasa action server sends it back (json_message) and the backend reads it
        assert _message(m.as_json()) == m
    assert "refusal" not in plain[-1].as_json()
