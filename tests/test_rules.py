"""Rules commissioners own, in YAML alone: referral rules with ids that an area adds, changes or switches off;
numeric conditions ("3 or more call-outs", score ranges); the DASH bands and the MARAC criteria as national
settings, evaluated by bot/risk.py and bot/rules.py. Each problem is plain, at file:line:col, with did-you-mean."""
import datetime as dt

import pytest

from bot import vocab
from bot.cli import main
from bot.pathways import default_pathway_dir, load_pathways
from bot.risk import assess
from bot.rules import case_facts, referrals

TODAY = dt.date(2026, 11, 21)
AREA = """format: 1
area: testarea
title: Test area
owner: tests
review_due: 2027-06-01
extends: national
services:
  - id: test_idva
    name: Test IDVA
    kinds: [idva]
    phone: "0113 496 0000"
    referral: Phone the duty worker.
    last_verified: 2026-10-01
"""
RULES_LINE = 14       # the line of "referral_rules:" when AREA + RULES is written


def load(folder, extra: str):
    (folder / "testarea.yml").write_text(AREA + extra)
    lib = load_pathways(folder, TODAY, files=[folder / "testarea.yml"])
    return lib, [str(p) for p in lib.errors]


def kinds_for(pathway, answers, flags=()):
    a = assess(answers, pathway.settings, flags)
    facts = case_facts(answers, flags, a.band, a.marac, a.score)
    return [k for k, _ in referrals(pathway.rules, facts, pathway.settings)]


CASE = {"concern": "experiencing", "alone": "yes", "safe_to_talk": "yes", "disclosure": "yes", "frightened": "yes"}


def test_three_or_more_call_outs_in_yaml_alone(folder):
    lib, errors = load(folder, """referral_rules:
  - id: testarea_repeat_callouts
    when: {police_callouts_12m: {at_least: 3}}
    kinds: [safeguarding_lead]
    why: Three or more call-outs - talk to your safeguarding lead.
""")
    assert errors == []
    area = lib.get("testarea")
    assert "safeguarding_lead" in kinds_for(area, {**CASE, "police_callouts_12m": 3})
    assert "safeguarding_lead" in kinds_for(area, {**CASE, "police_callouts_12m": 7})
    assert "safeguarding_lead" not in kinds_for(area, {**CASE, "police_callouts_12m": 2})
    assert "safeguarding_lead" not in kinds_for(area, {**CASE, "police_callouts_12m": "dont_know"})


def test_a_score_range_and_a_bound_naming_the_areas_own_setting(folder):
    lib, errors = load(folder, """settings:
  escalation_callouts: 5
referral_rules:
  - id: testarea_middling_score
    when: {score: {at_least: 5, at_most: 9}}
    kinds: [outreach]
    why: A middling score - community outreach.
  - id: testarea_near_escalation
    when: {police_callouts_12m: {at_least: 2, at_most: escalation_callouts}}
    kinds: [police]
    why: Near escalation.
""")
    assert errors == []
    area = lib.get("testarea")
    five = {**CASE, **{q: "yes" for q in vocab.CHECKLIST[:5]}}
    assert "outreach" in kinds_for(area, five)
    assert "outreach" not in kinds_for(area, {**CASE, **{q: "yes" for q in vocab.CHECKLIST[:15]}})   # high
    assert "police" in kinds_for(area, {**five, "police_callouts_12m": 5})
    assert "police" not in kinds_for(area, {**five, "police_callouts_12m": 6})


def test_an_area_adds_changes_and_switches_off_national_rules(folder):
    lib, errors = load(folder, """referral_rules:
  - id: helpline
    why: Our local helpline first, then the national one.
  - id: community_support
    switch_off: true
  - id: testarea_extra
    when: {lgbt: "yes", risk: [standard, medium]}
    kinds: [idva]
    why: Our LGBT+ IDVA.
""")
    assert errors == []
    national, area = lib.get("national"), lib.get("testarea")
    ids = [r.id for r in area.rules]
    assert "community_support" not in ids and ids[-1] == "testarea_extra"
    assert len(ids) == len(national.rules)      # one off, one added
    helpline = next(r for r in area.rules if r.id == "helpline")
    assert helpline.why.startswith("Our local helpline") and helpline.kinds == ("helpline",) and helpline.local
    assert "outreach" not in kinds_for(area, CASE) and "outreach" in kinds_for(national, CASE)
    assert "idva" in kinds_for(area, {**CASE, "lgbt": "yes"})
    assert [r.id for r in lib.get("national").rules] == [r.id for r in national.rules]   # national untouched


