"""The pathway engine: a deterministic, pure walk of one area's pathway.

    state, messages = start("exampleshire")
    state, messages = advance(state, {"payload": "yes"})

State is a small JSON-serialisable dict holding no free text: the area, the
current step, answers by question id (fixed vocabulary values or counts),
flags, the date the conversation started and the pathway version. Events come
from a channel already interpreted: a button payload, or an intent from the
NLU, plus whether the danger safety net fired. Clinical wording lives in the
pathway YAML; this module only decides what to say next.
"""
from __future__ import annotations

import datetime as dt

from . import faq_answers, questions, record, referrals as referral_list, results, vocab
from .messages import Button, Message
from .pathways import Library, Pathway, Service, Step
from .questions import ANSWER_TITLES, NAV, SET, SKIP
from .risk import Assessment, assess
from .rules import matches, referrals

AREA_STEP = "area"
ASK_WHICH_COLLEAGUE = vocab.ASK_WHICH_COLLEAGUE   # "a colleague ...": which way round? (asked, never guessed)


# --- public API -------------------------------------------------------------------------

def start(area: str | None, library: Library, today: dt.date | None = None) -> tuple[dict, list[Message]]:
    """A new conversation, in `area` if it is known, else asking for the area first."""
    national = library.get("national")
    state = {"area": None, "step": AREA_STEP, "answers": {}, "flags": [], "trail": [],
             "day": (today or dt.date.today()).isoformat(), "version": national.version}
    out = [Message(national.messages["welcome"])]
    if area in library.pathways and area != "national":
        _enter_area(state, library.get(area), out)
    else:
        out.append(_ask_area(library))
    return state, out


def advance(state: dict, event: dict, library: Library) -> tuple[dict, list[Message]]:
    """One turn. `event`: {"payload": str} from a button, or {"intent": str, "danger": bool,
    "answer": str | None} from understood free text. Returns a new state; the old one is untouched."""
    state = {**state, "answers": dict(state["answers"]), "flags": list(state["flags"]),
             "trail": list(state.get("trail", ()))}
    out: list[Message] = []
    pathway = pathway_of(state, library)
    payload = event.get("payload")
    intent = event.get("intent")
    command = payload if payload in ("/restart", "/back", "/help", "/emergency", SKIP) else {
        "restart": "/restart", "back": "/back", "help": "/help"}.get(intent)
    for theme in event.get("mentioned") or ():      # harm named in typed text, kept by theme id for the red flags
        if theme in vocab.CHECKLIST and vocab.MENTIONED + theme not in state["flags"]:
            state["flags"].append(vocab.MENTIONED + theme)
    if payload is None and event.get("answer") == SKIP:
        command = SKIP          # "short of time" typed at the checklist: the same as its button
    answer = payload if payload is not None else event.get("answer")

    if event.get("danger") or intent == "immediate_danger" or command == "/emergency":
        _emergency(state, pathway, out)
        if _is_danger_question(state, pathway) and answer == "no" and payload is None:
            answer = None      # "no" together with a danger phrase: ask the danger question again, plainly
        if not state.get("pending") and (command == "/emergency" or answer is None):
            _check_danger_again(state, pathway)
            return state, out + _resume(state, library)
    if command == "/restart":
        new, msgs = start(state["area"], library, dt.date.fromisoformat(state["day"]))
        return new, [Message(pathway.messages["restarted"])] + msgs[1:]
    if command == "/back":
        return state, _back(state, pathway, out, library)
    if command == "/help":
        return state, out + _help(state, pathway, library)
    if state.get("pending"):
        return state, out + _settle(state, pathway, event, library)
    if command == SKIP and "done" not in state["flags"] and state["step"] != AREA_STEP \
            and pathway.step(state["step"]).checklist:
        _skip_checklist(state, pathway, out)
        return state, out
    if intent and intent.startswith("faq/"):
        said = faq_answers.answer(intent[4:], pathway)
        return state, out + said + _resume(state, library, pathway.messages["continue"])
    if payload == referral_list.MORE:
        return state, out + _more(state, pathway, library)
    if "done" in state["flags"]:
        return state, out + [_finished(state, pathway)]

    if state["step"] == AREA_STEP:
        if answer in library.pathways and answer != "national":
            _enter_area(state, library.get(answer), out)
            return state, out
        return state, out + [_ask_area(library, library.get("national").messages["area_not_found"])]
    step = pathway.step(state["step"])
    if isinstance(answer, str) and (answer == SET or answer.startswith(SET + " ")):
        return state, out + _answer_group(state, pathway, step, answer)
    typed = payload is None
    if typed and step.asks == "concern" and (answer == ASK_WHICH_COLLEAGUE
                                             or questions.valid_answer(step, answer, pathway)):
        state["pending"] = {"asks": "concern", "value": answer}       # who harms whom: one tap to confirm
        return state, out + _resume(state, library)
    value = questions.valid_answer(step, answer, pathway)
    if value is None:
        note = pathway.messages["number_needed"] if step.answers == "count" else pathway.messages["not_understood"]
        if intent == "greet" and not out:
            note = pathway.messages["continue"]
        return state, out + [Message(note, "info")] + [questions.ask(step, pathway, state)]
    if out and typed:          # the emergency advice was shown, and the answer it carried is kept
        out.append(Message(pathway.messages["answer_kept"].format(answer=questions.answer_title(step, value)), "info"))
    elif typed and step.answers == "count":
        out.append(Message(pathway.messages["count_noted"].format(count=value), "info"))
    _answer(state, pathway, step, value, out)
    if event.get("danger") or intent == "immediate_danger":
        _check_danger_again(state, pathway)
        if state.get("pending"):
            out = [m for m in out if not m.asks] + _resume(state, library)
    return state, out


