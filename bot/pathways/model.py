"""The loaded pathway: steps, services, referral rules and settings of one area (the national baseline with
the area on top), and the problems found while loading."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..yaml_source import BAD_CHARS, show


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
    group: str | None = None   # the group (one screen) this question belongs to, under `groups:`
    item: str | None = None    # its short title in a tick-all-that-apply list


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
    nations: tuple[str, ...] = ()   # where it serves (england, wales, scotland, northern_ireland, uk)
    first_when: dict = field(default_factory=dict)   # a condition: when the case meets it, shown first of its kind
    not_for: dict = field(default_factory=dict)      # a condition: when the case meets it, not offered (who it excludes)


@dataclass(frozen=True)
class Range:
    """A numeric test in a condition, e.g. {at_least: 3}: each bound a whole number, or the name of a
    numeric setting (so an area's own threshold is used), or None for no bound."""
    at_least: int | str | None = None
    at_most: int | str | None = None


@dataclass(frozen=True)
class Rule:
    """A referral rule: when the case meets `when`, offer services of `kinds`, saying `why`.
    `when` maps a question id or case fact to the answers that match (a tuple) or a Range."""
    id: str
    when: dict
    kinds: tuple[str, ...]
    why: str
    local: bool = False        # added or changed by the area file


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
    groups: dict = field(default_factory=dict)    # group id -> {"select": "many" | "each", "ask": heading}
    nation: str | None = None  # the area's nation; None: not said (only UK-wide national services are shown)

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
        return f"{show(self.file, 200)}:{self.line}:{self.column}: {tag}{BAD_CHARS.sub(visible, self.message)}"


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


def visible(match) -> str:
    return f"<U+{ord(match.group()):04X}>"

