"""What the bot says at the risk result and at the MARAC decision (the steps that `do:` them)."""
from __future__ import annotations

from . import record, vocab
from .messages import Message
from .pathways import Pathway
from .risk import assess, band_for, band_starts


def risk_result(state: dict, pathway: Pathway) -> list[Message]:
    a = assess(state["answers"], pathway.settings)
    s = pathway.settings
    starts = band_starts(s)       # the national DASH bands; the area's MARAC threshold is shown beside them
    text = pathway.messages["risk_result"].format(score=a.score, band=a.band.upper(), medium=starts["medium"],
                                                  high=starts["high"], marac=s["marac_threshold"])
    out = [Message(text, "warning" if a.band == "high" else "info")]
    if "checklist_stopped" in state["flags"]:
        asked = sum(1 for q in vocab.CHECKLIST if q in state["answers"])
        out.append(Message(pathway.messages["checklist_stopped"].format(asked=asked, score=a.score), "warning"))
    unknown = sum(1 for q in vocab.CHECKLIST if state["answers"].get(q) == "dont_know")
    if unknown and "checklist_unknown" in pathway.messages:
        out.append(Message(pathway.messages["checklist_unknown"].format(unknown=unknown), "warning"))
    flags = record.red_flags(state["answers"], pathway)
    if flags:
        out.append(Message(pathway.messages["red_flags_found"].format(flags="; ".join(flags)), "warning"))
    typed = record.mentioned_flags(state, pathway)
    if typed:
        out.append(Message(pathway.messages["red_flags_mentioned"].format(flags="; ".join(typed)), "warning"))
    return out


def marac_result(state: dict, pathway: Pathway) -> list[Message]:
    a = assess(state["answers"], pathway.settings)
    out = []
    if "professional_judgement" in a.reasons and band_for(a.score, pathway.settings) != "high":
        out.append(Message(pathway.messages["band_raised"], "warning"))
    if a.marac:
        lines = [pathway.messages["marac_yes"]] + ["- " + record.reason_text(r, a, pathway) for r in a.reasons]
        out.append(Message("\n".join(lines), "warning"))
    else:
        out.append(Message(pathway.messages["marac_no"]))
        flags = record.red_flags(state["answers"], pathway) + record.mentioned_flags(state, pathway)
        if flags:
            out.append(Message(pathway.messages["red_flags_not_referred"].format(flags="; ".join(flags)), "warning"))
    if state["answers"].get("police_callouts_12m") == "dont_know":
        out.append(Message(pathway.messages["callouts_unknown"]))
    if state["answers"].get("previous_marac_12m") == "dont_know" and "previous_marac_unknown" in pathway.messages:
        out.append(Message(pathway.messages["previous_marac_unknown"]))
    return out
