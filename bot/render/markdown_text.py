"""The printable document as Markdown."""
from __future__ import annotations

import datetime as dt
import html
import re

from ..pathways import Pathway
from .content import (SETTING_WORDS, at_a_glance, header_rows, ordered_services, plain, service_fields, stages,
                      verification)


def _md(text: str) -> str:
    """Plain text safe inside Markdown (no accidental formatting, no raw HTML)."""
    text = html.escape(plain(text), quote=False)
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


def as_markdown(pathway: Pathway, today: dt.date) -> str:
    out = []
    if pathway.demo:
        out += [f"> **{_md(pathway.messages.get('demo_notice', 'DEMO DATA'))}**", ""]
    out += [f"# {_md(pathway.title)}", "",
            "Domestic abuse: safe enquiry, immediate safety and risk, local referral. A guide for health staff.", ""]
    out += [f"- **{label}:** {_md(text)}" for label, text in header_rows(pathway, today)]
    emergency = plain(pathway.messages.get("emergency"))
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
    out += [f"| {_md(k)} | {_md(n)} | {c} |" for k, n, c in at_a_glance(pathway)]
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
