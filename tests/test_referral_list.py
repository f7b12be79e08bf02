"""The referral list (#9 item 9): services by nation, one service per kind first, the rest under More services."""
import datetime as dt
import io
from pathlib import Path

import pytest

from bot import engine, referrals, vocab
from bot.channels.terminal import chat
from bot.pathways import default_pathway_dir, load_pathways
from bot.turn import TurnPipeline

TODAY = dt.date(2026, 11, 21)
SHIPPED = default_pathway_dir()
LIB = load_pathways(SHIPPED, TODAY)
CASE = {"concern": "experiencing", "alone": "yes", "safe_to_talk": "yes", "disclosure": "yes"}
HIGH = {**CASE, "children": "yes", "mental_health": "yes",
        **{q: "yes" for q in ("injury", "frightened", "fears", "isolation", "depression", "separation", "stalking",
                              "more_often", "getting_worse", "controlling", "weapons", "threats_to_kill",
                              "strangulation", "financial", "abuser_substance_mh", "criminal_history")}}


def walk(area, facts):
    state, said = engine.start(area, LIB, today=TODAY)
    for _ in range(150):
        if "done" in state["flags"]:
            break
        q = [m for m in said if m.asks][-1]
        state, more = engine.advance(state, {"payload": str(facts.get(q.asks, "0" if q.asks == "police_callouts_12m"
                                                                          else "no"))}, LIB)
        said += more
    return state, said


def referral_message(said):
    heading = LIB.get("national").messages["referrals_heading"].split("(")[0]
    return next(m for m in said if heading in m.text)


# --- by nation ----------------------------------------------------------------------------------

def test_an_english_area_never_has_a_service_for_wales_only_and_a_welsh_area_never_one_for_england_only():
    english = {s.id for s in LIB.get("exampleshire").services}
    welsh = {s.id for s in LIB.get("sir_enghraifft").services}
    assert "live_fear_free" not in english and "ndah" in english
    assert "live_fear_free" in welsh and "ndah" not in welsh
    assert {"emergency_999", "police_101", "nspcc"} <= english & welsh       # UK-wide
    for area in LIB.areas():
        pathway = LIB.get(area)
        assert pathway.nation in ("england", "wales")
        assert all("uk" in s.nations or pathway.nation in s.nations for s in pathway.services)


