"""Reading each part of a pathway file into the model (steps, services, conditions, messages, FAQ answers)
and checking how the steps hang together, with plain messages for a commissioner."""
from __future__ import annotations

import string

from .. import vocab
from ..yaml_source import show
from .checks import Checker, kind_of, norm, suggest
from .format import (BRANCH_KEYS, CONSENT_RULES, FAQ_TOPICS, GROUP_KEYS, GROUP_SELECTS, ID, MARAC_REASON_FIELDS, MARAC_REASONS, MESSAGE_FIELDS,
                     MESSAGE_KINDS, MESSAGE_MAPPINGS, NUMERIC_FACTS, NUMERIC_TESTS, OPTION_KEYS, QUESTION_MAPPINGS,
                     RECORD_ANSWERS, ROUTE_KEYS, SERVICE_KEYS, SERVICE_NATIONS, SERVICE_REQUIRED, SETTINGS, STAGES, STEP_KEYS)
from .model import Branch, Option, Range, Service, Step


def read_id(c: Checker, raw: dict, path: tuple, what: str, example: str) -> str | None:
    """The entry's id if it is a valid one; a problem (unless it is missing, reported elsewhere) if not."""
    sid = raw.get("id")
    if isinstance(sid, str) and ID.match(sid):
        return sid
    if sid not in (None, ""):
        c.ident(sid, path + ("id",), what, example)
    return None


def read_service(c: Checker, raw, path: tuple, local: bool, max_age: int) -> Service | None:
    if not c.keys(raw, path, SERVICE_KEYS, "a service", SERVICE_REQUIRED):
        return None
    sid = read_id(c, raw, path, "a service id", "exampleshire_idva")
    if sid is None:
        return None
    kinds = c.kinds(raw.get("kinds"), path + ("kinds",))
    if "kinds" in raw and not kinds and not raw["kinds"]:
        c.add(path + ("kinds",), f'the service "{sid}" needs at least one kind, or it will never be offered')
    consent = raw.get("consent")
    if consent is not None and not (isinstance(consent, str) and consent in CONSENT_RULES):
        found = kind_of(consent) if isinstance(consent, (list, dict)) else f'"{c.written(consent, path + ("consent",))}"'
        c.add(path + ("consent",), f'consent should be one of {", ".join(CONSENT_RULES)}, not {found}.'
              + suggest(consent, CONSENT_RULES))
        consent = None
    if not any(raw.get(k) for k in ("phone", "out_of_hours_phone", "email", "secure_email")) and "emergency" not in kinds:
        c.add(path, f'the service "{sid}" has no phone number or email: say how to contact it')
    verified = c.date(raw.get("last_verified"), path + ("last_verified",), "last_verified")
    if raw.get("last_verified") is None and "last_verified" in raw:
        c.add(path + ("last_verified",), f'the service "{sid}" has never been verified: check its details and set last_verified', "warning")
    elif verified and verified > c.today:
        c.add(path + ("last_verified",), f'last_verified {verified} is in the future: give the date you last checked '
                                         'this service (today or earlier)')
    elif verified and (c.today - verified).days > max_age:
        c.add(path + ("last_verified",), f'the service "{sid}" was last verified on {verified}, more than {max_age} days ago', "warning")
    languages = raw.get("languages")
    languages = [] if languages is None else languages
    if not isinstance(languages, list) or not all(isinstance(x, str) and x.strip() for x in languages):
        c.add(path + ("languages",), 'languages should be a list of language names, e.g. [English, Urdu, Polish]')
        languages = []
    source = raw.get("source")
    if source is not None and not isinstance(source, str):
        c.add(path + ("source",), f"source should be the id of one of the sources, not {kind_of(source)}")
        source = None
    return Service(
        id=sid, name=c.text(raw.get("name"), path + ("name",), "the service name", True) or sid,
        kinds=kinds, referral=c.text(raw.get("referral"), path + ("referral",), "how to refer", True) or "",
        last_verified=verified,
        phone=c.phone(raw.get("phone"), path + ("phone",)),
        out_of_hours_phone=c.phone(raw.get("out_of_hours_phone"), path + ("out_of_hours_phone",)),
        email=c.email(raw.get("email"), path + ("email",)),
        secure_email=c.email(raw.get("secure_email"), path + ("secure_email",)),
        hours=c.text(raw.get("hours"), path + ("hours",), "hours"),
        consent=consent, eligibility=c.text(raw.get("eligibility"), path + ("eligibility",), "eligibility"),
        languages=tuple(languages),
        notes=c.text(raw.get("notes"), path + ("notes",), "notes"),
        source=source, local=local, nations=read_nations(c, raw, path, sid),
        first_when=read_conditions(c, raw["first_when"], path + ("first_when",)) if raw.get("first_when") is not None else {},
        not_for=read_conditions(c, raw["not_for"], path + ("not_for",)) if raw.get("not_for") is not None else {},
    )


