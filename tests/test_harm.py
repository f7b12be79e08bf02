"""Someone who causes harm (#9 item 7), safeguarding whatever the disclosure and family-abuse enquiry
wording (#9 item 9): what a clinician sees and what the referral list and the record hold."""
import datetime as dt

import pytest

from bot import engine
from bot.pathways import load_pathways

LIB = load_pathways()
TODAY = dt.date(2026, 11, 21)
SCREEN = ["immediate_danger", "harm_strangulation", "harm_threats", "harm_weapons", "children", "harm_concern"]


def walk(area, facts):
    """Answer each question one by one from `facts` (default "no", counts 0), as a channel without groups would."""
    state, said = engine.start(area, LIB, today=TODAY)
    for _ in range(120):
        if "done" in state["flags"]:
            break
        q = [m for m in said if m.asks][-1]
        state, more = engine.advance(state, {"payload": str(facts.get(q.asks, "0" if q.asks == "police_callouts_12m" else "no"))}, LIB)
        said += more
    return state, said


def asked(said):
    return [m.asks for m in said if m.asks]


def kinds(state):
    return set(engine.outcome(state, LIB)["referral_kinds"])


def text(said):
    return "\n".join(m.text for m in said)


@pytest.mark.parametrize("concern", ["causing", "staff_causing"])
def test_the_risk_to_others_is_asked_first_on_one_screen(concern):
    state, said = engine.start("exampleshire", LIB, today=TODAY)
    state, said = engine.advance(state, {"payload": concern}, LIB)
    q = said[-1]
    assert "Safety first" in said[0].text
    assert q.select == "each" and [i.id for i in q.items] == SCREEN
    assert all(i.choices for i in q.items)          # each item has its own answers


@pytest.mark.parametrize("sign", [{"immediate_danger": "yes"}, {"harm_strangulation": "yes"}, {"harm_threats": "yes"},
                                  {"harm_weapons": "yes"}, {"harm_concern": "yes"}])
def test_any_one_sign_of_serious_risk_brings_sharing_in_the_public_interest(sign):
    state, said = walk("northdale", {"concern": "causing", **sign})
    assert {"police", "marac", "safeguarding_lead", "perpetrator_service"} <= kinds(state)
    assert not {"idva", "refuge", "outreach"} & kinds(state)       # the partner's own services are not offered here
    assert "Serious risk to others" in text(said) and "without their consent" in text(said)
    assert engine.outcome(state, LIB)["risk"] == "none" and not engine.outcome(state, LIB)["marac"]


def test_danger_now_gives_the_emergency_advice_and_says_to_call_the_police_yourself():
    state, said = walk("exampleshire", {"concern": "causing", "immediate_danger": "yes"})
    assert any(m.kind == "emergency" for m in said)
    assert "call the police on 999 yourself" in text(said)
    assert "emergency" in kinds(state)


def test_no_sign_of_serious_risk_shares_nothing():
    state, said = walk("exampleshire", {"concern": "causing"})
    assert not {"police", "marac", "idva"} & kinds(state)
    assert "Serious risk to others" not in text(said) and "not known" not in text(said)


def test_not_known_is_not_the_same_as_safe():
    state, said = walk("exampleshire", {"concern": "causing", "harm_weapons": "dont_know"})
    assert "not known is not the same as safe" in text(said)
    assert "safeguarding_lead" in kinds(state) and "police" not in kinds(state)


def test_a_patient_causing_harm_is_not_asked_about_work_but_a_colleague_is():
    _, said = walk("exampleshire", {"concern": "causing"})
    assert "works_with_children" not in asked(said)
    _, said = walk("exampleshire", {"concern": "staff_causing"})
    assert {"works_with_children", "works_with_adults_at_risk", "partner_at_work"} <= set(asked(said))
    assert "with your safeguarding lead and HR" in text(said) and "professional regulator" in text(said)


@pytest.mark.parametrize("area", ["exampleshire", "northdale"])
def test_a_colleague_who_works_with_children_goes_to_the_areas_lado(area):
    state, said = walk(area, {"concern": "staff_causing", "works_with_children": "yes"})
    assert "lado" in kinds(state)
    assert "Local Authority Designated Officer (LADO) (demo)" in text(said)      # the area's own entry
    assert "warn your colleague first" in text(said)


def test_a_colleague_with_adults_at_risk_or_a_partner_at_work():
    state, said = walk("northdale", {"concern": "staff_causing", "works_with_adults_at_risk": "yes",
                                     "partner_at_work": "yes"})
    assert {"adult_safeguarding", "helpline"} <= kinds(state) and "lado" not in kinds(state)
    assert "Risk at work" in text(said) and "never through your colleague" in text(said)


def test_the_record_holds_the_risk_to_others():
    state, said = walk("exampleshire", {"concern": "causing", "harm_strangulation": "yes", "harm_threats": "dont_know"})
    summary = said[-1].text
    assert "has strangled, choked or suffocated someone: yes" in summary
    assert "has threatened to kill or seriously hurt someone: not known" in summary
    assert "in a partner's record" in text(said[-2:])        # where to record it, just before the summary


@pytest.mark.parametrize("disclosure", ["no", "unsure"])
def test_a_concerned_clinician_is_asked_about_children_judgement_consent_and_under_18_whatever_was_disclosed(disclosure):
    case = {"concern": "experiencing", "alone": "yes", "safe_to_talk": "yes", "disclosure": disclosure}
    _, said = walk("exampleshire", {**case, "still_concerned": "yes"})
    for qid in ("still_concerned", "children", "professional_concern", "consent", "under_18"):
        assert qid in asked(said), qid
    assert "injury" not in asked(said)         # no checklist without a disclosure
    _, said = walk("exampleshire", {**case, "still_concerned": "no"})
    assert "professional_concern" not in asked(said) and "under_18" not in asked(said)
    assert ("children" in asked(said)) == (disclosure == "unsure")      # as before for a clinician not concerned


def test_a_disclosure_is_never_asked_whether_the_clinician_is_still_concerned():
    _, said = walk("exampleshire", {"concern": "experiencing", "alone": "yes", "safe_to_talk": "yes", "disclosure": "yes"})
    assert "still_concerned" not in asked(said) and "injury" in asked(said)


def test_the_enquiry_wording_covers_family_and_carers_as_well_as_partners():
    _, said = walk("exampleshire", {"concern": "experiencing", "alone": "yes", "safe_to_talk": "yes", "disclosure": "no"})
    wording = next(m.text for m in said if m.text.startswith("Suggested wording"))
    assert "partner or ex-partner" in wording
    for who in ("an adult son or daughter", "in-laws", "a carer", "anyone who looks after you"):
        assert who in wording, who
