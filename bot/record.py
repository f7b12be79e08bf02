"""The record summary: what happened in this case, in plain words a clinician can paste into the notes.

It is built only from the pathway's wording (national.yml `messages`, which an area may override:
`record_*` lines, `record_labels` naming each question, `record_answers`, `record_kinds`) and the
answers in the state, which are vocabulary values and counts. Nothing typed by the user ever
reaches it, and it names no internal id: a question or kind of service without plain words is
left out (and `pathways validate` refuses a national file that lacks them). What to record and
where is said in a separate message just before it (`summary_record`), so the summary holds only
what happened.
"""
from __future__ import annotations

import datetime as dt

from . import vocab
from .messages import Button, Message
from .pathways import Pathway, Service, Step
from .risk import Assessment, assess, band_starts
from .rules import matches
from .verification import staleness

SAFE_ENQUIRY = ("alone", "family_interpreter", "safe_to_talk", "disclosure")
FACTS = ("children", "pregnant")
MARAC_CRITERIA = ("professional_concern", "police_callouts_12m", "previous_marac_12m")
NEEDS = ("under_18", "age_60_plus", "male", "lgbt", "honour_based", "disability", "nrpf", "substance_misuse",
         "mental_health", "sexual_violence")
# Answers another line already gives (the concern, immediate danger, consent and the checklist).
_OWN_LINES = frozenset(("concern", "immediate_danger", "consent") + SAFE_ENQUIRY + FACTS + MARAC_CRITERIA + NEEDS)
HARM_CONCERNS = ("causing", "staff_causing")


def red_flags(answers: dict, pathway: Pathway) -> list[str]:
    """The red flags answered yes in this case, in plain words, each once (the list is in the pathway)."""
    named: list[str] = []
    for qid, words in (pathway.messages.get("red_flags") or {}).items():
        if answers.get(qid) == "yes" and words not in named:
            named.append(words)
    return named


def mentioned_flags(state: dict, pathway: Pathway) -> list[str]:
    """Red flags typed earlier (bot/interpret.py `mentioned`) that the checklist never asked about, in
    plain words: the clinician weighs them although the checklist stopped or was never done."""
    answers = state["answers"]
    named: list[str] = []
    for qid, words in (pathway.messages.get("red_flags") or {}).items():
        if vocab.MENTIONED + qid in state["flags"] and qid not in answers and words not in named:
            named.append(words)
    return named


def reason_text(reason: str, a: Assessment, pathway: Pathway) -> str:
    """One MARAC reason in the area's words, with its figures."""
    s = pathway.settings
    callouts = a.callouts if a.callouts is not None else 0
    threshold = s["marac_threshold"] if reason == "visible_high_risk" else s["escalation_callouts"]
    return pathway.messages["marac_reasons"][reason].format(score=a.score, threshold=threshold, callouts=callouts)


def checklist_ids(pathway: Pathway) -> list[str]:
    """The risk checklist's questions, in the pathway's order."""
    return list(dict.fromkeys(s.asks for s in pathway.steps if s.checklist and s.asks))


def summary(state: dict, pathway: Pathway, walked: list[Step],
            offered: list[tuple[str, Service | None]] | None) -> list[Message]:
    """What to record and where, then the summary itself. `walked` are the steps this conversation went
    through (for the sources); `offered` the kinds of service offered with the first service of each,
    or None if the pathway stopped before the referral list."""
    m = pathway.messages
    harm = state["answers"].get("concern") in HARM_CONCERNS and "summary_heading_harm" in m
    lines = [m["summary_heading_harm" if harm else "summary_heading"]] + _lines(state, pathway, offered)
    used: list[str] = []
    emergency_sources = m["emergency"].get("sources", ()) if "emergency" in state["flags"] else ()
    for ids in [step.sources for step in walked] + [emergency_sources]:
        used += [s for s in ids if s not in used]
    lines.append(m["summary_sources"] + " " + "; ".join(pathway.sources.get(i, i) for i in used))
    return [Message(m["summary_record_harm" if harm else "summary_record"], "info"),
            Message("\n".join(lines), "info", (Button("Restart", "/restart"),))]


