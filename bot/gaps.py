"""Gap report: which kinds of service each area lacks, and which entries are out of date.

    pathbot pathways gaps [AREA ...] [--format text|md|json] [--today YYYY-MM-DD]

For commissioners: every service kind in the shared vocabulary (a complete local
response, drawn from NICE PH50 recommendation 1 and the Coordinated Community
Response) is marked `local` (the area lists a local service of that kind),
`national_only` (only a national service covers it) or `missing`; then every
local entry that is out of date: never verified, verified longer ago than the
area's `verification_max_age_days`, or in a file whose `review_due` has passed.

The JSON shape (one object per area, in a list) is a contract:
    {"area": "exampleshire", "title": "...", "today": "2026-11-21",
     "kinds": {"emergency": "national_only", "police": "local", ...},   # every kind, vocabulary order
     "out_of_date": [{"service": "exampleshire_lgbt", "name": "...", "last_verified": null,
                      "reason": "never_verified"}, ...],
     "review_due": "2027-05-31", "review_overdue": false}
`reason` is one of `never_verified`, `older_than_max_age`, `file_review_overdue`.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from . import vocab
from .pathways import Pathway

LOCAL, NATIONAL_ONLY, MISSING = "local", "national_only", "missing"
HEADING = ("Service coverage: every kind of service a complete local response needs "
           "(drawn from NICE PH50 recommendation 1 and the Coordinated Community Response)")
STATUS_WORDS = {LOCAL: "local service", NATIONAL_ONLY: "national only", MISSING: "MISSING"}
REASONS = ("never_verified", "older_than_max_age", "file_review_overdue")


@dataclass(frozen=True)
class OutOfDate:
    service: str
    name: str
    last_verified: dt.date | None
    reason: str                  # one of REASONS

    def describe(self, pathway: Pathway) -> str:
        if self.reason == "never_verified":
            return "never verified"
        if self.reason == "older_than_max_age":
            return (f"last verified {self.last_verified}, more than "
                    f"{pathway.settings['verification_max_age_days']} days ago")
        return f"last verified {self.last_verified}, but the file's review was due on {pathway.review_due}"


@dataclass(frozen=True)
class Gaps:
    pathway: Pathway
    today: dt.date
    kinds: dict                  # kind -> local | national_only | missing, in vocabulary order
    out_of_date: tuple[OutOfDate, ...]

    @property
    def review_overdue(self) -> bool:
        return self.pathway.review_due < self.today

    def with_status(self, status: str) -> list[str]:
        return [k for k, s in self.kinds.items() if s == status]

    def as_json(self) -> dict:
        p = self.pathway
        return {"area": p.area, "title": p.title, "today": self.today.isoformat(),
                "kinds": dict(self.kinds),
                "out_of_date": [{"service": o.service, "name": o.name,
                                 "last_verified": o.last_verified.isoformat() if o.last_verified else None,
                                 "reason": o.reason} for o in self.out_of_date],
                "review_due": p.review_due.isoformat(), "review_overdue": self.review_overdue}


def gaps(pathway: Pathway, today: dt.date) -> Gaps:
    """The coverage of every service kind and the out-of-date entries of one area.

    Only the area's own entries are checked for dates (the ones its commissioner can fix);
    ask for the area `national` to check the national entries."""
    own = [s for s in pathway.services if s.local or pathway.area == "national"]
    local_kinds = {k for s in pathway.services if s.local for k in s.kinds}
    any_kinds = {k for s in pathway.services for k in s.kinds}
    kinds = {k: LOCAL if k in local_kinds else NATIONAL_ONLY if k in any_kinds else MISSING
             for k in vocab.SERVICE_KINDS}
    max_age = pathway.settings["verification_max_age_days"]
    overdue = pathway.review_due < today
    stale = []
    for s in own:
        if s.last_verified is None:
            reason = "never_verified"
        elif (today - s.last_verified).days > max_age:
            reason = "older_than_max_age"
        elif overdue:
            reason = "file_review_overdue"
        else:
            continue
        stale.append(OutOfDate(s.id, s.name, s.last_verified, reason))
    return Gaps(pathway, today, kinds, tuple(stale))


# --- output -------------------------------------------------------------------------------

def _kind(kind: str) -> str:
    """Kinds are shown as the ids written in pathway files, so the report says what to add."""
    return kind


def _names(g: Gaps, kind: str) -> str:
    """The services of a kind, local ones (or, failing those, national ones)."""
    services = [s for s in g.pathway.services if kind in s.kinds]
    local = [s for s in services if s.local]
    return "; ".join(s.name for s in (local or services))


def as_text(reports: list[Gaps]) -> str:
    lines = [HEADING + "."]
    for g in reports:
        p = g.pathway
        lines += ["", f"{p.title} [{p.area}]",
                  f"  Review due {p.review_due}" + (" - OVERDUE: check every entry and set a new review_due"
                                                   if g.review_overdue else " (in date)")]
        for status, label in ((MISSING, "Missing"), (NATIONAL_ONLY, "National only"), (LOCAL, "Local")):
            kinds = g.with_status(status)
            lines.append(f"  {label} ({len(kinds)}): " + (", ".join(map(_kind, kinds)) if kinds else "none"))
        lines.append(f"  Out of date ({len(g.out_of_date)})" + (":" if g.out_of_date else ": none"))
        lines += [f"    - {o.service} ({o.name}): {o.describe(p)}" for o in g.out_of_date]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def as_markdown(reports: list[Gaps]) -> str:
    out = [f"# {HEADING}", ""]
    for g in reports:
        p = g.pathway
        out += [f"## {_cell(p.title)} (`{p.area}`)", "",
                f"Checked on {g.today}. Review due {p.review_due}"
                + (" - **overdue**: check every entry and set a new `review_due`." if g.review_overdue else "."), "",
                f"Local: {len(g.with_status(LOCAL))}, national only: {len(g.with_status(NATIONAL_ONLY))}, "
                f"missing: {len(g.with_status(MISSING))} of {len(g.kinds)} kinds.", "",
                "| Service kind | Coverage | Services |", "|---|---|---|"]
        for kind, status in g.kinds.items():
            word = f"**{STATUS_WORDS[status]}**" if status == MISSING else STATUS_WORDS[status]
            out.append(f"| `{_kind(kind)}` | {word} | {_cell(_names(g, kind)) or '-'} |")
        out += ["", f"### Out of date ({len(g.out_of_date)})", ""]
        if g.out_of_date:
            out += ["| Service id | Name | Last verified | Why |", "|---|---|---|---|"]
            out += [f"| `{o.service}` | {_cell(o.name)} | {o.last_verified or 'never'} | {_cell(o.describe(p))} |"
                    for o in g.out_of_date]
        else:
            out.append("None: every entry was verified recently enough.")
        out.append("")
    return "\n".join(out)


def as_json(reports: list[Gaps]) -> str:
    return json.dumps([g.as_json() for g in reports], indent=2) + "\n"


FORMATS = {"text": as_text, "md": as_markdown, "json": as_json}
