"""An area's pathway as a picture: Graphviz DOT generated from the pathway YAML, drawn by `dot`.

    pathbot pathways render AREA --format svg|dot [-o FILE]

Stages are boxes around their steps; each question, piece of advice, routing decision and result
is a node, and every branch that ends the conversation early or diverts it (to the record, to
referral, to the branch for someone causing harm) is a labelled edge. The 24 risk-checklist themes
are drawn as one node. Emergency advice (from the question about immediate danger, and from any
step when the danger net fires on typed text) and the referral step, with how many referral rules
it applies, stand out. Every node has the SVG id `step_<id>` so the web chat can highlight the step
the conversation is at (`node_for`).

All wording comes from the pathway files and is untrusted: labels are quoted for DOT, and `dot`
escapes them for SVG. Drawing needs Graphviz's `dot` (Debian package `graphviz`); without it
`svg` raises `DotMissing` with a plain sentence, and `source` (the DOT text) still works.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import textwrap

from .pathways import Pathway, Step

CHECKLIST = "checklist"           # the node standing for every checklist theme
EMERGENCY = "emergency"           # the emergency-advice node
STAGES = {"enquiry": "1. Safe enquiry", "safety": "2. Immediate safety", "risk": "2. Risk identification",
          "needs": "3. Needs that change who to refer to", "referral": "3. Referral",
          "harm": "If the person discloses causing harm", "end": "The record"}
VALUE_WORDS = {"yes": "yes", "no": "no", "unsure": "not sure", "dont_know": "don't know"}
RESULTS = {"risk_result": "Risk result: score and band", "marac_result": "MARAC criteria: refer or not",
           "referrals": "Referral options", "summary": "Summary for the record"}
DOT_TIMEOUT = 20                   # seconds; a pathway draws in well under one


class DotMissing(RuntimeError):
    """Graphviz is not installed, so the picture cannot be drawn."""


MISSING = ("Graphviz is not installed, so the pathway diagram cannot be drawn. Install it with "
           "'apt-get install graphviz' (Debian/Ubuntu) or from graphviz.org; "
           "'--format dot' still gives the diagram's source.")


def node_for(pathway: Pathway, step_id: str | None, done: bool = False) -> str | None:
    """The node (SVG id without the "step_" prefix) that stands for a conversation at `step_id`."""
    if done:
        return "summary" if _has(pathway, "summary") else None
    if not step_id or not _has(pathway, step_id):
        return None
    return CHECKLIST if pathway.step(step_id).checklist else step_id


def source(pathway: Pathway) -> str:
    """The diagram as Graphviz DOT text."""
    ids = {s.id for s in pathway.steps}
    checklist = [s for s in pathway.steps if s.checklist]
    lines = ["digraph pathway {",
             f"  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, nodesep=0.3, ranksep=0.35, "
             f"labelloc=t, label={_q(pathway.title + ': the pathway')}];",
             "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#333333\", "
             "fontname=\"Helvetica\", fontsize=10, margin=\"0.12,0.06\"];",
             "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#444444\"];"]
    by_stage: dict[str, list[str]] = {}
    drawn: set[str] = set()
    for step in pathway.steps:
        name = CHECKLIST if step.checklist else step.id
        if name in drawn:
            continue
        drawn.add(name)
        by_stage.setdefault(step.stage, []).append(_node(pathway, step, len(checklist)))
    for i, (stage, nodes) in enumerate(by_stage.items()):
        lines.append(f"  subgraph cluster_{i} {{")
        lines.append(f"    label={_q(STAGES.get(stage, stage))}; style=\"rounded,dashed\"; color=\"#888888\";")
        lines += ["    " + n for n in nodes]
        lines.append("  }")
    if any(s.asks == "immediate_danger" for s in pathway.steps) or "emergency" in pathway.messages:
        text = " ".join(str(pathway.messages.get("emergency", {}).get("text", "")).split())
        first = re.split(r"(?<=[.)])\s", text, maxsplit=1)[0] if text else "Emergency advice"
        label = _wrap(first, 34, 120) + "\\n(from any step when danger is typed)"
        lines.append(f"  {_id(EMERGENCY)} [id=\"step_{EMERGENCY}\", shape=octagon, style=\"filled,bold\", "
                     f"fillcolor=\"#b00020\", fontcolor=\"#ffffff\", color=\"#600010\", label={_q(label)}];")
    edges: set[tuple[str, str, str, str]] = set()

    def node(step_id: str | None) -> str | None:
        if step_id is None or step_id not in ids:
            return None
        return CHECKLIST if pathway.step(step_id).checklist else step_id

    def edge(a: str, b: str | None, label: str = "", style: str = "") -> None:
        b = node(b)
        if b is None or (a == b and not label):
            return
        edges.add((a, b, label, style))

    for step in pathway.steps:
        me = node(step.id)
        if step.checklist and step is not checklist[-1]:
            continue                  # the checklist leaves from its last theme
        default = step.next or pathway.step_after(step.id)
        if step.asks:
            diverted = set()
            for value, branch in step.branches.items():
                if branch.next:
                    edge(me, branch.next, _value(value), _style(pathway, branch.next))
                    diverted.add(value)
            for option in step.options:
                if option.next:
                    edge(me, option.next, _wrap(option.title, 22, 44), _style(pathway, option.next))
                    diverted.add(option.value)
            if step.asks == "immediate_danger":
                edges.add((me, EMERGENCY, "yes", "danger"))
            if default and not (step.options and diverted >= {o.value for o in step.options}):
                edge(me, default)
        elif step.route:
            for conditions, target in step.route:
                edge(me, target, _conditions(conditions), _style(pathway, target))
            edge(me, default, "otherwise")
        elif step.do != "summary":
            edge(me, default)
    for a, b, label, style in sorted(edges):
        attrs = [f"label={_q(label)}"] if label else []
        if style == "ends":
            attrs.append("style=dashed, color=\"#8a5a00\", fontcolor=\"#8a5a00\"")
        elif style == "danger":
            attrs.append("style=bold, color=\"#b00020\", fontcolor=\"#b00020\"")
        lines.append(f"  {_id(a)} -> {_id(b)}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(pathway: Pathway) -> str:
    """The diagram drawn as SVG by Graphviz; DotMissing if `dot` is not installed."""
    dot = shutil.which("dot")
    if dot is None:
        raise DotMissing(MISSING)
    done = subprocess.run([dot, "-Tsvg"], input=source(pathway), capture_output=True, text=True,
                          timeout=DOT_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"Graphviz could not draw the diagram: {done.stderr.strip()[:300]}")
    out = done.stdout
    return out[out.find("<svg"):]     # without the XML prolog and DOCTYPE, so it can sit inside a page


# --- pieces -------------------------------------------------------------------------------

def _has(pathway: Pathway, step_id: str) -> bool:
    return any(s.id == step_id for s in pathway.steps)


def _node(pathway: Pathway, step: Step, themes: int) -> str:
    if step.checklist:
        label = f"Risk checklist: {themes} themes\\n(SafeLives DASH, paraphrased)\\nyes / no / don't know"
        return f"{_id(CHECKLIST)} [id=\"step_{CHECKLIST}\", fillcolor=\"#e8f0fe\", label={_q(label)}];"
    attrs = [f"id=\"step_{_safe(step.id)}\""]
    if step.asks:
        label = _wrap(step.ask or step.asks, 30, 110)
        notes = [f"advice if {_value(v)}" for v, b in step.branches.items() if b.say and not b.next]
        if step.skip_if:
            notes.append("skipped if " + _conditions(step.skip_if))
        if notes:
            label += "\\n(" + "; ".join(notes) + ")"
        attrs.append("fillcolor=\"#ffffff\"")
    elif step.route:
        label = "Which way next?"
        attrs.append("shape=diamond, style=filled, fillcolor=\"#f2f2f2\"")
    elif step.do:
        label = RESULTS.get(step.do, step.do.replace("_", " "))
        if step.do == "referrals":
            label += f"\\n({len(pathway.rules)} referral rules decide which services)"
            attrs.append("fillcolor=\"#dff5e1\", style=\"rounded,filled,bold\"")
        elif step.do == "summary":
            attrs.append("shape=doubleoctagon, style=filled, fillcolor=\"#eeeeee\"")
        else:
            attrs.append("fillcolor=\"#e8f0fe\"")
    else:
        label = _wrap(step.say or step.id, 30, 90)
        attrs.append("shape=note")
        if step.kind in ("warning", "emergency"):
            attrs.append("fillcolor=\"#fff3cd\"")
    return f"{_id(step.id if not step.checklist else CHECKLIST)} [{', '.join(attrs)}, label={_q(label)}];"


def _style(pathway: Pathway, target: str) -> str:
    """Branches that end the conversation early (straight to the record) are drawn dashed."""
    if target in ("summary",) or (_has(pathway, target) and pathway.step(target).do == "summary"):
        return "ends"
    return ""


def _value(value) -> str:
    return VALUE_WORDS.get(str(value), str(value).replace("_", " "))


def _conditions(conditions: dict) -> str:
    parts = []
    for key, values in conditions.items():
        values = values if isinstance(values, (list, tuple, set, frozenset)) else [values]
        parts.append(f"{str(key).replace('_', ' ')} = " + " or ".join(_value(v) for v in values))
    return _wrap("; ".join(parts), 24, 60)


def _wrap(text: str, width: int, limit: int) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[:limit - 1].rsplit(" ", 1)[0] + "\u2026"
    return "\\n".join(textwrap.wrap(text, width)) or " "


def _safe(step_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", step_id)


def _id(step_id: str) -> str:
    return _q("n_" + _safe(step_id))


def _q(text: str) -> str:
    """A DOT quoted string. `\\n` line breaks made by _wrap are kept; any other backslash is doubled."""
    text = str(text).replace("\\n", "\x00").replace("\\", "\\\\").replace("\x00", "\\n")
    return '"' + text.replace('"', '\\"').replace("\n", " ").replace("\r", " ") + '"'
