"""What every channel shows: channel-neutral messages and their buttons.

The engine writes these and channels render them; neither needs the other's code. A question
that takes several answers at once (issue #9) may also carry `items` and `select`; every such
message keeps ordinary `buttons` too, so a channel that ignores `items` still works.

The privacy guard's refusal of typed text is marked (`refusal`), so a channel knows to blank or
delete what was typed by a flag, never by the wording (which clinicians and reviewers may change).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Item:
    """One part of a several-answers question: ticked ("many") or given one of its `choices` ("each")."""
    id: str
    title: str
    choices: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Message:
    text: str
    kind: str = "info"                 # info | question | warning | emergency
    buttons: tuple[Button, ...] = ()
    asks: str | None = None            # the question id being asked
    items: tuple[Item, ...] = ()       # several answers at once, sent back as one "/set id=value;..." payload
    select: str | None = None          # "many" (tick all that apply) | "each" (one choice per item) | None
    refusal: bool = False              # the privacy guard refused what was typed: it was not kept

    def as_json(self) -> dict:
        out = {"text": self.text, "kind": self.kind, "asks": self.asks,
               "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons]}
        if self.items:
            out["items"] = [{"id": i.id, "title": i.title,
                             "choices": [{"title": c.title, "payload": c.payload} for c in i.choices]}
                            for i in self.items]
            out["select"] = self.select
        if self.refusal:
            out["refusal"] = True
        return out


def refused(messages) -> bool:
    """Whether a turn's reply says the privacy guard refused what was typed (nothing of it was kept):
    the channel then blanks the message on screen, or asks the clinician to delete it."""
    return any(getattr(m, "refusal", False) for m in messages)


def heading(message: Message) -> str:
    """A several-answers question's text without the lines that repeat its items (the first item's
    question for a themed group, numbered lines for a tick list): what a channel that shows the
    items as inputs puts above them. Any other message's text as it is."""
    if not message.items:
        return message.text
    titles = {item.title for item in message.items}
    numbered = {f"{n}. {item.title}" for n, item in enumerate(message.items, 1)}
    kept = [line for line in message.text.split("\n") if line.strip() not in titles | numbered]
    return "\n".join(kept) or message.text
