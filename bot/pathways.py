"""Pathway files: the format, loading, merging an area onto the national baseline, and validation.

`national.yml` holds the stages, wording and national services; each area file
`extends: national` and adds local services and settings. `load_pathways()`
reads a folder and returns a `Library` of ready areas plus every problem found,
as `file:line:column: message` in plain words for a non-programmer.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import process

from . import vocab
from .yaml_source import YamlProblem, load as load_yaml, position, read_text

# --- the format: allowed keys per part, with the required ones ---------------------------

FILE_KEYS = {"format", "area", "title", "owner", "review_due", "extends", "demo", "settings",
             "sources", "messages", "faq", "steps", "referral_rules", "services"}
FILE_REQUIRED = ("format", "area", "title", "owner", "review_due")
NATIONAL_ONLY = ("steps", "referral_rules")
SETTINGS = {  # name: (lowest, highest) allowed
    "medium_threshold": (1, 24), "marac_threshold": (1, 24), "escalation_callouts": (1, 20),
    "children_to_mash": (False, True), "verification_max_age_days": (1, 3650),
}
STEP_KEYS = {"id", "asks", "stage", "kind", "ask", "say", "answers", "options", "branches", "next",
             "route", "do", "checklist", "skip_if", "assume", "help", "sources"}
STAGES = ("enquiry", "safety", "risk", "needs", "referral", "harm", "end")
MESSAGE_KINDS = ("info", "question", "warning", "emergency")
OPTION_KEYS = {"value", "title", "next"}
BRANCH_KEYS = {"say", "kind", "next"}
ROUTE_KEYS = {"when", "next"}
RULE_KEYS = {"when", "kinds", "why"}
SERVICE_KEYS = {"id", "name", "kinds", "phone", "out_of_hours_phone", "email", "secure_email", "hours",
                "referral", "consent", "eligibility", "languages", "last_verified", "notes", "source"}
SERVICE_REQUIRED = ("id", "name", "kinds", "referral", "last_verified")
CONSENT_RULES = ("required", "not_if_high_risk", "not_required")
FAQ_TOPICS = ("marac", "idva", "mash", "consent", "documenting", "dash", "perpetrator_services")
SHORT_NUMBERS = {"999", "112", "101", "111", "116123", "18000", "55"}
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def default_pathway_dir() -> Path:
    return Path(os.environ.get("PATHBOT_PATHWAYS") or Path(__file__).resolve().parents[1] / "data" / "pathways")


# --- the loaded model -------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    value: str
    title: str
    next: str | None = None


@dataclass(frozen=True)
class Branch:
    say: str | None = None
    kind: str = "info"
    next: str | None = None


@dataclass(frozen=True)
class Step:
    id: str
    asks: str | None           # the question id asked, or None for say/route/do steps
    stage: str
    ask: str | None = None
    say: str | None = None
    kind: str = "info"
    answers: str | None = None
    options: tuple[Option, ...] = ()
    branches: dict = field(default_factory=dict)
    next: str | None = None
    route: tuple = ()          # ((conditions dict, next step id), ...)
    do: str | None = None
    checklist: bool = False
    skip_if: dict = field(default_factory=dict)
    assume: str | None = None
    help: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    kinds: tuple[str, ...]
    referral: str
    last_verified: dt.date | None
    phone: str | None = None
    out_of_hours_phone: str | None = None
    email: str | None = None
    secure_email: str | None = None
    hours: str | None = None
    consent: str | None = None
    eligibility: str | None = None
    languages: tuple[str, ...] = ()
    notes: str | None = None
    source: str | None = None
    local: bool = False        # from the area file rather than the national baseline


@dataclass(frozen=True)
class Rule:
    when: dict
    kinds: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Pathway:
    """One area's pathway: the national baseline with the area's settings and services on top."""
    area: str
    title: str
    owner: str
    review_due: dt.date
    demo: bool
    settings: dict
    sources: dict
    messages: dict
    faq: dict
    steps: tuple[Step, ...]
    rules: tuple[Rule, ...]
    services: tuple[Service, ...]
    version: str

    def step(self, step_id: str) -> Step:
        return self._index[step_id]

    def step_after(self, step_id: str) -> str | None:
        i = self._order[step_id] + 1
        return self.steps[i].id if i < len(self.steps) else None

    def __post_init__(self):
        object.__setattr__(self, "_index", {s.id: s for s in self.steps})
        object.__setattr__(self, "_order", {s.id: i for i, s in enumerate(self.steps)})


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    severity: str = "error"    # error | warning

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}:{self.column}: {tag}{self.message}"


@dataclass
class Library:
    """Every area that loaded cleanly, and every problem found on the way."""
    pathways: dict[str, Pathway]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def areas(self) -> list[str]:
        return sorted(a for a in self.pathways if a != "national")

    versions: dict[str, Pathway] = field(default_factory=dict)   # every version still served, by version id

    def get(self, area: str) -> Pathway:
        return self.pathways[area]

    def pathway_for(self, state: dict) -> Pathway:
        """The pathway version a conversation started with, so an edit never changes it mid-way."""
        pathway = self.versions.get(state.get("version", ""))
        if pathway is None or pathway.area != (state["area"] or "national"):
            pathway = self.pathways.get(state["area"] or "national") or self.pathways["national"]
        return pathway


# --- checking one file ------------------------------------------------------------------

def _norm(value):
    """YAML 1.1 reads yes/no as booleans; answers are the strings 'yes'/'no'."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def _suggest(word: str, choices) -> str:
    match = process.extractOne(str(word), list(choices), score_cutoff=70)
    return f' Did you mean "{match[0]}"?' if match else ""


