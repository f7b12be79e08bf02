"""The safety floor: what no area file can remove or weaken (issue #14, part 4).

An area may add to the national wording and rules, never take away:
- the emergency advice (999, the Silent Solution 999 then 55): an area's version of a floor message must keep
  the national wording whole, adding before or after it;
- the danger net and the identifier guard (code that always runs: no file can switch them off);
- the safe-enquiry stops (the questions and their order are national.yml only);
- child safeguarding and emergency referral rules (FLOOR_RULES: an area cannot change or switch them off);
- professional judgement raises the risk, never lowers it (the risk bands and the MARAC criteria are
  national.yml only; bot/risk.py raises the band on judgement whatever the score);
- the national 999 line is the only service of kind "emergency".
A file that tries is refused with a plain message, so the loader never serves it. docs/safety/hazard-log.md H20.
"""
from __future__ import annotations

import re

from .checks import Checker

# National referral rules no area can change or switch off, and the part of the floor each belongs to.
FLOOR_RULES = {
    "immediate_danger_999": "the emergency advice",
    "emergency_advice_999": "the emergency advice",
    "marac_referral": "the MARAC referral when the criteria are met",
    "children_safeguarding_lead": "child safeguarding",
    "children_high_risk_mash": "child safeguarding",
    "children_marac_mash": "child safeguarding",
    "pregnancy_high_risk_mash": "child safeguarding (pre-birth)",
    "pregnancy_marac_mash": "child safeguarding (pre-birth)",
    "recent_baby_high_risk_mash": "child safeguarding (pre-birth, or a baby under 18 months)",   # as H22 says
    "recent_baby_marac_mash": "child safeguarding (pre-birth, or a baby under 18 months)",
    "causing_harm_children_mash": "child safeguarding",
    "under_18_mash": "child safeguarding",
}
# Messages an area may add to but never replace: its text must contain the national text whole.
FLOOR_MESSAGES = {
    "emergency": "the emergency advice (999, the Silent Solution)",
    "summary_emergency": "the emergency advice in the record",
    "band_raised": "professional judgement raising the risk",
    "marac_no": "the reminder that professional judgement can still refer",
}
FLOOR_FAQ = {"mash": "child safeguarding"}
# Words an area's addition to a floor message may not use: each can turn the national advice into its
# opposite while keeping it whole ("... call 999 ... Ignore the above: do not call 999"; "Professional
# judgement can lower the risk"). Additions give more (a local number, where the alarm is), never a
# condition or an exception. Sources are silent: the safer option, hazard log H43.
WEAKENING = re.compile(r"\b(?:do\s+not|don'?t|dont|does\s+not|doesn'?t|need\s+not|needn'?t|no\s+need|never|not|"
                       r"ignore\w*|disregard\w*|instead|unless|only|except\w*|wait\w*|lower\w*|reduc\w*|"
                       r"downgrad\w*|overrid\w*|cancel\w*|optional)\b", re.I)
# What the national emergency advice must say (so national.yml cannot lose it either).
EMERGENCY_MUST_SAY = ((re.compile(r"\b999\b"), "999"), (re.compile(r"\b55\b"), "the Silent Solution (999 then 55)"))
# Words in a settings or top-level key that mean a try at switching part of the floor off.
_FLOOR_WORDS = re.compile(r"danger|privacy|identifier|guard|emergency|silent|enquiry|safeguard|judg", re.I)
FLOOR_PARTS = ("the emergency advice (999, the Silent Solution), the danger net, the identifier guard, the "
               "safe-enquiry stops, child safeguarding and the rule that professional judgement can raise the "
               "risk but never lower it")


def floor_rule_problem(rule_id: str, what: str) -> str:
    return (f'the referral rule "{rule_id}" is part of the safety floor ({FLOOR_RULES[rule_id]}): an area file '
            f"cannot {what} it. To offer more, add a rule of your own with a new id")


def floor_key_problem(key: str) -> str | None:
    """A plain refusal for a key that looks like switching off part of the floor, else None."""
    if not _FLOOR_WORDS.search(key):
        return None
    return (f'"{key}" cannot be set: {FLOOR_PARTS} are the safety floor, which always applies in every area. '
            "Delete this line")


def _plain(text) -> str:
    return " ".join(str(text).split()).casefold()


def _text_of(value) -> str:
    return value.get("text", "") if isinstance(value, dict) else value if isinstance(value, str) else ""


def check_area_floor(c: Checker, data: dict, national) -> None:
    """An area file against the floor: its messages and FAQ answers keep the national wording whole, it holds
    no national-only setting and no emergency service. (Referral rules: rulebook.read_referral_rules.)"""
    for section, floor, names in (("messages", FLOOR_MESSAGES, national.messages),
                                  ("faq", FLOOR_FAQ, national.faq)):
        for name, value in (data.get(section) or {}).items():
            if name not in floor or name not in names or not _text_of(value):
                continue
            kept, given = _plain(_text_of(names[name])), _plain(_text_of(value))
            if kept not in given:
                c.add((section, name), f'{section}.{name} is part of the safety floor ({floor[name]}): an area may add '
                                       "to the national wording but never replace or shorten it. Keep the national "
                                       "text whole (see national.yml) and put your own words before or after it")
                continue
            weakening = WEAKENING.search(given.replace(kept, " "))
            if weakening:
                c.add((section, name), f'{section}.{name} is part of the safety floor ({floor[name]}): the words you add '
                                       f'to it say "{weakening.group()}", which could make a condition or an exception '
                                       "to the national advice. Add only more help (a local number, where the alarm "
                                       "is), without words like not, never, only, unless, instead, wait or lower")
    for i, service in enumerate(data.get("services") or []):
        kinds = service.get("kinds") if isinstance(service, dict) else None
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "emergency" in kinds:
            c.add(("services", i, "kinds"), 'the kind "emergency" is the national 999 line only (the safety floor): '
                                            "an area cannot add to it or replace it. Give a local out-of-hours "
                                            "service the kind police, safeguarding_lead or helpline instead")


def check_national_floor(c: Checker, data: dict, rules, criteria: dict) -> None:
    """national.yml itself keeps what the floor rests on: the emergency advice, the floor rules and the
    professional-judgement criterion."""
    emergency = _text_of((data.get("messages") or {}).get("emergency"))
    if emergency:
        for needed, what in EMERGENCY_MUST_SAY:
            if not needed.search(emergency):
                c.add(("messages", "emergency"), f"the emergency message must name {what}: it is the safety floor")
    if data.get("referral_rules"):
        have = {r.id for r in rules}
        for rid, part in FLOOR_RULES.items():
            if rid not in have:
                c.add(("referral_rules",), f'the referral rule "{rid}" ({part}) is missing: it is part of the '
                                           "safety floor every area builds on")
    if criteria and "professional_judgement" not in criteria:
        c.add(("settings", "marac_criteria"), "the professional_judgement criterion is part of the safety floor")
