"""Risk identification: score the DASH-style checklist, band it, and apply the four MARAC criteria.

Bands use the area's thresholds (settings.medium_threshold and marac_threshold).
Professional judgement can raise the band to high, never lower it (SafeLives).
"""
from __future__ import annotations

from dataclasses import dataclass

from .vocab import CHECKLIST


@dataclass(frozen=True)
class Assessment:
    score: int               # checklist themes answered "yes"
    band: str                # none | standard | medium | high
    marac: bool
    reasons: tuple[str, ...] # visible_high_risk, professional_judgement, escalation, repeat
    callouts: int | None     # police call-outs in 12 months, None if not known


def assess(answers: dict, settings: dict) -> Assessment:
    score = sum(1 for q in CHECKLIST if answers.get(q) == "yes")
    checklist_done = any(q in answers for q in CHECKLIST)
    judgement = answers.get("professional_concern") == "yes"
    callouts = answers.get("police_callouts_12m")
    callouts = callouts if isinstance(callouts, int) else None
    if not checklist_done and not judgement:
        band = "none"
    elif score >= settings["marac_threshold"] or judgement:
        band = "high"
    elif score >= settings["medium_threshold"]:
        band = "medium"
    else:
        band = "standard"
    reasons = []
    if checklist_done and score >= settings["marac_threshold"]:
        reasons.append("visible_high_risk")
    if judgement:
        reasons.append("professional_judgement")
    if callouts is not None and callouts >= settings["escalation_callouts"]:
        reasons.append("escalation")
    if answers.get("previous_marac_12m") == "yes":
        reasons.append("repeat")
    return Assessment(score, band, bool(reasons), tuple(reasons), callouts)
