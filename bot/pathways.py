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
import string
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from . import vocab
from .yaml_source import BAD_CHARS, YamlProblem, describe_char, parse as parse_yaml, position, raw_text, read_text, show

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
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\Z")
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Messages the engine looks up by name (national.yml must define them), and the {fields} each
# message that is filled in may use; any other {...} would stop the bot mid-conversation.
MESSAGES_NEEDED = (
    "welcome", "choose_area", "area_not_found", "not_understood", "number_needed", "help", "help_why",
    "back_at_start", "restarted", "finished", "continue", "emergency", "demo_notice", "stale_never", "stale_since",
    "file_overdue", "referrals_heading", "no_service_for_kind", "risk_result", "band_raised", "marac_yes",
    "marac_no", "marac_reasons", "callouts_unknown", "summary_heading", "summary_sources", "summary_emergency",
    "summary_record")
MESSAGE_FIELDS = {"stale_since": ("date",), "file_overdue": ("date",), "referrals_heading": ("area",),
                  "no_service_for_kind": ("kind",), "risk_result": ("score", "band", "medium", "high"),
                  "checklist_unknown": ("unknown",), "checklist_stopped": ("asked", "score")}
MARAC_REASONS = ("visible_high_risk", "professional_judgement", "escalation", "repeat")
MARAC_REASON_FIELDS = ("score", "threshold", "callouts")
# Sections of a file and the shape each must have.
SECTION_TYPES = {"settings": dict, "sources": dict, "messages": dict, "faq": dict, "steps": list,
                 "referral_rules": list, "services": list}
REVIEW_HORIZON_DAYS = 3 * 366      # a review date further away than this is most likely a mistyped year
MAX_PROBLEMS_PER_FILE = 100


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
        # file names and messages are shown with control characters made visible: nothing in a file
        # (or its name) can move the cursor or recolour the terminal or a log
        return f"{show(self.file, 200)}:{self.line}:{self.column}: {tag}{BAD_CHARS.sub(_visible, self.message)}"


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


def _visible(match) -> str:
    return f"<U+{ord(match.group()):04X}>"


# --- checking one file ------------------------------------------------------------------