def area_file(folder: Path, head: str = "", service: str = "") -> Path:
    for name in ("national.yml",):
        (folder / name).write_text((SHIPPED / name).read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "testarea.yml"
    path.write_text("format: 1\narea: testarea\ntitle: Test area\nowner: tests\nreview_due: 2027-06-01\n"
                    f"extends: national\n{head}services:\n  - id: test_idva\n    name: Test IDVA\n    kinds: [idva]\n"
                    f"    phone: \"0113 496 0000\"\n    referral: Phone.\n    last_verified: 2026-10-01\n{service}",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("head, service, words", [
    ("nation: Wales\n", "", '"Wales" is not a nation an area can be in: write one of england, wales, scotland, '
                            'northern_ireland. Did you mean "wales"?'),
    ("nation: Northern Ireland\n", "", 'Did you mean "northern_ireland"?'),
    ("nation: englnd\n", "", 'Did you mean "england"?'),
    ("nation: uk\n", "", '"uk" is not a nation an area can be in'),
    ("nation: [england]\n", "", "a nation an area can be in should be one of england, wales, scotland, "
                                "northern_ireland, not a list"),
    ("nation: england\n", "    nations: [UK-wide]\n", 'Did you mean "uk"?'),
    ("nation: england\n", "    nations: great britain\n", "Great Britain leaves out Northern Ireland"),
    ("nation: england\n", "    nations: []\n", 'nations of the service "test_idva" is empty'),
    ("nation: england\n", "    nations: [wales]\n", 'the service "test_idva" serves wales, but this area is in '
                                                    "england: it would never be offered"),
])
def test_a_wrong_nation_is_refused_in_plain_words_with_did_you_mean(tmp_path, head, service, words):
    path = area_file(tmp_path, head, service)
    lib = load_pathways(tmp_path, TODAY, files=[path])
    assert "testarea" not in lib.pathways
    assert any(words in str(p) for p in lib.errors), [str(p) for p in lib.errors]


def test_a_national_service_must_say_where_it_serves(tmp_path):
    text = (SHIPPED / "national.yml").read_text(encoding="utf-8").replace("    nations: [wales]\n", "", 1)
    (tmp_path / "national.yml").write_text(text, encoding="utf-8")
    lib = load_pathways(tmp_path, TODAY)
    assert any('the national service "live_fear_free" needs nations' in str(p) for p in lib.errors)


def test_an_area_with_no_nation_gets_uk_wide_national_services_only_and_its_list_says_so(tmp_path):
    path = area_file(tmp_path)
    lib = load_pathways(tmp_path, TODAY, files=[path])
    pathway = lib.get("testarea")
    assert pathway.nation is None and lib.errors == []
    assert [str(p) for p in lib.problems] == [        # and the commissioner is told when checking the file
        "testarea.yml:1:1: warning: no nation: this area is offered only the UK-wide national services, none of "
        "the helplines for one nation. Add nation: with one of england, wales, scotland, northern_ireland"]
    assert all("uk" in s.nations for s in pathway.services if not s.local)
    assert not {"ndah", "live_fear_free"} & {s.id for s in pathway.services}
    first = referrals.first_view([("helpline", "why")], pathway, {}, TODAY)
    assert "does not say which nation" in first.text
    assert "No helpline service is listed for this area" in first.text


def test_a_local_service_serves_its_areas_nation_unless_it_says_more(tmp_path):
    path = area_file(tmp_path, "nation: wales\n", "    nations: [wales, england]\n")
    pathway = load_pathways(tmp_path, TODAY, files=[path]).get("testarea")
    assert next(s for s in pathway.services if s.id == "test_idva").nations == ("wales", "england")
    assert next(s for s in LIB.get("exampleshire").services if s.local).nations == ("england",)


# --- the first view and More services -------------------------------------------------------------

def test_the_high_risk_first_view_is_short_and_keeps_every_action_the_case_needs():
    state, said = walk("exampleshire", HIGH)
    assert engine.outcome(state, LIB)["marac"]
    first = referral_message(said)
    lines = first.text.split("\n")
    assert len(lines) <= 25
    kinds = [line.split(":")[0] for line in lines if line[:1].isupper() and line.split(":")[0].isupper()]
    assert kinds[:4] == ["MARAC", "IDVA", "SAFEGUARDING LEAD", "MASH"]        # the floor's actions first
    for name in ("Exampleshire MARAC coordinator", "exampleshire.marac@cjsm.example.org", "Exampleshire IDVA Service",
                 "Exampleshire Health IDVA", "Exampleshire Children's Front Door (MASH)",
                 "NHS Exampleshire ICB safeguarding team", "Exampleshire Hospitals NHS Trust named safeguarding team"):
        assert name in first.text, name
    assert "NSPCC" not in first.text and "National Domestic Abuse Helpline" not in first.text
    assert [b.payload for b in first.buttons] == [referrals.MORE]


def test_more_services_shows_the_rest_once_and_the_conversation_stays_finished():
    state, said = walk("exampleshire", HIGH)
    first = referral_message(said).text
    again, more = engine.advance(state, {"payload": referrals.MORE}, LIB)
    assert again == state
    rest = more[0].text
    for name in ("NSPCC helpline", "National Domestic Abuse Helpline (Refuge)", "National Stalking Helpline",
                 "Samaritans"):
        assert name in rest and name not in first
    assert "Exampleshire MARAC coordinator" not in rest and "Live Fear Free" not in rest
    assert more[-1].text == LIB.get("exampleshire").messages["finished"]
    assert [b.payload for b in more[-1].buttons] == ["/restart", referrals.MORE]
    assert engine.repeat(state, LIB)[-1].buttons[-1].payload == referrals.MORE     # Teams checks presses on this


def test_emergency_advice_keeps_999_in_the_first_view():
    state, said = walk("exampleshire", {**HIGH, "immediate_danger": "yes"})
    first = referral_message(said).text
    assert first.split("\n")[2].startswith("EMERGENCY") and "999" in first


def test_below_high_risk_the_health_idva_comes_first():
    state, said = walk("exampleshire", {**CASE, **{q: "yes" for q in vocab.CHECKLIST[:11]}})
    assert engine.outcome(state, LIB)["risk"] == "medium"
    first = referral_message(said).text
    assert "Exampleshire Health IDVA" in first and "Exampleshire IDVA Service" not in first


def test_more_before_the_list_is_not_understood_and_changes_nothing():
    state, _ = engine.start("exampleshire", LIB, today=TODAY)
    again, said = engine.advance(state, {"payload": referrals.MORE}, LIB)
    assert again["answers"] == state["answers"] and said[-1].asks == "concern"
    assert "did not catch" in said[0].text


def test_the_terminal_numbers_more_services_and_restart_apart():
    """A finished conversation in the terminal: Restart is [1], More services [2]; typing 2 shows the rest."""
    pipeline = TurnPipeline(LIB, today=TODAY)
    state, _ = walk("exampleshire", HIGH)

    class Finished:          # the pipeline, starting where the walk above ended
        library, name = LIB, "test"

        def start(self, area=None):
            return state, engine.repeat(state, LIB)

        def press(self, s, payload):
            return pipeline.press(s, payload)

        def send(self, s, text):
            return pipeline.send(s, text)

        def repeat(self, s):
            return pipeline.repeat(s)

    out = io.StringIO()
    chat(Finished(), "exampleshire", stdin=io.StringIO("2\nquit\n"), stdout=out)
    assert "[1] Restart  [2] More services" in out.getvalue()
    assert "More services for this case" in out.getvalue()


@pytest.mark.parametrize("area", sorted(a for a in LIB.areas()))
def test_a_service_for_several_kinds_is_shown_in_full_once_then_named(area):
    """Women's Aid as helpline and outreach, an IDVA service that is also the outreach: contact details
    once, across the first view and More services; the other mentions name it only."""
    pathway = LIB.get(area)
    facts = {**HIGH, "age_60_plus": "yes", "male": "yes", "lgbt": "yes", "disability": "yes", "sexual_violence": "yes",
             "stalking": "yes", "substance_misuse": "yes", "pregnant": "yes", "honour_based": "yes"}
    state, said = walk(area, facts)
    shown = referral_message(said).text + "\n" + engine.advance(state, {"payload": referrals.MORE}, LIB)[1][0].text
    for s in pathway.services:
        full = referrals.service_line(s, pathway, TODAY)
        assert shown.count(full) <= 1, s.id


def test_a_man_sees_the_service_for_men_before_the_general_helpline():
    _, said = walk("exampleshire", {**CASE, "male": "yes"})
    text = referral_message(said).text      # Exampleshire's men's service before the general helpline
    assert "MALE VICTIMS" in text and "HELPLINE" in text
    assert text.index("Men's Domestic Abuse Support") < text.index("HELPLINE") < text.index("National Domestic Abuse")
    _, said = walk("exampleshire", CASE)
    assert "MALE VICTIMS" not in referral_message(said).text


def test_a_service_whose_not_for_the_case_meets_is_never_offered():
    """Exampleshire Women's Aid is for women (`not_for: {male: "yes"}`): a man is never offered it, in the
    first view or under More services, nor in the record; a woman still is."""
    state, said = walk("exampleshire", {**CASE, "male": "yes"})
    more = engine.advance(state, {"payload": referrals.MORE}, LIB)[1][0].text
    assert not any("Women's Aid" in m.text for m in said) and "Women's Aid" not in more
    _, said = walk("exampleshire", CASE)
    assert "Exampleshire Women's Aid" in referral_message(said).text


def test_childrens_social_care_is_at_the_top_whichever_rule_brought_it_in():
    """Northdale's own rule sends every case with children to the MASH: at standard risk no national
    floor rule does, but it is still an action the case must take, so it comes before the helpline."""
    _, said = walk("northdale", {**CASE, "children": "yes", "disability": "yes"})
    text = referral_message(said).text
    assert text.index("MASH:") < text.index("HELPLINE:") < text.index("DISABILITY:")
    assert "Northdale Children's MASH" in text.split("HELPLINE:")[0]