def read_nations(c: Checker, raw: dict, path: tuple, sid: str) -> tuple[str, ...]:
    """Where a service serves: `nations: [wales]`, `[england, wales]` or `[uk]` (a single name is accepted)."""
    value = raw.get("nations")
    if value is None:
        return ()
    if isinstance(value, list) and not value:
        c.add(path + ("nations",), f'nations of the service "{sid}" is empty: say where it serves, e.g. [england] or [uk]')
        return ()
    items = value if isinstance(value, list) else [value]
    found = []
    for i, item in enumerate(items):
        where = path + ("nations", i) if isinstance(value, list) else path + ("nations",)
        nation = c.nation(item, where, SERVICE_NATIONS, "a nation a service serves")
        if nation and nation not in found:
            found.append(nation)
    return tuple(found)


def read_conditions(c: Checker, raw, path: tuple) -> dict:
    """`{question or fact: answer}`, a list of answers (any of them), or a numeric test such as
    `{police_callouts_12m: {at_least: 3}}` or `{score: {at_least: 10, at_most: 13}}`."""
    if not isinstance(raw, dict) or not raw:
        c.add(path, "a condition should be a set of 'question: answer' lines")
        return {}
    known = set(vocab.QUESTIONS) | set(vocab.RULE_FACTS)
    out = {}
    for key, value in raw.items():
        if key not in known:
            c.add(path + (str(norm(key)), "<key>"), f'"{show(key)}" is not a question id or case fact.' + suggest(key, known))
            continue
        if isinstance(value, dict):
            test = read_range(c, value, path + (key,), key)
            if test is not None:
                out[key] = test
                c.conditions.append((path + (key,), key, test))
            continue
        values = value if isinstance(value, list) else [value]
        if not values or any(isinstance(v, (list, dict)) or v is None for v in values):
            c.add(path + (key,), f'the answer for "{key}" should be one answer, a list of answers, or a test '
                                 "such as {at_least: 3}")
            continue
        out[key] = tuple(str(norm(v)) for v in values)      # the engine compares answers as text
        c.conditions.append((path + (key,), key, out[key]))
    return out


def read_range(c: Checker, raw: dict, path: tuple, key: str) -> Range | None:
    """A numeric test: {at_least: N}, {at_most: N} or both; N a whole number or a numeric setting's name."""
    if not raw:
        c.add(path, f'the test for "{key}" is empty: write e.g. {{at_least: 3}}')
        return None
    bounds, ok = {}, True
    for name, bound in raw.items():
        name = str(norm(name))
        if name not in NUMERIC_TESTS:
            c.add(path + (name, "<key>"), f'"{show(name)}" is not a test a condition can use: write at_least, at_most '
                                          f"or both (e.g. {{at_least: 3}})." + suggest(name, NUMERIC_TESTS))
            ok = False
        elif isinstance(bound, str) and bound in SETTINGS:
            bounds[name] = bound
        elif isinstance(bound, int) and not isinstance(bound, bool) and 0 <= bound <= 1000:
            bounds[name] = bound
        else:
            hint = suggest(bound, SETTINGS) if isinstance(bound, str) else ""
            c.add(path + (name,), f'{name} should be a whole number or the name of a setting ({", ".join(SETTINGS)}), '
                                  f'not "{c.written(bound, path + (name,))}".' + hint)
            ok = False
    if not ok:
        return None
    low, high = bounds.get("at_least"), bounds.get("at_most")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        c.add(path, f"at_least {low} is more than at_most {high}, so this can never match")
        return None
    return Range(low, high)