def _norm(value):
    """YAML 1.1 reads yes/no as booleans; answers are the strings 'yes'/'no'."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def _suggest(word, choices) -> str:
    """' Did you mean "x"?' for the closest choice, the same every run (ties go to the most similar whole word)."""
    word = str(word)[:100]
    matches = process.extract(word, sorted(map(str, choices)), limit=5, score_cutoff=70)
    if not matches:
        return ""
    best = max(matches, key=lambda m: (m[1], fuzz.ratio(word, m[0]), -len(m[0])))
    return f' Did you mean "{best[0]}"?'


def _kind_of(value) -> str:
    """What a value is, in the words a commissioner would use."""
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if value is None:
        return "empty"
    return "text"


def _odd_letters(text) -> str:
    """A note naming characters in an id or key that are not plain English letters, digits or _."""
    if not isinstance(text, str):
        return ""
    odd = [ch for ch in dict.fromkeys(text) if not (ch.isascii() and (ch.isalnum() or ch in "_-"))]
    if not odd:
        return ""
    named = ", ".join(describe_char(ch) for ch in odd[:3])
    looks = any(not ch.isascii() and ch.isalpha() for ch in odd)
    return (f" It contains {named}" + (", which only looks like an English letter" if looks else "")
            + ": retype it using plain letters a-z, digits and _.")


class _Checker:
    """Collects problems for one file, each at the line and column of the value concerned."""

    def __init__(self, name: str, marks: dict, today: dt.date):
        self.name, self.marks, self.today = name, marks, today
        self.problems: list[Problem] = []
        self.read_spots: set = set()     # where the reader already reported a problem
        self.conditions: list = []       # (path, question id, answers) of every condition, checked once steps are known

    def add(self, path: tuple, message: str, severity: str = "error") -> None:
        line, col = position(self.marks, path)
        if severity == "error" and (line, col) in self.read_spots:
            return       # the reader has already said what is wrong with this value
        self.problems.append(Problem(self.name, line, col, message, severity))

    def written(self, value, path: tuple) -> str:
        """A value as the editor wrote it (the raw text of an unquoted number or date), for messages."""
        raw = raw_text(self.marks, path)
        return show(raw if raw is not None else value)

    def keys(self, mapping, path: tuple, allowed: set, what: str, required=()) -> bool:
        if not isinstance(mapping, dict):
            self.add(path, f"{what} should be a set of 'key: value' lines, not {_kind_of(mapping)}")
            return False
        for key in mapping:
            name = str(_norm(key))
            if name not in allowed:
                shown = self.written(name, path + (name, "<key>"))
                hint = (_suggest(name, allowed) if isinstance(key, str) and len(self.problems) < MAX_PROBLEMS_PER_FILE
                        else "")
                self.add(path + (name, "<key>"), f'unknown key "{shown}" in {what}.' + hint + _odd_letters(name))
        for key in required:
            if mapping.get(key) in (None, "") and not (key == "last_verified" and key in mapping):
                self.add(path, f'{what} is missing "{key}"')
        return True

    def text(self, value, path: tuple, what: str, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.add(path, f"{what} is missing")
            return None
        if isinstance(value, str):
            if value.strip():
                return " ".join(value.split())
            self.add(path, f"{what} is empty")
            return None
        if isinstance(value, (list, dict)):
            self.add(path, f"{what} should be text, not {_kind_of(value)}")
            return None
        # YAML turns unquoted 9:30 into 570, yes/no into true/false and 2026-01-01 into a date
        why = ("YAML reads yes, no, on, off, true and false as true/false" if isinstance(value, bool)
               else f"without quotes YAML reads it as {_kind_of(value)}")
        self.add(path, f'{what} should be text: put it in quotes, e.g. "{self.written(value, path)}" ({why})')
        return None

    def ident(self, value, path: tuple, what: str, example: str) -> str | None:
        if isinstance(value, str) and _ID.match(value):
            return value
        if value is None or value == "":
            self.add(path, f"{what} is missing")
        else:
            self.add(path, f'{what} should be lower-case letters, digits and _ (e.g. {example}), not '
                           f'"{self.written(value, path)}".' + _odd_letters(value))
        return None

    def boolean(self, value, path: tuple, what: str) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        self.add(path, f'{what} should be true or false, not "{self.written(value, path)}"')
        return False

    def date(self, value, path: tuple, what: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and _DATE.match(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                self.add(path, f'{what} "{show(value)}" is not a real date: check the month (01 to 12) and the day')
                return None
        found = _kind_of(value) if isinstance(value, (list, dict)) else f'"{self.written(value, path)}"'
        self.add(path, f"{what} should be a date written as YYYY-MM-DD, e.g. 2026-03-31, not {found}")
        return None

    def kinds(self, value, path: tuple) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, dict):
            self.add(path, "kinds should be a list of service kinds, e.g. [idva, outreach], not a set of 'key: value' lines")
            return ()
        items = value if isinstance(value, list) else [value]
        good = []
        for i, kind in enumerate(items):
            where = path + (i,) if isinstance(value, list) else path
            if isinstance(kind, str) and kind in vocab.SERVICE_KINDS:
                good.append(kind)
            elif isinstance(kind, (list, dict)):
                self.add(where, f"each service kind should be a single word such as idva, not {_kind_of(kind)}")
            else:
                self.add(where, f'"{self.written(kind, where)}" is not a service kind.' + _suggest(kind, vocab.SERVICE_KINDS))
        return tuple(good)

    def phone(self, value, path: tuple) -> str | None:
        if isinstance(value, bool):
            self.add(path, f'a phone number should be written in quotes, e.g. {path[-1]}: "01632 960123", not '
                           f'{self.written(value, path)} (YAML reads yes, no, on, off, true and false as true/false)')
            return None
        if isinstance(value, (int, float)):
            written = raw_text(self.marks, path) or str(value)
            if written in SHORT_NUMBERS:
                return written
            self.add(path, f'put the phone number in quotes: {path[-1]}: "{show(written)}" (without quotes YAML '
                           "reads it as a number, which can drop a leading 0 or +)")
            return None
        text = self.text(value, path, "a phone number")
        if text is None:
            return None
        if not re.fullmatch(r"\+?[0-9 ()-]+", text):
            odd = next(ch for i, ch in enumerate(text) if not (ch in "0123456789 ()-" or ch == "+" and i == 0))
            what = f'"{odd}"' if odd.isascii() and odd.isprintable() else describe_char(odd)
            self.add(path, f'the phone number "{show(text)}" has {what} in it, which a phone number cannot have: '
                           "use only digits, spaces, brackets, - and a + at the start")
            return text
        digits = re.sub(r"\D", "", text)
        if digits in SHORT_NUMBERS:
            return text
        if text.startswith("+44"):
            digits = "0" + digits[2:]
        if text.startswith("+") and not text.startswith("+44"):
            if not 8 <= len(digits) <= 15:
                self.add(path, f'the international number "{show(text)}" has the wrong number of digits')
        elif not (digits.startswith("0") and len(digits) in (10, 11)):
            self.add(path, f'"{show(text)}" cannot be a UK phone number: it should start with 0 and have 10 or 11 digits')
        return text

    def email(self, value, path: tuple) -> str | None:
        text = self.text(value, path, "an email address")
        if text is not None and not _EMAIL.match(text):
            self.add(path, f'"{show(text)}" is not a valid email address')
        return text

    def step_ref(self, value, path: tuple) -> str | None:
        """A `next:` step id: text or nothing."""
        if value is None or isinstance(value, str):
            return value
        self.add(path, f'"next" should be the id of a step, not {_kind_of(value)}')
        return None

    def id_list(self, value, path: tuple, what: str) -> tuple:
        """A list of ids (e.g. sources: [ph50, qs116]); a single id is accepted too."""
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        good = []
        for i, item in enumerate(items):
            where = path + (i,) if isinstance(value, list) else path
            if isinstance(item, str):
                good.append(item)
            else:
                self.add(where, f"{what} should be a list of ids, e.g. [ph50, qs116]")
        return tuple(good)


def _read_id(c: _Checker, raw: dict, path: tuple, what: str, example: str) -> str | None:
    """The entry's id if it is a valid one; a problem (unless it is missing, reported elsewhere) if not."""
    sid = raw.get("id")
    if isinstance(sid, str) and _ID.match(sid):
        return sid
    if sid not in (None, ""):
        c.ident(sid, path + ("id",), what, example)
    return None


