"""Channel-neutral messages as Teams activities: plain text, and Adaptive Cards (version 1.5) for
questions and emergency advice.

- info and warning messages in a row go out as one text message (fewer posts, fewer 429s), each
  line its own Markdown paragraph with Markdown's special characters escaped;
- emergency advice is a card of its own, in a red "attention" container, bold, after a siren;
- a question (any message with buttons) is a card: its text, then its choices as `Action.Submit`
  buttons whose data is `{"payload": ..., "gen": ...}` (`gen` is the turn's random tag, so a press
  on an old card is recognised); a question that takes several answers at once (`Message.items`)
  gets toggles ("many") or one choice set per item ("each") and a single send button, answered
  with one `/set id=value;...` payload;
- once answered, a card is replaced by a copy without buttons that shows the answer.

Nothing here reads or echoes what the clinician typed.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from ...messages import Message, heading

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"                     # Teams renders up to 1.5
ACTIONS_PER_SET = 5                      # Teams shows at most 6 actions in a set; keep a margin
ITEM_PREFIX = "item."                    # input ids of a several-answers card
PAYLOAD_CHARS = 64
SIREN = "\N{POLICE CARS REVOLVING LIGHT}"
WARNING = "\N{WARNING SIGN}\ufe0f"


def _text(text: str, **style) -> dict:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _lines(text: str, **style) -> list[dict]:
    """One TextBlock per line: Teams' renderers disagree on what a single newline means."""
    lines = [line for line in text.split("\n") if line.strip()] or [""]
    return [_text(line, **style, **({"spacing": "Small"} if i else {})) for i, line in enumerate(lines)]


def as_markdown(text: str) -> str:
    """A plain-text message for Teams, which reads message text as Markdown: each line its own
    paragraph (a single newline would be lost), and Markdown's emphasis characters escaped."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n\n".join(_ESCAPE.sub(r"\\\1", line) for line in lines)


_ESCAPE = re.compile(r"([\\`*_~<>#|])")


def _items(message: Message) -> tuple:
    return tuple(message.items or ())


def _select(message: Message) -> str | None:
    return message.select if message.items else None


def card(body: list[dict], fallback: str) -> dict:
    """An Adaptive Card attachment holding `body`; `fallback` is what clients that cannot show cards say."""
    return {"contentType": CARD_TYPE,
            "content": {"type": "AdaptiveCard", "$schema": SCHEMA, "version": CARD_VERSION,
                        "body": body, "fallbackText": fallback[:1000], "msteams": {"width": "Full"}}}


def _alarm(text: str) -> dict:
    """Emergency advice: a red container, bold, after a siren."""
    return {"type": "Container", "style": "attention", "bleed": True,
            "items": _lines(f"{SIREN} {text}", weight="Bolder", color="Attention", size="Medium")}


def emergency_card(text: str) -> dict:
    return card([_alarm(text)], f"{SIREN} {text}")


def _question_body(message) -> list[dict]:
    """The message's own text: emergency advice stays red even with buttons; a warning keeps its sign."""
    if message.kind == "emergency":
        return [_alarm(message.text)]
    sign = f"{WARNING} " if message.kind == "warning" else ""
    return _lines(sign + heading(message), weight="Bolder" if message.kind == "question" else "Default")


def _inputs(message) -> list[dict]:
    """Toggles for "tick all that apply" (numbered, as typed numbers answer it too), one expanded
    choice set per item for a themed group."""
    out = []
    for n, item in enumerate(_items(message), 1):
        if _select(message) == "each":
            out.append({"type": "Input.ChoiceSet", "id": ITEM_PREFIX + item.id, "label": item.title,
                        "style": "expanded", "isRequired": False, "wrap": True, "spacing": "Medium",
                        "choices": [{"title": c.title, "value": c.payload} for c in item.choices]})
        else:
            out.append({"type": "Input.Toggle", "id": ITEM_PREFIX + item.id, "title": f"{n}. {item.title}",
                        "valueOn": "yes", "valueOff": "no", "value": "no", "wrap": True})
    return out


def _action_sets(actions: list[dict]) -> list[dict]:
    return [{"type": "ActionSet", "actions": actions[i:i + ACTIONS_PER_SET]}
            for i in range(0, len(actions), ACTIONS_PER_SET)]


