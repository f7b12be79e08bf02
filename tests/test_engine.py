"""The engine: pure, deterministic walk of a pathway. Driven here by button payloads only."""
import copy
import datetime as dt
import json

import pytest

from bot import engine, vocab
from bot.pathways import load_pathways

TODAY = dt.date(2026, 11, 21)
LIB = load_pathways()           # the shipped pathways; the engine is always handed its library


def walk(area, facts, *, stop_at=None):
    """Answer every question from `facts` (yes/no default "no", counts 0) until the end or `stop_at`."""
    state, said = engine.start(area, LIB, today=TODAY)
    for _ in range(120):
        if "done" in state["flags"]:
            break
        q = [m for m in said if m.asks][-1]
        if q.asks == stop_at:
            break
        state, more = engine.advance(state, {"payload": str(facts.get(q.asks, "0" if q.asks == "police_callouts_12m" else "no"))}, LIB)
        said += more
    return state, said


def text_of(messages):
    return "\n".join(m.text for m in messages)


CASE = {"concern": "experiencing", "alone": "yes", "safe_to_talk": "yes", "disclosure": "yes"}


def with_yes(n, **extra):
    """A disclosure case with the first n checklist themes answered yes (pregnancy, answered at
    "pregnant" and never asked twice, left out)."""
    return {**CASE, **{q: "yes" for q in [t for t in vocab.CHECKLIST if t != "pregnancy"][:n]}, **extra}


def test_first_question_offers_answers_and_navigation_and_marks_demo_data():
    state, said = engine.start("exampleshire", LIB, today=TODAY)
    assert any("DEMO DATA" in m.text for m in said)
    q = said[-1]
    assert q.asks == "concern" and q.kind == "question"
    titles = [b.title for b in q.buttons]
    assert {"Back", "Help", "Restart"} <= set(titles)
    assert {b.payload for b in q.buttons} >= set(vocab.CONCERNS)


def test_without_an_area_it_asks_for_one_and_accepts_a_button():
    state, said = engine.start(None, LIB, today=TODAY)
    assert said[-1].asks == "area"
    assert {"exampleshire", "northdale"} <= {b.payload for b in said[-1].buttons}
    state, said = engine.advance(state, {"payload": "northdale"}, LIB)
    assert state["area"] == "northdale" and said[-1].asks == "concern"


@pytest.mark.parametrize("stop_fact, question", [({"alone": "no"}, "alone"),
                                                 ({"alone": "yes", "family_interpreter": "yes"}, "family_interpreter"),
                                                 ({"alone": "yes", "safe_to_talk": "no"}, "safe_to_talk")])
def test_enquiry_stops_when_not_private_and_says_what_to_do_instead(stop_fact, question):
    state, said = walk("exampleshire", {"concern": "experiencing", **stop_fact})
    asked = [m.asks for m in said if m.asks]
    assert "disclosure" not in asked and "injury" not in asked
    assert any(m.kind == "warning" for m in said)
    assert "done" in state["flags"]
    assert engine.outcome(state, LIB)["risk"] == "none"


def test_disclosure_is_validated_with_suggested_wording():
    state, said = walk("exampleshire", CASE, stop_at="immediate_danger")
    assert "not your fault" in text_of(said)


def test_danger_short_circuits_from_any_step_then_continues():
    state, said = walk("exampleshire", {"concern": "experiencing"}, stop_at="alone")
    before = copy.deepcopy(state)
    state, said = engine.advance(state, {"intent": "disclose_abuse", "danger": True}, LIB)
    assert said[0].kind == "emergency"
    assert "999" in said[0].text and "55" in said[0].text
    assert said[-1].asks == "alone"             # carries on where it was
    assert before["flags"] == []                # the old state was not mutated
    state, said = walk_on(state, {**CASE})
    assert "immediate_danger" in [m.asks for m in said if m.asks]   # confirmed, not assumed
    assert engine.outcome(state, LIB)["emergency"] is True
    assert "emergency" in engine.outcome(state, LIB)["referral_kinds"]


def walk_on(state, facts):
    said = []
    for _ in range(120):
        if "done" in state["flags"]:
            break
        q = engine.repeat(state, LIB)[-1]
        state, more = engine.advance(state, {"payload": facts.get(q.asks, "0" if q.asks == "police_callouts_12m" else "no")}, LIB)
        said += more
    return state, said


def test_answering_yes_to_immediate_danger_gives_emergency_advice():
    state, said = walk("northdale", {**CASE, "immediate_danger": "yes"}, stop_at="children")
    assert [m for m in said if m.kind == "emergency"]


