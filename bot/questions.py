"""A question as the clinician sees it: its buttons, its group (several answers on one screen: tick all
that apply, or a themed group answered item by item), and whether an answer fits it."""
from __future__ import annotations

from . import vocab
from .messages import Button, Item, Message
from .pathways import Pathway, Step
from .risk import Assessment, assess
from .rules import case_facts, matches

NAV = {"/back": "Back", "/help": "Help", "/restart": "Restart"}
SKIP = vocab.SKIP_CHECKLIST             # short of time (A&E): leave the checklist for MARAC and referral
SET = "/set"                            # answers to a group in one payload: "/set id1=value1;id2=value2"
ANSWER_TITLES = {"yes": "Yes", "no": "No", "unsure": "Not sure", "dont_know": "Don't know"}


def facts(state: dict, pathway: Pathway, a: Assessment | None = None) -> dict:
    """What the referral rules and skip conditions test: the answers, flags, band, MARAC and score."""
    a = a or assess(state["answers"], pathway.settings)
    return case_facts(state["answers"], state["flags"], a.band, a.marac, a.score)


def valid_answer(step: Step, answer, pathway: Pathway):
    """The answer as stored, or None if it does not answer this question (stale or forged buttons too)."""
    if answer is None:
        return None
    answer = str(answer)
    if step.answers == "count":
        if answer == "dont_know":
            return answer
        return int(answer) if answer.isdigit() and int(answer) < 1000 else None
    if step.answers == "choice":
        return answer if any(o.value == answer for o in step.options) else None
    return answer if answer in vocab.ANSWER_TYPES.get(step.answers, ()) else None


def choices(step: Step, pathway: Pathway) -> list[Button]:
    """The answers a question takes, as buttons."""
    if step.answers == "choice":
        return [Button(o.title, o.value) for o in step.options]
    if step.answers == "count":
        top = pathway.settings["escalation_callouts"]
        return [Button(str(n), str(n)) for n in range(top)] + [Button(f"{top} or more", str(top)),
                                                                Button("Don't know", "dont_know")]
    return [Button(ANSWER_TITLES[v], v) for v in vocab.ANSWER_TYPES[step.answers]]


def ask(step: Step, pathway: Pathway, state: dict | None = None) -> Message:
    group = pathway.groups.get(step.group) if step.group and state is not None else None
    items = open_items(state, pathway, step) if group else []
    nav = [Button(t, p) for p, t in NAV.items()]
    skip = [Button(pathway.messages["skip_checklist"], SKIP)] if step.checklist and "skip_checklist" in pathway.messages else []
    if group and group["select"] == "many" and items:
        m = pathway.messages
        lines = [group["ask"]] + [f"{i}. {s.item or s.ask}" for i, s in enumerate(items, 1)] + [m["tick_hint"]]
        return Message("\n".join(lines), "question", tuple([Button(m["none_apply"], SET)] + nav), step.asks,
                       tuple(Item(s.asks, s.item or s.ask) for s in items), "many")
    buttons = tuple(choices(step, pathway) + nav + skip)
    if group and len(items) > 1:
        return Message(group["ask"] + "\n" + step.ask, "question", buttons, step.asks,
                       tuple(Item(s.asks, s.ask, tuple(choices(s, pathway))) for s in items), "each")
    return Message(step.ask, "question", buttons, step.asks)


def group_steps(pathway: Pathway, step: Step) -> list[Step]:
    """The run of consecutive steps in `step`'s group."""
    i = j = pathway.steps.index(step)
    while i > 0 and pathway.steps[i - 1].group == step.group:
        i -= 1
    while j + 1 < len(pathway.steps) and pathway.steps[j + 1].group == step.group:
        j += 1
    return list(pathway.steps[i:j + 1])


def open_items(state: dict, pathway: Pathway, step: Step) -> list[Step]:
    """The questions of `step`'s group still to answer, from `step` on (answered or skipped ones left out)."""
    known = facts(state, pathway)
    group = group_steps(pathway, step)
    return [s for s in group[group.index(step):] if s.asks and s.asks not in state["answers"]
            and not (s.skip_if and matches(s.skip_if, known, pathway.settings))]


def answer_title(step: Step, value) -> str:
    option = next((o for o in step.options if o.value == value), None)
    return option.title if option else ANSWER_TITLES.get(str(value), str(value))