def _read_service(c: _Checker, raw, path: tuple, local: bool, max_age: int) -> Service | None:
    if not c.keys(raw, path, SERVICE_KEYS, "a service", SERVICE_REQUIRED):
        return None
    sid = _read_id(c, raw, path, "a service id", "exampleshire_idva")
    if sid is None:
        return None
    kinds = c.kinds(raw.get("kinds"), path + ("kinds",))
    if "kinds" in raw and not kinds and not raw["kinds"]:
        c.add(path + ("kinds",), f'the service "{sid}" needs at least one kind, or it will never be offered')
    consent = raw.get("consent")
    if consent is not None and not (isinstance(consent, str) and consent in CONSENT_RULES):
        found = _kind_of(consent) if isinstance(consent, (list, dict)) else f'"{c.written(consent, path + ("consent",))}"'
        c.add(path + ("consent",), f'consent should be one of {", ".join(CONSENT_RULES)}, not {found}.'
              + _suggest(consent, CONSENT_RULES))
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
        c.add(path + ("source",), f"source should be the id of one of the sources, not {_kind_of(source)}")
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
        source=source, local=local,
    )


def _conditions(c: _Checker, raw, path: tuple) -> dict:
    if not isinstance(raw, dict) or not raw:
        c.add(path, "a condition should be a set of 'question: answer' lines")
        return {}
    known = set(vocab.QUESTIONS) | set(vocab.RULE_FACTS)
    out = {}
    for key, value in raw.items():
        if key not in known:
            c.add(path + (str(_norm(key)), "<key>"), f'"{show(key)}" is not a question id or case fact.' + _suggest(key, known))
            continue
        values = value if isinstance(value, list) else [value]
        if not values or any(isinstance(v, (list, dict)) or v is None for v in values):
            c.add(path + (key,), f'the answer for "{key}" should be one answer or a list of answers')
            continue
        out[key] = tuple(str(_norm(v)) for v in values)      # the engine compares answers as text
        c.conditions.append((path + (key,), key, out[key]))
    return out


