"""Questions on one screen: tick all that apply (select "many") and themed groups (select "each"),
answered by one "/set id=value;..." payload, or one by one by channels that cannot show them."""
from __future__ import annotations

import datetime as dt
import io

from bot import engine
from bot.backend import EmbeddedBackend
from bot.channels.terminal import chat

TODAY = dt.date(2026, 12, 5)
TO_SAFETY = ["experiencing", "yes", "no", "yes", "yes"]


def _at(presses, area="exampleshire"):
    backend = EmbeddedBackend(today=TODAY)
    state, said = backend.start(area)
    for p in presses:
        state, said = backend.press(state, p)
    return backend, state, said


def test_safety_now_is_one_themed_group_with_fallback_buttons():
    _, state, said = _at(TO_SAFETY)
    q = said[-1]
    assert q.select == "each" and [i.id for i in q.items] == ["immediate_danger", "children", "pregnant"]
    assert q.asks == "immediate_danger"                      # one by one: the first open question
    assert q.text.split("\n")[0].startswith("Safety now")    # first line: the group's heading
    assert [b.payload for b in q.buttons][:2] == ["yes", "no"]
    assert [b.payload for b in q.items[2].choices] == ["yes", "no", "dont_know"]


def test_a_group_answered_at_once_keeps_each_answers_warning():
    backend, state, said = _at(TO_SAFETY)
    state, said = backend.press(state, "/set immediate_danger=yes;children=yes;pregnant=no")
    kinds = [m.kind for m in said]
    assert "emergency" in kinds                              # immediate danger: yes gives the advice
    assert any("Child safeguarding duties apply" in m.text for m in said)
    assert state["answers"]["children"] == "yes" and state["answers"]["pregnant"] == "no"
    assert said[-1].asks == "injury" and said[-1].select == "each"
    assert sum(1 for m in said if m.asks) == 1               # only the next screen is asked


def test_a_bad_set_answers_nothing_and_asks_again():
    backend, state, _ = _at(TO_SAFETY)
    for bad in ("/set immediate_danger=maybe", "/set injury=yes", "/set nonsense", "/set children=yes;children=no"):
        new, said = backend.press(state, bad)
        assert new["answers"] == state["answers"], bad
        assert said[-1].asks == "immediate_danger" and "did not catch" in said[0].text


def test_needs_tick_all_that_apply_unticked_are_no():
    backend, state, said = _at(TO_SAFETY + ["/set immediate_danger=no;children=no;pregnant=no", engine.SKIP, "no",
                                            "/set professional_concern=no;police_callouts_12m=0;previous_marac_12m=no;consent=yes"])
    q = said[-1]
    assert q.select == "many" and len(q.items) == 9 and not any(i.choices for i in q.items)
    assert [b.title for b in q.buttons][0] == "None of these"
    new, said = backend.press(state, "/set male=yes;under_18=yes")
    answers = new["answers"]
    assert answers["male"] == "yes" and answers["under_18"] == "yes" and answers["lgbt"] == "no"
    assert any("child safeguarding procedures apply" in m.text for m in said)
    assert "done" in new["flags"] and "Needs noted: under 18, male" in said[-1].text
    typed, _ = backend.send(state, "2 and 9")               # typed numbers, as in the terminal
    assert {k: typed["answers"][k] for k in ("male", "under_18", "lgbt")} == {"male": "yes", "under_18": "yes", "lgbt": "no"}
    none, _ = backend.send(state, "none")
    assert all(none["answers"][i.id] == "no" for i in q.items if i.id != "under_18")
    kept, said = backend.send(state, "11")                   # not on the list: nothing answered
    assert kept["answers"] == state["answers"] and said[-1].asks == q.asks
    back, said = backend.press(new, "/back")                 # back reopens the whole tick list
    assert said[-1].select == "many" and "male" not in back["answers"]


def test_terminal_takes_numbers_for_a_tick_list():
    presses = "\n".join(["1", "1", "2", "1", "1", "2", "2", "2", "7", "2", "2", "1", "2", "1", "1 3", "quit"]) + "\n"
    out = io.StringIO()
    chat(EmbeddedBackend(today=TODAY), "exampleshire", io.StringIO(presses), out)
    text = out.getvalue()
    assert "1. Aged 60 or over" in text and "or type: None of these, Back, Help, Restart" in text
    assert "Needs noted: age 60 plus, LGBT" in text
