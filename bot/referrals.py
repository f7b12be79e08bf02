"""The referral list a case ends with: which services to show first, and what "More services" adds.

For each kind of service the case needs (the referral rules, bot/rules.py) the first view shows the most
relevant service: one whose `first_when` condition the case meets (e.g. a health IDVA below high risk),
else the area's own before national ones, in file order. Services for another nation never
reach an area at all (bot/pathways/loading.py drops them when the area file is merged onto national.yml).

Nothing the case must act on waits behind a button. Kinds brought in by a safety-floor rule (999, the
MARAC referral and its IDVA, child safeguarding: bot/pathways/floor.py), and children's social care
whichever rule brought it in, come first and show every local service; with no local one, the first
national one. The other services of every kind (national helplines
after the local service, a second local service) wait behind one "More services" button, whose payload
(`/more`) the engine answers with `more(...)` at any time after the list was shown. Both views are built
from the state alone, so pressing it after a restart of the bot, or twice, shows the same services.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .messages import Button, Message
from .pathways import Pathway, Service
from .pathways.floor import FLOOR_RULES
from .rules import matches
from .verification import staleness

MORE = "/more"


@dataclass(frozen=True)
class Entry:
    """One kind of service on the list: why the case needs it, what the first view shows, what waits."""
    kind: str
    why: str
    shown: tuple[Service, ...]
    more: tuple[Service, ...]


# Kinds whose every local service is in the first view although no floor rule brought them in: which
# safeguarding team is the clinician's own (GP practice or hospital trust) is not something the bot knows.
EVERY_LOCAL = ("safeguarding_lead",)
# Kinds that are an action the case must take whichever rule brought them in (an area's own "every case
# with children to the MASH" as well as the national floor rules): at the top, every local service shown.
ACTIONS = ("mash",)


def ranked(pathway: Pathway, kind: str, facts: dict | None = None) -> list[Service]:
    """The area's services of a kind, most relevant first: any whose `first_when` the case meets, then
    local ones, then national ones, each in file order. A service whose `not_for` the case meets (a
    women-only helpline, for a man) is not offered at all: the next of its kind, or "none listed", is
    truer than a service that will turn the person away."""
    def first(s: Service) -> bool:
        return bool(s.first_when) and facts is not None and matches(s.first_when, facts, pathway.settings)

    def excluded(s: Service) -> bool:
        return bool(s.not_for) and facts is not None and matches(s.not_for, facts, pathway.settings)
    services = [s for s in pathway.services if kind in s.kinds and not excluded(s)]
    return sorted(services, key=lambda s: (not first(s), not s.local))


def entries(kinds: list[tuple[str, str]], pathway: Pathway, facts: dict) -> list[Entry]:
    """The list for a case: `kinds` is (kind, why) in rule order; `facts` the case facts the rules test."""
    floor = {k for r in pathway.rules if r.id in FLOOR_RULES and matches(r.when, facts, pathway.settings)
             for k in r.kinds} | {k for k, _ in kinds if k in ACTIONS}
    out = []
    for kind, why in kinds:
        services = ranked(pathway, kind, facts)
        local = [s for s in services if s.local]
        first = (local or services[:1]) if kind in floor or kind in EVERY_LOCAL else services[:1]
        out.append(Entry(kind, why, tuple(first), tuple(s for s in services if s not in first)))
    return sorted(out, key=lambda e: e.kind not in floor)      # the actions the case needs first (stable)


def first_view(kinds: list[tuple[str, str]], pathway: Pathway, facts: dict, today: dt.date) -> Message:
    """The referral list as first shown: one service per kind (every local one for the floor's kinds)."""
    m = pathway.messages
    lines = _preamble(pathway, today)
    listed = entries(kinds, pathway, facts)
    seen: set[str] = set()
    for e in listed:
        lines.append(f"{_title(e.kind)}: {e.why}")
        if not e.shown:
            lines.append(m["no_service_for_kind"].format(kind=e.kind.replace("_", " ")))
        lines.extend(_once(s, seen, pathway, today) for s in e.shown)
    hidden = sum(len(e.more) for e in listed)
    if not hidden:
        return Message("\n".join(lines), "info")
    lines.append(m["more_services_note"].format(count=hidden))
    return Message("\n".join(lines), "info", (more_button(pathway),))


def more(kinds: list[tuple[str, str]], pathway: Pathway, facts: dict, today: dt.date) -> Message:
    """What "More services" shows: the services the first view left out, by kind."""
    lines = [pathway.messages["more_services_heading"].format(area=pathway.title)]
    listed = entries(kinds, pathway, facts)
    seen = {s.id for e in listed for s in e.shown}        # in the first view already
    for e in listed:
        if e.more:
            lines.append(f"{_title(e.kind)}:")
            lines.extend(_once(s, seen, pathway, today) for s in e.more)
    if len(lines) == 1:
        lines.append(pathway.messages["more_services_none"])
    return Message("\n".join(lines), "info")


def hidden_count(kinds: list[tuple[str, str]], pathway: Pathway, facts: dict) -> int:
    return sum(len(e.more) for e in entries(kinds, pathway, facts))


def more_button(pathway: Pathway) -> Button:
    return Button(pathway.messages["more_services"], MORE)


def _preamble(pathway: Pathway, today: dt.date) -> list[str]:
    m = pathway.messages
    lines = [m["demo_notice"]] if pathway.demo else []
    if pathway.review_due < today:
        lines.append(m["file_overdue"].format(date=pathway.review_due.isoformat()))
    if pathway.nation is None:
        lines.append(m["nation_unknown"])
    lines.append(m["referrals_heading"].format(area=pathway.title))
    return lines


def _once(service: Service, seen: set[str], pathway: Pathway, today: dt.date) -> str:
    """A service in full the first time the list shows it; after that (a women's aid service that is
    both the helpline and the outreach service) by name only, so the list stays short."""
    if service.id in seen:
        return pathway.messages["service_listed_above"].format(name=service.name)
    seen.add(service.id)
    return service_line(service, pathway, today)


def _title(kind: str) -> str:
    return kind.replace("_", " ").upper()


def service_line(service: Service, pathway: Pathway, today: dt.date) -> str:
    """One service in one line: contact, hours, who it is for, how to refer, consent, and whether it is verified."""
    secure = f"secure email {service.secure_email}" if service.secure_email else None   # where forms must go
    contact = ", ".join(x for x in (service.phone, service.email, secure) if x)
    parts = [f"- {service.name}" + (f": {contact}" if contact else "")]
    if service.out_of_hours_phone:
        parts.append(f"out of hours {service.out_of_hours_phone}")
    if service.hours:
        parts.append(f"({service.hours})")
    if service.eligibility:
        parts.append(f"For: {service.eligibility}.")
    parts.append(f"How to refer: {service.referral}")
    if service.consent == "not_if_high_risk":
        parts.append("Consent: not needed at high risk.")
    elif service.consent == "required":
        parts.append("Consent: needed.")
    stale = staleness(service, pathway, today)
    if stale:
        parts.append(f"[{stale}]")
    return " ".join(parts)