def _list(c: _Checker, raw: dict, key: str, path: tuple, what: str) -> list:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        c.add(path + (key,), f"{key} should be a list of {what}, each starting with '- ', not {_kind_of(value)}")
        return []
    return value


def _read_step(c: _Checker, raw, path: tuple) -> Step | None:
    if not c.keys(raw, path, STEP_KEYS, "a step", ("id",)):
        return None
    sid = _read_id(c, raw, path, "a step id", "ask_alone")
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
                  + _suggest(raw.get("answers"), vocab.ANSWER_TYPES))
    asks = None
    if raw.get("ask") is not None:
        asks = raw.get("asks", sid)
        if not isinstance(asks, str) or not _ID.match(asks):
            c.add(path + ("asks",), f'"{c.written(asks, path + ("asks",))}" is not a valid question id')
            asks = sid
        if answers is None:
            c.add(path + ("answers",), f'the step "{sid}" asks a question, so it needs "answers:" - one of '
                  f'{", ".join(vocab.ANSWER_TYPES)}.' + _suggest(raw.get("answers") or "", vocab.ANSWER_TYPES))
    do = raw.get("do")
    if do is not None and not (isinstance(do, str) and do in vocab.ACTIONS):
        c.add(path + ("do",), f'"{c.written(do, path + ("do",))}" is not something the engine can do.' + _suggest(do, vocab.ACTIONS))
        do = None
    stage = raw.get("stage")
    if not (isinstance(stage, str) and stage in STAGES):
        c.add(path + ("stage",), f'stage should be one of {", ".join(STAGES)}.' + _suggest(stage or "", STAGES))
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
                c.add(opath + ("value",), f"an option value should be a single word, not {_kind_of(value)}")
                continue
            if value is None or title is None:
                continue
            options.append(Option(str(_norm(value)), c.text(title, opath + ("title",), "an option title") or str(title),
                                  c.step_ref(opt.get("next"), opath + ("next",))))
    if answers == "choice" and not options:
        c.add(path, f'the step "{sid}" is a choice but has no options')
    branches = {}
    raw_branches = raw.get("branches") or {}
    if not isinstance(raw_branches, dict):
        c.add(path + ("branches",), f"branches should be a set of 'answer: ...' lines, not {_kind_of(raw_branches)}")
        raw_branches = {}
    for key, br in raw_branches.items():
        key = str(_norm(key))
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
            route.append((_conditions(c, r.get("when"), path + ("route", i, "when")),
                          c.step_ref(r.get("next"), path + ("route", i, "next"))))
    return Step(
        id=sid, asks=asks, stage=stage, kind=kind,
        ask=c.text(raw.get("ask"), path + ("ask",), "the question"),
        say=c.text(raw.get("say"), path + ("say",), "what to say"),
        answers=answers, options=tuple(options), branches=branches,
        next=c.step_ref(raw.get("next"), path + ("next",)),
        route=tuple(route), do=do, checklist=c.boolean(raw.get("checklist"), path + ("checklist",), "checklist"),
        skip_if=_conditions(c, raw["skip_if"], path + ("skip_if",)) if raw.get("skip_if") else {},
        assume=_assume(c, raw.get("assume"), path + ("assume",)), help=c.text(raw.get("help"), path + ("help",), "help"),
        sources=c.id_list(raw.get("sources"), path + ("sources",), "sources"),
    )