def outcome(state: dict, library: Library) -> dict:
    """What the conversation concluded, in the vocabulary of the scenario contract."""
    pathway = pathway_of(state, library)
    a = assess(state["answers"], pathway.settings)
    kinds = [k for k, _ in referral_kinds(state, pathway, a)] if "referred" in state["flags"] else []
    return {"risk": a.band, "score": a.score, "marac": a.marac, "marac_reasons": list(a.reasons),
            "emergency": "emergency" in state["flags"], "referral_kinds": kinds}


def repeat(state: dict, library: Library) -> list[Message]:
    """Ask again whatever the conversation is waiting for (after a refused message, say)."""
    return _resume(state, library)


def choosing_area(state: dict) -> bool:
    """True while the conversation waits for the clinician's area."""
    return state["step"] == AREA_STEP


def current_question(state: dict, library: Library) -> Step | None:
    """The step waiting for an answer (None while choosing the area or when finished)."""
    if state["step"] == AREA_STEP or "done" in state["flags"]:
        return None
    return pathway_of(state, library).step(state["step"])


def pathway_of(state: dict, library: Library) -> Pathway:
    """The pathway version a conversation started with, so an edit never changes it mid-way."""
    pathway = library.versions.get(state.get("version", ""))
    if pathway is None or pathway.area != (state["area"] or "national"):
        pathway = library.pathways.get(state["area"] or "national") or library.pathways["national"]
    return pathway


# --- walking the pathway ----------------------------------------------------------------

def _enter_area(state: dict, pathway: Pathway, out: list[Message]) -> None:
    state["area"], state["version"] = pathway.area, pathway.version
    state["step"] = pathway.steps[0].id
    if pathway.demo:
        out.append(Message(pathway.messages["demo_notice"], "warning"))
    _run(state, pathway, out)


def _ask_area(library: Library, note: str | None = None) -> Message:
    national = library.get("national")
    buttons = tuple(Button(library.get(a).title, a) for a in library.areas())
    return Message((note + " " if note else "") + national.messages["choose_area"], "question", buttons, "area")


def _facts(state: dict, pathway: Pathway, a: Assessment | None = None) -> dict:
    return questions.facts(state, pathway, a)


def _run(state: dict, pathway: Pathway, out: list[Message]) -> None:
    """Move through say/route/do steps until a question needs an answer or the pathway ends.
    Every step gone through (a question when it is asked) goes on the trail, by its index."""
    for _ in range(len(pathway.steps) + 1):
        step = pathway.step(state["step"])
        if step.asks:
            if step.skip_if and matches(step.skip_if, _facts(state, pathway), pathway.settings):
                if step.assume is not None:
                    state["answers"].setdefault(step.asks, step.assume)
                elif len(step.skip_if) == 1:     # the same question asked before: take its answer, never ask twice
                    state["answers"].setdefault(step.asks, state["answers"].get(next(iter(step.skip_if))))
            elif step.asks not in state["answers"]:
                state["trail"].append(_index(pathway, step.id))
                out.append(questions.ask(step, pathway, state))
                return
            nxt = step.next
        else:
            state["trail"].append(_index(pathway, step.id))
            if step.route:
                facts = _facts(state, pathway)
                nxt = next((n for cond, n in step.route if matches(cond, facts, pathway.settings)), step.next)
            elif step.do:
                out.extend(ACTIONS[step.do](state, pathway))
                if step.do == "summary":
                    state["flags"].append("done")
                    return
                nxt = step.next
            else:
                out.append(Message(step.say, step.kind))
                nxt = step.next
        state["step"] = nxt or pathway.step_after(step.id)
        if state["step"] is None:
            state["flags"].append("done")
            return