def _list(c: Checker, raw: dict, key: str, path: tuple, what: str) -> list:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        c.add(path + (key,), f"{key} should be a list of {what}, each starting with '- ', not {kind_of(value)}")
        return []
    return value


def read_step(c: Checker, raw, path: tuple) -> Step | None:
    if not c.keys(raw, path, STEP_KEYS, "a step", ("id",)):
        return None
    sid = read_id(c, raw, path, "a step id", "ask_alone")
    if sid is None:
        return None
    actions = [k for k in ("ask", "say", "route", "do") if raw.get(k) is not None]
    if not actions:
        c.add(path, f'the step "{sid}" should ask, say, route or do something')
    if raw.get("ask") and raw.get("say"):
        c.add(path, f'the step "{sid}" both asks and says: split it into two steps')
    answers = raw.get("answers")
    if answers is not None and not (isinstance(answers, str) and answers in vocab.ANSWER_TYPES):
        answers = None
        if raw.get("ask") is None:
            c.add(path + ("answers",), f'answers should be one of {", ".join(vocab.ANSWER_TYPES)}.'
                  + suggest(raw.get("answers"), vocab.ANSWER_TYPES))
    asks = None
    if raw.get("ask") is not None:
        asks = raw.get("asks", sid)
        if not isinstance(asks, str) or not ID.match(asks):
            c.add(path + ("asks",), f'"{c.written(asks, path + ("asks",))}" is not a valid question id')
            asks = sid
        if answers is None:
            c.add(path + ("answers",), f'the step "{sid}" asks a question, so it needs "answers:" - one of '
                  f'{", ".join(vocab.ANSWER_TYPES)}.' + suggest(raw.get("answers") or "", vocab.ANSWER_TYPES))
    do = raw.get("do")
    if do is not None and not (isinstance(do, str) and do in vocab.ACTIONS):
        c.add(path + ("do",), f'"{c.written(do, path + ("do",))}" is not something the engine can do.' + suggest(do, vocab.ACTIONS))
        do = None
    stage = raw.get("stage")
    if not (isinstance(stage, str) and stage in STAGES):
        c.add(path + ("stage",), f'stage should be one of {", ".join(STAGES)}.' + suggest(stage or "", STAGES))
        stage = "enquiry"
    kind = raw.get("kind", "info")
    if not (isinstance(kind, str) and kind in MESSAGE_KINDS):
        c.add(path + ("kind",), f'kind should be one of {", ".join(MESSAGE_KINDS)}')
        kind = "info"
    options = []
    for i, opt in enumerate(_list(c, raw, "options", path, "options")):
        opath = path + ("options", i)
        if c.keys(opt, opath, OPTION_KEYS, "an option", ("value", "title")):
            value, title = opt.get("value"), opt.get("title")
            if isinstance(value, (list, dict)):
                c.add(opath + ("value",), f"an option value should be a single word, not {kind_of(value)}")
                continue
            if value is None or title is None:
                continue
            options.append(Option(str(norm(value)), c.text(title, opath + ("title",), "an option title") or str(title),
                                  c.step_ref(opt.get("next"), opath + ("next",))))
    if answers == "choice" and not options:
        c.add(path, f'the step "{sid}" is a choice but has no options')
    branches = {}
    raw_branches = raw.get("branches") or {}
    if not isinstance(raw_branches, dict):
        c.add(path + ("branches",), f"branches should be a set of 'answer: ...' lines, not {kind_of(raw_branches)}")
        raw_branches = {}
    for key, br in raw_branches.items():
        key = str(norm(key))
        bpath = path + ("branches", key)
        if key in branches:
            c.add(bpath + ("<key>",), f'the answer "{key}" has two branches (yes/true/on and no/false/off are the same '
                                      'answer): keep one')
            continue
        if c.keys(br, bpath, BRANCH_KEYS, "a branch"):
            bkind = br.get("kind", "info")
            if not (isinstance(bkind, str) and bkind in MESSAGE_KINDS):
                c.add(bpath + ("kind",), f'kind should be one of {", ".join(MESSAGE_KINDS)}')
                bkind = "info"
            branches[key] = Branch(c.text(br.get("say"), bpath + ("say",), "what to say"), bkind,
                                   c.step_ref(br.get("next"), bpath + ("next",)))
    allowed = vocab.ANSWER_TYPES.get(answers, ()) or tuple(o.value for o in options)
    for key in branches:
        if allowed and key not in allowed:
            c.add(path + ("branches", key, "<key>"), f'"{show(key)}" is not an answer to "{sid}"; answers are {", ".join(allowed)}')
    route = []
    for i, r in enumerate(_list(c, raw, "route", path, "routes")):
        if c.keys(r, path + ("route", i), ROUTE_KEYS, "a route", ("when", "next")):
            route.append((read_conditions(c, r.get("when"), path + ("route", i, "when")),
                          c.step_ref(r.get("next"), path + ("route", i, "next"))))
    return Step(
        id=sid, asks=asks, stage=stage, kind=kind,
        ask=c.text(raw.get("ask"), path + ("ask",), "the question"),
        say=c.text(raw.get("say"), path + ("say",), "what to say"),
        answers=answers, options=tuple(options), branches=branches,
        next=c.step_ref(raw.get("next"), path + ("next",)),
        route=tuple(route), do=do, checklist=c.boolean(raw.get("checklist"), path + ("checklist",), "checklist"),
        skip_if=read_conditions(c, raw["skip_if"], path + ("skip_if",)) if raw.get("skip_if") else {},
        assume=_assume(c, raw.get("assume"), path + ("assume",)), help=c.text(raw.get("help"), path + ("help",), "help"),
        sources=c.id_list(raw.get("sources"), path + ("sources",), "sources"),
        group=_group_id(c, raw.get("group"), path + ("group",)),
        item=c.text(raw.get("item"), path + ("item",), "the item title"),
    )