def _assume(c: _Checker, value, path: tuple):
    if isinstance(value, (list, dict)):
        c.add(path, "assume should be a single answer")
        return None
    return _norm(value)


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
                c.add(where, f'"{show(target)}" is not a step in this pathway.' + _suggest(target, ids))
        for i, src in enumerate(s.sources):
            if src not in sources:
                c.add(p + ("sources", i), f'"{show(src)}" is not listed under sources.' + _suggest(src, sources))
        if s.checklist and s.asks not in vocab.CHECKLIST:
            c.add(p, f'"{s.asks}" is not a risk checklist theme.' + _suggest(s.asks, vocab.CHECKLIST))
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


FACT_ANSWERS = {"risk": vocab.RISK_BANDS, "marac": ("yes", "no"), "children_to_mash": ("yes", "no"),
                "emergency_advice": ("yes", "no")}


def _check_answers(c: _Checker, steps: list[Step], paths: dict) -> None:
    """Every condition (route, skip_if, referral rule) and every assume uses an answer the question can have:
    a misspelt answer would make a rule that never fires, so a referral that is never offered."""
    allowed: dict = dict(FACT_ANSWERS)
    for s in steps:
        if s.asks and s.answers:
            if s.answers == "count":
                allowed[s.asks] = None       # a number, or dont_know
            elif allowed.get(s.asks, ()) is not None:
                given = vocab.ANSWER_TYPES[s.answers] or tuple(o.value for o in s.options)
                allowed[s.asks] = tuple(dict.fromkeys(allowed.get(s.asks, ()) + given))
    checks = [(path, qid, values, ", so this can never match") for path, qid, values in c.conditions]
    checks += [(paths[s.id] + ("assume",), s.asks, (str(s.assume),), "") for s in steps if s.assume is not None and s.asks]
    for path, qid, values, consequence in checks:
        if qid not in allowed:
            continue         # a question no step asks: reported already
        ok = allowed[qid]
        for value in values:
            if (value.isdigit() or value == "dont_know") if ok is None else value in ok:
                continue
            answers = "a number or dont_know" if ok is None else ", ".join(ok)
            c.add(path, f'"{show(value)}" is not an answer to "{qid}"{consequence}; the answers are '
                        f"{answers}." + _suggest(value, ok or ()))


def _check_message(c: _Checker, name, value, path: tuple, sources: dict) -> None:
    """One entry under messages: text (or, for emergency and marac_reasons, the mapping the engine reads),
    using only the {fields} the engine fills in."""
    if name == "emergency":
        if c.keys(value, path, {"text", "sources"}, "the emergency message", ("text",)):
            c.text(value.get("text"), path + ("text",), "the emergency message")
            for i, src in enumerate(c.id_list(value.get("sources"), path + ("sources",), "sources")):
                if src not in sources:
                    c.add(path + ("sources", i), f'"{show(src)}" is not listed under sources.' + _suggest(src, sources))
        return
    if name == "marac_reasons":
        if c.keys(value, path, set(MARAC_REASONS), "marac_reasons", MARAC_REASONS):
            for reason in MARAC_REASONS:
                if value.get(reason) is not None:
                    _message_text(c, value[reason], path + (reason,), f"the MARAC reason {reason}", MARAC_REASON_FIELDS)
        return
    _message_text(c, value, path, f'the message "{show(name)}"', MESSAGE_FIELDS.get(name))


def _message_text(c: _Checker, value, path: tuple, what: str, fields) -> None:
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
        if name not in fields or spec or conv:
            c.add(path, f'{what} uses "{{{show(name)}}}", which the bot cannot fill in: it may only use {allowed}')
            return


def _check_faq(c: _Checker, faq: dict, sources: dict) -> None:
    for topic, entry in faq.items():
        path = ("faq", str(_norm(topic)))
        if not isinstance(topic, str) or (topic not in FAQ_TOPICS and not _ID.match(topic)):
            c.add(path + ("<key>",), f'"{show(topic)}" is not a valid FAQ topic name')
            continue
        if c.keys(entry, path, {"text", "sources"}, f'the FAQ answer "{topic}"', ("text",)):
            c.text(entry.get("text"), path + ("text",), f'the FAQ answer "{topic}"')
            for i, src in enumerate(c.id_list(entry.get("sources"), path + ("sources",), "sources")):
                if src not in sources:
                    c.add(path + ("sources", i), f'"{show(src)}" is not listed under sources.' + _suggest(src, sources))


