"""Answers a clinician can ask for at any step: the pathway's FAQ answers, in this area's own figures, and
the sources a step or answer rests on."""
from __future__ import annotations

from .messages import Message
from .pathways import Pathway


def sources_line(pathway: Pathway, ids) -> str:
    return pathway.messages["summary_sources"] + " " + "; ".join(pathway.sources.get(i, i) for i in ids)


def answer(topic: str, pathway: Pathway) -> list[Message]:
    """The pathway's answer, with this area's own thresholds; a question no topic fits well says so."""
    entry = pathway.faq.get(topic)
    if entry is None:
        return [Message(" ".join(pathway.messages.get("faq_no_match", pathway.messages["not_understood"]).split()))]
    text = _with_settings(" ".join(entry["text"].split()), pathway)
    return [Message(text + "\n" + sources_line(pathway, entry.get("sources", ())))]


class _Settings(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"      # a field this pathway has no setting for stays as written


def _with_settings(text: str, pathway: Pathway) -> str:
    """FAQ wording with {marac_threshold}, {area} ... filled from the pathway in use (never national
    figures inside an area with its own)."""
    where = pathway.messages.get("faq_area_national" if pathway.area == "national" else "faq_area", "this area")
    try:
        return text.format_map(_Settings(pathway.settings, area=where))
    except (ValueError, AttributeError, IndexError):
        return text
