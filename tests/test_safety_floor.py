"""The safety floor (issue #14 part 4; bot/pathways/floor.py; hazard log H14): an area file may add to the
national wording and rules, never remove or weaken the emergency advice (999, the Silent Solution), the danger
net, the identifier guard, the safe-enquiry stops, child safeguarding, and the rule that professional judgement
raises risk but never lowers it. Each part is shown holding: validate refuses the file in plain words, and the
loader never serves it."""
import datetime as dt
import shutil

import pytest

from bot import vocab
from bot.cli import main
from bot.pathways import default_pathway_dir, load_pathways
from bot.pathways.floor import FLOOR_RULES
from bot.registry import PathwayRegistry
from bot.risk import assess

TODAY = dt.date(2026, 11, 21)
SHIPPED = default_pathway_dir()
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
NATIONAL = load_pathways(SHIPPED, TODAY).get("national")
EMERGENCY = " ".join(NATIONAL.messages["emergency"]["text"].split())


def refused(folder, extra: str, words: str, capsys=None):
    """The file is refused by validate (exit 1, the words at testarea.yml:line:col) and never served."""
    (folder / "testarea.yml").write_text(AREA + extra)
    lib = load_pathways(folder, TODAY, files=[folder / "testarea.yml"])
    hits = [str(p) for p in lib.errors if words in str(p)]
    assert hits, [str(p) for p in lib.errors]
    assert all(h.startswith("testarea.yml:") and h.split(":")[1].isdigit() for h in hits)
    assert "testarea" not in lib.pathways
    assert main(["pathways", "validate", str(folder / "testarea.yml")]) == 1
    return hits


def served(folder, extra: str):
    (folder / "testarea.yml").write_text(AREA + extra)
    lib = load_pathways(folder, TODAY, files=[folder / "testarea.yml"])
    assert [str(p) for p in lib.errors] == []
    return lib.get("testarea")


# --- the emergency advice -----------------------------------------------------------------------

def test_an_area_replacing_the_emergency_advice_with_office_hours_is_refused(folder):
    refused(folder, """messages:
  emergency:
    text: Contact your local safeguarding team during office hours.
""", "messages.emergency is part of the safety floor (the emergency advice (999, the Silent Solution)): an area "
     "may add to the national wording but never replace or shorten it")


def test_an_area_shortening_the_emergency_advice_is_refused(folder):
    shortened = EMERGENCY.split(" If the person")[0]          # 999 kept, the Silent Solution dropped
    refused(folder, f'messages:\n  emergency:\n    text: "{shortened}"\n', "never replace or shorten it")


def test_an_area_may_add_to_the_emergency_advice(folder):
    area = served(folder, f'messages:\n  emergency:\n    text: "{EMERGENCY} In Test area, also tell the site security '
                          'team on extension 2222."\n')
    assert EMERGENCY in area.messages["emergency"]["text"] and "extension 2222" in area.messages["emergency"]["text"]


def test_an_area_cannot_list_its_own_emergency_service(folder):
    refused(folder, """  - id: test_office_hours
    name: Safeguarding team (office hours)
    kinds: [emergency]
    phone: "0113 496 0001"
    referral: Phone during office hours.
    last_verified: 2026-10-01
""", 'the kind "emergency" is the national 999 line only (the safety floor)')


def test_the_record_line_for_emergency_advice_cannot_be_replaced(folder):
    refused(folder, "messages:\n  summary_emergency: Safeguarding team informed.\n", "messages.summary_emergency is part "
                                                                                    "of the safety floor")


# --- floor referral rules: emergency, MARAC, child safeguarding -------------------------------------

@pytest.mark.parametrize("rule_id", sorted(FLOOR_RULES))
def test_no_area_can_switch_off_a_floor_rule(folder, rule_id):
    refused(folder, f"referral_rules:\n  - id: {rule_id}\n    switch_off: true\n",
            f'the referral rule "{rule_id}" is part of the safety floor ({FLOOR_RULES[rule_id]}): an area file cannot '
            "switch off it")


@pytest.mark.parametrize("change", ["    kinds: [safeguarding_lead]\n", '    when: {children: "yes", risk: high, age_60_plus: "yes"}\n',
                                    "    why: Only if the family agrees.\n"])
def test_no_area_can_weaken_a_child_safeguarding_rule(folder, change):
    refused(folder, "referral_rules:\n  - id: children_marac_mash\n" + change,
            'the referral rule "children_marac_mash" is part of the safety floor (child safeguarding): an area file '
            "cannot change it")


