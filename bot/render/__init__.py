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

from .content import stages
from .html_page import as_html
from .markdown_text import as_markdown

__all__ = ["FORMATS", "as_html", "as_markdown", "stages"]

FORMATS = {"md": as_markdown, "html": as_html}