def _group_id(c: Checker, value, path: tuple) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and ID.match(value):
        return value
    c.ident(value, path, "a group id", "needs")
    return None


def read_groups(c: Checker, raw, steps: list[Step], paths: dict) -> dict:
    """The `groups:` section, and that every step's group is one of them, its steps side by side and
    (for tick all that apply) yes/no questions. A "do" step may sit inside a group (the MARAC result
    between the criteria and consent): one by one it runs in its place, at once after the answers before it."""
    groups = {}
    for gid, g in (raw or {}).items():
        path = ("groups", str(gid))
        if not (isinstance(gid, str) and ID.match(gid)):
            c.ident(gid, path, "a group id", "needs")
            continue
        if c.keys(g, path, GROUP_KEYS, "a group", ("select", "ask")):
            if g.get("select") not in GROUP_SELECTS:
                c.add(path + ("select",), f'select should be one of {", ".join(GROUP_SELECTS)}')
                continue
            groups[gid] = {"select": g["select"], "ask": c.text(g.get("ask"), path + ("ask",), "the group heading")}
    seen, previous = set(), None
    for s in steps:
        if s.group is None:
            previous = None
            continue
        p = paths[s.id]
        if s.group not in groups:
            c.add(p + ("group",), f'"{show(s.group)}" is not listed under groups.' + suggest(s.group, groups))
        elif not s.asks and not s.do:
            c.add(p + ("group",), f'the step "{s.id}" asks nothing, so it cannot be in a group')
        elif s.group != previous and s.group in seen:
            c.add(p + ("group",), f'the steps of the group "{s.group}" should follow one another')
        elif groups[s.group]["select"] == "many" and s.asks and s.answers != "yes_no":
            c.add(p + ("group",), f'"{s.group}" is a tick-all-that-apply group, so its questions should be yes_no')
        seen.add(s.group)
        previous = s.group
    return groups