@pytest.mark.parametrize("area, yes, band, marac", [
    ("exampleshire", 9, "standard", False), ("exampleshire", 10, "medium", False),
    ("exampleshire", 14, "high", True), ("northdale", 13, "medium", False), ("northdale", 14, "high", False),
    ("northdale", 16, "high", False), ("northdale", 17, "high", True)])
def test_checklist_is_banded_nationally_and_marac_by_the_area_threshold(area, yes, band, marac):
    """The DASH bands (medium 10-13, high 14+) are the same everywhere; Northdale's MARAC threshold of 17
    decides visible high risk for MARAC, never the band (issue #9 item 5)."""
    state, said = walk(area, with_yes(yes))
    out = engine.outcome(state, LIB)
    assert (out["score"], out["risk"], out["marac"]) == (yes, band, marac)
    assert f"{yes} of 24 answered yes" in text_of(said)


def test_professional_judgement_raises_risk_but_never_lowers_it():
    raised, _ = walk("exampleshire", with_yes(2, professional_concern="yes"))
    assert engine.outcome(raised, LIB)["risk"] == "high"
    assert engine.outcome(raised, LIB)["marac_reasons"] == ["professional_judgement"]
    kept, _ = walk("exampleshire", with_yes(16, professional_concern="no"))
    assert engine.outcome(kept, LIB)["risk"] == "high"


@pytest.mark.parametrize("area, callouts, met", [("exampleshire", 3, True), ("exampleshire", 2, False),
                                                 ("northdale", 3, False), ("northdale", 5, True)])
def test_escalation_by_police_callouts_uses_the_area_setting(area, callouts, met):
    state, said = walk(area, with_yes(1, police_callouts_12m=str(callouts)))
    assert ("escalation" in engine.outcome(state, LIB)["marac_reasons"]) is met


def test_repeat_within_12_months_of_a_previous_marac_meets_the_criteria():
    state, said = walk("exampleshire", with_yes(1, previous_marac_12m="yes"))
    assert engine.outcome(state, LIB)["marac_reasons"] == ["repeat"]
    assert "MARAC referral: YES" in text_of(said)


def test_unknown_callouts_are_flagged_for_checking():
    state, said = walk("exampleshire", with_yes(1, police_callouts_12m="dont_know"))
    assert "not known" in text_of(said)


@pytest.mark.parametrize("fact, kinds", [
    ({"pregnant": "yes"}, ["maternity"]), ({"age_60_plus": "yes"}, ["older_people", "adult_safeguarding"]),
    ({"lgbt": "yes"}, ["lgbt"]), ({"male": "yes"}, ["male_victims"]),
    ({"honour_based": "yes"}, ["honour_based", "minoritised"]), ({"stalking": "yes"}, ["stalking"]),
    ({"sexual_violence": "yes"}, ["sexual_violence"]), ({"substance_misuse": "yes"}, ["substance_misuse"]),
    ({"mental_health": "yes"}, ["mental_health"]), ({"disability": "yes"}, ["disability", "adult_safeguarding"]),
    ({"nrpf": "yes"}, ["nrpf"])])
def test_referrals_follow_the_needs_of_the_case(fact, kinds):
    state, said = walk("exampleshire", {**CASE, **fact})
    offered = engine.outcome(state, LIB)["referral_kinds"]
    assert set(kinds) <= set(offered)
    plain, _ = walk("exampleshire", CASE)
    assert not set(kinds) & set(engine.outcome(plain, LIB)["referral_kinds"])


def test_children_go_to_mash_in_northdale_always_but_in_exampleshire_only_at_high_risk():
    north, _ = walk("northdale", {**CASE, "children": "yes"})
    example, said = walk("exampleshire", {**CASE, "children": "yes"})
    assert "mash" in engine.outcome(north, LIB)["referral_kinds"]
    assert "mash" not in engine.outcome(example, LIB)["referral_kinds"]
    assert "safeguarding_lead" in engine.outcome(example, LIB)["referral_kinds"]
    assert "Child safeguarding duties apply" in text_of(said)
    high, _ = walk("exampleshire", with_yes(14, children="yes"))
    assert "mash" in engine.outcome(high, LIB)["referral_kinds"]


def test_inferred_answers_are_not_asked_again():
    state, said = walk("exampleshire", with_yes(0, pregnant="yes", sexual_abuse="yes"))
    asked = [m.asks for m in said if m.asks]
    assert "pregnancy" not in asked and "sexual_violence" not in asked
    assert state["answers"]["pregnancy"] == "yes"
    assert {"maternity", "sexual_violence"} <= set(engine.outcome(state, LIB)["referral_kinds"])