def _extends_problem(value, area) -> str | None:
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


def _read_file(path: Path, today: dt.date, national: bool = False) -> tuple[dict | None, _Checker, str]:
    c = _Checker(path.name, {}, today)
    try:
        text = read_text(path)
        parsed = parse_yaml(text)
    except YamlProblem as exc:
        for p in exc.others + [exc]:
            c.problems.append(Problem(path.name, p.line, p.column, p.message))
        return None, c, ""
    data, c.marks = parsed.data, parsed.marks
    for p in parsed.problems:
        c.problems.append(Problem(path.name, p.line, p.column, p.message))
        c.read_spots.add((p.line, p.column))
    if not isinstance(data, dict):
        what = "empty" if data is None else _kind_of(data)
        c.add((), f"a pathway file should be a set of 'key: value' lines (format, area, title, ...); this file is {what}")
        return None, c, ""
    data = _checked_top(c, data, path, today, national)
    return data, c, hashlib.sha256(text.encode()).hexdigest()[:12]


def _checked_top(c: _Checker, data: dict, path: Path, today: dt.date, national: bool) -> dict:
    """Check the top of a file (format, area, title, dates, sections' shapes) and return a copy of the data
    in which a section of the wrong shape is left out, so the rest of the checks can run on it."""
    c.keys(data, (), FILE_KEYS, "the pathway file", FILE_REQUIRED)
    data = dict(data)
    for key, shape in SECTION_TYPES.items():
        if data.get(key) is not None and not isinstance(data[key], shape):
            lines = "a list, each entry starting with '- '" if shape is list else "a set of 'key: value' lines"
            c.add((key,), f"{key} should be {lines}, not {_kind_of(data[key])}")
            data[key] = None
    fmt = data.get("format")
    if fmt not in (None, 1) or isinstance(fmt, bool):
        c.add(("format",), "format should be the number 1 (without quotes)" if fmt == "1"
              else "this version of pathbot reads format 1 files: write format: 1")
    area = data.get("area")
    if area not in (None, ""):
        if c.ident(area, ("area",), "area", "exampleshire") and area != path.stem:
            c.add(("area",), f'the area "{area}" should match the file name ({area}.yml), but this file is called '
                             f'{show(path.name)}.' + _odd_letters(path.stem).replace(" It contains", " The file name contains"))
    for key in ("title", "owner"):
        if data.get(key) not in (None, ""):
            c.text(data[key], (key,), key)
    if "demo" in data:
        c.boolean(data["demo"], ("demo",), "demo")
    due = c.date(data.get("review_due"), ("review_due",), "review_due")
    if due and due < today:
        c.add(("review_due",), f"the review of this file was due on {due}: check every entry and set a new review_due", "warning")
    elif due and (due - today).days > REVIEW_HORIZON_DAYS:
        c.add(("review_due",), f"review_due {due} is more than three years away: check the year", "warning")
    if national and "extends" in data:
        c.add(("extends", "<key>"), "national.yml is the baseline every area builds on: it cannot extend another "
                                    "file, so delete the extends line")
    elif not national:
        why = _extends_problem(data.get("extends", "national"), area)
        if why:
            c.add(("extends",), why)
    settings = data.get("settings") or {}
    if c.keys(settings, ("settings",), set(SETTINGS), "settings"):
        for key, value in settings.items():
            if key in SETTINGS:
                lo, hi = SETTINGS[key]
                if isinstance(lo, bool):
                    if not isinstance(value, bool):
                        c.add(("settings", key), f'{key} should be true or false, not "{c.written(value, ("settings", key))}"')
                elif not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                    c.add(("settings", key), f"{key} should be a whole number from {lo} to {hi}, not "
                                             f'"{c.written(value, ("settings", key))}"')
    for key, value in (data.get("sources") or {}).items():
        if not isinstance(key, str) or not _ID.match(key):
            c.add(("sources", str(_norm(key)), "<key>"), f'"{show(key)}" is not a valid source id: use lower-case '
                                                          "letters, digits and _")
        else:
            c.text(value, ("sources", key), f'the source "{key}"', required=True)
    return data