@pytest.mark.parametrize("extra, line, words", [
    ("referral_rules:\n  - id: comunity_support\n    switch_off: true\n", RULES_LINE + 1,
     'there is no national referral rule "comunity_support" to switch off. Did you mean "community_support"?'),
    ("referral_rules:\n  - id: testarea_x\n    when: {police_callouts_12m: {at_lest: 3}}\n    kinds: [idva]\n    why: x\n",
     RULES_LINE + 2, '"at_lest" is not a test a condition can use: write at_least, at_most or both (e.g. {at_least: 3}). '
                     'Did you mean "at_least"?'),
    ("referral_rules:\n  - id: testarea_x\n    when: {police_callouts_12m: {at_least: escalation_callout}}\n"
     "    kinds: [idva]\n    why: x\n", RULES_LINE + 2, 'Did you mean "escalation_callouts"?'),
    ("referral_rules:\n  - id: testarea_x\n    switch_of: true\n", RULES_LINE + 2, 'unknown key "switch_of" in a referral rule. Did you mean "switch_off"?'),
    ("referral_rules:\n  - id: testarea_x\n    when: {children: {at_least: 1}}\n    kinds: [mash]\n    why: x\n",
     RULES_LINE + 2, '"children" is answered yes, no, not with a number, so at_least and at_most cannot apply'),
    ("referral_rules:\n  - id: testarea_x\n    when: {score: {at_least: 9, at_most: 3}}\n    kinds: [idva]\n    why: x\n",
     RULES_LINE + 2, "at_least 9 is more than at_most 3, so this can never match"),
    ("referral_rules:\n  - id: testarea_x\n    when: {childen: \"yes\"}\n    kinds: [mash]\n    why: x\n",
     RULES_LINE + 2, 'Did you mean "children"?'),
    ("referral_rules:\n  - id: testarea_x\n    when: {children: \"yes\"}\n    kinds: [mash]\n", RULES_LINE + 1,
     'the referral rule "testarea_x" is missing "why"'),
    ("referral_rules:\n  - when: {children: \"yes\"}\n    kinds: [mash]\n    why: x\n", RULES_LINE + 1,
     'a referral rule is missing "id"'),
    ("referral_rules:\n  - id: testarea_x\n    when: {children: \"yes\"}\n    kinds: [mash]\n    why: x\n"
     "  - id: testarea_x\n    when: {male: \"yes\"}\n    kinds: [male_victims]\n    why: y\n", RULES_LINE + 5,
     'the referral rule id "testarea_x" is used twice'),
    ("settings:\n  children_to_mash: true\n", RULES_LINE + 1, "children_to_mash is no longer a setting: sending every "
                                                             "case with children to the MASH is now a referral rule"),
    ("settings:\n  medium_threshold: 12\n", RULES_LINE + 1, "medium_threshold is no longer a setting"),
    ("settings:\n  marac_treshold: 17\n", RULES_LINE + 1, 'Did you mean "marac_threshold"?'),
])
def test_mistakes_in_rules_are_plain_at_the_line_with_did_you_mean(folder, extra, line, words):
    lib, errors = load(folder, extra)
    hits = [e for e in errors if words in e]
    assert hits, errors
    assert any(e.startswith(f"testarea.yml:{line}:") for e in hits), hits
    assert "testarea" not in lib.pathways


def test_validate_names_file_line_and_column(folder, capsys):
    (folder / "testarea.yml").write_text(AREA + "referral_rules:\n  - id: comunity_support\n    switch_off: true\n")
    assert main(["pathways", "validate", str(folder / "testarea.yml")]) == 1
    out = capsys.readouterr().out
    assert f"testarea.yml:{RULES_LINE + 1}:9: there is no national referral rule" in out


# --- risk bands and MARAC criteria are national settings; risk.py only evaluates them ----------------

def settings_of(area):
    return load_pathways(default_pathway_dir(), TODAY).get(area).settings


@pytest.mark.parametrize("yes, band", [(0, "standard"), (9, "standard"), (10, "medium"), (13, "medium"),
                                       (14, "high"), (24, "high")])
def test_dash_bands_are_the_same_in_every_area(yes, band):
    answers = {q: "yes" for q in vocab.CHECKLIST[:yes]} | {q: "no" for q in vocab.CHECKLIST[yes:]}
    for area in ("exampleshire", "northdale"):
        assert assess(answers, settings_of(area)).band == band


