"""The printable document's content, independent of the output format: the stages with every
question and piece of advice, the services in order, the thresholds and the header."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..pathways import Pathway, Range, Service, Step
from ..risk import band_starts
from ..verification import staleness

# The three stages of the product, and the separate branch, by the pathway's step stages.
STAGE_GROUPS = (
    ("enquiry", "1. Safe enquiry", ("enquiry",)),
    ("safety", "2. Immediate safety and risk identification", ("safety", "risk")),
    ("referral", "3. Referral", ("needs", "referral")),
    ("harm", "If the person discloses causing harm", ("harm",)),
)
ANSWERS = {"yes_no": "Yes / No", "yes_no_unsure": "Yes / No / Not sure",
           "yes_no_dontknow": "Yes / No / Don't know", "count": "A number (or don't know)"}
VALUE_WORDS = {"yes": "yes", "no": "no", "unsure": "not sure", "dont_know": "don't know"}
CONSENT = {"required": "Needed", "not_if_high_risk": "Needed, except at high risk (tell them unless that raises the risk)",
           "not_required": "Not needed"}
SETTING_WORDS = (
    ("marac_threshold", "Risk checklist: \"yes\" answers from which visible high risk means a MARAC referral is made"),
    ("escalation_callouts", "Police call-outs in 12 months that meet the MARAC escalation criterion"),
    ("verification_max_age_days", "A contact not verified for more than this many days is marked out of date"),
)
CHECKLIST_INTRO = ("{n} themes, paraphrased from the SafeLives DASH risk identification checklist (2009). "
                   "Ask each with the person; answers are yes, no or don't know. Count the \"yes\" answers.")


# --- the document, independent of the output format ------------------------------------

@dataclass
class Item:
    """One entry in a stage: a question, advice, the checklist, a result or the referral rules."""
    kind: str                       # question | say | checklist | note | rules
    text: str = ""
    kind_of_message: str = "info"   # info | warning | emergency (for say items)
    answers: str = ""
    help: str = ""
    branches: list = field(default_factory=list)    # [(label, text)]
    themes: list = field(default_factory=list)      # checklist: [text]
    rows: list = field(default_factory=list)        # rules: [(when, kinds, why)]


@dataclass
class Stage:
    id: str
    heading: str
    items: list


def plain(value) -> str:
    """Any value from a pathway file as one line of text (files may hold odd types)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("text", "")
    return " ".join(str(value).split())


def _words(value: str) -> str:
    return VALUE_WORDS.get(value, str(value).replace("_", " "))


def _label(qid: str) -> str:
    return qid.replace("_12m", " (12 months)").replace("_", " ")


def _where(pathway: Pathway, step_id: str | None) -> str:
    """Where a jump goes, in words ("go to 3. Referral"), or "" if it goes nowhere notable."""
    if step_id is None:
        return ""
    try:
        step = pathway.step(step_id)
    except KeyError:
        return ""
    if step.do == "summary":
        return "end here and record what you did"
    for gid, heading, stages in STAGE_GROUPS:
        if step.stage in stages:
            return f"go to {heading}"
    return ""


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "." if text else ""


def _range_words(test: Range, settings: dict) -> str:
    low, high = (settings.get(b, b) if isinstance(b, str) else b for b in (test.at_least, test.at_most))
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"{low} or more" if low is not None else f"{high} or fewer"


def _conditions(when: dict, settings: dict | None = None) -> str:
    parts = []
    for key, values in when.items():
        if key == "marac":
            parts.append("MARAC criteria met" if ("yes" in values or True in values) else "MARAC criteria not met")
        elif isinstance(values, Range):
            parts.append(f"{_label(key)}: " + _range_words(values, settings or {}))
        elif key == "risk":
            parts.append("risk " + " or ".join(_words(v).upper() for v in values))
        else:
            parts.append(f"{_label(key)}: " + " or ".join(_words(v) for v in values))
    return "; ".join(parts)


def _question(pathway: Pathway, step: Step) -> Item:
    if step.answers == "choice":
        answers = " / ".join(o.title + (f" ({_where(pathway, o.next)})" if _where(pathway, o.next) else "")
                             for o in step.options)
    else:
        answers = ANSWERS.get(step.answers, "")
    branches = []
    for value, branch in step.branches.items():
        text = " ".join(t for t in (plain(branch.say), _sentence(_where(pathway, branch.next))) if t)
        if text:
            branches.append((f"If {_words(value)}", text))
    return Item("question", plain(step.ask), answers=answers, help=plain(step.help), branches=branches)


def _action(pathway: Pathway, step: Step) -> Item | None:
    s = pathway.settings
    if step.do == "risk_result":
        starts = band_starts(s)
        return Item("note", f"Risk result: count the \"yes\" answers. MEDIUM risk from {starts['medium']}, "
                            f"HIGH risk from {starts['high']} (the national DASH bands); below that, standard. "
                            f"This area refers to MARAC on visible high risk from {s.get('marac_threshold')}. "
                            "Professional judgement can raise the risk, never lower it.")
    if step.do == "marac_result":
        reasons = pathway.messages.get("marac_reasons") or {}
        rows = []
        for key, threshold in (("visible_high_risk", s.get("marac_threshold")),
                               ("professional_judgement", None), ("escalation", s.get("escalation_callouts")),
                               ("repeat", None)):
            text = plain(reasons.get(key, key.replace("_", " ")))
            text = (text.replace("{score}", f"{s.get('marac_threshold')} or more")
                    .replace("{threshold}", str(threshold))
                    .replace("{callouts}", f"{s.get('escalation_callouts')} or more"))
            rows.append(text)
        return Item("note", "Refer to the MARAC if any one of these is met: " + "; ".join(rows) + ".")
    if step.do == "referrals":
        rows = [(_conditions(r.when, s), ", ".join(k.replace("_", " ") for k in r.kinds), plain(r.why))
                for r in pathway.rules if _rule_applies(pathway, r, step.stage)]
        return Item("rules", "Offer the kinds of service the case needs (local services first; see Services):",
                    rows=rows)
    return None