def test_someone_causing_harm_gets_perpetrator_services_never_victim_services():
    state, said = walk("exampleshire", {"concern": "causing", "children": "yes"})
    out = engine.outcome(state, LIB)
    assert {"perpetrator_service", "mash"} <= set(out["referral_kinds"])
    assert not {"idva", "marac", "refuge", "helpline"} & set(out["referral_kinds"])
    asked = [m.asks for m in said if m.asks]
    assert "injury" not in asked and "alone" not in asked
    assert "couples counselling" in text_of(said)
    assert out["risk"] == "none"


def test_a_colleague_causing_harm_brings_in_the_safeguarding_lead():
    state, _ = walk("northdale", {"concern": "staff_causing"})
    assert {"perpetrator_service", "safeguarding_lead"} <= set(engine.outcome(state, LIB)["referral_kinds"])


def test_stale_and_unverified_contacts_are_flagged_in_referrals():
    state, said = walk("exampleshire", {**CASE, "age_60_plus": "yes", "lgbt": "yes"})
    text = text_of(said)
    assert "not verified since 2025-03-01" in text      # the older people's service
    assert "NOT VERIFIED" in text                        # a service never verified


def test_an_overdue_pathway_file_warns_on_every_referral_list():
    state, said = engine.start("exampleshire", LIB, today=dt.date(2031, 1, 1))
    state, more = walk_on(state, CASE)
    assert "due for review" in text_of(more)


def test_summary_is_identifier_free_and_complete():
    state, said = walk("exampleshire", with_yes(15, children="yes", consent="no"))
    summary, guidance = said[-1].text, said[-2].text
    assert "no identifiers" in summary
    assert "15/24" in summary and "HIGH" in summary
    assert "MARAC referral: YES" in summary and "visible high risk" in summary
    assert "Referral options offered" in summary and "IDVA (independent domestic violence adviser)" in summary
    assert "hand-held" in guidance and "hand-held" not in summary     # what to record and where: said, not pasted
    assert "SafeLives DASH" in summary and "NICE PH50" in summary


def test_state_is_small_json_and_holds_only_vocabulary_values():
    state, _ = walk("exampleshire", with_yes(12, children="yes", police_callouts_12m="4"))
    blob = json.dumps(state)
    assert len(blob) < 2048
    allowed = {"yes", "no", "unsure", "dont_know", *vocab.CONCERNS}
    asked = {s.asks for s in LIB.get("exampleshire").steps if s.asks}
    for qid, value in state["answers"].items():
        assert qid in vocab.QUESTIONS or qid in asked    # the pathway may add questions (DESIGN.md)
        assert value in allowed or isinstance(value, int)
    assert set(state) == {"area", "step", "answers", "flags", "trail", "day", "version"}
    assert all(isinstance(i, int) for i in state["trail"])     # step indices, never text


def test_back_changes_the_last_answer():
    state, said = walk("exampleshire", CASE, stop_at="immediate_danger")
    state, said = engine.advance(state, {"payload": "/back"}, LIB)
    assert said[-1].asks == "disclosure" and "disclosure" not in state["answers"]
    state, said = engine.advance(state, {"payload": "no"}, LIB)
    assert state["answers"]["disclosure"] == "no"


def test_back_at_the_first_question_says_so():
    state, _ = engine.start("exampleshire", LIB, today=TODAY)
    state, said = engine.advance(state, {"payload": "/back"}, LIB)
    assert said[-1].asks == "concern" and "no earlier answer" in said[0].text


def test_help_explains_the_step_and_asks_again():
    state, _ = walk("exampleshire", CASE, stop_at="professional_concern")
    state2, said = engine.advance(state, {"payload": "/help"}, LIB)
    assert "judgement" in said[0].text.lower() and said[-1].asks == "professional_concern"
    assert state2 == state


def test_a_question_mid_pathway_is_answered_and_the_same_question_asked_again():
    state, _ = walk("exampleshire", CASE, stop_at="weapons")
    state2, said = engine.advance(state, {"intent": "faq/marac"}, LIB)
    assert "multi-agency" in said[0].text and said[-1].asks == "weapons"
    assert state2 == state


@pytest.mark.parametrize("payload", ["experiencing", "maybe", "x" * 64, "", "/unknown"])
def test_stale_or_forged_buttons_are_answered_gracefully(payload):
    state, _ = walk("exampleshire", CASE, stop_at="weapons")
    state2, said = engine.advance(state, {"payload": payload}, LIB)
    assert state2 == state and said[-1].asks == "weapons"