def _assume(c: Checker, value, path: tuple):
    if isinstance(value, (list, dict)):
        c.add(path, "assume should be a single answer")
        return None
    return norm(value)


def check_flow(c: Checker, steps: list[Step], paths: dict, sources: dict) -> None:
    """Every reference points at a real step or source, question ids are known, and every step is reachable."""
    ids = {s.id: i for i, s in enumerate(steps)}
    asked = [s.asks for s in steps if s.asks]
    for qid in vocab.QUESTIONS:
        if qid not in asked:
            c.add(("steps",), f'no step asks the question "{qid}", which the pathway must ask')
    for s in steps:
        p = paths[s.id]
        targets = [(p + ("next",), s.next)] + [(p + ("branches", k, "next"), b.next) for k, b in s.branches.items()]
        targets += [(p + ("options", i, "next"), o.next) for i, o in enumerate(s.options)]
        targets += [(p + ("route", i, "next"), n) for i, (_, n) in enumerate(s.route)]
        for where, target in targets:
            if target is not None and target not in ids:
                c.add(where, f'"{show(target)}" is not a step in this pathway.' + suggest(target, ids))
            elif target == s.id:
                c.add(where, f'the step "{s.id}" leads to itself: the conversation would ask it again and again. '
                             "Name the step that should come next")
            elif target is not None and ids[target] < ids[s.id]:
                # the engine walks forward (Back is the clinician's own choice): a jump back could go round
                # in circles, and the trail, the record and "asked" assume every step is passed once
                c.add(where, f'the step "{s.id}" leads back to "{target}", which comes before it: the '
                             "conversation could go round in circles. Steps may only lead forward")
        for i, src in enumerate(s.sources):
            if src not in sources:
                c.add(p + ("sources", i), f'"{show(src)}" is not listed under sources.' + suggest(src, sources))
        if s.checklist and s.asks not in vocab.CHECKLIST:
            c.add(p, f'"{s.asks}" is not a risk checklist theme.' + suggest(s.asks, vocab.CHECKLIST))
    # reachability: walk from the first step along every way out of each step
    seen, todo = set(), [steps[0].id] if steps else []
    while todo:
        sid = todo.pop()
        if sid in seen or sid not in ids:
            continue
        seen.add(sid)
        s = steps[ids[sid]]
        outs = {b.next for b in s.branches.values()} | {o.next for o in s.options} | {n for _, n in s.route}
        following = steps[ids[sid] + 1].id if ids[sid] + 1 < len(steps) else None
        default = s.next or (None if s.do == "summary" else following)
        # a branch without next, an option without next, or an answer without a branch falls through
        outs |= {default}
        todo.extend(o for o in outs if o)
    for s in steps:
        if s.id not in seen:
            c.add(paths[s.id], f'the step "{s.id}" can never be reached: nothing leads to it')


FACT_ANSWERS = {"risk": vocab.RISK_BANDS, "marac": ("yes", "no"), "emergency_advice": ("yes", "no"),
                **{fact: None for fact in NUMERIC_FACTS}}      # None: a number