def _index(pathway: Pathway, step_id: str) -> int:
    return next(i for i, s in enumerate(pathway.steps) if s.id == step_id)


def walked(state: dict, pathway: Pathway) -> list[Step]:
    """The steps this conversation went through, in order, from its trail."""
    return [pathway.steps[i] for i in state.get("trail", ()) if 0 <= i < len(pathway.steps)]


def _answer(state: dict, pathway: Pathway, step: Step, value, out: list[Message]) -> None:
    state["answers"][step.asks] = value
    if step.asks == "immediate_danger" and value == "yes":
        _emergency(state, pathway, out)
    branch = step.branches.get(str(value))
    option = next((o for o in step.options if o.value == value), None)
    if branch and branch.say:
        out.append(Message(branch.say, branch.kind))
    nxt = (branch and branch.next) or (option and option.next) or step.next or pathway.step_after(step.id)
    state["step"] = nxt
    _run(state, pathway, out)


def ticklist(state: dict, library: Library) -> list[Step]:
    """The open questions of the tick-all-that-apply list waiting for an answer, or [] if none is."""
    step = current_question(state, library)
    pathway = pathway_of(state, library)
    if step is None or state.get("pending") or pathway.groups.get(step.group, {}).get("select") != "many":
        return []
    return questions.open_items(state, pathway, step)


def _answer_group(state: dict, pathway: Pathway, step: Step, payload: str) -> list[Message]:
    """A whole group answered at once ("/set id=value;..."), taken in the pathway's order so that
    each answer's branch (a warning, a stop) happens as if asked one by one."""
    items = questions.open_items(state, pathway, step) if step.group in pathway.groups else []
    by_id = {s.asks: s for s in items}
    values: dict = {}
    for part in payload[len(SET):].split(";"):
        qid, sep, value = part.strip().partition("=")
        if not qid and not sep:
            continue
        if qid not in by_id or qid in values or questions.valid_answer(by_id[qid], value.strip(), pathway) is None:
            return [Message(pathway.messages["not_understood"]), questions.ask(step, pathway, state)]
        values[qid] = questions.valid_answer(by_id[qid], value.strip(), pathway)
    if pathway.groups.get(step.group, {}).get("select") == "many":
        values = {qid: values.get(qid, "no") for qid in by_id}
    if not values:
        return [Message(pathway.messages["not_understood"]), questions.ask(step, pathway, state)]
    out: list[Message] = []
    while "done" not in state["flags"]:
        current = pathway.step(state["step"])
        if not current.asks or current.asks not in values:
            break
        said: list[Message] = []
        _answer(state, pathway, current, values.pop(current.asks), said)
        more = "done" not in state["flags"] and pathway.step(state["step"]).asks in values
        out += [m for m in said if not (more and m.asks)]
    for qid, value in values.items():    # ticked, but skipped because of another tick (60 or over and under 18):
        branch = by_id[qid].branches.get("yes")     # keep what was ticked, and its warning
        if value == "yes" and state["answers"].get(qid) != "yes" and "done" not in state["flags"]:
            state["answers"][qid] = "yes"
            if branch and branch.say:
                out.insert(len(out) - 1 if out and out[-1].asks else len(out), Message(branch.say, branch.kind))
    return out


def _resume(state: dict, library: Library, note: str | None = None) -> list[Message]:
    """Re-ask whatever the conversation was waiting for."""
    if state["step"] == AREA_STEP:
        return [_ask_area(library)]
    pathway = pathway_of(state, library)
    if state.get("pending"):
        return ([Message(note)] if note else []) + [_pending_question(state, pathway)]
    if "done" in state["flags"]:
        return [_finished(state, pathway)]
    return ([Message(note)] if note else []) + [questions.ask(pathway.step(state["step"]), pathway, state)]


# --- asking once before going on: who harms whom, and danger mentioned after "no" ----------