def _rule_applies(pathway: Pathway, rule, stage: str) -> bool:
    """Whether a referral rule can apply in the branch for people experiencing abuse (any stage but
    harm) or in the branch for someone causing harm (stage harm), which asks only its own questions."""
    causing = ("causing", "staff_causing")
    concern = rule.when.get("concern")
    if stage != "harm":
        return concern is None or any(v not in causing for v in concern)
    if concern is not None and not any(v in causing for v in concern):
        return False
    asked = {s.asks for s in pathway.steps if s.stage == "harm" and s.asks} | {"concern", "emergency_advice"}
    return all(key in asked for key in rule.when)


def _route(pathway: Pathway, step: Step) -> list[Item]:
    items = []
    for when, target in step.route:
        asked = []
        for qid, values in when.items():
            step_asking = next((s for s in pathway.steps if s.asks == qid and s.ask), None)
            question = f'"{plain(step_asking.ask)}"' if step_asking else _label(qid)
            asked.append(f"the answer to {question} was " + " or ".join(_words(v) for v in values))
        items.append(Item("note", f"If {' and '.join(asked)}: {_where(pathway, target) or 'carry on'}."))
    return items


def stages(pathway: Pathway) -> list[Stage]:
    """The pathway's steps grouped by stage, in order, as printable items."""
    out = []
    for gid, heading, stage_names in STAGE_GROUPS:
        items: list[Item] = []
        checklist: Item | None = None
        for step in pathway.steps:
            if step.stage not in stage_names:
                continue
            if step.checklist:
                if checklist is None:
                    checklist = Item("checklist")
                    items.append(checklist)
                checklist.themes.append(plain(step.ask))
            elif step.ask:
                items.append(_question(pathway, step))
            elif step.say:
                items.append(Item("say", plain(step.say), kind_of_message=step.kind))
            elif step.route:
                items.extend(_route(pathway, step))
            elif step.do:
                item = _action(pathway, step)
                if item:
                    items.append(item)
        if checklist is not None:
            checklist.text = CHECKLIST_INTRO.format(n=len(checklist.themes))
        if items:
            out.append(Stage(gid, heading, items))
    return out


def ordered_services(pathway: Pathway) -> tuple[list[Service], list[Service]]:
    """(local, national), each in file order."""
    return ([s for s in pathway.services if s.local], [s for s in pathway.services if not s.local])


def service_fields(service: Service, pathway: Pathway) -> list[tuple[str, str]]:
    """(label, text) for every field the service has, in reading order."""
    rows = [("Kinds", ", ".join(k.replace("_", " ") for k in service.kinds)),
            ("Phone", service.phone), ("Out of hours", service.out_of_hours_phone),
            ("Email", service.email), ("Secure email", service.secure_email), ("Hours", service.hours),
            ("How to refer", service.referral),
            ("Consent", CONSENT.get(service.consent, plain(service.consent)) if service.consent else ""),
            ("Eligibility", service.eligibility), ("Languages", ", ".join(map(str, service.languages))),
            ("Notes", service.notes),
            ("Source", plain(pathway.sources.get(service.source, service.source)) if service.source else "")]
    return [(label, plain(text)) for label, text in rows if text]


def verification(service: Service, pathway: Pathway, today: dt.date) -> tuple[str, str | None]:
    """('Last verified 2026-10-01' or 'Never verified', the stale warning or None)."""
    when = f"Last verified {service.last_verified}" if service.last_verified else "Never verified"
    stale = staleness(service, pathway, today)
    return when, plain(stale) if stale else None


def header_rows(pathway: Pathway, today: dt.date) -> list[tuple[str, str]]:
    overdue = pathway.review_due < today
    return [("Owner", plain(pathway.owner)),
            ("Review due", f"{pathway.review_due}" + (" - OVERDUE: check every contact before use" if overdue else "")),
            ("Pathway version", pathway.version),
            ("Printed", f"{today}. Printed copies go out of date: check the assistant or the pathway owner for changes.")]


def at_a_glance(pathway: Pathway) -> list[tuple[str, str, str]]:
    """(kind, first service, its phone) for every kind the area has a service for, local first."""
    local, national = ordered_services(pathway)
    rows = []
    kinds = []
    for s in local + national:
        kinds += [k for k in s.kinds if k not in kinds]
    for kind in kinds:
        services = [s for s in local + national if kind in s.kinds]
        names = "; ".join(s.name + (f" ({s.phone})" if s.phone else "") for s in services[:3])
        rows.append((kind.replace("_", " "), names, "local" if services[0].local else "national only"))
    return rows