def question_card(message, gen: str, send_title: str, one_at_a_time: str = "") -> dict:
    """A question with its buttons: answers first, then Back / Help / Restart and the like.
    A several-answers question: its inputs and one send button that carries them; its ordinary
    buttons (answering a themed group's first question, or "none of these") follow, under
    `one_at_a_time` for a themed group, and carry no inputs."""
    body = _question_body(message) + _inputs(message)
    items = bool(_items(message))

    def submit(title: str, payload: str) -> dict:
        action = {"type": "Action.Submit", "title": title[:80], "data": {"payload": payload, "gen": gen}}
        return {**action, "associatedInputs": "none"} if items else action

    answers = [submit(b.title, b.payload) for b in message.buttons if not b.payload.startswith("/")]
    navigation = [submit(b.title, b.payload) for b in message.buttons if b.payload.startswith("/")]
    if items:
        send = {"type": "Action.Submit", "title": send_title[:80], "style": "positive",
                "data": {"payload": "/set", "gen": gen}}
        body += _action_sets([send])
        if answers and _select(message) == "each" and one_at_a_time:
            body.append(_text(f"{one_at_a_time} {_items(message)[0].title}", isSubtle=True, spacing="Medium"))
    body += _action_sets(answers) + _action_sets(navigation)
    titles = " | ".join(b.title for b in message.buttons)
    return card(body, f"{message.text}\n{titles}")


def answered_card(message, note: str) -> dict:
    """The copy that replaces an answered card: the question (a tick list's items too) and the
    answer, each question of a themed group with its own answer; no buttons."""
    body = _question_body(message)
    if _select(message) != "each":
        body += [_text(f"- {item.title}", isSubtle=True, spacing="None") for item in _items(message)]
    body += _lines(note, isSubtle=True, weight="Bolder", color="Good")
    return card(body, f"{message.text}\n{note}")


def plan(messages: Iterable, gen: str, send_title: str, one_at_a_time: str = "") -> list[dict]:
    """Activities (as dicts for the SDK's Activity) for one turn's messages, in order.
    The last question card is marked `"question": True` so the caller can remember its id."""
    out: list[dict] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            out.append({"type": "message", "text": "\n\n".join(text), "textFormat": "markdown"})
            text.clear()

    for m in messages:
        if m.kind == "emergency" and not m.buttons:
            flush()
            out.append({"type": "message", "attachments": [emergency_card(m.text)]})
        elif m.buttons or _items(m):
            flush()
            out.append({"type": "message", "attachments": [question_card(m, gen, send_title, one_at_a_time)],
                        "question": True})
        else:
            text.append((f"{WARNING} " if m.kind == "warning" else "") + as_markdown(m.text))
    flush()
    questions = [a for a in out if a.pop("question", False)]
    if questions:
        questions[-1]["question"] = True
    return out


def question_of(messages: Sequence):
    """The message that asks the question now waiting (the last one with buttons or items), if any."""
    return next((m for m in reversed(list(messages)) if m.buttons or _items(m)), None)


def _answer_line(question: str, answer: str) -> str:
    return f"- {question} {answer}" if question.rstrip().endswith("?") else f"- {question}: {answer}"


NOTHING_CHOSEN = "nothing chosen"      # a themed group sent with no answer chosen: ask again, plainly


def read_press(value: object, question) -> tuple[str | None, str | None]:
    """(payload, what to show as the answer) from a card press's `value`, checked against the question
    now waiting; (None, None) for anything else, (None, NOTHING_CHOSEN) for a themed group sent with
    no answer. A `/set` press is built from the card's inputs, keeping only the question's own item
    ids and choices (for a tick list, no inputs at all means none ticked), and any other payload
    must be one of the question's buttons: a forged value, which never passed the privacy guard,
    goes nowhere."""
    if not isinstance(value, dict) or not isinstance(value.get("payload"), str):
        return None, None
    payload = value["payload"][:PAYLOAD_CHARS]
    each = _select(question) == "each" if question is not None else False
    if payload == "/set" and question is not None and _items(question):
        pairs, shown = [], []
        for item in _items(question):
            got = value.get(ITEM_PREFIX + item.id)
            if each:
                choice = next((c for c in item.choices if c.payload == got), None)
                if choice is not None:
                    pairs.append(f"{item.id}={choice.payload}")
                    shown.append(_answer_line(item.title, choice.title))
            else:
                ticked = str(got).lower() in ("yes", "true")
                pairs.append(f"{item.id}={'yes' if ticked else 'no'}")
                if ticked:
                    shown.append(item.title)
        if each and not pairs:
            return None, NOTHING_CHOSEN
        return "/set " + ";".join(pairs), ("\n" + "\n".join(shown) if each else "; ".join(shown) or "none of these")
    buttons = question.buttons if question is not None else ()
    title = next((b.title for b in buttons if b.payload == payload), None)
    if title is None:
        return None, None          # not a button of the question now waiting: never passed on
    if each and not payload.startswith("/"):        # one at a time: the group's first question
        return payload, "\n" + _answer_line(_items(question)[0].title, title)
    return payload, title