def _pending_question(state: dict, pathway: Pathway) -> Message:
    """The one-tap question the conversation waits on before it goes on."""
    pending, m = state["pending"], pathway.messages
    nav = tuple(Button(t, p) for p, t in NAV.items())
    if pending["asks"] == "immediate_danger":
        step = next(s for s in pathway.steps if s.asks == "immediate_danger")
        yes_no = tuple(Button(ANSWER_TITLES[v], v) for v in ("yes", "no"))
        return Message(m["danger_check"] + " " + step.ask, "question", yes_no + nav, "immediate_danger")
    step = pathway.step(state["step"])
    options = {o.value: o for o in step.options}
    if pending["value"] == ASK_WHICH_COLLEAGUE:
        staff = tuple(Button(o.title, o.value) for o in step.options if o.value.startswith("staff_"))
        return Message(m["which_colleague"], "question", staff + nav, step.asks)
    chosen = options[pending["value"]]      # first, by its own title: one tap confirms, one tap corrects
    others = tuple(Button(o.title, o.value) for o in step.options if o.value != chosen.value)
    return Message(m["confirm_concern"].format(choice=chosen.title), "question",
                   (Button(chosen.title, chosen.value),) + others + nav, step.asks)


def _settle(state: dict, pathway: Pathway, event: dict, library: Library) -> list[Message]:
    """The answer to the one-tap question: a button, yes / no typed, or another typed concern."""
    pending = state.pop("pending")
    payload, intent = event.get("payload"), event.get("intent")
    out: list[Message] = []
    if pending["asks"] == "immediate_danger":
        value = payload if payload is not None else event.get("answer")
        if value not in ("yes", "no"):
            state["pending"] = pending
            unclear = [] if event.get("danger") else [Message(pathway.messages["not_understood"])]
            return unclear + _resume(state, library)
        state["answers"]["immediate_danger"] = value
        if value == "yes":
            _emergency(state, pathway, out)
        return out + _resume(state, library)
    step = pathway.step(state["step"])
    typed = event.get("answer")
    if payload is not None:
        value = questions.valid_answer(step, payload, pathway)
    elif pending["value"] == ASK_WHICH_COLLEAGUE:
        value = {"experiencing": "staff_experiencing", "causing": "staff_causing"}.get(typed, typed)
        value = value if value in ("staff_experiencing", "staff_causing") else None
    elif intent == "affirm":
        value = pending["value"]
    elif intent == "deny":
        return [Message(pathway.messages["choose_concern"]), questions.ask(step, pathway, state)]
    elif typed == ASK_WHICH_COLLEAGUE or questions.valid_answer(step, typed, pathway):
        state["pending"] = {"asks": step.asks, "value": typed}        # another concern typed: confirm that
        return _resume(state, library)
    else:
        value = None
    if value is None:
        state["pending"] = pending
        return [Message(pathway.messages["not_understood"])] + _resume(state, library)
    _answer(state, pathway, step, value, out)
    return out


def _is_danger_question(state: dict, pathway: Pathway) -> bool:
    return state["step"] != AREA_STEP and pathway.step(state["step"]).asks == "immediate_danger"


def _check_danger_again(state: dict, pathway: Pathway) -> None:
    """Danger mentioned after the immediate-danger question was answered other than yes: ask it again
    (after the advice), so the record says what is true now and the next reply answers that question."""
    if state["answers"].get("immediate_danger", "yes") != "yes" and "done" not in state["flags"] \
            and not _is_danger_question(state, pathway):
        state["pending"] = {"asks": "immediate_danger"}


def _skip_checklist(state: dict, pathway: Pathway, out: list[Message]) -> None:
    """Leave the checklist with the themes answered so far and go on to the step after it (the
    result, then professional judgement and the MARAC criteria): for staff who cannot finish it now."""
    last = [s for s in pathway.steps if s.checklist][-1]
    state["flags"].append("checklist_stopped")
    state["step"] = last.next or pathway.step_after(last.id)
    _run(state, pathway, out)


def _emergency(state: dict, pathway: Pathway, out: list[Message]) -> None:
    """Emergency advice, from any step; the pathway then carries on where it was. Danger spotted in
    free text is not recorded as an answer: the immediate-danger question is still asked, to confirm."""
    e = pathway.messages["emergency"]
    out.append(Message(" ".join(e["text"].split()), "emergency"))
    if "emergency" not in state["flags"]:
        state["flags"].append("emergency")