def test_restart_begins_again_with_nothing_kept():
    state, _ = walk("exampleshire", with_yes(5))
    state, said = engine.advance(state, {"payload": "/restart"}, LIB)
    assert state["answers"] == {} and state["flags"] == [] and said[-1].asks == "concern"


def test_after_the_end_it_offers_restart():
    state, _ = walk("exampleshire", CASE)
    state, said = engine.advance(state, {"payload": "yes"}, LIB)
    assert "complete" in said[-1].text and said[-1].buttons[0].payload == "/restart"


# --- gaps found by the clinical vignettes (data/scenarios/) ----------------------------------

def test_a_marac_case_with_children_goes_to_the_mash_whatever_the_band():
    """MARAC does not replace child safeguarding: a repeat or escalation case with children is referred too."""
    state, said = walk("exampleshire", with_yes(11, children="yes", previous_marac_12m="yes"))
    out = engine.outcome(state, LIB)
    assert out["risk"] == "medium" and out["marac_reasons"] == ["repeat"]
    assert "mash" in out["referral_kinds"]
    assert "MARAC does not replace child safeguarding" in text_of(said)


def test_pregnancy_at_high_risk_gets_a_pre_birth_referral_and_northdale_refers_every_pregnancy():
    high, _ = walk("exampleshire", with_yes(14, pregnant="yes"))
    assert {"mash", "maternity"} <= set(engine.outcome(high, LIB)["referral_kinds"])
    standard, _ = walk("exampleshire", with_yes(2, pregnant="yes"))
    assert "mash" not in engine.outcome(standard, LIB)["referral_kinds"]
    north, _ = walk("northdale", with_yes(2, pregnant="yes"))
    assert "mash" in engine.outcome(north, LIB)["referral_kinds"]


def test_pregnancy_is_asked_once_and_counts_on_the_checklist():
    state, said = walk("exampleshire", {**CASE, "pregnant": "yes"})
    asked = [m.asks for m in said if m.asks]
    assert "pregnant" in asked and "pregnancy" not in asked
    assert state["answers"]["pregnancy"] == "yes" and engine.outcome(state, LIB)["score"] == 1
    assert engine.outcome(state, LIB)["referral_kinds"].count("maternity") == 1
    state, said = walk("exampleshire", {**CASE, "pregnant": "no"})     # an older man: not asked again either
    assert "pregnancy" not in [m.asks for m in said if m.asks] and state["answers"]["pregnancy"] == "no"


def test_under_18_is_asked_and_warns_that_child_safeguarding_applies():
    state, said = walk("exampleshire", with_yes(3, under_18="yes"))
    assert "under_18" in [m.asks for m in said if m.asks]
    assert "child safeguarding procedures apply" in text_of(said)
    assert "Needs noted: under 18" in said[-1].text
    older, said = walk("exampleshire", with_yes(3, age_60_plus="yes"))
    assert "under_18" not in [m.asks for m in said if m.asks]   # 60 or over: not asked


def test_unknown_checklist_answers_and_previous_marac_are_flagged():
    facts = {**CASE, **{q: "dont_know" for q in vocab.CHECKLIST}, "pregnant": "dont_know", "previous_marac_12m": "dont_know"}
    state, said = walk("northdale", facts)
    text = text_of(said)
    assert "Themes not known: 24 of 24" in text
    assert "discussed at a MARAC in the last 12 months is not known" in text
    assert engine.outcome(state, LIB)["risk"] == "standard"
    plain, said = walk("northdale", with_yes(2))
    assert "Themes not known" not in text_of(said)


def test_honour_based_abuse_warns_against_contacting_the_family_and_mediation():
    state, said = walk("exampleshire", {**CASE, "honour_based": "yes"})
    warning = [m for m in said if m.kind == "warning" and "mediation" in m.text]
    assert warning and "do not contact the family" in warning[0].text


def test_summary_shows_marac_criteria_verification_and_only_the_sources_of_the_branch_taken():
    state, said = walk("exampleshire", with_yes(4, age_60_plus="yes", police_callouts_12m="2"))
    summary = said[-1].text
    assert "MARAC criteria asked: professional concern: no; police call-outs in 12 months: 2;" in summary
    assert "verified 2026-" in summary                   # a fresh local service
    assert "not verified since 2025-03-01" in summary    # the stale older people's service
    assert "Respect" not in summary.split("Based on:")[1]  # the harm branch's source is not cited
    assert "HARK" in summary and "SafeLives DASH" in summary
    harm, said = walk("exampleshire", {"concern": "causing"})
    sources = said[-1].text.split("Based on:")[1]
    assert "Respect" in sources and "HARK" not in sources and "DASH" not in sources


