"""Risk identification: score the DASH-style checklist, band it, and apply the four MARAC criteria.

The bands and the criteria are read from national.yml settings (risk_bands, marac_criteria); this module
only evaluates them. The band is the national DASH band (SafeLives: medium 10-13, high 14+) in every area;
an area's marac_threshold changes when the MARAC criteria are met, never the band. Professional judgement
raises the band to high whatever the score and never lowers it (SafeLives; part of the safety floor).
"""
from __future__ import annotations

from dataclasses import dataclass

from .rules import case_facts, holds, matches
from .vocab import CHECKLIST


@dataclass(frozen=True)
class Assessment:
    score: int               # checklist themes answered "yes"
    band: str                # none | standard | medium | high
    marac: bool
    reasons: tuple[str, ...] # visible_high_risk, professional_judgement, escalation, repeat
    callouts: int | None     # police call-outs in 12 months, None if not known


def band_for(score: int, settings: dict) -> str:
    """The DASH band a checklist score falls in (national.yml settings.risk_bands)."""
    return next((band for band, test in settings["risk_bands"].items() if holds(test, score, settings)), "high")


def assess(answers: dict, settings: dict, flags=()) -> Assessment:
    score = sum(1 for q in CHECKLIST if answers.get(q) == "yes")
    checklist_done = any(q in answers for q in CHECKLIST)
    judgement = answers.get("professional_concern") == "yes"
    callouts = answers.get("police_callouts_12m")
    callouts = callouts if isinstance(callouts, int) and not isinstance(callouts, bool) else None
    if not checklist_done and not judgement:
        band = "none"
    elif judgement:
        band = "high"        # raised on judgement, never lowered
    else:
        band = band_for(score, settings)
    facts = case_facts(answers, flags, band, False, score)
    reasons = tuple(reason for reason, when in settings["marac_criteria"].items()
                    if (checklist_done or reason != "visible_high_risk") and matches(when, facts, settings))
    return Assessment(score, band, bool(reasons), reasons, callouts)


def band_starts(settings: dict) -> dict:
    """The lowest score of each band, for the wording ("medium from 10, high from 14")."""
    return {band: test.at_least or 0 for band, test in settings["risk_bands"].items()}