def check_answers(c: Checker, steps: list[Step], paths: dict) -> None:
    """Every condition (route, skip_if, referral rule, MARAC criterion) and every assume uses an answer the
    question can have: a misspelt answer would make a rule that never fires, so a referral never offered."""
    allowed: dict = dict(FACT_ANSWERS)
    for s in steps:
        if s.asks and s.answers:
            if s.answers == "count":
                allowed[s.asks] = None       # a number, or dont_know
            elif allowed.get(s.asks, ()) is not None:
                given = vocab.ANSWER_TYPES[s.answers] or tuple(o.value for o in s.options)
                allowed[s.asks] = tuple(dict.fromkeys(allowed.get(s.asks, ()) + given))
    checks = [(path, qid, values, ", so this can never match") for path, qid, values in c.conditions]
    checks += [(paths[s.id] + ("assume",), s.asks, (str(s.assume),), "") for s in steps
               if s.assume is not None and s.asks and s.id in paths]
    for path, qid, values, consequence in checks:
        if qid not in allowed:
            continue         # a question no step asks: reported already
        ok = allowed[qid]
        if isinstance(values, Range):
            if ok is not None:
                c.add(path, f'"{qid}" is answered {", ".join(ok)}, not with a number, so at_least and at_most '
                            f'cannot apply: write the answer instead, e.g. {qid}: "{ok[0]}"')
            continue
        for value in values:
            if (value.isdigit() or value == "dont_know") if ok is None else value in ok:
                continue
            answers = "a number or dont_know" if ok is None else ", ".join(ok)
            c.add(path, f'"{show(value)}" is not an answer to "{qid}"{consequence}; the answers are '
                        f"{answers}." + suggest(value, ok or ()))


def check_message(c: Checker, name, value, path: tuple, sources: dict) -> None:
    """One entry under messages: text (or, for emergency and marac_reasons, the mapping the engine reads),
    using only the {fields} the engine fills in."""
    if name == "emergency":
        if c.keys(value, path, {"text", "sources"}, "the emergency message", ("text",)):
            c.text(value.get("text"), path + ("text",), "the emergency message")
            for i, src in enumerate(c.id_list(value.get("sources"), path + ("sources",), "sources")):
                if src not in sources:
                    c.add(path + ("sources", i), f'"{show(src)}" is not listed under sources.' + suggest(src, sources))
        return
    if name == "marac_reasons":
        if c.keys(value, path, set(MARAC_REASONS), "marac_reasons", MARAC_REASONS):
            for reason in MARAC_REASONS:
                if value.get(reason) is not None:
                    _message_text(c, value[reason], path + (reason,), f"the MARAC reason {reason}", MARAC_REASON_FIELDS)
        return
    if name in MESSAGE_MAPPINGS:      # key -> plain words (red flags, the record's words)
        keys = {"record_answers": RECORD_ANSWERS, "record_kinds": vocab.SERVICE_KINDS}.get(name)
        if isinstance(value, dict):
            for key, text in value.items():
                _message_text(c, text, path + (str(key),), f"{name}: {show(key)}", ())
                if keys is not None and norm(key) not in keys:
                    what = "an answer" if name == "record_answers" else "a kind of service"
                    c.add(path + (str(key),), f'"{show(key)}" is not {what} the record words ({", ".join(keys)}).'
                                              + suggest(norm(key), keys))
        else:
            what = {"record_answers": "answer", "record_kinds": "service_kind"}.get(name, "question_id")
            c.add(path, f'"{name}" should be a set of "{what}: plain words" lines')
        return
    _message_text(c, value, path, f'the message "{show(name)}"', MESSAGE_FIELDS.get(name))


def _message_text(c: Checker, value, path: tuple, what: str, fields) -> None:
    text = c.text(value, path, what, required=True)
    if text is None or fields is None:
        return
    allowed = ", ".join("{" + f + "}" for f in fields) or "none"
    try:
        used = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    except ValueError:
        c.add(path, f"{what} has a {{ or }} that does not pair up: the only {{...}} it may use are {allowed} "
                    "(write {{ or }} for a brace on its own)")
        return
    for name, spec, conv in used:
        if name in fields and (spec or conv):
            written = "{" + name + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}"
            c.add(path, f'{what} uses "{show(written)}": write {{{name}}} alone, with nothing after the name '
                        "(the bot fills it in as it is)")
            return
        if name not in fields:
            c.add(path, f'{what} uses "{{{show(name)}}}", which the bot cannot fill in: it may only use {allowed}')
            return


