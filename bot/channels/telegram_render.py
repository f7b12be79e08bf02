"""Telegram's side of a reply: messages as HTML bodies within 4,096 characters (emergency advice
bold after a siren), choices as inline keyboards whose callback data starts with the turn's random
generation (a payload too long for 64 bytes is kept in the session, the button carries its index),
and emergency advice ahead of everything else."""
from __future__ import annotations

import html
from typing import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from ..messages import Button, Message

GEN_CHARS = 6                                               # hex characters of a turn's button generation
TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH                   # 4096
CALLBACK_LIMIT = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA  # 64 bytes
PREFIX = {"emergency": "\N{POLICE CARS REVOLVING LIGHT} ", "warning": "\N{WARNING SIGN}\ufe0f "}


_ESCAPED = {"&": 5, "<": 4, ">": 4}                         # &amp; &lt; &gt; (html.escape, quote=False)


def _cost(ch: str) -> int:
    """What one character takes in an HTML message body, in the UTF-16 units Telegram counts."""
    return _ESCAPED.get(ch) or (2 if ord(ch) > 0xFFFF else 1)


def text_cost(text: str) -> int:
    """What a whole text takes in an HTML message body, in UTF-16 units."""
    return len(html.escape(text, quote=False).encode("utf-16-le")) // 2


def split_text(text: str, limit: int) -> list[str]:
    """`text` in pieces whose escaped length fits `limit`, broken at a newline or a space where possible."""
    if text_cost(text) <= limit:                           # nearly always: one piece, no character walk
        return [text]
    pieces: list[str] = []
    while text:
        used, cut = 0, None
        for i, ch in enumerate(text):
            used += _cost(ch)
            if used > limit:
                cut = i
                break
        if cut is None:
            pieces.append(text)
            break
        window = text[:cut]
        newline, space = window.rfind("\n"), window.rfind(" ")
        at = newline if newline >= cut // 2 else space if space >= cut // 2 else max(newline, space)
        at = at if at > 0 else cut
        pieces.append(text[:at].rstrip())
        text = text[at:].lstrip()
    return pieces or [""]


def render(message: Message) -> list[str]:
    """A message as HTML bodies: escaped, emergency advice bold after a siren, each within 4,096 characters."""
    prefix = PREFIX.get(message.kind, "")
    bold = message.kind == "emergency"
    wrap = len("<b></b>") if bold else 0
    room = TEXT_LIMIT - wrap - len(prefix.encode("utf-16-le")) // 2
    bodies = []
    for i, piece in enumerate(split_text(message.text, room)):
        body = html.escape(piece, quote=False)
        body = f"<b>{body}</b>" if bold else body
        bodies.append((prefix if i == 0 else "") + body)
    return bodies


def callback_data(gen: str, index: int, button: Button, long: dict[str, str]) -> str:
    """`gen:payload`, or `gen#index` (payload kept in the session) when that would pass 64 bytes."""
    data = f"{gen}:{button.payload}"
    if len(data.encode()) <= CALLBACK_LIMIT:
        return data
    long[str(index)] = button.payload
    return f"{gen}#{index}"


def read_callback(data: str | None, record: dict | None) -> str | None:
    """The payload a pressed button carries, or None unless it belongs to the question now waiting."""
    if not data or record is None or len(data) <= GEN_CHARS + 1 or data[:GEN_CHARS] != record.get("gen"):
        return None
    sep, rest = data[GEN_CHARS], data[GEN_CHARS + 1:]
    if sep == ":":
        return rest
    if sep == "#":
        return (record.get("long") or {}).get(rest)
    return None