def _good_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


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
    medium, marac = settings.get("medium_threshold", 0), settings.get("marac_threshold", 99)
    if _good_int(medium) and _good_int(marac) and medium >= marac:
        c.add(("settings",), "medium_threshold should be lower than marac_threshold")
    given = data.get("messages") or {}
    messages = dict((base.messages if base else {}) | given)
    for name, value in given.items():
        _check_message(c, name, value, ("messages", str(_norm(name))), sources)
    if base is None and data.get("messages"):
        for name in MESSAGES_NEEDED:
            if name not in messages:
                c.add(("messages",), f'the message "{name}" is missing: the bot needs it')
    if "summary_heading_harm" in messages and "summary_record_harm" not in messages:
        c.add(("messages",), 'the message "summary_record_harm" is missing: the bot needs it with summary_heading_harm')
    faq = dict((base.faq if base else {}) | (data.get("faq") or {}))
    _check_faq(c, data.get("faq") or {}, sources)
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
        if paths:      # (with no steps at all, "needs a steps section" says it all)
            _check_flow(c, steps, paths, sources)
    rules = list(base.rules) if base else []
    for i, raw in enumerate(data.get("referral_rules") or [] if base is None else []):
        rpath = ("referral_rules", i)
        if c.keys(raw, rpath, RULE_KEYS, "a referral rule", ("when", "kinds", "why")) and None not in (
                raw.get("when"), raw.get("kinds"), raw.get("why")):
            kinds = c.kinds(raw["kinds"], rpath + ("kinds",))
            if not raw["kinds"]:
                c.add(rpath + ("kinds",), "a referral rule needs at least one kind, or it never offers anything")
            rules.append(Rule(_conditions(c, raw["when"], rpath + ("when",)), kinds,
                              c.text(raw["why"], rpath + ("why",), "why") or ""))
    if base is None and paths:
        _check_answers(c, steps, paths)
    services = list(base.services) if base else []
    ids = {s.id for s in services}
    max_age = settings.get("verification_max_age_days", 365)
    max_age = max_age if _good_int(max_age) else 365
    for i, raw in enumerate(data.get("services") or []):
        svc = _read_service(c, raw, ("services", i), base is not None, max_age)
        if svc is None:
            continue
        if svc.id in ids:
            c.add(("services", i, "id"), f'the service id "{svc.id}" is used twice')
            continue
        if svc.source is not None and svc.source not in sources:
            c.add(("services", i, "source"), f'"{show(svc.source)}" is not listed under sources.' + _suggest(svc.source, sources))
        ids.add(svc.id)
        services.append(svc)
    if any(p.severity == "error" for p in c.problems):
        return None
    return Pathway(
        area=data["area"], title=" ".join(data["title"].split()), owner=" ".join(data["owner"].split()),
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


def _load_one(path: Path, today: dt.date, base: Pathway | None) -> tuple[Pathway | None, list[Problem], dict]:
    """Check and build one file. Never raises: whatever is in the file, the result is problems, not a crash."""
    marks: dict = {}
    try:
        data, c, version = _read_file(path, today, national=base is None)
        marks = c.marks
        pathway = _build(data, c, base, version) if data is not None else None
        problems = c.problems
    except Exception as exc:    # a bug in pathbot, not the file's fault: report it as a problem, never a traceback
        pathway, problems = None, [Problem(path.name, 1, 1, f"pathbot could not finish checking this file "
                                                            f"({type(exc).__name__}), so it is not loaded: please "
                                                            "report this to the pathbot maintainers")]
    errors = [p for p in problems if p.severity == "error"]
    if len(errors) > MAX_PROBLEMS_PER_FILE:
        problems = [p for p in problems if p.severity != "error"] + errors[:MAX_PROBLEMS_PER_FILE]
        last = errors[MAX_PROBLEMS_PER_FILE - 1]
        problems.append(Problem(path.name, last.line, last.column,
                                f"... and {len(errors) - MAX_PROBLEMS_PER_FILE} more errors: fix the ones above first"))
    return pathway, problems, marks


def _stamp(path: Path):
    """What changes when a file is edited or replaced (None when it cannot be looked at)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev


def _same_file(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)      # never raises, even for a link loop


@_gc_paused
def load_pathways(folder: Path | None = None, today: dt.date | None = None,
                  files: list[Path] | None = None, cache: dict | None = None) -> Library:
    """Load national.yml and every area file in `folder` (or just `files`, with national from their folder).

    `cache` (a dict kept by the caller between loads, as the live registry does) skips re-reading an area
    file that has not changed since the last load, with the same national pathway and day."""
    folder = Path(folder or default_pathway_dir())
    today = today or dt.date.today()
    library = Library({}, [])
    national_path = folder / "national.yml"
    if files is None:
        try:
            listing = sorted(folder.iterdir())
        except OSError:
            listing = []
        chosen = [p for p in listing if p.suffix == ".yml" and p.name != "national.yml"]
        for p in listing:
            if p.suffix.lower() in (".yml", ".yaml") and p.suffix != ".yml":
                library.problems.append(Problem(p.name, 1, 1, f'this file is never read: pathway files must end in '
                                                              f'".yml", so rename it to {show(p.stem)}.yml'))
    else:
        chosen, seen = [], set()
        for p in map(Path, files):
            if os.path.realpath(p) not in seen:     # the same file given twice is checked once
                seen.add(os.path.realpath(p))
                chosen.append(p)
    national, problems, _ = _load_one(national_path, today, None)
    if not os.path.lexists(national_path):
        library.problems.append(Problem(national_path.name, 1, 1, f"there is no national.yml in "
                                        f"{show(str(folder), 200)}: area files build on it, so it must be in the "
                                        "same folder as them"))
    elif files is None or any(_same_file(f, national_path) for f in files):
        library.problems.extend(problems)
    elif national is None:
        library.problems.append(Problem(national_path.name, 1, 1,
                                        "the national pathway has errors: run pathbot pathways validate on it"))
    if national is None:
        return library
    library.pathways["national"] = national
    library.versions[national.version] = national
    declared: dict[str, Path] = {}
    for path in chosen:
        path = Path(path)
        if _same_file(path, national_path):
            continue
        stamp = _stamp(path)
        key = (national.version, today, stamp)
        if cache is not None and stamp is not None and cache.get(os.path.realpath(path), (None,))[0] == key:
            pathway, problems, marks = cache[os.path.realpath(path)][1]
            problems = list(problems)
        else:
            pathway, problems, marks = _load_one(path, today, national)
            if cache is not None and stamp is not None:
                cache[os.path.realpath(path)] = (key, (pathway, list(problems), marks))
        if files is not None and path.suffix != ".yml":
            problems.append(Problem(path.name, 1, 1, f'the assistant only reads files ending in ".yml" from the '
                                                     f'pathways folder: rename this file to {show(path.stem)}.yml',
                                    "warning"))
        if pathway is not None and pathway.area in declared:
            problems.append(Problem(path.name, *position(marks, ("area",)), f'the area "{pathway.area}" is also declared by '
                                                     f'{show(str(declared[pathway.area]), 200)}: each area has one file'))
            pathway = None
        if pathway is not None:
            declared[pathway.area] = path
            library.pathways[pathway.area] = pathway
            library.versions[pathway.version] = pathway
        library.problems.extend(problems)
    if cache is not None and files is None:
        kept = {os.path.realpath(p) for p in chosen}
        for gone in [k for k in cache if k not in kept]:      # a deleted or renamed file
            del cache[gone]
    return library
