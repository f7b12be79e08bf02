"""The printable document as one self-contained HTML page (print CSS for A4, no scripts, nothing fetched);
every piece of pathway text escaped."""
from __future__ import annotations

import datetime as dt
import html
import re

from ..pathways import Pathway, Service
from .content import (SETTING_WORDS, Item, Stage, at_a_glance, header_rows, ordered_services, plain, service_fields,
                      stages, verification)


def _e(text) -> str:
    return html.escape(plain(text), quote=True)


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
    for label, text in header_rows(pathway, today):
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
    emergency = plain(pathway.messages.get("emergency"))
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
    glance = "".join(f"<tr><td>{_e(k)}</td><td>{_e(n)}</td><td>{_e(c)}</td></tr>" for k, n, c in at_a_glance(pathway))
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