def _help(state: dict, pathway: Pathway, library: Library) -> list[Message]:
    text = pathway.messages["help"]
    if state["step"] != AREA_STEP and "done" not in state["flags"]:
        step = pathway.step(state["step"])
        if step.help:
            text += f"\n{pathway.messages['help_why']} {step.help}"
        if step.sources:
            text += "\n" + faq_answers.sources_line(pathway, step.sources)
    return [Message(text)] + _resume(state, library)


def _back(state: dict, pathway: Pathway, out: list[Message], library: Library) -> list[Message]:
    """Undo the last answer the clinician gave and ask that question again: the trail says which
    question that was; answers given after it (or assumed from it) go too."""
    if (state.get("pending") or {}).get("asks") == "concern":
        state.pop("pending")
        return out + [questions.ask(pathway.step(state["step"]), pathway, state)]
    trail, answers = state["trail"], state["answers"]
    for pos in range(len(trail) - 1, -1, -1):
        step = pathway.steps[trail[pos]]
        if step.asks and step.asks in answers and step.id != state["step"]:
            while pos > 0 and pathway.groups.get(step.group, {}).get("select") == "many" \
                    and pathway.steps[trail[pos - 1]].group == step.group:   # ticked on one screen: reopen it all
                pos -= 1
                step = pathway.steps[trail[pos]]
            del trail[pos:]
            kept = {s.asks for s in walked(state, pathway) if s.asks}
            state["answers"] = {q: v for q, v in answers.items() if q in kept}
            state["flags"] = [f for f in state["flags"] if f not in ("done", "referred")]
            last_checklist = max((i for i, s in enumerate(pathway.steps) if s.checklist), default=-1)
            if _index(pathway, step.id) <= last_checklist:      # the checklist is ahead again
                state["flags"] = [f for f in state["flags"] if f != "checklist_stopped"]
            state["step"] = step.id
            trail.append(_index(pathway, step.id))
            return out + _resume(state, library)
    if state["area"] is None:
        return out + [Message(pathway.messages["back_at_start"]), _ask_area(library)]
    state["step"] = pathway.steps[0].id
    state["answers"], state["trail"] = {}, [0]
    return out + [Message(pathway.messages["back_at_start"])] + _resume(state, library)


# --- actions a step can run ("do:") -------------------------------------------------------

def referral_kinds(state: dict, pathway: Pathway, a: Assessment | None = None) -> list[tuple[str, str]]:
    """(service kind, why) for every referral rule the case meets, in rule order, each kind once
    with every reason that brought it in."""
    return referrals(pathway.rules, _facts(state, pathway, a), pathway.settings)


def services_for(pathway: Pathway, kind: str, limit: int = 3, facts: dict | None = None) -> list[Service]:
    """The most relevant services of a kind for the case (bot/referrals.py), for the area's nation only."""
    return referral_list.ranked(pathway, kind, facts)[:limit]


def _referrals(state: dict, pathway: Pathway) -> list[Message]:
    """The referral list's first view (bot/referrals.py); "More services" shows the rest."""
    state["flags"].append("referred")
    return [referral_list.first_view(referral_kinds(state, pathway), pathway, _facts(state, pathway),
                                     dt.date.fromisoformat(state["day"]))]


def _more(state: dict, pathway: Pathway, library: Library) -> list[Message]:
    """The services the referral list left out ("More services"), then what the conversation waits for."""
    if "referred" not in state["flags"]:
        return [Message(pathway.messages["not_understood"])] + _resume(state, library)
    said = referral_list.more(referral_kinds(state, pathway), pathway, _facts(state, pathway),
                              dt.date.fromisoformat(state["day"]))
    return [said] + _resume(state, library)


def _finished(state: dict, pathway: Pathway) -> Message:
    """The conversation is complete: Restart, and More services while the referral list has more."""
    hidden = referral_list.hidden_count(referral_kinds(state, pathway), pathway, _facts(state, pathway)) \
        if "referred" in state["flags"] else 0
    more = (referral_list.more_button(pathway),) if hidden else ()
    return Message(pathway.messages["finished"], buttons=(Button("Restart", "/restart"),) + more)


def _summary(state: dict, pathway: Pathway) -> list[Message]:
    """The record summary (bot/record.py), with the kinds of service offered and the first of each."""
    offered = None
    if "referred" in state["flags"]:
        offered = [(kind, next(iter(services_for(pathway, kind, 1, _facts(state, pathway))), None))
                   for kind, _ in referral_kinds(state, pathway)]
    return record.summary(state, pathway, walked(state, pathway), offered)


ACTIONS = {"risk_result": results.risk_result, "marac_result": results.marac_result,
           "referrals": _referrals, "summary": _summary}