def keyboard(buttons: Sequence[Button], gen: str, long: dict[str, str], start: int = 0) -> InlineKeyboardMarkup:
    """Answers first (short ones three to a row, long ones alone), then Back / Help / Restart."""
    rows: list[list[InlineKeyboardButton]] = []
    numbered = list(enumerate(buttons, start))
    for group in ([(i, b) for i, b in numbered if not b.payload.startswith("/")],
                  [(i, b) for i, b in numbered if b.payload.startswith("/")]):
        row: list[InlineKeyboardButton] = []
        for i, b in group:
            key = InlineKeyboardButton(b.title, callback_data=callback_data(gen, i, b, long))
            if len(b.title) > 14:
                rows += [row, [key]] if row else [[key]]
                row = []
                continue
            row.append(key)
            if len(row) == 3:
                rows.append(row)
                row = []
        if row:
            rows.append(row)
    return InlineKeyboardMarkup(rows)


TICKED, UNTICKED = "\u2705 ", "\u2b1c "
DONE = "done"


def tick_list(message: Message) -> bool:
    """A "tick all that apply" question (Message.select "many"), shown as toggle buttons."""
    return message.select == "many" and bool(message.items)


def tick_keyboard(message: Message, gen: str, long: dict[str, str], start: int, ticked: Iterable[int],
                  done_title: str) -> InlineKeyboardMarkup:
    """One toggle per item (`gen!index`: only the item's number travels, never its words), each
    showing whether it is ticked, then the Done button (`gen!done`), then the message's own buttons
    ("None of these", Back, Help, Restart)."""
    ticked = set(ticked)
    rows = [[InlineKeyboardButton((TICKED if i in ticked else UNTICKED) + item.title, callback_data=f"{gen}!{i}")]
            for i, item in enumerate(message.items)]
    rows.append([InlineKeyboardButton(done_title, callback_data=f"{gen}!{DONE}")])
    return InlineKeyboardMarkup(rows + list(keyboard(message.buttons, gen, long, start).inline_keyboard))


def read_toggle(data: str | None, record: dict | None) -> str | int | None:
    """A toggle pressed on the tick list now waiting: the item's number, or DONE; None for anything else."""
    if not data or record is None or "tick" not in record or data[:GEN_CHARS] != record.get("gen") \
            or data[GEN_CHARS:GEN_CHARS + 1] != "!":
        return None
    rest = data[GEN_CHARS + 1:]
    if rest == DONE:
        return DONE
    return int(rest) if rest.isdigit() and len(rest) < 4 else None


def ticked_payload(message: Message, ticked: Iterable[int]) -> str:
    """The one answer a tick list takes: `/set id=yes;...` for the ticked items (unlisted ones count as no)."""
    ids = [message.items[i].id for i in sorted(set(ticked)) if 0 <= i < len(message.items)]
    return "/set " + ";".join(f"{i}=yes" for i in ids) if ids else "/set"


def prepare(messages: Iterable[Message], gen: str, done_title: str = "Done",
            ticked: Iterable[int] = ()) -> tuple[list[tuple[str, InlineKeyboardMarkup | None]], dict]:
    """Telegram message bodies, each with its keyboard (on a split message's last piece), and long payloads."""
    parts: list[tuple[str, InlineKeyboardMarkup | None]] = []
    long: dict[str, str] = {}
    offset = 0
    for m in messages:
        bodies = render(m)
        if tick_list(m):
            markup = tick_keyboard(m, gen, long, offset, ticked, done_title)
        else:
            markup = keyboard(m.buttons, gen, long, offset) if m.buttons else None
        offset += len(m.buttons)
        parts += [(b, None) for b in bodies[:-1]] + [(bodies[-1], markup)]
    return parts, long


def urgent_first(messages: Iterable[Message]) -> list[Message]:
    """Emergency advice ahead of everything else in a reply (notes, the intro, the question)."""
    messages = list(messages)
    return [m for m in messages if m.kind == "emergency"] + [m for m in messages if m.kind != "emergency"]


def urgent_parts(messages: Sequence[Message]) -> int:
    """How many Telegram bodies the leading emergency messages take."""
    count = 0
    for m in messages:
        if m.kind != "emergency":
            break
        count += len(render(m))
    return count
