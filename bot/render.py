"""An area's pathway as a printable document, for practice handbooks and locum packs.

    pathbot pathways render AREA --format md|html [-o FILE] [--today YYYY-MM-DD]

The document has: the title, a DEMO banner for fictional areas, the owner and
review date; immediate-danger advice; the three stages (safe enquiry; immediate
safety and risk identification; referral) with every question and piece of
advice in the order the assistant uses them, the risk checklist as a numbered
list of themes paraphrased from SafeLives DASH, and the branch for someone who
discloses causing harm; the area's thresholds; every service (local first,
then national) with its contacts, how to refer, consent, eligibility and the
date it was last verified; and the sources.

All wording comes from the pathway files. Pathway text is untrusted input: the
HTML escapes every piece of it with html.escape, and the page loads nothing
(no scripts, no links to fetch; one self-contained file with print CSS for A4).
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from .pathways import Pathway, Range, Service, Step
from .risk import band_starts
from .verification import staleness

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


def _s(value) -> str:
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
        text = " ".join(t for t in (_s(branch.say), _sentence(_where(pathway, branch.next))) if t)
        if text:
            branches.append((f"If {_words(value)}", text))
    return Item("question", _s(step.ask), answers=answers, help=_s(step.help), branches=branches)


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
            text = _s(reasons.get(key, key.replace("_", " ")))
            text = (text.replace("{score}", f"{s.get('marac_threshold')} or more")
                    .replace("{threshold}", str(threshold))
                    .replace("{callouts}", f"{s.get('escalation_callouts')} or more"))
            rows.append(text)
        return Item("note", "Refer to the MARAC if any one of these is met: " + "; ".join(rows) + ".")
    if step.do == "referrals":
        rows = [(_conditions(r.when, s), ", ".join(k.replace("_", " ") for k in r.kinds), _s(r.why))
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
            question = f'"{_s(step_asking.ask)}"' if step_asking else _label(qid)
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
                checklist.themes.append(_s(step.ask))
            elif step.ask:
                items.append(_question(pathway, step))
            elif step.say:
                items.append(Item("say", _s(step.say), kind_of_message=step.kind))
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
            ("Consent", CONSENT.get(service.consent, _s(service.consent)) if service.consent else ""),
            ("Eligibility", service.eligibility), ("Languages", ", ".join(map(str, service.languages))),
            ("Notes", service.notes),
            ("Source", _s(pathway.sources.get(service.source, service.source)) if service.source else "")]
    return [(label, _s(text)) for label, text in rows if text]


def verification(service: Service, pathway: Pathway, today: dt.date) -> tuple[str, str | None]:
    """('Last verified 2026-10-01' or 'Never verified', the stale warning or None)."""
    when = f"Last verified {service.last_verified}" if service.last_verified else "Never verified"
    stale = staleness(service, pathway, today)
    return when, _s(stale) if stale else None


def _meta(pathway: Pathway, today: dt.date) -> list[tuple[str, str]]:
    overdue = pathway.review_due < today
    return [("Owner", _s(pathway.owner)),
            ("Review due", f"{pathway.review_due}" + (" - OVERDUE: check every contact before use" if overdue else "")),
            ("Pathway version", pathway.version),
            ("Printed", f"{today}. Printed copies go out of date: check the assistant or the pathway owner for changes.")]


def _at_a_glance(pathway: Pathway) -> list[tuple[str, str, str]]:
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


# --- Markdown ---------------------------------------------------------------------------

def _md(text: str) -> str:
    """Plain text safe inside Markdown (no accidental formatting, no raw HTML)."""
    text = html.escape(_s(text), quote=False)
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


def as_markdown(pathway: Pathway, today: dt.date) -> str:
    out = []
    if pathway.demo:
        out += [f"> **{_md(pathway.messages.get('demo_notice', 'DEMO DATA'))}**", ""]
    out += [f"# {_md(pathway.title)}", "",
            "Domestic abuse: safe enquiry, immediate safety and risk, local referral. A guide for health staff.", ""]
    out += [f"- **{label}:** {_md(text)}" for label, text in _meta(pathway, today)]
    emergency = _s(pathway.messages.get("emergency"))
    if emergency:
        out += ["", "> **Immediate danger, at any point**", ">", f"> {_md(emergency)}"]
    out += ["", "## Thresholds for this area", "", "| Setting | Value |", "|---|---|"]
    for key, words in SETTING_WORDS:
        value = pathway.settings.get(key)
        value = ("yes" if value else "no") if isinstance(value, bool) else value
        out.append(f"| {_md(words)} | {_md(value)} |")
    for stage in stages(pathway):
        out += ["", f"## {stage.heading}", ""]
        n = 0
        for item in stage.items:
            if item.kind == "question":
                n += 1
                out.append(f"{n}. **{_md(item.text)}**" + (f"  \n   Answers: {_md(item.answers)}" if item.answers else ""))
                if item.help:
                    out.append(f"   - Guidance: {_md(item.help)}")
                out += [f"   - *{label}:* {_md(text)}" for label, text in item.branches]
            elif item.kind == "say":
                flag = "**Warning:** " if item.kind_of_message in ("warning", "emergency") else ""
                out += ["", f"> {flag}{_md(item.text)}", ""]
            elif item.kind == "checklist":
                out += ["", "### Risk checklist (themes paraphrased from SafeLives DASH)", "", _md(item.text), ""]
                out += [f"{i}. {_md(t)}" for i, t in enumerate(item.themes, 1)]
                out.append("")
            elif item.kind == "note":
                out += ["", f"*{_md(item.text)}*", ""]
            elif item.kind == "rules":
                out += ["", _md(item.text), "", "| When | Offer | Why |", "|---|---|---|"]
                out += [f"| {_md(w)} | {_md(k)} | {_md(y)} |" for w, k, y in item.rows]
                out.append("")
    local, national = ordered_services(pathway)
    out += ["", "## Services", "", "### At a glance", "", "| Kind | Services (phone) | Cover |", "|---|---|---|"]
    out += [f"| {_md(k)} | {_md(n)} | {c} |" for k, n, c in _at_a_glance(pathway)]
    for heading, group in (("Local services", local), ("National services", national)):
        out += ["", f"### {heading}", ""]
        for s in group:
            when, stale = verification(s, pathway, today)
            out += [f"#### {_md(s.name)}", ""]
            out += [f"- **{label}:** {_md(text)}" for label, text in service_fields(s, pathway)]
            out += [f"- **Verified:** {when}" + (f" - **{_md(stale)}**" if stale else ""), ""]
    out += ["## Sources", ""]
    out += [f"- {_md(text)}" for text in pathway.sources.values()]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


# --- HTML -------------------------------------------------------------------------------

def _e(text) -> str:
    return html.escape(_s(text), quote=True)


def _css_string(text: str) -> str:
    """Text as a CSS string literal: anything but plain characters is escaped as hex."""
    return '"' + "".join(c if re.fullmatch(r"[A-Za-z0-9 _.,:()-]", c) else f"\\{ord(c):x} " for c in text) + '"'


CSS = """
@page { size: A4; margin: 16mm 15mm 18mm; @bottom-center { content: %(footer)s " - page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #555; } }
:root { --ink: #1a1a1a; --accent: #1d4e89; --danger: #a4161a; --muted: #555; --rule: #c9c9c9; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 180mm; padding: 8mm 6mm; }
h1 { font-size: 22pt; line-height: 1.15; margin: 4mm 0 2mm; color: var(--accent); }
h2 { font-size: 15pt; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 1mm; margin: 0 0 4mm; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; }
h4 { font-size: 11pt; margin: 0 0 1.5mm; }
p { margin: 0 0 2mm; }
.subtitle { font-size: 12pt; color: var(--muted); margin-bottom: 5mm; }
.demo { border: 3px solid var(--danger); color: var(--danger); background: #fff3f3; font-weight: 700; text-align: center; padding: 2.5mm; margin: 0 0 4mm; letter-spacing: .02em; }
.tag-demo { color: var(--danger); font-size: 9pt; font-weight: 700; border: 1px solid var(--danger); padding: 0 1.5mm; margin-left: 2mm; vertical-align: middle; }
dl.meta { display: grid; grid-template-columns: 40mm 1fr; gap: 1mm 4mm; margin: 0 0 5mm; }
dl.meta dt { font-weight: 700; } dl.meta dd { margin: 0; }
.overdue { color: var(--danger); font-weight: 700; }
.emergency { border-left: 5px solid var(--danger); background: #fdecea; padding: 3mm 4mm; margin: 4mm 0; break-inside: avoid; }
.emergency h2 { color: var(--danger); border: 0; font-size: 13pt; margin: 0 0 1.5mm; padding: 0; }
nav ul { columns: 2; margin: 0; padding: 0; list-style: none; }
nav li { margin: 0 0 1mm; }
section { break-before: page; padding-top: 2mm; }
section.front { break-before: auto; padding-top: 0; }
section.front th { font-weight: 400; background: none; }
nav h2, section.front h2 { font-size: 12.5pt; margin-top: 5mm; }
ol.steps { padding-left: 7mm; margin: 0; }
ol.steps > li { margin: 0 0 3mm; break-inside: avoid; }
.ask { font-weight: 700; margin: 0 0 .8mm; }
.answers { color: var(--muted); font-size: 9.5pt; margin: 0 0 .8mm; }
.help, .branch { margin: .8mm 0 0; font-size: 10pt; }
.label { font-weight: 700; }
.say { border-left: 3px solid var(--rule); padding: 1mm 0 1mm 3mm; margin: 0 0 3mm; break-inside: avoid; }
.say.warning, .say.emergency { border-left-color: var(--danger); background: #fff6f0; }
.note { font-style: italic; background: #f3f6fa; padding: 2mm 3mm; margin: 0 0 3mm; break-inside: avoid; }
.checklist { border: 1px solid var(--rule); padding: 3mm 4mm; margin: 0 0 4mm; }
.checklist h3 { margin-top: 0; }
.checklist ol { columns: 2; column-gap: 8mm; padding-left: 6mm; margin: 2mm 0 0; font-size: 9.5pt; }
.checklist li { break-inside: avoid; margin: 0 0 1mm; }
table { border-collapse: collapse; width: 100%%; font-size: 9.5pt; margin: 2mm 0 4mm; }
th, td { border: 1px solid var(--rule); padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.service { border: 1px solid var(--rule); border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 3mm; break-inside: avoid; }
.service.national { border-style: dashed; }
.service dl { display: grid; grid-template-columns: 28mm 1fr; gap: .6mm 3mm; margin: 0; font-size: 9.5pt; }
.service dt { font-weight: 700; color: var(--muted); } .service dd { margin: 0; }
.verified { margin: 1.5mm 0 0; font-size: 9pt; color: var(--muted); }
.stale { color: var(--danger); font-weight: 700; }
.group-heading { break-before: page; }
ol.sources { font-size: 9.5pt; }
@media print { a { color: inherit; text-decoration: none; } }
@media screen { body { padding: 10mm 8mm; } section:not(.front) { border-top: 1px dashed var(--rule); margin-top: 10mm; } }
"""


def _dl(rows, cls: str) -> str:
    return f'<dl class="{cls}">' + "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _item_html(item: Item) -> str:
    if item.kind == "question":
        parts = [f'<p class="ask">{_e(item.text)}</p>']
        if item.answers:
            parts.append(f'<p class="answers">Answers: {_e(item.answers)}</p>')
        if item.help:
            parts.append(f'<p class="help"><span class="label">Guidance:</span> {_e(item.help)}</p>')
        parts += [f'<p class="branch"><span class="label">{_e(label)}:</span> {_e(text)}</p>'
                  for label, text in item.branches]
        return "<li>" + "".join(parts) + "</li>"
    if item.kind == "say":
        return f'<div class="say {_e(item.kind_of_message)}"><p>{_e(item.text)}</p></div>'
    if item.kind == "checklist":
        themes = "".join(f"<li>{_e(t)}</li>" for t in item.themes)
        return (f'<div class="checklist"><h3>Risk checklist: themes paraphrased from SafeLives DASH</h3>'
                f"<p>{_e(item.text)}</p><ol>{themes}</ol></div>")
    if item.kind == "note":
        return f'<p class="note">{_e(item.text)}</p>'
    rows = "".join(f"<tr><td>{_e(w)}</td><td>{_e(k)}</td><td>{_e(y)}</td></tr>" for w, k, y in item.rows)
    return (f'<p>{_e(item.text)}</p><table><thead><tr><th scope="col">When</th><th scope="col">Offer</th>'
            f'<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table>')


def _stage_html(stage: Stage) -> str:
    """Questions as a numbered list; advice, notes and tables between them close and reopen the list."""
    out, open_list, n = [f'<section id="{stage.id}" aria-labelledby="h-{stage.id}">',
                         f'<h2 id="h-{stage.id}">{_e(stage.heading)}</h2>'], False, 0
    for item in stage.items:
        if item.kind == "question":
            if not open_list:
                out.append(f'<ol class="steps" start="{n + 1}">')
                open_list = True
            n += 1
        elif open_list:
            out.append("</ol>")
            open_list = False
        out.append(_item_html(item))
    if open_list:
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)


def _service_html(service: Service, pathway: Pathway, today: dt.date) -> str:
    when, stale = verification(service, pathway, today)
    fields = [(label, _e(text)) for label, text in service_fields(service, pathway)]
    flag = f' <span class="stale">{_e(stale)}</span>' if stale else ""
    cls = "service local" if service.local else "service national"
    return (f'<article class="{cls}" id="svc-{_e(service.id)}"><h4>{_e(service.name)}</h4>'
            + _dl(fields, "fields") + f'<p class="verified">{_e(when)}.{flag}</p></article>')


def as_html(pathway: Pathway, today: dt.date) -> str:
    demo = pathway.demo
    footer = (f"{pathway.area} pathway" + (" - DEMO, fictional" if demo else "")
              + f" - printed {today} - review due {pathway.review_due}")
    css = CSS % {"footer": _css_string(footer)}
    demo_tag = ' <span class="tag-demo">DEMO</span>' if demo else ""
    meta = []
    for label, text in _meta(pathway, today):
        value = _e(text)
        if label == "Review due" and pathway.review_due < today:
            value = f'<span class="overdue">{value}</span>'
        meta.append((label, value))
    parts = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             # nothing may load: no scripts, no remote fetches, only the inline style
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             f"<title>{_e(pathway.title)} - domestic abuse pathway</title>", f"<style>{css}</style>", "</head>",
             "<body>", "<header>"]
    if demo:
        parts.append(f'<p class="demo" role="note">{_e(pathway.messages.get("demo_notice", "DEMO DATA"))}</p>')
    parts += [f"<h1>{_e(pathway.title)}</h1>",
              '<p class="subtitle">Domestic abuse: safe enquiry, immediate safety and risk, local referral. '
              "A guide for health staff.</p>", _dl(meta, "meta")]
    parts.append("</header>\n<main>")
    emergency = _s(pathway.messages.get("emergency"))
    if emergency:
        parts.append(f'<aside class="emergency" aria-labelledby="h-danger"><h2 id="h-danger">Immediate danger, '
                     f"at any point</h2><p>{_e(emergency)}</p></aside>")
    rows = []
    for key, words in SETTING_WORDS:
        value = pathway.settings.get(key)
        value = ("yes" if value else "no") if isinstance(value, bool) else value
        rows.append(f"<tr><th scope=\"row\">{_e(words)}</th><td>{_e(value)}</td></tr>")
    # short, and needed with the checklist: on the front page rather than a page of its own
    parts.append('<section id="thresholds" class="front" aria-labelledby="h-thresholds"><h2 id="h-thresholds">'
                 f"Thresholds for this area</h2><table><tbody>{''.join(rows)}</tbody></table></section>")
    all_stages = stages(pathway)
    toc = ([("thresholds", "Thresholds for this area")] + [(s.id, s.heading) for s in all_stages]
           + [("services", "Services"), ("sources", "Sources")])
    parts.append('<nav aria-label="Contents"><h2>Contents</h2><ul>'
                 + "".join(f'<li><a href="#{i}">{_e(h)}</a></li>' for i, h in toc) + "</ul></nav>")
    parts += [_stage_html(s) for s in all_stages]
    local, national = ordered_services(pathway)
    glance = "".join(f"<tr><td>{_e(k)}</td><td>{_e(n)}</td><td>{_e(c)}</td></tr>" for k, n, c in _at_a_glance(pathway))
    parts.append(f'<section id="services" aria-labelledby="h-services"><h2 id="h-services">Services{demo_tag}</h2>'
                 '<p>Local services first, then national ones. Check the verification date before you use a contact.</p>'
                 '<h3>At a glance</h3><table><thead><tr><th scope="col">Kind</th><th scope="col">Services (phone)</th>'
                 f'<th scope="col">Cover</th></tr></thead><tbody>{glance}</tbody></table>')
    for heading, group, cls in (("Local services", local, "local"), ("National services", national, "national")):
        parts.append(f'<h3 class="group-heading" id="{cls}">{heading} ({len(group)})</h3>')
        parts += [_service_html(s, pathway, today) for s in group]
    parts.append("</section>")
    sources = "".join(f"<li>{_e(text)}</li>" for text in pathway.sources.values())
    parts.append(f'<section id="sources" aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>'
                 f'<ol class="sources">{sources}</ol></section>')
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


FORMATS = {"md": as_markdown, "html": as_html}