def check_faq(c: Checker, faq: dict, sources: dict) -> None:
    for topic, entry in faq.items():
        path = ("faq", str(norm(topic)))
        if not isinstance(topic, str) or (topic not in FAQ_TOPICS and not ID.match(topic)):
            c.add(path + ("<key>",), f'"{show(topic)}" is not a valid FAQ topic name')
            continue
        if c.keys(entry, path, {"text", "sources"}, f'the FAQ answer "{topic}"', ("text",)):
            c.text(entry.get("text"), path + ("text",), f'the FAQ answer "{topic}"')
            for i, src in enumerate(c.id_list(entry.get("sources"), path + ("sources",), "sources")):
                if src not in sources:
                    c.add(path + ("sources", i), f'"{show(src)}" is not listed under sources.' + suggest(src, sources))


def extends_problem(value, area) -> str | None:
    """Why an area file's `extends:` is wrong, or None when it is national."""
    if value == "national":
        return None
    if not isinstance(value, str) or not value.strip():
        return 'extends should say national: write "extends: national"'
    text = value.strip()
    if text.lower() in ("national", "national.yml", "national.yaml") or "/" in text or "\\" in text or "." in text:
        return f'extends names the national pathway, not a file or a folder: write "extends: national", not "{show(text)}"'
    if text == area:
        return 'a file cannot extend itself: write "extends: national"'
    return (f'area files can only extend "national", not "{show(text)}": every area builds on the national '
            "pathway (copy any services you need from another area into this file)")



def check_record_words(c: Checker, given: dict, messages: dict, steps: list, national: bool) -> None:
    """The record's words (bot/record.py): mappings keyed by question id name real questions, a misspelt
    record_/summary_ message is named with the nearest right one, and national.yml words every question,
    answer and kind of service, because the record never shows an internal id in their place."""
    questions = {s.asks for s in steps if s.asks}
    known = set(MESSAGE_FIELDS) | set(MESSAGE_MAPPINGS) | {"summary_heading", "summary_heading_harm", "summary_record",
                                                           "summary_record_harm", "summary_sources", "summary_emergency"}
    for name in given:
        key = str(norm(name))
        if key.startswith(("record_", "summary_")) and key not in known:
            c.add(("messages", key), f'"{show(key)}" is not a message the record uses.'
                                     + suggest(key, sorted(k for k in known if k.startswith(("record_", "summary_")))))
    for name in QUESTION_MAPPINGS:
        value = given.get(name)
        if isinstance(value, dict) and questions:
            for key in value:
                if norm(key) not in questions:
                    # a red flag on a question that does not exist would never be named: refused. A record
                    # label is only unused (a misspelt one leaves its question unworded, refused below)
                    c.add(("messages", name, str(key)), f'"{show(key)}" is not a question in this pathway.'
                                                        + suggest(norm(key), questions)
                                                        + (" It is never used." if name == "record_labels" else ""),
                          "warning" if name == "record_labels" else "error")
    if not national or not questions:
        return
    for name, needed, what in (("record_labels", sorted(questions), "the question"),
                               ("record_answers", RECORD_ANSWERS, "the answer"),
                               ("record_kinds", vocab.SERVICE_KINDS, "the kind of service")):
        value = messages.get(name)
        if not isinstance(value, dict):
            continue
        missing = [k for k in needed if k not in value]
        if missing:
            c.add(("messages", name), f'{name} has no plain words for {what} {", ".join(map(repr, missing))}: '
                                      "the record names every one in words, never by its id")