class _Checker:
    """Collects problems for one file, each at the line and column of the value concerned."""

    def __init__(self, name: str, marks: dict, today: dt.date):
        self.name, self.marks, self.today = name, marks, today
        self.problems: list[Problem] = []

    def add(self, path: tuple, message: str, severity: str = "error") -> None:
        line, col = position(self.marks, path)
        self.problems.append(Problem(self.name, line, col, message, severity))

    def keys(self, mapping: dict, path: tuple, allowed: set, what: str, required=()) -> bool:
        if not isinstance(mapping, dict):
            self.add(path, f"{what} should be a set of 'key: value' lines")
            return False
        for key in mapping:
            if str(_norm(key)) not in allowed:
                self.add(path + (str(_norm(key)), "<key>"), f'unknown key "{key}" in {what}.' + _suggest(key, allowed))
        for key in required:
            if mapping.get(key) in (None, "") and not (key == "last_verified" and key in mapping):
                self.add(path, f'{what} is missing "{key}"')
        return True

    def text(self, value, path: tuple, what: str, required: bool = False, number_ok: bool = False) -> str | None:
        if value is None:
            if required:
                self.add(path, f"{what} is missing")
            return None
        if number_ok and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str) or not value.strip():
            # YAML turns unquoted 9:30 into 570 and yes/no into true/false: ask for quotes
            self.add(path, f'{what} should be text: put it in quotes, e.g. "{value}"' if value not in ("", [], {})
                     else f"{what} should be text")
            return None
        return " ".join(value.split())

    def date(self, value, path: tuple, what: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.add(path, f"{what} should be a date written as YYYY-MM-DD, e.g. 2026-03-31")
            return None

    def kinds(self, value, path: tuple) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        good = []
        for i, kind in enumerate(items):
            if kind in vocab.SERVICE_KINDS:
                good.append(kind)
            else:
                where = path + (i,) if isinstance(value, list) else path
                self.add(where, f'"{kind}" is not a service kind.' + _suggest(kind, vocab.SERVICE_KINDS))
        return tuple(good)

    def phone(self, value, path: tuple) -> str | None:
        text = self.text(value, path, "a phone number", number_ok=True)
        if text is None:
            return None
        if not re.fullmatch(r"\+?[0-9 ()-]+", text):
            self.add(path, f'the phone number "{text}" has characters a phone number cannot have')
            return text
        digits = re.sub(r"\D", "", text)
        if digits in SHORT_NUMBERS:
            return text
        if text.startswith("+44"):
            digits = "0" + digits[2:]
        if text.startswith("+") and not text.startswith("+44"):
            if not 8 <= len(digits) <= 15:
                self.add(path, f'the international number "{text}" has the wrong number of digits')
        elif not (digits.startswith("0") and len(digits) in (10, 11)):
            self.add(path, f'"{text}" cannot be a UK phone number: it should start with 0 and have 10 or 11 digits')
        return text

    def email(self, value, path: tuple) -> str | None:
        text = self.text(value, path, "an email address")
        if text is not None and not _EMAIL.match(text):
            self.add(path, f'"{text}" is not a valid email address')
        return text


def _read_service(c: _Checker, raw, path: tuple, local: bool, max_age: int) -> Service | None:
    if not c.keys(raw, path, SERVICE_KEYS, "a service", SERVICE_REQUIRED):
        return None
    sid = raw.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        c.add(path + ("id",), "a service id should be lower-case letters, digits and _ (e.g. exampleshire_idva)")
        return None
    kinds = c.kinds(raw.get("kinds", []), path + ("kinds",))
    if "kinds" in raw and not kinds and not raw["kinds"]:
        c.add(path + ("kinds",), f'the service "{sid}" needs at least one kind, or it will never be offered')
    if raw.get("consent") is not None and raw["consent"] not in CONSENT_RULES:
        c.add(path + ("consent",), f'consent should be one of {", ".join(CONSENT_RULES)}.' + _suggest(raw["consent"], CONSENT_RULES))
    if not any(raw.get(k) for k in ("phone", "out_of_hours_phone", "email", "secure_email")) and "emergency" not in kinds:
        c.add(path, f'the service "{sid}" has no phone number or email: say how to contact it')
    verified = c.date(raw.get("last_verified"), path + ("last_verified",), "last_verified")
    if raw.get("last_verified") is None and "last_verified" in raw:
        c.add(path + ("last_verified",), f'the service "{sid}" has never been verified: check its details and set last_verified', "warning")
    elif verified and verified > c.today:
        c.add(path + ("last_verified",), f'last_verified {verified} is in the future')
    elif verified and (c.today - verified).days > max_age:
        c.add(path + ("last_verified",), f'the service "{sid}" was last verified on {verified}, more than {max_age} days ago', "warning")
    languages = raw.get("languages") or []
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        c.add(path + ("languages",), 'languages should be a list of language names, e.g. [English, Urdu, Polish]')
        languages = []
    return Service(
        id=sid, name=c.text(raw.get("name"), path + ("name",), "the service name", True) or sid,
        kinds=kinds, referral=c.text(raw.get("referral"), path + ("referral",), "how to refer", True) or "",
        last_verified=verified,
        phone=c.phone(raw.get("phone"), path + ("phone",)),
        out_of_hours_phone=c.phone(raw.get("out_of_hours_phone"), path + ("out_of_hours_phone",)),
        email=c.email(raw.get("email"), path + ("email",)),
        secure_email=c.email(raw.get("secure_email"), path + ("secure_email",)),
        hours=c.text(raw.get("hours"), path + ("hours",), "hours"),
        consent=raw.get("consent"), eligibility=c.text(raw.get("eligibility"), path + ("eligibility",), "eligibility"),
        languages=tuple(languages),
        notes=c.text(raw.get("notes"), path + ("notes",), "notes"),
        source=raw.get("source"), local=local,
    )


def _conditions(c: _Checker, raw, path: tuple) -> dict:
    if not isinstance(raw, dict) or not raw:
        c.add(path, "a condition should be a set of 'question: answer' lines")
        return {}
    known = set(vocab.QUESTIONS) | set(vocab.RULE_FACTS)
    out = {}
    for key, value in raw.items():
        if key not in known:
            c.add(path + (key, "<key>"), f'"{key}" is not a question id or case fact.' + _suggest(key, known))
        values = value if isinstance(value, list) else [value]
        out[key] = tuple(_norm(v) for v in values)
    return out


def _read_step(c: _Checker, raw, path: tuple) -> Step | None:
    if not c.keys(raw, path, STEP_KEYS, "a step", ("id",)):
        return None
    sid = raw.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        c.add(path + ("id",), "a step id should be lower-case letters, digits and _")
        return None
    actions = [k for k in ("ask", "say", "route", "do") if raw.get(k) is not None]
    if not actions:
        c.add(path, f'the step "{sid}" should ask, say, route or do something')
    if raw.get("ask") and raw.get("say"):
        c.add(path, f'the step "{sid}" both asks and says: split it into two steps')
    asks = None
    if raw.get("ask") is not None:
        asks = raw.get("asks", sid)
        if raw.get("answers") not in vocab.ANSWER_TYPES:
            c.add(path + ("answers",), f'the step "{sid}" asks a question, so it needs "answers:" - one of '
                  f'{", ".join(vocab.ANSWER_TYPES)}.' + _suggest(raw.get("answers") or "", vocab.ANSWER_TYPES))
    if raw.get("do") is not None and raw["do"] not in vocab.ACTIONS:
        c.add(path + ("do",), f'"{raw["do"]}" is not something the engine can do.' + _suggest(raw["do"], vocab.ACTIONS))
    if raw.get("stage") not in STAGES:
        c.add(path + ("stage",), f'stage should be one of {", ".join(STAGES)}.' + _suggest(raw.get("stage") or "", STAGES))
    kind = raw.get("kind", "info")
    if kind not in MESSAGE_KINDS:
        c.add(path + ("kind",), f'kind should be one of {", ".join(MESSAGE_KINDS)}')
    options = []
    for i, opt in enumerate(raw.get("options") or []):
        if c.keys(opt, path + ("options", i), OPTION_KEYS, "an option", ("value", "title")):
            options.append(Option(str(_norm(opt["value"])), str(opt["title"]), opt.get("next")))
    if raw.get("answers") == "choice" and not options:
        c.add(path, f'the step "{sid}" is a choice but has no options')
    branches = {}
    for key, br in (raw.get("branches") or {}).items():
        key = str(_norm(key))
        bpath = path + ("branches", key)
        if c.keys(br, bpath, BRANCH_KEYS, "a branch"):
            branches[key] = Branch(c.text(br.get("say"), bpath + ("say",), "what to say"), br.get("kind", "info"), br.get("next"))
    allowed = vocab.ANSWER_TYPES.get(raw.get("answers"), ()) or tuple(o.value for o in options)
    for key in branches:
        if allowed and key not in allowed:
            c.add(path + ("branches", key, "<key>"), f'"{key}" is not an answer to "{sid}"; answers are {", ".join(allowed)}')
    route = []
    for i, r in enumerate(raw.get("route") or []):
        if c.keys(r, path + ("route", i), ROUTE_KEYS, "a route", ("when", "next")):
            route.append((_conditions(c, r.get("when"), path + ("route", i, "when")), r.get("next")))
    sources = raw.get("sources") or []
    return Step(
        id=sid, asks=asks, stage=raw.get("stage", "enquiry"), kind=kind,
        ask=c.text(raw.get("ask"), path + ("ask",), "the question"),
        say=c.text(raw.get("say"), path + ("say",), "what to say"),
        answers=raw.get("answers"), options=tuple(options), branches=branches, next=raw.get("next"),
        route=tuple(route), do=raw.get("do"), checklist=bool(raw.get("checklist")),
        skip_if=_conditions(c, raw["skip_if"], path + ("skip_if",)) if raw.get("skip_if") else {},
        assume=_norm(raw.get("assume")), help=c.text(raw.get("help"), path + ("help",), "help"),
        sources=tuple(sources) if isinstance(sources, list) else (sources,),
    )


def _check_flow(c: _Checker, steps: list[Step], paths: dict, sources: dict) -> None:
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
                c.add(where, f'"{target}" is not a step in this pathway.' + _suggest(target, ids))
        for i, src in enumerate(s.sources):
            if src not in sources:
                c.add(p + ("sources", i), f'"{src}" is not listed under sources.' + _suggest(src, sources))
        if s.checklist and s.asks not in vocab.CHECKLIST:
            c.add(p, f'"{s.asks}" is not a risk checklist theme.' + _suggest(s.asks, vocab.CHECKLIST))
        if s.asks and s.asks not in vocab.QUESTIONS and not _ID.match(s.asks):
            c.add(p + ("asks",), f'"{s.asks}" is not a valid question id')
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


def _read_file(path: Path, today: dt.date) -> tuple[dict | None, _Checker, str]:
    c = _Checker(path.name, {}, today)
    try:
        text = read_text(path)
        data, c.marks = load_yaml(text)
    except YamlProblem as exc:
        c.add((), exc.message)
        c.problems[-1] = Problem(path.name, exc.line, exc.column, exc.message)
        return None, c, ""
    if not isinstance(data, dict):
        c.add((), "a pathway file should be a set of 'key: value' lines (format, area, title, ...)")
        return None, c, ""
    c.keys(data, (), FILE_KEYS, "the pathway file", FILE_REQUIRED)
    if data.get("format") not in (None, 1):
        c.add(("format",), "this version of pathbot reads format 1 files")
    area = data.get("area")
    if not isinstance(area, str) or not _ID.match(area):
        c.add(("area",), "area should be a lower-case id such as exampleshire")
    elif area != path.stem:
        c.add(("area",), f'the area "{area}" should match the file name ({path.stem}.yml)')
    due = c.date(data.get("review_due"), ("review_due",), "review_due")
    if due and due < today:
        c.add(("review_due",), f"the review of this file was due on {due}: check every entry and set a new review_due", "warning")
    settings = data.get("settings") or {}
    if c.keys(settings, ("settings",), set(SETTINGS), "settings"):
        for key, value in settings.items():
            if key in SETTINGS:
                lo, hi = SETTINGS[key]
                if isinstance(lo, bool):
                    if not isinstance(value, bool):
                        c.add(("settings", key), f"{key} should be true or false")
                elif not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                    c.add(("settings", key), f"{key} should be a whole number from {lo} to {hi}")
    return data, c, hashlib.sha256(text.encode()).hexdigest()[:12]


def _build(data: dict, c: _Checker, base: Pathway | None, version: str) -> Pathway | None:
    """Turn one checked file into a Pathway, on top of the national baseline when it extends it."""
    if base is None:
        for key in ("messages", "faq", "steps", "referral_rules", "services", "sources"):
            if not data.get(key):
                c.add((), f'the national pathway needs a "{key}" section')
    else:
        for key in NATIONAL_ONLY:
            if key in data:
                c.add((key, "<key>"), f'"{key}" can only be set in the national pathway; area files add services and settings')
    sources = dict((base.sources if base else {}) | (data.get("sources") or {}))
    settings = dict((base.settings if base else {}) | (data.get("settings") or {}))
    if settings.get("medium_threshold", 0) >= settings.get("marac_threshold", 99):
        c.add(("settings",), "medium_threshold should be lower than marac_threshold")
    messages = dict((base.messages if base else {}) | (data.get("messages") or {}))
    faq = dict((base.faq if base else {}) | (data.get("faq") or {}))
    for topic in faq:
        if topic not in FAQ_TOPICS and not _ID.match(str(topic)):
            c.add(("faq", topic, "<key>"), f'"{topic}" is not a valid FAQ topic name')
    steps, paths = list(base.steps) if base else [], {}
    if base is None:
        for i, raw in enumerate(data.get("steps") or []):
            step = _read_step(c, raw, ("steps", i))
            if step is None:
                continue
            if step.id in paths:
                c.add(("steps", i, "id"), f'the step id "{step.id}" is used twice')
                continue
            paths[step.id] = ("steps", i)
            steps.append(step)
        _check_flow(c, steps, paths, sources)
    rules = list(base.rules) if base else []
    for i, raw in enumerate(data.get("referral_rules") or [] if base is None else []):
        if c.keys(raw, ("referral_rules", i), RULE_KEYS, "a referral rule", ("when", "kinds", "why")):
            rules.append(Rule(_conditions(c, raw["when"], ("referral_rules", i, "when")),
                              c.kinds(raw["kinds"], ("referral_rules", i, "kinds")), str(raw["why"])))
    services = list(base.services) if base else []
    ids = {s.id for s in services}
    max_age = settings.get("verification_max_age_days", 365)
    raw_services = data.get("services") or []
    if not isinstance(raw_services, list):
        c.add(("services",), "services should be a list, each entry starting with '- id:'")
        raw_services = []
    for i, raw in enumerate(raw_services):
        svc = _read_service(c, raw, ("services", i), base is not None, max_age)
        if svc is None:
            continue
        if svc.id in ids:
            c.add(("services", i, "id"), f'the service id "{svc.id}" is used twice')
            continue
        if svc.source is not None and svc.source not in sources:
            c.add(("services", i, "source"), f'"{svc.source}" is not listed under sources.' + _suggest(svc.source, sources))
        ids.add(svc.id)
        services.append(svc)
    if any(p.severity == "error" for p in c.problems):
        return None
    return Pathway(
        area=data["area"], title=str(data["title"]), owner=str(data["owner"]),
        review_due=c.date(data["review_due"], ("review_due",), "review_due"), demo=bool(data.get("demo")),
        settings=settings, sources=sources, messages=messages, faq=faq, steps=tuple(steps),
        rules=tuple(rules), services=tuple(services),
        version=(base.version + "+" if base else "") + version,
    )


def _gc_paused(load):
    """Loading builds many small objects and almost no reference cycles: the cyclic collector only slows it
    (about 10% for 350 areas), so it is paused while loading and restored after."""
    @functools.wraps(load)
    def wrapper(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return wrapper


@_gc_paused
def load_pathways(folder: Path | None = None, today: dt.date | None = None,
                  files: list[Path] | None = None) -> Library:
    """Load national.yml and every area file in `folder` (or just `files`, with national from their folder)."""
    folder = Path(folder or default_pathway_dir())
    today = today or dt.date.today()
    library = Library({}, [])
    national_path = folder / "national.yml"
    chosen = files if files is not None else sorted(p for p in folder.glob("*.yml") if p != national_path)
    data, c, version = _read_file(national_path, today)
    national = _build(data, c, None, version) if data is not None else None
    if files is None or any(Path(f).resolve() == national_path.resolve() for f in files):
        library.problems.extend(c.problems)
    elif national is None:
        library.problems.append(Problem(national_path.name, 1, 1, "the national pathway has errors: run pathbot pathways validate on it"))
    if national is None:
        return library
    library.pathways["national"] = national
    library.versions[national.version] = national
    for path in chosen:
        path = Path(path)
        if path.resolve() == national_path.resolve():
            continue
        data, c, version = _read_file(path, today)
        if data is not None:
            if data.get("extends", "national") != "national":
                c.add(("extends",), 'area files extend "national" (the only baseline there is)')
            pathway = _build(data, c, national, version)
            if pathway is not None:
                library.pathways[pathway.area] = pathway
                library.versions[pathway.version] = pathway
        library.problems.extend(c.problems)
    return library