def test_service_lines_say_who_each_service_is_for():
    state, said = walk("exampleshire", {**CASE, "male": "yes"})
    assert "For: Men aged 18+ who live or work in Exampleshire." in text_of(said)


def test_summary_for_someone_causing_harm_says_to_record_it_in_their_own_record_only():
    state, said = walk("exampleshire", {"concern": "causing", "children": "no"})
    summary, guidance = said[-1].text, said[-2].text
    assert "never into a partner's record" in guidance and "hand-held" not in guidance + summary
    assert "Immediate danger: no." in summary
    victim, said = walk("exampleshire", CASE)
    assert "where the person causing harm cannot see it" in said[-2].text


def test_short_of_time_the_checklist_can_be_stopped_and_the_record_says_so():
    """A&E: one tap leaves the checklist for professional judgement, MARAC and referral."""
    lib = LIB
    state, _ = engine.start("exampleshire", lib, dt.date(2026, 11, 21))
    for payload in ["experiencing", "yes", "no", "yes", "yes", "no", "no", "no"]:
        state, out = engine.advance(state, {"payload": payload}, lib)
    assert out[-1].asks == "injury"
    skip = [b for b in out[-1].buttons if b.payload == "/skip"]
    assert skip and "Short of time" in skip[0].title
    state, out = engine.advance(state, {"payload": "yes"}, lib)                 # injury: yes
    state, out = engine.advance(state, {"payload": "/skip"}, lib)
    assert out[-1].asks == "honour_based"              # still asked: a red flag, before the MARAC decision
    state, out = engine.advance(state, {"payload": "no"}, lib)
    assert any("stopped after 1 of 24" in m.text for m in out)
    assert out[-1].asks == "professional_concern"
    state, out = engine.advance(state, {"payload": "yes"}, lib)                 # judgement raises it to high
    for _ in range(30):
        if "done" in state["flags"]:
            break
        state, out = engine.advance(state, {"payload": "0" if out[-1].asks == "police_callouts_12m" else "no"}, lib)
    assert "Checklist stopped early: 1 of 24 themes asked" in out[-1].text
    result = engine.outcome(state, lib)
    assert result["risk"] == "high" and result["marac"] and "idva" in result["referral_kinds"]


def test_skip_outside_the_checklist_is_a_stale_button_and_back_reopens_the_checklist():
    lib = LIB
    state, out = engine.start("exampleshire", lib, dt.date(2026, 11, 21))
    assert not any(b.payload == "/skip" for b in out[-1].buttons)      # the concern question has none
    same, _ = engine.advance(state, {"payload": "/skip"}, lib)
    assert same["step"] == state["step"]
    for payload in ["experiencing", "yes", "no", "yes", "yes", "no", "no", "no", "yes", "/skip"]:
        state, out = engine.advance(state, {"payload": payload}, lib)
    state, out = engine.advance(state, {"payload": "/back"}, lib)
    assert out[-1].asks == "injury" and "checklist_stopped" not in state["flags"]
    state, out = engine.advance(state, {"payload": "no"}, lib)
    assert out[-1].asks == "frightened"                                   # the checklist carries on


def test_back_follows_the_trail_and_forgets_answers_assumed_from_the_undone_one():
    state, said = walk("exampleshire", {**CASE, "pregnant": "yes"}, stop_at="more_often")
    assert state["answers"]["pregnancy"] == "yes"              # assumed from pregnant: yes
    for _ in range(9):                                         # back through stalking ... injury, then pregnant
        state, said = engine.advance(state, {"payload": "/back"}, LIB)
    assert said[-1].asks == "pregnant" and "pregnancy" not in state["answers"]
    state, said = engine.advance(state, {"payload": "no"}, LIB)
    assert said[-1].asks == "injury"
    steps = LIB.get("exampleshire").steps
    assert [steps[i].id for i in state["trail"]][-3:] == ["risk_route", "dash_intro", "injury"]


def test_emergency_advice_shown_but_no_danger_is_recorded_as_that():
    state, said = walk("exampleshire", CASE, stop_at="alone")
    state, said = engine.advance(state, {"payload": "/emergency"}, LIB)
    state, said = walk_on(state, CASE)
    summary = said[-1].text
    assert "immediate danger: no." in summary and "Immediate danger reported" not in summary