def test_an_area_may_add_to_child_safeguarding_with_a_rule_of_its_own(folder):
    area = served(folder, 'referral_rules:\n  - id: testarea_children_to_mash\n    when: {children: "yes"}\n'
                          "    kinds: [mash]\n    why: Every case with children to the MASH here.\n")
    assert {r.id for r in area.rules} >= set(FLOOR_RULES) | {"testarea_children_to_mash"}


def test_the_child_safeguarding_faq_cannot_be_replaced(folder):
    refused(folder, "faq:\n  mash:\n    text: Only refer to the MASH if the parent agrees.\n",
            "faq.mash is part of the safety floor (child safeguarding)")


# --- the danger net, the identifier guard and the safe-enquiry stops ---------------------------------

@pytest.mark.parametrize("extra", ["settings:\n  danger_net: false\n", "identifier_guard: off\n",
                                   "settings:\n  privacy_guard: false\n", "safe_enquiry: false\n"])
def test_no_area_can_switch_off_the_danger_net_the_identifier_guard_or_safe_enquiry(folder, extra):
    refused(folder, extra, "are the safety floor, which always applies in every area. Delete this line")


def test_the_safe_enquiry_steps_are_national_only(folder):
    refused(folder, "steps:\n  - id: concern\n    stage: enquiry\n    say: Ask the patient in front of their partner.\n",
            'the questions, and the safe-enquiry stops among them, are part of the safety floor')


# --- professional judgement raises risk, never lowers it ---------------------------------------------

@pytest.mark.parametrize("extra, words", [
    ("settings:\n  marac_criteria:\n    visible_high_risk: {score: {at_least: 14}}\n",
     "marac_criteria can only be set in national.yml"),
    ("settings:\n  risk_bands:\n    standard: {at_most: 16}\n    medium: {at_least: 17, at_most: 20}\n"
     "    high: {at_least: 21}\n", "risk_bands can only be set in national.yml"),
    ("messages:\n  band_raised: Professional judgement noted.\n", "messages.band_raised is part of the safety floor"),
])
def test_no_area_can_change_the_bands_the_criteria_or_the_judgement_wording(folder, extra, words):
    refused(folder, extra, words)


def test_professional_judgement_raises_the_band_in_every_area_and_never_lowers_it():
    lib = load_pathways(SHIPPED, TODAY)
    for area in lib.areas():
        settings = lib.get(area).settings
        low = assess({"injury": "yes", "professional_concern": "yes"}, settings)
        assert (low.band, "professional_judgement" in low.reasons) == ("high", True)
        high = assess({**{q: "yes" for q in vocab.CHECKLIST[:16]}, "professional_concern": "no"}, settings)
        assert high.band == "high"


# --- national.yml keeps the floor too; a running bot never serves a floor-breaking edit ---------------

def test_national_yml_without_the_silent_solution_or_a_floor_rule_is_refused(tmp_path):
    text = (SHIPPED / "national.yml").read_text()
    (tmp_path / "national.yml").write_text(text.replace(" 55", " the button")
                                           .replace("  - id: under_18_mash\n", "  - id: under_18_mash_old\n"))
    lib = load_pathways(tmp_path, TODAY)
    errors = [str(p) for p in lib.errors]
    assert any("the emergency message must name the Silent Solution" in e for e in errors), errors
    assert any('the referral rule "under_18_mash" (child safeguarding) is missing' in e for e in errors), errors
    assert "national" not in lib.pathways


def test_a_running_bot_keeps_the_last_good_file_when_an_edit_breaks_the_floor(tmp_path):
    shutil.copy(SHIPPED / "national.yml", tmp_path / "national.yml")
    (tmp_path / "testarea.yml").write_text(AREA)
    now = [0.0]
    registry = PathwayRegistry(tmp_path, check_every=1.0, clock=lambda: now[0], today=TODAY)
    good = registry.library().get("testarea")
    (tmp_path / "testarea.yml").write_text(AREA + "messages:\n  emergency:\n    text: Contact your local safeguarding "
                                                  "team during office hours.\n")
    now[0] += 5
    served_now = registry.library().get("testarea")
    assert served_now.messages["emergency"] == good.messages["emergency"]
    assert "999" in served_now.messages["emergency"]["text"]