def test_the_marac_threshold_is_a_separate_area_setting_that_never_relabels_the_band():
    fifteen = {q: "yes" for q in vocab.CHECKLIST[:15]}
    northdale, exampleshire = assess(fifteen, settings_of("northdale")), assess(fifteen, settings_of("exampleshire"))
    assert (northdale.band, northdale.marac) == ("high", False)
    assert (exampleshire.band, exampleshire.reasons) == ("high", ("visible_high_risk",))
    assert assess({**fifteen, "frightened": "yes", "fears": "yes"} | {q: "yes" for q in vocab.CHECKLIST[:17]},
                  settings_of("northdale")).reasons == ("visible_high_risk",)


def test_the_four_marac_criteria_come_from_national_yml():
    s = settings_of("northdale")
    assert list(s["marac_criteria"]) == ["visible_high_risk", "professional_judgement", "escalation", "repeat"]
    assert assess({"injury": "yes", "police_callouts_12m": 5}, s).reasons == ("escalation",)
    assert assess({"injury": "yes", "police_callouts_12m": 4}, s).marac is False
    assert assess({"injury": "yes", "previous_marac_12m": "yes"}, s).reasons == ("repeat",)


@pytest.mark.parametrize("answers", [
    {"pregnant": "yes"},                                     # an unborn baby
    {"pregnant": "no", "pregnancy": "yes"},                  # pregnant or a baby under 18 months, from the checklist
])
def test_a_pregnancy_at_marac_or_high_risk_gets_a_pre_birth_mash_referral(answers):
    lib = load_pathways(default_pathway_dir(), TODAY)
    for area in ("exampleshire", "northdale", "national"):
        pathway = lib.get(area)
        at_marac = {**CASE, **answers, "previous_marac_12m": "yes", "children": "no"}
        at_high = {**CASE, **answers, **{q: "yes" for q in vocab.CHECKLIST[:14]}, "children": "no"}
        assert "mash" in kinds_for(pathway, at_marac), area
        assert "mash" in kinds_for(pathway, at_high), area
    standard = {**CASE, "pregnant": "yes", "children": "no"}
    assert "mash" not in kinds_for(lib.get("exampleshire"), standard)
    assert "mash" in kinds_for(lib.get("northdale"), standard)    # Northdale's own rule: every pregnancy


BANDS = """    standard: {at_most: 9}
    medium: {at_least: 10, at_most: 13}
    high: {at_least: 14}"""
JUDGEMENT = '    professional_judgement: {professional_concern: "yes"}\n'


@pytest.mark.parametrize("old, new, words", [
    (BANDS, BANDS.replace("at_least: 10", "at_least: 11"), "the medium band should start at 10 (right after the band "
                                                            "below), not 11: the bands must cover every score"),
    (BANDS, BANDS.replace("at_least: 14", "at_least: 13"), "the high band should start at 14"),
    (BANDS, BANDS.replace("    high: {at_least: 14}", ""), 'risk_bands is missing "high"'),
    (BANDS, BANDS.replace("medium:", "meduim:"), 'unknown key "meduim" in risk_bands. Did you mean "medium"?'),
    (BANDS, BANDS.replace("at_least: 14", "at_least: marac_threshold"), "risk bands are written with numbers"),
    (JUDGEMENT, "", 'marac_criteria is missing "professional_judgement"'),
    (JUDGEMENT, JUDGEMENT.replace("professional_concern", "profesional_concern"), 'Did you mean "professional_concern"?'),
    (JUDGEMENT, JUDGEMENT + "    gut_feeling: {frightened: \"yes\"}\n", 'unknown key "gut_feeling" in marac_criteria'),
    ("  escalation_callouts: 3 ", "  escalation_calouts: 3 ", 'Did you mean "escalation_callouts"?'),
])
def test_the_national_bands_and_marac_criteria_are_checked_in_plain_words(tmp_path, old, new, words):
    text = (default_pathway_dir() / "national.yml").read_text()
    assert old in text
    (tmp_path / "national.yml").write_text(text.replace(old, new, 1))
    lib = load_pathways(tmp_path, TODAY)
    hits = [str(p) for p in lib.errors if words in str(p)]
    assert hits and all(h.startswith("national.yml:") for h in hits), [str(p) for p in lib.errors]
    assert "national" not in lib.pathways