def _lines(state: dict, pathway: Pathway, offered) -> list[str]:
    answers, m = state["answers"], pathway.messages
    words = _Words(pathway)
    a = assess(answers, pathway.settings)
    concern = next((o.title for o in pathway.steps[0].options if o.value == answers.get("concern")), None)
    lines = [m["record_pathway"].format(area=pathway.title, date=state["day"])]
    if concern:
        lines.append(m["record_concern"].format(concern=concern))
    lines += _listed(m["record_safe_enquiry"], "answers", words.pairs(answers, SAFE_ENQUIRY), "; ")
    danger = words.answer(answers.get("immediate_danger"))
    if "emergency" in state["flags"] and answers.get("immediate_danger") == "yes":
        lines.append(m["summary_emergency"])
    elif "emergency" in state["flags"]:      # advice shown, danger not confirmed: say only what happened
        lines.append(m["summary_emergency_shown"].format(answer=danger or words.answer("not_asked") or ""))
    elif danger:
        lines.append(m["record_immediate_danger"].format(answer=danger))
    for qid in FACTS:
        if words.label(qid) and words.answer(answers.get(qid)):
            lines.append(_sentence(m["record_answer"].format(question=words.label(qid),
                                                             answer=words.answer(answers[qid]))))
    checklist = checklist_ids(pathway)
    starts = band_starts(pathway.settings)
    figures = dict(total=len(checklist), band=a.band.upper(), medium=starts["medium"], high=starts["high"],
                   marac=pathway.settings["marac_threshold"])
    if a.band != "none" and not any(q in answers for q in checklist):
        # banded on judgement alone (no disclosure, so no checklist): never "0/24", which reads as 24 noes
        lines.append(m["record_checklist_not_done"].format(**figures))
    elif a.band != "none":
        lines.append(m["record_checklist"].format(score=a.score, **figures))
        lines += _listed(m["record_answered_yes"], "themes", words.labels(q for q in checklist
                                                                           if answers.get(q) == "yes"))
        lines += _listed(m["record_not_known"], "themes", words.labels(q for q in checklist
                                                                        if answers.get(q) == "dont_know"))
        if "checklist_stopped" in state["flags"]:
            asked = sum(1 for q in checklist if q in answers)
            lines.append(m["record_checklist_stopped"].format(asked=asked, total=len(checklist)))
    lines += _listed(m["record_red_flags"], "flags", red_flags(answers, pathway), "; ")
    lines += _listed(m["record_red_flags_mentioned"], "flags", mentioned_flags(state, pathway), "; ")
    lines += _listed(m["record_marac_criteria"], "answers", words.pairs(answers, MARAC_CRITERIA), "; ")
    if a.band != "none" or a.marac:
        lines.append(m["record_marac_yes"].format(reasons="; ".join(reason_text(r, a, pathway) for r in a.reasons))
                     if a.marac else m["record_marac_no"])
    lines += _listed(m["record_needs"], "needs", words.labels(q for q in NEEDS if answers.get(q) == "yes"))
    others = [q for q in answers if q not in _OWN_LINES and q not in checklist and q not in _assumed(answers, pathway)]
    lines += _listed(m["record_other_answers"], "answers", words.pairs(answers, others), "; ")
    if words.answer(answers.get("consent")):
        lines.append(m["record_consent"].format(answer=words.answer(answers["consent"])))
    if offered is None:
        lines.append(m["record_no_referrals"])
    else:
        today = dt.date.fromisoformat(state["day"])
        services = [words.offered(kind, service, today) for kind, service in offered]
        lines += _listed(m["record_referrals"], "services", [s for s in services if s], "; ")
    return lines


def _assumed(answers: dict, pathway: Pathway) -> set[str]:
    """Questions never asked whose answer the pathway assumed (`assume` when `skip_if` held, e.g. "still
    concerned" after a disclosure): the record says what was answered, not what was taken for granted."""
    return {s.asks for s in pathway.steps if s.asks and s.assume is not None and s.skip_if
            and answers.get(s.asks) == s.assume and matches(s.skip_if, answers, pathway.settings)}


def _listed(template: str, field: str, items: list[str], sep: str = ", ") -> list[str]:
    """The template filled with the items, or no line at all when there are none."""
    return [template.format(**{field: sep.join(items)})] if items else []


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Words:
    """The pathway's plain words for questions, answers and kinds of service."""

    def __init__(self, pathway: Pathway):
        self.pathway = pathway
        m = pathway.messages
        self.questions = m.get("record_labels") or {}
        self.answers = m.get("record_answers") or {}
        self.kinds = m.get("record_kinds") or {}

    def label(self, qid: str) -> str | None:
        return self.questions.get(qid)

    def labels(self, qids) -> list[str]:
        return [self.questions[q] for q in qids if q in self.questions]

    def answer(self, value) -> str | None:
        """An answer in words: a count as a number, a vocabulary value from record_answers."""
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.answers.get(str(value))

    def pairs(self, answers: dict, qids) -> list[str]:
        """'question: answer' for each question answered, in the given order."""
        return [f"{self.questions[q]}: {self.answer(answers[q])}" for q in qids
                if q in answers and q in self.questions and self.answer(answers[q]) is not None]

    def offered(self, kind: str, service: Service | None, today: dt.date) -> str | None:
        m = self.pathway.messages
        if kind not in self.kinds:
            return None
        if service is None:
            return m["record_no_service"].format(kind=self.kinds[kind])
        stale = staleness(service, self.pathway, today)
        checked = stale or m["record_verified"].format(date=service.last_verified.isoformat())
        return m["record_referral"].format(kind=self.kinds[kind], service=f"{service.name}, {checked}")
